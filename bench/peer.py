"""numpy and PyTorch peers of the benchmark, run by run.py as a subprocess per measurement:
  peer.py numpy|torch MATH RUNS THREADS OUT.npy IN.npy...
loads the inputs, calls the workload once (warm-up, whose result goes to OUT.npy), times RUNS
more calls with perf_counter and prints 'median X ms' (the line run.py reads). numpy writes
each workload as elementary array ops, as the dhlo program does; PyTorch as a PyTorch user
would, with its fused layer_norm, softmax and gelu(approximate='tanh') for the same math.
`reference` evaluates the numpy version in float64, against which every engine is checked.
Thread counts come from the environment for numpy (OpenBLAS, set by run.py) and from
torch.set_num_threads for PyTorch."""

import statistics
import sys
import time

import numpy as np

GELU_K = 0.7978845834  # sqrt(2 / pi)


# ---- numpy (and jax.numpy): elementary ops on arrays of the inputs' dtype --------------

def array_table(xp):
    """The workloads written with the array module `xp` (numpy, or jax.numpy for the GPU
    benchmark's JAX peer): elementary array ops, as the dhlo programs write them, and `@`
    for contractions. Keyed by the workloads' math (Workload.math)."""

    def gelu(h):
        return 0.5 * h * (1.0 + xp.tanh(GELU_K * (h + 0.044715 * (h * h * h))))

    def softmax(x):
        e = xp.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def layer_norm(x, gamma, beta):
        xc = x - x.mean(axis=-1, keepdims=True)
        var = (xc * xc).mean(axis=-1, keepdims=True)
        return xc / xp.sqrt(var + 1e-5) * gamma + beta

    def heads(t):
        b, s, _ = t.shape
        return t.reshape(b, s, 4, 64).transpose(0, 2, 1, 3)

    def transformer_block(x, g1, be1, wq, bq, wk, bk, wv, bv, wo, bo, g2, be2, w1, b1, w2, b2):
        ln1 = layer_norm(x, g1, be1)
        q, k, v = (heads(ln1 @ w + b) for w, b in ((wq, bq), (wk, bk), (wv, bv)))
        probs = softmax((q @ k.transpose(0, 1, 3, 2)) * 0.125)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(x.shape)
        resid1 = x + (ctx @ wo + bo)
        h = layer_norm(resid1, g2, be2) @ w1 + b1
        return resid1 + (gelu(h) @ w2 + b2)

    return {
        "matmul": lambda a, b: a @ b,
        "mlp_relu": lambda x, w1, b1, w2, b2: xp.maximum(x @ w1 + b1, 0.0) @ w2 + b2,
        "mlp_gelu": lambda x, w1, b1, w2, b2: gelu(x @ w1 + b1) @ w2 + b2,
        "elementwise_chain": lambda x: xp.tanh(x * 0.5 + 0.25) * 2.0 + x,
        "softmax": softmax,
        "transformer_block": transformer_block,
    }


NUMPY = array_table(np)


def reference(math, inputs):
    """The workload in float64 numpy, as float32: what every engine's result is held to."""
    return NUMPY[math](*(a.astype(np.float64) for a in inputs)).astype(np.float32)


# ---- PyTorch: its own fused ops where it has them --------------------------------------

def torch_table():
    import torch
    import torch.nn.functional as F

    def transformer_block(x, g1, be1, wq, bq, wk, bk, wv, bv, wo, bo, g2, be2, w1, b1, w2, b2):
        ln1 = F.layer_norm(x, (256,), g1, be1, 1e-5)

        def heads(w, b):
            return torch.addmm(b, ln1.view(-1, 256), w).view(1, 128, 4, 64).transpose(1, 2)

        q, k, v = heads(wq, bq), heads(wk, bk), heads(wv, bv)
        probs = torch.softmax(torch.matmul(q, k.transpose(2, 3)) * 0.125, dim=-1)
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(128, 256)
        resid1 = x.view(128, 256) + torch.addmm(bo, ctx, wo)
        h = torch.addmm(b1, F.layer_norm(resid1, (256,), g2, be2, 1e-5), w1)
        return (resid1 + torch.addmm(b2, F.gelu(h, approximate="tanh"), w2)).view(1, 128, 256)

    return {
        "matmul": torch.mm,
        "mlp_relu": lambda x, w1, b1, w2, b2: torch.addmm(b2, torch.relu(torch.addmm(b1, x, w1)), w2),
        "mlp_gelu": lambda x, w1, b1, w2, b2: torch.addmm(
            b2, F.gelu(torch.addmm(b1, x, w1), approximate="tanh"), w2),
        "elementwise_chain": lambda x: torch.tanh(x * 0.5 + 0.25) * 2.0 + x,
        "softmax": lambda x: torch.softmax(x, dim=-1),
        "transformer_block": transformer_block,
    }


def main(argv):
    engine, math, runs, threads, out = argv[0], argv[1], int(argv[2]), int(argv[3]), argv[4]
    inputs = [np.load(path) for path in argv[5:]]
    if engine == "torch":
        import torch
        torch.set_num_threads(threads)
        fn, args = torch_table()[math], [torch.from_numpy(a) for a in inputs]
        torch.set_grad_enabled(False)
    else:
        fn, args = NUMPY[math], inputs
    result = fn(*args)
    np.save(out, np.asarray(result))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - start) * 1e3)
    print(f"median {statistics.median(times):.3f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
