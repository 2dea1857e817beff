// A projection into attention heads, as the transformer block makes its queries:
// x w + bias, reshaped to [1, 32, 2, 32] and transposed to [1, 2, 32, 32] (heads-run.test).
// With dot-backend=library, dhlo-optimize's layouts make the product a contraction
// [s, k] x [k, h, d] -> [s, h, d] that cuBLASLt does not take and whose row loop s is not
// the loop right before the column loop d; dlc-gpu-tile-matmul tiles it with the head loop
// h as a batch loop of blocks (f32: the scalar kernel; bf16: mma.sync).
func.func @heads_f32(%x: tensor<1x32x48xf32>, %w: tensor<48x64xf32>, %bias: tensor<64xf32>) -> tensor<1x2x32x32xf32> {
  %mm = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x32x48xf32>, tensor<48x64xf32>) -> tensor<1x32x64xf32>
  %bb = "dhlo.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 2>} : (tensor<64xf32>) -> tensor<1x32x64xf32>
  %biased = "dhlo.add"(%mm, %bb) : (tensor<1x32x64xf32>, tensor<1x32x64xf32>) -> tensor<1x32x64xf32>
  %split = "dhlo.reshape"(%biased) : (tensor<1x32x64xf32>) -> tensor<1x32x2x32xf32>
  %heads = "dhlo.transpose"(%split) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x32x2x32xf32>) -> tensor<1x2x32x32xf32>
  return %heads : tensor<1x2x32x32xf32>
}
func.func @heads_bf16(%x: tensor<1x32x48xbf16>, %w: tensor<48x64xbf16>, %bias: tensor<64xf32>) -> tensor<1x2x32x32xf32> {
  %mm = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x32x48xbf16>, tensor<48x64xbf16>) -> tensor<1x32x64xf32>
  %bb = "dhlo.broadcast_in_dim"(%bias) {broadcast_dimensions = array<i64: 2>} : (tensor<64xf32>) -> tensor<1x32x64xf32>
  %biased = "dhlo.add"(%mm, %bb) : (tensor<1x32x64xf32>, tensor<1x32x64xf32>) -> tensor<1x32x64xf32>
  %split = "dhlo.reshape"(%biased) : (tensor<1x32x64xf32>) -> tensor<1x32x2x32xf32>
  %heads = "dhlo.transpose"(%split) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x32x2x32xf32>) -> tensor<1x2x32x32xf32>
  return %heads : tensor<1x2x32x32xf32>
}
