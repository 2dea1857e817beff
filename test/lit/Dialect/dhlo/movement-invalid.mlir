// RUN: dlc-opt %s --split-input-file --verify-diagnostics
// Each split pins one error of a shape or data-movement rule (RulesMovement.c).

// broadcast_in_dim: one broadcast dimension per operand dimension.
func.func @broadcast_dims_size(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.broadcast_in_dim' op broadcast_dimensions has size 1; expected 2, the rank of the operand}}
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// broadcast_in_dim: broadcast dimensions index the result.
func.func @broadcast_dims_range(%arg0: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.broadcast_in_dim' op broadcast_dimensions: dimension 2 is out of range [0, 2)}}
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 2>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// broadcast_in_dim: two operand dimensions cannot map to one result dimension.
func.func @broadcast_dims_twice(%arg0: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'dhlo.broadcast_in_dim' op broadcast_dimensions: dimension 1 appears twice}}
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 1, 1>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// broadcast_in_dim: an operand dimension of size other than 1 must match its result dimension.
func.func @broadcast_size_mismatch(%arg0: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'dhlo.broadcast_in_dim' op operand dimension 0 has size 2, which is neither 1 nor 4, the size of result dimension 0 (broadcast_dimensions[0])}}
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// broadcast_in_dim: the element type is kept.
func.func @broadcast_element_type(%arg0: tensor<3xf32>) -> tensor<2x3xf16> {
  // expected-error @+1 {{'dhlo.broadcast_in_dim' op result element type f16 differs from operand element type f32}}
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

// broadcast_in_dim: broadcast_dimensions must be an i64 array, not another dense array.
func.func @broadcast_dims_i32(%arg0: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.broadcast_in_dim' op attribute 'broadcast_dimensions' must be an array<i64: ...>}}
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i32: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// reshape: the element count is kept.
func.func @reshape_count(%arg0: tensor<2x3xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'dhlo.reshape' op changes the element count from 6 (tensor<2x3xf32>) to 8 (tensor<4x2xf32>)}}
  %0 = "dhlo.reshape"(%arg0) : (tensor<2x3xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// reshape: the element type is kept.
func.func @reshape_element_type(%arg0: tensor<2x3xf32>) -> tensor<6xi32> {
  // expected-error @+1 {{'dhlo.reshape' op result element type i32 differs from operand element type f32}}
  %0 = "dhlo.reshape"(%arg0) : (tensor<2x3xf32>) -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

// -----

// transpose: the permutation names each dimension once.
func.func @transpose_twice(%arg0: tensor<2x3x4xf32>) -> tensor<4x3x4xf32> {
  // expected-error @+1 {{'dhlo.transpose' op permutation: dimension 2 appears twice}}
  %0 = "dhlo.transpose"(%arg0) {permutation = array<i64: 2, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  return %0 : tensor<4x3x4xf32>
}

// -----

// transpose: the permutation covers every dimension.
func.func @transpose_size(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.transpose' op permutation has size 1; expected 2, the rank of the operand}}
  %0 = "dhlo.transpose"(%arg0) {permutation = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// transpose: the result shape is the permuted operand shape.
func.func @transpose_result(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.transpose' op result #0 has type tensor<2x3xf32>, but the operands imply tensor<3x2xf32>}}
  %0 = "dhlo.transpose"(%arg0) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// reverse: dimensions must be dimensions of the operand.
func.func @reverse_range(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.reverse' op dimensions: dimension -1 is out of range [0, 2)}}
  %0 = "dhlo.reverse"(%arg0) {dimensions = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// reverse: dimensions are distinct.
func.func @reverse_twice(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.reverse' op dimensions: dimension 0 appears twice}}
  %0 = "dhlo.reverse"(%arg0) {dimensions = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// concatenate: needs at least one operand.
func.func @concatenate_empty() -> tensor<0xf32> {
  // expected-error @+1 {{'dhlo.concatenate' op requires at least one operand}}
  %0 = "dhlo.concatenate"() {dimension = 0 : i64, operandSegmentSizes = array<i32: 0, 0, 0, 0, 0, 0, 0, 0>} : () -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// concatenate: a rank-0 operand has no dimension to concatenate along.
func.func @concatenate_dimension_range(%arg0: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'dhlo.concatenate' op dimension 0 is out of range [0, 0)}}
  %0 = "dhlo.concatenate"(%arg0, %arg0) {dimension = 0 : i64, operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// concatenate: operands have one rank.
func.func @concatenate_rank(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3x1xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'dhlo.concatenate' op operand #1 has rank 3, but operand #0 has rank 2}}
  %0 = "dhlo.concatenate"(%arg0, %arg1) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// concatenate: operands have one element type.
func.func @concatenate_element_type(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf16>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'dhlo.concatenate' op operand #1 has element type f16, but operand #0 has f32}}
  %0 = "dhlo.concatenate"(%arg0, %arg1) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<2x3xf16>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// concatenate: operands differ only along the concatenation dimension; operand numbers
// run across the variadic groups.
func.func @concatenate_other_dim(%arg0: tensor<2x3xf32>, %arg1: tensor<2x4xf32>) -> tensor<6x3xf32> {
  // expected-error @+1 {{'dhlo.concatenate' op operand #2 has size 4 in dimension 1, but operand #0 has 3; only dimension 0, the concatenation dimension, may differ}}
  %0 = "dhlo.concatenate"(%arg0, %arg0, %arg1) {dimension = 0 : i64, operandSegmentSizes = array<i32: 2, 1, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}

// -----

// concatenate: the result size along the dimension is the sum of the operands'.
func.func @concatenate_result(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.concatenate' op result #0 has type tensor<2x3xf32>, but the operands imply tensor<2x6xf32>}}
  %0 = "dhlo.concatenate"(%arg0, %arg0) {dimension = 1 : i64, operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// slice: one start index per operand dimension.
func.func @slice_size(%arg0: tensor<8x6xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{'dhlo.slice' op start_indices has size 1; expected 2, the rank of the operand}}
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 0>, limit_indices = array<i64: 8, 6>, strides = array<i64: 1, 1>} : (tensor<8x6xf32>) -> tensor<8x6xf32>
  return %0 : tensor<8x6xf32>
}

// -----

// slice: start indices are not negative.
func.func @slice_negative_start(%arg0: tensor<8x6xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{'dhlo.slice' op start_indices[1] = -1 is negative}}
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 0, -1>, limit_indices = array<i64: 8, 5>, strides = array<i64: 1, 1>} : (tensor<8x6xf32>) -> tensor<8x6xf32>
  return %0 : tensor<8x6xf32>
}

// -----

// slice: limit is not below start.
func.func @slice_limit_below_start(%arg0: tensor<8x6xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{'dhlo.slice' op limit_indices[0] = 2 is less than start_indices[0] = 3}}
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 3, 0>, limit_indices = array<i64: 2, 6>, strides = array<i64: 1, 1>} : (tensor<8x6xf32>) -> tensor<8x6xf32>
  return %0 : tensor<8x6xf32>
}

// -----

// slice: limit is within the operand.
func.func @slice_limit_past_end(%arg0: tensor<8x6xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{'dhlo.slice' op limit_indices[1] = 7 exceeds 6, the size of operand dimension 1}}
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 8, 7>, strides = array<i64: 1, 1>} : (tensor<8x6xf32>) -> tensor<8x6xf32>
  return %0 : tensor<8x6xf32>
}

// -----

// slice: strides are positive.
func.func @slice_zero_stride(%arg0: tensor<8x6xf32>) -> tensor<8x6xf32> {
  // expected-error @+1 {{'dhlo.slice' op strides[0] = 0 must be at least 1}}
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 8, 6>, strides = array<i64: 0, 1>} : (tensor<8x6xf32>) -> tensor<8x6xf32>
  return %0 : tensor<8x6xf32>
}

// -----

// slice: a strided dimension rounds up, ceil(7 / 2) = 4, not down.
func.func @slice_result(%arg0: tensor<8x6xf32>) -> tensor<3x6xf32> {
  // expected-error @+1 {{'dhlo.slice' op result #0 has type tensor<3x6xf32>, but the operands imply tensor<4x6xf32>}}
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 8, 6>, strides = array<i64: 2, 1>} : (tensor<8x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// dynamic_slice: one start index per operand dimension.
func.func @dynamic_slice_count(%arg0: tensor<4x5xf32>, %arg1: tensor<i32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'dhlo.dynamic_slice' op expects 2 start indices, one per operand dimension, but has 1}}
  %0 = "dhlo.dynamic_slice"(%arg0, %arg1) {slice_sizes = array<i64: 2, 2>} : (tensor<4x5xf32>, tensor<i32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// dynamic_slice: start indices are 0-d.
func.func @dynamic_slice_index_rank(%arg0: tensor<4xf32>, %arg1: tensor<1xi32>) -> tensor<2xf32> {
  // expected-error @+1 {{'dhlo.dynamic_slice' op start index #0 must be a 0-d integer tensor, got tensor<1xi32>}}
  %0 = "dhlo.dynamic_slice"(%arg0, %arg1) {slice_sizes = array<i64: 2>} : (tensor<4xf32>, tensor<1xi32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dynamic_slice: start indices are integers.
func.func @dynamic_slice_index_float(%arg0: tensor<4xf32>, %arg1: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{'dhlo.dynamic_slice' op start index #0 must be a 0-d integer tensor, got tensor<f32>}}
  %0 = "dhlo.dynamic_slice"(%arg0, %arg1) {slice_sizes = array<i64: 2>} : (tensor<4xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// dynamic_slice: the slice fits in the operand.
func.func @dynamic_slice_too_big(%arg0: tensor<4x5xf32>, %arg1: tensor<i32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'dhlo.dynamic_slice' op slice_sizes[1] = 6 is out of range [0, 5], the size of operand dimension 1}}
  %0 = "dhlo.dynamic_slice"(%arg0, %arg1, %arg1) {slice_sizes = array<i64: 2, 6>} : (tensor<4x5xf32>, tensor<i32>, tensor<i32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// dynamic_slice: the result shape is slice_sizes.
func.func @dynamic_slice_result(%arg0: tensor<4x5xf32>, %arg1: tensor<i32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.dynamic_slice' op result #0 has type tensor<2x3xf32>, but the operands imply tensor<2x2xf32>}}
  %0 = "dhlo.dynamic_slice"(%arg0, %arg1, %arg1) {slice_sizes = array<i64: 2, 2>} : (tensor<4x5xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// dynamic_update_slice: the update has the operand's rank.
func.func @dynamic_update_slice_rank(%arg0: tensor<4x5xf32>, %arg1: tensor<5xf32>, %arg2: tensor<i32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'dhlo.dynamic_update_slice' op update has rank 1, but the operand has rank 2}}
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2, %arg2) : (tensor<4x5xf32>, tensor<5xf32>, tensor<i32>, tensor<i32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// dynamic_update_slice: the update has the operand's element type.
func.func @dynamic_update_slice_element(%arg0: tensor<4x5xf32>, %arg1: tensor<2x5xbf16>, %arg2: tensor<i32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'dhlo.dynamic_update_slice' op update element type bf16 differs from operand element type f32}}
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2, %arg2) : (tensor<4x5xf32>, tensor<2x5xbf16>, tensor<i32>, tensor<i32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// dynamic_update_slice: the update fits in the operand.
func.func @dynamic_update_slice_too_big(%arg0: tensor<4x5xf32>, %arg1: tensor<2x6xf32>, %arg2: tensor<i32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'dhlo.dynamic_update_slice' op update dimension 1 has size 6, which exceeds 5, the size of operand dimension 1}}
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2, %arg2) : (tensor<4x5xf32>, tensor<2x6xf32>, tensor<i32>, tensor<i32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// dynamic_update_slice: one start index per operand dimension.
func.func @dynamic_update_slice_count(%arg0: tensor<4x5xf32>, %arg1: tensor<2x5xf32>, %arg2: tensor<i32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'dhlo.dynamic_update_slice' op expects 2 start indices, one per operand dimension, but has 3}}
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2, %arg2, %arg2) : (tensor<4x5xf32>, tensor<2x5xf32>, tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// dynamic_update_slice: i1 is not an index type.
func.func @dynamic_update_slice_bool_index(%arg0: tensor<4xf32>, %arg1: tensor<2xf32>, %arg2: tensor<i1>) -> tensor<4xf32> {
  // expected-error @+1 {{'dhlo.dynamic_update_slice' op start index #0 must be a 0-d integer tensor, got tensor<i1>}}
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2) : (tensor<4xf32>, tensor<2xf32>, tensor<i1>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// dynamic_update_slice: the result has the operand's type.
func.func @dynamic_update_slice_result(%arg0: tensor<4xf32>, %arg1: tensor<2xf32>, %arg2: tensor<i32>) -> tensor<2xf32> {
  // expected-error @+1 {{'dhlo.dynamic_update_slice' op result #0 has type tensor<2xf32>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2) : (tensor<4xf32>, tensor<2xf32>, tensor<i32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// gather: start_indices are integers.
func.func @gather_float_indices(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op start_indices must have an integer element type, got f32}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C1: offset, collapsed and batching dimensions account for every operand dimension.
func.func @gather_dim_count(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3xf32> {
  // expected-error @+1 {{'dhlo.gather' op offset_dims, collapsed_slice_dims and operand_batching_dims must together list 2 dimensions, the rank of the operand, but list 1}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// gather C2: index_vector_dim may equal the rank of start_indices but not exceed it.
func.func @gather_index_vector_dim(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op index_vector_dim 3 is out of range [0, 2], the rank of start_indices}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 3 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C3: start_index_map maps every component of the index vector.
func.func @gather_start_index_map_size(%arg0: tensor<5x4xf32>, %arg1: tensor<3x2xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op start_index_map has size 1; expected 2, the size of start_indices dimension 1 (index_vector_dim)}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x2xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C3: with index_vector_dim = rank(start_indices) each index is a scalar.
func.func @gather_start_index_map_scalar(%arg0: tensor<5x4xf32>, %arg1: tensor<3xi32>) -> tensor<3xf32> {
  // expected-error @+1 {{'dhlo.gather' op start_index_map has size 2; expected 1 because index_vector_dim 1 is the rank of start_indices (each index is a scalar)}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64>, collapsed_slice_dims = array<i64: 0, 1>, start_index_map = array<i64: 0, 1>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 1>} : (tensor<5x4xf32>, tensor<3xi32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// gather C4: offset_dims are sorted.
func.func @gather_offset_dims_unsorted(%arg0: tensor<5x4x3xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x4x3xf32> {
  // expected-error @+1 {{'dhlo.gather' op offset_dims must be sorted, but 1 comes after 2}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2, 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4, 3>} : (tensor<5x4x3xf32>, tensor<3x1xi32>) -> tensor<3x4x3xf32>
  return %0 : tensor<3x4x3xf32>
}

// -----

// gather C5: offset_dims index the result.
func.func @gather_offset_dims_range(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op offset_dims: dimension 2 is out of range [0, 2)}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C6: a dimension is either collapsed or a batching dimension, not both.
func.func @gather_collapsed_and_batching(%arg0: tensor<2x5x4xf32>, %arg1: tensor<2x3x1xi32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op dimension 0 appears in both collapsed_slice_dims and operand_batching_dims}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 0>, operand_batching_dims = array<i64: 0>, start_indices_batching_dims = array<i64: 0>, start_index_map = array<i64: 1>, index_vector_dim = 2 : i64, slice_sizes = array<i64: 1, 1, 4>} : (tensor<2x5x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// gather C7: collapsed_slice_dims are sorted.
func.func @gather_collapsed_unsorted(%arg0: tensor<5x4x3xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'dhlo.gather' op collapsed_slice_dims must be sorted, but 0 comes after 1}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 1, 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 1, 3>} : (tensor<5x4x3xf32>, tensor<3x1xi32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// gather C8: collapsed_slice_dims index the operand.
func.func @gather_collapsed_range(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'dhlo.gather' op collapsed_slice_dims: dimension 2 is out of range [0, 2)}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 2>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 5, 1>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// gather C9: a collapsed dimension has slice size at most 1.
func.func @gather_collapsed_slice_size(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op slice_sizes[0] = 2 must be at most 1 because dimension 0 is in collapsed_slice_dims}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 2, 4>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C15: index_vector_dim cannot also be a batching dimension of start_indices.
func.func @gather_batching_index_vector(%arg0: tensor<2x5x4xf32>, %arg1: tensor<2x3xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op start_indices_batching_dims must not contain index_vector_dim 0}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 1>, operand_batching_dims = array<i64: 0>, start_indices_batching_dims = array<i64: 0>, start_index_map = array<i64: 1, 2>, index_vector_dim = 0 : i64, slice_sizes = array<i64: 1, 1, 4>} : (tensor<2x5x4xf32>, tensor<2x3xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C16: batching dimensions come in pairs; an absent start_indices_batching_dims is empty.
func.func @gather_batching_unpaired(%arg0: tensor<2x5x4xf32>, %arg1: tensor<2x3x1xi32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op operand_batching_dims has size 1, but start_indices_batching_dims has size 0}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 1>, operand_batching_dims = array<i64: 0>, start_index_map = array<i64: 1>, index_vector_dim = 2 : i64, slice_sizes = array<i64: 1, 1, 4>} : (tensor<2x5x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// gather C17: paired batching dimensions have one size.
func.func @gather_batching_sizes(%arg0: tensor<3x5x4xf32>, %arg1: tensor<2x3x1xi32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op operand batching dimension 0 has size 3, but start_indices batching dimension 0 has size 2}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 1>, operand_batching_dims = array<i64: 0>, start_indices_batching_dims = array<i64: 0>, start_index_map = array<i64: 1>, index_vector_dim = 2 : i64, slice_sizes = array<i64: 1, 1, 4>} : (tensor<3x5x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// gather C18: a batching dimension is not indexed through start_index_map.
func.func @gather_start_index_map_batching(%arg0: tensor<2x5x4xf32>, %arg1: tensor<2x3x1xi32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op dimension 0 appears in both start_index_map and operand_batching_dims}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 1>, operand_batching_dims = array<i64: 0>, start_indices_batching_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 2 : i64, slice_sizes = array<i64: 1, 1, 4>} : (tensor<2x5x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// gather C18: start_index_map names each operand dimension once.
func.func @gather_start_index_map_twice(%arg0: tensor<5x4xf32>, %arg1: tensor<3x2xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op start_index_map: dimension 0 appears twice}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0, 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x2xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C20: one slice size per operand dimension.
func.func @gather_slice_sizes_size(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'dhlo.gather' op slice_sizes has size 1; expected 2, the rank of the operand}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// gather C21: the slice fits in the operand.
func.func @gather_slice_too_big(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'dhlo.gather' op slice_sizes[1] = 5 is out of range [0, 4], the size of operand dimension 1}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 5>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// gather C22: offset dimensions sit where offset_dims says, batch dimensions elsewhere.
func.func @gather_result(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'dhlo.gather' op result #0 has type tensor<4x3xf32>, but the operands imply tensor<3x4xf32>}}
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// pad: the padding value is a scalar tensor.
func.func @pad_value_rank(%arg0: tensor<2x3xf32>, %arg1: tensor<1xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.pad' op padding_value must be a 0-d tensor, got tensor<1xf32>}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0, 0>, edge_padding_high = array<i64: 0, 0>, interior_padding = array<i64: 0, 0>} : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// pad: the padding value has the operand's element type.
func.func @pad_value_element(%arg0: tensor<2x3xf32>, %arg1: tensor<f64>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.pad' op padding_value element type f64 differs from operand element type f32}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0, 0>, edge_padding_high = array<i64: 0, 0>, interior_padding = array<i64: 0, 0>} : (tensor<2x3xf32>, tensor<f64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// pad: one padding amount per operand dimension.
func.func @pad_size(%arg0: tensor<2x3xf32>, %arg1: tensor<f32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.pad' op edge_padding_high has size 3; expected 2, the rank of the operand}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0, 0>, edge_padding_high = array<i64: 0, 0, 0>, interior_padding = array<i64: 0, 0>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// pad: interior padding cannot be negative, unlike edge padding.
func.func @pad_negative_interior(%arg0: tensor<2x3xf32>, %arg1: tensor<f32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.pad' op interior_padding[1] = -1 is negative}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0, 0>, edge_padding_high = array<i64: 0, 0>, interior_padding = array<i64: 0, -1>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// pad: negative edge padding cannot crop more than the padded dimension holds.
func.func @pad_negative_result(%arg0: tensor<2x3xf32>, %arg1: tensor<f32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.pad' op result dimension 1 would have negative size -1 (size 3, edge_padding_low -2, edge_padding_high -2, interior_padding 0)}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0, -2>, edge_padding_high = array<i64: 0, -2>, interior_padding = array<i64: 0, 0>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// pad: a padded size that does not fit in 64 bits is rejected, not wrapped.
func.func @pad_overflow(%arg0: tensor<3xf32>, %arg1: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+1 {{'dhlo.pad' op result dimension 0 overflows a 64-bit size}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0>, edge_padding_high = array<i64: 0>, interior_padding = array<i64: 9223372036854775807>} : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// pad: interior padding fills the one gap of a 2-element dimension: 2 + 1 * 2 = 4, not 6.
func.func @pad_result(%arg0: tensor<2xf32>, %arg1: tensor<f32>) -> tensor<6xf32> {
  // expected-error @+1 {{'dhlo.pad' op result #0 has type tensor<6xf32>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 0>, edge_padding_high = array<i64: 0>, interior_padding = array<i64: 2>} : (tensor<2xf32>, tensor<f32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
