// --check on a softmax over the last dimension (maximum-subtracted, as frameworks write it):
// two reductions through reducer computations, broadcasts and exponential, on random inputs
// at the default f32 tolerances. The second result, the row sums of the probabilities, is
// 1 up to rounding.
// RUN: dlc-run %s --check | FileCheck %s
// RUN: dlc-run %s --check --input=random:-30:30 --seed=3 | FileCheck %s
// CHECK: dlc-run: output #0 matches (max abs error {{[0-9.e+-]+}})
// CHECK-NEXT: dlc-run: output #1 matches (max abs error {{[0-9.e+-]+}})
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax(%x: tensor<16x100xf32>) -> (tensor<16x100xf32>, tensor<16xf32>) {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32}
       : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 0>}
       : (tensor<16xf32>) -> tensor<16x100xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<16x100xf32>) -> tensor<16x100xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32}
       : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  %sumb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 0>}
       : (tensor<16xf32>) -> tensor<16x100xf32>
  %probs = "dhlo.divide"(%exp, %sumb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  %total = "dhlo.reduce"(%probs, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32}
       : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  return %probs, %total : tensor<16x100xf32>, tensor<16xf32>
}
