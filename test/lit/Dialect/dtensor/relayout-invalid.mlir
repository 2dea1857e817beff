// RUN: dlc-opt %s --split-input-file --verify-diagnostics

// relayout: the shape cannot change.
func.func @shape_change(%a: tensor<4x8xf32>) -> tensor<8x4xf32, #dtensor.layout<[0, 1]>> {
  // expected-error @+1 {{changes the type from tensor<4x8xf32> to tensor<8x4xf32, #dtensor.layout<[0, 1]>>; relayout changes only the layout}}
  %0 = "dtensor.relayout"(%a) : (tensor<4x8xf32>) -> tensor<8x4xf32, #dtensor.layout<[0, 1]>>
  return %0 : tensor<8x4xf32, #dtensor.layout<[0, 1]>>
}

// -----

// relayout: the element type cannot change.
func.func @element_change(%a: tensor<4x8xf32>) -> tensor<4x8xbf16, #dtensor.layout<[0, 1]>> {
  // expected-error @+1 {{changes the type from tensor<4x8xf32> to tensor<4x8xbf16, #dtensor.layout<[0, 1]>>; relayout changes only the layout}}
  %0 = "dtensor.relayout"(%a) : (tensor<4x8xf32>) -> tensor<4x8xbf16, #dtensor.layout<[0, 1]>>
  return %0 : tensor<4x8xbf16, #dtensor.layout<[0, 1]>>
}

// -----

// relayout: the target layout must be a permutation of the result's rank.
func.func @bad_layout(%a: tensor<4x8xf32>) -> tensor<4x8xf32, #dtensor.layout<[0, 2]>> {
  // expected-error @+1 {{result #0 has encoding #dtensor.layout<[0, 2]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dtensor.relayout"(%a) : (tensor<4x8xf32>) -> tensor<4x8xf32, #dtensor.layout<[0, 2]>>
  return %0 : tensor<4x8xf32, #dtensor.layout<[0, 2]>>
}
