// Contractions compiled by dlc-lower-to-cpu sequentially (threads=1) and on two OpenMP
// threads (threads=2), checked against the reference evaluator on random inputs. f32 dot
// products of 256 terms in [-1, 1) carry rounding errors of ~1e-5 relative to their terms.

// A matmul of full register tiles with its bias + relu epilogue (an output fusion).
// RUN: dlc-run %s --entry=dense_relu --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=1})' | FileCheck %s
// RUN: %omp_env dlc-run %s --entry=dense_relu --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=2})' | FileCheck %s
// Attention scores: batch dims (one a unit dim), K transposed, then scaled.
// RUN: dlc-run %s --entry=scores --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=1})' | FileCheck %s
// RUN: %omp_env dlc-run %s --entry=scores --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=2})' | FileCheck %s
// Sizes that are not multiples of the register block (partial tiles).
// RUN: dlc-run %s --entry=partial --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=1})' | FileCheck %s
// RUN: %omp_env dlc-run %s --entry=partial --check --atol=1e-4 --rtol=1e-4 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{threads=2})' | FileCheck %s
// CHECK: dlc-run: output #0 matches

func.func @dense_relu(%x: tensor<64x256xf32>, %w: tensor<256x512xf32>, %b: tensor<512xf32>) -> tensor<64x512xf32> {
  %mm = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x256xf32>, tensor<256x512xf32>) -> tensor<64x512xf32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<512xf32>) -> tensor<64x512xf32>
  %h = "dhlo.add"(%mm, %bb) : (tensor<64x512xf32>, tensor<64x512xf32>) -> tensor<64x512xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<64x512xf32>} : () -> tensor<64x512xf32>
  %y = "dhlo.maximum"(%h, %zero) : (tensor<64x512xf32>, tensor<64x512xf32>) -> tensor<64x512xf32>
  return %y : tensor<64x512xf32>
}

func.func @scores(%q: tensor<1x4x64x64xf32>, %k: tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32> {
  %s = "dhlo.dot_general"(%q, %k) {lhs_batching_dimensions = array<i64: 0, 1>, rhs_batching_dimensions = array<i64: 0, 1>, lhs_contracting_dimensions = array<i64: 3>, rhs_contracting_dimensions = array<i64: 3>} : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>
  %c = "dhlo.constant"() {value = dense<0.125> : tensor<1x4x64x64xf32>} : () -> tensor<1x4x64x64xf32>
  %y = "dhlo.multiply"(%s, %c) : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>
  return %y : tensor<1x4x64x64xf32>
}

func.func @partial(%a: tensor<100x60xf32>, %b: tensor<60x72xf32>) -> tensor<100x72xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<100x60xf32>, tensor<60x72xf32>) -> tensor<100x72xf32>
  return %0 : tensor<100x72xf32>
}
