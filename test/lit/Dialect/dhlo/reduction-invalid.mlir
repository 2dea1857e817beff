// RUN: dlc-opt %s --split-input-file --verify-diagnostics

// reduce: the reducer must reduce the operand's element type.
func.func private @add_i32(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<i32>, tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}
func.func @reducer_element_type(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'to_apply' names @add_i32 of type (tensor<i32>, tensor<i32>) -> tensor<i32>; a reducer must have type (tensor<f32>, tensor<f32>) -> tensor<f32>}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_i32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: the reducer takes exactly two scalars.
func.func private @add3(%a: tensor<f32>, %b: tensor<f32>, %c: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @reducer_arity(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'to_apply' names @add3 of type (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<f32>; a reducer must have type (tensor<f32>, tensor<f32>) -> tensor<f32>}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add3} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: the reducer works on 0-d tensors, not on rows.
func.func private @add_rows(%a: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
func.func @reducer_not_scalar(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'to_apply' names @add_rows of type (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>; a reducer must have type}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_rows} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: the reducer must exist in the module.
func.func @missing_reducer(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'to_apply' names @add_f32, which is not defined}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: init_value is a 0-d tensor.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @init_not_scalar(%x: tensor<4x8xf32>, %zero: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{init_value must be a 0-d tensor of f32, got tensor<4xf32>}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: init_value has the operand's element type.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @init_element_type(%x: tensor<4x8xf32>, %zero: tensor<f16>) -> tensor<4xf32> {
  // expected-error @+1 {{init_value must be a 0-d tensor of f32, got tensor<f16>}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: reduced dimensions lie within the operand's rank.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @dim_out_of_range(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{dimensions: dimension 2 is out of range [0, 2)}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 2>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: a dimension is reduced at most once.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @dim_repeated(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{dimensions: dimension 1 appears twice}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1, 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce: the result drops exactly the reduced dimensions.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @wrong_result(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{result #0 has type tensor<8xf32>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// reduce_window: one window extent per operand dimension.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @window_rank(%x: tensor<1x8x8x3xf32>, %init: tensor<f32>) -> tensor<1x4x4x3xf32> {
  // expected-error @+1 {{attribute 'window_dimensions' must have 4 entries, got 2}}
  %0 = "dhlo.reduce_window"(%x, %init) {to_apply = @max_f32, window_dimensions = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// -----

// reduce_window: window extents are positive.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @window_zero(%x: tensor<8xf32>, %init: tensor<f32>) -> tensor<8xf32> {
  // expected-error @+1 {{attribute 'window_dimensions' entry 0 is 0; it must be >= 1}}
  %0 = "dhlo.reduce_window"(%x, %init) {to_apply = @max_f32, window_dimensions = array<i64: 0>} : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// reduce_window: strides are positive.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @stride_zero(%x: tensor<8xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{attribute 'window_strides' entry 0 is 0; it must be >= 1}}
  %0 = "dhlo.reduce_window"(%x, %init) {to_apply = @max_f32, window_dimensions = array<i64: 2>, window_strides = array<i64: 0>} : (tensor<8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// reduce_window: padding has a low and a high value per dimension.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @padding_length(%x: tensor<4x4xf32>, %init: tensor<f32>) -> tensor<5x5xf32> {
  // expected-error @+1 {{attribute 'padding' must have 4 entries, got 2}}
  %0 = "dhlo.reduce_window"(%x, %init) {padding = array<i64: 1, 1>, to_apply = @max_f32, window_dimensions = array<i64: 2, 2>} : (tensor<4x4xf32>, tensor<f32>) -> tensor<5x5xf32>
  return %0 : tensor<5x5xf32>
}

// -----

// reduce_window: dilations are positive.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @dilation_zero(%x: tensor<8xf32>, %init: tensor<f32>) -> tensor<7xf32> {
  // expected-error @+1 {{attribute 'base_dilations' entry 0 is 0; it must be >= 1}}
  %0 = "dhlo.reduce_window"(%x, %init) {base_dilations = array<i64: 0>, to_apply = @max_f32, window_dimensions = array<i64: 2>} : (tensor<8xf32>, tensor<f32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// reduce_window: the reducer is checked as for reduce.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @window_reducer_type(%x: tensor<8xi32>, %init: tensor<i32>) -> tensor<7xi32> {
  // expected-error @+1 {{'to_apply' names @max_f32 of type (tensor<f32>, tensor<f32>) -> tensor<f32>; a reducer must have type (tensor<i32>, tensor<i32>) -> tensor<i32>}}
  %0 = "dhlo.reduce_window"(%x, %init) {to_apply = @max_f32, window_dimensions = array<i64: 2>} : (tensor<8xi32>, tensor<i32>) -> tensor<7xi32>
  return %0 : tensor<7xi32>
}

// -----

// reduce_window: the result shape follows from window, strides and padding.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @window_wrong_result(%x: tensor<1x8x8x3xf32>, %init: tensor<f32>) -> tensor<1x8x8x3xf32> {
  // expected-error @+1 {{result #0 has type tensor<1x8x8x3xf32>, but the operands imply tensor<1x4x4x3xf32>}}
  %0 = "dhlo.reduce_window"(%x, %init) {to_apply = @max_f32, window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>} : (tensor<1x8x8x3xf32>, tensor<f32>) -> tensor<1x8x8x3xf32>
  return %0 : tensor<1x8x8x3xf32>
}

// -----

// batch_norm_inference: feature_index lies within the operand's rank.
func.func @bn_feature_index(%x: tensor<2x16xf32>, %s: tensor<16xf32>, %o: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{feature_index 2 is out of range [0, 2)}}
  %0 = "dhlo.batch_norm_inference"(%x, %s, %o, %m, %v) {epsilon = 1.0e-3 : f32, feature_index = 2 : i64} : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

// batch_norm_inference: statistics have one entry per feature.
func.func @bn_scale_size(%x: tensor<2x16xf32>, %s: tensor<8xf32>, %o: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{scale must have type tensor<16xf32> (the operand's feature dimension), got tensor<8xf32>}}
  %0 = "dhlo.batch_norm_inference"(%x, %s, %o, %m, %v) {epsilon = 1.0e-3 : f32, feature_index = 1 : i64} : (tensor<2x16xf32>, tensor<8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

// batch_norm_inference: statistics have the operand's element type.
func.func @bn_variance_type(%x: tensor<2x16xf32>, %s: tensor<16xf32>, %o: tensor<16xf32>, %m: tensor<16xf32>, %v: tensor<16xf16>) -> tensor<2x16xf32> {
  // expected-error @+1 {{variance must have type tensor<16xf32> (the operand's feature dimension), got tensor<16xf16>}}
  %0 = "dhlo.batch_norm_inference"(%x, %s, %o, %m, %v) {epsilon = 1.0e-3 : f32, feature_index = 1 : i64} : (tensor<2x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf16>) -> tensor<2x16xf32>
  return %0 : tensor<2x16xf32>
}

// -----

// batch_norm_inference: only float operands.
func.func @bn_integer(%x: tensor<2x16xi32>, %s: tensor<16xi32>, %o: tensor<16xi32>, %m: tensor<16xi32>, %v: tensor<16xi32>) -> tensor<2x16xi32> {
  // expected-error @+1 {{operand must be a float tensor of rank >= 1, got tensor<2x16xi32>}}
  %0 = "dhlo.batch_norm_inference"(%x, %s, %o, %m, %v) {epsilon = 1.0e-3 : f32, feature_index = 1 : i64} : (tensor<2x16xi32>, tensor<16xi32>, tensor<16xi32>, tensor<16xi32>, tensor<16xi32>) -> tensor<2x16xi32>
  return %0 : tensor<2x16xi32>
}
