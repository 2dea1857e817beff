// Malformed options of dlc-pack-matmul-rhs are located errors.
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-pack-matmul-rhs{register-block=8})' 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-pack-matmul-rhs{min-size=0})' 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-pack-matmul-rhs{min-size=big})' 2>&1 | FileCheck %s --check-prefix=SIZE
// BLOCK: pack-matmul-rhs-invalid.mlir:{{.*}}: error: dlc-pack-matmul-rhs: register-block must be MxN or host, min-size positive
// SIZE: invalid int value 'big' for option 'min-size'
func.func @f() {
  return
}
