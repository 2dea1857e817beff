// Parses, but dlc's verifier rejects the stated result type of the add.
func.func @main(%a: tensor<4xf32>) -> tensor<5xf32> {
  %0 = "dhlo.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
