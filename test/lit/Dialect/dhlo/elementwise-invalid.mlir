// RUN: dlc-opt %s --split-input-file --verify-diagnostics
// Negative tests of constant, iota and the elementwise dhlo ops: one behaviour per split,
// each pinned by the diagnostic of dlc's verifier (lib/Dialects/RulesElementwise.c and
// the generic tensor checks of Verifier.c) or of IRDL.

// constant: the result type must be the type of 'value'.
func.func @f() -> tensor<3xf32> {
  // expected-error @+1 {{result type tensor<3xf32> differs from the type tensor<2xf32> of 'value'}}
  %0 = "dhlo.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// constant: 'value' and result must agree on the element type too.
func.func @f() -> tensor<2xf32> {
  // expected-error @+1 {{result type tensor<2xf32> differs from the type tensor<2xi32> of 'value'}}
  %0 = "dhlo.constant"() {value = dense<1> : tensor<2xi32>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// constant: 'value' is required (IRDL).
func.func @f() -> tensor<2xf32> {
  // expected-error @+1 {{attribute "value" is expected but not provided}}
  %0 = "dhlo.constant"() : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// constant: 'value' must be a dense elements attribute (IRDL).
func.func @f() -> tensor<1xi64> {
  // expected-error @+1 {{expected base attribute 'builtin.dense_int_or_fp_elements' but got 'builtin.dense_array'}}
  %0 = "dhlo.constant"() {value = array<i64: 1>} : () -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

// constant: complex element types are not supported.
func.func @f() -> tensor<2xcomplex<f32>> {
  // expected-error @+1 {{result #0 has unsupported element type in tensor<2xcomplex<f32>>}}
  %0 = "dhlo.constant"() {value = dense<(1.0,2.0)> : tensor<2xcomplex<f32>>} : () -> tensor<2xcomplex<f32>>
  return %0 : tensor<2xcomplex<f32>>
}

// -----

// constant: takes no operands (IRDL).
func.func @f(%arg0: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{op expects exactly 0 operands, but got 1}}
  %0 = "dhlo.constant"(%arg0) {value = dense<1.0> : tensor<2xf32>} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// iota: iota_dimension must be below the result's rank.
func.func @f() -> tensor<2x3xi32> {
  // expected-error @+1 {{iota_dimension 2 is out of range [0, 2) of the result's rank}}
  %0 = "dhlo.iota"() {iota_dimension = 2} : () -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// iota: iota_dimension must not be negative.
func.func @f() -> tensor<4xi32> {
  // expected-error @+1 {{iota_dimension -1 is out of range [0, 1) of the result's rank}}
  %0 = "dhlo.iota"() {iota_dimension = -1} : () -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// iota: a rank-0 result has no dimension to count along.
func.func @f() -> tensor<f32> {
  // expected-error @+1 {{iota_dimension 0 is out of range [0, 0) of the result's rank}}
  %0 = "dhlo.iota"() {iota_dimension = 0} : () -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// iota: an i1 result is not allowed (integer or float only).
func.func @f() -> tensor<4xi1> {
  // expected-error @+1 {{does not accept result element type i1 (expects signless integer, unsigned integer or float)}}
  %0 = "dhlo.iota"() {iota_dimension = 0} : () -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// iota: iota_dimension is required (IRDL).
func.func @f() -> tensor<4xi32> {
  // expected-error @+1 {{attribute "iota_dimension" is expected but not provided}}
  %0 = "dhlo.iota"() : () -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// iota: iota_dimension must be an integer attribute (IRDL).
func.func @f() -> tensor<4xi32> {
  // expected-error @+1 {{expected base attribute 'builtin.integer' but got 'builtin.float'}}
  %0 = "dhlo.iota"() {iota_dimension = 1.0} : () -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// negate: element type i1 is not in its class (signless integer, unsigned integer or float).
func.func @f(%arg0: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects signless integer, unsigned integer or float)}}
  %0 = "dhlo.negate"(%arg0) : (tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// abs: element type ui32 is not in its class (signless integer or float).
func.func @f(%arg0: tensor<4xui32>) -> tensor<4xui32> {
  // expected-error @+1 {{does not accept element type ui32 (expects signless integer or float)}}
  %0 = "dhlo.abs"(%arg0) : (tensor<4xui32>) -> tensor<4xui32>
  return %0 : tensor<4xui32>
}

// -----

// sign: element type i1 is not in its class (signless integer or float).
func.func @f(%arg0: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects signless integer or float)}}
  %0 = "dhlo.sign"(%arg0) : (tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// exponential: element type i32 is not in its class (float).
func.func @f(%arg0: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{does not accept element type i32 (expects float)}}
  %0 = "dhlo.exponential"(%arg0) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// log: element type i64 is not in its class (float).
func.func @f(%arg0: tensor<4xi64>) -> tensor<4xi64> {
  // expected-error @+1 {{does not accept element type i64 (expects float)}}
  %0 = "dhlo.log"(%arg0) : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// log_plus_one: element type i8 is not in its class (float).
func.func @f(%arg0: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{does not accept element type i8 (expects float)}}
  %0 = "dhlo.log_plus_one"(%arg0) : (tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// tanh: element type i32 is not in its class (float).
func.func @f(%arg0: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{does not accept element type i32 (expects float)}}
  %0 = "dhlo.tanh"(%arg0) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// logistic: element type ui8 is not in its class (float).
func.func @f(%arg0: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error @+1 {{does not accept element type ui8 (expects float)}}
  %0 = "dhlo.logistic"(%arg0) : (tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// sqrt: element type i16 is not in its class (float).
func.func @f(%arg0: tensor<4xi16>) -> tensor<4xi16> {
  // expected-error @+1 {{does not accept element type i16 (expects float)}}
  %0 = "dhlo.sqrt"(%arg0) : (tensor<4xi16>) -> tensor<4xi16>
  return %0 : tensor<4xi16>
}

// -----

// rsqrt: element type i1 is not in its class (float).
func.func @f(%arg0: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects float)}}
  %0 = "dhlo.rsqrt"(%arg0) : (tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// sine: element type i32 is not in its class (float).
func.func @f(%arg0: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{does not accept element type i32 (expects float)}}
  %0 = "dhlo.sine"(%arg0) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// cosine: element type i32 is not in its class (float).
func.func @f(%arg0: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{does not accept element type i32 (expects float)}}
  %0 = "dhlo.cosine"(%arg0) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// floor: element type i32 is not in its class (float).
func.func @f(%arg0: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{does not accept element type i32 (expects float)}}
  %0 = "dhlo.floor"(%arg0) : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// ceil: element type i64 is not in its class (float).
func.func @f(%arg0: tensor<4xi64>) -> tensor<4xi64> {
  // expected-error @+1 {{does not accept element type i64 (expects float)}}
  %0 = "dhlo.ceil"(%arg0) : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// not: element type f32 is not in its class (i1, signless integer or unsigned integer).
func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{does not accept element type f32 (expects i1, signless integer or unsigned integer)}}
  %0 = "dhlo.not"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// unary: the result must have the operand's shape.
func.func @f(%arg0: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{result #0 has type tensor<3x2xf32>, but the operands imply tensor<2x3xf32>}}
  %0 = "dhlo.exponential"(%arg0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// unary: the result must have the operand's element type.
func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{result #0 has type tensor<4xf16>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.sqrt"(%arg0) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// unary: exactly one operand (IRDL).
func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{op expects exactly 1 operands, but got 2}}
  %0 = "dhlo.tanh"(%arg0, %arg0) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// unary: exactly one result (IRDL).
func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{op expects exactly 1 results, but got 2}}
  %0:2 = "dhlo.negate"(%arg0) : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %0#0 : tensor<4xf32>
}

// -----

// add: operand shapes must match (no implicit broadcasting).
func.func @f(%arg0: tensor<2x3xf32>, %arg1: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand types differ: tensor<2x3xf32> vs tensor<3xf32>}}
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// add: operand element types must match.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{operand types differ: tensor<4xf32> vs tensor<4xf16>}}
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// add: exactly two operands (IRDL).
func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{op expects exactly 2 operands, but got 1}}
  %0 = "dhlo.add"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// multiply: the result must have the operands' shape.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{result #0 has type tensor<2x2xf32>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.multiply"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// maximum: the result must have the operands' element type.
func.func @f(%arg0: tensor<4xi32>, %arg1: tensor<4xi32>) -> tensor<4xi64> {
  // expected-error @+1 {{result #0 has type tensor<4xi64>, but the operands imply tensor<4xi32>}}
  %0 = "dhlo.maximum"(%arg0, %arg1) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// minimum: operand shapes must match, also for zero-sized tensors.
func.func @f(%arg0: tensor<0x3xf32>, %arg1: tensor<3x0xf32>) -> tensor<0x3xf32> {
  // expected-error @+1 {{operand types differ: tensor<0x3xf32> vs tensor<3x0xf32>}}
  %0 = "dhlo.minimum"(%arg0, %arg1) : (tensor<0x3xf32>, tensor<3x0xf32>) -> tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// -----

// subtract: element type i1 is not in its class (signless integer, unsigned integer or float).
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects signless integer, unsigned integer or float)}}
  %0 = "dhlo.subtract"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// divide: element type i1 is not in its class (signless integer, unsigned integer or float).
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects signless integer, unsigned integer or float)}}
  %0 = "dhlo.divide"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// remainder: element type i1 is not in its class (signless integer, unsigned integer or float).
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects signless integer, unsigned integer or float)}}
  %0 = "dhlo.remainder"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// power: element type i1 is not in its class (signless integer, unsigned integer or float).
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{does not accept element type i1 (expects signless integer, unsigned integer or float)}}
  %0 = "dhlo.power"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// and: element type f32 is not in its class (i1, signless integer or unsigned integer).
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{does not accept element type f32 (expects i1, signless integer or unsigned integer)}}
  %0 = "dhlo.and"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// or: element type bf16 is not in its class (i1, signless integer or unsigned integer).
func.func @f(%arg0: tensor<4xbf16>, %arg1: tensor<4xbf16>) -> tensor<4xbf16> {
  // expected-error @+1 {{does not accept element type bf16 (expects i1, signless integer or unsigned integer)}}
  %0 = "dhlo.or"(%arg0, %arg1) : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
  return %0 : tensor<4xbf16>
}

// -----

// xor: element type f16 is not in its class (i1, signless integer or unsigned integer).
func.func @f(%arg0: tensor<4xf16>, %arg1: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error @+1 {{does not accept element type f16 (expects i1, signless integer or unsigned integer)}}
  %0 = "dhlo.xor"(%arg0, %arg1) : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// compare: comparison_direction must be one of the six directions.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{comparison_direction "LTE" is not one of EQ, NE, GE, GT, LE, LT}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LTE"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: directions are upper case.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{comparison_direction "eq" is not one of EQ, NE, GE, GT, LE, LT}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "eq"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: comparison_direction is required (IRDL).
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{attribute "comparison_direction" is expected but not provided}}
  %0 = "dhlo.compare"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: comparison_direction must be a string (IRDL).
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{expected base attribute 'builtin.string' but got 'builtin.integer'}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = 1} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: the result is i1, not the operand element type.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{result #0 has type tensor<4xf32>, but the operands imply tensor<4xi1>}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "GT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// compare: the result has the operands' shape.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<i1> {
  // expected-error @+1 {{result #0 has type tensor<i1>, but the operands imply tensor<4xi1>}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "GT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<i1>
  return %0 : tensor<i1>
}

// -----

// compare: operands must have one type.
func.func @f(%arg0: tensor<4xi32>, %arg1: tensor<4xi64>) -> tensor<4xi1> {
  // expected-error @+1 {{operand types differ: tensor<4xi32> vs tensor<4xi64>}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "EQ"} : (tensor<4xi32>, tensor<4xi64>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: compare_type must be a known kind.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type "PARTIAL" is not one of FLOAT, TOTALORDER, SIGNED, UNSIGNED}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LT", compare_type = "PARTIAL"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: compare_type, when given, must be a string.
func.func @f(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{attribute 'compare_type' must be a string}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LT", compare_type = 1 : i32} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: compare_type FLOAT needs float operands.
func.func @f(%arg0: tensor<4xi32>, %arg1: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type "FLOAT" does not fit element type i32}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LT", compare_type = "FLOAT"} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// compare: signless integers compare SIGNED, so UNSIGNED does not fit them.
func.func @f(%arg0: tensor<4xi32>, %arg1: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{compare_type "UNSIGNED" does not fit element type i32}}
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LT", compare_type = "UNSIGNED"} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// select: the predicate must be i1.
func.func @f(%arg0: tensor<4xi32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{predicate must have element type i1, got i32}}
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<4xi32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select: a scalar predicate must be i1 too.
func.func @f(%arg0: tensor<f32>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{predicate must have element type i1, got f32}}
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<f32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select: a non-scalar predicate must have the shape of on_true.
func.func @f(%arg0: tensor<2xi1>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{predicate must be a scalar or have the shape of on_true}}
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<2xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select: on_true and on_false must have one type.
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xf32>, %arg2: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{on_true and on_false must have the same type}}
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// select: the result has the type of on_true.
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xf32>, %arg2: tensor<4xf32>) -> tensor<4xi1> {
  // expected-error @+1 {{result #0 has type tensor<4xi1>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// select: exactly three operands (IRDL).
func.func @f(%arg0: tensor<4xi1>, %arg1: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{op expects exactly 3 operands, but got 2}}
  %0 = "dhlo.select"(%arg0, %arg1) : (tensor<4xi1>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp: a non-scalar min must have the operand's shape.
func.func @f(%arg0: tensor<2xf32>, %arg1: tensor<4xf32>, %arg2: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{min and max must be scalars or have the shape of the operand}}
  %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<2xf32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp: a non-scalar max must have the operand's shape.
func.func @f(%arg0: tensor<f32>, %arg1: tensor<4xf32>, %arg2: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{min and max must be scalars or have the shape of the operand}}
  %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<f32>, tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp: min, operand and max share one element type.
func.func @f(%arg0: tensor<i32>, %arg1: tensor<4xf32>, %arg2: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{min, operand and max must have the same element type}}
  %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<i32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// clamp: the result has the operand's type.
func.func @f(%arg0: tensor<f32>, %arg1: tensor<4xf32>, %arg2: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{result #0 has type tensor<f32>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// convert: changes the element type only, not the shape.
func.func @f(%arg0: tensor<2x3xf32>) -> tensor<6xi32> {
  // expected-error @+1 {{changes the shape from [2x3] to [6]; convert changes only the element type}}
  %0 = "dhlo.convert"(%arg0) : (tensor<2x3xf32>) -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

// -----

// convert: a rank-0 operand stays rank 0.
func.func @f(%arg0: tensor<f32>) -> tensor<1xf16> {
  // expected-error @+1 {{changes the shape from [] to [1]; convert changes only the element type}}
  %0 = "dhlo.convert"(%arg0) : (tensor<f32>) -> tensor<1xf16>
  return %0 : tensor<1xf16>
}

// -----

// convert: the target element type must be supported (no f8).
func.func @f(%arg0: tensor<4xf32>) -> tensor<4xf8E4M3FN> {
  // expected-error @+1 {{result #0 has unsupported element type in tensor<4xf8E4M3FN>}}
  %0 = "dhlo.convert"(%arg0) : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// every op: unranked tensors are rejected by IRDL.
func.func @f(%arg0: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected base type 'builtin.tensor' but got 'builtin.unranked_tensor'}}
  %0 = "dhlo.negate"(%arg0) : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// every op: operands must be tensors, not vectors (IRDL).
func.func @f(%arg0: vector<4xf32>) -> vector<4xf32> {
  // expected-error @+1 {{expected base type 'builtin.tensor' but got 'builtin.vector'}}
  %0 = "dhlo.negate"(%arg0) : (vector<4xf32>) -> vector<4xf32>
  return %0 : vector<4xf32>
}

// -----

// every op: shapes must be static.
func.func @f(%arg0: tensor<?x3xf32>, %arg1: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{operand #0 must have a static shape, got tensor<?x3xf32>}}
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// every op: a dynamic result shape is rejected too.
func.func @f(%arg0: tensor<4xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{result #0 must have a static shape, got tensor<?xf32>}}
  %0 = "dhlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// every op: complex element types are not supported.
func.func @f(%arg0: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
  // expected-error @+1 {{operand #0 has unsupported element type in tensor<4xcomplex<f32>>}}
  %0 = "dhlo.exponential"(%arg0) : (tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
  return %0 : tensor<4xcomplex<f32>>
}

// -----

// every op: f8 element types are not supported.
func.func @f(%arg0: tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN> {
  // expected-error @+1 {{operand #0 has unsupported element type in tensor<4xf8E4M3FN>}}
  %0 = "dhlo.negate"(%arg0) : (tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// every op: explicitly signed integers (si32) are not supported; signless ones are signed.
func.func @f(%arg0: tensor<4xsi32>) -> tensor<4xsi32> {
  // expected-error @+1 {{operand #0 has unsupported element type in tensor<4xsi32>}}
  %0 = "dhlo.negate"(%arg0) : (tensor<4xsi32>) -> tensor<4xsi32>
  return %0 : tensor<4xsi32>
}

// -----

// every op: odd integer widths (i4) are not supported.
func.func @f(%arg0: tensor<4xi4>, %arg1: tensor<4xi4>) -> tensor<4xi4> {
  // expected-error @+1 {{operand #0 has unsupported element type in tensor<4xi4>}}
  %0 = "dhlo.and"(%arg0, %arg1) : (tensor<4xi4>, tensor<4xi4>) -> tensor<4xi4>
  return %0 : tensor<4xi4>
}

// -----

// every op: ui1 is not a boolean; only i1 is.
func.func @f(%arg0: tensor<4xui1>) -> tensor<4xui1> {
  // expected-error @+1 {{operand #0 has unsupported element type in tensor<4xui1>}}
  %0 = "dhlo.not"(%arg0) : (tensor<4xui1>) -> tensor<4xui1>
  return %0 : tensor<4xui1>
}

// -----

// every op: rank is at most 16.
func.func @f(%arg0: tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>) -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32> {
  // expected-error @+1 {{operand #0 has rank 17; at most 16 is supported}}
  %0 = "dhlo.negate"(%arg0) : (tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>) -> tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>
  return %0 : tensor<1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1x1xf32>
}
