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

// Other dimension numbers: each operand is copied into [batch, m, k] / [batch, k, n] order
// (here lhs is [k, b, m] and rhs [n, k, b]) and the product is a batch_matmul, whose
// [b, m, n] is the result already.
// CHECK: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d2, d0, d1)>
// CHECK: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK: #[[RHS:.*]] = affine_map<(d0, d1, d2) -> (d2, d1, d0)>
// CHECK-LABEL: func.func @dot_general_permuted
// CHECK: %[[L:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<3x2x4xf32>) outs(%{{.*}} : tensor<2x4x3xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[RHS]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg1 : tensor<5x3x2xf32>) outs(%{{.*}} : tensor<2x3x5xf32>)
// CHECK: %[[M:.*]] = linalg.batch_matmul ins(%[[L]], %[[R]] : tensor<2x4x3xf32>, tensor<2x3x5xf32>)
// CHECK-NEXT: return %[[M]]
func.func @dot_general_permuted(%a: tensor<3x2x4xf32>, %b: tensor<5x3x2xf32>) -> tensor<2x4x5xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64: 2>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<3x2x4xf32>, tensor<5x3x2xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// Attention's scores Q.K^T over two batch dims, one of them a unit dim: both batch dims
// merge into one (the unit dim reads index 0), K is transposed to [b, k, n], and the
// product is copied out to the 4-d result (a projection: unit dims add no index term).
// Copies, not collapse_shape/expand_shape: linalg-fuse-elementwise-ops would fold a reshape
// into the named op and make it a generic.
// CHECK: #[[Q:.*]] = affine_map<(d0, d1, d2) -> (0, d0, d1, d2)>
// CHECK: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK: #[[KT:.*]] = affine_map<(d0, d1, d2) -> (0, d0, d2, d1)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-LABEL: func.func @dot_transposed_rhs
// CHECK: %[[L:.*]] = linalg.generic {indexing_maps = [#[[Q]], #[[ID3]]], {{.*}} ins(%arg0 : tensor<1x2x4x8xf32>) outs(%{{.*}} : tensor<2x4x8xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[KT]], #[[ID3]]], {{.*}} ins(%arg1 : tensor<1x2x6x8xf32>) outs(%{{.*}} : tensor<2x8x6xf32>)
// CHECK: %[[M:.*]] = linalg.batch_matmul ins(%[[L]], %[[R]] : tensor<2x4x8xf32>, tensor<2x8x6xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[OUT]], #{{.*}}], {{.*}} ins(%[[M]] : tensor<2x4x6xf32>) outs(%{{.*}} : tensor<1x2x4x6xf32>)
// CHECK-NOT: tensor.collapse_shape
// CHECK-NOT: tensor.expand_shape
func.func @dot_transposed_rhs(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>) -> tensor<1x2x4x6xf32> {
  %0 = "dhlo.dot_general"(%q, %k) {lhs_batching_dimensions = array<i64: 0, 1>, rhs_batching_dimensions = array<i64: 0, 1>, lhs_contracting_dimensions = array<i64: 3>, rhs_contracting_dimensions = array<i64: 3>} : (tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>) -> tensor<1x2x4x6xf32>
  return %0 : tensor<1x2x4x6xf32>
}

// -----

// Two lhs free dims merge into the matmul's m: dim 0 is m floordiv 3, dim 1 m mod 3; the
// result reads row d0 * 3 + d1.
// CHECK: #[[LHS:.*]] = affine_map<(d0, d1) -> (d0 floordiv 3, d0 mod 3, d1)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d1 + d0 * 3, d2)>
// CHECK-LABEL: func.func @dot_merged_free_dims
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #{{.*}}], {{.*}} outs(%{{.*}} : tensor<6x4xf32>)
// CHECK: %[[M:.*]] = linalg.matmul ins(%{{.*}}, %arg1 : tensor<6x4xf32>, tensor<4x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[OUT]], #{{.*}}], {{.*}} ins(%[[M]] : tensor<6x5xf32>) outs(%{{.*}} : tensor<2x3x5xf32>)
func.func @dot_merged_free_dims(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// A side without free dims (matrix x vector) is no matmul: one generic with the loops of
// the contraction (result loops parallel, then the contracting loop).
// CHECK: #[[A:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK: #[[X:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK: #[[Y:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @matvec
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[X]], #[[Y]]], iterator_types = ["parallel", "reduction"]} ins(%arg0, %arg1 : tensor<4x3xf32>, tensor<3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK-NOT: linalg.matmul
func.func @matvec(%a: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<4xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
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
