// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-lower-to-gpu)' | FileCheck %s
// Integer math in kernels: dhlo.power on integers is math.ipowi, which convert-math-to-funcs
// outlines into a loop before kernel outlining (gpu-kernel-outlining copies the function
// into the kernel's module); dhlo.abs on i8/i16 is math.absi, which convert-gpu-to-nvvm
// leaves (it maps i32/i64 to libdevice's __nv_abs/__nv_llabs) and convert-math-to-llvm
// makes llvm.intr.abs. Neither reached PTX before: compiling the GPU numerics suite
// (test/lit/gpu-runtime/numerics) found them.

// CHECK-LABEL: llvm.func @integer_power(
// CHECK: gpu.binary @integer_power_kernel {{.*}}assembly = "{{.*}}.func {{.*}}__mlir_math_ipowi_i32
func.func @integer_power(%x: tensor<64xi32>, %n: tensor<64xi32>) -> tensor<64xi32> {
  %0 = "dhlo.power"(%x, %n) : (tensor<64xi32>, tensor<64xi32>) -> tensor<64xi32>
  return %0 : tensor<64xi32>
}

// -----

// CHECK-LABEL: llvm.func @integer_abs(
// CHECK: gpu.binary @integer_abs_kernel {{.*}}assembly = "{{.*}}.entry integer_abs_kernel{{.*}}abs.s16
func.func @integer_abs(%x: tensor<64xi8>) -> tensor<64xi8> {
  %0 = "dhlo.abs"(%x) : (tensor<64xi8>) -> tensor<64xi8>
  return %0 : tensor<64xi8>
}
