// RUN: dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu)' --mlir-print-ir-after-all --mlir-disable-threading -o /dev/null 2>&1 | FileCheck %s
// In dlc-lower-to-cpu, an output fusion's epilogue runs in the matmul's tile loop and
// writes its tile of the result in place: after bufferization each tile has one buffer
// (the product's) and no copy back into the result (eliminate-empty-tensors runs before
// one-shot-bufferize); the bias broadcast is computed per tile, not as a whole buffer.
// CHECK-LABEL: IR Dump After dlc-strided-copy-to-linalg
// CHECK: func.func @dense_relu
// CHECK-NEXT: arith.constant
// CHECK-NEXT: %[[OUT:.*]] = memref.alloc() {{.*}} : memref<64x512xf32>
// CHECK-NEXT: scf.forall
// CHECK-NEXT: affine.apply
// CHECK: %[[TILE:.*]] = memref.alloc() {{.*}} : memref<64x256xf32>
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.copy
// CHECK-NOT: memref.copy
// CHECK: linalg.generic {{.*}} ins(%[[TILE]], %{{.*}} : memref<64x256xf32>, memref<256xf32, strided<[1], offset: ?>>) outs(%{{.*}} : memref<64x256xf32, strided<[512, 1], offset: ?>>)
// CHECK-NOT: linalg.copy
// CHECK: return %[[OUT]]
func.func @dense_relu(%x: tensor<64x256xf32>, %w: tensor<256x512xf32>, %b: tensor<512xf32>) -> tensor<64x512xf32> {
  %mm = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x256xf32>, tensor<256x512xf32>) -> tensor<64x512xf32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<512xf32>) -> tensor<64x512xf32>
  %h = "dhlo.add"(%mm, %bb) : (tensor<64x512xf32>, tensor<64x512xf32>) -> tensor<64x512xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<64x512xf32>} : () -> tensor<64x512xf32>
  %y = "dhlo.maximum"(%h, %zero) : (tensor<64x512xf32>, tensor<64x512xf32>) -> tensor<64x512xf32>
  return %y : tensor<64x512xf32>
}
