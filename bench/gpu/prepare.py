#!/usr/bin/env python3
"""Builds the GPU benchmark's artifacts on a machine with dlc (no GPU needed), for
bench/gpu/run.py to time on a machine with a GPU and no MLIR or LLVM:
  bench/gpu/prepare.py [--out DIR] [--chip sm_90] [--format cubin] [--small] [--only W,...]
For each workload and dot backend: the sized dhlo program, compiled ahead of time by
`dlc-translate --device=gpu` (dhlo-optimize, dlc-lower-to-gpu), linked into a shared
library lib<workload>.<backend>.so that needs only dlc's CUDA runtime, copied next to it
with the libraries finding it through $ORIGIN. manifest.json describes every program (entry,
argument and result types, FLOPs, bytes, tolerances, targets). See bench/gpu/README.md."""

import argparse
import json
import os
import shutil
import subprocess
import sys

import gpu_workloads

sys.path.insert(0, os.path.dirname(gpu_workloads.GPU_BENCH))
import dlc  # noqa: E402  (bench/dlc.py: the build, made by utils/setup.sh when missing)
import workloads  # noqa: E402  (bench/workloads.py)

RUNTIME = "libdlc_cuda_runtime.so.0"  # the soname the libraries record


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=os.path.join(gpu_workloads.ROOT, "build-gpu-bench"),
                   help="artifact directory (default: %(default)s)")
    p.add_argument("--chip", default="sm_90", help="dlc-lower-to-gpu chip (default sm_90)")
    p.add_argument("--format", default="cubin", choices=["cubin", "ptx", "emulator"],
                   help="kernel format (default cubin: ptxas here, no JIT there)")
    p.add_argument("--small", action="store_true",
                   help="the emulator's sizes (to try the harness without a GPU)")
    p.add_argument("--only", default="", help="comma-separated workloads (default: all)")
    args = p.parse_args()
    args.only = workloads.parse_only(p, args.only, [w.name for w in gpu_workloads.WORKLOADS])
    return args


def run(argv):
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"prepare: {' '.join(argv[:2])} failed:\n{proc.stderr.strip()}")


def build(w, backend, args, bin_dir, out):
    """Compiles one workload with one backend; its manifest entry."""
    source = os.path.join(out, "src", f"{w.name}.mlir")
    stem = f"{w.name}.{backend}"
    pipeline = (f"builtin.module(dhlo-optimize,dlc-lower-to-gpu{{chip={args.chip} "
                f"format={args.format} dot-backend={backend}}})")
    obj = os.path.join(out, "obj", stem + ".o")
    run([os.path.join(bin_dir, "dlc-translate"), source, "--device=gpu",
         "--lower-pipeline=" + pipeline, "--mlir-to-obj", "-o", obj])
    library = f"lib{stem}.so"
    run(["cc", "-shared", obj, "-o", os.path.join(out, library), "-L" + out,
         "-l:" + RUNTIME, "-Wl,-rpath,$ORIGIN"])
    return {"library": library, "pipeline": pipeline}


def main():
    args = parse_args()
    build_dir = dlc.build_dir()
    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    for sub in ("src", "obj"):
        os.makedirs(os.path.join(out, sub))
    shutil.copy(os.path.join(build_dir, "lib", RUNTIME), os.path.join(out, RUNTIME))
    manifest = {"chip": args.chip, "format": args.format, "small": args.small,
                "commit": subprocess.run(["git", "-C", gpu_workloads.ROOT, "rev-parse", "--short",
                                          "HEAD"], capture_output=True, text=True).stdout.strip(),
                "workloads": []}
    for w in map(gpu_workloads.find, args.only):
        text = w.sized(args.small)
        with open(os.path.join(out, "src", f"{w.name}.mlir"), "w") as f:
            f.write(text)
        entry, arg_types, result = gpu_workloads.entry_signature(text)
        record = {"name": w.name, "math": w.math, "entry": entry, "args": arg_types,
                  "result": result, "flop": gpu_workloads.contraction_flops(text),
                  "bytes": gpu_workloads.io_bytes(arg_types, result), "rtol": w.rtol,
                  "atol": w.atol, "runs": w.runs, "memory_bound": w.memory_bound,
                  "target": w.target, "peers": list(w.peers), "backends": {}}
        for backend in w.backends:
            print(f"prepare: {w.name} ({backend})", flush=True)
            record["backends"][backend] = build(w, backend, args, os.path.join(build_dir, "bin"), out)
        manifest["workloads"].append(record)
    shutil.rmtree(os.path.join(out, "obj"))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"prepare: {len(manifest['workloads'])} workloads in {out} ({size / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
