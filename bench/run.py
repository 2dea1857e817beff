#!/usr/bin/env python3
"""dlc's benchmark (issue 4): runs every workload with dlc (`dlc-run --benchmark=N`), with dlc
with fusion off, and with its peers (numpy on OpenBLAS, PyTorch CPU, ONNX Runtime), each
measurement in its own subprocess of this script, rounds interleaved; then prints Markdown
tables of the medians, the rates, dlc's speed against each peer and the targets met.
  bench/run.py [--threads N] [--repeat R] [--only WORKLOAD[,...]] [--json FILE]
Peers are installed by bench/setup.sh; dlc's build is $DLC_BUILD_DIR (default build/), made
by utils/setup.sh when it is missing. See bench/README.md."""

import os
import sys

try:
    import numpy as np
except ImportError:
    # Debian's numpy, torch and onnx belong to /usr/bin/python3 (another python3 may come first).
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("bench: needs numpy (bench/setup.sh installs python3-numpy)")

import argparse
import json
import statistics
import subprocess
import tempfile

import dlc
import peer
import report
import workloads
from workloads import BENCH

ENGINES = ["dlc", "dlc_nofusion", "numpy", "torch", "ort"]
PEER_TIMEOUT_S = 600


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=os.cpu_count(),
                   help="threads of every engine (default: all cores, %(default)s)")
    p.add_argument("--repeat", type=int, default=3,
                   help="rounds; each engine's figure is the median of its round medians")
    p.add_argument("--only", default="", help="comma-separated workloads (default: all)")
    p.add_argument("--json", help="also write every measurement to this file")
    args = p.parse_args()
    args.only = workloads.parse_only(p, args.only, [w.name for w in workloads.WORKLOADS])
    if args.threads < 1 or args.repeat < 1:
        p.error("--threads and --repeat must be positive")
    return args


def peer_env(threads):
    """The peers' environment: every thread count set; OPENBLAS_CORETYPE/L2_SIZE, which this
    workplace may set to steer old OpenBLAS builds, removed so OpenBLAS picks its own kernel
    (reported from threadpoolctl)."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[k] = str(threads)
    return env


def probe(code, env):
    """What a snippet of Python prints in the peers' environment, or None if it fails."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return proc.stdout.strip() if proc.returncode == 0 else None


def available_peers(env):
    """{peer: version text} for the peers that can run here."""
    found = {"numpy": "numpy " + np.__version__}
    blas = probe("import numpy, threadpoolctl\nfor i in threadpoolctl.threadpool_info():\n"
                 " print(i['internal_api'], i['version'], i.get('architecture'), i['threading_layer'],"
                 " i['num_threads'], 'threads')", env)
    found["numpy"] += f" ({blas.splitlines()[0]})" if blas else " (BLAS unknown: no threadpoolctl)"
    torch = probe("import torch; print(torch.__version__)", env)
    if torch:
        found["torch"] = "PyTorch " + torch
    ort_pkg = os.path.join(BENCH, "node", "node_modules", "onnxruntime-node", "package.json")
    has_onnx = probe("import onnx", env) is not None
    if os.path.exists(ort_pkg) and has_onnx and subprocess.run(["node", "--version"],
                                                              capture_output=True).returncode == 0:
        with open(ort_pkg) as f:
            found["ort"] = "ONNX Runtime (onnxruntime-node) " + json.load(f)["version"]
    return found


