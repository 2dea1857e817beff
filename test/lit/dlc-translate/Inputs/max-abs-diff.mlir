// max |a - b| over two 8x32 f32 tensors: aot-mlp.test runs it with dlc-run on the output of
// the ahead-of-time compiled MLP and that of the JIT.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @max_abs_diff(%a: tensor<8x32xf32>, %b: tensor<8x32xf32>) -> tensor<f32> {
  %d = "dhlo.subtract"(%a, %b) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %m = "dhlo.abs"(%d) : (tensor<8x32xf32>) -> tensor<8x32xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %r = "dhlo.reduce"(%m, %zero) {dimensions = array<i64: 0, 1>, to_apply = @max_f32} : (tensor<8x32xf32>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}
