// RUN: dlc-opt %s --split-input-file --verify-diagnostics --convert-dhlo-to-linalg
// RUN: not dlc-opt %s --split-input-file --convert-dhlo-to-linalg 2>&1 | FileCheck %s
// Every dhlo/dtensor op left after the patterns is reported at its location, with the
// reason its lowering gave, and the pass fails (DhloToLinalg.c).

// Layouts must be materialized first: a relayout is never lowered here.
// CHECK: dhlo-to-linalg-invalid.mlir:[[@LINE+3]]:8: error: failed to legalize 'dtensor.relayout' to linalg
func.func @relayout(%x: tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>> {
  // expected-error @+1 {{failed to legalize 'dtensor.relayout' to linalg: layout encodings must be materialized first (dhlo-materialize-layouts)}}
  %0 = "dtensor.relayout"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  return %0 : tensor<2x3xf32, #dtensor.layout<[0, 1]>>
}

// -----

// Nor is an op on a tensor with a layout encoding, which lowering would drop.
func.func @encoded_operand(%x: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize 'dhlo.negate' to linalg: layout encodings must be materialized first (dhlo-materialize-layouts)}}
  %0 = "dhlo.negate"(%x) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// custom_call has no CPU lowering.
func.func @custom_call(%x: tensor<16xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{failed to legalize 'dhlo.custom_call' to linalg: custom calls have no CPU lowering}}
  %0 = "dhlo.custom_call"(%x) {call_target_name = "my_topk", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<16xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A reducer must be made of ops with scalar semantics to be inlined into a linalg body.
func.func @opaque_reducer(%x: tensor<4xf32>, %init: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{failed to legalize 'dhlo.reduce' to linalg: the reducer holds ops without scalar semantics}}
  %0 = "dhlo.reduce"(%x, %init) {dimensions = array<i64: 0>, to_apply = @opaque} : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @opaque(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.custom_call"(%a, %b) {call_target_name = "combine", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
