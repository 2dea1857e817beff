// RUN: dlc-opt %s --split-input-file --dlc-define-bf16-truncation | FileCheck %s
// A module that uses bf16 gets a weak __truncsfbf2 (Bf16Truncation.c), which LLVM's x86
// backend calls when it widens bf16 vector lanes on a CPU without AVX512-BF16.

// CHECK-LABEL: func.func @stores_bf16
// CHECK-LABEL: llvm.func weak @__truncsfbf2(%{{.*}}: f32) -> bf16
// CHECK:         llvm.bitcast %{{.*}} : f32 to i32
// CHECK:         llvm.fcmp "uno"
// CHECK:         llvm.bitcast %{{.*}} : i16 to bf16
// CHECK-NEXT:    llvm.return %{{.*}} : bf16
func.func @stores_bf16(%m: memref<4xbf16>, %v: vector<4xbf16>) {
  %c0 = arith.constant 0 : index
  vector.store %v, %m[%c0] : memref<4xbf16>, vector<4xbf16>
  return
}

// -----

// No bf16, no libcall.
// CHECK-LABEL: func.func @f32_only
// CHECK-NOT: __truncsfbf2
func.func @f32_only(%x: f32) -> f32 {
  return %x : f32
}

// -----

// A declaration gives way to the definition; calls keep their callee.
// CHECK-LABEL: func.func @calls_it
// CHECK:         llvm.call @__truncsfbf2
// CHECK-NOT:   llvm.func @__truncsfbf2(f32) -> bf16
// CHECK:       llvm.func weak @__truncsfbf2(%{{.*}}: f32) -> bf16
// CHECK-NOT:   @__truncsfbf2(
func.func @calls_it(%x: f32) -> bf16 {
  %0 = llvm.call @__truncsfbf2(%x) : (f32) -> bf16
  return %0 : bf16
}
llvm.func @__truncsfbf2(f32) -> bf16

// -----

// A definition of the module's own stays the only one.
// CHECK-LABEL: llvm.func @__truncsfbf2(%{{.*}}: f32) -> bf16
// CHECK-NEXT:    llvm.mlir.poison : bf16
// CHECK-NOT:   @__truncsfbf2
func.func @own_definition(%v: vector<2xbf16>) -> vector<2xbf16> {
  return %v : vector<2xbf16>
}
llvm.func @__truncsfbf2(%x: f32) -> bf16 {
  %0 = llvm.mlir.poison : bf16
  llvm.return %0 : bf16
}
