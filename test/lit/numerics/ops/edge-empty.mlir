// Empty dimensions: tensor<0x4xf32> through an elementwise op, reduce (every result element
// is the init value), dot_general (a 0-sized contraction gives zeros), concatenate with an
// empty operand and a slice to nothing; JIT and ahead of time, checked against the reference
// evaluator (exact: no arithmetic reaches a result) and pinned.
// RUN: dlc-run %s --check --print | FileCheck %s
// RUN: dlc-run %s --check --print --aot | FileCheck %s
// CHECK:      tensor<0x4xf32> {{\[\[\]\]}}
// CHECK-NEXT: tensor<4xf32> [7, 7, 7, 7]
// CHECK-NEXT: tensor<f32> 7
// CHECK-NEXT: tensor<0x3xf32> {{\[\[\]\]}}
// CHECK-NEXT: tensor<3x4xf32> {{\[\[0, 0, 0, 0\], \[0, 0, 0, 0\], \[0, 0, 0, 0\]\]}}
// CHECK-NEXT: tensor<2x4xf32> {{\[\[.*\], \[.*\]\]}}
// CHECK-NEXT: tensor<0x4xf32> {{\[\[\]\]}}
// CHECK-COUNT-7: dlc-run: output #{{[0-9]+}} matches
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @empty(%e: tensor<0x4xf32>, %w: tensor<4x3xf32>, %k: tensor<3x0xf32>, %x: tensor<2x4xf32>)
    -> (tensor<0x4xf32>, tensor<4xf32>, tensor<f32>, tensor<0x3xf32>, tensor<3x4xf32>,
        tensor<2x4xf32>, tensor<0x4xf32>) {
  %add = "dhlo.add"(%e, %e) : (tensor<0x4xf32>, tensor<0x4xf32>) -> tensor<0x4xf32>
  %seven = "dhlo.constant"() {value = dense<7.0> : tensor<f32>} : () -> tensor<f32>
  %r0 = "dhlo.reduce"(%e, %seven) {dimensions = array<i64: 0>, to_apply = @add_f32} : (tensor<0x4xf32>, tensor<f32>) -> tensor<4xf32>
  %rall = "dhlo.reduce"(%e, %seven) {dimensions = array<i64: 0, 1>, to_apply = @add_f32} : (tensor<0x4xf32>, tensor<f32>) -> tensor<f32>
  %dot = "dhlo.dot_general"(%e, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<0x4xf32>, tensor<4x3xf32>) -> tensor<0x3xf32>
  %zeros = "dhlo.dot_general"(%k, %e) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3x0xf32>, tensor<0x4xf32>) -> tensor<3x4xf32>
  %cat = "dhlo.concatenate"(%e, %x) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<0x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %none = "dhlo.slice"(%x) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 1, 4>, strides = array<i64: 1, 1>} : (tensor<2x4xf32>) -> tensor<0x4xf32>
  return %add, %r0, %rall, %dot, %zeros, %cat, %none
      : tensor<0x4xf32>, tensor<4xf32>, tensor<f32>, tensor<0x3xf32>, tensor<3x4xf32>,
        tensor<2x4xf32>, tensor<0x4xf32>
}
