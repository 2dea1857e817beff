// Options of a named pipeline reach the passes it expands to: dhlo-optimize's
// max-fusion-ops bounds dhlo-fusion, and 1 turns fusion off.

// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dhlo-optimize)' | FileCheck %s --check-prefix=FUSED
// RUN: dlc-opt %s --split-input-file --dhlo-optimize=max-fusion-ops=1 | FileCheck %s --check-prefix=UNFUSED
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dhlo-optimize-bf16{max-fusion-ops=1})' | FileCheck %s --check-prefix=UNFUSED

// FUSED-LABEL: func.func @scale_exp
// FUSED: "dhlo.fusion"
// FUSED-NOT: "dhlo.exponential"
// FUSED: return

// UNFUSED-LABEL: func.func @scale_exp
// UNFUSED-NOT: "dhlo.fusion"
// UNFUSED: "dhlo.multiply"
// UNFUSED-NEXT: "dhlo.exponential"
// UNFUSED-NEXT: return
func.func @scale_exp(%x: tensor<4x8xf32>, %s: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = "dhlo.multiply"(%x, %s) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.exponential"(%0) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// -----

// bf16 is off by default; dhlo-optimize{bf16=matmul} is dhlo-optimize-bf16.
// RUN: dlc-opt %s --split-input-file --dhlo-optimize | FileCheck %s --check-prefix=F32
// RUN: dlc-opt %s --split-input-file --dhlo-optimize=bf16=matmul | FileCheck %s --check-prefix=BF16
// RUN: dlc-opt %s --split-input-file --dhlo-optimize-bf16 | FileCheck %s --check-prefix=BF16
// RUN: not dlc-opt %s --split-input-file --dhlo-optimize=target=tpu 2>&1 | FileCheck %s --check-prefix=TARGET

// F32-LABEL: func.func @matmul
// F32-NOT: bf16
// F32: return

// BF16-LABEL: func.func @matmul
// BF16: "dhlo.convert"{{.*}} -> tensor<4x8xbf16>
// BF16: "dhlo.dot_general"{{.*}}(tensor<4x8xbf16>, tensor<8x2xbf16>) -> tensor<4x2xf32>

// TARGET: error: {{.*}}tpu
func.func @matmul(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) -> tensor<4x2xf32> {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>,
         rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,
         rhs_contracting_dimensions = array<i64: 0>}
       : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
