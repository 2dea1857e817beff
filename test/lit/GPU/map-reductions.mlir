// RUN: dlc-opt %s --split-input-file --dlc-gpu-map-reductions=block-size=64 | FileCheck %s
// dlc-gpu-map-reductions on buffers: a row reduction becomes one block per row whose
// threads stride over the row and combine with gpu.all_reduce; thread 0 folds the block's
// result into the output element.

// A row maximum of a 16x100 buffer: 16 blocks of 64 threads (fewer than the row's 100).
// CHECK-LABEL: func.func @row_max
// CHECK: gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c16{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c64
// CHECK: %[[P:.*]] = scf.for %[[K:.*]] = %[[TX]] to %c100{{.*}} step %c64{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (f32)
// CHECK-NEXT: %[[X:.*]] = memref.load %arg0[%[[BX]], %[[K]]]
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %[[ACC]], %[[X]]
// CHECK-NEXT: %[[FIRST:.*]] = arith.cmpi eq, %[[K]], %[[TX]]
// CHECK-NEXT: %[[S:.*]] = arith.select %[[FIRST]], %[[X]], %[[M]]
// CHECK-NEXT: scf.yield %[[S]]
// CHECK: %[[R:.*]] = gpu.all_reduce maximumf %[[P]] uniform
// CHECK: scf.if
// CHECK-NEXT: %[[OLD:.*]] = memref.load %arg1[%[[BX]]]
// CHECK-NEXT: %[[NEW:.*]] = arith.maximumf %[[OLD]], %[[R]]
// CHECK-NEXT: memref.store %[[NEW]], %arg1[%[[BX]]]
// CHECK-NOT: linalg.generic
func.func @row_max(%x: memref<16x100xf32>, %out: memref<16xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : memref<16x100xf32>) outs(%out : memref<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.maximumf %o, %in : f32
    linalg.yield %0 : f32
  }
  return
}

// -----
// A fused producer (exp) runs per element before the sum; a short row (8) gets 8 threads.
// CHECK-LABEL: func.func @sum_exp
// CHECK: threads(%{{.*}}, %{{.*}}, %{{.*}}) in (%{{.*}} = %c8
// CHECK: math.exp
// CHECK: gpu.all_reduce add
func.func @sum_exp(%x: memref<4x8xf32>, %out: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : memref<4x8xf32>) outs(%out : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %e = math.exp %in : f32
    %0 = arith.addf %e, %o : f32
    linalg.yield %0 : f32
  }
  return
}

// -----
// A column reduction (the reduced loop is not the last) is left to dlc-gpu-map-loops.
// CHECK-LABEL: func.func @column_sum
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
func.func @column_sum(%x: memref<8x4xf32>, %out: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%x : memref<8x4xf32>) outs(%out : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  }
  return
}
