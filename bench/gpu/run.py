#!/usr/bin/env python3
"""The GPU benchmark (issue 5), run on the GPU machine: dlc's ahead-of-time programs (made
by bench/gpu/prepare.py, called through ctypes and dlc's CUDA runtime), PyTorch eager and
JAX jit on the same inputs, in one process, rounds interleaved; every engine's first result
held to numpy's float64 evaluation; Markdown tables of times, rates, ratios and targets.
  bench/gpu/run.py [--artifacts DIR] [--repeat R] [--only W,...] [--json FILE]
Needs numpy; PyTorch and JAX where present (a peer that is missing, or has no GPU, is
reported and left out). See bench/gpu/README.md."""

import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

# JAX takes 75% of the GPU's memory when its backend starts, unless told not to: here (which
# probes the peers) and in every worker, so that no engine starves another.
os.environ["XLA_PYTHON_CLIENT_PREALLOCATE"] = "false"

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import peer  # noqa: E402  (bench/peer.py: the workloads' math in numpy, jax.numpy, PyTorch)

# Nominal DRAM bandwidth (bytes/s) by device name: the denominator of the bandwidth targets.
NOMINAL_BANDWIDTH = [("H200", 4.8e12), ("H100 NVL", 3.9e12), ("H100 PCIe", 2.0e12),
                     ("H100", 3.35e12), ("A100-SXM4-80GB", 2.039e12), ("A100", 1.555e12)]


WORKER_TIMEOUT_S = 600  # one engine on one workload: load, compile, check, time


