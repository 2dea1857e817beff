// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// dtensor.relayout: the result type states the target layout as its encoding; shape and
// element type stay the operand's.

// CHECK-LABEL: func.func @to_column_major
// CHECK: "dtensor.relayout"(%arg0) : (tensor<4x8xf32>) -> tensor<4x8xf32, #dtensor.layout<[0, 1]>>
func.func @to_column_major(%a: tensor<4x8xf32>) -> tensor<4x8xf32, #dtensor.layout<[0, 1]>> {
  %0 = "dtensor.relayout"(%a) : (tensor<4x8xf32>) -> tensor<4x8xf32, #dtensor.layout<[0, 1]>>
  return %0 : tensor<4x8xf32, #dtensor.layout<[0, 1]>>
}

// CHECK-LABEL: func.func @between_layouts
// CHECK: "dtensor.relayout"(%arg0) : (tensor<2x3x4xbf16, #dtensor.layout<[2, 1, 0]>>) -> tensor<2x3x4xbf16, #dtensor.layout<[1, 2, 0]>>
func.func @between_layouts(%a: tensor<2x3x4xbf16, #dtensor.layout<[2, 1, 0]>>) -> tensor<2x3x4xbf16, #dtensor.layout<[1, 2, 0]>> {
  %0 = "dtensor.relayout"(%a) : (tensor<2x3x4xbf16, #dtensor.layout<[2, 1, 0]>>) -> tensor<2x3x4xbf16, #dtensor.layout<[1, 2, 0]>>
  return %0 : tensor<2x3x4xbf16, #dtensor.layout<[1, 2, 0]>>
}

// Back to the default (row-major, no encoding).
// CHECK-LABEL: func.func @to_default
// CHECK: "dtensor.relayout"(%arg0) : (tensor<4x8xi32, #dtensor.layout<[0, 1]>>) -> tensor<4x8xi32>
func.func @to_default(%a: tensor<4x8xi32, #dtensor.layout<[0, 1]>>) -> tensor<4x8xi32> {
  %0 = "dtensor.relayout"(%a) : (tensor<4x8xi32, #dtensor.layout<[0, 1]>>) -> tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}
