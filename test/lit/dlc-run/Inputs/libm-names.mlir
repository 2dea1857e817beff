// Entry points named like libm's functions, each returning more than one result (through a
// result pointer): AOT code must call its own @nan, not the loaded libm's.
func.func @nan(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi1>) {
  %n = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %e = call @exp(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "dhlo.compare"(%x, %n) {comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %n, %e, %c : tensor<4xf32>, tensor<4xf32>, tensor<4xi1>
}
func.func private @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.add"(%x, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
