// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// Shape and data-movement ops that verify, each with the result type its rule infers;
// printing and re-parsing must keep them unchanged.

// CHECK-LABEL: func.func @broadcast_in_dim
// CHECK: "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
func.func @broadcast_in_dim(%arg0: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// Size-1 operand dimensions expand; broadcast_dimensions need not be increasing.
// CHECK-LABEL: func.func @broadcast_in_dim_expand_unordered
// CHECK: "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 2, 0>} : (tensor<1x3xi8>) -> tensor<3x5x7xi8>
func.func @broadcast_in_dim_expand_unordered(%arg0: tensor<1x3xi8>) -> tensor<3x5x7xi8> {
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 2, 0>} : (tensor<1x3xi8>) -> tensor<3x5x7xi8>
  return %0 : tensor<3x5x7xi8>
}

// CHECK-LABEL: func.func @broadcast_in_dim_scalar_to_empty
// CHECK: "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4x0xf32>
func.func @broadcast_in_dim_scalar_to_empty(%arg0: tensor<f32>) -> tensor<4x0xf32> {
  %0 = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4x0xf32>
  return %0 : tensor<4x0xf32>
}

// CHECK-LABEL: func.func @reshape
// CHECK: "dhlo.reshape"(%arg0) : (tensor<2x3xf32>) -> tensor<6xf32>
func.func @reshape(%arg0: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = "dhlo.reshape"(%arg0) : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// CHECK-LABEL: func.func @reshape_scalar
// CHECK: "dhlo.reshape"(%arg0) : (tensor<f16>) -> tensor<1x1xf16>
func.func @reshape_scalar(%arg0: tensor<f16>) -> tensor<1x1xf16> {
  %0 = "dhlo.reshape"(%arg0) : (tensor<f16>) -> tensor<1x1xf16>
  return %0 : tensor<1x1xf16>
}

// CHECK-LABEL: func.func @reshape_empty
// CHECK: "dhlo.reshape"(%arg0) : (tensor<0x4xi32>) -> tensor<2x0x7xi32>
func.func @reshape_empty(%arg0: tensor<0x4xi32>) -> tensor<2x0x7xi32> {
  %0 = "dhlo.reshape"(%arg0) : (tensor<0x4xi32>) -> tensor<2x0x7xi32>
  return %0 : tensor<2x0x7xi32>
}

// CHECK-LABEL: func.func @transpose
// CHECK: "dhlo.transpose"(%arg0) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
func.func @transpose(%arg0: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "dhlo.transpose"(%arg0) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// Result dimension i is operand dimension permutation[i].
// CHECK-LABEL: func.func @transpose_rank3
// CHECK: "dhlo.transpose"(%arg0) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xbf16>) -> tensor<4x2x3xbf16>
func.func @transpose_rank3(%arg0: tensor<2x3x4xbf16>) -> tensor<4x2x3xbf16> {
  %0 = "dhlo.transpose"(%arg0) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xbf16>) -> tensor<4x2x3xbf16>
  return %0 : tensor<4x2x3xbf16>
}

// CHECK-LABEL: func.func @transpose_scalar
// CHECK: "dhlo.transpose"(%arg0) {permutation = array<i64>} : (tensor<f32>) -> tensor<f32>
func.func @transpose_scalar(%arg0: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.transpose"(%arg0) {permutation = array<i64>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @reverse
// CHECK: "dhlo.reverse"(%arg0) {dimensions = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: "dhlo.reverse"(%arg0) {dimensions = array<i64>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @reverse(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.reverse"(%arg0) {dimensions = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "dhlo.reverse"(%arg0) {dimensions = array<i64>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// Operands of one type share variadic group 0.
// CHECK-LABEL: func.func @concatenate_same_type
// CHECK: "dhlo.concatenate"(%arg0, %arg0, %arg0) {dimension = 0 : i64, operandSegmentSizes = array<i32: 3, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
func.func @concatenate_same_type(%arg0: tensor<2x3xf32>) -> tensor<6x3xf32> {
  %0 = "dhlo.concatenate"(%arg0, %arg0, %arg0) {dimension = 0 : i64, operandSegmentSizes = array<i32: 3, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}

// CHECK-LABEL: func.func @concatenate_mixed_sizes
// CHECK: "dhlo.concatenate"(%arg0, %arg1, %arg2) {dimension = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0>} : (tensor<2x3xi32>, tensor<2x5xi32>, tensor<2x0xi32>) -> tensor<2x8xi32>
func.func @concatenate_mixed_sizes(%arg0: tensor<2x3xi32>, %arg1: tensor<2x5xi32>, %arg2: tensor<2x0xi32>) -> tensor<2x8xi32> {
  %0 = "dhlo.concatenate"(%arg0, %arg1, %arg2) {dimension = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0>} : (tensor<2x3xi32>, tensor<2x5xi32>, tensor<2x0xi32>) -> tensor<2x8xi32>
  return %0 : tensor<2x8xi32>
}

// CHECK-LABEL: func.func @concatenate_single
// CHECK: "dhlo.concatenate"(%arg0) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
func.func @concatenate_single(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.concatenate"(%arg0) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Result dimension d is ceil((limit - start) / stride): 3 = ceil(6 / 2), 2 = ceil(6 / 4).
// CHECK-LABEL: func.func @slice_strided
// CHECK: "dhlo.slice"(%arg0) {limit_indices = array<i64: 7, 6>, start_indices = array<i64: 1, 0>, strides = array<i64: 2, 4>} : (tensor<8x6xf32>) -> tensor<3x2xf32>
func.func @slice_strided(%arg0: tensor<8x6xf32>) -> tensor<3x2xf32> {
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 7, 6>, strides = array<i64: 2, 4>} : (tensor<8x6xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// start == limit gives an empty dimension, also at the very end of the operand.
// CHECK-LABEL: func.func @slice_empty
// CHECK: "dhlo.slice"(%arg0) {limit_indices = array<i64: 8, 2>, start_indices = array<i64: 8, 0>, strides = array<i64: 1, 5>} : (tensor<8x6xf32>) -> tensor<0x1xf32>
func.func @slice_empty(%arg0: tensor<8x6xf32>) -> tensor<0x1xf32> {
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64: 8, 0>, limit_indices = array<i64: 8, 2>, strides = array<i64: 1, 5>} : (tensor<8x6xf32>) -> tensor<0x1xf32>
  return %0 : tensor<0x1xf32>
}

// CHECK-LABEL: func.func @slice_scalar
// CHECK: "dhlo.slice"(%arg0) {limit_indices = array<i64>, start_indices = array<i64>, strides = array<i64>} : (tensor<i1>) -> tensor<i1>
func.func @slice_scalar(%arg0: tensor<i1>) -> tensor<i1> {
  %0 = "dhlo.slice"(%arg0) {start_indices = array<i64>, limit_indices = array<i64>, strides = array<i64>} : (tensor<i1>) -> tensor<i1>
  return %0 : tensor<i1>
}

// CHECK-LABEL: func.func @dynamic_slice
// CHECK: "dhlo.dynamic_slice"(%arg0, %arg1, %arg1) {slice_sizes = array<i64: 2, 0>} : (tensor<4x5xf32>, tensor<i32>, tensor<i32>) -> tensor<2x0xf32>
func.func @dynamic_slice(%arg0: tensor<4x5xf32>, %arg1: tensor<i32>) -> tensor<2x0xf32> {
  %0 = "dhlo.dynamic_slice"(%arg0, %arg1, %arg1) {slice_sizes = array<i64: 2, 0>} : (tensor<4x5xf32>, tensor<i32>, tensor<i32>) -> tensor<2x0xf32>
  return %0 : tensor<2x0xf32>
}

// A rank-0 operand takes no start indices.
// CHECK-LABEL: func.func @dynamic_slice_scalar
// CHECK: "dhlo.dynamic_slice"(%arg0) {slice_sizes = array<i64>} : (tensor<f32>) -> tensor<f32>
func.func @dynamic_slice_scalar(%arg0: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.dynamic_slice"(%arg0) {slice_sizes = array<i64>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @dynamic_update_slice
// CHECK: "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2, %arg2) : (tensor<4x5xf32>, tensor<2x5xf32>, tensor<i64>, tensor<i64>) -> tensor<4x5xf32>
// CHECK: "dhlo.dynamic_update_slice"(%arg0, %arg3, %arg2, %arg2) : (tensor<4x5xf32>, tensor<0x5xf32>, tensor<i64>, tensor<i64>) -> tensor<4x5xf32>
func.func @dynamic_update_slice(%arg0: tensor<4x5xf32>, %arg1: tensor<2x5xf32>, %arg2: tensor<i64>, %arg3: tensor<0x5xf32>) -> tensor<4x5xf32> {
  %0 = "dhlo.dynamic_update_slice"(%arg0, %arg1, %arg2, %arg2) : (tensor<4x5xf32>, tensor<2x5xf32>, tensor<i64>, tensor<i64>) -> tensor<4x5xf32>
  %1 = "dhlo.dynamic_update_slice"(%arg0, %arg3, %arg2, %arg2) : (tensor<4x5xf32>, tensor<0x5xf32>, tensor<i64>, tensor<i64>) -> tensor<4x5xf32>
  return %1 : tensor<4x5xf32>
}

// Row gather: batch dimensions [3] (start_indices without index_vector_dim), offset
// dimensions [4] (slice_sizes without collapsed dimension 0) at result position 1.
// CHECK-LABEL: func.func @gather_rows
// CHECK: "dhlo.gather"(%arg0, %arg1) {collapsed_slice_dims = array<i64: 0>, index_vector_dim = 1 : i64, offset_dims = array<i64: 1>, slice_sizes = array<i64: 1, 4>, start_index_map = array<i64: 0>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
func.func @gather_rows(%arg0: tensor<5x4xf32>, %arg1: tensor<3x1xi32>) -> tensor<3x4xf32> {
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<3x1xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// index_vector_dim == rank(start_indices): each index is a scalar, all of start_indices
// is batch.
// CHECK-LABEL: func.func @gather_implicit_index_vector
// CHECK: "dhlo.gather"(%arg0, %arg1) {collapsed_slice_dims = array<i64: 0>, index_vector_dim = 2 : i64, offset_dims = array<i64: 2>, slice_sizes = array<i64: 1, 4>, start_index_map = array<i64: 0>} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
func.func @gather_implicit_index_vector(%arg0: tensor<5x4xf32>, %arg1: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 2 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// Nothing collapsed, offset dimensions first, index vector in dimension 0 of
// start_indices: result = [2, 3] (offsets) then [7] (batch).
// CHECK-LABEL: func.func @gather_offsets_first
// CHECK: "dhlo.gather"(%arg0, %arg1) {collapsed_slice_dims = array<i64>, index_vector_dim = 0 : i64, offset_dims = array<i64: 0, 1>, slice_sizes = array<i64: 2, 3>, start_index_map = array<i64: 1, 0>} : (tensor<5x4xf32>, tensor<2x7xi32>) -> tensor<2x3x7xf32>
func.func @gather_offsets_first(%arg0: tensor<5x4xf32>, %arg1: tensor<2x7xi32>) -> tensor<2x3x7xf32> {
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 0, 1>, collapsed_slice_dims = array<i64>, start_index_map = array<i64: 1, 0>, index_vector_dim = 0 : i64, slice_sizes = array<i64: 2, 3>} : (tensor<5x4xf32>, tensor<2x7xi32>) -> tensor<2x3x7xf32>
  return %0 : tensor<2x3x7xf32>
}

// Batching dimensions: operand dimension 0 pairs with start_indices dimension 0 and is
// dropped from the slice like a collapsed dimension.
// CHECK-LABEL: func.func @gather_batching
// CHECK: "dhlo.gather"(%arg0, %arg1) {collapsed_slice_dims = array<i64: 1>, index_vector_dim = 2 : i64, offset_dims = array<i64: 2>, operand_batching_dims = array<i64: 0>, slice_sizes = array<i64: 1, 1, 4>, start_index_map = array<i64: 1>, start_indices_batching_dims = array<i64: 0>} : (tensor<2x5x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
func.func @gather_batching(%arg0: tensor<2x5x4xf32>, %arg1: tensor<2x3x1xi32>) -> tensor<2x3x4xf32> {
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 2>, collapsed_slice_dims = array<i64: 1>, operand_batching_dims = array<i64: 0>, start_indices_batching_dims = array<i64: 0>, start_index_map = array<i64: 1>, index_vector_dim = 2 : i64, slice_sizes = array<i64: 1, 1, 4>} : (tensor<2x5x4xf32>, tensor<2x3x1xi32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// A rank-0 start_indices is one scalar index; no batch dimensions remain.
// CHECK-LABEL: func.func @gather_scalar_index
// CHECK: "dhlo.gather"(%arg0, %arg1) {collapsed_slice_dims = array<i64: 0>, index_vector_dim = 0 : i64, offset_dims = array<i64: 0>, slice_sizes = array<i64: 1, 4>, start_index_map = array<i64: 0>} : (tensor<5x4xf32>, tensor<i32>) -> tensor<4xf32>
func.func @gather_scalar_index(%arg0: tensor<5x4xf32>, %arg1: tensor<i32>) -> tensor<4xf32> {
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 0>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 0 : i64, slice_sizes = array<i64: 1, 4>} : (tensor<5x4xf32>, tensor<i32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @gather_no_indices
// CHECK: "dhlo.gather"(%arg0, %arg1) {collapsed_slice_dims = array<i64: 0>, index_vector_dim = 1 : i64, offset_dims = array<i64: 1>, slice_sizes = array<i64: 0, 4>, start_index_map = array<i64: 0>} : (tensor<5x4xf32>, tensor<0x1xi32>) -> tensor<0x4xf32>
func.func @gather_no_indices(%arg0: tensor<5x4xf32>, %arg1: tensor<0x1xi32>) -> tensor<0x4xf32> {
  %0 = "dhlo.gather"(%arg0, %arg1) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 0, 4>} : (tensor<5x4xf32>, tensor<0x1xi32>) -> tensor<0x4xf32>
  return %0 : tensor<0x4xf32>
}

// Dimension 0: 1 + 2 + 1 * (2 - 1) + 0 = 4; dimension 1: 0 + 3 + 0 + 2 = 5.
// CHECK-LABEL: func.func @pad
// CHECK: "dhlo.pad"(%arg0, %arg1) {edge_padding_high = array<i64: 0, 2>, edge_padding_low = array<i64: 1, 0>, interior_padding = array<i64: 1, 0>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x5xf32>
func.func @pad(%arg0: tensor<2x3xf32>, %arg1: tensor<f32>) -> tensor<4x5xf32> {
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 1, 0>, edge_padding_high = array<i64: 0, 2>, interior_padding = array<i64: 1, 0>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// Negative edge padding crops: dimension 0: -1 + 2 + 0 = 1; dimension 1: 3 - 3 = 0,
// and interior padding applies before cropping: 2 + 1 * 1 - 2 = 1.
// CHECK-LABEL: func.func @pad_negative
// CHECK: "dhlo.pad"(%arg0, %arg1) {edge_padding_high = array<i64: 0, -3>, edge_padding_low = array<i64: -1, 0>, interior_padding = array<i64: 0, 0>} : (tensor<2x3xi32>, tensor<i32>) -> tensor<1x0xi32>
// CHECK: "dhlo.pad"(%arg2, %arg1) {edge_padding_high = array<i64: -1>, edge_padding_low = array<i64: -1>, interior_padding = array<i64: 1>} : (tensor<2xi32>, tensor<i32>) -> tensor<1xi32>
func.func @pad_negative(%arg0: tensor<2x3xi32>, %arg1: tensor<i32>, %arg2: tensor<2xi32>) -> tensor<1xi32> {
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: -1, 0>, edge_padding_high = array<i64: 0, -3>, interior_padding = array<i64: 0, 0>} : (tensor<2x3xi32>, tensor<i32>) -> tensor<1x0xi32>
  %1 = "dhlo.pad"(%arg2, %arg1) {edge_padding_low = array<i64: -1>, edge_padding_high = array<i64: -1>, interior_padding = array<i64: 1>} : (tensor<2xi32>, tensor<i32>) -> tensor<1xi32>
  return %1 : tensor<1xi32>
}

// Interior padding of an empty dimension adds nothing: 1 + 0 + 0 + 1 = 2.
// CHECK-LABEL: func.func @pad_empty
// CHECK: "dhlo.pad"(%arg0, %arg1) {edge_padding_high = array<i64: 1, 0>, edge_padding_low = array<i64: 1, 0>, interior_padding = array<i64: 2, 0>} : (tensor<0x3xf32>, tensor<f32>) -> tensor<2x3xf32>
func.func @pad_empty(%arg0: tensor<0x3xf32>, %arg1: tensor<f32>) -> tensor<2x3xf32> {
  %0 = "dhlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 1, 0>, edge_padding_high = array<i64: 1, 0>, interior_padding = array<i64: 2, 0>} : (tensor<0x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @pad_scalar
// CHECK: "dhlo.pad"(%arg0, %arg0) {edge_padding_high = array<i64>, edge_padding_low = array<i64>, interior_padding = array<i64>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
func.func @pad_scalar(%arg0: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.pad"(%arg0, %arg0) {edge_padding_low = array<i64>, edge_padding_high = array<i64>, interior_padding = array<i64>} : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
