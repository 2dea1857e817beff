// Infinities and the edges of the domains of exponential, log, tanh, logistic, rsqrt, sqrt
// and divide (f32, and f16), on literal inputs, JIT and ahead
// of time, checked against the reference evaluator (default tolerances; every value here is
// exact: 0, 1, inf or NaN) and pinned: e^inf = inf, e^-inf = 0, log 0 = -inf, log of a
// negative = NaN, tanh +-inf = +-1, logistic +-inf = 1, 0, rsqrt 0 = inf, rsqrt inf = 0,
// rsqrt -0.0 = -inf, sqrt -0.0 = -0.0, -1 / -0.0 = inf, NaN for 0 / 0 and inf / inf.
// Known difference, within the f32 tolerance: f32 tanh is dlc's polynomial (docs/passes.md,
// dlc-approximate-math, <= 3e-7 absolute), which gives +-0.999999762 for +-inf, not +-1.
// RUN: dlc-run %s --check --print --input='[inf, -inf, 0.0, -1.0]' --input='[inf, -inf, 0.0, -0.0]' \
// RUN:   --input='[inf, -inf, 0.0, -1.0]' | FileCheck %s
// RUN: dlc-run %s --check --print --aot --input='[inf, -inf, 0.0, -1.0]' --input='[inf, -inf, 0.0, -0.0]' \
// RUN:   --input='[inf, -inf, 0.0, -1.0]' | FileCheck %s
// CHECK:      tensor<4xf32> [inf, 0, 1, 0.36787945]
// CHECK-NEXT: tensor<4xf32> [inf, {{-?}}nan, -inf, {{-?}}nan]
// CHECK-NEXT: tensor<4xf32> [{{1|0.999999762}}, {{-1|-0.999999762}}, 0, -0.761594176]
// CHECK-NEXT: tensor<4xf32> [1, 0, 0.5, 0.268941432]
// CHECK-NEXT: tensor<4xf32> [0, {{-?}}nan, inf, -inf]
// CHECK-NEXT: tensor<4xf32> [inf, {{-?}}nan, 0, -0]
// CHECK-NEXT: tensor<4xf32> [{{-?}}nan, {{-?}}nan, {{-?}}nan, inf]
// CHECK-NEXT: tensor<4xf16> [inf, 0, 1, 0.36792]
// CHECK-NEXT: tensor<4xf16> [1, -1, 0, -0.76172]
// CHECK-COUNT-9: dlc-run: output #{{[0-9]+}} matches
func.func @inf(%x: tensor<4xf32>, %z: tensor<4xf32>, %h: tensor<4xf16>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf16>, tensor<4xf16>) {
  %exp = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %log = "dhlo.log"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %tanh = "dhlo.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %logistic = "dhlo.logistic"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %rsqrt = "dhlo.rsqrt"(%z) : (tensor<4xf32>) -> tensor<4xf32>
  %sqrt = "dhlo.sqrt"(%z) : (tensor<4xf32>) -> tensor<4xf32>
  %div = "dhlo.divide"(%x, %z) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %hexp = "dhlo.exponential"(%h) : (tensor<4xf16>) -> tensor<4xf16>
  %htanh = "dhlo.tanh"(%h) : (tensor<4xf16>) -> tensor<4xf16>
  return %exp, %log, %tanh, %logistic, %rsqrt, %sqrt, %div, %hexp, %htanh
      : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
        tensor<4xf32>, tensor<4xf16>, tensor<4xf16>
}
