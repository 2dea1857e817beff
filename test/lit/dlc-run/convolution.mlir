// A 3x3 NHWC convolution with bias and relu, compiled by dlc-lower-to-cpu (the convolution
// vectorized by dlc-vectorize-convolutions) sequentially and on two OpenMP threads, and
// checked against the reference evaluator on random inputs. f32 sums of 3x3x32 = 288
// products of terms in [-1, 1) carry rounding errors of ~1e-5 relative to their terms.
// RUN: dlc-run %s --check --atol=1e-4 --rtol=1e-4 | FileCheck %s
// RUN: %omp_env dlc-run %s --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=2})' | FileCheck %s
// CHECK: dlc-run: output #0 matches
func.func @conv_relu(%x: tensor<2x18x18x32xf32>, %w: tensor<3x3x32x48xf32>, %b: tensor<48xf32>) -> tensor<2x16x16x48xf32> {
  %c = "dhlo.convolution"(%x, %w) {dimension_numbers = "b01f_01io->b01f"} : (tensor<2x18x18x32xf32>, tensor<3x3x32x48xf32>) -> tensor<2x16x16x48xf32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 3>} : (tensor<48xf32>) -> tensor<2x16x16x48xf32>
  %a = "dhlo.add"(%c, %bb) : (tensor<2x16x16x48xf32>, tensor<2x16x16x48xf32>) -> tensor<2x16x16x48xf32>
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %zb = "dhlo.broadcast_in_dim"(%z) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<2x16x16x48xf32>
  %r = "dhlo.maximum"(%a, %zb) : (tensor<2x16x16x48xf32>, tensor<2x16x16x48xf32>) -> tensor<2x16x16x48xf32>
  return %r : tensor<2x16x16x48xf32>
}
