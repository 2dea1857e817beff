// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// Round trip of every constant, iota and elementwise dhlo op (lib/Dialects/RulesElementwise.c):
// each prints in MLIR's generic form and verifies again after printing. One function per op.

// CHECK-LABEL: func.func @constant_f32(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @constant_f32() -> tensor<2x3xf32> {
  %0 = "dhlo.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @constant_f16(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[1.500000e+00, -2.000000e+00]> : tensor<2xf16>} : () -> tensor<2xf16>
// CHECK-NEXT: return %0 : tensor<2xf16>
func.func @constant_f16() -> tensor<2xf16> {
  %0 = "dhlo.constant"() {value = dense<[1.5, -2.0]> : tensor<2xf16>} : () -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// CHECK-LABEL: func.func @constant_bf16(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[5.000000e-01, 3.000000e+00]> : tensor<2xbf16>} : () -> tensor<2xbf16>
// CHECK-NEXT: return %0 : tensor<2xbf16>
func.func @constant_bf16() -> tensor<2xbf16> {
  %0 = "dhlo.constant"() {value = dense<[0.5, 3.0]> : tensor<2xbf16>} : () -> tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// CHECK-LABEL: func.func @constant_f64(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[1.250000e+00, 2.500000e+00]> : tensor<2xf64>} : () -> tensor<2xf64>
// CHECK-NEXT: return %0 : tensor<2xf64>
func.func @constant_f64() -> tensor<2xf64> {
  %0 = "dhlo.constant"() {value = dense<[1.25, 2.5]> : tensor<2xf64>} : () -> tensor<2xf64>
  return %0 : tensor<2xf64>
}

// CHECK-LABEL: func.func @constant_i1(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[true, false]> : tensor<2xi1>} : () -> tensor<2xi1>
// CHECK-NEXT: return %0 : tensor<2xi1>
func.func @constant_i1() -> tensor<2xi1> {
  %0 = "dhlo.constant"() {value = dense<[true, false]> : tensor<2xi1>} : () -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// CHECK-LABEL: func.func @constant_i8(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[-128, 127]> : tensor<2xi8>} : () -> tensor<2xi8>
// CHECK-NEXT: return %0 : tensor<2xi8>
func.func @constant_i8() -> tensor<2xi8> {
  %0 = "dhlo.constant"() {value = dense<[-128, 127]> : tensor<2xi8>} : () -> tensor<2xi8>
  return %0 : tensor<2xi8>
}

// CHECK-LABEL: func.func @constant_i32(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[1, 2, 3]> : tensor<3xi32>} : () -> tensor<3xi32>
// CHECK-NEXT: return %0 : tensor<3xi32>
func.func @constant_i32() -> tensor<3xi32> {
  %0 = "dhlo.constant"() {value = dense<[1, 2, 3]> : tensor<3xi32>} : () -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// CHECK-LABEL: func.func @constant_i64(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<{{\[\[}}1], [9223372036854775807]]> : tensor<2x1xi64>} : () -> tensor<2x1xi64>
// CHECK-NEXT: return %0 : tensor<2x1xi64>
func.func @constant_i64() -> tensor<2x1xi64> {
  %0 = "dhlo.constant"() {value = dense<[[1], [9223372036854775807]]> : tensor<2x1xi64>} : () -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// CHECK-LABEL: func.func @constant_ui8(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<[0, 255]> : tensor<2xui8>} : () -> tensor<2xui8>
// CHECK-NEXT: return %0 : tensor<2xui8>
func.func @constant_ui8() -> tensor<2xui8> {
  %0 = "dhlo.constant"() {value = dense<[0, 255]> : tensor<2xui8>} : () -> tensor<2xui8>
  return %0 : tensor<2xui8>
}

// CHECK-LABEL: func.func @constant_splat(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<0.000000e+00> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
// CHECK-NEXT: return %0 : tensor<4x8xf32>
func.func @constant_splat() -> tensor<4x8xf32> {
  %0 = "dhlo.constant"() {value = dense<0.0> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// CHECK-LABEL: func.func @constant_rank0(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<7> : tensor<i32>} : () -> tensor<i32>
// CHECK-NEXT: return %0 : tensor<i32>
func.func @constant_rank0() -> tensor<i32> {
  %0 = "dhlo.constant"() {value = dense<7> : tensor<i32>} : () -> tensor<i32>
  return %0 : tensor<i32>
}

// CHECK-LABEL: func.func @constant_zero_sized(
// CHECK-NEXT: %0 = "dhlo.constant"() {value = dense<> : tensor<0x3xf32>} : () -> tensor<0x3xf32>
// CHECK-NEXT: return %0 : tensor<0x3xf32>
func.func @constant_zero_sized() -> tensor<0x3xf32> {
  %0 = "dhlo.constant"() {value = dense<> : tensor<0x3xf32>} : () -> tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// CHECK-LABEL: func.func @iota(
// CHECK-NEXT: %0 = "dhlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<4xi32>
// CHECK-NEXT: return %0 : tensor<4xi32>
func.func @iota() -> tensor<4xi32> {
  %0 = "dhlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// CHECK-LABEL: func.func @iota_dim1_f32(
// CHECK-NEXT: %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @iota_dim1_f32() -> tensor<2x3xf32> {
  %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @iota_zero_sized(
// CHECK-NEXT: %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<0x5xui8>
// CHECK-NEXT: return %0 : tensor<0x5xui8>
func.func @iota_zero_sized() -> tensor<0x5xui8> {
  %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<0x5xui8>
  return %0 : tensor<0x5xui8>
}

// CHECK-LABEL: func.func @negate(
// CHECK-NEXT: %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @negate(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @negate_ui32(
// CHECK-NEXT: %0 = "dhlo.negate"(%arg0) : (tensor<4xui32>) -> tensor<4xui32>
// CHECK-NEXT: return %0 : tensor<4xui32>
func.func @negate_ui32(%arg0: tensor<4xui32>) -> tensor<4xui32> {
  %0 = "dhlo.negate"(%arg0) : (tensor<4xui32>) -> tensor<4xui32>
  return %0 : tensor<4xui32>
}

// CHECK-LABEL: func.func @abs(
// CHECK-NEXT: %0 = "dhlo.abs"(%arg0) : (tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %0 : tensor<2x3xi32>
func.func @abs(%arg0: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = "dhlo.abs"(%arg0) : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @exponential(
// CHECK-NEXT: %0 = "dhlo.exponential"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @exponential(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.exponential"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @log(
// CHECK-NEXT: %0 = "dhlo.log"(%arg0) : (tensor<2x3xf64>) -> tensor<2x3xf64>
// CHECK-NEXT: return %0 : tensor<2x3xf64>
func.func @log(%arg0: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %0 = "dhlo.log"(%arg0) : (tensor<2x3xf64>) -> tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// CHECK-LABEL: func.func @log_plus_one(
// CHECK-NEXT: %0 = "dhlo.log_plus_one"(%arg0) : (tensor<2x3xf16>) -> tensor<2x3xf16>
// CHECK-NEXT: return %0 : tensor<2x3xf16>
func.func @log_plus_one(%arg0: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = "dhlo.log_plus_one"(%arg0) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @tanh(
// CHECK-NEXT: %0 = "dhlo.tanh"(%arg0) : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
// CHECK-NEXT: return %0 : tensor<2x3xbf16>
func.func @tanh(%arg0: tensor<2x3xbf16>) -> tensor<2x3xbf16> {
  %0 = "dhlo.tanh"(%arg0) : (tensor<2x3xbf16>) -> tensor<2x3xbf16>
  return %0 : tensor<2x3xbf16>
}

// CHECK-LABEL: func.func @logistic(
// CHECK-NEXT: %0 = "dhlo.logistic"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @logistic(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.logistic"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @sqrt(
// CHECK-NEXT: %0 = "dhlo.sqrt"(%arg0) : (tensor<f32>) -> tensor<f32>
// CHECK-NEXT: return %0 : tensor<f32>
func.func @sqrt(%arg0: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.sqrt"(%arg0) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @rsqrt(
// CHECK-NEXT: %0 = "dhlo.rsqrt"(%arg0) : (tensor<0x3xf32>) -> tensor<0x3xf32>
// CHECK-NEXT: return %0 : tensor<0x3xf32>
func.func @rsqrt(%arg0: tensor<0x3xf32>) -> tensor<0x3xf32> {
  %0 = "dhlo.rsqrt"(%arg0) : (tensor<0x3xf32>) -> tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// CHECK-LABEL: func.func @sine(
// CHECK-NEXT: %0 = "dhlo.sine"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @sine(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.sine"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @cosine(
// CHECK-NEXT: %0 = "dhlo.cosine"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @cosine(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.cosine"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @floor(
// CHECK-NEXT: %0 = "dhlo.floor"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @floor(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.floor"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @ceil(
// CHECK-NEXT: %0 = "dhlo.ceil"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @ceil(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.ceil"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @sign(
// CHECK-NEXT: %0 = "dhlo.sign"(%arg0) : (tensor<2x3xi8>) -> tensor<2x3xi8>
// CHECK-NEXT: return %0 : tensor<2x3xi8>
func.func @sign(%arg0: tensor<2x3xi8>) -> tensor<2x3xi8> {
  %0 = "dhlo.sign"(%arg0) : (tensor<2x3xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// CHECK-LABEL: func.func @not(
// CHECK-NEXT: %0 = "dhlo.not"(%arg0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK-NEXT: return %0 : tensor<2x3xi1>
func.func @not(%arg0: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = "dhlo.not"(%arg0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @not_i64(
// CHECK-NEXT: %0 = "dhlo.not"(%arg0) : (tensor<2x3xi64>) -> tensor<2x3xi64>
// CHECK-NEXT: return %0 : tensor<2x3xi64>
func.func @not_i64(%arg0: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = "dhlo.not"(%arg0) : (tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// CHECK-LABEL: func.func @add(
// CHECK-NEXT: %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @add(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add_rank0(
// CHECK-NEXT: %0 = "dhlo.add"(%arg0, %arg1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK-NEXT: return %0 : tensor<f32>
func.func @add_rank0(%arg0: tensor<f32>, %arg1: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @add_zero_sized(
// CHECK-NEXT: %0 = "dhlo.add"(%arg0, %arg1) : (tensor<0x3xf32>, tensor<0x3xf32>) -> tensor<0x3xf32>
// CHECK-NEXT: return %0 : tensor<0x3xf32>
func.func @add_zero_sized(%arg0: tensor<0x3xf32>, %arg1: tensor<0x3xf32>) -> tensor<0x3xf32> {
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<0x3xf32>, tensor<0x3xf32>) -> tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// CHECK-LABEL: func.func @add_i1(
// CHECK-NEXT: %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
// CHECK-NEXT: return %0 : tensor<2xi1>
func.func @add_i1(%arg0: tensor<2xi1>, %arg1: tensor<2xi1>) -> tensor<2xi1> {
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// CHECK-LABEL: func.func @subtract(
// CHECK-NEXT: %0 = "dhlo.subtract"(%arg0, %arg1) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %0 : tensor<2x3xi32>
func.func @subtract(%arg0: tensor<2x3xi32>, %arg1: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = "dhlo.subtract"(%arg0, %arg1) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @multiply(
// CHECK-NEXT: %0 = "dhlo.multiply"(%arg0, %arg1) : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
// CHECK-NEXT: return %0 : tensor<2x3xf16>
func.func @multiply(%arg0: tensor<2x3xf16>, %arg1: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = "dhlo.multiply"(%arg0, %arg1) : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @divide(
// CHECK-NEXT: %0 = "dhlo.divide"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @divide(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.divide"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @remainder(
// CHECK-NEXT: %0 = "dhlo.remainder"(%arg0, %arg1) : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
// CHECK-NEXT: return %0 : tensor<2x3xi64>
func.func @remainder(%arg0: tensor<2x3xi64>, %arg1: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = "dhlo.remainder"(%arg0, %arg1) : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// CHECK-LABEL: func.func @maximum(
// CHECK-NEXT: %0 = "dhlo.maximum"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @maximum(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.maximum"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @minimum(
// CHECK-NEXT: %0 = "dhlo.minimum"(%arg0, %arg1) : (tensor<2x3xui16>, tensor<2x3xui16>) -> tensor<2x3xui16>
// CHECK-NEXT: return %0 : tensor<2x3xui16>
func.func @minimum(%arg0: tensor<2x3xui16>, %arg1: tensor<2x3xui16>) -> tensor<2x3xui16> {
  %0 = "dhlo.minimum"(%arg0, %arg1) : (tensor<2x3xui16>, tensor<2x3xui16>) -> tensor<2x3xui16>
  return %0 : tensor<2x3xui16>
}

// CHECK-LABEL: func.func @power(
// CHECK-NEXT: %0 = "dhlo.power"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @power(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.power"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @and(
// CHECK-NEXT: %0 = "dhlo.and"(%arg0, %arg1) : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK-NEXT: return %0 : tensor<2x3xi1>
func.func @and(%arg0: tensor<2x3xi1>, %arg1: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = "dhlo.and"(%arg0, %arg1) : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @or(
// CHECK-NEXT: %0 = "dhlo.or"(%arg0, %arg1) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %0 : tensor<2x3xi32>
func.func @or(%arg0: tensor<2x3xi32>, %arg1: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = "dhlo.or"(%arg0, %arg1) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @xor(
// CHECK-NEXT: %0 = "dhlo.xor"(%arg0, %arg1) : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x3xi8>
// CHECK-NEXT: return %0 : tensor<2x3xi8>
func.func @xor(%arg0: tensor<2x3xi8>, %arg1: tensor<2x3xi8>) -> tensor<2x3xi8> {
  %0 = "dhlo.xor"(%arg0, %arg1) : (tensor<2x3xi8>, tensor<2x3xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// CHECK-LABEL: func.func @compare_eq(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "EQ"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
// CHECK-NEXT: return %0 : tensor<2x3xi1>
func.func @compare_eq(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32>) -> tensor<2x3xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "EQ"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @compare_ne(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "NE"} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
// CHECK-NEXT: return %0 : tensor<2x3xi1>
func.func @compare_ne(%arg0: tensor<2x3xi32>, %arg1: tensor<2x3xi32>) -> tensor<2x3xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "NE"} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @compare_ge(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "GE"} : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xi1>
// CHECK-NEXT: return %0 : tensor<2x3xi1>
func.func @compare_ge(%arg0: tensor<2x3xf16>, %arg1: tensor<2x3xf16>) -> tensor<2x3xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "GE"} : (tensor<2x3xf16>, tensor<2x3xf16>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @compare_gt(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "GT"} : (tensor<2x3xui8>, tensor<2x3xui8>) -> tensor<2x3xi1>
// CHECK-NEXT: return %0 : tensor<2x3xi1>
func.func @compare_gt(%arg0: tensor<2x3xui8>, %arg1: tensor<2x3xui8>) -> tensor<2x3xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "GT"} : (tensor<2x3xui8>, tensor<2x3xui8>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// CHECK-LABEL: func.func @compare_le(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LE"} : (tensor<i64>, tensor<i64>) -> tensor<i1>
// CHECK-NEXT: return %0 : tensor<i1>
func.func @compare_le(%arg0: tensor<i64>, %arg1: tensor<i64>) -> tensor<i1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LE"} : (tensor<i64>, tensor<i64>) -> tensor<i1>
  return %0 : tensor<i1>
}

// CHECK-LABEL: func.func @compare_lt(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LT"} : (tensor<0x3xbf16>, tensor<0x3xbf16>) -> tensor<0x3xi1>
// CHECK-NEXT: return %0 : tensor<0x3xi1>
func.func @compare_lt(%arg0: tensor<0x3xbf16>, %arg1: tensor<0x3xbf16>) -> tensor<0x3xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {comparison_direction = "LT"} : (tensor<0x3xbf16>, tensor<0x3xbf16>) -> tensor<0x3xi1>
  return %0 : tensor<0x3xi1>
}

// CHECK-LABEL: func.func @compare_i1_unsigned(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {compare_type = "UNSIGNED", comparison_direction = "NE"} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
// CHECK-NEXT: return %0 : tensor<4xi1>
func.func @compare_i1_unsigned(%arg0: tensor<4xi1>, %arg1: tensor<4xi1>) -> tensor<4xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {compare_type = "UNSIGNED", comparison_direction = "NE"} : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// CHECK-LABEL: func.func @compare_totalorder(
// CHECK-NEXT: %0 = "dhlo.compare"(%arg0, %arg1) {compare_type = "TOTALORDER", comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
// CHECK-NEXT: return %0 : tensor<4xi1>
func.func @compare_totalorder(%arg0: tensor<4xf32>, %arg1: tensor<4xf32>) -> tensor<4xi1> {
  %0 = "dhlo.compare"(%arg0, %arg1) {compare_type = "TOTALORDER", comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// CHECK-LABEL: func.func @select(
// CHECK-NEXT: %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @select(%arg0: tensor<2x3xi1>, %arg1: tensor<2x3xf32>, %arg2: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @select_scalar_pred(
// CHECK-NEXT: %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<i1>, tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %0 : tensor<2x3xi32>
func.func @select_scalar_pred(%arg0: tensor<i1>, %arg1: tensor<2x3xi32>, %arg2: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = "dhlo.select"(%arg0, %arg1, %arg2) : (tensor<i1>, tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @clamp(
// CHECK-NEXT: %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<f32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %0 : tensor<2x3xf32>
func.func @clamp(%arg0: tensor<f32>, %arg1: tensor<2x3xf32>, %arg2: tensor<f32>) -> tensor<2x3xf32> {
  %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<f32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @clamp_tensor_bounds(
// CHECK-NEXT: %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<2x3xi32>, tensor<2x3xi32>, tensor<i32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %0 : tensor<2x3xi32>
func.func @clamp_tensor_bounds(%arg0: tensor<2x3xi32>, %arg1: tensor<2x3xi32>, %arg2: tensor<i32>) -> tensor<2x3xi32> {
  %0 = "dhlo.clamp"(%arg0, %arg1, %arg2) : (tensor<2x3xi32>, tensor<2x3xi32>, tensor<i32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @convert_f32_i32(
// CHECK-NEXT: %0 = "dhlo.convert"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xi32>
// CHECK-NEXT: return %0 : tensor<2x3xi32>
func.func @convert_f32_i32(%arg0: tensor<2x3xf32>) -> tensor<2x3xi32> {
  %0 = "dhlo.convert"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// CHECK-LABEL: func.func @convert_i32_f16(
// CHECK-NEXT: %0 = "dhlo.convert"(%arg0) : (tensor<2x3xi32>) -> tensor<2x3xf16>
// CHECK-NEXT: return %0 : tensor<2x3xf16>
func.func @convert_i32_f16(%arg0: tensor<2x3xi32>) -> tensor<2x3xf16> {
  %0 = "dhlo.convert"(%arg0) : (tensor<2x3xi32>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// CHECK-LABEL: func.func @convert_bf16_f64(
// CHECK-NEXT: %0 = "dhlo.convert"(%arg0) : (tensor<4xbf16>) -> tensor<4xf64>
// CHECK-NEXT: return %0 : tensor<4xf64>
func.func @convert_bf16_f64(%arg0: tensor<4xbf16>) -> tensor<4xf64> {
  %0 = "dhlo.convert"(%arg0) : (tensor<4xbf16>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// CHECK-LABEL: func.func @convert_i1_f32(
// CHECK-NEXT: %0 = "dhlo.convert"(%arg0) : (tensor<4xi1>) -> tensor<4xf32>
// CHECK-NEXT: return %0 : tensor<4xf32>
func.func @convert_i1_f32(%arg0: tensor<4xi1>) -> tensor<4xf32> {
  %0 = "dhlo.convert"(%arg0) : (tensor<4xi1>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @convert_f32_i1(
// CHECK-NEXT: %0 = "dhlo.convert"(%arg0) : (tensor<f32>) -> tensor<i1>
// CHECK-NEXT: return %0 : tensor<i1>
func.func @convert_f32_i1(%arg0: tensor<f32>) -> tensor<i1> {
  %0 = "dhlo.convert"(%arg0) : (tensor<f32>) -> tensor<i1>
  return %0 : tensor<i1>
}

// CHECK-LABEL: func.func @convert_ui8_i64(
// CHECK-NEXT: %0 = "dhlo.convert"(%arg0) : (tensor<0x2xui8>) -> tensor<0x2xi64>
// CHECK-NEXT: return %0 : tensor<0x2xi64>
func.func @convert_ui8_i64(%arg0: tensor<0x2xui8>) -> tensor<0x2xi64> {
  %0 = "dhlo.convert"(%arg0) : (tensor<0x2xui8>) -> tensor<0x2xi64>
  return %0 : tensor<0x2xi64>
}
