// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{chip=sm_80})' | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{chip=sm_75})' | FileCheck %s --check-prefix=SM75
// The GPU pipeline on an f16 and a bf16 dot: tensor-core instructions in the PTX. The f16
// dot's WMMA fragments stay f16 through the gpu.module's small-float emulation (f16
// arithmetic computed in f32), loaded from shared memory; the bf16 dot is mma.sync
// m16n8k16 with f32 accumulators. sm_75 has f16 WMMA but not bf16 mma.sync.
// CHECK: gpu.binary @dot_f16_kernel{{.*}}.target sm_80{{.*}}.shared .align 16 .b8 __dynamic_shmem__0
// CHECK-SAME: wmma.load.a.sync.aligned.row.m16n16k16.shared.f16
// CHECK-SAME: wmma.load.b.sync.aligned.row.m16n16k16.shared.f16
// CHECK-SAME: wmma.mma.sync.aligned.row.row.m16n16k16.f32.f32
// CHECK-SAME: wmma.store.d.sync.aligned.row.m16n16k16.shared.f32
// CHECK: gpu.binary @dot_bf16_kernel{{.*}}.target sm_80{{.*}}mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32{{.*}}mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// SM75: gpu.binary @dot_f16_kernel{{.*}}wmma.mma.sync.aligned.row.row.m16n16k16.f32.f32
// SM75-NOT: mma.sync.aligned.m16n8k16
func.func @dot_f16(%a: tensor<64x32xf16>, %b: tensor<32x48xf16>) -> tensor<64x48xf16> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x32xf16>, tensor<32x48xf16>) -> tensor<64x48xf16>
  return %0 : tensor<64x48xf16>
}
func.func @dot_bf16(%a: tensor<64x32xbf16>, %b: tensor<32x48xbf16>) -> tensor<64x48xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x32xbf16>, tensor<32x48xbf16>) -> tensor<64x48xf32>
  return %0 : tensor<64x48xf32>
}
