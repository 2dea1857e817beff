// A dhlo op whose stated result type breaks its shape rule: dlcVerify rejects it.
func.func @f(%a: tensor<2xf32>) -> tensor<3xf32> {
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
