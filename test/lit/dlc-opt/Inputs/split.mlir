// Three chunks for split-input-file.mlir: valid, failing, valid with a near miss.
func.func @first(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}

// -----

func.func @bad(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// ----
func.func @third(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