def find_cublaslt():
    """Points DLC_CUBLASLT at a cuBLASLt when the loader would not find one by soname: the
    CUDA toolkit's, else the one in PyTorch's nvidia-cublas wheel."""
    if os.environ.get("DLC_CUBLASLT"):
        return
    for soname in ("libcublasLt.so.13", "libcublasLt.so.12"):
        try:
            ctypes.CDLL(soname)
            return
        except OSError:
            pass
    candidates = [f"/usr/local/cuda/lib64/libcublasLt.so.{v}" for v in (13, 12)]
    try:
        import nvidia.cublas
        candidates += [os.path.join(d, "lib", f"libcublasLt.so.{v}")
                       for d in nvidia.cublas.__path__ for v in (13, 12)]
    except ImportError:
        pass
    found = next((c for c in candidates if os.path.exists(c)), None)
    if found:
        os.environ["DLC_CUBLASLT"] = found


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--artifacts", default="build-gpu-bench",
                   help="prepare.py's output directory (default: %(default)s)")
    p.add_argument("--repeat", type=int, default=3,
                   help="rounds; each figure is the median of its round medians")
    p.add_argument("--only", default="", help="comma-separated workloads (default: all)")
    p.add_argument("--runs", type=int, help="calls timed per round (default: the workload's)")
    p.add_argument("--json", help="also write every measurement to this file")
    p.add_argument("--worker", help=argparse.SUPPRESS)  # engine: run.py runs itself per engine
    p.add_argument("--workload", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    return p.parse_args()


# ---- inputs: f32 arrays; bf16 ones travel as their 16 bits (numpy has no bf16) ----------

def to_bf16_bits(x):
    """float32 -> bf16 bits (uint16), rounded to nearest even."""
    u = x.astype(np.float32).view(np.uint32)
    return ((u + 0x7FFF + ((u >> 16) & 1)) >> 16).astype(np.uint16)


def from_bf16_bits(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def make_inputs(record):
    """Host arrays in the entry's order (uniform in [-1, 1), seeded by position): f32, or
    uint16 bf16 bits."""
    arrays = []
    for i, t in enumerate(record["args"]):
        x = np.random.default_rng(i).uniform(-1.0, 1.0, size=t["shape"]).astype(np.float32)
        arrays.append(to_bf16_bits(x) if t["dtype"] == "bf16" else x)
    return arrays


def as_f32(array, dtype):
    return from_bf16_bits(array) if dtype == "bf16" else array


# ---- dlc: the AOT library's _mlir_ciface_<entry> on device descriptors -----------------

def descriptor_type(rank):
    return type(f"MemRef{rank}", (ctypes.Structure,), {"_fields_": [
        ("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p), ("offset", ctypes.c_int64),
        ("sizes", ctypes.c_int64 * rank), ("strides", ctypes.c_int64 * rank)]})


def row_major_strides(shape):
    strides, step = [], 1
    for extent in reversed(shape):
        strides.insert(0, step)
        step *= extent
    return strides


class DlcResult(ctypes.Structure):
    _fields_ = [("value", ctypes.c_int8)]


class DlcRuntime:
    """dlc's CUDA runtime, shared by every program (one driver state)."""

    def __init__(self, artifacts):
        self.lib = ctypes.CDLL(os.path.join(artifacts, "libdlc_cuda_runtime.so.0"),
                               mode=ctypes.RTLD_GLOBAL)
        for name, restype, argtypes in [
                ("dlcCudaRuntimeInit", DlcResult, []),
                ("dlcCudaGetLastError", ctypes.c_char_p, []),
                ("dlcCudaGetDeviceName", ctypes.c_char_p, []),
                ("dlcCudaAlloc", ctypes.c_void_p, [ctypes.c_size_t]),
                ("dlcCudaFree", None, [ctypes.c_void_p]),
                ("dlcCudaCopyToDevice", DlcResult, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]),
                ("dlcCudaCopyToHost", DlcResult, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t])]:
            fn = getattr(self.lib, name)
            fn.restype, fn.argtypes = restype, argtypes
        self.lib.dlcCudaRuntimeInit()
        self.check("initialization")
        self.device = self.lib.dlcCudaGetDeviceName().decode()

    def check(self, what):
        error = self.lib.dlcCudaGetLastError()
        if error:
            raise RuntimeError(f"dlc runtime ({what}): {error.decode()}")


class DlcProgram:
    """One workload compiled with one backend, its inputs in device buffers."""

    def __init__(self, runtime, artifacts, record, backend, host_inputs):
        self.rt, self.record = runtime, record
        lib = ctypes.CDLL(os.path.join(artifacts, record["backends"][backend]["library"]))
        runtime.check(f"loading {record['name']}'s kernels")
        self.entry = getattr(lib, "_mlir_ciface_" + record["entry"])
        self.entry.restype = None
        self.buffers, self.descriptors = [], []
        for t, host in zip(record["args"], host_inputs):
            buffer = runtime.lib.dlcCudaAlloc(host.nbytes)
            runtime.lib.dlcCudaCopyToDevice(buffer, host.ctypes.data, host.nbytes)
            d = descriptor_type(len(t["shape"]))(buffer, buffer, 0, tuple(t["shape"]),
                                                 tuple(row_major_strides(t["shape"])))
            self.buffers.append(buffer)
            self.descriptors.append(d)
        runtime.check("copying the inputs")
        self.result_type = descriptor_type(len(record["result"]["shape"]))

    def call(self):
        result = self.result_type()
        self.entry(ctypes.byref(result), *(ctypes.byref(d) for d in self.descriptors))
        return result

    def release(self, result):
        if result.allocated not in self.buffers:
            self.rt.lib.dlcCudaFree(result.allocated)

    def __call__(self):
        """One call: the entry synchronizes its stream before it returns (the ABI)."""
        self.release(self.call())

    def output(self):
        result = self.call()
        self.rt.check(f"running {self.record['name']}")
        t = self.record["result"]
        if list(result.sizes) != t["shape"] or list(result.strides) != row_major_strides(t["shape"]):
            raise RuntimeError(f"result is not row-major {t['shape']}")
        host = np.empty(t["shape"], np.uint16 if t["dtype"] == "bf16" else np.float32)
        itemsize = host.itemsize
        self.rt.lib.dlcCudaCopyToHost(host.ctypes.data, result.aligned + result.offset * itemsize,
                                      host.nbytes)
        self.release(result)
        self.rt.check("copying the result")
        return as_f32(host, t["dtype"])

    def close(self):
        for buffer in self.buffers:
            self.rt.lib.dlcCudaFree(buffer)


# ---- peers ------------------------------------------------------------------------------

class TorchProgram:
    def __init__(self, record, host_inputs):
        import torch
        self.torch = torch
        torch.set_grad_enabled(False)
        torch.backends.cuda.matmul.allow_tf32 = False  # f32 as f32, as dlc and JAX here
        self.fn = peer.torch_table()[record["math"]]
        self.args = [torch.from_numpy(h.view(np.int16)).cuda().view(torch.bfloat16)
                     if t["dtype"] == "bf16" else torch.from_numpy(h).cuda()
                     for t, h in zip(record["args"], host_inputs)]

    def __call__(self):
        self.fn(*self.args)
        self.torch.cuda.synchronize()

    def output(self):
        out = self.fn(*self.args)
        return out.float().cpu().numpy()

    def close(self):
        self.args = None
        self.torch.cuda.empty_cache()


class JaxProgram:
    def __init__(self, record, host_inputs):
        import jax
        import jax.numpy as jnp
        fn = jax.jit(peer.array_table(jnp)[record["math"]])
        self.args = [jax.lax.bitcast_convert_type(jnp.asarray(h), jnp.bfloat16)
                     if t["dtype"] == "bf16" else jnp.asarray(h)
                     for t, h in zip(record["args"], host_inputs)]
        # f32 contractions in f32 ("highest"), not XLA's default TF32 on tensor cores.
        with jax.default_matmul_precision("highest" if record["result"]["dtype"] == "f32" else "default"):
            self.compiled = fn.lower(*self.args).compile()

    def __call__(self):
        self.compiled(*self.args).block_until_ready()

    def output(self):
        return np.asarray(self.compiled(*self.args).astype("float32"))

    def close(self):
        self.args = self.compiled = None


def peers_available():
    """{peer: version} of the peers with a GPU here, and {peer: why not} of the others."""
    found, missing = {}, {}
    try:
        import torch
        if torch.cuda.is_available():
            found["torch"] = f"PyTorch {torch.__version__} ({torch.cuda.get_device_name()})"
        else:
            missing["torch"] = f"PyTorch {torch.__version__} sees no CUDA device"
    except ImportError as e:
        missing["torch"] = str(e)
    try:
        import jax
        if any(d.platform == "gpu" for d in jax.devices()):
            found["jax"] = f"JAX {jax.__version__} ({jax.devices()[0].device_kind})"
        else:
            missing["jax"] = f"JAX {jax.__version__} sees no GPU"
    except Exception as e:  # ImportError, or a backend that fails to start
        missing["jax"] = str(e)
    return found, missing


def copy_bandwidth():
    """Device-to-device copy of 1 GiB with PyTorch (bytes read + written per second,
    median of 20): what this device's memory achieves, next to its nominal figure."""
    import torch
    src = torch.empty(2**28, dtype=torch.float32, device="cuda")
    dst = torch.empty_like(src)
    times = time_calls(lambda: (dst.copy_(src), torch.cuda.synchronize()), 20)
    del src, dst
    torch.cuda.empty_cache()
    return 2 * 2**30 / (statistics.median(times) / 1e3)


def time_calls(call, runs):
    """ms of each of `runs` calls, after one warm-up call."""
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1e3)
    return times


