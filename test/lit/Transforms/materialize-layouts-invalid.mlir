// RUN: dlc-opt %s --verify-diagnostics --dhlo-materialize-layouts

// Only a function's own arguments may carry a layout: the arguments of other blocks would
// need every branch to them rewritten.
func.func @block_argument(%x: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>> {
  cf.br ^next(%x : tensor<2x3xf32, #dtensor.layout<[0, 1]>>)
// expected-error @+1 {{dhlo-materialize-layouts: block arguments other than a function's own may not have a layout}}
^next(%y: tensor<2x3xf32, #dtensor.layout<[0, 1]>>):
  return %y : tensor<2x3xf32, #dtensor.layout<[0, 1]>>
}
