// Ends in the middle of an op: a parse error.
func.func @main(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) ->
