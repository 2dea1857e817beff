// A custom_call: it verifies, but the CPU lowering cannot legalize it.
func.func @main(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.custom_call"(%a) {call_target_name = "my_op", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
