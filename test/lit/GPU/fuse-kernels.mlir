// RUN: dlc-opt %s --split-input-file --dlc-gpu-fuse-kernels=block-size=64 | FileCheck %s
// dlc-gpu-fuse-kernels on buffers: the linalg ops of one fusion (one `dlc.fusion` tag in
// their fused locations, as convert-dhlo-to-linalg leaves them) that share their row loops
// become one gpu.launch, one block per row. Row values (a maximum, a sum) stay in
// registers; each thread handles the same columns in every step, so no gpu.barrier is
// needed between steps: threads meet only in gpu.all_reduce.

// A softmax in one fusion: 16 rows of 100, 64 threads. The accumulators' fills become the
// all_reduce totals' initial values; exp's row, which only the fusion reads, lives in
// workgroup memory and its buffer is gone; the result is stored column by column.
// CHECK-LABEL: func.func @softmax
// CHECK-NOT: memref.alloc() {{.*}} : memref<16x100xf32>
// CHECK: gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c16{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c64{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%[[ROW:.*]] : memref<100xf32, #gpu.address_space<workgroup>>)
// CHECK: %[[P:.*]] = scf.for %[[K:.*]] = %[[TX]] to %c100{{.*}} step %c64{{.*}} iter_args
// CHECK: memref.load %arg0[%[[BX]], %[[K]]]
// CHECK: arith.maximumf
// CHECK: %[[MAXP:.*]] = gpu.all_reduce maximumf %[[P]] uniform
// CHECK: %[[MAX:.*]] = arith.maximumf %[[NINF:.*]], %[[MAXP]]
// CHECK: scf.for %[[J:.*]] = %[[TX]] to %c100{{.*}} step %c64
// CHECK-NEXT: %[[X:.*]] = memref.load %arg0[%[[BX]], %[[J]]]
// CHECK-NEXT: %[[S:.*]] = arith.subf %[[X]], %[[MAX]]
// CHECK-NEXT: %[[E:.*]] = math.exp %[[S]]
// CHECK-NEXT: memref.store %[[E]], %[[ROW]][%[[J]]]
// CHECK: %[[Q:.*]] = scf.for %[[K2:.*]] = %[[TX]] to %c100{{.*}} step %c64{{.*}} iter_args
// CHECK: memref.load %[[ROW]][%[[K2]]]
// CHECK: %[[SUMP:.*]] = gpu.all_reduce add %[[Q]] uniform
// CHECK: %[[SUM:.*]] = arith.addf %{{.*}}, %[[SUMP]]
// CHECK: scf.for %[[J2:.*]] = %[[TX]] to %c100{{.*}} step %c64
// CHECK-NEXT: %[[E2:.*]] = memref.load %[[ROW]][%[[J2]]]
// CHECK-NEXT: %[[D:.*]] = arith.divf %[[E2]], %[[SUM]]
// CHECK-NEXT: memref.store %[[D]], %arg1[%[[BX]], %[[J2]]]
// CHECK: gpu.terminator
// CHECK-NOT: gpu.barrier
// CHECK-NOT: gpu.launch
// CHECK-NOT: linalg.generic
// CHECK: return
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0)>
func.func @softmax(%x: memref<16x100xf32>, %out: memref<16x100xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %max = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%max : memref<16xf32>) {
  ^bb0(%o: f32):
    linalg.yield %ninf : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%x : memref<16x100xf32>) outs(%max : memref<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.maximumf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  %exp = memref.alloc() : memref<16x100xf32>
  linalg.generic {indexing_maps = [#map1, #map2, #map1], iterator_types = ["parallel", "parallel"]} ins(%x, %max : memref<16x100xf32>, memref<16xf32>) outs(%exp : memref<16x100xf32>) {
  ^bb0(%in: f32, %m: f32, %o: f32):
    %0 = arith.subf %in, %m : f32
    %1 = math.exp %0 : f32
    linalg.yield %1 : f32
  } loc(#f0)
  %sum = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%sum : memref<16xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%exp : memref<16x100xf32>) outs(%sum : memref<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2, #map1], iterator_types = ["parallel", "parallel"]} ins(%exp, %sum : memref<16x100xf32>, memref<16xf32>) outs(%out : memref<16x100xf32>) {
  ^bb0(%e: f32, %s: f32, %o: f32):
    %0 = arith.divf %e, %s : f32
    linalg.yield %0 : f32
  } loc(#f0)
  memref.dealloc %max : memref<16xf32>
  memref.dealloc %exp : memref<16x100xf32>
  memref.dealloc %sum : memref<16xf32>
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["softmax.mlir":1:1])

// -----
// Layer norm's statistics over rows of a 2x8x32 buffer (16 blocks, the block id
// delinearized into two row indices): the mean is stored for later fusions (thread 0,
// once), the variance's sum reads it from a register.
// CHECK-LABEL: func.func @layer_norm_stats
// CHECK: gpu.launch blocks(%[[BX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c16{{.*}}, {{.*}} threads(%[[TX:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %c32
// CHECK: %[[R1:.*]] = arith.remui %[[BX]], %c8
// CHECK: %[[R0:.*]] = arith.divui %[[BX]], %c8
// CHECK: %[[T0:.*]] = arith.cmpi eq, %[[TX]], %c0
// CHECK: gpu.all_reduce add
// CHECK: %[[MEAN:.*]] = arith.divf %{{.*}}, %{{.*}}
// CHECK-NEXT: scf.if %[[T0]] {
// CHECK-NEXT: memref.store %[[MEAN]], %arg1[%[[R0]], %[[R1]]]
// CHECK: scf.for
// CHECK: %[[C:.*]] = arith.subf %{{.*}}, %[[MEAN]]
// CHECK: arith.mulf %[[C]], %[[C]]
// CHECK: gpu.all_reduce add
// CHECK: scf.if %[[T0]] {
// CHECK-NEXT: memref.store %{{.*}}, %arg2[%[[R0]], %[[R1]]]
// CHECK-NOT: gpu.launch
// CHECK-NOT: linalg.generic
#map = affine_map<(d0, d1) -> (d0, d1)>
#map1 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#map2 = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @layer_norm_stats(%x: memref<2x8x32xf32>, %mean: memref<2x8xf32>, %var: memref<2x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 32.0 : f32
  %sum = memref.alloc() : memref<2x8xf32>
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%sum : memref<2x8xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x : memref<2x8x32xf32>) outs(%sum : memref<2x8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%sum : memref<2x8xf32>) outs(%mean : memref<2x8xf32>) {
  ^bb0(%s: f32, %o: f32):
    %0 = arith.divf %s, %n : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} outs(%var : memref<2x8xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2, #map2], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %mean : memref<2x8x32xf32>, memref<2x8xf32>) outs(%var : memref<2x8xf32>) {
  ^bb0(%in: f32, %m: f32, %o: f32):
    %0 = arith.subf %in, %m : f32
    %1 = arith.mulf %0, %0 : f32
    %2 = arith.addf %o, %1 : f32
    linalg.yield %2 : f32
  } loc(#f0)
  memref.dealloc %sum : memref<2x8xf32>
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["layer_norm.mlir":1:1])

// -----
// Two fusions make two kernels, even back to back.
// CHECK-LABEL: func.func @two_fusions
// CHECK-COUNT-2: gpu.launch
// CHECK-NOT: gpu.launch
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0)>
func.func @two_fusions(%x: memref<4x64xf32>, %a: memref<4xf32>, %b: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%a : memref<4xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%x : memref<4x64xf32>) outs(%a : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%b : memref<4xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f1)
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%x : memref<4x64xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.maximumf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f1)
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["a.mlir":1:1])
#f1 = loc(fused<{dlc.fusion = 1}>["b.mlir":1:1])

