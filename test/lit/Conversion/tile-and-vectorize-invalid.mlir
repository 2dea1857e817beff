// Malformed options of dlc-tile-and-vectorize and dlc-approximate-math are errors.
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-tile-and-vectorize{register-block=8})' 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-tile-and-vectorize{cache-tile=64x0x256})' 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-tile-and-vectorize{k-step=four})' 2>&1 | FileCheck %s --check-prefix=KSTEP
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-approximate-math{fast=true})' 2>&1 | FileCheck %s --check-prefix=NOOPT
// BLOCK: error: dlc-tile-and-vectorize: cache-tile must be MxNxK, register-block MxN
// KSTEP: invalid int value 'four' for option 'k-step'
// NOOPT: pass 'dlc-approximate-math' has no option 'fast'
func.func @f() {
  return
}
