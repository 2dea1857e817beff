// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// Round trip of #dtensor.layout<[...]> (minor-to-major order) as the encoding of builtin
// tensors: on function arguments and results, on dhlo operands and results (layouts of an
// op's operands and results may differ; only shapes and element types must agree), and on
// dtensor.relayout (its own tests: relayout.mlir).

// CHECK-LABEL: func.func @layout_arguments(%arg0: tensor<2x3xf32, #dtensor.layout<[1, 0]>>, %arg1: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
// CHECK-NEXT: %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32, #dtensor.layout<[1, 0]>>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
// CHECK-NEXT: return %0 : tensor<2x3xf32, #dtensor.layout<[1, 0]>>
func.func @layout_arguments(%arg0: tensor<2x3xf32, #dtensor.layout<[1, 0]>>, %arg1: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>> {
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32, #dtensor.layout<[1, 0]>>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
  return %0 : tensor<2x3xf32, #dtensor.layout<[1, 0]>>
}

// CHECK-LABEL: func.func @layout_mixed_with_plain(
// CHECK-NEXT: %0 = "dhlo.tanh"(%arg0) : (tensor<4x8xbf16>) -> tensor<4x8xbf16, #dtensor.layout<[0, 1]>>
// CHECK-NEXT: %1 = "dhlo.convert"(%0) : (tensor<4x8xbf16, #dtensor.layout<[0, 1]>>) -> tensor<4x8xf32>
func.func @layout_mixed_with_plain(%arg0: tensor<4x8xbf16>) -> tensor<4x8xf32> {
  %0 = "dhlo.tanh"(%arg0) : (tensor<4x8xbf16>) -> tensor<4x8xbf16, #dtensor.layout<[0, 1]>>
  %1 = "dhlo.convert"(%0) : (tensor<4x8xbf16, #dtensor.layout<[0, 1]>>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @layout_rank3(%arg0: tensor<2x3x4xi32, #dtensor.layout<[0, 2, 1]>>) -> tensor<2x3x4xi32, #dtensor.layout<[2, 1, 0]>>
// CHECK-NEXT: %0 = "dhlo.abs"(%arg0) : (tensor<2x3x4xi32, #dtensor.layout<[0, 2, 1]>>) -> tensor<2x3x4xi32, #dtensor.layout<[2, 1, 0]>>
func.func @layout_rank3(%arg0: tensor<2x3x4xi32, #dtensor.layout<[0, 2, 1]>>) -> tensor<2x3x4xi32, #dtensor.layout<[2, 1, 0]>> {
  %0 = "dhlo.abs"(%arg0) : (tensor<2x3x4xi32, #dtensor.layout<[0, 2, 1]>>) -> tensor<2x3x4xi32, #dtensor.layout<[2, 1, 0]>>
  return %0 : tensor<2x3x4xi32, #dtensor.layout<[2, 1, 0]>>
}

// relayout between two layouts; more in relayout.mlir.
// CHECK-LABEL: func.func @relayout_between_layouts(
// CHECK-NEXT: %0 = "dtensor.relayout"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
func.func @relayout_between_layouts(%arg0: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>> {
  %0 = "dtensor.relayout"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
  return %0 : tensor<2x3xf32, #dtensor.layout<[1, 0]>>
}

// A rank-0 tensor has the empty layout; zero-sized tensors have layouts like any other.
// CHECK-LABEL: func.func @layout_rank0_and_zero_sized(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<f32>} : () -> tensor<f32, #dtensor.layout<[]>>
// CHECK-NEXT: %1 = "dhlo.negate"(%arg0) : (tensor<0x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<0x3xf32, #dtensor.layout<[0, 1]>>
func.func @layout_rank0_and_zero_sized(%arg0: tensor<0x3xf32, #dtensor.layout<[0, 1]>>) -> (tensor<f32, #dtensor.layout<[]>>, tensor<0x3xf32, #dtensor.layout<[0, 1]>>) {
  %0 = "dhlo.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32, #dtensor.layout<[]>>
  %1 = "dhlo.negate"(%arg0) : (tensor<0x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<0x3xf32, #dtensor.layout<[0, 1]>>
  return %0, %1 : tensor<f32, #dtensor.layout<[]>>, tensor<0x3xf32, #dtensor.layout<[0, 1]>>
}

// Select with a scalar predicate and clamp with scalar bounds: scalars need no layout.
// CHECK-LABEL: func.func @layout_scalar_broadcast(
// CHECK-NEXT: %0 = "dhlo.select"(%arg0, %arg1, %arg1) : (tensor<i1>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
// CHECK-NEXT: %1 = "dhlo.clamp"(%arg2, %0, %arg2) : (tensor<f32>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<f32>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
func.func @layout_scalar_broadcast(%arg0: tensor<i1>, %arg1: tensor<2x3xf32, #dtensor.layout<[0, 1]>>, %arg2: tensor<f32>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>> {
  %0 = "dhlo.select"(%arg0, %arg1, %arg1) : (tensor<i1>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  %1 = "dhlo.clamp"(%arg2, %0, %arg2) : (tensor<f32>, tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<f32>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
  return %1 : tensor<2x3xf32, #dtensor.layout<[1, 0]>>
}

// Entries may carry an explicit integer type; they print as written.
// CHECK-LABEL: func.func @layout_typed_entries(
// CHECK-NEXT: %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[1 : i32, 0 : i32]>>) -> tensor<2x3xf32>
func.func @layout_typed_entries(%arg0: tensor<2x3xf32, #dtensor.layout<[1 : i32, 0 : i32]>>) -> tensor<2x3xf32> {
  %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[1 : i32, 0 : i32]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
