// RUN: dlc-opt %s --split-input-file --convert-dhlo-to-linalg | FileCheck %s
// dhlo.fusion is inlined (CallsToLinalg.c, Computations.c): its fused computation is
// cloned at the call site and lowered op by op; no func.call is left and the fused
// computation is erased. linalg-fuse-elementwise-ops makes the fused loop nest later.

// CHECK-LABEL: func.func @loop_fusion
// CHECK: %[[A:.*]] = linalg.generic
// CHECK: arith.addf
// CHECK: %[[T:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<4xf32>)
// CHECK: math.tanh
// CHECK: return %[[T]]
// CHECK-NOT: call
// CHECK-NOT: @fused_0
func.func @loop_fusion(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.fusion"(%x, %y) {kind = "loop", calls = @fused_0, operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @fused_0(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.tanh"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// A fusion with two results of different types whose body holds a reduction: the reducer
// named inside the fused computation is inlined too, and both computations are erased.
// CHECK-LABEL: func.func @multi_output
// CHECK: %[[E:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: %[[R:.*]] = linalg.reduce { arith.addf } ins(%[[E]] : tensor<2x3xf32>)
// CHECK: return %[[E]], %[[R]] : tensor<2x3xf32>, tensor<2xf32>
// CHECK-NOT: func.func private
func.func @multi_output(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %0, %1 = "dhlo.fusion"(%x) {kind = "input", calls = @fused_1, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %0, %1 : tensor<2x3xf32>, tensor<2xf32>
}
func.func private @fused_1(%a: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>) {
  %0 = "dhlo.exponential"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %1 = "dhlo.reduce"(%0, %z) {dimensions = array<i64: 1>, to_apply = @add} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2xf32>
}
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
