// IR cut off in the middle of an op, for the truncated-input test.
func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "dhlo.negate"(%a)