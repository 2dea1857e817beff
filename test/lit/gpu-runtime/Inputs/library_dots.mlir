// Products that dot-backend=library makes cuBLASLt calls of with no kernel left, for the
// fake device (fake-device-library.test): each public function is run alone (--entry)
// and checked against the reference evaluator.

// Batched (2), relu after: a call with epilogue RELU and batch strides.
func.func @bmm_relu(%a: tensor<2x8x16xf32>, %b: tensor<2x16x32xf32>) -> tensor<2x8x32xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<2x8x16xf32>, tensor<2x16x32xf32>) -> tensor<2x8x32xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %z = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<2x8x32xf32>
  %1 = "dhlo.maximum"(%0, %z) : (tensor<2x8x32xf32>, tensor<2x8x32xf32>) -> tensor<2x8x32xf32>
  return %1 : tensor<2x8x32xf32>
}

// Bias and relu after: epilogue RELU_BIAS.
func.func @mm_bias_relu(%a: tensor<8x16xf32>, %b: tensor<16x24xf32>, %bias: tensor<24xf32>) -> tensor<8x24xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x16xf32>, tensor<16x24xf32>) -> tensor<8x24xf32>
  %bb = "dhlo.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 1>} : (tensor<24xf32>) -> tensor<8x24xf32>
  %1 = "dhlo.add"(%0, %bb) : (tensor<8x24xf32>, tensor<8x24xf32>) -> tensor<8x24xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %z = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x24xf32>
  %2 = "dhlo.maximum"(%1, %z) : (tensor<8x24xf32>, tensor<8x24xf32>) -> tensor<8x24xf32>
  return %2 : tensor<8x24xf32>
}

// Bias and a residual of the result's shape with a leading unit dim (as a transformer
// block's projections): epilogue BIAS with the residual as C (accumulate).
func.func @mm_bias_residual(%a: tensor<8x16xf32>, %b: tensor<16x24xf32>, %bias: tensor<24xf32>, %r: tensor<1x8x24xf32>) -> tensor<1x8x24xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x16xf32>, tensor<16x24xf32>) -> tensor<8x24xf32>
  %bb = "dhlo.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 1>} : (tensor<24xf32>) -> tensor<8x24xf32>
  %1 = "dhlo.add"(%0, %bb) : (tensor<8x24xf32>, tensor<8x24xf32>) -> tensor<8x24xf32>
  %2 = "dhlo.reshape"(%1) : (tensor<8x24xf32>) -> tensor<1x8x24xf32>
  %3 = "dhlo.add"(%r, %2) : (tensor<1x8x24xf32>, tensor<1x8x24xf32>) -> tensor<1x8x24xf32>
  return %3 : tensor<1x8x24xf32>
}

// A plain product of odd sizes: epilogue DEFAULT.
func.func @mm(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// f16, which the fake cuBLASLt does not support: its status reaches the runtime's error.
func.func @mm_f16(%a: tensor<8x16xf16>, %b: tensor<16x8xf16>) -> tensor<8x8xf16> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x16xf16>, tensor<16x8xf16>) -> tensor<8x8xf16>
  return %0 : tensor<8x8xf16>
}
