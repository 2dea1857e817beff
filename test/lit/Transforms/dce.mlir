// RUN: dlc-opt %s --split-input-file --dhlo-dce | FileCheck %s

// An unused chain of pure ops disappears entirely; used ops stay.
// CHECK-LABEL: func.func @dead_chain
// CHECK-NEXT: %[[A:.*]] = "dhlo.add"(%arg0, %arg0)
// CHECK-NEXT: return %[[A]]
func.func @dead_chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.tanh"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.add"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Ops with side effects (custom_call, collectives) are kept even when unused.
// CHECK-LABEL: func.func @side_effects_stay
// CHECK: "dhlo.custom_call"
// CHECK-NOT: dhlo.negate
func.func @side_effects_stay(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.custom_call"(%x) {call_target_name = "log_tensor", has_side_effect = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// -----

// Dead ops inside a called computation go too; the function itself stays.
// CHECK-LABEL: func.func private @reducer
// CHECK-NEXT: %[[S:.*]] = "dhlo.add"
// CHECK-NEXT: return %[[S]]
func.func private @reducer(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.multiply"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %1 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %1 : tensor<f32>
}
