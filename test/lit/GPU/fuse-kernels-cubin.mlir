// REQUIRES: ptxas
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{format=cubin})' | FileCheck %s
// With the CUDA toolkit, ptxas accepts for sm_90 the kernel of a whole softmax fusion (two
// block reductions, a row in workgroup memory): one gpu.binary holding an ELF cubin.
// CHECK: gpu.binary @fused_softmax_kernel [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}bin = "\7FELF
// CHECK-NOT: gpu.binary
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @softmax_body(%x: tensor<16x100xf32>) -> tensor<16x100xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 0>} : (tensor<16xf32>) -> tensor<16x100xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<16x100xf32>) -> tensor<16x100xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  %sumb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 0>} : (tensor<16xf32>) -> tensor<16x100xf32>
  %probs = "dhlo.divide"(%exp, %sumb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  return %probs : tensor<16x100xf32>
}
func.func @fused_softmax(%x: tensor<16x100xf32>) -> tensor<16x100xf32> {
  %0 = "dhlo.fusion"(%x) {calls = @softmax_body, kind = "input", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<16x100xf32>) -> tensor<16x100xf32>
  return %0 : tensor<16x100xf32>
}
