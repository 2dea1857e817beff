// RUN: dlc-opt %s --split-input-file --dlc-gpu-tile-matmul | FileCheck %s

// The zero fill of a contraction's fresh output buffer is not a kernel of its own: the
// tiled kernel starts each accumulator from the fill's value and never loads the output.
// CHECK-LABEL: func.func @filled
// CHECK-NOT: linalg.generic
// CHECK: gpu.launch
// CHECK-NOT: memref.load %alloc
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %cst) -> (f32)
// CHECK: memref.store %{{.*}}, %alloc
// CHECK-NOT: linalg.generic
func.func @filled(%a: memref<32x16xf32>, %b: memref<16x32xf32>) -> memref<32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%c : memref<32x32xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf32>, memref<16x32xf32>) outs(%c : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return %c : memref<32x32xf32>
}

// -----

// The fill stays when something reads the buffer between it and the contraction, and when
// the buffer is an argument (a caller's memory, reachable through other names); each
// contraction then loads its accumulator from the output.
// CHECK-LABEL: func.func @fill_kept
// CHECK: linalg.generic
// CHECK: memref.copy
// CHECK: gpu.launch
// CHECK: memref.load %alloc
// CHECK: linalg.generic
// CHECK: gpu.launch
// CHECK: memref.load %arg3
func.func @fill_kept(%a: memref<32x16xf32>, %b: memref<16x32xf32>, %seen: memref<32x32xf32>, %out: memref<32x32xf32>) -> memref<32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%c : memref<32x32xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  }
  memref.copy %c, %seen : memref<32x32xf32> to memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf32>, memref<16x32xf32>) outs(%c : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%out : memref<32x32xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf32>, memref<16x32xf32>) outs(%out : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return %c : memref<32x32xf32>
}

// -----

// A tensor-core contraction (f16, sm_90) stages the fill's value, widened to f32, as its
// output tile instead of loading the output.
// CHECK-LABEL: func.func @filled_f16
// CHECK-NOT: linalg.generic
// CHECK: gpu.launch
// CHECK: %[[WIDE:.*]] = arith.extf %cst : f16 to f32
// CHECK-NEXT: memref.store %[[WIDE]]
// CHECK: gpu.subgroup_mma_compute
// CHECK-NOT: linalg.generic
func.func @filled_f16(%a: memref<32x16xf16>, %b: memref<16x32xf16>) -> memref<32x32xf16> {
  %zero = arith.constant 0.0 : f16
  %c = memref.alloc() : memref<32x32xf16>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%c : memref<32x32xf16>) {
  ^bb0(%o: f16):
    linalg.yield %zero : f16
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf16>, memref<16x32xf16>) outs(%c : memref<32x32xf16>) {
  ^bb0(%x: f16, %y: f16, %o: f16):
    %m = arith.mulf %x, %y : f16
    %s = arith.addf %o, %m : f16
    linalg.yield %s : f16
  }
  return %c : memref<32x32xf16>
}

// -----

