// RUN: dlc-opt %s --split-input-file --convert-dhlo-to-linalg | FileCheck %s
// Elementwise ops, constant and iota (ElementwiseToLinalg.c, ScalarSemantics.c): one
// all-parallel linalg.generic per op whose body is the op's scalar semantics.

// A binary float op: identity maps, the body is one arith op.
// CHECK: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_f32
// CHECK-NEXT: %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK-NEXT: %[[G:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%arg0, %arg1 : tensor<2x3xf32>, tensor<2x3xf32>) outs(%[[E]] : tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[G]]
func.func @add_f32(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%x, %y) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Signedness picks the op: divide is divsi for signless integers, guarded so that x / 0
// is -1 and INT_MIN / -1 does not trap.
// CHECK-LABEL: func.func @divide_i32
// CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT: %[[Z:.*]] = arith.cmpi eq, %[[B]], %{{.*}} : i32
// CHECK: %[[D:.*]] = arith.select %{{.*}}, %{{.*}}, %[[B]] : i32
// CHECK-NEXT: %[[Q:.*]] = arith.divsi %[[A]], %[[D]] : i32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[Z]], %{{.*}}, %[[Q]] : i32
// CHECK-NEXT: linalg.yield %[[R]]
func.func @divide_i32(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = "dhlo.divide"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Unsigned types become signless: the function signature too; ui ops use divui/remui.
// CHECK-LABEL: func.func @remainder_ui16
// CHECK-SAME: (%arg0: tensor<4xi16>, %arg1: tensor<4xi16>) -> tensor<4xi16>
// CHECK: arith.remui
// CHECK-NOT: unrealized_conversion_cast
func.func @remainder_ui16(%x: tensor<4xui16>, %y: tensor<4xui16>) -> tensor<4xui16> {
  %0 = "dhlo.remainder"(%x, %y) : (tensor<4xui16>, tensor<4xui16>) -> tensor<4xui16>
  return %0 : tensor<4xui16>
}

// -----

// Float remainder is remf; maximum propagates NaN (maximumf).
// CHECK-LABEL: func.func @remainder_maximum_f32
// CHECK: arith.remf
// CHECK: arith.maximumf
func.func @remainder_maximum_f32(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.remainder"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.maximum"(%0, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// i1 add is or, multiply is and.
// CHECK-LABEL: func.func @bool_add_multiply
// CHECK: arith.ori
// CHECK: arith.andi
func.func @bool_add_multiply(%p: tensor<4xi1>, %q: tensor<4xi1>) -> tensor<4xi1> {
  %0 = "dhlo.add"(%p, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = "dhlo.multiply"(%0, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %1 : tensor<4xi1>
}

// -----

// Unary math: logistic is 1 / (1 + exp(-x)), log_plus_one is log1p, rsqrt is rsqrt.
// CHECK-LABEL: func.func @unary_math
// CHECK: %[[N:.*]] = arith.negf %{{.*}} : f32
// CHECK-NEXT: %[[X:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[X]], %[[ONE:.*]] : f32
// CHECK-NEXT: arith.divf %[[ONE]], %[[D]] : f32
// CHECK: math.log1p
// CHECK: math.rsqrt
func.func @unary_math(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.logistic"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.log_plus_one"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.rsqrt"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Float sign: copysign(1, x), but x itself for +-0 and NaN (cmpf ueq with 0).
// CHECK-LABEL: func.func @sign_f32
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[C:.*]] = math.copysign %{{.*}}, %[[X]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.cmpf ueq, %[[X]], %{{.*}} : f32
// CHECK-NEXT: arith.select %[[Z]], %[[X]], %[[C]] : f32
func.func @sign_f32(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.sign"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// compare: the predicate follows comparison_direction and the element type's signedness.
// CHECK-LABEL: func.func @compare
// CHECK: arith.cmpf olt
// CHECK: arith.cmpi ult
// CHECK: arith.cmpi sge
func.func @compare(%x: tensor<4xf32>, %u: tensor<4xui8>, %i: tensor<4xi8>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = "dhlo.compare"(%x, %x) {comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = "dhlo.compare"(%u, %u) {comparison_direction = "LT"} : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  %2 = "dhlo.compare"(%i, %i) {comparison_direction = "GE"} : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// TOTALORDER compares integer keys: the bits, magnitude flipped for negative values.
// CHECK-LABEL: func.func @compare_totalorder
// CHECK: arith.bitcast %{{.*}} : f32 to i32
// CHECK-NEXT: arith.shrsi
// CHECK-NEXT: arith.shrui
// CHECK-NEXT: arith.xori
// CHECK: arith.cmpi slt
func.func @compare_totalorder(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xi1> {
  %0 = "dhlo.compare"(%x, %y) {comparison_direction = "LT", compare_type = "TOTALORDER"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// A scalar predicate or bound is read through a map with no results (a broadcast).
// CHECK: #[[SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @select_clamp_scalar
// CHECK: linalg.generic {indexing_maps = [#[[SCALAR]], #[[ID]], #[[ID]], #[[ID]]]
// CHECK: arith.select
// CHECK: linalg.generic {indexing_maps = [#[[SCALAR]], #[[ID]], #[[SCALAR]], #[[ID]]]
// CHECK: ^bb0(%[[LO:.*]]: f32, %[[X:.*]]: f32, %[[HI:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[X]], %[[LO]] : f32
// CHECK-NEXT: arith.minimumf %[[M]], %[[HI]] : f32
func.func @select_clamp_scalar(%p: tensor<i1>, %x: tensor<2x3xf32>, %y: tensor<2x3xf32>, %lo: tensor<f32>) -> tensor<2x3xf32> {
  %0 = "dhlo.select"(%p, %x, %y) : (tensor<i1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "dhlo.clamp"(%lo, %0, %lo) : (tensor<f32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// convert: ext/trunc by width and signedness, int <-> float by signedness, to i1 as != 0,
// float to integer saturating (NaN to 0).
// CHECK-LABEL: func.func @convert
// CHECK: arith.extf %{{.*}} : bf16 to f32
// CHECK: arith.uitofp %{{.*}} : i8 to f32
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.cmpi ne
// CHECK: arith.fptosi %{{.*}} : f32 to i8
// CHECK: arith.cmpf uno
func.func @convert(%b: tensor<4xbf16>, %u: tensor<4xui8>, %i: tensor<4xi8>, %f: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi8>) {
  %0 = "dhlo.convert"(%b) : (tensor<4xbf16>) -> tensor<4xf32>
  %1 = "dhlo.convert"(%u) : (tensor<4xui8>) -> tensor<4xf32>
  %2 = "dhlo.convert"(%i) : (tensor<4xi8>) -> tensor<4xi32>
  %3 = "dhlo.convert"(%i) : (tensor<4xi8>) -> tensor<4xi1>
  %4 = "dhlo.convert"(%f) : (tensor<4xf32>) -> tensor<4xi8>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi1>, tensor<4xi8>
}

// -----

// constant is arith.constant; an unsigned one keeps its bits in the signless type.
// CHECK-LABEL: func.func @constants
// CHECK-DAG: arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<[1, -56]> : tensor<2xi8>
func.func @constants() -> (tensor<2xf32>, tensor<2xui8>) {
  %0 = "dhlo.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %1 = "dhlo.constant"() {value = dense<[1, 200]> : tensor<2xui8>} : () -> tensor<2xui8>
  return %0, %1 : tensor<2xf32>, tensor<2xui8>
}

// -----

// iota: linalg.index of the iota dimension, cast to the element type.
// CHECK-LABEL: func.func @iota
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[W:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT: %[[F:.*]] = arith.sitofp %[[W]] : i64 to f32
// CHECK-NEXT: linalg.yield %[[F]]
func.func @iota() -> tensor<2x3xf32> {
  %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
