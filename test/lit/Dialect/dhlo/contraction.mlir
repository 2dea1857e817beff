// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// dot_general and convolution: valid forms round-trip through the printer and parser, and
// the verifier accepts the result types that StableHLO infers for them.

// CHECK-LABEL: func.func @matmul
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @batch_matmul
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<8x2x3xf32>, tensor<8x3x4xf32>) -> tensor<8x2x4xf32>
func.func @batch_matmul(%a: tensor<8x2x3xf32>, %b: tensor<8x3x4xf32>) -> tensor<8x2x4xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<8x2x3xf32>, tensor<8x3x4xf32>) -> tensor<8x2x4xf32>
  return %0 : tensor<8x2x4xf32>
}

// Batching dimensions come first in the result, wherever they sit in the operands.
// CHECK-LABEL: func.func @batch_dims_not_leading
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {lhs_batching_dimensions = array<i64: 1>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3x8x2xf32>, tensor<3x4x8xf32>) -> tensor<8x2x4xf32>
func.func @batch_dims_not_leading(%a: tensor<3x8x2xf32>, %b: tensor<3x4x8xf32>) -> tensor<8x2x4xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 1>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3x8x2xf32>, tensor<3x4x8xf32>) -> tensor<8x2x4xf32>
  return %0 : tensor<8x2x4xf32>
}

// CHECK-LABEL: func.func @vector_dot
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
func.func @vector_dot(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<i32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// No contracting dimensions: an outer product.
// CHECK-LABEL: func.func @outer_product
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {{.*}} : (tensor<2xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @outer_product(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<2xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// bf16 operands may produce an f32 result (mixed-precision accumulation).
// CHECK-LABEL: func.func @matmul_bf16_f32
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {accumulation_type = f32, lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xbf16>, tensor<3x4xbf16>) -> tensor<2x4xf32>
func.func @matmul_bf16_f32(%a: tensor<2x3xbf16>, %b: tensor<3x4xbf16>) -> tensor<2x4xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {accumulation_type = f32, lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xbf16>, tensor<3x4xbf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @matmul_f16
// CHECK: "dhlo.dot_general"(%arg0, %arg1) {{.*}} : (tensor<2x3xf16>, tensor<3x4xf16>) -> tensor<2x4xf16>
func.func @matmul_f16(%a: tensor<2x3xf16>, %b: tensor<3x4xf16>) -> tensor<2x4xf16> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf16>, tensor<3x4xf16>) -> tensor<2x4xf16>
  return %0 : tensor<2x4xf16>
}

// CHECK-LABEL: func.func @conv_nhwc
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
func.func @conv_nhwc(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// CHECK-LABEL: func.func @conv_nchw
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<2x3x8x10xf32>, tensor<16x3x3x5xf32>) -> tensor<2x16x6x6xf32>
func.func @conv_nchw(%in: tensor<2x3x8x10xf32>, %k: tensor<16x3x3x5xf32>) -> tensor<2x16x6x6xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<2x3x8x10xf32>, tensor<16x3x3x5xf32>) -> tensor<2x16x6x6xf32>
  return %0 : tensor<2x16x6x6xf32>
}

// Input, kernel and output may each order their dimensions differently; the digits
// name spatial dimensions, so "10" swaps them.
// CHECK-LABEL: func.func @conv_mixed_layouts
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_oi10->bf01"} : (tensor<1x8x10x3xf32>, tensor<16x3x5x3xf32>) -> tensor<1x16x6x6xf32>
func.func @conv_mixed_layouts(%in: tensor<1x8x10x3xf32>, %k: tensor<16x3x5x3xf32>) -> tensor<1x16x6x6xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_oi10->bf01"} : (tensor<1x8x10x3xf32>, tensor<16x3x5x3xf32>) -> tensor<1x16x6x6xf32>
  return %0 : tensor<1x16x6x6xf32>
}

// CHECK-LABEL: func.func @conv_1d
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b0f_0io->b0f"} : (tensor<2x10x4xf32>, tensor<3x4x8xf32>) -> tensor<2x8x8xf32>
func.func @conv_1d(%in: tensor<2x10x4xf32>, %k: tensor<3x4x8xf32>) -> tensor<2x8x8xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b0f_0io->b0f"} : (tensor<2x10x4xf32>, tensor<3x4x8xf32>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// Padded 8 -> 10, window 3, stride 2: (10 - 3) / 2 + 1 = 4.
// CHECK-LABEL: func.func @conv_strided_padded
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f", padding = array<i64: 1, 1, 1, 1>, window_strides = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32>
func.func @conv_strided_padded(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", padding = array<i64: 1, 1, 1, 1>, window_strides = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32>
  return %0 : tensor<1x4x4x16xf32>
}

// Asymmetric padding per dimension: rows 8 + 0 + 2, columns 8 + 1 + 0.
// CHECK-LABEL: func.func @conv_asymmetric_padding
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f", padding = array<i64: 0, 2, 1, 0>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x7x16xf32>
func.func @conv_asymmetric_padding(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x8x7x16xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", padding = array<i64: 0, 2, 1, 0>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x7x16xf32>
  return %0 : tensor<1x8x7x16xf32>
}

// Kernel dilation 2 turns a 3-wide window into 5: 8 - 5 + 1 = 4.
// CHECK-LABEL: func.func @conv_rhs_dilation
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f", rhs_dilation = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32>
func.func @conv_rhs_dilation(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", rhs_dilation = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x4x4x16xf32>
  return %0 : tensor<1x4x4x16xf32>
}

// Input dilation 2 (a transposed convolution) turns 8 into 15: 15 - 3 + 1 = 13.
// CHECK-LABEL: func.func @conv_lhs_dilation
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f", lhs_dilation = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x13x13x16xf32>
func.func @conv_lhs_dilation(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x13x13x16xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", lhs_dilation = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x13x13x16xf32>
  return %0 : tensor<1x13x13x16xf32>
}

// Depthwise: 3 feature groups of one input feature each.
// CHECK-LABEL: func.func @conv_depthwise
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f", feature_group_count = 3 : i64} : (tensor<1x8x8x3xf32>, tensor<3x3x1x6xf32>) -> tensor<1x6x6x6xf32>
func.func @conv_depthwise(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x1x6xf32>) -> tensor<1x6x6x6xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", feature_group_count = 3 : i64} : (tensor<1x8x8x3xf32>, tensor<3x3x1x6xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// Batch groups (the weight gradient of a grouped convolution) divide the batch.
// CHECK-LABEL: func.func @conv_batch_groups
// CHECK: "dhlo.convolution"(%arg0, %arg1) {batch_group_count = 2 : i64, dimension_numbers = "b01f_01io->b01f"} : (tensor<4x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<2x6x6x4xf32>
func.func @conv_batch_groups(%in: tensor<4x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) -> tensor<2x6x6x4xf32> {
  %0 = "dhlo.convolution"(%in, %k) {batch_group_count = 2 : i64, dimension_numbers = "b01f_01io->b01f"} : (tensor<4x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<2x6x6x4xf32>
  return %0 : tensor<2x6x6x4xf32>
}

// bf16 operands may produce an f32 result, as for dot_general.
// CHECK-LABEL: func.func @conv_bf16_f32
// CHECK: "dhlo.convolution"(%arg0, %arg1) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xbf16>, tensor<3x3x3x16xbf16>) -> tensor<1x6x6x16xf32>
func.func @conv_bf16_f32(%in: tensor<1x8x8x3xbf16>, %k: tensor<3x3x3x16xbf16>) -> tensor<1x6x6x16xf32> {
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xbf16>, tensor<3x3x3x16xbf16>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}
