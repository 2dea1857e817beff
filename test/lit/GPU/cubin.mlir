// REQUIRES: ptxas
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{format=cubin})' | FileCheck %s
// With the CUDA toolkit, ptxas accepts the PTX of a block reduction and an elementwise
// kernel for sm_90: each gpu.binary holds an ELF cubin.
// CHECK-COUNT-2: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}bin = "\7FELF
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @row_max(%x: tensor<16x100xf32>) -> tensor<16xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}
