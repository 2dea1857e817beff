// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-vectorize-memory-bound)' | FileCheck %s

// An elementwise generic: the outer (parallel) dimension in an scf.forall, the innermost
// one in 16-wide vectors; the math stays one vector op for dlc-approximate-math.
// CHECK-LABEL: func.func @elementwise
// CHECK: scf.forall ({{.*}}) in (4)
// CHECK-NEXT: scf.for {{.*}} to %c64 step %c16
// CHECK-NEXT: vector.load {{.*}} vector<16xf32>
// CHECK-NEXT: math.tanh {{.*}} : vector<16xf32>
// CHECK-NEXT: vector.store {{.*}} vector<16xf32>
// CHECK-NOT: linalg.generic
// CHECK-NOT: dlc.vectorize
func.func @elementwise(%x: memref<4x64xf32>, %y: memref<4x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<4x64xf32>) outs(%y : memref<4x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  }
  return
}

// -----

// 1000 elements: the loop is peeled, 62 full vectors of 16 and one of the 8 left; no
// element is handled by scalar loads.
// CHECK-LABEL: func.func @partial
// CHECK: scf.for {{.*}} to %c992 step %c16
// CHECK-NEXT: vector.load {{.*}} vector<16xf32>
// CHECK-NEXT: arith.addf {{.*}} : vector<16xf32>
// CHECK: vector.load %{{.*}}[%c992] : memref<1000xf32>, vector<8xf32>
// CHECK-NEXT: arith.addf {{.*}} : vector<8xf32>
// CHECK-NOT: memref.load
func.func @partial(%x: memref<1000xf32>, %y: memref<1000xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%x : memref<1000xf32>) outs(%y : memref<1000xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = arith.addf %in, %in : f32
    linalg.yield %t : f32
  }
  return
}

// -----

// A long 1-d loop runs in scf.forall chunks of 16384 elements (threads share them).
// CHECK-LABEL: func.func @chunks
// CHECK: scf.forall ({{.*}}) in (4)
// CHECK-NEXT: scf.for {{.*}} to %c16384 step %c16
// CHECK: arith.mulf {{.*}} : vector<16xf32>
func.func @chunks(%x: memref<65536xf32>, %y: memref<65536xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%x : memref<65536xf32>) outs(%y : memref<65536xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = arith.mulf %in, %in : f32
    linalg.yield %t : f32
  }
  return
}

// -----

// Row sums (softmax's and layer norm's): rows in an scf.forall, the accumulator loaded once
// before the row loop and carried in a register, each 16-wide tile added as a tree
// (reassoc), the 8 left over as one shorter vector.
// CHECK-LABEL: func.func @row_sum
// CHECK: scf.forall ({{.*}}) in (64)
// CHECK-NEXT: vector.load %arg1
// CHECK-NEXT: scf.for {{.*}} to %c992 step %c16 iter_args
// CHECK-NEXT: vector.load %arg0{{.*}} vector<16xf32>
// CHECK: vector.reduction <add>, {{.*}} fastmath<reassoc> : vector<16xf32> into f32
// CHECK: scf.yield
// CHECK: vector.store
// CHECK: vector.reduction <add>, {{.*}} fastmath<reassoc> : vector<8xf32> into f32
// CHECK-NOT: linalg.reduce
func.func @row_sum(%x: memref<64x1000xf32>, %o: memref<64xf32>) {
  linalg.reduce { arith.addf } ins(%x : memref<64x1000xf32>) outs(%o : memref<64xf32>) dimensions = [1]
  return
}

// -----

