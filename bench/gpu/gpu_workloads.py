"""The GPU benchmark's workloads (issue 5): the CPU benchmark's dhlo programs (and the
transformer block example) resized for a GPU, or shrunk for dlc's CUDA emulator, by mapping
the extents of every tensor type; bf16 versions replace f32 in every tensor type. What is
read off a sized program (entry, argument and result types, contraction FLOPs) comes from
its text, so the manifest always describes the program that was compiled."""

import math
import os
import re
from dataclasses import dataclass, field

GPU_BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(GPU_BENCH))

TENSOR = re.compile(r"tensor<((?:\d+x)*)(f32|bf16)>")


@dataclass(frozen=True)
class GpuWorkload:
    name: str
    source: str                    # dhlo program, relative to the repository root
    math: str                      # the peers' function (bench/peer.py's tables)
    dims: dict                     # {extent in source: extent on a GPU}
    small_dims: dict               # {extent in source: extent on the emulator (--small)}
    rtol: float                    # error <= atol + rtol |float64 reference|
    atol: float
    runs: int                      # calls timed per round, after one warm-up
    dtype: str = "f32"             # "bf16": every f32 tensor of the source becomes bf16
    backends: tuple = ("codegen",)  # dlc-lower-to-gpu dot-backend values to build
    memory_bound: bool = False     # report GB/s against the device's bandwidth
    target: tuple = None           # ("bandwidth", share) or (peer, speed ratio)
    peers: tuple = field(default=("torch", "jax"))

    def sized(self, small):
        """The program's text with its tensor types resized (and retyped)."""
        with open(os.path.join(ROOT, self.source)) as f:
            text = f.read()
        mapping = self.small_dims if small else self.dims

        def resize(m):
            extents = [mapping.get(int(d), int(d)) for d in m.group(1).split("x") if d]
            element = self.dtype if m.group(2) == "f32" else m.group(2)
            return "tensor<" + "".join(f"{e}x" for e in extents) + element + ">"

        return TENSOR.sub(resize, text)


BOTH = ("codegen", "library")

# Tolerances: an f32 dot product of K terms in [-1, 1) drifts from float64 by about
# K * eps(f32) of its magnitude (~sqrt(K) / 3); bf16 outputs are rounded to 8 bits of
# mantissa (2^-8 relative), the products accumulated in f32 by every engine.
WORKLOADS = [
    GpuWorkload("elementwise_chain", "bench/workloads/elementwise_chain.mlir",
                "elementwise_chain", {16777216: 67108864}, {16777216: 4096},
                1e-5, 1e-5, 50, memory_bound=True, target=("bandwidth", 0.8)),
    # Rows of 4096: a row of exponentials (16 KiB) stays in workgroup memory (up to 32 KiB).
    GpuWorkload("softmax", "bench/workloads/softmax.mlir", "softmax",
                {}, {4096: 64}, 1e-5, 1e-7, 50, memory_bound=True,
                target=("bandwidth", 0.8)),
    GpuWorkload("matmul_f32", "bench/workloads/sgemm_2048.mlir", "matmul",
                {2048: 4096}, {2048: 64}, 1e-4, 1e-2, 10, backends=BOTH),
    GpuWorkload("matmul_bf16", "bench/workloads/sgemm_2048.mlir", "matmul",
                {2048: 4096}, {2048: 64}, 1e-2, 0.25, 10, dtype="bf16", backends=BOTH),
    GpuWorkload("mlp_gelu", "bench/workloads/mlp_gelu.mlir", "mlp_gelu",
                {64: 4096}, {64: 8, 1024: 64, 4096: 128}, 1e-4, 1e-2, 10, backends=BOTH),
    GpuWorkload("transformer_block", "examples/transformer_block.mlir", "transformer_block",
                {}, {}, 1e-4, 1e-2, 50, backends=BOTH, target=("jax", 1.0)),
]


def find(name):
    for w in WORKLOADS:
        if w.name == name:
            return w
    raise KeyError(name)


def tensor_type(text):
    """{'shape': [...], 'dtype': 'f32'|'bf16'} of a 'tensor<...>' type."""
    m = TENSOR.fullmatch(text.strip())
    return {"shape": [int(d) for d in m.group(1).split("x") if d], "dtype": m.group(2)}


def entry_signature(text):
    """(entry name, argument types, result type) of the program's public function."""
    m = re.search(r"^func\.func @(\w+)\((.*?)\)\s*->\s*(tensor<[^>]*>)", text, re.M | re.S)
    args = [tensor_type(t.group(0)) for t in TENSOR.finditer(m.group(2))]
    return m.group(1), args, tensor_type(m.group(3))


DOT = re.compile(r'"dhlo\.dot_general".*lhs_contracting_dimensions = array<i64: ([\d, ]+)>'
                 r".*: \((tensor<[^>]*>), tensor<[^>]*>\) -> (tensor<[^>]*>)")


def contraction_flops(text):
    """2 per multiply-add of every dot_general: 2 * result elements * contracted extent."""
    total = 0
    for m in DOT.finditer(text):
        lhs, result = tensor_type(m.group(2))["shape"], tensor_type(m.group(3))["shape"]
        contracted = math.prod(lhs[int(d)] for d in m.group(1).split(","))
        total += 2 * math.prod(result) * contracted
    return total


def element_bytes(dtype):
    return {"f32": 4, "bf16": 2}[dtype]


def io_bytes(args, result):
    """Bytes of every argument and of the result, each once."""
    return sum(math.prod(t["shape"]) * element_bytes(t["dtype"]) for t in args + [result])
