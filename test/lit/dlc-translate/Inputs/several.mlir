// An entry with four results of three ranks and two element types: one computed (a
// transpose), one that is an argument, one a constant and one a 0-d argument. Buffer
// deallocation hands each back in a buffer of its own, which the caller frees.
func.func @several(%a: tensor<2x3xf32>, %s: tensor<i32>) -> (tensor<3x2xf32>, tensor<2x3xf32>, tensor<4xi32>, tensor<i32>) {
  %t = "dhlo.transpose"(%a) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %c = "dhlo.constant"() {value = dense<[1, 2, 3, 4]> : tensor<4xi32>} : () -> tensor<4xi32>
  return %t, %a, %c, %s : tensor<3x2xf32>, tensor<2x3xf32>, tensor<4xi32>, tensor<i32>
}
