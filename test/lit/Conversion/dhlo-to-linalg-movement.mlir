// RUN: dlc-opt %s --split-input-file --convert-dhlo-to-linalg | FileCheck %s
// Shape and data movement (MovementToLinalg.c, GatherToLinalg.c).

// broadcast_in_dim is a copying generic: operand dim d reads result loop
// broadcast_dimensions[d], or 0 where a size-1 dim is expanded.
// CHECK: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d2, 0)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_in_dim
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK-NEXT: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<4x1xf32>) outs(%[[E]] : tensor<2x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[X]] : f32
func.func @broadcast_in_dim(%x: tensor<4x1xf32>) -> tensor<2x3x4xf32> {
  %0 = "dhlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 2, 1>} : (tensor<4x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// transpose: result dim k is operand dim permutation[k], so operand dim permutation[k]
// reads loop k.
// CHECK: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, d2, d0)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @transpose
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<3x4x5xf32>) outs(%{{.*}} : tensor<5x3x4xf32>)
func.func @transpose(%x: tensor<3x4x5xf32>) -> tensor<5x3x4xf32> {
  %0 = "dhlo.transpose"(%x) {permutation = array<i64: 2, 0, 1>} : (tensor<3x4x5xf32>) -> tensor<5x3x4xf32>
  return %0 : tensor<5x3x4xf32>
}

// -----

// reverse reads size - 1 - i along the reversed dims.
// CHECK: #[[IN:.*]] = affine_map<(d0, d1) -> (-d0 + 1, d1)>
// CHECK-LABEL: func.func @reverse
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.*}}]
func.func @reverse(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.reverse"(%x) {dimensions = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// reshape: collapse to 1-D, then expand (static shapes make this always valid); rank 0
// has no reassociation group.
// CHECK-LABEL: func.func @reshape
// CHECK-NEXT: %[[C:.*]] = tensor.collapse_shape %arg0 {{\[\[}}0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK-NEXT: %[[E:.*]] = tensor.expand_shape %[[C]] {{\[\[}}0, 1, 2]] output_shape [3, 1, 2] : tensor<6xf32> into tensor<3x1x2xf32>
// CHECK-NEXT: %[[S:.*]] = tensor.expand_shape %arg1 [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK-NEXT: return %[[E]], %[[S]]
func.func @reshape(%x: tensor<2x3xf32>, %s: tensor<f32>) -> (tensor<3x1x2xf32>, tensor<1x1xf32>) {
  %0 = "dhlo.reshape"(%x) : (tensor<2x3xf32>) -> tensor<3x1x2xf32>
  %1 = "dhlo.reshape"(%s) : (tensor<f32>) -> tensor<1x1xf32>
  return %0, %1 : tensor<3x1x2xf32>, tensor<1x1xf32>
}

// -----

// slice is a strided extract_slice.
// CHECK-LABEL: func.func @slice
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %arg0[0, 1] [1, 2] [2, 1] : tensor<2x3xf32> to tensor<1x2xf32>
// CHECK-NEXT: return %[[S]]
func.func @slice(%x: tensor<2x3xf32>) -> tensor<1x2xf32> {
  %0 = "dhlo.slice"(%x) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 2, 3>, strides = array<i64: 2, 1>} : (tensor<2x3xf32>) -> tensor<1x2xf32>
  return %0 : tensor<1x2xf32>
}

// -----

// pad: the padding value everywhere, then the operand inserted with stride interior + 1;
// negative edge padding first slices the operand (here dim 0 from 2, dim 2 elements 1..2).
// CHECK-LABEL: func.func @pad
// CHECK-NEXT: %[[V:.*]] = tensor.extract %arg1[] : tensor<f32>
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<1x6x5xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<1x6x5xf32>)
// CHECK-NEXT: %[[S:.*]] = tensor.extract_slice %arg0[2, 0, 1] [1, 3, 2] [1, 1, 1] : tensor<3x4x5xf32> to tensor<1x3x2xf32>
// CHECK-NEXT: %[[P:.*]] = tensor.insert_slice %[[S]] into %[[F]][0, 1, 1] [1, 3, 2] [1, 2, 2] : tensor<1x3x2xf32> into tensor<1x6x5xf32>
// CHECK-NEXT: return %[[P]]
func.func @pad(%x: tensor<3x4x5xf32>, %v: tensor<f32>) -> tensor<1x6x5xf32> {
  %0 = "dhlo.pad"(%x, %v) {edge_padding_low = array<i64: -2, 1, -1>, edge_padding_high = array<i64: 0, -2, -3>, interior_padding = array<i64: 0, 1, 1>} : (tensor<3x4x5xf32>, tensor<f32>) -> tensor<1x6x5xf32>
  return %0 : tensor<1x6x5xf32>
}

