// RUN: dlc-opt %s --dlc-gpu-device-memory | FileCheck %s
// dlc-gpu-device-memory: host buffers live in device memory (the ABI in docs/gpu.md);
// a constant's host global is copied into a device buffer, freed unless returned.
// CHECK-LABEL: func.func @buffers
// CHECK-NEXT: %[[A:.*]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT: %[[G:.*]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT: %[[H:.*]] = memref.get_global @cst
// CHECK-NEXT: gpu.memcpy %[[G]], %[[H]]
// CHECK-NEXT: gpu.memcpy %arg0, %[[A]]
// CHECK-NEXT: gpu.dealloc %[[A]]
// CHECK-NEXT: gpu.dealloc %[[G]]
// CHECK-NEXT: return
memref.global "private" constant @cst : memref<4xf32> = dense<1.0>
func.func @buffers(%out: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  %g = memref.get_global @cst : memref<4xf32>
  memref.copy %a, %out : memref<4xf32> to memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  return
}
