// RUN: dlc-opt %s --split-input-file --verify-diagnostics

// dot_general: batching lists of different lengths.
func.func @batching_length(%a: tensor<8x2x3xf32>, %b: tensor<8x3x4xf32>) -> tensor<8x2x4xf32> {
  // expected-error @+1 {{lhs_batching_dimensions and rhs_batching_dimensions must have the same length, got 1 and 0}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<8x2x3xf32>, tensor<8x3x4xf32>) -> tensor<8x2x4xf32>
  return %0 : tensor<8x2x4xf32>
}

// -----

// dot_general: contracting dimensions must have equal sizes.
func.func @contracting_size(%a: tensor<2x3xf32>, %b: tensor<5x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{contracting dimensions differ in size: lhs dimension 1 is 3, rhs dimension 0 is 5}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<5x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// dot_general: batching dimensions must have equal sizes.
func.func @batching_size(%a: tensor<8x2x3xf32>, %b: tensor<4x3x4xf32>) -> tensor<8x2x4xf32> {
  // expected-error @+1 {{batching dimensions differ in size: lhs dimension 0 is 8, rhs dimension 0 is 4}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<8x2x3xf32>, tensor<4x3x4xf32>) -> tensor<8x2x4xf32>
  return %0 : tensor<8x2x4xf32>
}

// -----

// dot_general: a dimension number beyond the operand's rank.
func.func @dim_out_of_range(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{lhs_contracting_dimensions: dimension 2 is out of range [0, 2)}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// dot_general: a dimension listed twice in one list.
func.func @dim_repeated(%a: tensor<3x3xf32>, %b: tensor<3x3xf32>) -> tensor<f32> {
  // expected-error @+1 {{rhs_contracting_dimensions: dimension 0 appears twice}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0, 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0, 0>} : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// dot_general: a dimension cannot be both batching and contracting.
func.func @batching_and_contracting(%a: tensor<3x3xf32>, %b: tensor<3x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{lhs dimension 0 is both a batching and a contracting dimension}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// dot_general: operands of different element types.
func.func @mixed_operands(%a: tensor<2x3xf32>, %b: tensor<3x4xbf16>) -> tensor<2x4xf32> {
  // expected-error @+1 {{lhs and rhs must have the same element type, got f32 and bf16}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xbf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// dot_general: only bf16/f16 operands may widen, and only to f32.
func.func @widen_to_f64(%a: tensor<2x3xbf16>, %b: tensor<3x4xbf16>) -> tensor<2x4xf64> {
  // expected-error @+1 {{result #0 has type tensor<2x4xf64>, but the operands imply tensor<2x4xbf16>}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xbf16>, tensor<3x4xbf16>) -> tensor<2x4xf64>
  return %0 : tensor<2x4xf64>
}

// -----

// dot_general: f32 operands give an f32 result, never a narrower one.
func.func @narrow_result(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xbf16> {
  // expected-error @+1 {{result #0 has type tensor<2x4xbf16>, but the operands imply tensor<2x4xf32>}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xbf16>
  return %0 : tensor<2x4xbf16>
}

// -----

// dot_general: the result shape is batch, lhs free, rhs free dimensions.
func.func @wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{result #0 has type tensor<4x2xf32>, but the operands imply tensor<2x4xf32>}}
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// dot_general: accumulation_type must name a supported element type.
func.func @bad_accumulation_type(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{accumulation_type i4 is not a supported element type}}
  %0 = "dhlo.dot_general"(%a, %b) {accumulation_type = i4, lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// convolution: dimension_numbers without '->'.
func.func @conv_no_arrow(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01io": expected '->'}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: dimension_numbers without '_' between input and kernel.
func.func @conv_no_underscore(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f01io->b01f": expected '_' after the input labels}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a letter that does not belong to the part (kernels use i and o).
func.func @conv_bad_label(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01bo->b01f": unexpected 'b' in the kernel labels (expected 'i', 'o' or a spatial digit)}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01bo->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a spatial digit used twice.
func.func @conv_repeated_digit(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b00f_01io->b01f": '0' appears twice in the input labels}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b00f_01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a spatial digit beyond the number of spatial dimensions.
func.func @conv_digit_out_of_range(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01io->b02f": the output labels name spatial dimension 2 but have only 2}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b02f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a part without one of its letters.
func.func @conv_missing_letter(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01i->b01f": the kernel labels lack 'o'}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01i->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: the three parts must describe the same rank.
func.func @conv_part_lengths(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01io->b0f": the input, kernel and output labels must have the same length}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b0f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: dimension_numbers must match the operands' rank.
func.func @conv_rank_mismatch(%in: tensor<2x10x4xf32>, %k: tensor<3x4x8xf32>) -> tensor<2x8x8xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01io->b01f" describe rank 4, but lhs has rank 3 and rhs rank 3}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<2x10x4xf32>, tensor<3x4x8xf32>) -> tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

// convolution: padding needs a low and a high value per spatial dimension.
func.func @conv_padding_length(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{attribute 'padding' must have 4 entries, got 2}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", padding = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// convolution: strides must be positive.
func.func @conv_zero_stride(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{attribute 'window_strides' entry 1 is 0; it must be >= 1}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", window_strides = array<i64: 1, 0>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: dilations must be positive.
func.func @conv_zero_dilation(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{attribute 'lhs_dilation' entry 0 is 0; it must be >= 1}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", lhs_dilation = array<i64: 0, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: negative padding may not remove more than the whole input.
func.func @conv_negative_size(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{padding -5, -4 leaves dimension 0 (size 8) with negative size}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", padding = array<i64: -5, -4, 0, 0>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: kernel input features times feature_group_count must equal input features.
func.func @conv_group_mismatch(%in: tensor<1x8x8x6xf32>, %k: tensor<3x3x3x6xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{kernel input features (3) times feature_group_count (3) must equal the input features (6)}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", feature_group_count = 3 : i64} : (tensor<1x8x8x6xf32>, tensor<3x3x3x6xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

// convolution: input features must divide into the feature groups.
func.func @conv_features_indivisible(%in: tensor<1x8x8x4xf32>, %k: tensor<3x3x1x6xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{input features (4) is not divisible by feature_group_count (3)}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", feature_group_count = 3 : i64} : (tensor<1x8x8x4xf32>, tensor<3x3x1x6xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

// convolution: output features must divide into the feature groups.
func.func @conv_outputs_indivisible(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x1x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{kernel output features (4) is not divisible by feature_group_count (3)}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", feature_group_count = 3 : i64} : (tensor<1x8x8x3xf32>, tensor<3x3x1x4xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// convolution: the batch must divide into the batch groups.
func.func @conv_batch_indivisible(%in: tensor<3x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{input batch (3) is not divisible by batch_group_count (2)}}
  %0 = "dhlo.convolution"(%in, %k) {batch_group_count = 2 : i64, dimension_numbers = "b01f_01io->b01f"} : (tensor<3x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// convolution: feature and batch groups cannot be combined.
func.func @conv_both_groups(%in: tensor<4x8x8x4xf32>, %k: tensor<3x3x2x4xf32>) -> tensor<2x6x6x4xf32> {
  // expected-error @+1 {{feature_group_count and batch_group_count cannot both exceed 1}}
  %0 = "dhlo.convolution"(%in, %k) {batch_group_count = 2 : i64, dimension_numbers = "b01f_01io->b01f", feature_group_count = 2 : i64} : (tensor<4x8x8x4xf32>, tensor<3x3x2x4xf32>) -> tensor<2x6x6x4xf32>
  return %0 : tensor<2x6x6x4xf32>
}

// -----

// convolution: group counts must be positive.
func.func @conv_zero_groups(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{feature_group_count must be >= 1, got 0}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f", feature_group_count = 0 : i64} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a stated result shape that the window arithmetic does not give.
func.func @conv_wrong_result(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32> {
  // expected-error @+1 {{result #0 has type tensor<1x8x8x16xf32>, but the operands imply tensor<1x6x6x16xf32>}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x8x8x16xf32>
  return %0 : tensor<1x8x8x16xf32>
}

// -----

// convolution: operands of different element types.
func.func @conv_mixed_operands(%in: tensor<1x8x8x3xbf16>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{lhs and rhs must have the same element type, got bf16 and f32}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xbf16>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a letter used twice in one part.
func.func @conv_repeated_letter(%in: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32> {
  // expected-error @+1 {{dimension_numbers "b01f_01io->b01b": 'b' appears twice in the output labels}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01b"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>) -> tensor<1x6x6x16xf32>
  return %0 : tensor<1x6x6x16xf32>
}

// -----

// convolution: a kernel with an empty spatial extent has no window.
func.func @conv_empty_kernel(%in: tensor<1x8x8x3xf32>, %k: tensor<3x0x3x16xf32>) -> tensor<1x6x9x16xf32> {
  // expected-error @+1 {{window dimension 1 has size 0; windows must not be empty}}
  %0 = "dhlo.convolution"(%in, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x0x3x16xf32>) -> tensor<1x6x9x16xf32>
  return %0 : tensor<1x6x9x16xf32>
}
