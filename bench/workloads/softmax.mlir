// Softmax over the rows of a 4096 x 4096 f32 matrix in dhlo (16M floats, as the elementwise
// chain): y = exp(x - max_row(x)) / sum_row(exp(x - max_row(x))).
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax(%x: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %rowmax = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<4096x4096xf32>, tensor<f32>) -> tensor<4096xf32>
  %rowmaxb = "dhlo.broadcast_in_dim"(%rowmax) {broadcast_dimensions = array<i64: 0>} : (tensor<4096xf32>) -> tensor<4096x4096xf32>
  %shifted = "dhlo.subtract"(%x, %rowmaxb) : (tensor<4096x4096xf32>, tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  %exps = "dhlo.exponential"(%shifted) : (tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  %zero = "dhlo.constant"() {value = dense<0.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %rowsum = "dhlo.reduce"(%exps, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4096x4096xf32>, tensor<f32>) -> tensor<4096xf32>
  %rowsumb = "dhlo.broadcast_in_dim"(%rowsum) {broadcast_dimensions = array<i64: 0>} : (tensor<4096xf32>) -> tensor<4096x4096xf32>
  %y = "dhlo.divide"(%exps, %rowsumb) : (tensor<4096x4096xf32>, tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  return %y : tensor<4096x4096xf32>
}
