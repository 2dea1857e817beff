// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-tile-and-vectorize{cache-tile=16x64x8 register-block=8x32})' | FileCheck %s

// A matmul whose loops are multiples of the 8x32x4 register block: cache tiles (16x64x8),
// then an 8x32 block whose accumulator is loaded before the k loop, carried through it in
// registers (iter_args) and stored after it; each k step is 4 x 8 FMAs on 32-wide rows.
// Loops: m cache tile, k cache tile (n's is the whole 64 and folds away), m block, n block.
// CHECK-LABEL: func.func @matmul
// CHECK: scf.for {{.*}} to %c32 step %c16
// CHECK: scf.for {{.*}} to %c16 step %c8
// CHECK: scf.for {{.*}} to %c16 step %c8
// CHECK: scf.for {{.*}} to %c64 step %c32
// CHECK-COUNT-8: vector.load %arg2
// CHECK: scf.for {{.*}} to %c8 step %c4 iter_args(%{{.*}} = %{{.*}}) -> (vector<8x32xf32>)
// CHECK-COUNT-32: vector.fma {{.*}} : vector<32xf32>
// CHECK: scf.yield {{.*}} : vector<8x32xf32>
// CHECK-COUNT-8: vector.store
// CHECK-NOT: linalg.matmul
// CHECK-NOT: dlc.schedule
func.func @matmul(%a: memref<32x16xf32>, %b: memref<16x64xf32>, %c: memref<32x64xf32>) {
  linalg.matmul ins(%a, %b : memref<32x16xf32>, memref<16x64xf32>) outs(%c : memref<32x64xf32>)
  return
}

// -----

// Sizes that are not multiples of the 8x32x4 register block get the largest blocks that
// divide them, so every tile is full: 7 rows, 13 columns, a k step of 1 (5 is prime).
// CHECK-LABEL: func.func @odd
// CHECK: scf.for {{.*}} to %c5 step %c1 iter_args(%{{.*}} = %{{.*}}) -> (vector<7x13xf32>)
// CHECK-COUNT-7: vector.fma {{.*}} : vector<13xf32>
// CHECK-NOT: linalg.matmul
func.func @odd(%a: memref<7x5xf32>, %b: memref<5x13xf32>, %c: memref<7x13xf32>) {
  linalg.matmul ins(%a, %b : memref<7x5xf32>, memref<5x13xf32>) outs(%c : memref<7x13xf32>)
  return
}

// -----

// 12 rows in blocks of 6 (not 8 with a partial block of 4): two row blocks of 6 x 32.
// CHECK-LABEL: func.func @rows
// CHECK: scf.for {{.*}} to %c12 step %c6
// CHECK: iter_args(%{{.*}} = %{{.*}}) -> (vector<6x32xf32>)
// CHECK-COUNT-24: vector.fma {{.*}} : vector<32xf32>
// CHECK-NOT: linalg.matmul
func.func @rows(%a: memref<12x8xf32>, %b: memref<8x64xf32>, %c: memref<12x64xf32>) {
  linalg.matmul ins(%a, %b : memref<12x8xf32>, memref<8x64xf32>) outs(%c : memref<12x64xf32>)
  return
}

// -----

// Row and column blocks of 1 (here 1 x 1 batches of a dot) are no register block: left to
// loops (the lowering's rewrites did not converge on one inside a larger function).
// CHECK-LABEL: func.func @unit_block
// CHECK-NEXT: linalg.batch_matmul
// CHECK-NOT: vector.
func.func @unit_block(%a: memref<3x1x2xf32>, %b: memref<3x2x1xf32>, %c: memref<3x1x1xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<3x1x2xf32>, memref<3x2x1xf32>) outs(%c : memref<3x1x1xf32>)
  return
}

// -----

// An operand reshaped by expand_shape (a batch of heads split off rows) is read through
// the equivalent reinterpret_cast: upstream's fold of expand_shape into the register
// block's transfers never converges (the pass used to hang here).
// CHECK-LABEL: func.func @expanded_lhs
// CHECK: %[[VIEW:.*]] = memref.reinterpret_cast %{{.*}} to offset: [0], sizes: [2, 64, 64], strides: [4096, 64, 1]
// CHECK: vector.fma
// CHECK-NOT: memref.expand_shape
// CHECK-NOT: linalg.batch_matmul
func.func @expanded_lhs(%x: memref<128x64xf32>, %w: memref<2x64x32xf32>, %c: memref<2x64x32xf32>) {
  %e = memref.expand_shape %x [[0, 1], [2]] output_shape [2, 64, 64] : memref<128x64xf32> into memref<2x64x64xf32>
  linalg.batch_matmul ins(%e, %w : memref<2x64x64xf32>, memref<2x64x32xf32>) outs(%c : memref<2x64x32xf32>)
  return
}
