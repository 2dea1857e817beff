// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-tile-and-vectorize{cache-tile=16x32x8 register-block=8x32 threads=2})' | FileCheck %s
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-tile-and-vectorize{cache-tile=16x32x8 register-block=8x32 threads=1})' | FileCheck %s --check-prefix=SEQ

// threads != 1: the m x n cache tiles of a matmul are one scf.forall (here 2 x 2 tiles of
// 16x32); inside it the k cache tile is a loop (k accumulates), then the m register blocks
// (the n block is the whole tile).
// CHECK-LABEL: func.func @matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (2, 2)
// CHECK: scf.for {{.*}} to %c16 step %c8
// CHECK: scf.for {{.*}} to %c16 step %c8
// CHECK: scf.for {{.*}} to %c8 step %c4 iter_args(%{{.*}} = %{{.*}}) -> (vector<8x32xf32>)
// CHECK-COUNT-32: vector.fma {{.*}} : vector<32xf32>
// CHECK-NOT: linalg.matmul
// threads=1: the same tiles as loops, no forall.
// SEQ-LABEL: func.func @matmul
// SEQ-NOT: scf.forall
// SEQ: vector.fma
func.func @matmul(%a: memref<32x16xf32>, %b: memref<16x64xf32>, %c: memref<32x64xf32>) {
  linalg.matmul ins(%a, %b : memref<32x16xf32>, memref<16x64xf32>) outs(%c : memref<32x64xf32>)
  return
}

// -----

// batch_matmul: batches and m tiles are the forall's dims (n is one tile).
// CHECK-LABEL: func.func @batch_matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (3, 2)
// CHECK: vector.fma
// CHECK-NOT: linalg.batch_matmul
func.func @batch_matmul(%a: memref<3x32x8xf32>, %b: memref<3x8x32xf32>, %c: memref<3x32x32xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<3x32x8xf32>, memref<3x8x32xf32>) outs(%c : memref<3x32x32xf32>)
  return
}
