"""The workloads as ONNX models for ONNX Runtime, written with python3-onnx (opset 17):
  onnx_models.py WORKLOAD OUT.onnx
Every argument of the dhlo entry is a graph input, weights included (as in dlc, whose entry
takes them as arguments: neither side can pre-pack constant weights). Ops are those an
exporter writes for the math: MatMul, LayerNormalization, Softmax; gelu, which opset 17 does
not have, is spelled out with the tanh approximation as in the dhlo programs (ONNX Runtime's
graph optimizer fuses such patterns on its own)."""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import workloads

OPSET = 17


class Graph:
    """A tiny builder: each op gets a fresh output name; constants become initializers."""

    def __init__(self):
        self.nodes, self.inits, self.count = [], [], 0

    def op(self, kind, *inputs, **attrs):
        self.count += 1
        out = f"t{self.count}"
        self.nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def const(self, value, dtype=np.float32):
        self.count += 1
        name = f"c{self.count}"
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def gelu(self, h):
        cube = self.op("Mul", self.op("Mul", h, h), h)
        inner = self.op("Add", h, self.op("Mul", self.const(0.044715), cube))
        th = self.op("Tanh", self.op("Mul", self.const(0.7978845834), inner))
        return self.op("Mul", self.op("Mul", self.const(0.5), h), self.op("Add", self.const(1.0), th))

    def linear(self, x, w, b):
        return self.op("Add", self.op("MatMul", x, w), b)


def mlp(g, activation):
    def build(x, w1, b1, w2, b2):
        return g.linear(activation(g.linear(x, w1, b1)), w2, b2)
    return build


def transformer_block(g, x, g1, be1, wq, bq, wk, bk, wv, bv, wo, bo, g2, be2, w1, b1, w2, b2):
    def heads(t, perm):
        return g.op("Transpose", g.op("Reshape", t, g.const([1, 128, 4, 64], np.int64)), perm=perm)

    ln1 = g.op("LayerNormalization", x, g1, be1, axis=-1, epsilon=1e-5)
    q = heads(g.linear(ln1, wq, bq), [0, 2, 1, 3])
    kt = heads(g.linear(ln1, wk, bk), [0, 2, 3, 1])
    v = heads(g.linear(ln1, wv, bv), [0, 2, 1, 3])
    scores = g.op("Mul", g.op("MatMul", q, kt), g.const(0.125))
    ctx = g.op("Transpose", g.op("MatMul", g.op("Softmax", scores, axis=-1), v), perm=[0, 2, 1, 3])
    ctx = g.op("Reshape", ctx, g.const([1, 128, 256], np.int64))
    resid1 = g.op("Add", x, g.linear(ctx, wo, bo))
    ln2 = g.op("LayerNormalization", resid1, g2, be2, axis=-1, epsilon=1e-5)
    return g.op("Add", resid1, g.linear(g.gelu(g.linear(ln2, w1, b1)), w2, b2))


def chain(g, x):
    t = g.op("Tanh", g.op("Add", g.op("Mul", x, g.const(0.5)), g.const(0.25)))
    return g.op("Add", g.op("Mul", t, g.const(2.0)), x)


BUILDERS = {
    "sgemm_1024": lambda g: lambda a, b: g.op("MatMul", a, b),
    "sgemm_2048": lambda g: lambda a, b: g.op("MatMul", a, b),
    "mlp_relu": lambda g: mlp(g, lambda h: g.op("Relu", h)),
    "mlp_gelu": lambda g: mlp(g, g.gelu),
    "elementwise_chain": lambda g: lambda x: chain(g, x),
    "softmax": lambda g: lambda x: g.op("Softmax", x, axis=-1),
    "transformer_block": lambda g: lambda *args: transformer_block(g, *args),
}


def build(name):
    workload, g = workloads.find(name), Graph()
    names = [arg for arg, _ in workload.args]
    out = BUILDERS[name](g)(*names)
    result_shape = workload.args[0][1]  # true of every workload: C is A's shape, y is x's
    graph = helper.make_graph(
        g.nodes, name,
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, shape) for n, shape in workload.args],
        [helper.make_tensor_value_info(out, TensorProto.FLOAT, result_shape)], g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    onnx.save(build(sys.argv[1]), sys.argv[2])