// A row maximum written as a generic reduces with vector.reduction <maximumf>, which
// propagates NaN as arith.maximumf does.
// CHECK-LABEL: func.func @row_max
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.reduction <maximumf>, {{.*}} : vector<16xf32> into f32
// CHECK-NOT: linalg.generic
func.func @row_max(%x: memref<8x256xf32>, %o: memref<8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x256xf32>) outs(%o : memref<8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Column sums (the reduced dimension outside): the innermost, parallel dimension in vectors,
// added lane by lane into the accumulator row; no horizontal reduction.
// CHECK-LABEL: func.func @column_sum
// CHECK: scf.for {{.*}} to %c32 step %c1
// CHECK-NEXT: scf.for {{.*}} to %c64 step %c16
// CHECK: arith.addf {{.*}} : vector<16xf32>
// CHECK-NOT: vector.reduction
func.func @column_sum(%x: memref<32x64xf32>, %o: memref<64xf32>) {
  linalg.reduce { arith.addf } ins(%x : memref<32x64xf32>) outs(%o : memref<64xf32>) dimensions = [0]
  return
}

// -----

// Matmuls are dlc-tile-and-vectorize's: left alone.
// CHECK-LABEL: func.func @matmul
// CHECK-NEXT: linalg.matmul
// CHECK-NOT: vector.
func.func @matmul(%a: memref<32x16xf32>, %b: memref<16x64xf32>, %c: memref<32x64xf32>) {
  linalg.matmul ins(%a, %b : memref<32x16xf32>, memref<16x64xf32>) outs(%c : memref<32x64xf32>)
  return
}

// -----

// A contraction written as a generic (a dot whose operand was reshaped into it) reads no
// operand along every loop: dlc-tile-and-vectorize's, left alone.
// CHECK-LABEL: func.func @generic_contraction
// CHECK-NEXT: linalg.generic
// CHECK-NOT: vector.
func.func @generic_contraction(%a: memref<2x8x4xf32>, %b: memref<8x4x10xf32>, %c: memref<2x10xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>,
                                   affine_map<(d0, d1, d2, d3) -> (d2, d3, d1)>,
                                   affine_map<(d0, d1, d2, d3) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%a, %b : memref<2x8x4xf32>, memref<8x4x10xf32>) outs(%c : memref<2x10xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// i1 elements stay scalar: LLVM stores a vector of i1 as packed bits, a memref<i1> holds
// one byte per element.
// CHECK-LABEL: func.func @compare_to_i1
// CHECK-NEXT: linalg.generic
// CHECK-NOT: vector.
func.func @compare_to_i1(%x: memref<64xf32>, %y: memref<64xf32>, %r: memref<64xi1>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>,
                                   affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%x, %y : memref<64xf32>, memref<64xf32>) outs(%r : memref<64xi1>) {
  ^bb0(%a: f32, %b: f32, %out: i1):
    %c = arith.cmpf olt, %a, %b : f32
    linalg.yield %c : i1
  }
  return
}

// -----

// A body reading its loop index (iota) would vectorize to vector.step: left alone.
// CHECK-LABEL: func.func @iota
// CHECK-NEXT: linalg.generic
// CHECK-NOT: vector.
func.func @iota(%r: memref<64xi32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      outs(%r : memref<64xi32>) {
  ^bb0(%out: i32):
    %i = linalg.index 0 : index
    %c = arith.index_cast %i : index to i32
    linalg.yield %c : i32
  }
  return
}

// -----

// A reversed read (3 - d0) is not a projected permutation: the tiler's bounds would not
// hold, so the op is left alone.
// CHECK-LABEL: func.func @reverse
// CHECK-NEXT: linalg.generic
// CHECK-NOT: vector.
func.func @reverse(%x: memref<4x64xf32>, %r: memref<4x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (-d0 + 3, d1)>,
                                   affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<4x64xf32>) outs(%r : memref<4x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// A read through an expand_shape, transposed (a head split: 128x256 as 128x4x64, read as
// 4x128x64) or not, is vectorized from the same bytes viewed by a reinterpret_cast:
// upstream's fold of expand_shape into a transfer_read never converges (the pass used to
// hang here).
// CHECK-LABEL: func.func @split_heads
// CHECK: %[[VIEW:.*]] = memref.reinterpret_cast %{{.*}} to offset: [0], sizes: [128, 4, 64], strides: [256, 64, 1]
// CHECK: scf.forall ({{.*}}) in (4, 128)
// CHECK: vector.load %[[VIEW]]{{.*}} vector<16xf32>
// CHECK-NOT: memref.expand_shape
// CHECK-NOT: linalg.generic
func.func @split_heads(%x: memref<128x256xf32>, %r: memref<4x128x64xf32>) {
  %e = memref.expand_shape %x [[0], [1, 2]] output_shape [128, 4, 64]
      : memref<128x256xf32> into memref<128x4x64xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d0, d2)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%e : memref<128x4x64xf32>) outs(%r : memref<4x128x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// CHECK-LABEL: func.func @expanded_in_order
// CHECK: %[[VIEW:.*]] = memref.reinterpret_cast
// CHECK: vector.load %[[VIEW]]{{.*}} vector<16xf32>
// CHECK-NEXT: arith.negf {{.*}} : vector<16xf32>
// CHECK-NOT: linalg.generic
func.func @expanded_in_order(%x: memref<128x256xf32>, %r: memref<128x2x64xf32>) {
  %e = memref.expand_shape %x [[0], [1, 2]] output_shape [128, 4, 64]
      : memref<128x256xf32> into memref<128x4x64xf32>
  %s = memref.subview %e[0, 0, 0] [128, 2, 64] [1, 1, 1]
      : memref<128x4x64xf32> to memref<128x2x64xf32, strided<[256, 64, 1]>>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                                   affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%s : memref<128x2x64xf32, strided<[256, 64, 1]>>) outs(%r : memref<128x2x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  }
  return
}

// -----

// A strided copy (a fused tile written back into its place in the result, as
// dlc-strided-copy-to-linalg makes it) is vectorized like an elementwise op: rows in an
// scf.forall, 16-wide loads and stores along the contiguous columns.
// CHECK-LABEL: func.func @tile_writeback
// CHECK: scf.forall (%[[R:.*]]) in (8) {
// CHECK-NEXT: scf.for %[[C:.*]] = %c0 to %c64 step %c16 {
// CHECK-NEXT: %[[V:.*]] = vector.load %arg0[%[[R]], %[[C]]] : memref<8x64xf32>, vector<16xf32>
// CHECK: vector.store %[[V]], %arg1[%[[R]], %{{.*}}] : memref<8x256xf32>, vector<16xf32>
// CHECK-NOT: linalg.copy
func.func @tile_writeback(%tile: memref<8x64xf32>, %out: memref<8x256xf32>, %col: index) {
  %dst = memref.subview %out[0, %col] [8, 64] [1, 1] : memref<8x256xf32> to memref<8x64xf32, strided<[256, 1], offset: ?>>
  linalg.copy ins(%tile : memref<8x64xf32>) outs(%dst : memref<8x64xf32, strided<[256, 1], offset: ?>>)
  return
}