// -----

// concatenate: insert_slice of each operand at its offset along the dimension.
// CHECK-LABEL: func.func @concatenate
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<6x3xf32>
// CHECK-NEXT: %[[A:.*]] = tensor.insert_slice %arg0 into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK-NEXT: %[[B:.*]] = tensor.insert_slice %arg1 into %[[A]][2, 0] [4, 3] [1, 1]
// CHECK-NEXT: return %[[B]]
func.func @concatenate(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<6x3xf32> {
  %0 = "dhlo.concatenate"(%a, %b) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  return %0 : tensor<6x3xf32>
}

// -----

// dynamic_slice / dynamic_update_slice: run-time offsets, each clamped to
// [0, size - slice size] (unsigned indices need no lower bound).
// CHECK-LABEL: func.func @dynamic_slices
// CHECK: %[[I:.*]] = tensor.extract %arg1[] : tensor<i32>
// CHECK-NEXT: %[[W:.*]] = arith.extsi %[[I]] : i32 to i64
// CHECK-NEXT: %[[L:.*]] = arith.maxsi %[[W]], %{{.*}} : i64
// CHECK-NEXT: %[[H:.*]] = arith.minsi %[[L]], %{{.*}} : i64
// CHECK-NEXT: %[[O:.*]] = arith.index_cast %[[H]] : i64 to index
// CHECK: %[[S:.*]] = tensor.extract_slice %arg0[%[[O]], %{{.*}}] [1, 2] [1, 1] : tensor<4x3xf32> to tensor<1x2xf32>
// CHECK: arith.extui %{{.*}} : i32 to i64
// CHECK-NEXT: arith.minui
// CHECK: tensor.insert_slice %[[S]] into %arg0[%{{.*}}, %{{.*}}] [1, 2] [1, 1] : tensor<1x2xf32> into tensor<4x3xf32>
func.func @dynamic_slices(%x: tensor<4x3xf32>, %i: tensor<i32>, %u: tensor<ui32>) -> tensor<4x3xf32> {
  %0 = "dhlo.dynamic_slice"(%x, %i, %i) {slice_sizes = array<i64: 1, 2>} : (tensor<4x3xf32>, tensor<i32>, tensor<i32>) -> tensor<1x2xf32>
  %1 = "dhlo.dynamic_update_slice"(%x, %0, %u, %u) : (tensor<4x3xf32>, tensor<1x2xf32>, tensor<ui32>, tensor<ui32>) -> tensor<4x3xf32>
  return %1 : tensor<4x3xf32>
}

// -----

// gather: a generic over the result whose body reads the start index (clamped), adds the
// offset within the slice and reads the operand with tensor.extract.
// CHECK-LABEL: func.func @gather
// CHECK: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel", "parallel"]} outs(%{{.*}} : tensor<5x8xf32>)
// CHECK: %[[B:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[O:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[ID:.*]] = tensor.extract %arg1[%[[B]]] : tensor<5xi32>
// CHECK: %[[ROW:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK-NEXT: %[[V:.*]] = tensor.extract %arg0[%[[ROW]], %[[O]]] : tensor<100x8xf32>
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @gather(%table: tensor<100x8xf32>, %ids: tensor<5xi32>) -> tensor<5x8xf32> {
  %0 = "dhlo.gather"(%table, %ids) {offset_dims = array<i64: 1>, collapsed_slice_dims = array<i64: 0>, start_index_map = array<i64: 0>, index_vector_dim = 1 : i64, slice_sizes = array<i64: 1, 8>} : (tensor<100x8xf32>, tensor<5xi32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}
