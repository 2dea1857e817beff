// 16 dot products of length 4096: the compiled code accumulates in f32, the reference
// evaluator in double, rounding once, so most results differ in their last bits. Also an
// i8 add (wrapping) that must match exactly.
func.func @main(%a: tensor<16x4096xf32>, %b: tensor<4096x1xf32>, %i: tensor<64xi8>)
    -> (tensor<16x1xf32>, tensor<64xi8>) {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>,
         rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,
         rhs_contracting_dimensions = array<i64: 0>}
       : (tensor<16x4096xf32>, tensor<4096x1xf32>) -> tensor<16x1xf32>
  %1 = "dhlo.add"(%i, %i) : (tensor<64xi8>, tensor<64xi8>) -> tensor<64xi8>
  return %0, %1 : tensor<16x1xf32>, tensor<64xi8>
}
