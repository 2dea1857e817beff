// dlc-translate --mlir-to-llvmir: a module in the LLVM dialect (lowered by dlc-opt, or by
// --lower here) becomes LLVM IR text: the entry function and its C interface wrapper.

// Plain translation, as mlir-translate makes it: no target, the loop as lowered.
// RUN: dlc-opt --dlc-lower-to-cpu %s | dlc-translate --mlir-to-llvmir | FileCheck %s
// RUN: dlc-translate --lower %s --mlir-to-llvmir | FileCheck %s
// RUN: dlc-translate --lower-pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu)' %s --mlir-to-llvmir | FileCheck %s
// CHECK-NOT: target triple
// CHECK: declare ptr @malloc(i64)
// CHECK-LABEL: define { ptr, ptr, i64, [1 x i64], [1 x i64] } @mul(
// CHECK: fmul {{(<[0-9]+ x )?}}float
// CHECK-LABEL: define void @_mlir_ciface_mul(ptr %0, ptr %1, ptr %2)
// CHECK: call { ptr, ptr, i64, [1 x i64], [1 x i64] } @mul(

// A target or -O<n> gives the module its triple and data layout, and -O2 runs LLVM's
// default<O2> pipeline for that machine: the loop is vectorized (if the lowering had not
// vectorized it already).
// RUN: dlc-translate --lower %s --mlir-to-llvmir -O2 --triple=x86_64-unknown-linux-gnu --cpu=skylake-avx512 | FileCheck %s --check-prefix=X86
// X86: target datalayout = "e-m:e
// X86: target triple = "x86_64-unknown-linux-gnu"
// X86-LABEL: define {{.*}} @mul(
// X86: fmul <{{[0-9]+}} x float>
// X86-LABEL: define void @_mlir_ciface_mul(
// RUN: dlc-translate --lower %s --mlir-to-llvmir -O2 --triple=aarch64-unknown-linux-gnu | FileCheck %s --check-prefix=ARM
// ARM: target triple = "aarch64-unknown-linux-gnu"
// ARM: fmul <{{[0-9]+}} x float>

// -O0 with a target: the triple, and the IR as translated (LLVM adds attributes when it
// optimizes).
// RUN: dlc-translate --lower %s --mlir-to-llvmir -O0 --triple=x86_64-unknown-linux-gnu | FileCheck %s --check-prefix=O0
// O0: target triple = "x86_64-unknown-linux-gnu"
// O0-NOT: local_unnamed_addr
// O0: define { ptr, ptr, i64, [1 x i64], [1 x i64] } @mul(ptr %0,

func.func @mul(%a: tensor<64xf32>, %b: tensor<64xf32>) -> tensor<64xf32> {
  %0 = "dhlo.multiply"(%a, %b) : (tensor<64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}
