// Options of a named pipeline reach the passes it expands to: dhlo-optimize's
// max-fusion-ops bounds dhlo-fusion, and 1 turns fusion off.

// RUN: dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize)' | FileCheck %s --check-prefix=FUSED
// RUN: dlc-opt %s --dhlo-optimize=max-fusion-ops=1 | FileCheck %s --check-prefix=UNFUSED
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize-bf16{max-fusion-ops=1})' | FileCheck %s --check-prefix=UNFUSED

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