# ---- the benchmark ----------------------------------------------------------------------

def engines_of(record, peers):
    return [f"dlc_{b}" for b in record["backends"]] + [p for p in record["peers"] if p in peers]


def open_program(engine, record, inputs, runtime, artifacts):
    if engine.startswith("dlc_"):
        return DlcProgram(runtime, artifacts, record, engine[4:], inputs)
    return {"torch": TorchProgram, "jax": JaxProgram}[engine](record, inputs)


def agreement(record, got, reference):
    err = np.abs(got.astype(np.float64) - reference) - record["atol"] - record["rtol"] * np.abs(reference)
    return {"ok": bool(got.shape == reference.shape and err.max() <= 0),
            "max_abs_error": float(np.abs(got - reference).max())}


def worker(args):
    """One engine on one workload, in a process of its own (dlc's runtime keeps its first
    error, so a failing program must not silence the next): writes the first result to
    --out, times --repeat rounds, prints a JSON line {"rounds": [ms, ...]}."""
    with open(os.path.join(args.artifacts, "manifest.json")) as f:
        record = next(w for w in json.load(f)["workloads"] if w["name"] == args.workload)
    runtime = DlcRuntime(args.artifacts) if args.worker.startswith("dlc_") else None
    program = open_program(args.worker, record, make_inputs(record), runtime, args.artifacts)
    np.save(args.out, program.output())
    runs = args.runs or record["runs"]
    rounds = [statistics.median(time_calls(program, runs)) for _ in range(args.repeat)]
    if runtime:
        runtime.check("timing")  # a failed call returns at once: its times mean nothing
    program.close()
    print(json.dumps({"rounds": rounds}))


