// RUN: dlc-opt %s --split-input-file --dhlo-canonicalize | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dhlo-canonicalize=max-constant-size=4 | FileCheck %s --check-prefix=SMALL
// RUN: not dlc-opt %s --dhlo-canonicalize=max-constant-size=abc 2>&1 | FileCheck %s --check-prefix=BADSIZE
// RUN: not dlc-opt %s --dhlo-canonicalize=unsafe-fp-math=maybe 2>&1 | FileCheck %s --check-prefix=BADBOOL

// BADSIZE: invalid int value 'abc' for option 'max-constant-size'
// BADBOOL: invalid bool value 'maybe' for option 'unsafe-fp-math'

// f32 binary arithmetic folds elementwise; x / 0 is +-inf and 0 / 0 is NaN (IEEE; the
// NaN's sign is the host's).
// CHECK-LABEL: func.func @f32_arith
// CHECK-DAG: dense<[1.500000e+00, 2.000000e+00, 0.000000e+00, -1.000000e+00]> : tensor<4xf32>
// CHECK-DAG: dense<[5.000000e-01, 2.000000e+00, 0.000000e+00, -1.000000e+00]> : tensor<4xf32>
// CHECK-DAG: dense<[5.000000e-01, 0.000000e+00, 0.000000e+00, -0.000000e+00]> : tensor<4xf32>
// CHECK-DAG: dense<[2.000000e+00, 0x7F800000, 0x{{7|F}}FC00000, 0xFF800000]> : tensor<4xf32>
// CHECK-DAG: dense<[1.000000e+00, 4.000000e+00, 1.000000e+00, 1.000000e+00]> : tensor<4xf32>
// CHECK-NOT: "dhlo.{{add|subtract|multiply|divide|power}}"
func.func @f32_arith() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = "dhlo.constant"() {value = dense<[1.0, 2.0, 0.0, -1.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %b = "dhlo.constant"() {value = dense<[0.5, 0.0, 0.0, 0.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "dhlo.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.subtract"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.multiply"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "dhlo.divide"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e = "dhlo.constant"() {value = dense<[0.0, 2.0, 0.0, 2.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %4 = "dhlo.power"(%a, %e) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// f32 rounds to its own precision: 2^24 + 1 is 2^24 (0x4B800000); f64 keeps it exactly.
// CHECK-LABEL: func.func @precision_per_type
// CHECK-DAG: dense<0x4B800000> : tensor<f32>
// CHECK-DAG: dense<0x4170000010000000> : tensor<f64>
func.func @precision_per_type() -> (tensor<f32>, tensor<f64>) {
  %a = "dhlo.constant"() {value = dense<16777216.0> : tensor<f32>} : () -> tensor<f32>
  %b = "dhlo.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %c = "dhlo.constant"() {value = dense<16777216.0> : tensor<f64>} : () -> tensor<f64>
  %d = "dhlo.constant"() {value = dense<1.0> : tensor<f64>} : () -> tensor<f64>
  %1 = "dhlo.add"(%c, %d) : (tensor<f64>, tensor<f64>) -> tensor<f64>
  return %0, %1 : tensor<f32>, tensor<f64>
}

// -----

// f16 rounds to nearest, ties to even: 2048 + 1 -> 2048, 2048 + 3 -> 2052, and past
// 65504 to infinity.
// CHECK-LABEL: func.func @f16_round_even
// CHECK: dense<[2.048000e+03, 2.052000e+03, 0x7C00]> : tensor<3xf16>
// CHECK-NOT: dhlo.add
func.func @f16_round_even() -> tensor<3xf16> {
  %a = "dhlo.constant"() {value = dense<[2048.0, 2048.0, 65504.0]> : tensor<3xf16>} : () -> tensor<3xf16>
  %b = "dhlo.constant"() {value = dense<[1.0, 3.0, 32.0]> : tensor<3xf16>} : () -> tensor<3xf16>
  %0 = "dhlo.add"(%a, %b) : (tensor<3xf16>, tensor<3xf16>) -> tensor<3xf16>
  return %0 : tensor<3xf16>
}

// -----

// bf16 has 8 bits of precision: 256 + 1 -> 256, 256 + 3 -> 260 (ties to even).
// CHECK-LABEL: func.func @bf16_round_even
// CHECK: dense<[2.560000e+02, 2.600000e+02]> : tensor<2xbf16>
func.func @bf16_round_even() -> tensor<2xbf16> {
  %a = "dhlo.constant"() {value = dense<256.0> : tensor<2xbf16>} : () -> tensor<2xbf16>
  %b = "dhlo.constant"() {value = dense<[1.0, 3.0]> : tensor<2xbf16>} : () -> tensor<2xbf16>
  %0 = "dhlo.add"(%a, %b) : (tensor<2xbf16>, tensor<2xbf16>) -> tensor<2xbf16>
  return %0 : tensor<2xbf16>
}

// -----

// f16 division rounds once from the exact quotient; subnormal results survive.
// CHECK-LABEL: func.func @f16_divide_subnormal
// CHECK: dense<[3.332520e-01, 5.960460e-08]> : tensor<2xf16>
func.func @f16_divide_subnormal() -> tensor<2xf16> {
  %a = "dhlo.constant"() {value = dense<[1.0, 1.1920929E-7]> : tensor<2xf16>} : () -> tensor<2xf16>
  %b = "dhlo.constant"() {value = dense<[3.0, 2.0]> : tensor<2xf16>} : () -> tensor<2xf16>
  %0 = "dhlo.divide"(%a, %b) : (tensor<2xf16>, tensor<2xf16>) -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// -----

// Two splats give a splat, whatever the size (max-constant-size bounds only non-splats).
// CHECK-LABEL: func.func @splat_stays_splat
// CHECK: dense<2.250000e+00> : tensor<1024x1024xf32>
// SMALL-LABEL: func.func @splat_stays_splat
// SMALL: dense<2.250000e+00> : tensor<1024x1024xf32>
func.func @splat_stays_splat() -> tensor<1024x1024xf32> {
  %s = "dhlo.constant"() {value = dense<1.5> : tensor<1024x1024xf32>} : () -> tensor<1024x1024xf32>
  %0 = "dhlo.multiply"(%s, %s) : (tensor<1024x1024xf32>, tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %0 : tensor<1024x1024xf32>
}

// -----

// A non-splat result larger than max-constant-size is left alone; one within it folds.
// CHECK-LABEL: func.func @max_constant_size
// CHECK-NOT: dhlo.add
// SMALL-LABEL: func.func @max_constant_size
// SMALL: dense<[2, 4, 6, 8]> : tensor<4xi32>
// SMALL: "dhlo.add"(%{{.*}}, %{{.*}}) : (tensor<6xi32>, tensor<6xi32>)
func.func @max_constant_size() -> (tensor<4xi32>, tensor<6xi32>) {
  %a = "dhlo.constant"() {value = dense<[1, 2, 3, 4]> : tensor<4xi32>} : () -> tensor<4xi32>
  %0 = "dhlo.add"(%a, %a) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %b = "dhlo.constant"() {value = dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi32>} : () -> tensor<6xi32>
  %1 = "dhlo.add"(%b, %b) : (tensor<6xi32>, tensor<6xi32>) -> tensor<6xi32>
  return %0, %1 : tensor<4xi32>, tensor<6xi32>
}

// -----

// Float maximum/minimum propagate NaN (payload kept) and order -0 below +0.
// CHECK-LABEL: func.func @max_min_nan_zero
// CHECK-DAG: dense<[0x7FC00001, 0.000000e+00, 2.000000e+00]> : tensor<3xf32>
// CHECK-DAG: dense<[0x7FC00001, -0.000000e+00, 1.000000e+00]> : tensor<3xf32>
func.func @max_min_nan_zero() -> (tensor<3xf32>, tensor<3xf32>) {
  %a = "dhlo.constant"() {value = dense<[0x7FC00001, -0.0, 1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %b = "dhlo.constant"() {value = dense<[1.0, 0.0, 2.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %0 = "dhlo.maximum"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "dhlo.minimum"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Float unary ops, including -0.0, NaN and infinities.
// CHECK-LABEL: func.func @f32_unary
// CHECK-DAG: dense<[-0.000000e+00, -1.000000e+00, 0xFFC00000, 0xFF800000]> : tensor<4xf32>
// CHECK-DAG: dense<[0.000000e+00, 1.000000e+00, 0x7FC00000, 0x7F800000]> : tensor<4xf32>
// CHECK-DAG: dense<[0.000000e+00, 1.000000e+00, 0x7FC00000, 1.000000e+00]> : tensor<4xf32>
// CHECK-DAG: dense<[-0.000000e+00, -1.000000e+00, 0x7FC00000, -2.000000e+00]> : tensor<4xf32>
// CHECK-DAG: dense<[-0.000000e+00, -1.000000e+00, 0x7FC00000, -1.000000e+00]> : tensor<4xf32>
func.func @f32_unary() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %x = "dhlo.constant"() {value = dense<[0.0, 1.0, 0x7FC00000, 0x7F800000]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.abs"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.sign"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %y = "dhlo.constant"() {value = dense<[-0.0, -1.0, 0x7FC00000, -1.5]> : tensor<4xf32>} : () -> tensor<4xf32>
  %3 = "dhlo.floor"(%y) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "dhlo.ceil"(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Transcendental ops fold through the C library, rounded once to the element type.
// CHECK-LABEL: func.func @transcendental
// CHECK: dense<[1.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e-01, 2.000000e+00, 5.000000e-01, 0.000000e+00, 1.000000e+00, 0x{{7|F}}FC00000]> : tensor<9xf32>
// CHECK-NOT: dhlo.exponential
func.func @transcendental() -> tensor<9xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %one = "dhlo.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %four = "dhlo.constant"() {value = dense<4.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %neg = "dhlo.constant"() {value = dense<-1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %0 = "dhlo.exponential"(%zero) : (tensor<1xf32>) -> tensor<1xf32>
  %1 = "dhlo.log"(%one) : (tensor<1xf32>) -> tensor<1xf32>
  %2 = "dhlo.tanh"(%zero) : (tensor<1xf32>) -> tensor<1xf32>
  %3 = "dhlo.logistic"(%zero) : (tensor<1xf32>) -> tensor<1xf32>
  %4 = "dhlo.sqrt"(%four) : (tensor<1xf32>) -> tensor<1xf32>
  %5 = "dhlo.rsqrt"(%four) : (tensor<1xf32>) -> tensor<1xf32>
  %6 = "dhlo.sine"(%zero) : (tensor<1xf32>) -> tensor<1xf32>
  %7 = "dhlo.cosine"(%zero) : (tensor<1xf32>) -> tensor<1xf32>
  %8 = "dhlo.log_plus_one"(%neg) : (tensor<1xf32>) -> tensor<1xf32>
  %9 = "dhlo.sqrt"(%8) : (tensor<1xf32>) -> tensor<1xf32>
  %r = "dhlo.concatenate"(%0, %1, %2, %3, %4, %5, %6, %7, %9) {dimension = 0 : i64, operandSegmentSizes = array<i32: 9, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<9xf32>
  return %r : tensor<9xf32>
}

// -----

// f64 keeps f64 precision through transcendental ops.
// CHECK-LABEL: func.func @f64_exp
// CHECK: dense<2.7182818284590451> : tensor<f64>
func.func @f64_exp() -> tensor<f64> {
  %one = "dhlo.constant"() {value = dense<1.0> : tensor<f64>} : () -> tensor<f64>
  %0 = "dhlo.exponential"(%one) : (tensor<f64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// -----

// Float remainder has the sign of the dividend (fmod).
// CHECK-LABEL: func.func @f32_remainder
// CHECK: dense<[1.500000e+00, -1.500000e+00]> : tensor<2xf32>
func.func @f32_remainder() -> tensor<2xf32> {
  %a = "dhlo.constant"() {value = dense<[5.5, -5.5]> : tensor<2xf32>} : () -> tensor<2xf32>
  %b = "dhlo.constant"() {value = dense<2.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %0 = "dhlo.remainder"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Signed integers wrap in two's complement: i8 127 + 1, -(-128), |-128|, i64 max + 1.
// CHECK-LABEL: func.func @signed_wrap
// CHECK-DAG: dense<[-128, 2]> : tensor<2xi8>
// CHECK-DAG: dense<[-128, 1]> : tensor<2xi8>
// CHECK-DAG: dense<-9223372036854775808> : tensor<i64>
func.func @signed_wrap() -> (tensor<2xi8>, tensor<2xi8>, tensor<i64>) {
  %a = "dhlo.constant"() {value = dense<[127, 1]> : tensor<2xi8>} : () -> tensor<2xi8>
  %b = "dhlo.constant"() {value = dense<[1, 1]> : tensor<2xi8>} : () -> tensor<2xi8>
  %0 = "dhlo.add"(%a, %b) : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  %m = "dhlo.constant"() {value = dense<[-128, -1]> : tensor<2xi8>} : () -> tensor<2xi8>
  %1 = "dhlo.negate"(%m) : (tensor<2xi8>) -> tensor<2xi8>
  %2 = "dhlo.abs"(%1) : (tensor<2xi8>) -> tensor<2xi8>
  %c = "dhlo.constant"() {value = dense<9223372036854775807> : tensor<i64>} : () -> tensor<i64>
  %d = "dhlo.constant"() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %3 = "dhlo.add"(%c, %d) : (tensor<i64>, tensor<i64>) -> tensor<i64>
  return %0, %2, %3 : tensor<2xi8>, tensor<2xi8>, tensor<i64>
}

// -----

// Unsigned integers wrap modulo 2^width and compare and divide unsigned.
// CHECK-LABEL: func.func @unsigned_wrap
// CHECK-DAG: dense<[65535, 65534]> : tensor<2xui16>
// CHECK-DAG: dense<32767> : tensor<2xui16>
// CHECK-DAG: dense<[0, 65535]> : tensor<2xui16>
func.func @unsigned_wrap() -> (tensor<2xui16>, tensor<2xui16>, tensor<2xui16>) {
  %a = "dhlo.constant"() {value = dense<[0, 65535]> : tensor<2xui16>} : () -> tensor<2xui16>
  %b = "dhlo.constant"() {value = dense<1> : tensor<2xui16>} : () -> tensor<2xui16>
  %0 = "dhlo.subtract"(%a, %b) : (tensor<2xui16>, tensor<2xui16>) -> tensor<2xui16>
  %1 = "dhlo.add"(%0, %b) : (tensor<2xui16>, tensor<2xui16>) -> tensor<2xui16>
  %2 = "dhlo.maximum"(%0, %b) : (tensor<2xui16>, tensor<2xui16>) -> tensor<2xui16>
  %two = "dhlo.constant"() {value = dense<2> : tensor<2xui16>} : () -> tensor<2xui16>
  %3 = "dhlo.divide"(%0, %two) : (tensor<2xui16>, tensor<2xui16>) -> tensor<2xui16>
  %4 = "dhlo.multiply"(%1, %b) : (tensor<2xui16>, tensor<2xui16>) -> tensor<2xui16>
  return %2, %3, %4 : tensor<2xui16>, tensor<2xui16>, tensor<2xui16>
}

// -----

// Signed division truncates toward zero; the remainder has the dividend's sign.
// CHECK-LABEL: func.func @signed_divide
// CHECK-DAG: dense<[-3, 3, -3]> : tensor<3xi32>
// CHECK-DAG: dense<[1, -1, -1]> : tensor<3xi32>
func.func @signed_divide() -> (tensor<3xi32>, tensor<3xi32>) {
  %a = "dhlo.constant"() {value = dense<[7, -7, -7]> : tensor<3xi32>} : () -> tensor<3xi32>
  %b = "dhlo.constant"() {value = dense<[-2, -2, 2]> : tensor<3xi32>} : () -> tensor<3xi32>
  %0 = "dhlo.divide"(%a, %b) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %1 = "dhlo.remainder"(%a, %b) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0, %1 : tensor<3xi32>, tensor<3xi32>
}

// -----

// Integer division and remainder by zero, and INT_MIN / -1, are not folded.
// CHECK-LABEL: func.func @divide_not_folded
// CHECK: "dhlo.divide"
// CHECK: "dhlo.remainder"
// CHECK: "dhlo.divide"
// CHECK: "dhlo.remainder"
func.func @divide_not_folded() -> (tensor<2xi32>, tensor<2xi32>, tensor<i8>, tensor<i8>) {
  %a = "dhlo.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2xi32>
  %z = "dhlo.constant"() {value = dense<[1, 0]> : tensor<2xi32>} : () -> tensor<2xi32>
  %0 = "dhlo.divide"(%a, %z) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %1 = "dhlo.remainder"(%a, %z) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %min = "dhlo.constant"() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %m1 = "dhlo.constant"() {value = dense<-1> : tensor<i8>} : () -> tensor<i8>
  %2 = "dhlo.divide"(%min, %m1) : (tensor<i8>, tensor<i8>) -> tensor<i8>
  %3 = "dhlo.remainder"(%min, %m1) : (tensor<i8>, tensor<i8>) -> tensor<i8>
  return %0, %1, %2, %3 : tensor<2xi32>, tensor<2xi32>, tensor<i8>, tensor<i8>
}

// -----

// Integer power by repeated squaring wraps; a negative exponent is not folded.
// CHECK-LABEL: func.func @integer_power
// CHECK-DAG: dense<[81, -128, 1]> : tensor<3xi8>
// CHECK-DAG: "dhlo.power"(%{{.*}}, %{{.*}}) : (tensor<i32>, tensor<i32>)
func.func @integer_power() -> (tensor<3xi8>, tensor<i32>) {
  %a = "dhlo.constant"() {value = dense<[3, 2, 5]> : tensor<3xi8>} : () -> tensor<3xi8>
  %b = "dhlo.constant"() {value = dense<[4, 7, 0]> : tensor<3xi8>} : () -> tensor<3xi8>
  %0 = "dhlo.power"(%a, %b) : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
  %c = "dhlo.constant"() {value = dense<2> : tensor<i32>} : () -> tensor<i32>
  %d = "dhlo.constant"() {value = dense<-1> : tensor<i32>} : () -> tensor<i32>
  %1 = "dhlo.power"(%c, %d) : (tensor<i32>, tensor<i32>) -> tensor<i32>
  return %0, %1 : tensor<3xi8>, tensor<i32>
}

// -----

// Bitwise ops on integers; sign of signed integers.
// CHECK-LABEL: func.func @integer_bitwise
// CHECK-DAG: dense<[8, 14, 6, -13]> : tensor<4xi16>
// CHECK-DAG: dense<[1, 1, 0, -1]> : tensor<4xi16>
func.func @integer_bitwise() -> (tensor<4xi16>, tensor<4xi16>) {
  %a = "dhlo.constant"() {value = dense<[12, 12, 12, 12]> : tensor<4xi16>} : () -> tensor<4xi16>
  %b = "dhlo.constant"() {value = dense<[10, 10, 10, 0]> : tensor<4xi16>} : () -> tensor<4xi16>
  %and = "dhlo.and"(%a, %b) : (tensor<4xi16>, tensor<4xi16>) -> tensor<4xi16>
  %or = "dhlo.or"(%a, %b) : (tensor<4xi16>, tensor<4xi16>) -> tensor<4xi16>
  %xor = "dhlo.xor"(%a, %b) : (tensor<4xi16>, tensor<4xi16>) -> tensor<4xi16>
  %not = "dhlo.not"(%a) : (tensor<4xi16>) -> tensor<4xi16>
  %x = "dhlo.constant"() {value = dense<[8, 14, 6, -13]> : tensor<4xi16>} : () -> tensor<4xi16>
  %0 = "dhlo.concatenate"(%and, %or, %xor, %not) {dimension = 0 : i64, operandSegmentSizes = array<i32: 4, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4xi16>, tensor<4xi16>, tensor<4xi16>, tensor<4xi16>) -> tensor<16xi16>
  %1 = "dhlo.slice"(%0) {start_indices = array<i64: 0>, limit_indices = array<i64: 16>, strides = array<i64: 5>} : (tensor<16xi16>) -> tensor<4xi16>
  %s = "dhlo.constant"() {value = dense<[5, 1, 0, -7]> : tensor<4xi16>} : () -> tensor<4xi16>
  %2 = "dhlo.sign"(%s) : (tensor<4xi16>) -> tensor<4xi16>
  return %1, %2 : tensor<4xi16>, tensor<4xi16>
}

// -----

// i1 is boolean: add is or, multiply is and; not, and, or, xor are logical.
// CHECK-LABEL: func.func @boolean
// CHECK-DAG: dense<[false, true, true, true]> : tensor<4xi1>
// CHECK-DAG: dense<[false, false, false, true]> : tensor<4xi1>
// CHECK-DAG: dense<[true, false, false, true]> : tensor<4xi1>
func.func @boolean() -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %a = "dhlo.constant"() {value = dense<[false, false, true, true]> : tensor<4xi1>} : () -> tensor<4xi1>
  %b = "dhlo.constant"() {value = dense<[false, true, false, true]> : tensor<4xi1>} : () -> tensor<4xi1>
  %0 = "dhlo.add"(%a, %b) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = "dhlo.multiply"(%a, %b) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = "dhlo.xor"(%a, %b) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = "dhlo.not"(%2) : (tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// Float compare is IEEE: every ordered comparison with NaN is false, NE is true.
// CHECK-LABEL: func.func @compare_float
// CHECK-DAG: dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: dense<[false, true, true]> : tensor<3xi1>
// CHECK-DAG: dense<[false, false, true]> : tensor<3xi1>
func.func @compare_float() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %a = "dhlo.constant"() {value = dense<[-0.0, 0x7FC00000, 1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %b = "dhlo.constant"() {value = dense<[0.0, 0x7FC00000, 2.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %0 = "dhlo.compare"(%a, %b) {comparison_direction = "EQ"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %1 = "dhlo.compare"(%a, %b) {comparison_direction = "NE"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  %2 = "dhlo.compare"(%a, %b) {comparison_direction = "LT"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// TOTALORDER compares -NaN < -inf < -0 < +0 < +inf < +NaN.
// CHECK-LABEL: func.func @compare_total_order
// CHECK: dense<true> : tensor<4xi1>
func.func @compare_total_order() -> tensor<4xi1> {
  %a = "dhlo.constant"() {value = dense<[0xFFC00000, 0xFF800000, -0.0, 0x7F800000]> : tensor<4xf32>} : () -> tensor<4xf32>
  %b = "dhlo.constant"() {value = dense<[0xFF800000, -0.0, 0.0, 0x7FC00000]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "dhlo.compare"(%a, %b) {comparison_direction = "LT", compare_type = "TOTALORDER"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// Integer compare follows signedness: -1 < 1 as i8, but 255 > 1 as ui8.
// CHECK-LABEL: func.func @compare_signedness
// CHECK-DAG: dense<[true, false, true]> : tensor<3xi1>
// CHECK-DAG: dense<[false, false, true]> : tensor<3xi1>
func.func @compare_signedness() -> (tensor<3xi1>, tensor<3xi1>) {
  %a = "dhlo.constant"() {value = dense<[-1, 2, 3]> : tensor<3xi8>} : () -> tensor<3xi8>
  %b = "dhlo.constant"() {value = dense<[1, 1, 3]> : tensor<3xi8>} : () -> tensor<3xi8>
  %0 = "dhlo.compare"(%a, %b) {comparison_direction = "LE"} : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi1>
  %c = "dhlo.constant"() {value = dense<[255, 2, 3]> : tensor<3xui8>} : () -> tensor<3xui8>
  %d = "dhlo.constant"() {value = dense<[1, 1, 3]> : tensor<3xui8>} : () -> tensor<3xui8>
  %1 = "dhlo.compare"(%c, %d) {comparison_direction = "GE"} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xi1>
  %2 = "dhlo.compare"(%c, %d) {comparison_direction = "GT"} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xi1>
  %3 = "dhlo.and"(%1, %2) : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  %4 = "dhlo.not"(%3) : (tensor<3xi1>) -> tensor<3xi1>
  return %0, %4 : tensor<3xi1>, tensor<3xi1>
}

// -----

// select picks per element; a scalar predicate picks a whole operand.
// CHECK-LABEL: func.func @select
// CHECK-DAG: dense<[1, 20, 3]> : tensor<3xi64>
// CHECK-DAG: dense<[10, 20, 30]> : tensor<3xi64>
func.func @select() -> (tensor<3xi64>, tensor<3xi64>) {
  %p = "dhlo.constant"() {value = dense<[true, false, true]> : tensor<3xi1>} : () -> tensor<3xi1>
  %a = "dhlo.constant"() {value = dense<[1, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %b = "dhlo.constant"() {value = dense<[10, 20, 30]> : tensor<3xi64>} : () -> tensor<3xi64>
  %0 = "dhlo.select"(%p, %a, %b) : (tensor<3xi1>, tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %q = "dhlo.constant"() {value = dense<false> : tensor<i1>} : () -> tensor<i1>
  %1 = "dhlo.select"(%q, %a, %b) : (tensor<i1>, tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %0, %1 : tensor<3xi64>, tensor<3xi64>
}

// -----

// clamp with scalar bounds is min(max(x, lo), hi); NaN propagates.
// CHECK-LABEL: func.func @clamp
// CHECK: dense<[0.000000e+00, 5.000000e-01, 1.000000e+00, 0x7FF8000000000000]> : tensor<4xf64>
func.func @clamp() -> tensor<4xf64> {
  %lo = "dhlo.constant"() {value = dense<0.0> : tensor<f64>} : () -> tensor<f64>
  %hi = "dhlo.constant"() {value = dense<1.0> : tensor<f64>} : () -> tensor<f64>
  %x = "dhlo.constant"() {value = dense<[-3.0, 0.5, 7.0, 0x7FF8000000000000]> : tensor<4xf64>} : () -> tensor<4xf64>
  %0 = "dhlo.clamp"(%lo, %x, %hi) : (tensor<f64>, tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

// convert between floats rounds to nearest even: 65520 overflows f16, 0.1 in bf16.
// CHECK-LABEL: func.func @convert_float_float
// CHECK-DAG: dense<[0x7C00, 6.550400e+04, 9.997550e-02]> : tensor<3xf16>
// CHECK-DAG: dense<[1.000980e-01, 3.389530e+38, 0x7FC0]> : tensor<3xbf16>
func.func @convert_float_float() -> (tensor<3xf16>, tensor<3xbf16>) {
  %a = "dhlo.constant"() {value = dense<[65520.0, 65519.0, 0.1]> : tensor<3xf32>} : () -> tensor<3xf32>
  %0 = "dhlo.convert"(%a) : (tensor<3xf32>) -> tensor<3xf16>
  %b = "dhlo.constant"() {value = dense<[0.1, 3.389531e+38, 0x7FC00000]> : tensor<3xf32>} : () -> tensor<3xf32>
  %1 = "dhlo.convert"(%b) : (tensor<3xf32>) -> tensor<3xbf16>
  return %0, %1 : tensor<3xf16>, tensor<3xbf16>
}

// -----

// convert float to integer truncates toward zero; float to i1 is "nonzero" (NaN too).
// CHECK-LABEL: func.func @convert_float_int
// CHECK-DAG: dense<[-2, 2, 0, -2147483648]> : tensor<4xi32>
// CHECK-DAG: dense<[0, 255]> : tensor<2xui8>
// CHECK-DAG: dense<[false, true, true, false]> : tensor<4xi1>
func.func @convert_float_int() -> (tensor<4xi32>, tensor<2xui8>, tensor<4xi1>) {
  %a = "dhlo.constant"() {value = dense<[-2.7, 2.7, -0.5, -2147483648.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "dhlo.convert"(%a) : (tensor<4xf32>) -> tensor<4xi32>
  %b = "dhlo.constant"() {value = dense<[-0.9, 255.9]> : tensor<2xf64>} : () -> tensor<2xf64>
  %1 = "dhlo.convert"(%b) : (tensor<2xf64>) -> tensor<2xui8>
  %c = "dhlo.constant"() {value = dense<[0.0, 0x7FC00000, 0.5, -0.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %2 = "dhlo.convert"(%c) : (tensor<4xf32>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi32>, tensor<2xui8>, tensor<4xi1>
}

// -----

// A float that is NaN or out of the integer's range is not converted (left unspecified
// by StableHLO).
// CHECK-LABEL: func.func @convert_float_int_not_folded
// CHECK-COUNT-3: "dhlo.convert"
func.func @convert_float_int_not_folded() -> (tensor<i32>, tensor<i16>, tensor<ui32>) {
  %a = "dhlo.constant"() {value = dense<2147483648.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.convert"(%a) : (tensor<f32>) -> tensor<i32>
  %b = "dhlo.constant"() {value = dense<0x7FC00000> : tensor<f32>} : () -> tensor<f32>
  %1 = "dhlo.convert"(%b) : (tensor<f32>) -> tensor<i16>
  %c = "dhlo.constant"() {value = dense<-1.0> : tensor<f32>} : () -> tensor<f32>
  %2 = "dhlo.convert"(%c) : (tensor<f32>) -> tensor<ui32>
  return %0, %1, %2 : tensor<i32>, tensor<i16>, tensor<ui32>
}

// -----

// convert between integers wraps (keeps the low bits); i1 becomes 0 or 1.
// CHECK-LABEL: func.func @convert_int_int
// CHECK-DAG: dense<[44, -1, 0]> : tensor<3xi8>
// CHECK-DAG: dense<[255, 255, 0]> : tensor<3xui16>
// CHECK-DAG: dense<[1, 0]> : tensor<2xi32>
func.func @convert_int_int() -> (tensor<3xi8>, tensor<3xui16>, tensor<2xi32>) {
  %a = "dhlo.constant"() {value = dense<[300, -1, 256]> : tensor<3xi32>} : () -> tensor<3xi32>
  %0 = "dhlo.convert"(%a) : (tensor<3xi32>) -> tensor<3xi8>
  %b = "dhlo.constant"() {value = dense<[255, -1, 0]> : tensor<3xi64>} : () -> tensor<3xi64>
  %c = "dhlo.convert"(%b) : (tensor<3xi64>) -> tensor<3xui8>
  %1 = "dhlo.convert"(%c) : (tensor<3xui8>) -> tensor<3xui16>
  %d = "dhlo.constant"() {value = dense<[-1, 0]> : tensor<2xi16>} : () -> tensor<2xi16>
  %e = "dhlo.convert"(%d) : (tensor<2xi16>) -> tensor<2xi1>
  %2 = "dhlo.convert"(%e) : (tensor<2xi1>) -> tensor<2xi32>
  return %0, %1, %2 : tensor<3xi8>, tensor<3xui16>, tensor<2xi32>
}

// -----

// convert from integers rounds once to nearest even, also from 64 bits into f32
// (2^60 + 2^36 + 1 is above the midpoint: it rounds up, where i64 -> f64 -> f32
// would round twice and down).
// CHECK-LABEL: func.func @convert_int_float
// CHECK-DAG: dense<[0x4B800000, -1.000000e+00, 2.550000e+02]> : tensor<3xf32>
// CHECK-DAG: dense<1152921642045800448> : tensor<i64>
// CHECK-DAG: dense<[0x7C00, 2.048000e+03]> : tensor<2xf16>
func.func @convert_int_float() -> (tensor<3xf32>, tensor<i64>, tensor<2xf16>) {
  %a = "dhlo.constant"() {value = dense<[16777217, -1, 255]> : tensor<3xi32>} : () -> tensor<3xi32>
  %0 = "dhlo.convert"(%a) : (tensor<3xi32>) -> tensor<3xf32>
  %b = "dhlo.constant"() {value = dense<1152921573326323713> : tensor<i64>} : () -> tensor<i64>
  %c = "dhlo.convert"(%b) : (tensor<i64>) -> tensor<f32>
  %1 = "dhlo.convert"(%c) : (tensor<f32>) -> tensor<i64>
  %d = "dhlo.constant"() {value = dense<[65520, 2049]> : tensor<2xui32>} : () -> tensor<2xui32>
  %2 = "dhlo.convert"(%d) : (tensor<2xui32>) -> tensor<2xf16>
  return %0, %1, %2 : tensor<3xf32>, tensor<i64>, tensor<2xf16>
}

// -----

// iota folds to its constant, converted to the element type.
// CHECK-LABEL: func.func @iota
// CHECK-DAG: dense<{{\[}}[0, 1, 2], [0, 1, 2]]> : tensor<2x3xi32>
// CHECK-DAG: dense<{{\[}}[0.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 1.000000e+00, 1.000000e+00]]> : tensor<2x3xf16>
// CHECK-NOT: dhlo.iota
func.func @iota() -> (tensor<2x3xi32>, tensor<2x3xf16>) {
  %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<2x3xi32>
  %1 = "dhlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<2x3xf16>
  return %0, %1 : tensor<2x3xi32>, tensor<2x3xf16>
}

// -----

// iota along a dimension of size 1 is all zeros: a splat, whatever max-constant-size.
// CHECK-LABEL: func.func @iota_splat
// CHECK: dense<0> : tensor<64x1xui8>
// SMALL-LABEL: func.func @iota_splat
// SMALL: dense<0> : tensor<64x1xui8>
func.func @iota_splat() -> tensor<64x1xui8> {
  %0 = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<64x1xui8>
  return %0 : tensor<64x1xui8>
}

// -----

// broadcast_in_dim of a dense constant copies along the new dimension.
// CHECK-LABEL: func.func @broadcast
// CHECK: dense<{{\[}}[1, 1, 1], [2, 2, 2]]> : tensor<2x3xi32>
// CHECK-NOT: dhlo.broadcast_in_dim
func.func @broadcast() -> tensor<2x3xi32> {
  %a = "dhlo.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2xi32>
  %0 = "dhlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 0>} : (tensor<2xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// broadcast_in_dim of a splat constant is a splat of the result shape, of any size.
// CHECK-LABEL: func.func @broadcast_splat
// CHECK: dense<7> : tensor<512x512xi64>
// SMALL-LABEL: func.func @broadcast_splat
// SMALL: dense<7> : tensor<512x512xi64>
func.func @broadcast_splat() -> tensor<512x512xi64> {
  %a = "dhlo.constant"() {value = dense<7> : tensor<512xi64>} : () -> tensor<512xi64>
  %0 = "dhlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 1>} : (tensor<512xi64>) -> tensor<512x512xi64>
  return %0 : tensor<512x512xi64>
}

// -----

// reshape keeps the row-major element order; transpose permutes it.
// CHECK-LABEL: func.func @reshape_transpose
// CHECK-DAG: dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xbf16>
// CHECK-DAG: dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xbf16>
func.func @reshape_transpose() -> (tensor<3x2xbf16>, tensor<3x2xbf16>) {
  %a = "dhlo.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xbf16>} : () -> tensor<2x3xbf16>
  %0 = "dhlo.reshape"(%a) : (tensor<2x3xbf16>) -> tensor<3x2xbf16>
  %1 = "dhlo.transpose"(%a) {permutation = array<i64: 1, 0>} : (tensor<2x3xbf16>) -> tensor<3x2xbf16>
  return %0, %1 : tensor<3x2xbf16>, tensor<3x2xbf16>
}

// -----

// slice with start, limit and stride per dimension.
// CHECK-LABEL: func.func @slice
// CHECK: dense<{{\[}}[5, 7], [13, 15]]> : tensor<2x2xi16>
func.func @slice() -> tensor<2x2xi16> {
  %a = "dhlo.constant"() {value = dense<[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]]> : tensor<4x4xi16>} : () -> tensor<4x4xi16>
  %0 = "dhlo.slice"(%a) {start_indices = array<i64: 1, 1>, limit_indices = array<i64: 4, 4>, strides = array<i64: 2, 2>} : (tensor<4x4xi16>) -> tensor<2x2xi16>
  return %0 : tensor<2x2xi16>
}

// -----

// concatenate of constants joins them along the dimension, also with i1 elements.
// CHECK-LABEL: func.func @concatenate
// CHECK-DAG: dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xui32>
// CHECK-DAG: dense<[true, false, false]> : tensor<3xi1>
func.func @concatenate() -> (tensor<2x3xui32>, tensor<3xi1>) {
  %a = "dhlo.constant"() {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xui32>} : () -> tensor<2x2xui32>
  %b = "dhlo.constant"() {value = dense<[[5], [6]]> : tensor<2x1xui32>} : () -> tensor<2x1xui32>
  %0 = "dhlo.concatenate"(%a, %b) {dimension = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<2x2xui32>, tensor<2x1xui32>) -> tensor<2x3xui32>
  %t = "dhlo.constant"() {value = dense<true> : tensor<1xi1>} : () -> tensor<1xi1>
  %f = "dhlo.constant"() {value = dense<false> : tensor<2xi1>} : () -> tensor<2xi1>
  %1 = "dhlo.concatenate"(%t, %f) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<1xi1>, tensor<2xi1>) -> tensor<3xi1>
  return %0, %1 : tensor<2x3xui32>, tensor<3xi1>
}

// -----

// Equal splats concatenate to a splat.
// CHECK-LABEL: func.func @concatenate_splats
// CHECK: dense<1.000000e+00> : tensor<6xf16>
// SMALL-LABEL: func.func @concatenate_splats
// SMALL: dense<1.000000e+00> : tensor<6xf16>
func.func @concatenate_splats() -> tensor<6xf16> {
  %a = "dhlo.constant"() {value = dense<1.0> : tensor<4xf16>} : () -> tensor<4xf16>
  %b = "dhlo.constant"() {value = dense<1.0> : tensor<2xf16>} : () -> tensor<2xf16>
  %0 = "dhlo.concatenate"(%a, %b) {dimension = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>} : (tensor<4xf16>, tensor<2xf16>) -> tensor<6xf16>
  return %0 : tensor<6xf16>
}

// -----

// reverse and pad (edge, interior and negative padding) move elements.
// CHECK-LABEL: func.func @reverse_pad
// CHECK-DAG: dense<[3, 2, 1]> : tensor<3xi8>
// CHECK-DAG: dense<[0, 1, 0, 2, 0, 3, 0, 0]> : tensor<8xi8>
// CHECK-DAG: dense<[9, 2, 9]> : tensor<3xi8>
func.func @reverse_pad() -> (tensor<3xi8>, tensor<8xi8>, tensor<3xi8>) {
  %a = "dhlo.constant"() {value = dense<[1, 2, 3]> : tensor<3xi8>} : () -> tensor<3xi8>
  %z = "dhlo.constant"() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %n = "dhlo.constant"() {value = dense<9> : tensor<i8>} : () -> tensor<i8>
  %0 = "dhlo.reverse"(%a) {dimensions = array<i64: 0>} : (tensor<3xi8>) -> tensor<3xi8>
  %1 = "dhlo.pad"(%a, %z) {edge_padding_low = array<i64: 1>, edge_padding_high = array<i64: 2>, interior_padding = array<i64: 1>} : (tensor<3xi8>, tensor<i8>) -> tensor<8xi8>
  %2 = "dhlo.pad"(%a, %n) {edge_padding_low = array<i64: -1>, edge_padding_high = array<i64: -1>, interior_padding = array<i64: 1>} : (tensor<3xi8>, tensor<i8>) -> tensor<3xi8>
  return %0, %1, %2 : tensor<3xi8>, tensor<8xi8>, tensor<3xi8>
}

// -----

// A folded constant keeps the folded op's result type, layout encoding included.
// CHECK-LABEL: func.func @keeps_layout
// CHECK: "dhlo.constant"() {value = dense<{{\[}}[2, 3], [4, 5]]> : tensor<2x2xi32>} : () -> tensor<2x2xi32, #dtensor.layout<[0, 1]>>
func.func @keeps_layout() -> tensor<2x2xi32, #dtensor.layout<[0, 1]>> {
  %a = "dhlo.constant"() {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>} : () -> tensor<2x2xi32>
  %b = "dhlo.constant"() {value = dense<1> : tensor<2x2xi32>} : () -> tensor<2x2xi32>
  %0 = "dhlo.add"(%a, %b) : (tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<2x2xi32, #dtensor.layout<[0, 1]>>
  return %0 : tensor<2x2xi32, #dtensor.layout<[0, 1]>>
}

// -----

// An op with a non-constant operand is not folded.
// CHECK-LABEL: func.func @not_constant
// CHECK: "dhlo.add"(%arg0
func.func @not_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = "dhlo.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %0 = "dhlo.add"(%x, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
