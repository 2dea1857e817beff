// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu)' | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{chip=sm_80 block-size=128})' | FileCheck %s --check-prefix=SM80
// The whole GPU pipeline on the input fusion of a softmax (exp of a shifted row, its row
// sum): the host code allocates device memory and launches kernels through mgpu* calls;
// the PTX for sm_90 (PTX 8.0) holds the row sum's block reduction: butterfly shuffles
// within warps and barriers around the shared-memory step between warps.
// CHECK-LABEL: llvm.func @softmax_sum(
// CHECK-SAME: llvm.emit_c_interface
// CHECK: llvm.call @mgpuStreamCreate
// CHECK: llvm.call @mgpuMemAlloc
// CHECK: gpu.launch_func <{{.*}}> @softmax_sum_kernel::@softmax_sum_kernel
// CHECK: gpu.launch_func <{{.*}}> @softmax_sum_kernel_0::@softmax_sum_kernel
// CHECK: llvm.call @mgpuStreamSynchronize
// CHECK: llvm.func @_mlir_ciface_softmax_sum(
// CHECK: gpu.binary @softmax_sum_kernel_0 [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}assembly = "{{.*}}.target sm_90{{.*}}.entry softmax_sum_kernel{{.*}}shfl.sync.bfly.b32{{.*}}bar.sync
// SM80: features = "+ptx70"
// SM80-SAME: .target sm_80
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax_sum(%x: tensor<16x100xf32>, %max: tensor<16xf32>) -> tensor<16xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 0>} : (tensor<16xf32>) -> tensor<16x100xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<16x100xf32>) -> tensor<16x100xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  return %sum : tensor<16xf32>
}