def bench_workload(record, peers, args, tmp):
    """Runs every engine on the workload (a worker process each) and checks its first
    result against numpy's float64 evaluation; the workload's results record."""
    inputs = make_inputs(record)
    reference = peer.reference(record["math"], [as_f32(h, t["dtype"])
                                                for t, h in zip(record["args"], inputs)])
    out = {"agrees": {}, "errors": {}, "rounds": {}}
    for engine in engines_of(record, peers):
        result_file = os.path.join(tmp, f"{record['name']}.{engine}.npy")
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", engine,
                                   "--workload", record["name"], "--artifacts", args.artifacts,
                                   "--repeat", str(args.repeat), "--out", result_file]
                                  + (["--runs", str(args.runs)] if args.runs else []),
                                  capture_output=True, text=True, timeout=WORKER_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            out["errors"][engine] = f"over {WORKER_TIMEOUT_S} s"
            continue
        lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
        if os.path.exists(result_file):
            out["agrees"][engine] = agreement(record, np.load(result_file), reference)
        if proc.returncode != 0 or not lines:
            out["errors"][engine] = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
            print(f"bench: {record['name']} {engine} failed: {out['errors'][engine]}",
                  file=sys.stderr, flush=True)
            continue
        out["rounds"][engine] = json.loads(lines[-1])["rounds"]
        print(f"bench: {record['name']} {engine}: " +
              ", ".join(f"{ms:.4f}" for ms in out["rounds"][engine]) + " ms", file=sys.stderr, flush=True)
    out["median_ms"] = {e: statistics.median(t) for e, t in out["rounds"].items()}
    return out


# ---- report -----------------------------------------------------------------------------

def rate_text(record, ms, bandwidth):
    if record["memory_bound"]:
        gbs = record["bytes"] / (ms / 1e3) / 1e9
        share = f" ({gbs * 1e9 / bandwidth:.0%})" if bandwidth else ""
        return f"{gbs:.4g} GB/s{share}"
    return f"{record['flop'] / (ms / 1e3) / 1e12:.4g} TFLOP/s"


def target_text(record, result, bandwidth):
    """(target, met) for dlc's fastest backend."""
    if not record["target"]:
        return "—", "—"
    kind, ratio = record["target"]
    dlc_ms = min((ms for e, ms in result["median_ms"].items() if e.startswith("dlc_")), default=None)
    if dlc_ms is None:
        return "", "no dlc result"
    checked = all(result["agrees"][e]["ok"] for e in result["median_ms"] if e.startswith("dlc_"))
    if kind == "bandwidth":
        share = record["bytes"] / (dlc_ms / 1e3) / bandwidth if bandwidth else None
        text = f">= {ratio:.0%} of device bandwidth"
        return text, ("unknown bandwidth" if share is None else
                      f"{'yes' if share >= ratio and checked else 'no'} ({share:.0%})")
    peer_ms = result["median_ms"].get(kind)
    text = f"no slower than {kind}" if ratio == 1 else f">= {ratio}x {kind}"
    if peer_ms is None:
        return text, f"no {kind} result"
    return text, f"{'yes' if peer_ms / dlc_ms >= ratio and checked else 'no'} ({peer_ms / dlc_ms:.2f}x)"


