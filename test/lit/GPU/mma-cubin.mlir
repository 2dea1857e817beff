// REQUIRES: ptxas
// RUN: dlc-opt %S/mma-ptx.mlir --pass-pipeline='builtin.module(dlc-lower-to-gpu{chip=sm_80 format=cubin})' | FileCheck %s --check-prefix=SM80
// RUN: dlc-opt %S/mma-ptx.mlir --pass-pipeline='builtin.module(dlc-lower-to-gpu{chip=sm_90 format=cubin})' | FileCheck %s --check-prefix=SM90
// With the CUDA toolkit, ptxas accepts the tensor-core kernels of mma-ptx.mlir (f16 WMMA,
// bf16 mma.sync) for sm_80 and sm_90: every gpu.binary holds an ELF cubin (two kernels:
// each dot's zero fill is its accumulators' initial value, not a kernel).
// SM80-COUNT-2: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<chip = "sm_80", features = "+ptx70">, {{.*}}bin = "\7FELF
// SM80-NOT: gpu.binary
// SM90-COUNT-2: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}bin = "\7FELF
// SM90-NOT: gpu.binary
