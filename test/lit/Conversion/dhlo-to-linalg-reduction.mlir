// RUN: dlc-opt %s --split-input-file --convert-dhlo-to-linalg | FileCheck %s
// reduce, reduce_window, batch_norm_inference (ReductionToLinalg.c). The reducer is
// inlined as scalar ops (Computations.c) and then erased with the other computations.

// reduce is linalg.reduce over the init value (dimensions sorted); the body is the
// reducer's add (printed in linalg.reduce's short form).
// CHECK-LABEL: func.func @reduce_sum
// CHECK-NEXT: %[[I:.*]] = tensor.extract %arg1[] : tensor<f32>
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[F:.*]] = linalg.fill ins(%[[I]] : f32) outs(%[[E]] : tensor<4xf32>)
// CHECK-NEXT: %[[R:.*]] = linalg.reduce { arith.addf } ins(%arg0 : tensor<3x4x5xf32>) outs(%[[F]] : tensor<4xf32>) dimensions = [0, 2]
// CHECK-NEXT: return %[[R]]
// CHECK-NOT: func.func private @add
func.func @reduce_sum(%x: tensor<3x4x5xf32>, %init: tensor<f32>) -> tensor<4xf32> {
  %0 = "dhlo.reduce"(%x, %init) {dimensions = array<i64: 2, 0>, to_apply = @add} : (tensor<3x4x5xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Any reducer of elementwise ops and constants: here max of |x| through compare + select.
// CHECK-LABEL: func.func @reduce_absmax
// CHECK: linalg.reduce ins(%arg0 : tensor<3x4xi32>) outs(%{{.*}} : tensor<3xi32>) dimensions = [1]
// CHECK-NEXT: (%[[X:.*]]: i32, %[[ACC:.*]]: i32) {
// CHECK-NEXT: %[[A:.*]] = math.absi %[[X]] : i32
// CHECK-NEXT: %[[C:.*]] = arith.cmpi sgt, %[[ACC]], %[[A]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.select %[[C]], %[[ACC]], %[[A]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
func.func @reduce_absmax(%x: tensor<3x4xi32>, %init: tensor<i32>) -> tensor<3xi32> {
  %0 = "dhlo.reduce"(%x, %init) {dimensions = array<i64: 1>, to_apply = @absmax} : (tensor<3x4xi32>, tensor<i32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}
func.func private @absmax(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %0 = "dhlo.abs"(%b) : (tensor<i32>) -> tensor<i32>
  %c = "dhlo.compare"(%a, %0) {comparison_direction = "GT"} : (tensor<i32>, tensor<i32>) -> tensor<i1>
  %1 = "dhlo.select"(%c, %a, %0) : (tensor<i1>, tensor<i32>, tensor<i32>) -> tensor<i32>
  return %1 : tensor<i32>
}

// -----

// reduce_window (max pooling): output loops, then window loops whose bounds come from a
// window-shaped empty tensor; the input index is out * stride + window * dilation.
// CHECK: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0 + d4, d1 * 2 + d5, d2 * 2 + d6, d3 + d7)>
// CHECK: #[[WINDOW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d4, d5, d6, d7)>
// CHECK: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool
// CHECK: %[[W:.*]] = tensor.empty() : tensor<1x2x2x1xf32>
// CHECK-NEXT: linalg.generic {indexing_maps = [#[[IN]], #[[WINDOW]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "reduction"]} ins(%arg0, %[[W]] : tensor<1x8x8x3xf32>, tensor<1x2x2x1xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[ACC]], %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[M]] : f32
func.func @max_pool(%x: tensor<1x8x8x3xf32>, %ninf: tensor<f32>) -> tensor<1x4x4x3xf32> {
  %0 = "dhlo.reduce_window"(%x, %ninf) {window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>, to_apply = @max} : (tensor<1x8x8x3xf32>, tensor<f32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}
func.func private @max(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Padding and base dilation of reduce_window pad the operand with the init value.
// CHECK-LABEL: func.func @window_padded
// CHECK: %[[I:.*]] = tensor.extract %arg1[] : tensor<f32>
// CHECK: linalg.fill ins(%[[I]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[F:.*]] = linalg.fill ins(%[[I]] : f32) outs(%{{.*}} : tensor<3x8xf32>)
// CHECK-NEXT: %[[P:.*]] = tensor.insert_slice %arg0 into %[[F]][0, 0] [3, 4] [1, 2] : tensor<3x4xf32> into tensor<3x8xf32>
// CHECK: linalg.generic {{.*}} ins(%[[P]], %{{.*}} : tensor<3x8xf32>, tensor<2x2xf32>)
func.func @window_padded(%x: tensor<3x4xf32>, %init: tensor<f32>) -> tensor<2x4xf32> {
  %0 = "dhlo.reduce_window"(%x, %init) {window_dimensions = array<i64: 2, 2>, window_strides = array<i64: 1, 2>, base_dilations = array<i64: 1, 2>, padding = array<i64: 0, 0, 0, 1>, to_apply = @add} : (tensor<3x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// batch_norm_inference: one generic; the 1-D operands are read along feature_index.
// CHECK: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK: #[[FEATURE:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[FEATURE]], #[[FEATURE]], #[[FEATURE]], #[[FEATURE]], #[[X]]]
// CHECK-NEXT: ^bb0(%[[V:.*]]: f32, %[[SCALE:.*]]: f32, %[[OFFSET:.*]]: f32, %[[MEAN:.*]]: f32, %[[VAR:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[A:.*]] = arith.addf %[[VAR]], %{{.*}} : f32
// CHECK-NEXT: %[[D:.*]] = math.sqrt %[[A]] : f32
// CHECK-NEXT: %[[C:.*]] = arith.subf %[[V]], %[[MEAN]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.divf %[[C]], %[[D]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.mulf %[[N]], %[[SCALE]] : f32
// CHECK-NEXT: arith.addf %[[S]], %[[OFFSET]] : f32
func.func @batch_norm(%x: tensor<2x3x4x4xf32>, %s: tensor<3xf32>, %o: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x4xf32> {
  %0 = "dhlo.batch_norm_inference"(%x, %s, %o, %m, %v) {epsilon = 1.0e-05 : f32, feature_index = 1 : i64} : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}
