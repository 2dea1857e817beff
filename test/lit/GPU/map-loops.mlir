// RUN: dlc-opt %s --split-input-file --dlc-gpu-map-loops=block-size=128 | FileCheck %s
// dlc-gpu-map-loops: an outermost scf.parallel becomes one linearized launch; serial host
// work becomes a one-thread launch; a host load only kernels use moves into them.

// 4x100 = 400 iterations: 4 blocks of 128 threads, the tail guarded, the last index fastest.
// CHECK-LABEL: func.func @copy
// CHECK: gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c4{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c128
// CHECK: %[[BASE:.*]] = arith.muli %[[BX]], %c128
// CHECK-NEXT: %[[ID:.*]] = arith.addi %[[BASE]], %[[TX]]
// CHECK: %[[IN:.*]] = arith.cmpi ult, %[[ID]], %c400
// CHECK-NEXT: scf.if %[[IN]]
// CHECK-NEXT: %[[C100:.*]] = arith.constant 100
// CHECK-NEXT: %[[J:.*]] = arith.remui %[[ID]], %[[C100]]
// CHECK-NEXT: %[[I:.*]] = arith.divui %[[ID]], %[[C100]]
// CHECK-NEXT: %[[V:.*]] = memref.load %arg0[%[[I]], %[[J]]]
// CHECK-NEXT: memref.store %[[V]], %arg1[%[[I]], %[[J]]]
// CHECK-NOT: scf.parallel
func.func @copy(%a: memref<4x100xf32>, %b: memref<4x100xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c100 = arith.constant 100 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c100) step (%c1, %c1) {
    %v = memref.load %a[%i, %j] : memref<4x100xf32>
    memref.store %v, %b[%i, %j] : memref<4x100xf32>
    scf.reduce
  }
  return
}

// -----
// A 0-d store at the host level runs in a launch of one thread; the scalar loaded on the
// host for the parallel fill is loaded inside its kernel instead.
// CHECK-LABEL: func.func @serial
// CHECK-NOT: memref.load
// CHECK: gpu.launch
// CHECK-NEXT: memref.load %arg0[]
// CHECK: memref.store %{{.*}}, %arg1[%{{.*}}]
// CHECK: gpu.launch {{.*}} in (%{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}})
// CHECK-NEXT: memref.store %{{.*}}, %arg2[]
func.func @serial(%s: memref<f32>, %b: memref<8xf32>, %z: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %v = memref.load %s[] : memref<f32>
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    memref.store %v, %b[%i] : memref<8xf32>
    scf.reduce
  }
  %zero = arith.constant 0.0 : f32
  memref.store %zero, %z[] : memref<f32>
  return
}