// Elementwise producers fused into the contraction (q + bias, k + bias, attention's
// operands) are staged per side: q (rows i, k) and k (k, columns j) each get a workgroup
// tile; the biases, indexed by k only, are read from global memory in the k loop.
// CHECK-LABEL: func.func @producers
// CHECK: gpu.launch {{.*}} workgroup(%[[TA:.*]] : memref<16x16xf32, #gpu.address_space<workgroup>>, %[[TB:.*]] : memref<16x16xf32, #gpu.address_space<workgroup>>)
// CHECK: memref.store %{{.*}}, %[[TA]]
// CHECK: memref.store %{{.*}}, %[[TB]]
// CHECK: gpu.barrier
// CHECK: scf.for
// CHECK: memref.load %[[TA]]
// CHECK: memref.load %[[TB]]
// CHECK: memref.load %arg2
// CHECK: memref.load %arg3
// CHECK: arith.addf
// CHECK: arith.addf
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
func.func @producers(%q: memref<32x16xf32>, %k: memref<32x16xf32>, %qb: memref<16xf32>, %kb: memref<16xf32>, %s: memref<32x32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (j, k)>, affine_map<(i, j, k) -> (k)>, affine_map<(i, j, k) -> (k)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%q, %k, %qb, %kb : memref<32x16xf32>, memref<32x16xf32>, memref<16xf32>, memref<16xf32>) outs(%s : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %bx: f32, %by: f32, %o: f32):
    %a = arith.addf %x, %bx : f32
    %b = arith.addf %y, %by : f32
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// An output fusion's epilogue (bias + relu into a fresh buffer) is applied as each element
// is stored: one kernel, the product itself never stored (only deallocated after).
// CHECK-LABEL: func.func @epilogue
// CHECK: %[[Y:.*]] = memref.alloc() : memref<32x32xf32>
// CHECK: gpu.launch
// CHECK: scf.if
// CHECK-NEXT: %[[BIAS:.*]] = memref.load %arg2[
// CHECK-NEXT: arith.addf %{{.*}}, %[[BIAS]]
// CHECK-NEXT: arith.maximumf
// CHECK-NEXT: memref.store %{{.*}}, %[[Y]]
// CHECK-NOT: memref.store
// CHECK: gpu.terminator
// CHECK-NOT: linalg.generic
func.func @epilogue(%a: memref<32x16xf32>, %b: memref<16x32xf32>, %bias: memref<32xf32>) -> memref<32x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%c : memref<32x32xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf32>, memref<16x32xf32>) outs(%c : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() : memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%c, %bias : memref<32x32xf32>, memref<32xf32>) outs(%out : memref<32x32xf32>) {
  ^bb0(%x: f32, %bb: f32, %o: f32):
    %s = arith.addf %x, %bb : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  memref.dealloc %c : memref<32x32xf32>
  return %out : memref<32x32xf32>
}

// -----

// A transposing epilogue with a unit batch loop (a head merge): each element goes to its
// transposed place; the product is returned too, so it is stored as well.
// CHECK-LABEL: func.func @transposed_kept
// CHECK: gpu.launch
// CHECK: scf.if
// CHECK-NEXT: memref.store %[[V:.*]], %alloc[%[[I:.*]], %[[J:.*]]]
// CHECK: memref.store %[[V]], %alloc_0[%c0{{.*}}, %[[J]], %[[I]]]
// CHECK-NEXT: }
// CHECK-NOT: linalg.generic
func.func @transposed_kept(%a: memref<32x16xf32>, %b: memref<16x32xf32>) -> (memref<32x32xf32>, memref<1x32x32xf32>) {
  %c = memref.alloc() : memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf32>, memref<16x32xf32>) outs(%c : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  %t = memref.alloc() : memref<1x32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(u, d0, d1) -> (d1, d0)>, affine_map<(u, d0, d1) -> (u, d0, d1)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%c : memref<32x32xf32>) outs(%t : memref<1x32x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  return %c, %t : memref<32x32xf32>, memref<1x32x32xf32>
}

// -----

// Not epilogues, left to their own kernels: an op reading the product at other elements
// (a row sum needs the whole row), and one writing into the contraction's own input.
// CHECK-LABEL: func.func @not_epilogues
// CHECK: gpu.launch
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: gpu.launch
// CHECK: linalg.generic {{.*}} outs(%arg0
func.func @not_epilogues(%a: memref<32x16xf32>, %b: memref<16x32xf32>, %rows: memref<32xf32>, %c2: memref<16x16xf32>) {
  %c = memref.alloc() : memref<32x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x16xf32>, memref<16x32xf32>) outs(%c : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%c : memref<32x32xf32>) outs(%rows : memref<32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %o : f32
    linalg.yield %s : f32
  }
  %d = memref.alloc() : memref<32x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %c2 : memref<32x16xf32>, memref<16x16xf32>) outs(%d : memref<32x16xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%d : memref<32x16xf32>) outs(%a : memref<32x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  }
  return
}
