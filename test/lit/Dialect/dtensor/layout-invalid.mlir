// RUN: dlc-opt %s --split-input-file --verify-diagnostics
// Negative tests of #dtensor.layout encodings and dtensor.relayout: one behaviour per split.

// A layout must be a permutation: no dimension twice.
func.func @f(%arg0: tensor<2x3xf32, #dtensor.layout<[0, 0]>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #0 has encoding #dtensor.layout<[0, 0]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[0, 0]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A layout must be a permutation: entries lie in [0, rank).
func.func @f(%arg0: tensor<2x3xf32, #dtensor.layout<[2, 0]>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #0 has encoding #dtensor.layout<[2, 0]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.exponential"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[2, 0]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A layout must be a permutation: no negative entries.
func.func @f(%arg0: tensor<2x3xf32, #dtensor.layout<[-1, 0]>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #0 has encoding #dtensor.layout<[-1, 0]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.exponential"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[-1, 0]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A layout must have one entry per dimension: too few.
func.func @f(%arg0: tensor<2x3xf32, #dtensor.layout<[0]>>, %arg1: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #0 has encoding #dtensor.layout<[0]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32, #dtensor.layout<[0]>>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A layout must have one entry per dimension: too many, checked on the second operand.
func.func @f(%arg0: tensor<2x3xf32>, %arg1: tensor<2x3xf32, #dtensor.layout<[2, 1, 0]>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #1 has encoding #dtensor.layout<[2, 1, 0]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.add"(%arg0, %arg1) : (tensor<2x3xf32>, tensor<2x3xf32, #dtensor.layout<[2, 1, 0]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A rank-0 tensor takes only the empty layout.
func.func @f(%arg0: tensor<f32, #dtensor.layout<[0]>>) -> tensor<f32> {
  // expected-error @+1 {{operand #0 has encoding #dtensor.layout<[0]>, which is not a #dtensor.layout of rank 0}}
  %0 = "dhlo.sqrt"(%arg0) : (tensor<f32, #dtensor.layout<[0]>>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Result layouts are checked like operand layouts.
func.func @f(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[1, 1]>> {
  // expected-error @+1 {{result #0 has encoding #dtensor.layout<[1, 1]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[1, 1]>>
  return %0 : tensor<2x3xf32, #dtensor.layout<[1, 1]>>
}

// -----

// Layout entries must be integers.
func.func @f(%arg0: tensor<2x3xf32, #dtensor.layout<["a", 0]>>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #0 has encoding #dtensor.layout<["a", 0]>, which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32, #dtensor.layout<["a", 0]>>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// An encoding that is not a layout (here a string) is rejected on a dhlo operand.
func.func @f(%arg0: tensor<2x3xf32, "row_major">) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand #0 has encoding "row_major", which is not a #dtensor.layout of rank 2}}
  %0 = "dhlo.negate"(%arg0) : (tensor<2x3xf32, "row_major">) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// An encoding of another dialect (a sparse tensor encoding) is not a layout either.
func.func @f(%arg0: tensor<8xf32, #sparse_tensor.encoding<{map = (d0) -> (d0 : compressed)}>>) -> tensor<8xf32> {
  // expected-error @+1 {{operand #0 has encoding #sparse_tensor.encoding<{ map = (d0) -> (d0 : compressed) }>, which is not a #dtensor.layout of rank 1}}
  %0 = "dhlo.negate"(%arg0) : (tensor<8xf32, #sparse_tensor.encoding<{map = (d0) -> (d0 : compressed)}>>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// The layout's one parameter is an array (IRDL).
// expected-error @+1 {{expected base attribute 'builtin.array' but got 'builtin.integer'}}
func.func @f(%arg0: tensor<2x3xf32, #dtensor.layout<1>>) -> tensor<2x3xf32, #dtensor.layout<1>> {
  return %arg0 : tensor<2x3xf32, #dtensor.layout<1>>
}

// -----

// relayout takes exactly one operand (IRDL).
func.func @f(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>> {
  // expected-error @+1 {{op expects exactly 1 operands, but got 2}}
  %0 = "dtensor.relayout"(%arg0, %arg0) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  return %0 : tensor<2x3xf32, #dtensor.layout<[0, 1]>>
}
