// dlc-translate --mlir-to-obj: a relocatable object holding the entry and its C interface
// wrapper, which needs nothing but libc (malloc, free, memset/memcpy) and libm from the
// outside: no symbol of MLIR's runtime libraries.

// RUN: rm -rf %t && mkdir %t
// RUN: dlc-opt --dlc-lower-to-cpu %s | dlc-translate --mlir-to-obj -o %t/host.o
// RUN: llvm-nm %t/host.o | FileCheck %s
// CHECK-DAG: T _mlir_ciface_gelu_ish
// CHECK-DAG: T gelu_ish
// CHECK-DAG: U malloc
// RUN: llvm-nm --undefined-only --format=just-symbols %t/host.o | FileCheck %s --check-prefix=UNDEF
// UNDEF-NOT: {{mlir|memref|LLVM|^_}}

// --lower does the lowering itself; the object is the same kind of file.
// RUN: dlc-translate --lower %s --mlir-to-obj -o %t/lowered.o
// RUN: llvm-nm %t/lowered.o | FileCheck %s
// RUN: llvm-readobj --file-headers %t/lowered.o | FileCheck %s --check-prefix=REL
// REL: Type: Relocatable

// Other targets, by triple (every target LLVM was built with), at every -O level.
// RUN: dlc-translate --lower %s --mlir-to-obj --triple=aarch64-unknown-linux-gnu -o %t/arm.o
// RUN: llvm-readobj --file-headers %t/arm.o | FileCheck %s --check-prefix=ARM
// ARM: Machine: EM_AARCH64
// RUN: llvm-nm %t/arm.o | FileCheck %s
// RUN: dlc-translate --lower %s --mlir-to-obj --triple=x86_64-unknown-linux-gnu --cpu=x86-64-v3 --features=+avx2,+fma -O3 -o %t/x86.o
// RUN: llvm-readobj --file-headers %t/x86.o | FileCheck %s --check-prefix=X86
// X86: Machine: EM_X86_64
// RUN: dlc-translate --lower %s --mlir-to-obj -O0 -o %t/o0.o
// RUN: llvm-nm %t/o0.o | FileCheck %s

func.func @gelu_ish(%x: tensor<16xf32>) -> tensor<16xf32> {
  %t = "dhlo.tanh"(%x) : (tensor<16xf32>) -> tensor<16xf32>
  %0 = "dhlo.multiply"(%x, %t) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %0 : tensor<16xf32>
}
