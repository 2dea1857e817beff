// RUN: dlc-opt %s --split-input-file --convert-dhlo-to-linalg | FileCheck %s
// dot_general and convolution (ContractionToLinalg.c): named ops where the dimension
// numbers are theirs, else a generic with parallel result loops, then reduction loops.

// [m, k] x [k, n] is linalg.matmul into a zero-filled accumulator.
// CHECK-LABEL: func.func @matmul
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<8x512xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[Z]] : f32) outs(%[[E]] : tensor<8x512xf32>)
// CHECK-NEXT: %[[M:.*]] = linalg.matmul ins(%arg0, %arg1 : tensor<8x256xf32>, tensor<256x512xf32>) outs(%[[F]] : tensor<8x512xf32>)
// CHECK-NEXT: return %[[M]]
func.func @matmul(%a: tensor<8x256xf32>, %b: tensor<256x512xf32>) -> tensor<8x512xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x256xf32>, tensor<256x512xf32>) -> tensor<8x512xf32>
  return %0 : tensor<8x512xf32>
}

// -----

// [b, m, k] x [b, k, n] is linalg.batch_matmul; bf16 operands with an f32 result keep the
// named op, whose body extends them.
// CHECK-LABEL: func.func @batch_matmul_bf16
// CHECK: linalg.batch_matmul ins(%arg0, %arg1 : tensor<2x4x3xbf16>, tensor<2x3x5xbf16>) outs(%{{.*}} : tensor<2x4x5xf32>)
func.func @batch_matmul_bf16(%a: tensor<2x4x3xbf16>, %b: tensor<2x3x5xbf16>) -> tensor<2x4x5xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<2x4x3xbf16>, tensor<2x3x5xbf16>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// Any other dimension numbers: loops (batch, lhs free, rhs free, contracting); here lhs is
// [k, b, m] and rhs [n, k, b].
// CHECK: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, d0, d1)>
// CHECK: #[[RHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3, d0)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @dot_general_generic
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : tensor<3x2x4xf32>, tensor<5x3x2xf32>) outs(%{{.*}} : tensor<2x4x5xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
func.func @dot_general_generic(%a: tensor<3x2x4xf32>, %b: tensor<5x3x2xf32>) -> tensor<2x4x5xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64: 2>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<3x2x4xf32>, tensor<5x3x2xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// accumulation_type wider than the result: accumulate in f32, then truncate.
// CHECK-LABEL: func.func @dot_accumulation_type
// CHECK: %[[ACC:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x5xf32>)
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: linalg.generic {{.*}} ins(%[[ACC]] : tensor<4x5xf32>) outs(%{{.*}} : tensor<4x5xbf16>)
// CHECK: arith.truncf %{{.*}} : f32 to bf16
func.func @dot_accumulation_type(%a: tensor<4x3xbf16>, %b: tensor<3x5xbf16>) -> tensor<4x5xbf16> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>, accumulation_type = f32} : (tensor<4x3xbf16>, tensor<3x5xbf16>) -> tensor<4x5xbf16>
  return %0 : tensor<4x5xbf16>
}

// -----

// NHWC x HWIO is linalg.conv_2d_nhwc_hwcf; padding is applied first (fill + insert_slice).
// CHECK-LABEL: func.func @conv_nhwc
// CHECK: %[[P:.*]] = tensor.insert_slice %arg0 into %{{.*}}[0, 1, 1, 0] [1, 8, 8, 3] [1, 1, 1, 1] : tensor<1x8x8x3xf32> into tensor<1x10x10x3xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[P]], %arg1 : tensor<1x10x10x3xf32>, tensor<3x3x3x16xf32>) outs(%{{.*}} : tensor<1x8x8x16xf32>)
func.func @conv_nhwc(%img: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32> {
  %0 = "dhlo.convolution"(%img, %k) {dimension_numbers = "b01f_01io->b01f", window_strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// NCHW x OIHW is linalg.conv_2d_nchw_fchw, strides and dilations carried over.
// CHECK-LABEL: func.func @conv_nchw
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%arg0, %arg1 : tensor<1x3x9x9xf32>, tensor<16x3x3x3xf32>)
func.func @conv_nchw(%img: tensor<1x3x9x9xf32>, %k: tensor<16x3x3x3xf32>) -> tensor<1x16x4x3xf32> {
  %0 = "dhlo.convolution"(%img, %k) {dimension_numbers = "bf01_oi01->bf01", window_strides = array<i64: 2, 2>, rhs_dilation = array<i64: 1, 2>} : (tensor<1x3x9x9xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x4x3xf32>
  return %0 : tensor<1x16x4x3xf32>
}

// -----

// Grouped convolution: a generic; output feature o reads the input features of group
// o floordiv (outputs per group).
// CHECK: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d5, d2 * 2 + d6, (d3 floordiv 2) * 2 + d4)>
// CHECK: #[[KERNEL:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d5, d6, d4, d3)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_grouped
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[KERNEL]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
func.func @conv_grouped(%img: tensor<1x8x8x4xf32>, %k: tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> {
  %0 = "dhlo.convolution"(%img, %k) {dimension_numbers = "b01f_01io->b01f", window_strides = array<i64: 2, 2>, feature_group_count = 2 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32>
  return %0 : tensor<1x3x3x4xf32>
}
