// MLP block with gelu in dhlo: batch 64, 1024 -> 4096 -> 1024, f32:
//   y = gelu(x w1 + b1) w2 + b2,  gelu(h) = 0.5 h (1 + tanh(sqrt(2/pi) (h + 0.044715 h^3)))
// (the tanh approximation, as examples/transformer_block.mlir). Weights are arguments.
func.func @mlp_gelu(%x: tensor<64x1024xf32>, %w1: tensor<1024x4096xf32>, %b1: tensor<4096xf32>,
                    %w2: tensor<4096x1024xf32>, %b2: tensor<1024xf32>) -> tensor<64x1024xf32> {
  %h_mm = "dhlo.dot_general"(%x, %w1) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x1024xf32>, tensor<1024x4096xf32>) -> tensor<64x4096xf32>
  %b1b = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 1>} : (tensor<4096xf32>) -> tensor<64x4096xf32>
  %h = "dhlo.add"(%h_mm, %b1b) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %h2 = "dhlo.multiply"(%h, %h) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %h3 = "dhlo.multiply"(%h2, %h) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %c_cube = "dhlo.constant"() {value = dense<4.471500e-02> : tensor<f32>} : () -> tensor<f32>
  %c_cubeb = "dhlo.broadcast_in_dim"(%c_cube) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<64x4096xf32>
  %cubic = "dhlo.multiply"(%c_cubeb, %h3) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %inner = "dhlo.add"(%h, %cubic) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %c_k = "dhlo.constant"() {value = dense<0.797884583> : tensor<f32>} : () -> tensor<f32>
  %c_kb = "dhlo.broadcast_in_dim"(%c_k) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<64x4096xf32>
  %arg = "dhlo.multiply"(%c_kb, %inner) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %th = "dhlo.tanh"(%arg) : (tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %one = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %oneb = "dhlo.broadcast_in_dim"(%one) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<64x4096xf32>
  %onept = "dhlo.add"(%oneb, %th) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %half = "dhlo.constant"() {value = dense<5.000000e-01> : tensor<f32>} : () -> tensor<f32>
  %halfb = "dhlo.broadcast_in_dim"(%half) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<64x4096xf32>
  %halfh = "dhlo.multiply"(%halfb, %h) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %gelu = "dhlo.multiply"(%halfh, %onept) : (tensor<64x4096xf32>, tensor<64x4096xf32>) -> tensor<64x4096xf32>
  %y_mm = "dhlo.dot_general"(%gelu, %w2) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x4096xf32>, tensor<4096x1024xf32>) -> tensor<64x1024xf32>
  %b2b = "dhlo.broadcast_in_dim"(%b2) {broadcast_dimensions = array<i64: 1>} : (tensor<1024xf32>) -> tensor<64x1024xf32>
  %y = "dhlo.add"(%y_mm, %b2b) : (tensor<64x1024xf32>, tensor<64x1024xf32>) -> tensor<64x1024xf32>
  return %y : tensor<64x1024xf32>
}
