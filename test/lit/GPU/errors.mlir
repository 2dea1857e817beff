// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{chip=sm_999})' 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{format=elf})' 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{opt-level=7})' 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{block-size=2048})' 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{warps=4})' 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not dlc-opt %s --dlc-gpu-module-to-binary='format=cubin toolkit=%t.nonexistent' 2>&1 | FileCheck %s --check-prefix=PTXAS
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{dot-backend=cublas})' 2>&1 | FileCheck %s --check-prefix=DOT
// Bad GPU options are located errors with a non-zero exit, before LLVM sees them (LLVM
// aborts on an unknown chip); cubin without ptxas says what to do.
// CHIP: errors.mlir:{{.*}}: error: unknown GPU chip 'sm_999': expected sm_50
// FORMAT: error: unknown GPU format 'elf': expected ptx, cubin, fatbin or emulator
// OPT: error: opt-level must be 0 to 3, not 7
// BLOCK: error: dlc-gpu-fuse-kernels: block-size must be between 1 and 1024
// OPTION: pipeline 'dlc-lower-to-gpu' has no option 'warps'
// PTXAS: error: CUDA toolkit not found (bin/ptxas with nvvm/libdevice): install it, name it with toolkit=, or use format=ptx
// DOT: errors.mlir:{{.*}}: error: dlc-gpu-fuse-elementwise: unknown dot-backend 'cublas': expected codegen or library
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
