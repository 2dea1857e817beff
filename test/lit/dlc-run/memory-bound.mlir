// --check on the paths of dlc-vectorize-memory-bound: sizes that are not a multiple of the
// 16-wide vectors (peeled remainders), row reductions with NaN and infinities in the vector
// part and in the remainder, and softmax rows through the polynomial exp.
// RUN: dlc-run %s --entry=chain --check --input=random:-5:5 | FileCheck %s --check-prefix=ONE
// RUN: dlc-run %s --entry=softmax --check --input=random:-30:30 | FileCheck %s --check-prefix=ONE
// RUN: dlc-run %s --entry=row_max_sum --check --input='[[1, 2, 3, nan, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, inf, 20], [-inf, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, inf, 19, 20], [-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -inf]]' --print | FileCheck %s --check-prefix=NAN
// ONE: dlc-run: output #0 matches
// NAN: tensor<4xf32> [nan, inf, inf, -1]
// NAN-NEXT: tensor<4xf32> [nan, inf, {{-?}}nan, -inf]
// NAN-NEXT: dlc-run: output #0 matches
// NAN-NEXT: dlc-run: output #1 matches
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// y = tanh(x * a + b) * c + x on 1000 elements: one fused loop, 62 vectors and 8 left.
func.func @chain(%x: tensor<1000xf32>) -> tensor<1000xf32> {
  %a = "dhlo.constant"() {value = dense<0.5> : tensor<1000xf32>} : () -> tensor<1000xf32>
  %b = "dhlo.constant"() {value = dense<0.25> : tensor<1000xf32>} : () -> tensor<1000xf32>
  %c = "dhlo.constant"() {value = dense<2.0> : tensor<1000xf32>} : () -> tensor<1000xf32>
  %0 = "dhlo.multiply"(%x, %a) : (tensor<1000xf32>, tensor<1000xf32>) -> tensor<1000xf32>
  %1 = "dhlo.add"(%0, %b) : (tensor<1000xf32>, tensor<1000xf32>) -> tensor<1000xf32>
  %2 = "dhlo.tanh"(%1) : (tensor<1000xf32>) -> tensor<1000xf32>
  %3 = "dhlo.multiply"(%2, %c) : (tensor<1000xf32>, tensor<1000xf32>) -> tensor<1000xf32>
  %4 = "dhlo.add"(%3, %x) : (tensor<1000xf32>, tensor<1000xf32>) -> tensor<1000xf32>
  return %4 : tensor<1000xf32>
}

// Softmax over rows of 1000 (max, exp, sum, divide).
func.func @softmax(%x: tensor<3x1000xf32>) -> tensor<3x1000xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32}
       : (tensor<3x1000xf32>, tensor<f32>) -> tensor<3xf32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 0>}
       : (tensor<3xf32>) -> tensor<3x1000xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<3x1000xf32>, tensor<3x1000xf32>) -> tensor<3x1000xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<3x1000xf32>) -> tensor<3x1000xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32}
       : (tensor<3x1000xf32>, tensor<f32>) -> tensor<3xf32>
  %sumb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 0>}
       : (tensor<3xf32>) -> tensor<3x1000xf32>
  %probs = "dhlo.divide"(%exp, %sumb) : (tensor<3x1000xf32>, tensor<3x1000xf32>) -> tensor<3x1000xf32>
  return %probs : tensor<3x1000xf32>
}

// Row maxima and sums of 20 (16 + 4): NaN in a vector (row 0), +inf in the remainder (row
// 1), -inf and +inf in one row (row 2: the sum is NaN), -inf as the last element (row 3).
func.func @row_max_sum(%x: tensor<4x20xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32}
       : (tensor<4x20xf32>, tensor<f32>) -> tensor<4xf32>
  %sum = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32}
       : (tensor<4x20xf32>, tensor<f32>) -> tensor<4xf32>
  return %max, %sum : tensor<4xf32>, tensor<4xf32>
}
