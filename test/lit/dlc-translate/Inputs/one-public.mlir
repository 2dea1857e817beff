// One public function (the entry) and a private computation it names.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @only(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