// -----
// Fallback: a step reads the fusion's own intermediate at another column (the first, for
// every column), which another thread wrote: exp keeps its kernel (dlc-gpu-map-loops'),
// the fill and the sum after it still make one, which reads exp's buffer after it is done.
// CHECK-LABEL: func.func @first_column_read
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: gpu.launch
// CHECK: memref.load %alloc[%{{.*}}, %c0
// CHECK: gpu.all_reduce add
// CHECK-NOT: gpu.launch
// CHECK-NOT: linalg.generic
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0)>
#first = affine_map<(d0, d1) -> (d0, 0)>
func.func @first_column_read(%x: memref<4x8xf32>, %sum: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = memref.alloc() : memref<4x8xf32>
  linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x8xf32>) outs(%e : memref<4x8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = math.exp %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%sum : memref<4xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #first, #map2], iterator_types = ["parallel", "reduction"]} ins(%x, %e : memref<4x8xf32>, memref<4x8xf32>) outs(%sum : memref<4xf32>) {
  ^bb0(%in: f32, %r: f32, %o: f32):
    %0 = arith.mulf %in, %r : f32
    %1 = arith.addf %o, %0 : f32
    linalg.yield %1 : f32
  } loc(#f0)
  memref.dealloc %e : memref<4x8xf32>
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["a.mlir":1:1])

