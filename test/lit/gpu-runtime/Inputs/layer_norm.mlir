// Layer norm over rows of 256 (fused-kernels-run.test).
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @layer_norm(%x: tensor<32x256xf32>, %gamma: tensor<256xf32>, %beta: tensor<256xf32>) -> tensor<32x256xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %sum = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<32x256xf32>, tensor<f32>) -> tensor<32xf32>
  %n = "dhlo.constant"() {value = dense<256.0> : tensor<f32>} : () -> tensor<f32>
  %nb = "dhlo.broadcast_in_dim"(%n) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<32xf32>
  %mean = "dhlo.divide"(%sum, %nb) : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  %meanb = "dhlo.broadcast_in_dim"(%mean) {broadcast_dimensions = array<i64: 0>} : (tensor<32xf32>) -> tensor<32x256xf32>
  %xc = "dhlo.subtract"(%x, %meanb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %sq = "dhlo.multiply"(%xc, %xc) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %sqsum = "dhlo.reduce"(%sq, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<32x256xf32>, tensor<f32>) -> tensor<32xf32>
  %var = "dhlo.divide"(%sqsum, %nb) : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  %eps = "dhlo.constant"() {value = dense<1.0e-5> : tensor<f32>} : () -> tensor<f32>
  %epsb = "dhlo.broadcast_in_dim"(%eps) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<32xf32>
  %vareps = "dhlo.add"(%var, %epsb) : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  %rstd = "dhlo.rsqrt"(%vareps) : (tensor<32xf32>) -> tensor<32xf32>
  %rstdb = "dhlo.broadcast_in_dim"(%rstd) {broadcast_dimensions = array<i64: 0>} : (tensor<32xf32>) -> tensor<32x256xf32>
  %norm = "dhlo.multiply"(%xc, %rstdb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %gb = "dhlo.broadcast_in_dim"(%gamma) {broadcast_dimensions = array<i64: 1>} : (tensor<256xf32>) -> tensor<32x256xf32>
  %scaled = "dhlo.multiply"(%norm, %gb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %bb = "dhlo.broadcast_in_dim"(%beta) {broadcast_dimensions = array<i64: 1>} : (tensor<256xf32>) -> tensor<32x256xf32>
  %out = "dhlo.add"(%scaled, %bb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  return %out : tensor<32x256xf32>
}
