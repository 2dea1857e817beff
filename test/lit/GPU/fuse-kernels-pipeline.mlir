// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dhlo-optimize,dlc-lower-to-gpu)' | FileCheck %s
// The whole GPU pipeline after dhlo-optimize: every dhlo.fusion is one kernel. Softmax
// (with a sum of its rows) and layer norm are one input fusion each (dhlo-fusion fuses
// through row broadcasts), so one kernel where each of their linalg ops had one before
// (8 for softmax: two fills, two sums, a maximum, ...; 6 for layer norm). A kernel with
// row reductions combines its block with butterfly shuffles within warps and barriers
// around the shared-memory step between warps; a row the kernel alone reads (softmax's
// exponentials) stays in shared memory.

// CHECK-LABEL: llvm.func @softmax(
// CHECK-COUNT-1: gpu.launch_func
// CHECK-NOT: gpu.launch_func
// CHECK: llvm.func @_mlir_ciface_softmax(
// CHECK: gpu.binary @softmax_kernel{{.*}}.entry softmax_kernel{{.*}}.shared .align 4 .b8 __wg_softmax_kernel_0[400];{{.*}}shfl.sync.bfly.b32{{.*}}bar.sync{{.*}}shfl.sync.bfly.b32{{.*}}bar.sync{{.*}}shfl.sync.bfly.b32{{.*}}bar.sync
// CHECK-NOT: gpu.binary
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax(%x: tensor<16x100xf32>) -> (tensor<16x100xf32>, tensor<16xf32>) {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %max = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  %maxb = "dhlo.broadcast_in_dim"(%max) {broadcast_dimensions = array<i64: 0>} : (tensor<16xf32>) -> tensor<16x100xf32>
  %shifted = "dhlo.subtract"(%x, %maxb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  %exp = "dhlo.exponential"(%shifted) : (tensor<16x100xf32>) -> tensor<16x100xf32>
  %sum = "dhlo.reduce"(%exp, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  %sumb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 0>} : (tensor<16xf32>) -> tensor<16x100xf32>
  %probs = "dhlo.divide"(%exp, %sumb) : (tensor<16x100xf32>, tensor<16x100xf32>) -> tensor<16x100xf32>
  %total = "dhlo.reduce"(%probs, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<16x100xf32>, tensor<f32>) -> tensor<16xf32>
  return %probs, %total : tensor<16x100xf32>, tensor<16xf32>
}

// -----
// Layer norm: the sum and the mean, the variance's sum and the normalization, one kernel.
// CHECK-LABEL: llvm.func @layer_norm(
// CHECK-COUNT-1: gpu.launch_func
// CHECK-NOT: gpu.launch_func
// CHECK: llvm.func @_mlir_ciface_layer_norm(
// CHECK: gpu.binary @layer_norm_kernel
// CHECK-NOT: gpu.binary
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @layer_norm(%x: tensor<32x256xf32>, %gamma: tensor<256xf32>, %beta: tensor<256xf32>) -> tensor<32x256xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %sum = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<32x256xf32>, tensor<f32>) -> tensor<32xf32>
  %n = "dhlo.constant"() {value = dense<256.0> : tensor<f32>} : () -> tensor<f32>
  %nb = "dhlo.broadcast_in_dim"(%n) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<32xf32>
  %mean = "dhlo.divide"(%sum, %nb) : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  %meanb = "dhlo.broadcast_in_dim"(%mean) {broadcast_dimensions = array<i64: 0>} : (tensor<32xf32>) -> tensor<32x256xf32>
  %xc = "dhlo.subtract"(%x, %meanb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %sq = "dhlo.multiply"(%xc, %xc) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %sqsum = "dhlo.reduce"(%sq, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<32x256xf32>, tensor<f32>) -> tensor<32xf32>
  %var = "dhlo.divide"(%sqsum, %nb) : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  %eps = "dhlo.constant"() {value = dense<1.0e-5> : tensor<f32>} : () -> tensor<f32>
  %epsb = "dhlo.broadcast_in_dim"(%eps) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<32xf32>
  %vareps = "dhlo.add"(%var, %epsb) : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  %rstd = "dhlo.rsqrt"(%vareps) : (tensor<32xf32>) -> tensor<32xf32>
  %rstdb = "dhlo.broadcast_in_dim"(%rstd) {broadcast_dimensions = array<i64: 0>} : (tensor<32xf32>) -> tensor<32x256xf32>
  %norm = "dhlo.multiply"(%xc, %rstdb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %gb = "dhlo.broadcast_in_dim"(%gamma) {broadcast_dimensions = array<i64: 1>} : (tensor<256xf32>) -> tensor<32x256xf32>
  %scaled = "dhlo.multiply"(%norm, %gb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  %bb = "dhlo.broadcast_in_dim"(%beta) {broadcast_dimensions = array<i64: 1>} : (tensor<256xf32>) -> tensor<32x256xf32>
  %out = "dhlo.add"(%scaled, %bb) : (tensor<32x256xf32>, tensor<32x256xf32>) -> tensor<32x256xf32>
  return %out : tensor<32x256xf32>
}

// -----
// A whole softmax in one fusion (as dhlo-fusion makes it, written out here) is one kernel: the maximum and the sum are block reductions, exp's row stays
// in shared memory.
// CHECK-LABEL: llvm.func @fused_softmax(
// CHECK: gpu.launch_func
// CHECK-NOT: gpu.launch_func
// CHECK: llvm.func @_mlir_ciface_fused_softmax(
// CHECK: gpu.binary @fused_softmax_kernel {{.*}}.entry fused_softmax_kernel{{.*}}.shared .align 4 .b8 __wg_fused_softmax_kernel_0[400];{{.*}}shfl.sync.bfly.b32{{.*}}bar.sync{{.*}}shfl.sync.bfly.b32{{.*}}bar.sync
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