class Bench:
    def __init__(self, args, tmp):
        self.args, self.tmp = args, tmp
        self.env = peer_env(args.threads)
        self.dlc = dlc.Dlc(args.threads)
        self.peers = available_peers(self.env)
        self.results = {}   # workload -> the report's record

    def path(self, *parts):
        return os.path.join(self.tmp, ".".join(parts))

    def command(self, engine, w, inputs):
        out = self.path(w.name, engine, "npy")
        runs, threads = str(w.runs), str(self.args.threads)
        if engine == "ort":
            return ["node", os.path.join(BENCH, "node", "ort.js"), self.path(w.name, "onnx"),
                    runs, threads, out] + inputs
        return [sys.executable, os.path.join(BENCH, "peer.py"), engine, w.math, runs, threads,
                out] + inputs

    def measure(self, engine, w, inputs):
        """Median ms of one measurement, or raises with the reason. dlc's first measurement
        is also its check against the reference evaluator."""
        record = self.results[w.name]
        if engine.startswith("dlc"):
            first = engine == "dlc" and record["check"] is None
            out = self.dlc.run(engine, w, inputs, w.runs,
                               self.path(w.name, "dlc_check", "npy") if first else None)
            if first and "check" not in out:
                record["check"] = {"passed": None, "line": "skipped (reference too slow)"}
            elif first:
                passed, line = out["check"]
                record["check"] = {"passed": passed, "line": line}
                print(f"bench: {w.name}: dlc-run --check: {line}", file=sys.stderr, flush=True)
                if not passed:  # timed all the same, and reported as failing its check
                    out = self.dlc.run(engine, w, inputs, w.runs)
            record["cost"] = {"flop": out["flop"], "bytes": out["bytes"]}
            return out["ms"]
        proc = subprocess.run(self.command(engine, w, inputs), capture_output=True, text=True,
                              env=self.env, timeout=PEER_TIMEOUT_S)
        lines = [l for l in proc.stdout.splitlines() if l.startswith("median ")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError((proc.stderr.strip().splitlines() or ["no output"])[-1])
        return float(lines[-1].split()[1])

    def prepare(self, w):
        """Inputs and the ONNX model."""
        engines = ["dlc", "dlc_nofusion"] + [p for p in w.peers if p in self.peers]
        self.results[w.name] = {"inputs": workloads.input_files(w, self.tmp), "check": None,
                                "engines": engines, "rounds": {e: [] for e in engines},
                                "errors": {}, "agrees": {}, "fusions": self.dlc.fusions(w)}
        if "ort" in engines:
            import onnx
            import onnx_models
            onnx.save(onnx_models.build(w.name), self.path(w.name, "onnx"))

    def agreement(self, w):
        """Whether each engine's first result is within the workload's tolerance of numpy's
        float64 evaluation (dlc: its --check run's result)."""
        record = self.results[w.name]
        ref = peer.reference(w.math, [np.load(f) for f in record["inputs"]])
        files = {"dlc": self.path(w.name, "dlc_check", "npy")}
        files.update({e: self.path(w.name, e, "npy") for e in record["engines"] if not e.startswith("dlc")})
        for engine, f in files.items():
            if os.path.exists(f):
                got = np.load(f)
                err = np.abs(got.astype(np.float64) - ref) - w.atol - w.rtol * np.abs(ref)
                record["agrees"][engine] = {"ok": bool(got.shape == ref.shape and err.max() <= 0),
                                            "max_abs_error": float(np.abs(got - ref).max())}

    def stream(self):
        """One STREAM triad measurement (GB/s, median of 10), built on first use."""
        exe = os.path.join(self.tmp, "stream")
        if not os.path.exists(exe):
            subprocess.run(["cc", "-O3", "-march=native", "-fopenmp",
                            os.path.join(BENCH, "stream.c"), "-o", exe], check=True)
        out = subprocess.run([exe, "10"], capture_output=True, text=True, env=self.env,
                             check=True).stdout
        return float(out.split("median ")[2].split()[0])

    def run(self):
        selected = [workloads.find(n) for n in self.args.only]
        for w in selected:
            self.prepare(w)
        stream = []
        for r in range(self.args.repeat):
            for w in selected:
                record = self.results[w.name]
                engines = record["engines"]
                # Rotate the order each round: no engine always runs after the same one
                # (round 1 starts with dlc, whose first run is its check).
                for engine in engines[r % len(engines):] + engines[:r % len(engines)]:
                    if engine in record["errors"]:
                        continue
                    try:
                        ms = self.measure(engine, w, record["inputs"])
                        record["rounds"][engine].append(ms)
                        print(f"bench: round {r + 1}: {w.name} {engine}: {ms:.3f} ms",
                              file=sys.stderr, flush=True)
                    except (RuntimeError, dlc.DlcError, subprocess.TimeoutExpired) as e:
                        record["errors"][engine] = str(e)
                        print(f"bench: {w.name} {engine} failed: {e}", file=sys.stderr, flush=True)
                if r == 0:
                    self.agreement(w)
            stream.append(self.stream())
        for record in self.results.values():
            record["median_ms"] = {e: statistics.median(t) for e, t in record["rounds"].items() if t}
            del record["inputs"]
        return {"stream_gbs_rounds": stream, "stream_gbs": statistics.median(stream)}


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="dlc-bench-") as tmp:
        bench = Bench(args, tmp)
        load_before = os.getloadavg()
        extra = bench.run()
        load_after = os.getloadavg()
    info = {"threads": args.threads, "repeat": args.repeat, "dlc_threads": bench.dlc.threads,
            "pipelines": bench.dlc.pipelines, "peers": bench.peers,
            "load_average": [load_before[0], load_after[0]], **extra}
    print(report.markdown(info, bench.results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "workloads": bench.results}, f, indent=2)


if __name__ == "__main__":
    main()
