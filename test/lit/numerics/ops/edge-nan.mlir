// NaN propagation, on literal inputs, through the JIT and ahead of time; both agree with the
// reference evaluator (--check, exact for these results: NaN matches NaN) and the values are
// StableHLO's: maximum/minimum propagate NaN, every FLOAT comparison with NaN is false but
// NE, TOTALORDER puts +NaN above +inf and -NaN below -inf, select passes NaN through, convert
// to an integer gives 0 for NaN (dlc's choice, docs/passes.md) and to i1 true (NaN != 0),
// a reduce with maximum or add over a NaN is NaN (of either sign: StableHLO does not say).
// RUN: dlc-run %s --check --print --input='[nan, 1.0, -inf, -nan]' --input='[2.0, nan, nan, inf]' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --check --print --aot --input='[nan, 1.0, -inf, -nan]' --input='[2.0, nan, nan, inf]' \
// RUN:   | FileCheck %s
// CHECK:      tensor<4xf32> [nan, nan, nan, -nan]
// CHECK-NEXT: tensor<4xf32> [nan, nan, nan, -nan]
// CHECK-NEXT: tensor<4xi1> [false, false, false, false]
// CHECK-NEXT: tensor<4xi1> [true, true, true, true]
// CHECK-NEXT: tensor<4xi1> [false, true, true, true]
// CHECK-NEXT: tensor<4xf32> [2, nan, nan, inf]
// CHECK-NEXT: tensor<4xi32> [0, 1, -2147483648, 0]
// CHECK-NEXT: tensor<4xi1> [true, true, true, true]
// CHECK-NEXT: tensor<f32> {{-?}}nan
// CHECK-NEXT: tensor<f32> nan
// CHECK-COUNT-10: dlc-run: output #{{[0-9]+}} matches
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @nan(%x: tensor<4xf32>, %y: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xf32>,
        tensor<4xi32>, tensor<4xi1>, tensor<f32>, tensor<f32>) {
  %max = "dhlo.maximum"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %min = "dhlo.minimum"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %lt = "dhlo.compare"(%x, %y) {comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %ne = "dhlo.compare"(%x, %y) {comparison_direction = "NE"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %tlt = "dhlo.compare"(%x, %y) {comparison_direction = "LT", compare_type = "TOTALORDER"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %sel = "dhlo.select"(%lt, %x, %y) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %int = "dhlo.convert"(%x) : (tensor<4xf32>) -> tensor<4xi32>
  %bool = "dhlo.convert"(%y) : (tensor<4xf32>) -> tensor<4xi1>
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %rmax = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 0>, to_apply = @max_f32} : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  %radd = "dhlo.reduce"(%y, %zero) {dimensions = array<i64: 0>, to_apply = @add_f32} : (tensor<4xf32>, tensor<f32>) -> tensor<f32>
  return %max, %min, %lt, %ne, %tlt, %sel, %int, %bool, %rmax, %radd
      : tensor<4xf32>, tensor<4xf32>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xf32>,
        tensor<4xi32>, tensor<4xi1>, tensor<f32>, tensor<f32>
}
