// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-vectorize-convolutions{block=8})' 2>&1 | FileCheck %s
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-vectorize-convolutions{c-step=0})' 2>&1 | FileCheck %s
// CHECK: error: dlc-vectorize-convolutions: block must be MxN or host and c-step positive
func.func @empty() {
  return
}