// -----
// Fallback: a step reads the fusion's intermediate through a view, an alias the pass does
// not follow: exp keeps its kernel, the fill and the sum make one after it.
// CHECK-LABEL: func.func @read_through_view
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: gpu.launch
// CHECK: memref.load %reinterpret_cast
// CHECK: gpu.all_reduce add
// CHECK-NOT: gpu.launch
// CHECK-NOT: linalg.generic
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0)>
func.func @read_through_view(%x: memref<4x8xf32>, %sum: memref<4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = memref.alloc() : memref<4x8xf32>
  linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x8xf32>) outs(%e : memref<4x8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = math.exp %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%sum : memref<4xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  %v = memref.reinterpret_cast %e to offset: [0], sizes: [4, 8], strides: [8, 1] : memref<4x8xf32> to memref<4x8xf32>
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%v : memref<4x8xf32>) outs(%sum : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  memref.dealloc %e : memref<4x8xf32>
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["a.mlir":1:1])

// -----
// A dot-like fusion: the fill and the row reduction fuse, the epilogue over other loops (a
// transposing copy) keeps its own kernel after it.
// CHECK-LABEL: func.func @fused_prefix
// CHECK: gpu.launch
// CHECK: gpu.all_reduce add
// CHECK: gpu.terminator
// CHECK-NEXT: }
// CHECK-NEXT: linalg.generic
// CHECK-NOT: gpu.launch
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @fused_prefix(%x: memref<4x64xf32>, %sum: memref<4xf32>, %xt: memref<64x4xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%sum : memref<4xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%x : memref<4x64xf32>) outs(%sum : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#t, #map1], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x64xf32>) outs(%xt : memref<64x4xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } loc(#f0)
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["a.mlir":1:1])

// -----
// Untagged ops (lowered outside any fusion) and a fusion of elementwise ops only (linalg
// fusion already made those one op each) are left alone.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT: gpu.launch
// CHECK-COUNT-4: linalg.generic
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1) -> (d0)>
func.func @untouched(%x: memref<4x64xf32>, %a: memref<4xf32>, %b: memref<4x64xf32>, %c: memref<4x64xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#map], iterator_types = ["parallel"]} outs(%a : memref<4xf32>) {
  ^bb0(%o: f32):
    linalg.yield %zero : f32
  }
  linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "reduction"]} ins(%x : memref<4x64xf32>) outs(%a : memref<4xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = arith.addf %o, %in : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x64xf32>) outs(%b : memref<4x64xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = math.exp %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel"]} ins(%b : memref<4x64xf32>) outs(%c : memref<4x64xf32>) {
  ^bb0(%in: f32, %o: f32):
    %0 = math.tanh %in : f32
    linalg.yield %0 : f32
  } loc(#f0)
  return
}
#f0 = loc(fused<{dlc.fusion = 0}>["a.mlir":1:1])
