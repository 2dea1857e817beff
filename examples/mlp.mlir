// A two-layer perceptron in dhlo: batch 8, 64 -> 128 -> 32, f32. Each layer is a
// dot_general, a bias add and gelu with the tanh approximation,
//   gelu(h) = 0.5 h (1 + tanh(sqrt(2/pi) (h + 0.044715 h^3))).
// Weights and biases are arguments. Compiled ahead of time in
// test/lit/dlc-translate/aot-mlp.test (see docs/dlc-translate.md):
//   dlc-translate examples/mlp.mlir --lower --mlir-to-obj -o mlp.o
//   dlc-translate examples/mlp.mlir --emit-c-header -o mlp.h

func.func @mlp(%x: tensor<8x64xf32>, %w1: tensor<64x128xf32>, %b1: tensor<128xf32>,
               %w2: tensor<128x32xf32>, %b2: tensor<32xf32>) -> tensor<8x32xf32> {
  // Layer 1: x times w1, plus b1, then gelu.
  %h_mm = "dhlo.dot_general"(%x, %w1) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x64xf32>, tensor<64x128xf32>) -> tensor<8x128xf32>
  %h_bias = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 1>} : (tensor<128xf32>) -> tensor<8x128xf32>
  %h = "dhlo.add"(%h_mm, %h_bias) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_sq = "dhlo.multiply"(%h, %h) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_cube = "dhlo.multiply"(%h_sq, %h) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_c = "dhlo.constant"() {value = dense<4.471500e-02> : tensor<f32>} : () -> tensor<f32>
  %h_cb = "dhlo.broadcast_in_dim"(%h_c) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x128xf32>
  %h_cubic = "dhlo.multiply"(%h_cb, %h_cube) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_inner = "dhlo.add"(%h, %h_cubic) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_k = "dhlo.constant"() {value = dense<0.797884583> : tensor<f32>} : () -> tensor<f32>
  %h_kb = "dhlo.broadcast_in_dim"(%h_k) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x128xf32>
  %h_arg = "dhlo.multiply"(%h_kb, %h_inner) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_tanh = "dhlo.tanh"(%h_arg) : (tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_one = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %h_oneb = "dhlo.broadcast_in_dim"(%h_one) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x128xf32>
  %h_onept = "dhlo.add"(%h_oneb, %h_tanh) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_half = "dhlo.constant"() {value = dense<5.000000e-01> : tensor<f32>} : () -> tensor<f32>
  %h_halfb = "dhlo.broadcast_in_dim"(%h_half) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x128xf32>
  %h_halfx = "dhlo.multiply"(%h_halfb, %h) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>
  %h_gelu = "dhlo.multiply"(%h_halfx, %h_onept) : (tensor<8x128xf32>, tensor<8x128xf32>) -> tensor<8x128xf32>

  // Layer 2: the same on the hidden activations with w2 and b2.
  %y_mm = "dhlo.dot_general"(%h_gelu, %w2) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x128xf32>, tensor<128x32xf32>) -> tensor<8x32xf32>
  %y_bias = "dhlo.broadcast_in_dim"(%b2) {broadcast_dimensions = array<i64: 1>} : (tensor<32xf32>) -> tensor<8x32xf32>
  %y = "dhlo.add"(%y_mm, %y_bias) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_sq = "dhlo.multiply"(%y, %y) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_cube = "dhlo.multiply"(%y_sq, %y) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_c = "dhlo.constant"() {value = dense<4.471500e-02> : tensor<f32>} : () -> tensor<f32>
  %y_cb = "dhlo.broadcast_in_dim"(%y_c) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x32xf32>
  %y_cubic = "dhlo.multiply"(%y_cb, %y_cube) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_inner = "dhlo.add"(%y, %y_cubic) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_k = "dhlo.constant"() {value = dense<0.797884583> : tensor<f32>} : () -> tensor<f32>
  %y_kb = "dhlo.broadcast_in_dim"(%y_k) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x32xf32>
  %y_arg = "dhlo.multiply"(%y_kb, %y_inner) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_tanh = "dhlo.tanh"(%y_arg) : (tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_one = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %y_oneb = "dhlo.broadcast_in_dim"(%y_one) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x32xf32>
  %y_onept = "dhlo.add"(%y_oneb, %y_tanh) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_half = "dhlo.constant"() {value = dense<5.000000e-01> : tensor<f32>} : () -> tensor<f32>
  %y_halfb = "dhlo.broadcast_in_dim"(%y_half) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x32xf32>
  %y_halfx = "dhlo.multiply"(%y_halfb, %y) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %y_gelu = "dhlo.multiply"(%y_halfx, %y_onept) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  return %y_gelu : tensor<8x32xf32>
}
