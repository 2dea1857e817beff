// --check runs the reference evaluator on the program as written and compares every result
// with the compiled one. A two-layer MLP: dot_general + bias + relu, then dot_general + bias.

// At the default f32 tolerances (rtol 1e-5, atol 1e-6) on sums without cancellation: inputs
// and weights in [0, 1), so every sum is positive and f32 rounding stays relative, while
// the first bias (in [-96, -32), around the dot products' mean of 64) leaves about half the
// hidden units to relu.
// RUN: dlc-run %s --check --input=random:0:1 --input=random:0:1 --input=random:-96:-32 \
// RUN:   --input=random:0:1 --input=random:0:1 | FileCheck %s
// RUN: dlc-run %s --check --no-optimize --input=random:0:1 --input=random:0:1 \
// RUN:   --input=random:-96:-32 --input=random:0:1 --input=random:0:1 | FileCheck %s

// Inputs in [-1, 1) make sums cancel: the compiled code accumulates 512 products in f32,
// the reference in double, and near zero their difference is an absolute one of up to
// K * eps(f32) * |x * w| = 512 * 6e-8 * ~3 (about 1e-4 seen), so atol is 5e-4 there.
// RUN: dlc-run %s --check --atol=5e-4 | FileCheck %s
// RUN: dlc-run %s --check --atol=5e-4 --seed=42 -O0 | FileCheck %s
// CHECK: dlc-run: output #0 matches (max abs error {{[0-9.e+-]+}})
// CHECK-NOT: mismatch
func.func @mlp(%x: tensor<8x256xf32>, %w1: tensor<256x512xf32>, %b1: tensor<512xf32>,
               %w2: tensor<512x128xf32>, %b2: tensor<128xf32>) -> tensor<8x128xf32> {
  %0 = "dhlo.dot_general"(%x, %w1) {lhs_batching_dimensions = array<i64>,
         rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,
         rhs_contracting_dimensions = array<i64: 0>}
       : (tensor<8x256xf32>, tensor<256x512xf32>) -> tensor<8x512xf32>
  %1 = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 1>}
       : (tensor<512xf32>) -> tensor<8x512xf32>
  %2 = "dhlo.add"(%0, %1) : (tensor<8x512xf32>, tensor<8x512xf32>) -> tensor<8x512xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<8x512xf32>} : () -> tensor<8x512xf32>
  %3 = "dhlo.maximum"(%2, %zero) : (tensor<8x512xf32>, tensor<8x512xf32>) -> tensor<8x512xf32>
  %4 = "dhlo.dot_general"(%3, %w2) {lhs_batching_dimensions = array<i64>,
         rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,
         rhs_contracting_dimensions = array<i64: 0>}
       : (tensor<8x512xf32>, tensor<512x128xf32>) -> tensor<8x128xf32>
  %5 = "dhlo.broadcast_in_dim"(%b2) {broadcast_dimensions = array<i64: 1>}
       : (tensor<128xf32>) -> tensor<8x128xf32>
  %6 = "dhlo.add"(%4, %5) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  return %6 : tensor<8x128xf32>
}
