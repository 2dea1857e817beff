// RUN: dlc-opt %s --split-input-file --dhlo-canonicalize | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dhlo-canonicalize=unsafe-fp-math=true | FileCheck %s --check-prefix=UNSAFE

// x + (-0.0) is x for every float x, -0.0 included.
// CHECK-LABEL: func.func @add_neg_zero
// CHECK-NEXT: return %arg0
func.func @add_neg_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = "dhlo.constant"() {value = dense<-0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "dhlo.add"(%x, %z) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// x + (+0.0) turns -0.0 into +0.0, so it stays unless unsafe-fp-math is on.
// CHECK-LABEL: func.func @add_pos_zero
// CHECK: "dhlo.add"
// UNSAFE-LABEL: func.func @add_pos_zero
// UNSAFE-NEXT: return %arg0
func.func @add_pos_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "dhlo.add"(%z, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Integer 0 + x and x + 0 are x.
// CHECK-LABEL: func.func @add_int_zero
// CHECK-NEXT: return %arg0, %arg0
func.func @add_int_zero(%x: tensor<2x2xi32>) -> (tensor<2x2xi32>, tensor<2x2xi32>) {
  %z = "dhlo.constant"() {value = dense<0> : tensor<2x2xi32>} : () -> tensor<2x2xi32>
  %0 = "dhlo.add"(%z, %x) : (tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  %1 = "dhlo.add"(%x, %z) : (tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  return %0, %1 : tensor<2x2xi32>, tensor<2x2xi32>
}

// -----

// The identity may come broadcast from a scalar constant: x * 1 and 1 * x are x.
// CHECK-LABEL: func.func @multiply_broadcast_one
// CHECK-NEXT: return %arg0, %arg0
func.func @multiply_broadcast_one(%x: tensor<2x3xbf16>) -> (tensor<2x3xbf16>, tensor<2x3xbf16>) {
  %c = "dhlo.constant"() {value = dense<1.0> : tensor<bf16>} : () -> tensor<bf16>
  %one = "dhlo.broadcast_in_dim"(%c) {broadcast_dimensions = array<i64>} : (tensor<bf16>) -> tensor<2x3xbf16>
  %0 = "dhlo.multiply"(%x, %one) : (tensor<2x3xbf16>, tensor<2x3xbf16>) -> tensor<2x3xbf16>
  %1 = "dhlo.multiply"(%one, %x) : (tensor<2x3xbf16>, tensor<2x3xbf16>) -> tensor<2x3xbf16>
  return %0, %1 : tensor<2x3xbf16>, tensor<2x3xbf16>
}

// -----

// A non-uniform constant is no identity, even where some elements are.
// CHECK-LABEL: func.func @multiply_not_uniform
// CHECK: "dhlo.multiply"
func.func @multiply_not_uniform(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = "dhlo.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %0 = "dhlo.multiply"(%x, %c) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// x - (+0.0) is x for every float x; x - (-0.0) is x + 0.0, unsafe.
// CHECK-LABEL: func.func @subtract_zero
// CHECK: %[[S:.*]] = "dhlo.subtract"(%arg0
// CHECK-NEXT: return %arg0, %[[S]]
// UNSAFE-LABEL: func.func @subtract_zero
// UNSAFE-NEXT: return %arg0, %arg0
func.func @subtract_zero(%x: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>) {
  %p = "dhlo.constant"() {value = dense<0.0> : tensor<4xf64>} : () -> tensor<4xf64>
  %n = "dhlo.constant"() {value = dense<-0.0> : tensor<4xf64>} : () -> tensor<4xf64>
  %0 = "dhlo.subtract"(%x, %p) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %1 = "dhlo.subtract"(%x, %n) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  return %0, %1 : tensor<4xf64>, tensor<4xf64>
}

// -----

// 0 - x is a negation, not x.
// CHECK-LABEL: func.func @zero_minus_x
// CHECK: "dhlo.subtract"
func.func @zero_minus_x(%x: tensor<4xi32>) -> tensor<4xi32> {
  %z = "dhlo.constant"() {value = dense<0> : tensor<4xi32>} : () -> tensor<4xi32>
  %0 = "dhlo.subtract"(%z, %x) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// x / 1 is x, for floats and integers; 1 / x is not.
// CHECK-LABEL: func.func @divide_one
// CHECK: %[[D:.*]] = "dhlo.divide"(%{{.*}}, %arg1)
// CHECK-NEXT: return %arg0, %arg1, %[[D]]
func.func @divide_one(%x: tensor<4xf16>, %y: tensor<4xui8>) -> (tensor<4xf16>, tensor<4xui8>, tensor<4xui8>) {
  %a = "dhlo.constant"() {value = dense<1.0> : tensor<4xf16>} : () -> tensor<4xf16>
  %b = "dhlo.constant"() {value = dense<1> : tensor<4xui8>} : () -> tensor<4xui8>
  %0 = "dhlo.divide"(%x, %a) : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %1 = "dhlo.divide"(%y, %b) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %2 = "dhlo.divide"(%b, %y) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0, %1, %2 : tensor<4xf16>, tensor<4xui8>, tensor<4xui8>
}

// -----

// Integer x * 0 and x - x are 0, exactly.
// CHECK-LABEL: func.func @integer_zero
// CHECK-NEXT: %[[Z:.*]] = "dhlo.constant"() {value = dense<0> : tensor<3xi64>}
// CHECK-NEXT: return %[[Z]], %[[Z]]
func.func @integer_zero(%x: tensor<3xi64>) -> (tensor<3xi64>, tensor<3xi64>) {
  %z = "dhlo.constant"() {value = dense<0> : tensor<3xi64>} : () -> tensor<3xi64>
  %0 = "dhlo.multiply"(%z, %x) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %1 = "dhlo.subtract"(%x, %x) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %0, %1 : tensor<3xi64>, tensor<3xi64>
}

// -----

// Float x * 0 and x - x are NaN for inf and NaN: only with unsafe-fp-math.
// CHECK-LABEL: func.func @float_zero
// CHECK: "dhlo.multiply"
// CHECK: "dhlo.subtract"
// UNSAFE-LABEL: func.func @float_zero
// UNSAFE-NEXT: %[[Z:.*]] = "dhlo.constant"() {value = dense<0.000000e+00> : tensor<3xf32>}
// UNSAFE-NEXT: return %[[Z]], %[[Z]]
func.func @float_zero(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %0 = "dhlo.multiply"(%x, %z) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "dhlo.subtract"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// i1 is boolean: x + false and x * true are x, x * false is false.
// CHECK-LABEL: func.func @boolean_identities
// CHECK-NEXT: %[[F:.*]] = "dhlo.constant"() {value = dense<false> : tensor<4xi1>}
// CHECK-NEXT: return %arg0, %arg0, %[[F]]
func.func @boolean_identities(%x: tensor<4xi1>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %f = "dhlo.constant"() {value = dense<false> : tensor<4xi1>} : () -> tensor<4xi1>
  %t = "dhlo.constant"() {value = dense<true> : tensor<4xi1>} : () -> tensor<4xi1>
  %0 = "dhlo.add"(%x, %f) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = "dhlo.multiply"(%t, %x) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = "dhlo.multiply"(%x, %f) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// x + (-0.0) would replace a value of another layout encoding: not applied.
// CHECK-LABEL: func.func @layout_mismatch
// CHECK: "dhlo.add"
func.func @layout_mismatch(%x: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32> {
  %z = "dhlo.constant"() {value = dense<-0.0> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %0 = "dhlo.add"(%x, %z) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// convert to the operand's own type is the operand; to another layout it stays.
// CHECK-LABEL: func.func @convert_same_type
// CHECK: %[[C:.*]] = "dhlo.convert"(%arg0)
// CHECK-NEXT: return %arg0, %[[C]]
func.func @convert_same_type(%x: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32, #dtensor.layout<[0, 1]>>) {
  %0 = "dhlo.convert"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = "dhlo.convert"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32, #dtensor.layout<[0, 1]>>
  return %0, %1 : tensor<2x2xf32>, tensor<2x2xf32, #dtensor.layout<[0, 1]>>
}

// -----

// Round trips through a type that holds every value exactly give the value back:
// f32->f64->f32, f16->f32->f16, i8->i32->i8, ui8->i16->ui8, i16->f32->i16, i1->bf16->i1.
// CHECK-LABEL: func.func @convert_exact_round_trip
// CHECK-NOT: dhlo.convert
// CHECK: return %arg0, %arg1, %arg2, %arg3, %arg4, %arg5
func.func @convert_exact_round_trip(%a: tensor<4xf32>, %b: tensor<4xf16>, %c: tensor<4xi8>, %d: tensor<4xui8>, %e: tensor<4xi16>, %f: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf16>, tensor<4xi8>, tensor<4xui8>, tensor<4xi16>, tensor<4xi1>) {
  %a1 = "dhlo.convert"(%a) : (tensor<4xf32>) -> tensor<4xf64>
  %a2 = "dhlo.convert"(%a1) : (tensor<4xf64>) -> tensor<4xf32>
  %b1 = "dhlo.convert"(%b) : (tensor<4xf16>) -> tensor<4xf32>
  %b2 = "dhlo.convert"(%b1) : (tensor<4xf32>) -> tensor<4xf16>
  %c1 = "dhlo.convert"(%c) : (tensor<4xi8>) -> tensor<4xi32>
  %c2 = "dhlo.convert"(%c1) : (tensor<4xi32>) -> tensor<4xi8>
  %d1 = "dhlo.convert"(%d) : (tensor<4xui8>) -> tensor<4xi16>
  %d2 = "dhlo.convert"(%d1) : (tensor<4xi16>) -> tensor<4xui8>
  %e1 = "dhlo.convert"(%e) : (tensor<4xi16>) -> tensor<4xf32>
  %e2 = "dhlo.convert"(%e1) : (tensor<4xf32>) -> tensor<4xi16>
  %f1 = "dhlo.convert"(%f) : (tensor<4xi1>) -> tensor<4xbf16>
  %f2 = "dhlo.convert"(%f1) : (tensor<4xbf16>) -> tensor<4xi1>
  return %a2, %b2, %c2, %d2, %e2, %f2 : tensor<4xf32>, tensor<4xf16>, tensor<4xi8>, tensor<4xui8>, tensor<4xi16>, tensor<4xi1>
}

// -----

// Round trips that may change a value stay: f32->f16->f32 and i32->f32->i32 round,
// i8->ui16->i8 goes through a type without negative values (a conversion StableHLO leaves
// unspecified), f16->bf16->f16 rounds, f32->i32->f32 truncates.
// CHECK-LABEL: func.func @convert_inexact_round_trip
// CHECK-COUNT-10: "dhlo.convert"
func.func @convert_inexact_round_trip(%a: tensor<4xf32>, %b: tensor<4xi32>, %c: tensor<4xi8>, %d: tensor<4xf16>) -> (tensor<4xf32>, tensor<4xi32>, tensor<4xi8>, tensor<4xf16>, tensor<4xf32>) {
  %a1 = "dhlo.convert"(%a) : (tensor<4xf32>) -> tensor<4xf16>
  %a2 = "dhlo.convert"(%a1) : (tensor<4xf16>) -> tensor<4xf32>
  %b1 = "dhlo.convert"(%b) : (tensor<4xi32>) -> tensor<4xf32>
  %b2 = "dhlo.convert"(%b1) : (tensor<4xf32>) -> tensor<4xi32>
  %c1 = "dhlo.convert"(%c) : (tensor<4xi8>) -> tensor<4xui16>
  %c2 = "dhlo.convert"(%c1) : (tensor<4xui16>) -> tensor<4xi8>
  %d1 = "dhlo.convert"(%d) : (tensor<4xf16>) -> tensor<4xbf16>
  %d2 = "dhlo.convert"(%d1) : (tensor<4xbf16>) -> tensor<4xf16>
  %e1 = "dhlo.convert"(%a) : (tensor<4xf32>) -> tensor<4xi32>
  %e2 = "dhlo.convert"(%e1) : (tensor<4xi32>) -> tensor<4xf32>
  return %a2, %b2, %c2, %d2, %e2 : tensor<4xf32>, tensor<4xi32>, tensor<4xi8>, tensor<4xf16>, tensor<4xf32>
}

// -----

// transpose(transpose(x, p1), p2) is one transpose by p1[p2[i]], or x if that is the
// identity.
// CHECK-LABEL: func.func @transpose_transpose
// CHECK-NEXT: %[[T:.*]] = "dhlo.transpose"(%arg0) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT: return %[[T]], %arg0
func.func @transpose_transpose(%x: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<2x3x4xf32>) {
  %0 = "dhlo.transpose"(%x) {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %1 = "dhlo.transpose"(%0) {permutation = array<i64: 1, 2, 0>} : (tensor<3x4x2xf32>) -> tensor<4x2x3xf32>
  %2 = "dhlo.transpose"(%1) {permutation = array<i64: 1, 2, 0>} : (tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
  return %1, %2 : tensor<4x2x3xf32>, tensor<2x3x4xf32>
}

// -----

// A transpose by the identity permutation is its operand, unless it changes the layout.
// CHECK-LABEL: func.func @transpose_identity
// CHECK: %[[T:.*]] = "dhlo.transpose"(%arg0)
// CHECK-NEXT: return %arg0, %[[T]]
func.func @transpose_identity(%x: tensor<2x3xi8>) -> (tensor<2x3xi8>, tensor<2x3xi8, #dtensor.layout<[0, 1]>>) {
  %0 = "dhlo.transpose"(%x) {permutation = array<i64: 0, 1>} : (tensor<2x3xi8>) -> tensor<2x3xi8>
  %1 = "dhlo.transpose"(%x) {permutation = array<i64: 0, 1>} : (tensor<2x3xi8>) -> tensor<2x3xi8, #dtensor.layout<[0, 1]>>
  return %0, %1 : tensor<2x3xi8>, tensor<2x3xi8, #dtensor.layout<[0, 1]>>
}

// -----

// reshape(reshape(x)) is one reshape; reshape back to x's type, or to its own type, is x.
// CHECK-LABEL: func.func @reshape_reshape
// CHECK-NEXT: %[[R:.*]] = "dhlo.reshape"(%arg0) : (tensor<2x6xf32>) -> tensor<12xf32>
// CHECK-NEXT: return %[[R]], %arg0, %arg0
func.func @reshape_reshape(%x: tensor<2x6xf32>) -> (tensor<12xf32>, tensor<2x6xf32>, tensor<2x6xf32>) {
  %0 = "dhlo.reshape"(%x) : (tensor<2x6xf32>) -> tensor<3x4xf32>
  %1 = "dhlo.reshape"(%0) : (tensor<3x4xf32>) -> tensor<12xf32>
  %2 = "dhlo.reshape"(%0) : (tensor<3x4xf32>) -> tensor<2x6xf32>
  %3 = "dhlo.reshape"(%x) : (tensor<2x6xf32>) -> tensor<2x6xf32>
  return %1, %2, %3 : tensor<12xf32>, tensor<2x6xf32>, tensor<2x6xf32>
}

// -----

// broadcast_in_dim(broadcast_in_dim(x, d1), d2) is one broadcast by d2[d1[i]].
// CHECK-LABEL: func.func @broadcast_broadcast
// CHECK-NEXT: %[[B:.*]] = "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 2>} : (tensor<3xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT: return %[[B]]
func.func @broadcast_broadcast(%x: tensor<3xf32>) -> tensor<4x2x3xf32> {
  %0 = "dhlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "dhlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1, 2>} : (tensor<2x3xf32>) -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// A broadcast to the operand's own type by the identity dimensions is the operand.
// CHECK-LABEL: func.func @broadcast_identity
// CHECK-NEXT: return %arg0
func.func @broadcast_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A broadcast by the identity dimensions that expands a size-1 dimension stays.
// CHECK-LABEL: func.func @broadcast_expands
// CHECK: "dhlo.broadcast_in_dim"(%arg0) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x3xf32>) -> tensor<4x3xf32>
func.func @broadcast_expands(%x: tensor<1x3xf32>) -> tensor<4x3xf32> {
  %0 = "dhlo.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// broadcast_in_dim of a splat constant is a splat constant of the result shape.
// CHECK-LABEL: func.func @broadcast_splat_constant
// CHECK-NEXT: %[[C:.*]] = "dhlo.constant"() {value = dense<2.500000e+00> : tensor<8x16xf32>} : () -> tensor<8x16xf32>
// CHECK-NEXT: return %[[C]]
func.func @broadcast_splat_constant() -> tensor<8x16xf32> {
  %c = "dhlo.constant"() {value = dense<2.5> : tensor<16xf32>} : () -> tensor<16xf32>
  %0 = "dhlo.broadcast_in_dim"(%c) {broadcast_dimensions = array<i64: 1>} : (tensor<16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// select with a uniform constant predicate (a scalar, or broadcast) picks an operand.
// CHECK-LABEL: func.func @select_constant_predicate
// CHECK-NEXT: return %arg0, %arg1
func.func @select_constant_predicate(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %t = "dhlo.constant"() {value = dense<true> : tensor<i1>} : () -> tensor<i1>
  %0 = "dhlo.select"(%t, %a, %b) : (tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %f = "dhlo.constant"() {value = dense<false> : tensor<i1>} : () -> tensor<i1>
  %p = "dhlo.broadcast_in_dim"(%f) {broadcast_dimensions = array<i64>} : (tensor<i1>) -> tensor<4xi1>
  %1 = "dhlo.select"(%p, %a, %b) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A slice of the full range is its operand; a partial one stays.
// CHECK-LABEL: func.func @slice_full
// CHECK: %[[S:.*]] = "dhlo.slice"(%arg0)
// CHECK-NEXT: return %arg0, %[[S]]
func.func @slice_full(%x: tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<4x4xf32>) {
  %0 = "dhlo.slice"(%x) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 4, 5>, strides = array<i64: 1, 1>} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  %1 = "dhlo.slice"(%x) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 4, 5>, strides = array<i64: 1, 1>} : (tensor<4x5xf32>) -> tensor<4x4xf32>
  return %0, %1 : tensor<4x5xf32>, tensor<4x4xf32>
}

// -----

// A concatenate of one operand is that operand.
// CHECK-LABEL: func.func @concatenate_one
// CHECK-NEXT: return %arg0
func.func @concatenate_one(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %0 = "dhlo.concatenate"(%x) {dimension = 1 : i64, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A pad by nothing is its operand; one with any padding stays.
// CHECK-LABEL: func.func @pad_zero
// CHECK: %[[P:.*]] = "dhlo.pad"(%arg0
// CHECK-NEXT: return %arg0, %[[P]]
func.func @pad_zero(%x: tensor<4x5xf32>, %v: tensor<f32>) -> (tensor<4x5xf32>, tensor<4x9xf32>) {
  %0 = "dhlo.pad"(%x, %v) {edge_padding_low = array<i64: 0, 0>, edge_padding_high = array<i64: 0, 0>, interior_padding = array<i64: 0, 0>} : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %1 = "dhlo.pad"(%x, %v) {edge_padding_low = array<i64: 0, 0>, edge_padding_high = array<i64: 0, 0>, interior_padding = array<i64: 0, 1>} : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x9xf32>
  return %0, %1 : tensor<4x5xf32>, tensor<4x9xf32>
}

// -----

// A reduce over no dimensions is its operand (StableHLO may apply init_value zero times).
// CHECK-LABEL: func.func @reduce_no_dimensions
// CHECK-NEXT: return %arg0
func.func @reduce_no_dimensions(%x: tensor<4x5xf32>, %init: tensor<f32>) -> tensor<4x5xf32> {
  %0 = "dhlo.reduce"(%x, %init) {dimensions = array<i64>, to_apply = @add} : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Rules chain to a fixpoint: ((x * 1) + (-0.0)) reshaped there and back is x.
// CHECK-LABEL: func.func @chain
// CHECK-NEXT: return %arg0
func.func @chain(%x: tensor<6xf32>) -> tensor<6xf32> {
  %one = "dhlo.constant"() {value = dense<1.0> : tensor<6xf32>} : () -> tensor<6xf32>
  %nz = "dhlo.constant"() {value = dense<-0.0> : tensor<6xf32>} : () -> tensor<6xf32>
  %0 = "dhlo.multiply"(%x, %one) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  %1 = "dhlo.add"(%0, %nz) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  %2 = "dhlo.reshape"(%1) : (tensor<6xf32>) -> tensor<2x3xf32>
  %3 = "dhlo.reshape"(%2) : (tensor<2x3xf32>) -> tensor<6xf32>
  return %3 : tensor<6xf32>
}
