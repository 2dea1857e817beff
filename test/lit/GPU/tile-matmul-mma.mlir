// RUN: dlc-opt %s --split-input-file --dlc-gpu-tile-matmul | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dlc-gpu-tile-matmul=chip=sm_75 | FileCheck %s --check-prefix=SM75
// RUN: dlc-opt %s --split-input-file --dlc-gpu-tile-matmul=chip=sm_90a | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dlc-gpu-tile-matmul=chip=sm_61 | FileCheck %s --check-prefix=SM61
// RUN: not dlc-opt %s --split-input-file --dlc-gpu-tile-matmul=chip=gfx90a 2>&1 | FileCheck %s --check-prefix=CHIP
// dlc-gpu-tile-matmul's tensor-core kernels: an f16 contraction whose extents divide by 16
// becomes warp-level WMMA ops (one 16x16 fragment per warp, 2x2 warps where M and N divide
// by 32), a bf16 one mma.sync m16n8k16 (sm_80 and later); anything else keeps the scalar
// kernel (its k loop folds the generic's body: arith.mulf).
// CHIP: error: dlc-gpu-tile-matmul: unknown GPU chip 'gfx90a'

// f16 in, f16 out: the output tile goes through f32 workgroup memory (extf in, truncf out),
// the accumulator is an f32 fragment carried by the k loop; slices of A (32x16) and B
// (16x32) are staged as f16 in dynamic shared memory, 32-byte aligned.
// CHECK-LABEL: func.func @mm_f16
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c4{{.*}}) threads({{.*}}) in (%{{.*}} = %c128{{.*}}) dynamic_shared_memory_size %c6176_i32
// CHECK: %[[SMEM:.*]] = gpu.dynamic_shared_memory
// CHECK: %[[ADDR:.*]] = memref.extract_aligned_pointer_as_index %[[SMEM]]
// CHECK: %[[A:.*]] = memref.view %[[SMEM]][%{{.*}}][] : {{.*}} to memref<32x16xf16, #gpu.address_space<workgroup>>
// CHECK: %[[B:.*]] = memref.view %[[SMEM]][%{{.*}}][] : {{.*}} to memref<16x32xf16, #gpu.address_space<workgroup>>
// CHECK: %[[C:.*]] = memref.view %[[SMEM]][%{{.*}}][] : {{.*}} to memref<32x32xf32, #gpu.address_space<workgroup>>
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: gpu.barrier
// CHECK: %[[ACC:.*]] = gpu.subgroup_mma_load_matrix %[[C]][{{.*}}] {leadDimension = 32 : index} : {{.*}} -> !gpu.mma_matrix<16x16xf32, "COp">
// CHECK: %[[K:.*]] = scf.for %{{.*}} = %{{.*}} to %c64{{.*}} step %c16{{.*}} iter_args(%[[ITER:.*]] = %[[ACC]])
// CHECK: memref.load %arg0
// CHECK: memref.store %{{.*}}, %[[A]]
// CHECK: memref.load %arg1
// CHECK: memref.store %{{.*}}, %[[B]]
// CHECK: gpu.barrier
// CHECK: %[[FA:.*]] = gpu.subgroup_mma_load_matrix %[[A]][{{.*}}] {leadDimension = 16 : index} {{.*}} -> !gpu.mma_matrix<16x16xf16, "AOp">
// CHECK: %[[FB:.*]] = gpu.subgroup_mma_load_matrix %[[B]][{{.*}}] {leadDimension = 32 : index} {{.*}} -> !gpu.mma_matrix<16x16xf16, "BOp">
// CHECK: %[[D:.*]] = gpu.subgroup_mma_compute %[[FA]], %[[FB]], %[[ITER]]
// CHECK-NEXT: gpu.barrier
// CHECK-NEXT: scf.yield %[[D]]
// CHECK: gpu.subgroup_mma_store_matrix %[[K]], %[[C]]
// CHECK-NEXT: gpu.barrier
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK-NEXT: memref.store %{{.*}}, %arg2
// CHECK-NOT: arith.mulf
// CHECK-NOT: linalg.generic
// SM75-LABEL: func.func @mm_f16
// SM75: gpu.subgroup_mma_compute
// SM61-LABEL: func.func @mm_f16
// SM61-NOT: gpu.subgroup_mma
// SM61: arith.mulf
func.func @mm_f16(%a: memref<64x64xf16>, %b: memref<64x64xf16>, %c: memref<64x64xf16>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<64x64xf16>, memref<64x64xf16>) outs(%c : memref<64x64xf16>) {
  ^bb0(%x: f16, %y: f16, %o: f16):
    %m = arith.mulf %x, %y : f16
    %s = arith.addf %o, %m : f16
    linalg.yield %s : f16
  }
  return
}

// -----

