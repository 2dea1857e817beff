// Malformed options of dlc-vectorize-memory-bound are located errors, not crashes.
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-vectorize-memory-bound{vector-width=0})' 2>&1 | FileCheck %s
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-vectorize-memory-bound{chunk=8})' 2>&1 | FileCheck %s
// CHECK: error: dlc-vectorize-memory-bound: vector-width must be positive and chunk at least vector-width
func.func @f(%x: memref<16xf32>) {
  return
}