def markdown(info, manifest, results):
    bandwidth = info["nominal_bandwidth"]
    lines = [f"GPU benchmark on {info['device']}, dlc {manifest['commit']} "
             f"({manifest['format']}, {manifest['chip']}), {info['repeat']} rounds; peers: "
             + (", ".join(info["peers"].values()) or "none") + ".",
             f"Nominal bandwidth {bandwidth / 1e12:.2f} TB/s" if bandwidth else "Nominal bandwidth unknown",
             ]
    if info.get("copy_bandwidth"):
        lines[-1] += f"; PyTorch device copy {info['copy_bandwidth'] / 1e12:.2f} TB/s in this run"
    lines[-1] += "."
    lines += ["", "| workload | engine | ms | rate | vs torch | vs jax | max abs error | check |",
              "|---|---|---|---|---|---|---|---|"]
    for record in manifest["workloads"]:
        result = results.get(record["name"])
        if not result:
            continue
        for engine in engines_of(record, info["peers"]):
            ms = result["median_ms"].get(engine)
            if ms is None:
                lines.append(f"| {record['name']} | {engine} | failed: "
                             f"{result['errors'].get(engine, '?')[:120]} | | | | | |")
                continue
            ratios = [f"{result['median_ms'][p] / ms:.2f}x" if p in result["median_ms"] and
                      not engine == p else "" for p in ("torch", "jax")]
            agree = result["agrees"][engine]
            lines.append(f"| {record['name']} | {engine} | {ms:.4f} | "
                         f"{rate_text(record, ms, bandwidth)} | {ratios[0]} | {ratios[1]} | "
                         f"{agree['max_abs_error']:.2g} | {'ok' if agree['ok'] else 'FAIL'} |")
    lines += ["", "| workload | target (dlc's faster backend) | met |", "|---|---|---|"]
    for record in manifest["workloads"]:
        if record["name"] in results and record["target"]:
            text, met = target_text(record, results[record["name"]], bandwidth)
            lines.append(f"| {record['name']} | {text} | {met} |")
    lines += ["", "vs X: X's median / dlc's median (above 1: dlc is faster). check: within "
              "atol + rtol |float64 reference| (manifest.json)."]
    return "\n".join(lines)


def main():
    args = parse_args()
    args.artifacts = artifacts = os.path.abspath(args.artifacts)
    find_cublaslt()
    if args.worker:
        return worker(args)
    with open(os.path.join(artifacts, "manifest.json")) as f:
        manifest = json.load(f)
    only = [n for n in args.only.split(",") if n]
    manifest["workloads"] = [w for w in manifest["workloads"] if not only or w["name"] in only]
    peers, missing = peers_available()
    for name, why in missing.items():
        print(f"bench: no {name}: {why}", file=sys.stderr)
    runtime = DlcRuntime(artifacts)
    info = {"device": runtime.device, "repeat": args.repeat, "peers": peers, "missing": missing,
            "nominal_bandwidth": next((b for key, b in NOMINAL_BANDWIDTH if key in runtime.device), None)}
    if "torch" in peers:
        info["copy_bandwidth"] = copy_bandwidth()
    results = {}
    with tempfile.TemporaryDirectory(prefix="dlc-gpu-bench-") as tmp:
        for record in manifest["workloads"]:
            results[record["name"]] = bench_workload(record, peers, args, tmp)
    print(markdown(info, manifest, results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "manifest": manifest, "results": results}, f, indent=1)
    failed = [n for n, r in results.items() if r["errors"] or not all(a["ok"] for a in r["agrees"].values())]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
