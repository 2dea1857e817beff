// MLP block with relu in dhlo: batch 64, 1024 -> 4096 -> 1024, f32:
//   y = relu(x w1 + b1) w2 + b2
// 1.07 GFLOP per call, nearly all in the two dot_generals. Weights are arguments.
func.func @mlp_relu(%x: tensor<64x1024xf32>, %w1: tensor<1024x4096xf32>, %b1: tensor<4096xf32>,
                    %w2: tensor<4096x1024xf32>, %b2: tensor<1024xf32>) -> tensor<64x1024xf32> {
  %h_mm = "dhlo.dot_general"(%x, %w1) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x1024xf32>, tensor<1024x4096xf32>) -> tensor<64x4096xf32>
  %b1b = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 1>} : (tensor<4096xf32>) -> tensor<64x4096xf32>
  %h = "dhlo.add"(%h_mm, %b1b) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %zero = "dhlo.constant"() {value = dense<0.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %zerob = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<64x4096xf32>
  %relu = "dhlo.maximum"(%h, %zerob) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %y_mm = "dhlo.dot_general"(%relu, %w2) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x4096xf32>, tensor<4096x1024xf32>) -> tensor<64x1024xf32>
  %b2b = "dhlo.broadcast_in_dim"(%b2) {broadcast_dimensions = array<i64: 1>} : (tensor<1024xf32>) -> tensor<64x1024xf32>
  %y = "dhlo.add"(%y_mm, %b2b) : (tensor<64x1024xf32>, tensor<64x1024xf32>) -> tensor<64x1024xf32>
  return %y : tensor<64x1024xf32>
}
