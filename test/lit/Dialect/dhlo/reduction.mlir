// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// reduce, reduce_window and batch_norm_inference: valid forms round-trip through the
// printer and parser, and the verifier accepts the result types StableHLO infers.

func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func private @add_i32(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<i32>, tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// CHECK-LABEL: func.func @reduce_sum_rows
// CHECK: "dhlo.reduce"(%arg0, %arg1) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
func.func @reduce_sum_rows(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @reduce_max_columns
// CHECK: "dhlo.reduce"(%arg0, %arg1) {dimensions = array<i64: 0>, to_apply = @max_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
func.func @reduce_max_columns(%x: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<8xf32> {
  %0 = "dhlo.reduce"(%x, %init) {dimensions = array<i64: 0>, to_apply = @max_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// Reduced dimensions are listed in any order; the others keep theirs.
// CHECK-LABEL: func.func @reduce_inner_dims
// CHECK: "dhlo.reduce"(%arg0, %arg1) {dimensions = array<i64: 3, 1>, to_apply = @add_i32} : (tensor<2x3x4x5xi32>, tensor<i32>) -> tensor<2x4xi32>
func.func @reduce_inner_dims(%x: tensor<2x3x4x5xi32>, %zero: tensor<i32>) -> tensor<2x4xi32> {
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 3, 1>, to_apply = @add_i32} : (tensor<2x3x4x5xi32>, tensor<i32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// CHECK-LABEL: func.func @reduce_to_scalar
// CHECK: "dhlo.reduce"(%arg0, %arg1) {dimensions = array<i64: 0, 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<f32>
func.func @reduce_to_scalar(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 0, 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// 2x2 max pool, stride 2, NHWC.
// CHECK-LABEL: func.func @max_pool
// CHECK: "dhlo.reduce_window"(%arg0, %arg1) {to_apply = @max_f32, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<1x8x8x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>
func.func @max_pool(%x: tensor<1x8x8x3xf32>, %init: tensor<f32>) -> tensor<1x4x4x3xf32> {
  %0 = "dhlo.reduce_window"(%x, %init) {to_apply = @max_f32, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<1x8x8x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// 3x3 pool, stride 2, padding 1: 7 + 2 = 9, (9 - 3) / 2 + 1 = 4.
// CHECK-LABEL: func.func @padded_pool
// CHECK: "dhlo.reduce_window"(%arg0, %arg1) {padding = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>, to_apply = @add_f32, window_dimensions = array<i64: 1, 3, 3, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<1x7x7x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>
func.func @padded_pool(%x: tensor<1x7x7x3xf32>, %zero: tensor<f32>) -> tensor<1x4x4x3xf32> {
  %0 = "dhlo.reduce_window"(%x, %zero) {padding = array<i64: 0, 0, 1, 1, 1, 1, 0, 0>, to_apply = @add_f32, window_dimensions = array<i64: 1, 3, 3, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<1x7x7x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// Window dilation 2 makes a 3-wide window span 5: 10 - 5 + 1 = 6.
// CHECK-LABEL: func.func @dilated_window
// CHECK: "dhlo.reduce_window"(%arg0, %arg1) {to_apply = @add_f32, window_dilations = array<i64: 2>, window_dimensions = array<i64: 3>} : (tensor<10xf32>, tensor<f32>) -> tensor<6xf32>
func.func @dilated_window(%x: tensor<10xf32>, %zero: tensor<f32>) -> tensor<6xf32> {
  %0 = "dhlo.reduce_window"(%x, %zero) {to_apply = @add_f32, window_dilations = array<i64: 2>, window_dimensions = array<i64: 3>} : (tensor<10xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// Base dilation 2 spreads 10 elements over 19: 19 - 3 + 1 = 17.
// CHECK-LABEL: func.func @dilated_base
// CHECK: "dhlo.reduce_window"(%arg0, %arg1) {base_dilations = array<i64: 2>, to_apply = @add_f32, window_dimensions = array<i64: 3>} : (tensor<10xf32>, tensor<f32>) -> tensor<17xf32>
func.func @dilated_base(%x: tensor<10xf32>, %zero: tensor<f32>) -> tensor<17xf32> {
  %0 = "dhlo.reduce_window"(%x, %zero) {base_dilations = array<i64: 2>, to_apply = @add_f32, window_dimensions = array<i64: 3>} : (tensor<10xf32>, tensor<f32>) -> tensor<17xf32>
  return %0 : tensor<17xf32>
}

// A window larger than the input yields no positions.
// CHECK-LABEL: func.func @empty_window
// CHECK: "dhlo.reduce_window"(%arg0, %arg1) {to_apply = @add_i32, window_dimensions = array<i64: 4>} : (tensor<3xi32>, tensor<i32>) -> tensor<0xi32>
func.func @empty_window(%x: tensor<3xi32>, %zero: tensor<i32>) -> tensor<0xi32> {
  %0 = "dhlo.reduce_window"(%x, %zero) {to_apply = @add_i32, window_dimensions = array<i64: 4>} : (tensor<3xi32>, tensor<i32>) -> tensor<0xi32>
  return %0 : tensor<0xi32>
}

// CHECK-LABEL: func.func @batch_norm
// CHECK: "dhlo.batch_norm_inference"(%arg0, %arg1, %arg2, %arg3, %arg4) {epsilon = 1.000000e-03 : f32, feature_index = 3 : i64} : (tensor<2x8x8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x8x8x16xf32>
func.func @batch_norm(%x: tensor<2x8x8x16xf32>, %scale: tensor<16xf32>, %offset: tensor<16xf32>, %mean: tensor<16xf32>, %var: tensor<16xf32>) -> tensor<2x8x8x16xf32> {
  %0 = "dhlo.batch_norm_inference"(%x, %scale, %offset, %mean, %var) {epsilon = 1.0e-3 : f32, feature_index = 3 : i64} : (tensor<2x8x8x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x8x8x16xf32>
  return %0 : tensor<2x8x8x16xf32>
}

// CHECK-LABEL: func.func @batch_norm_nchw_bf16
// CHECK: "dhlo.batch_norm_inference"(%arg0, %arg1, %arg2, %arg3, %arg4) {epsilon = 5.000000e-01 : f32, feature_index = 1 : i64} : (tensor<2x4x6x6xbf16>, tensor<4xbf16>, tensor<4xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x6x6xbf16>
func.func @batch_norm_nchw_bf16(%x: tensor<2x4x6x6xbf16>, %scale: tensor<4xbf16>, %offset: tensor<4xbf16>, %mean: tensor<4xbf16>, %var: tensor<4xbf16>) -> tensor<2x4x6x6xbf16> {
  %0 = "dhlo.batch_norm_inference"(%x, %scale, %offset, %mean, %var) {epsilon = 0.5 : f32, feature_index = 1 : i64} : (tensor<2x4x6x6xbf16>, tensor<4xbf16>, tensor<4xbf16>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<2x4x6x6xbf16>
  return %0 : tensor<2x4x6x6xbf16>
}