// Inputs extended to f32 in the body, f32 output, a batch loop, B first: one block per
// 16x16 tile (M = N = 48 do not divide by 32), one warp; the output needs no conversion.
// CHECK-LABEL: func.func @bmm_f16_f32
// CHECK: gpu.launch blocks({{.*}}) in (%{{.*}} = %c18{{.*}}) threads({{.*}}) in (%{{.*}} = %c32{{.*}})
// CHECK: memref.view {{.*}} to memref<16x16xf16, #gpu.address_space<workgroup>>
// CHECK: memref.view {{.*}} to memref<16x16xf16, #gpu.address_space<workgroup>>
// CHECK: memref.view {{.*}} to memref<16x16xf32, #gpu.address_space<workgroup>>
// CHECK-NOT: arith.extf
// CHECK: gpu.subgroup_mma_compute
// CHECK-NOT: arith.mulf
// CHECK-NOT: arith.truncf
func.func @bmm_f16_f32(%b: memref<2x16x48xf16>, %a: memref<2x48x16xf16>, %c: memref<2x48x48xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%b, %a : memref<2x16x48xf16>, memref<2x48x16xf16>) outs(%c : memref<2x48x48xf32>) {
  ^bb0(%y: f16, %x: f16, %o: f32):
    %xe = arith.extf %x : f16 to f32
    %ye = arith.extf %y : f16 to f32
    %m = arith.mulf %ye, %xe : f32
    %s = arith.addf %m, %o : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// bf16 (from sm_80): mma.sync m16n8k16 twice per warp (n = 8 each) on i32 registers packed
// from the bf16 bits staged as i16; the accumulators stay in the f32 workgroup tile.
// CHECK-LABEL: func.func @mm_bf16
// CHECK: memref.view {{.*}} to memref<32x16xi16, #gpu.address_space<workgroup>>
// CHECK: scf.for
// CHECK: arith.bitcast %{{.*}} : bf16 to i16
// CHECK: gpu.barrier
// CHECK: arith.shli %{{.*}}, %c16_i32
// CHECK: nvvm.mma.sync A[{{.*}}] B[{{.*}}] C[{{.*}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// CHECK-COUNT-4: llvm.extractvalue
// CHECK: nvvm.mma.sync
// CHECK-NOT: arith.mulf
// CHECK-NOT: gpu.subgroup_mma
// SM75-LABEL: func.func @mm_bf16
// SM75-NOT: nvvm.mma.sync
// SM75: arith.mulf
func.func @mm_bf16(%a: memref<32x32xbf16>, %b: memref<32x64xbf16>, %c: memref<32x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x32xbf16>, memref<32x64xbf16>) outs(%c : memref<32x64xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %xe = arith.extf %x : bf16 to f32
    %ye = arith.extf %y : bf16 to f32
    %m = arith.mulf %xe, %ye : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// f32 inputs that the body truncates to bf16 (dhlo-bf16-rewrite's converts, fused into the
// contraction): the same mma.sync kernel, each staged element truncated as it is loaded.
// CHECK-LABEL: func.func @mm_f32_truncated_to_bf16
// CHECK: scf.for
// CHECK: %[[X:.*]] = memref.load %arg0
// CHECK-NEXT: %[[T:.*]] = arith.truncf %[[X]] : f32 to bf16
// CHECK-NEXT: arith.bitcast %[[T]] : bf16 to i16
// CHECK: nvvm.mma.sync
// CHECK-NOT: arith.mulf
func.func @mm_f32_truncated_to_bf16(%a: memref<32x32xf32>, %b: memref<32x64xf32>, %c: memref<32x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x32xf32>, memref<32x64xf32>) outs(%c : memref<32x64xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %xt = arith.truncf %x : f32 to bf16
    %yt = arith.truncf %y : f32 to bf16
    %xe = arith.extf %xt : bf16 to f32
    %ye = arith.extf %yt : bf16 to f32
    %m = arith.mulf %xe, %ye : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// f32 inputs: the scalar kernel.
// CHECK-LABEL: func.func @mm_f32
// CHECK-NOT: gpu.subgroup_mma
// CHECK: arith.mulf
func.func @mm_f32(%a: memref<32x32xf32>, %b: memref<32x32xf32>, %c: memref<32x32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x32xf32>, memref<32x32xf32>) outs(%c : memref<32x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// K = 24 does not divide by 16: the scalar kernel.
// CHECK-LABEL: func.func @mm_f16_k24
// CHECK-NOT: gpu.subgroup_mma
// CHECK: arith.mulf
func.func @mm_f16_k24(%a: memref<32x24xf16>, %b: memref<24x32xf16>, %c: memref<32x32xf16>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x24xf16>, memref<24x32xf16>) outs(%c : memref<32x32xf16>) {
  ^bb0(%x: f16, %y: f16, %o: f16):
    %m = arith.mulf %x, %y : f16
    %s = arith.addf %o, %m : f16
    linalg.yield %s : f16
  }
  return
}

// -----

// A body that is not a plain multiply-add (a product of squares): the scalar kernel.
// CHECK-LABEL: func.func @mm_f16_squares
// CHECK-NOT: gpu.subgroup_mma
// CHECK: arith.mulf
func.func @mm_f16_squares(%a: memref<32x32xf16>, %b: memref<32x32xf16>, %c: memref<32x32xf16>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<32x32xf16>, memref<32x32xf16>) outs(%c : memref<32x32xf16>) {
  ^bb0(%x: f16, %y: f16, %o: f16):
    %xx = arith.mulf %x, %x : f16
    %m = arith.mulf %xx, %y : f16
    %s = arith.addf %o, %m : f16
    linalg.yield %s : f16
  }
  return
}
