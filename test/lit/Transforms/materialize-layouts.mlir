// RUN: dlc-opt %s --split-input-file --dhlo-materialize-layouts | FileCheck %s
// Every case ends with no layout anywhere.
// RUN: dlc-opt %s --split-input-file --dhlo-materialize-layouts | FileCheck %s --check-prefix=PLAIN
// PLAIN-NOT: dtensor

// A relayout becomes the transpose between the two physical orders (row-major to NHWC).
// CHECK-LABEL: func.func @relayout
// CHECK-SAME: (%arg0: tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
// CHECK-NEXT: %[[T:.*]] = "dhlo.transpose"(%arg0) {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
// CHECK-NEXT: %[[N:.*]] = "dhlo.negate"(%[[T]]) : (tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32>
// CHECK-NEXT: %[[R:.*]] = "dhlo.reshape"(%[[N]]) : (tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32>
// CHECK-NEXT: return %[[R]]
func.func @relayout(%x: tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32> {
  %0 = "dtensor.relayout"(%x) : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>
  %1 = "dhlo.negate"(%0) : (tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>) -> tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>
  %2 = "dhlo.transpose"(%1) {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>) -> tensor<1x8x8x3xf32>
  %3 = "dhlo.reshape"(%2) : (tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32>
  return %3 : tensor<1x8x8x3xf32>
}

// -----

// A convolution written NCHW/OIHW with NHWC/HWIO operands and result: the dimension_numbers
// labels move with the dims, so it reads "b01f_01io->b01f" on the physical tensors. The
// filter constant's data is permuted into HWIO; the result leaves through a transpose.
// CHECK-LABEL: func.func @conv
// CHECK-NEXT: %[[X:.*]] = "dhlo.transpose"(%arg0) {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
// CHECK-NEXT: %[[W:.*]] = "dhlo.constant"() {value = dense<{{\[\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]]> : tensor<1x1x2x2xf32>} : () -> tensor<1x1x2x2xf32>
// CHECK-NEXT: %[[C:.*]] = "dhlo.convolution"(%[[X]], %[[W]]) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x3x3x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x3x3x2xf32>
// CHECK-NEXT: %[[R:.*]] = "dhlo.transpose"(%[[C]]) {permutation = array<i64: 0, 3, 1, 2>} : (tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NEXT: return %[[R]] : tensor<1x2x3x3xf32>
func.func @conv(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %0 = "dtensor.relayout"(%x) : (tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32, #dtensor.layout<[1, 3, 2, 0]>>
  %w = "dhlo.constant"() {value = dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>} : () -> tensor<2x2x1x1xf32, #dtensor.layout<[0, 1, 3, 2]>>
  %1 = "dhlo.convolution"(%0, %w) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x2x3x3xf32, #dtensor.layout<[1, 3, 2, 0]>>, tensor<2x2x1x1xf32, #dtensor.layout<[0, 1, 3, 2]>>) -> tensor<1x2x3x3xf32, #dtensor.layout<[1, 3, 2, 0]>>
  %2 = "dtensor.relayout"(%1) : (tensor<1x2x3x3xf32, #dtensor.layout<[1, 3, 2, 0]>>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Function boundaries stay logical: an argument or result with a layout is passed row-major
// and transposed on entry and on exit. broadcast_in_dim names the physical dim of its
// operand's image.
// CHECK-LABEL: func.func @boundary
// CHECK-SAME: (%arg0: tensor<2x3xf32>, %arg1: tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[X:.*]] = "dhlo.transpose"(%arg0) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[B:.*]] = "dhlo.broadcast_in_dim"(%arg1) {broadcast_dimensions = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[A:.*]] = "dhlo.add"(%[[X]], %[[B]]) : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
// CHECK-NEXT: %[[R:.*]] = "dhlo.transpose"(%[[A]]) {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[R]] : tensor<2x3xf32>
func.func @boundary(%x: tensor<2x3xf32, #dtensor.layout<[0, 1]>>, %b: tensor<3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>> {
  %0 = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  %1 = "dhlo.add"(%x, %0) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  return %1 : tensor<2x3xf32, #dtensor.layout<[0, 1]>>
}

// -----

// dot_general renumbers its batching and contracting dims for the physical operands (lhs
// held [batch, M, K] as K, batch, M); the result comes out batch-major, then the lhs free
// dims, then the rhs free dims.
// CHECK-LABEL: func.func @dot
// CHECK: "dhlo.dot_general"(%{{.*}}, %arg1) {lhs_batching_dimensions = array<i64: 1>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<4x2x3xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
func.func @dot(%a: tensor<2x3x4xf32, #dtensor.layout<[1, 0, 2]>>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<2x3x4xf32, #dtensor.layout<[1, 0, 2]>>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// reduce renumbers its reduced dims; its result keeps the kept dims in the operand's order.
// A slice's per-dim attributes follow the dims. A transpose that layouts made a bitcast
// disappears: the relayout after it reads the slice directly.
// CHECK-LABEL: func.func @reduce_and_friends
// CHECK: %[[X:.*]] = "dhlo.transpose"(%arg0) {permutation = array<i64: 2, 0, 1>} : (tensor<4x5x6xf32>) -> tensor<6x4x5xf32>
// CHECK: %[[R:.*]] = "dhlo.reduce"(%[[X]], %{{.*}}) {dimensions = array<i64: 1>, to_apply = @add} : (tensor<6x4x5xf32>, tensor<f32>) -> tensor<6x5xf32>
// CHECK-NEXT: %[[S:.*]] = "dhlo.slice"(%[[X]]) {limit_indices = array<i64: 6, 2, 5>, start_indices = array<i64: 3, 1, 0>, strides = array<i64: 1, 1, 5>} : (tensor<6x4x5xf32>) -> tensor<3x1x1xf32>
// CHECK-NEXT: "dhlo.transpose"(%[[R]]) {permutation = array<i64: 1, 0>} : (tensor<6x5xf32>) -> tensor<5x6xf32>
// CHECK-NEXT: "dhlo.transpose"(%[[S]]) {permutation = array<i64: 1, 2, 0>} : (tensor<3x1x1xf32>) -> tensor<1x1x3xf32>
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @reduce_and_friends(%x: tensor<4x5x6xf32, #dtensor.layout<[1, 0, 2]>>) -> (tensor<5x6xf32>, tensor<1x1x3xf32>) {
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %r = "dhlo.reduce"(%x, %z) {dimensions = array<i64: 0>, to_apply = @add} : (tensor<4x5x6xf32, #dtensor.layout<[1, 0, 2]>>, tensor<f32>) -> tensor<5x6xf32, #dtensor.layout<[0, 1]>>
  %s = "dhlo.slice"(%x) {start_indices = array<i64: 1, 0, 3>, limit_indices = array<i64: 2, 5, 6>, strides = array<i64: 1, 5, 1>} : (tensor<4x5x6xf32, #dtensor.layout<[1, 0, 2]>>) -> tensor<1x1x3xf32, #dtensor.layout<[1, 0, 2]>>
  %t = "dhlo.transpose"(%s) {permutation = array<i64: 0, 1, 2>} : (tensor<1x1x3xf32, #dtensor.layout<[1, 0, 2]>>) -> tensor<1x1x3xf32, #dtensor.layout<[1, 0, 2]>>
  %rr = "dtensor.relayout"(%r) : (tensor<5x6xf32, #dtensor.layout<[0, 1]>>) -> tensor<5x6xf32>
  %tr = "dtensor.relayout"(%t) : (tensor<1x1x3xf32, #dtensor.layout<[1, 0, 2]>>) -> tensor<1x1x3xf32>
  return %rr, %tr : tensor<5x6xf32>, tensor<1x1x3xf32>
}

// -----

// An op without a layout rule (here dynamic_slice) works on row-major tensors: its operand is
// transposed back to row-major. Its result's type names a layout, but the negate after it
// wants row-major again, so no transpose there and back is left.
// CHECK-LABEL: func.func @opaque
// CHECK: %[[BACK:.*]] = "dhlo.transpose"(%{{.*}}) {permutation = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: %[[D:.*]] = "dhlo.dynamic_slice"(%[[BACK]], %arg1, %arg1) {slice_sizes = array<i64: 1, 2>} : (tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<1x2xf32>
// CHECK-NEXT: "dhlo.negate"(%[[D]]) : (tensor<1x2xf32>) -> tensor<1x2xf32>
func.func @opaque(%x: tensor<2x3xf32>, %i: tensor<i32>) -> tensor<1x2xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  %1 = "dhlo.dynamic_slice"(%0, %i, %i) {slice_sizes = array<i64: 1, 2>} : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<i32>, tensor<i32>) -> tensor<1x2xf32, #dtensor.layout<[0, 1]>>
  %2 = "dhlo.negate"(%1) : (tensor<1x2xf32, #dtensor.layout<[0, 1]>>) -> tensor<1x2xf32>
  return %2 : tensor<1x2xf32>
}
