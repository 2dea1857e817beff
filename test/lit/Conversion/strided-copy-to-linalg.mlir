// RUN: dlc-opt %s --dlc-strided-copy-to-linalg | FileCheck %s
// memref.copy from or to a strided view becomes linalg.copy (loops later, no call of the
// runtime's memrefCopy); a copy between identity layouts stays a memref.copy (memcpy).

// CHECK-LABEL: func.func @copies
// CHECK-NEXT: %[[V:.*]] = memref.subview
// CHECK-NEXT: linalg.copy ins(%[[V]] : memref<2x3xf32, strided<[12, 2], offset: 1>>) outs(%arg1 : memref<2x3xf32>)
// CHECK-NEXT: memref.copy %arg1, %arg2 : memref<2x3xf32> to memref<2x3xf32>
func.func @copies(%a: memref<4x6xf32>, %b: memref<2x3xf32>, %c: memref<2x3xf32>) {
  %v = memref.subview %a[0, 1] [2, 3] [2, 2] : memref<4x6xf32> to memref<2x3xf32, strided<[12, 2], offset: 1>>
  memref.copy %v, %b : memref<2x3xf32, strided<[12, 2], offset: 1>> to memref<2x3xf32>
  memref.copy %b, %c : memref<2x3xf32> to memref<2x3xf32>
  return
}
