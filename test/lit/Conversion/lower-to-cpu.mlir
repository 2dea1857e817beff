// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu)' | FileCheck %s '--implicit-check-not={{^ *(%[^ ]+ = )?"?(dhlo|dtensor|linalg|tensor|memref|bufferization|affine|scf|cf|arith|math|func|builtin)\.}}'
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu)' | FileCheck %s --check-prefix=NOTANH
// The whole CPU pipeline (NamedPipelines.c) on a small MLP layer in dhlo: dot_general,
// bias broadcast, tanh, a reduction whose reducer is erased, a bf16 round trip, and a
// strided slice (a strided copy that must not call the runtime's memrefCopy). Only the
// LLVM dialect is left; the entry point gets its C interface for the JIT. tanh is a
// polynomial of fused multiply-adds (dlc-approximate-math), no libm call (NOTANH).
// NOTANH-NOT: tanh

// CHECK-NOT: llvm.func @add
// CHECK-DAG: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG: llvm.func @free(!llvm.ptr)
// CHECK-LABEL: llvm.func @mlp(
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK: llvm.fadd
// CHECK: llvm.intr.fma
// CHECK: llvm.return
// CHECK-LABEL: llvm.func @_mlir_ciface_mlp(
// CHECK: llvm.call @mlp(
// CHECK-NOT: memrefCopy
func.func @mlp(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %b: tensor<4xf32>) -> (tensor<8xf32>, tensor<4x4xf32>) {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %1 = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<4xf32>) -> tensor<8x4xf32>
  %2 = "dhlo.add"(%0, %1) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  %3 = "dhlo.tanh"(%2) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  %4 = "dhlo.convert"(%3) : (tensor<8x4xf32>) -> tensor<8x4xbf16>
  %5 = "dhlo.convert"(%4) : (tensor<8x4xbf16>) -> tensor<8x4xf32>
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %6 = "dhlo.reduce"(%5, %z) {dimensions = array<i64: 1>, to_apply = @add} : (tensor<8x4xf32>, tensor<f32>) -> tensor<8xf32>
  %7 = "dhlo.slice"(%5) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 8, 4>, strides = array<i64: 2, 1>} : (tensor<8x4xf32>) -> tensor<4x4xf32>
  return %6, %7 : tensor<8xf32>, tensor<4x4xf32>
}
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
