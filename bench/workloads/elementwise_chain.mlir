// An elementwise chain on 16M floats in dhlo: y = tanh(x * a + b) * c + x with scalar
// constants a = 0.5, b = 0.25, c = 2. Memory-bound once fused into one loop: the least
// traffic is x read once and y written once (128 MiB per call), set against STREAM triad.
func.func @elementwise_chain(%x: tensor<16777216xf32>) -> tensor<16777216xf32> {
  %a = "dhlo.constant"() {value = dense<5.000000e-01> : tensor<f32>} : () -> tensor<f32>
  %ab = "dhlo.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<16777216xf32>
  %b = "dhlo.constant"() {value = dense<2.500000e-01> : tensor<f32>} : () -> tensor<f32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<16777216xf32>
  %c = "dhlo.constant"() {value = dense<2.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %cb = "dhlo.broadcast_in_dim"(%c) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<16777216xf32>
  %xa = "dhlo.multiply"(%x, %ab) : (tensor<16777216xf32>, tensor<16777216xf32>) -> tensor<16777216xf32>
  %xab = "dhlo.add"(%xa, %bb) : (tensor<16777216xf32>, tensor<16777216xf32>) -> tensor<16777216xf32>
  %t = "dhlo.tanh"(%xab) : (tensor<16777216xf32>) -> tensor<16777216xf32>
  %tc = "dhlo.multiply"(%t, %cb) : (tensor<16777216xf32>, tensor<16777216xf32>) -> tensor<16777216xf32>
  %y = "dhlo.add"(%tc, %x) : (tensor<16777216xf32>, tensor<16777216xf32>) -> tensor<16777216xf32>
  return %y : tensor<16777216xf32>
}
