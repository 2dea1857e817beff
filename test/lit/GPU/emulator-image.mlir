// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-gpu-module-to-binary{format=emulator})' | sed -e 's/\\0A/\n/g' | FileCheck %s
// format=emulator: each gpu.module, lowered to NVVM as for PTX, becomes a gpu.binary whose
// object is an MLIR module for dlc's CUDA emulator (dlc/CudaEmulator.h), loaded like a
// cubin (format `bin`, mgpuModuleLoad). NVVM ops become calls of the emulator's ABI; the
// image is split into lines here (its newlines are escaped in the attribute).

// Special registers by number (tid.x 0, ctaid.y 7), bar.sync a call; the kernel keeps no
// NVVM attribute (its calling convention would not run on the host).
// CHECK-LABEL: gpu.binary @registers [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, bin = "// dlc CUDA emulator image, bytes: {{[0-9]+}}
// CHECK-NEXT: module {
// CHECK-NEXT:   llvm.func @dlcEmuSpecialRegister(i32) -> i32
// CHECK:        llvm.func @k(%arg0: !llvm.ptr) {
// CHECK-NEXT:     %[[X:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:     %[[TID:.*]] = llvm.call @dlcEmuSpecialRegister(%[[X]]) : (i32) -> i32
// CHECK-NEXT:     %[[Y:.*]] = llvm.mlir.constant(7 : i32) : i32
// CHECK-NEXT:     llvm.call @dlcEmuSpecialRegister(%[[Y]]) : (i32) -> i32
// CHECK-NEXT:     llvm.call @dlcEmuBarrier() : () -> ()
// CHECK-NEXT:     llvm.store %[[TID]], %arg0 : i32, !llvm.ptr
// CHECK-NOT: nvvm
module attributes {gpu.container_module} {
  gpu.module @registers {
    llvm.func @k(%out: !llvm.ptr) attributes {gpu.kernel, nvvm.kernel, nvvm.maxntid = array<i32: 128, 1, 1>} {
      %tid = nvvm.read.ptx.sreg.tid.x : i32
      %block = nvvm.read.ptx.sreg.ctaid.y : i32
      nvvm.barrier0
      llvm.store %tid, %out : i32, !llvm.ptr
      llvm.return
    }
  }
}

// -----

// shfl.sync bfly (mode 2) on an f32 through its bits; the validity bit is bit 32.
// CHECK-LABEL: gpu.binary @shuffle
// CHECK:         %[[MODE:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK-NEXT:    %[[BITS:.*]] = llvm.bitcast %arg1 : f32 to i32
// CHECK-NEXT:    %[[R:.*]] = llvm.call @dlcEmuShuffle(%[[MODE]], %arg0, %[[BITS]], %arg2, %arg3) : (i32, i32, i32, i32, i32) -> i64
// CHECK-NEXT:    %[[LOW:.*]] = llvm.trunc %[[R]] : i64 to i32
// CHECK-NEXT:    %[[VALUE:.*]] = llvm.bitcast %[[LOW]] : i32 to f32
// CHECK-NEXT:    %[[C32:.*]] = llvm.mlir.constant(32 : i64) : i64
// CHECK-NEXT:    %[[HIGH:.*]] = llvm.lshr %[[R]], %[[C32]] : i64
// CHECK-NEXT:    %[[VALID:.*]] = llvm.trunc %[[HIGH]] : i64 to i1
// CHECK-NEXT:    %[[P:.*]] = llvm.mlir.poison : !llvm.struct<(f32, i1)>
// CHECK-NEXT:    %[[P0:.*]] = llvm.insertvalue %[[VALUE]], %[[P]][0]
// CHECK-NEXT:    llvm.insertvalue %[[VALID]], %[[P0]][1]
module attributes {gpu.container_module} {
  gpu.module @shuffle {
    llvm.func @k(%mask: i32, %x: f32, %offset: i32, %clamp: i32) attributes {nvvm.kernel} {
      %r = nvvm.shfl.sync bfly %mask, %x, %offset, %clamp {return_value_and_is_valid} : f32 -> !llvm.struct<(f32, i1)>
      llvm.return
    }
  }
}

// -----

// mma.sync m16n8k16 on bf16 (type 1): A, B and C pushed register by register in operand
// order, the f32 accumulators' bits included; D read back as four results.
// CHECK-LABEL: gpu.binary @mma_sync
// CHECK-COUNT-4: llvm.call @dlcEmuPush(%arg0) : (i32) -> ()
// CHECK-COUNT-2: llvm.call @dlcEmuPush(%arg1) : (i32) -> ()
// CHECK-COUNT-4: llvm.call @dlcEmuPush(%{{.*}}) : (i32) -> ()
// CHECK-NEXT:    %[[BF16:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT:    llvm.call @dlcEmuMmaSync(%[[BF16]]) : (i32) -> ()
// CHECK-COUNT-4: llvm.call @dlcEmuResult
// CHECK-NOT:     llvm.call
module attributes {gpu.container_module} {
  gpu.module @mma_sync {
    llvm.func @k(%a: i32, %b: i32, %c: f32) attributes {nvvm.kernel} {
      %d = nvvm.mma.sync A[%a, %a, %a, %a] B[%b, %b] C[%c, %c, %c, %c] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
      llvm.return
    }
  }
}

// -----

