// RUN: rm -rf %t && mkdir -p %t/bin
// RUN: printf '#!/bin/sh\n' > %t/bin/ptxas && chmod +x %t/bin/ptxas
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{format=ptx},dlc-gpu-module-to-binary{format=cubin toolkit=%t})' 2>&1 | FileCheck %s
// A folder with bin/ptxas but no nvvm/libdevice is no toolkit: upstream's serializer links
// libdevice, so cubin would fail later with a message that names neither ptxas nor dlc's
// options. The pass says what it looked for instead.
// CHECK: toolkit-search.mlir:{{.*}}: error: CUDA toolkit not found (bin/ptxas with nvvm/libdevice): install it, name it with toolkit=, or use format=ptx
func.func @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
