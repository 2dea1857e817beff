// RUN: dlc-opt %s --split-input-file --dlc-pack-matmul-rhs='register-block=8x32 min-size=32' | FileCheck %s

// B [48, 96] is copied into 3 panels of 32 columns, [3, 48, 32] (B viewed as [48, 3, 32],
// transposed); then one matmul per panel reads its contiguous panel and writes its 32
// columns of C in place. The panels are freed after the loop.
// CHECK-LABEL: func.func @packed
// CHECK-NEXT: %[[VIEW:.*]] = memref.reinterpret_cast %arg1 to offset: [0], sizes: [48, 3, 32], strides: [96, 32, 1] : memref<48x96xf32> to memref<48x3x32xf32>
// CHECK-NEXT: %[[PANELS:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3x48x32xf32>
// CHECK-NEXT: linalg.generic {indexing_maps = [#[[IN:.*]], #[[OUT:.*]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[VIEW]] : memref<48x3x32xf32>) outs(%[[PANELS]] : memref<3x48x32xf32>)
// CHECK: scf.for %[[P:.*]] = %c0 to %c3 step %c1 {
// CHECK: %[[COL:.*]] = arith.muli %[[P]], %c32
// CHECK-NEXT: %[[PANEL:.*]] = memref.subview %[[PANELS]][%[[P]], 0, 0] [1, 48, 32] [1, 1, 1] : memref<3x48x32xf32> to memref<48x32xf32, strided<[32, 1], offset: ?>>
// CHECK-NEXT: %[[COLS:.*]] = memref.subview %arg2[0, %[[COL]]] [64, 32] [1, 1] : memref<64x96xf32> to memref<64x32xf32, strided<[96, 1], offset: ?>>
// CHECK-NEXT: linalg.matmul ins(%arg0, %[[PANEL]] : memref<64x48xf32>, memref<48x32xf32, strided<[32, 1], offset: ?>>) outs(%[[COLS]] : memref<64x32xf32, strided<[96, 1], offset: ?>>)
// CHECK-NEXT: }
// CHECK-NEXT: memref.dealloc %[[PANELS]] : memref<3x48x32xf32>
// CHECK-NEXT: return
func.func @packed(%a: memref<64x48xf32>, %b: memref<48x96xf32>, %c: memref<64x96xf32>) {
  linalg.matmul ins(%a, %b : memref<64x48xf32>, memref<48x96xf32>) outs(%c : memref<64x96xf32>)
  return
}

// -----

// Left alone: a side below min-size (the copy would not pay), columns that are not whole
// panels, f16, a transposed rhs, and a matmul inside a loop (an epilogue's tile).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.reinterpret_cast
// CHECK-COUNT-5: linalg.matmul
// CHECK-NOT: memref.alloc
func.func @left_alone(%a: memref<16x48xf32>, %b: memref<48x96xf32>, %c: memref<16x96xf32>,
                      %a2: memref<64x48xf32>, %b2: memref<48x80xf32>, %c2: memref<64x80xf32>,
                      %a3: memref<64x48xf16>, %b3: memref<48x96xf16>, %c3: memref<64x96xf16>,
                      %bt: memref<96x48xf32>, %c4: memref<64x96xf32>) {
  linalg.matmul ins(%a, %b : memref<16x48xf32>, memref<48x96xf32>) outs(%c : memref<16x96xf32>)
  linalg.matmul ins(%a2, %b2 : memref<64x48xf32>, memref<48x80xf32>) outs(%c2 : memref<64x80xf32>)
  linalg.matmul ins(%a3, %b3 : memref<64x48xf16>, memref<48x96xf16>) outs(%c3 : memref<64x96xf16>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a2, %bt : memref<64x48xf32>, memref<96x48xf32>) outs(%c4 : memref<64x96xf32>)
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c1 step %c1 {
    linalg.matmul ins(%a2, %b : memref<64x48xf32>, memref<48x96xf32>) outs(%c4 : memref<64x96xf32>)
  }
  return
}
