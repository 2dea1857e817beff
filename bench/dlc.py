"""dlc's side of the benchmark: finds (or builds, through utils/setup.sh) the build, reads the
named pipelines from `dlc-opt --help` so that the fusion-off pipeline is dhlo-optimize's and
dlc-lower-to-cpu's current steps less the fusing ones (never a copy of
lib/Transforms/NamedPipelines.c that could drift), and runs `dlc-run --benchmark=N` (once with --check), parsing its stable lines."""

import os
import re
import subprocess

from workloads import ROOT

BENCH_LINE = re.compile(r"^dlc-run: benchmark @\S+: (\d+) runs, median ([\d.]+) ms", re.M)
COST_LINE = re.compile(r"at the median \((?:(\d+) FLOP, )?(\d+) bytes per call", re.M)


TIMEOUT_S = 900  # one dlc-run: compiling and timing


class DlcError(Exception):
    pass


def build_dir():
    """The build to measure: $DLC_BUILD_DIR (relative to the repository root) or build/;
    built with utils/setup.sh when its dlc-run is missing."""
    path = os.path.join(ROOT, os.environ.get("DLC_BUILD_DIR", "build"))
    if not os.path.exists(os.path.join(path, "bin", "dlc-run")):
        print(f"bench: no dlc-run in {path}; building it with utils/setup.sh", flush=True)
        subprocess.run([os.path.join(ROOT, "utils", "setup.sh")], cwd=ROOT, check=True,
                       env=dict(os.environ, DLC_BUILD_DIR=path))
    return path


def split_elements(text):
    """Top-level elements of a pipeline text: commas inside (), {} or quotes do not split."""
    elements, depth, start, quote = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quote = not quote
        elif not quote and ch in "({":
            depth += 1
        elif not quote and ch in ")}":
            depth -= 1
        elif not quote and ch == "," and depth == 0:
            elements.append(text[start:i])
            start = i + 1
    elements.append(text[start:])
    return [e.strip() for e in elements if e.strip()]


def named_pipelines(help_text):
    """{name: (pipeline text with ${option} placeholders, {option: default})} from the
    'dlc pipelines:' part of dlc-opt --help."""
    section = help_text.split("dlc pipelines:", 1)[-1]
    pipelines = {}
    for block in re.split(r"^  --", section, flags=re.M)[1:]:
        name = block.split()[0]
        options = dict(re.findall(r"^\s+([\w-]+)=<\w+> \(default ([^)]*)\)", block, re.M))
        text = re.search(r"^\s+= (.*)$", block, re.M)
        if text:
            pipelines[name] = (text.group(1), options)
    return pipelines


def expand(named, pipeline, overrides):
    """`pipeline`'s text with its option values (defaults, then `overrides`) substituted."""
    body, defaults = named[pipeline]
    for option, value in dict(defaults, **overrides).items():
        body = body.replace("${" + option + "}", str(value))
    return body


# The steps that fuse: dhlo-fusion forms the graph's fusions; in the lowering,
# linalg-fuse-elementwise-ops merges elementwise loop nests and dlc-fuse-epilogues moves an
# output fusion's epilogue into its matmul's tiles. Fusion off removes all three, so that
# every dhlo op is its own loop nest writing its own buffer.
FUSION_STEPS = re.compile(r"(dhlo-fusion|linalg-fuse-elementwise-ops|dlc-fuse-epilogues)\b")


def without_fusion(named, pipeline, overrides):
    """`pipeline`'s top-level steps (defaults, then `overrides`, substituted) less its
    fusion steps; an error if it has none, since fusion-off would then measure nothing."""
    steps = split_elements(expand(named, pipeline, overrides))
    kept = [e for e in steps if not FUSION_STEPS.match(e)]
    if len(kept) == len(steps):
        raise DlcError(f"{pipeline} has no top-level fusion step to remove")
    return kept


class Dlc:
    def __init__(self, threads):
        self.bin = os.path.join(build_dir(), "bin")
        help_text = self._run(["dlc-opt", "--help"]).stdout
        named = named_pipelines(help_text)
        if "dhlo-optimize" not in named or "dlc-lower-to-cpu" not in named:
            raise DlcError("dlc-opt --help lists no dhlo-optimize or dlc-lower-to-cpu pipeline")
        # The lead's `threads` option of dlc-lower-to-cpu, when this build has it.
        self.threads = threads if "threads" in named["dlc-lower-to-cpu"][1] else None
        lower = "dlc-lower-to-cpu" + (f"{{threads={threads}}}" if self.threads else "")
        self.pipelines = {
            "dlc": f"builtin.module(dhlo-optimize,{lower})",
            "dlc_nofusion": "builtin.module(" + ",".join(
                without_fusion(named, "dhlo-optimize", {}) +
                without_fusion(named, "dlc-lower-to-cpu",
                               {"threads": threads} if self.threads else {})) + ")",
        }

    def _run(self, argv):
        try:
            return subprocess.run([os.path.join(self.bin, argv[0])] + argv[1:], cwd=ROOT,
                                  capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise DlcError(f"{argv[0]} took over {TIMEOUT_S} s (compile and runs)") from None

    def fusions(self, workload):
        """How many dhlo.fusion ops dhlo-optimize makes of the workload (0: fusion-off is
        the same program), or None if dlc-opt fails."""
        proc = self._run(["dlc-opt", workload.path(), "--pass-pipeline=builtin.module(dhlo-optimize)"])
        return proc.stdout.count('"dhlo.fusion"') if proc.returncode == 0 else None

    def run(self, engine, workload, inputs, runs, check_out=None):
        """Times `runs` calls: {'ms': median, 'flop': per call or None, 'bytes': per call}.
        With `check_out`, the same process writes its first result there and, unless the
        workload opts out, checks it against the reference evaluator (one compile less):
        'check' is then (passed, dlc-run's last check line). A failed check stops dlc-run
        before it times anything."""
        argv = ["dlc-run", workload.path(), f"--benchmark={runs}",
                "--pipeline=" + self.pipelines[engine]] + [f"--input={f}" for f in inputs]
        if check_out:
            argv.append(f"--output={check_out}")
        if check_out and workload.reference_check:
            argv += ["--check", f"--rtol={workload.rtol}", f"--atol={workload.atol}"]
        proc = self._run(argv)
        result = {}
        if check_out and workload.reference_check:
            lines = [l for l in proc.stdout.splitlines() if re.match(r"dlc-run: output #", l)]
            passed = bool(lines) and all(" matches " in l for l in lines)
            result["check"] = (passed, (lines or (proc.stderr.strip().splitlines() or
                                                  [f"exit {proc.returncode}"]))[-1])
            if not passed:
                return result
        median, cost = BENCH_LINE.search(proc.stdout), COST_LINE.search(proc.stdout)
        if proc.returncode != 0 or not median or not cost:
            raise DlcError(f"dlc-run {workload.name} ({engine}) failed: " +
                           (proc.stderr.strip().splitlines() or ["no output"])[-1])
        result.update(ms=float(median.group(2)), bytes=int(cost.group(2)),
                      flop=int(cost.group(1)) if cost.group(1) else None)
        return result
