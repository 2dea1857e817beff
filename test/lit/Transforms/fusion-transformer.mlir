// dhlo-fusion on the transformer block of examples/transformer_block.mlir. The block has
// 88 compute ops (and 13 constants, which are data, not kernels): 88 kernels unfused.
// Fused, it runs as 11 kernels and leaves no compute op outside a fusion:
//   layer norm 1   mean, variance, rsqrt and normalize: the row sums broadcast back
//                  over their rows (input)                                            1
//   Q, K, V        matrix multiply, bias, split into heads (output)                   3
//   attention      scores and scaling (output), softmax (input: row max, exp, row
//                  sum, divide), probabilities x V with the heads merged back
//                  (output), projection, bias and residual (output)                   4
//   layer norm 2   as layer norm 1                                                    1
//   MLP            up projection, bias and gelu (output); down projection, bias and
//                  residual (output)                                                  2
// RUN: dlc-opt %dlc_src/examples/transformer_block.mlir | FileCheck %s --check-prefix=BEFORE
// RUN: dlc-opt %dlc_src/examples/transformer_block.mlir --dhlo-fusion | FileCheck %s
// RUN: dlc-opt %dlc_src/examples/transformer_block.mlir --dhlo-fusion | FileCheck %s --check-prefix=COUNT
// RUN: dlc-opt %dlc_src/examples/transformer_block.mlir --dhlo-fusion=dot-file=%t.dot > /dev/null
// RUN: FileCheck %s --check-prefix=DOT < %t.dot
// RUN: dlc-opt %dlc_src/examples/transformer_block.mlir --pass-pipeline='builtin.module(dhlo-optimize)' | FileCheck %s --check-prefix=PIPELINE

// Before: 88 compute ops, the last one right before the return.
// BEFORE-LABEL: func.func @transformer_block
// BEFORE-COUNT-88: = "dhlo.{{(add|subtract|multiply|divide|rsqrt|tanh|exponential|reduce|broadcast_in_dim|reshape|transpose|dot_general)}}"
// BEFORE-NEXT: return

// After: 11 fusions, then the return: 0 compute ops left unfused. 11 fused computations.
// COUNT-LABEL: func.func @transformer_block
// COUNT-COUNT-11: = "dhlo.fusion"
// COUNT-NEXT: return
// COUNT-COUNT-11: func.func private @fused_

// The 11 kernels, in order, and nothing else.
// CHECK-LABEL: func.func @transformer_block
// CHECK-NEXT: %[[LN1:.*]] = "dhlo.fusion"(%arg0, %arg1, %arg2) {calls = @fused_0, kind = "input"
// CHECK-NEXT: %[[Q:.*]] = "dhlo.fusion"(%[[LN1]], %arg3, %arg4) {calls = @fused_1, kind = "output"
// CHECK-NEXT: %[[K:.*]] = "dhlo.fusion"(%[[LN1]], %arg5, %arg6) {calls = @fused_2, kind = "output"
// CHECK-NEXT: %[[V:.*]] = "dhlo.fusion"(%[[LN1]], %arg7, %arg8) {calls = @fused_3, kind = "output"
// CHECK-NEXT: %[[SCORES:.*]] = "dhlo.fusion"(%[[Q]], %[[K]]) {calls = @fused_4, kind = "output"
// CHECK-NEXT: %[[PROBS:.*]] = "dhlo.fusion"(%[[SCORES]]) {calls = @fused_5, kind = "input"
// CHECK-NEXT: %[[CTX:.*]] = "dhlo.fusion"(%[[PROBS]], %[[V]]) {calls = @fused_6, kind = "output"
// CHECK-NEXT: %[[RESID1:.*]] = "dhlo.fusion"(%[[CTX]], %arg0, %arg9, %arg10) {calls = @fused_7, kind = "output"
// CHECK-NEXT: %[[LN2:.*]] = "dhlo.fusion"(%[[RESID1]], %arg11, %arg12) {calls = @fused_8, kind = "input"
// CHECK-NEXT: %[[GELU:.*]] = "dhlo.fusion"(%[[LN2]], %arg13, %arg14) {calls = @fused_9, kind = "output"
// CHECK-NEXT: %[[OUT:.*]] = "dhlo.fusion"(%[[GELU]], %arg15, %arg16, %[[RESID1]]) {calls = @fused_10, kind = "output"
// CHECK-NEXT: return %[[OUT]]

// Softmax in one kernel: its exponentials are computed once, summed over the row and
// divided by the row's sum, never written.
// CHECK-LABEL: func.func private @fused_5
// CHECK: "dhlo.reduce"({{.*}}to_apply = @max_f32
// CHECK: %[[E:.*]] = "dhlo.exponential"
// CHECK-NEXT: %[[S:.*]] = "dhlo.reduce"(%[[E]], {{.*}}to_apply = @add_f32
// CHECK-NEXT: %[[SB:.*]] = "dhlo.broadcast_in_dim"(%[[S]])
// CHECK-NEXT: %[[P:.*]] = "dhlo.divide"(%[[E]], %[[SB]])
// CHECK-NEXT: return %[[P]] : tensor<1x4x128x128xf32>

// The MLP's first kernel: the matrix multiply and its whole gelu epilogue.
// CHECK-LABEL: func.func private @fused_9
// CHECK-NEXT: "dhlo.dot_general"
// CHECK-NOT: func.func
// CHECK: "dhlo.tanh"
// CHECK-NOT: func.func
// CHECK: return

// One cluster per function, one nested cluster per fusion.
// DOT: digraph dhlo_fusion {
// DOT: subgraph cluster_f0 {
// DOT-NEXT: label="@transformer_block";
// DOT-COUNT-11: subgraph cluster_f0_c{{[0-9]+}} {
// DOT-NOT: subgraph
// DOT: f0_n{{[0-9]+}} -> f0_return;

// dhlo-optimize fuses.
// PIPELINE-LABEL: func.func @transformer_block
// PIPELINE: "dhlo.fusion"
