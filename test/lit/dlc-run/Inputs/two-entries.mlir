// Two public functions and no @main: --entry must choose.
func.func @first(%a: tensor<2xi32>) -> tensor<2xi32> {
  %0 = "dhlo.add"(%a, %a) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
func.func @second(%a: tensor<2xi32>) -> tensor<2xi32> {
  %0 = "dhlo.multiply"(%a, %a) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
