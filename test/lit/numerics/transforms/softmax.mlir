// A softmax over the columns (dim 0) of a matrix, maximum-subtracted, keeps its results
// through each graph transform: layout assignment (the reduces wish dim 0 minor, the
// signature wants row-major; with propagation the argument takes the wish), fusion (exp and
// the column sum become one input fusion) and dhlo-optimize as a whole.
//
// Tolerances: dlc-run's f32 defaults, rtol 1e-5 and atol 1e-6. exp is a polynomial within
// 1 ulp of libm's (dlc-approximate-math); the column sums add 24 positive terms in f32,
// the reference in double. Worst error seen: 6e-8 absolute (the probabilities are <= 1).
// Fusion only regroups ops, so the fused program computes the same bits as the unfused one
// (compared with cmp). A layout may turn a column sum into a row sum, which the CPU lowering
// may vectorize in another order: those runs are checked against the reference only.

// RUN: dlc-run %s --no-optimize --check --input=random:-8:8 --output=%t.plain.npy | FileCheck %s
// RUN: dlc-run %s --check --input=random:-8:8 --output=%t.fused.npy \
// RUN:   --pipeline='builtin.module(dhlo-fusion,dlc-lower-to-cpu)' | FileCheck %s
// RUN: cmp %t.plain.npy %t.fused.npy
// RUN: dlc-run %s --check --input=random:-8:8 \
// RUN:   --pipeline='builtin.module(dhlo-layout-assignment{entry-layouts=propagate},dhlo-materialize-layouts,dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --check --input=random:-8:8 | FileCheck %s

// CHECK: dlc-run: output #0 matches (max abs error {{[0-9.e+-]+}})
// CHECK-NOT: mismatch

func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax_columns(%x: tensor<24x32xf32>) -> tensor<24x32xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 0>, to_apply = @max_f32} : (tensor<24x32xf32>, tensor<f32>) -> tensor<32xf32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 1>} : (tensor<32xf32>) -> tensor<24x32xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<24x32xf32>, tensor<24x32xf32>) -> tensor<24x32xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<24x32xf32>) -> tensor<24x32xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 0>, to_apply = @add_f32} : (tensor<24x32xf32>, tensor<f32>) -> tensor<32xf32>
  %sumb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 1>} : (tensor<32xf32>) -> tensor<24x32xf32>
  %probs = "dhlo.divide"(%exp, %sumb) : (tensor<24x32xf32>, tensor<24x32xf32>) -> tensor<24x32xf32>
  return %probs : tensor<24x32xf32>
}