// WMMA: loads by code frag | layout << 2 | type << 4 (A row f16: 0; B col f16: 5; C row
// f32: 34) from a generic pointer; the mma pushes its 24 registers (code f16 | f32 << 4 =
// 32); the store pushes the 8 values and passes the stride last.
// CHECK-LABEL: gpu.binary @wmma
// CHECK:         %[[A:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT:    %[[PTR:.*]] = llvm.addrspacecast %arg0 : !llvm.ptr<3> to !llvm.ptr
// CHECK-NEXT:    llvm.call @dlcEmuWmmaLoad(%[[A]], %[[PTR]], %arg1) : (i32, !llvm.ptr, i32) -> ()
// CHECK-COUNT-8: llvm.call @dlcEmuResult
// CHECK:         llvm.mlir.constant(5 : i32) : i32
// CHECK:         llvm.mlir.constant(34 : i32) : i32
// CHECK-COUNT-24: llvm.call @dlcEmuPush
// CHECK-NEXT:    %[[MMA:.*]] = llvm.mlir.constant(32 : i32) : i32
// CHECK-NEXT:    llvm.call @dlcEmuWmmaMma(%[[MMA]]) : (i32) -> ()
// CHECK-COUNT-8: llvm.call @dlcEmuPush
// CHECK-NEXT:    %[[C:.*]] = llvm.mlir.constant(34 : i32) : i32
// CHECK-NEXT:    %[[OUT:.*]] = llvm.addrspacecast %arg0 : !llvm.ptr<3> to !llvm.ptr
// CHECK-NEXT:    llvm.call @dlcEmuWmmaStore(%[[C]], %[[OUT]], %arg1) : (i32, !llvm.ptr, i32) -> ()
module attributes {gpu.container_module} {
  gpu.module @wmma {
    llvm.func @k(%p: !llvm.ptr<3>, %ld: i32) attributes {nvvm.kernel} {
      %a = nvvm.wmma.load %p, %ld {eltype = #nvvm.mma_type<f16>, frag = #nvvm.mma_frag<a>, k = 16 : i32, layout = #nvvm.mma_layout<row>, m = 16 : i32, n = 16 : i32} : (!llvm.ptr<3>) -> !llvm.struct<(vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>)>
      %b = nvvm.wmma.load %p, %ld {eltype = #nvvm.mma_type<f16>, frag = #nvvm.mma_frag<b>, k = 16 : i32, layout = #nvvm.mma_layout<col>, m = 16 : i32, n = 16 : i32} : (!llvm.ptr<3>) -> !llvm.struct<(vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>)>
      %c = nvvm.wmma.load %p, %ld {eltype = #nvvm.mma_type<f32>, frag = #nvvm.mma_frag<c>, k = 16 : i32, layout = #nvvm.mma_layout<row>, m = 16 : i32, n = 16 : i32} : (!llvm.ptr<3>) -> !llvm.struct<(f32, f32, f32, f32, f32, f32, f32, f32)>
      %a0 = llvm.extractvalue %a[0] : !llvm.struct<(vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>)>
      %b0 = llvm.extractvalue %b[0] : !llvm.struct<(vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>)>
      %c0 = llvm.extractvalue %c[0] : !llvm.struct<(f32, f32, f32, f32, f32, f32, f32, f32)>
      %d = nvvm.wmma.mma %a0, %a0, %a0, %a0, %a0, %a0, %a0, %a0, %b0, %b0, %b0, %b0, %b0, %b0, %b0, %b0, %c0, %c0, %c0, %c0, %c0, %c0, %c0, %c0 {eltypeA = #nvvm.mma_type<f16>, eltypeB = #nvvm.mma_type<f32>, k = 16 : i32, layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<row>, m = 16 : i32, n = 16 : i32} : (vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, vector<2xf16>, f32, f32, f32, f32, f32, f32, f32, f32) -> !llvm.struct<(f32, f32, f32, f32, f32, f32, f32, f32)>
      %d0 = llvm.extractvalue %d[0] : !llvm.struct<(f32, f32, f32, f32, f32, f32, f32, f32)>
      nvvm.wmma.store %p, %ld, %d0, %d0, %d0, %d0, %d0, %d0, %d0, %d0 {eltype = #nvvm.mma_type<f32>, k = 16 : i32, layout = #nvvm.mma_layout<row>, m = 16 : i32, n = 16 : i32} : !llvm.ptr<3>, f32, f32, f32, f32, f32, f32, f32, f32
      llvm.return
    }
  }
}

// -----

// The dynamic shared memory is the launch's, from the emulator; its global goes.
// CHECK-LABEL: gpu.binary @dynamic_shared
// CHECK-NOT:     __dynamic_shmem__
// CHECK:         %[[M:.*]] = llvm.call @dlcEmuDynamicSharedMemory() : () -> !llvm.ptr
// CHECK-NEXT:    llvm.addrspacecast %[[M]] : !llvm.ptr to !llvm.ptr<3>
// CHECK-NOT:     __dynamic_shmem__
module attributes {gpu.container_module} {
  gpu.module @dynamic_shared {
    llvm.mlir.global internal @__dynamic_shmem__0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
    llvm.func @k() attributes {nvvm.kernel} {
      %shared = llvm.mlir.addressof @__dynamic_shmem__0 : !llvm.ptr<3>
      llvm.return
    }
  }
}
