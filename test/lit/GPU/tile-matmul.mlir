// RUN: dlc-opt %s --split-input-file --dlc-gpu-tile-matmul | FileCheck %s
// dlc-gpu-tile-matmul: a 40x24 * 24x50 matmul becomes 3x4 blocks of 16x16 threads that
// stage A and B tiles in workgroup memory between barriers; the generic's body folds the
// tile's k values; the k loop stops at K (24: a partial second tile) and threads outside
// the 40x50 output store nothing.
// CHECK-LABEL: func.func @mm
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c12{{.*}}) threads({{.*}}) in (%{{.*}} = %c256{{.*}}) workgroup(%[[SA:.*]] : memref<16x16xf32, #gpu.address_space<workgroup>>, %[[SB:.*]] : memref<16x16xf32, #gpu.address_space<workgroup>>)
// CHECK: scf.for %[[KT:.*]] = %{{.*}} to %c24{{.*}} step %c16
// CHECK: memref.store %{{.*}}, %[[SA]]
// CHECK: memref.store %{{.*}}, %[[SB]]
// CHECK-NEXT: gpu.barrier
// CHECK: %[[N:.*]] = arith.minui %c16{{.*}}, %{{.*}}
// CHECK: scf.for %[[KK:.*]] = %{{.*}} to %[[N]] step
// CHECK: memref.load %[[SA]]
// CHECK: memref.load %[[SB]]
// CHECK: arith.mulf
// CHECK-NEXT: arith.addf
// CHECK: gpu.barrier
// CHECK: scf.if
// CHECK-NEXT: memref.store %{{.*}}, %arg2
// CHECK-NOT: linalg.generic
func.func @mm(%a: memref<40x24xf32>, %b: memref<24x50xf32>, %c: memref<40x50xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<40x24xf32>, memref<24x50xf32>) outs(%c : memref<40x50xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A projection into heads, [s, k] x [k, h, d] -> [s, h, d] (32 x 24 by 24 x 2 x 20): the
// row loop s is not the one right before the column loop d. The head loop h is a batch
// loop of blocks: 2 x (2 row tiles x 2 column tiles) = 8 blocks; A is staged by rows
// (s, k), B by columns (k, h, d) of the block's head.
// CHECK-LABEL: func.func @heads
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c8{{.*}}) threads({{.*}}) in (%{{.*}} = %c256{{.*}}) workgroup(%[[SA:.*]] : memref<16x16xf32, #gpu.address_space<workgroup>>, %[[SB:.*]] : memref<16x16xf32, #gpu.address_space<workgroup>>)
// CHECK: scf.for %{{.*}} = %{{.*}} to %c24{{.*}} step %c16
// CHECK: memref.store %{{.*}}, %[[SA]]
// CHECK: memref.store %{{.*}}, %[[SB]]
// CHECK: gpu.barrier
// CHECK-NOT: linalg.generic
func.func @heads(%a: memref<32x24xf32>, %b: memref<24x2x20xf32>, %c: memref<32x2x20xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d3)>, affine_map<(d0, d1, d2, d3) -> (d3, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x24xf32>, memref<24x2x20xf32>) outs(%c : memref<32x2x20xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}
