"""The benchmark's workloads: for each, the dhlo program dlc runs, its arguments (in the
entry's order), the tolerance its result needs, the calls timed per measurement and the
target of issue 4. The peers' versions of the same math live in peer.py (numpy, PyTorch)
and onnx_models.py (ONNX Runtime); inputs are made here, once, and shared by every engine."""

import os
from dataclasses import dataclass, field

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)


@dataclass(frozen=True)
class Target:
    """What dlc must reach: `ratio` times the speed of `peer`, or, for peer 'stream',
    `ratio` times the STREAM triad bandwidth."""
    peer: str
    ratio: float

    def text(self):
        if self.peer == "stream":
            return f">= {self.ratio:.0%} of STREAM triad"
        return f">= {self.ratio:g}x {self.peer}"


@dataclass(frozen=True)
class Workload:
    name: str
    mlir: str                      # path relative to the repository root
    args: list                     # [(name, shape)], all f32, the entry's order
    rtol: float                    # dlc-run --check tolerances (and the peers' agreement)
    atol: float
    runs: int                      # calls timed per measurement (after one warm-up)
    target: Target = None
    memory_bound: bool = False     # report GB/s rather than GFLOP/s
    # dlc-run --check too (its reference evaluator sums in double, one element at a time:
    # minutes for sgemm 2048); dlc's result is held to numpy's float64 evaluation either way.
    reference_check: bool = True
    peers: tuple = field(default=("numpy", "torch", "ort"))
    math: str = ""                 # the peers' function (peer.py's tables); default: the name

    def __post_init__(self):
        if not self.math:
            object.__setattr__(self, "math", self.name)

    def path(self):
        return os.path.join(ROOT, self.mlir)


MLP_ARGS = [("x", (64, 1024)), ("w1", (1024, 4096)), ("b1", (4096,)),
            ("w2", (4096, 1024)), ("b2", (1024,))]

TRANSFORMER_ARGS = [("x", (1, 128, 256)), ("ln1_gamma", (256,)), ("ln1_beta", (256,)),
                    ("wq", (256, 256)), ("bq", (256,)), ("wk", (256, 256)), ("bk", (256,)),
                    ("wv", (256, 256)), ("bv", (256,)), ("wo", (256, 256)), ("bo", (256,)),
                    ("ln2_gamma", (256,)), ("ln2_beta", (256,)), ("w1", (256, 1024)),
                    ("b1", (1024,)), ("w2", (1024, 256)), ("b2", (256,))]

# Tolerances: f32 dot products of K terms in [-1, 1) drift from the reference's double
# sums by about K * eps(f32) (docs/dlc-run.md); the block's outputs reach ~500.
WORKLOADS = [
    Workload("sgemm_1024", "bench/workloads/sgemm_1024.mlir",
             [("a", (1024, 1024)), ("b", (1024, 1024))], 1e-4, 1e-3, 20,
             Target("numpy", 0.9), math="matmul"),
    Workload("sgemm_2048", "bench/workloads/sgemm_2048.mlir",
             [("a", (2048, 2048)), ("b", (2048, 2048))], 1e-4, 2e-3, 5,
             Target("numpy", 0.9), reference_check=False, math="matmul"),
    Workload("mlp_relu", "bench/workloads/mlp_relu.mlir", MLP_ARGS, 1e-4, 1e-2, 20,
             Target("ort", 1.0)),
    Workload("mlp_gelu", "bench/workloads/mlp_gelu.mlir", MLP_ARGS, 1e-4, 1e-2, 20,
             Target("ort", 1.0)),
    Workload("elementwise_chain", "bench/workloads/elementwise_chain.mlir",
             [("x", (16777216,))], 1e-5, 1e-5, 10, Target("stream", 0.8), memory_bound=True),
    Workload("softmax", "bench/workloads/softmax.mlir", [("x", (4096, 4096))], 1e-5, 1e-7,
             10, memory_bound=True),
    Workload("transformer_block", "examples/transformer_block.mlir", TRANSFORMER_ARGS,
             1e-4, 1e-2, 10, Target("ort", 1.0)),
]


def parse_only(parser, text, names):
    """The workloads a comma-separated --only names (all of `names` when empty); an unknown
    one is the parser's error."""
    only = [n for n in text.split(",") if n] or list(names)
    for n in only:
        if n not in names:
            parser.error(f"unknown workload '{n}' (one of {', '.join(names)})")
    return only


def find(name):
    for w in WORKLOADS:
        if w.name == name:
            return w
    raise KeyError(name)


def input_files(workload, directory):
    """The workload's arguments as .npy files in `directory` (made once: uniform in
    [-1, 1), seeded by the argument's position), in the entry's order."""
    import numpy as np
    files = []
    for i, (name, shape) in enumerate(workload.args):
        path = os.path.join(directory, f"{workload.name}.{i}.{name}.npy")
        if not os.path.exists(path):
            rng = np.random.default_rng(i)
            np.save(path, rng.uniform(-1.0, 1.0, size=shape).astype(np.float32))
        files.append(path)
    return files
