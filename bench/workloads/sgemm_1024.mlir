// sgemm 1024^3 in dhlo: C = A B, f32, row-major 1024 x 1024 operands (2147483648 FLOP per call).
// Benchmarked by bench/run.py against numpy (OpenBLAS), PyTorch and ONNX Runtime.
func.func @sgemm_1024(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %c = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1024x1024xf32>, tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %c : tensor<1024x1024xf32>
}
