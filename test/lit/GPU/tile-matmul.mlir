// RUN: dlc-opt %s --dlc-gpu-tile-matmul | FileCheck %s
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
