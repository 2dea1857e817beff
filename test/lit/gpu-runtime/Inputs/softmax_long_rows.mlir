// Softmax over rows of 9000 f32 (fused-kernels-run.test): dhlo-fusion makes it one fusion,
// and a row of exponentials (36000 bytes) is over the 32 KiB dlc-gpu-fuse-kernels keeps in
// workgroup memory, so the kernel writes it to its global buffer and reads it back.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax_long_rows(%x: tensor<3x9000xf32>) -> tensor<3x9000xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<3x9000xf32>, tensor<f32>) -> tensor<3xf32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x9000xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<3x9000xf32>, tensor<3x9000xf32>) -> tensor<3x9000xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<3x9000xf32>) -> tensor<3x9000xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<3x9000xf32>, tensor<f32>) -> tensor<3xf32>
  %sumb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 0>} : (tensor<3xf32>) -> tensor<3x9000xf32>
  %probs = "dhlo.divide"(%exp, %sumb) : (tensor<3x9000xf32>, tensor<3x9000xf32>) -> tensor<3x9000xf32>
  return %probs : tensor<3x9000xf32>
}
