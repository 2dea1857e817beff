// dlc-lower-to-cpu's threads option on a matmul of full register tiles: threads=1 (the
// default) makes no OpenMP at all, threads=2 one parallel region of 2 threads around its
// 2 x 2 cache tiles of 64x256, and threads=0 one with OpenMP's own thread count.
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu{threads=1})' | FileCheck %s --check-prefix=SEQ --implicit-check-not=omp.
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu)' | FileCheck %s --check-prefix=SEQ --implicit-check-not=omp.
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu{threads=2})' | FileCheck %s --check-prefix=PAR
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu{threads=0})' | FileCheck %s --check-prefix=ALL
// The tile options reach dlc-tile-and-vectorize: a 4x16 register block is 4 FMAs per k.
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu{threads=1 register-block=4x16 k-step=1 cache-tile=32x32x32})' | FileCheck %s --check-prefix=BLOCK
// A bad option value is an error of the pass it reaches.
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu{threads=-1})' 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-cpu{register-block=8})' 2>&1 | FileCheck %s --check-prefix=BADBLOCK

// SEQ-LABEL: llvm.func @matmul
// SEQ: llvm.intr.fmuladd
// PAR-LABEL: llvm.func @matmul
// PAR: %[[N:.*]] = llvm.mlir.constant(2 : i32) : i32
// PAR: omp.parallel num_threads(%[[N]] : i32)
// PAR: omp.wsloop
// PAR: llvm.intr.fmuladd
// ALL-LABEL: llvm.func @matmul
// ALL: omp.parallel {
// BLOCK-LABEL: llvm.func @matmul
// BLOCK-COUNT-4: llvm.intr.fmuladd({{.*}}) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
// BLOCK-NOT: llvm.intr.fmuladd
// BAD: error: dlc-tile-and-vectorize: cache-tile must be MxNxK, register-block MxN or host, k-step positive, threads at least 0
// BADBLOCK: error: dlc-fuse-epilogues: cache-tile must be MxNxK and register-block MxN
func.func @matmul(%a: tensor<128x32xf32>, %b: tensor<32x512xf32>) -> tensor<128x512xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<128x32xf32>, tensor<32x512xf32>) -> tensor<128x512xf32>
  return %0 : tensor<128x512xf32>
}
