// A dhlo op upstream bufferization does not know: one-shot-bufferize fails on it.
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
