// sgemm 2048^3 in dhlo: C = A B, f32, row-major 2048 x 2048 operands (17179869184 FLOP per call).
// Benchmarked by bench/run.py against numpy (OpenBLAS), PyTorch and ONNX Runtime.
func.func @sgemm_2048(%a: tensor<2048x2048xf32>, %b: tensor<2048x2048xf32>) -> tensor<2048x2048xf32> {
  %c = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2048x2048xf32>, tensor<2048x2048xf32>) -> tensor<2048x2048xf32>
  return %c : tensor<2048x2048xf32>
}
