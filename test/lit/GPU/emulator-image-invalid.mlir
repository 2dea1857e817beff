// RUN: dlc-opt %s --split-input-file --verify-diagnostics --pass-pipeline='builtin.module(dlc-gpu-module-to-binary{format=emulator})'
// NVVM ops dlc's CUDA emulator does not implement are located errors (nothing is serialized).

module attributes {gpu.container_module} {
  gpu.module @clock {
    llvm.func @k() attributes {nvvm.kernel} {
      // expected-error @below {{dlc's CUDA emulator cannot run 'nvvm.read.ptx.sreg.clock' with these operands and attributes}}
      %t = nvvm.read.ptx.sreg.clock : i32
      llvm.return
    }
  }
}

// -----

// mma.sync with f16 accumulators: the emulator has f32 ones only.
module attributes {gpu.container_module} {
  gpu.module @mma_f16_accumulators {
    llvm.func @k(%a: vector<2xf16>, %b: vector<2xf16>, %c: vector<2xf16>) attributes {nvvm.kernel} {
      // expected-error @below {{dlc's CUDA emulator cannot run 'nvvm.mma.sync'}}
      %d = nvvm.mma.sync A[%a, %a, %a, %a] B[%b, %b] C[%c, %c] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (vector<2xf16>, vector<2xf16>, vector<2xf16>) -> !llvm.struct<(vector<2xf16>, vector<2xf16>)>
      llvm.return
    }
  }
}
