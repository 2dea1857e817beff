// Integer overflow and the conversions at the edges of ranges, on literal inputs, JIT and
// ahead of time, checked exactly against the reference evaluator and pinned:
// - i8 and i32 add and multiply wrap (two's complement);
// - i32 divide and remainder: INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0, x / 0 = -1,
//   x % 0 = x (StableHLO leaves these to the implementation; dlc follows XLA, docs/passes.md);
// - i32 power: a negative exponent gives 0, but 1 for a base of 1 and +-1 for -1, also for
//   a base of 0; ui8 power with an exponent >= 128 wraps like the exact power;
// - f32 to i32 saturates (2^31 and beyond give INT_MAX, below -2^31 INT_MIN, NaN 0);
// - i32 to bf16 and f64 to bf16 round once: 16842753 (and 1 + 2^-8 + 1e-14) lie just above
//   the midpoint of two bf16 values, which rounding to f32 first would turn into a tie,
//   rounded to even (16777216, 1) instead of up (16908288, 1.0078125); bf16 prints 5 digits.
// RUN: dlc-run %s --check --print \
// RUN:   --input='[127, -128, 100, 16]' --input='[1, -1, 100, 8]' \
// RUN:   --input='[2147483647, -2147483648, -2147483648, 7]' --input='[1, -1, 0, 0]' \
// RUN:   --input='[0, 1, -1, 2]' --input='[-2, -3, -3, -1]' \
// RUN:   --input='[3, 2, 1, 0]' --input='[128, 129, 255, 200]' \
// RUN:   --input='[2147483648.0, -3e9, nan, -2147483648.0]' \
// RUN:   --input='[16842753, -16842753, 16777217, 2147483647]' \
// RUN:   --input='[16842753.0, 1.00390625000001, 0x1.01p0, 1e300]' | FileCheck %s
// RUN: dlc-run %s --check --print --aot \
// RUN:   --input='[127, -128, 100, 16]' --input='[1, -1, 100, 8]' \
// RUN:   --input='[2147483647, -2147483648, -2147483648, 7]' --input='[1, -1, 0, 0]' \
// RUN:   --input='[0, 1, -1, 2]' --input='[-2, -3, -3, -1]' \
// RUN:   --input='[3, 2, 1, 0]' --input='[128, 129, 255, 200]' \
// RUN:   --input='[2147483648.0, -3e9, nan, -2147483648.0]' \
// RUN:   --input='[16842753, -16842753, 16777217, 2147483647]' \
// RUN:   --input='[16842753.0, 1.00390625000001, 0x1.01p0, 1e300]' | FileCheck %s
// CHECK:      tensor<4xi8> [-128, 127, -56, 24]
// CHECK-NEXT: tensor<4xi8> [1, 0, 16, 0]
// CHECK-NEXT: tensor<4xi32> [-2147483648, 2147483647, -2147483648, 7]
// CHECK-NEXT: tensor<4xi32> [1, 0, 0, 49]
// CHECK-NEXT: tensor<4xi32> [2147483647, -2147483648, -1, -1]
// CHECK-NEXT: tensor<4xi32> [0, 0, -2147483648, 7]
// CHECK-NEXT: tensor<4xi32> [0, 1, -1, 0]
// CHECK-NEXT: tensor<4xui8> [1, 0, 1, 0]
// CHECK-NEXT: tensor<4xi32> [2147483647, -2147483648, 0, -2147483648]
// CHECK-NEXT: tensor<4xbf16> [1.6908e+07, -1.6908e+07, 1.6777e+07, 2.1475e+09]
// CHECK-NEXT: tensor<4xbf16> [1.6908e+07, 1.0078, 1, inf]
// CHECK-COUNT-11: dlc-run: output #{{[0-9]+}} matches
func.func @overflow(%a: tensor<4xi8>, %b: tensor<4xi8>, %x: tensor<4xi32>, %y: tensor<4xi32>,
                    %base: tensor<4xi32>, %exp: tensor<4xi32>, %ubase: tensor<4xui8>,
                    %uexp: tensor<4xui8>, %f: tensor<4xf32>, %i: tensor<4xi32>, %d: tensor<4xf64>)
    -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>,
        tensor<4xi32>, tensor<4xui8>, tensor<4xi32>, tensor<4xbf16>, tensor<4xbf16>) {
  %add8 = "dhlo.add"(%a, %b) : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %mul8 = "dhlo.multiply"(%a, %a) : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %add32 = "dhlo.add"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %mul32 = "dhlo.multiply"(%x, %x) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %div = "dhlo.divide"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %rem = "dhlo.remainder"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %pow = "dhlo.power"(%base, %exp) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %upow = "dhlo.power"(%ubase, %uexp) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %sat = "dhlo.convert"(%f) : (tensor<4xf32>) -> tensor<4xi32>
  %ibf = "dhlo.convert"(%i) : (tensor<4xi32>) -> tensor<4xbf16>
  %dbf = "dhlo.convert"(%d) : (tensor<4xf64>) -> tensor<4xbf16>
  return %add8, %mul8, %add32, %mul32, %div, %rem, %pow, %upow, %sat, %ibf, %dbf
      : tensor<4xi8>, tensor<4xi8>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>,
        tensor<4xi32>, tensor<4xui8>, tensor<4xi32>, tensor<4xbf16>, tensor<4xbf16>
}
