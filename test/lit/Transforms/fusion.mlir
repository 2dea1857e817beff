// RUN: dlc-opt %s --split-input-file --dhlo-fusion | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dhlo-fusion=remarks 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dhlo-fusion{remarks max-fusion-ops=2})' 2>&1 >/dev/null | FileCheck %s --check-prefix=LIMIT
// RUN: dlc-opt %s --split-input-file --dhlo-fusion='remarks max-duplication=0' 2>&1 >/dev/null | FileCheck %s --check-prefix=NODUP
// RUN: dlc-opt %s --split-input-file --dhlo-fusion --dhlo-fusion | FileCheck %s --check-prefix=TWICE
// RUN: not dlc-opt %s --split-input-file --dhlo-fusion=max-fusion-ops=x 2>&1 | FileCheck %s --check-prefix=BADVALUE
// RUN: not dlc-opt %s --split-input-file --dhlo-fusion=max-fusion-ops=0 2>&1 | FileCheck %s --check-prefix=BADRANGE
// RUN: not dlc-opt %s --split-input-file --dhlo-fusion=max-fused-ops=3 2>&1 | FileCheck %s --check-prefix=BADNAME
// RUN: not dlc-opt %s --split-input-file --dhlo-fusion=dot-file=%t.missing/fusion.dot 2>&1 | FileCheck %s --check-prefix=BADDOT

// BADVALUE: invalid int value 'x' for option 'max-fusion-ops'
// BADRANGE: dhlo-fusion: option 'max-fusion-ops' must be an integer in [1, 2147483647], got 0
// BADNAME: pass 'dhlo-fusion' has no option 'max-fused-ops'
// BADDOT: dhlo-fusion: cannot write dot-file '{{.*}}fusion.dot'

// An elementwise chain becomes one loop fusion: the fusion takes the chain's inputs,
// calls a private function holding the chain, and the original ops are gone.
// CHECK-LABEL: func.func @loop_chain
// CHECK-NEXT: %[[F:.*]] = "dhlo.fusion"(%arg0, %arg1) {calls = @fused_0, kind = "loop", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>}
// CHECK-NEXT: return %[[F]]
// CHECK-LABEL: func.func private @fused_0(%arg0: tensor<4x8xf32>, %arg1: tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK-NEXT: %[[A:.*]] = "dhlo.add"(%arg0, %arg1)
// CHECK-NEXT: %[[E:.*]] = "dhlo.exponential"(%[[A]])
// CHECK-NEXT: %[[N:.*]] = "dhlo.negate"(%[[E]])
// CHECK-NEXT: return %[[N]]
// REMARK: fusion.mlir:[[@LINE+5]]:8: remark: dhlo-fusion: fusing 'dhlo.add' into 'dhlo.exponential' (loop fusion, estimated gain {{.*}} us)
// REMARK: fusion.mlir:[[@LINE+5]]:8: remark: dhlo-fusion: fusing 'dhlo.exponential' into 'dhlo.negate' (loop fusion
// LIMIT: fusion.mlir:[[@LINE+3]]:8: remark: dhlo-fusion: fusing 'dhlo.add' into 'dhlo.exponential'
// LIMIT: fusion.mlir:[[@LINE+3]]:8: remark: dhlo-fusion: not fusing 'dhlo.exponential' into 'dhlo.negate': would have 3 ops (max-fusion-ops=2)
func.func @loop_chain(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = "dhlo.add"(%x, %y) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.exponential"(%0) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = "dhlo.negate"(%1) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// Data movement and conversions fuse into loop fusions too; operands of different types
// go to different variadic groups of dhlo.fusion.
// CHECK-LABEL: func.func @loop_movement
// CHECK-NEXT: "dhlo.fusion"(%arg0, %arg1) {calls = @fused_0, kind = "loop", operandSegmentSizes = array<i32: 1, 1, 0,
// CHECK-LABEL: func.func private @fused_0
// CHECK-NEXT: "dhlo.transpose"(%arg0)
// CHECK-NEXT: "dhlo.convert"
// CHECK-NEXT: "dhlo.broadcast_in_dim"(%arg1)
// CHECK-NEXT: "dhlo.multiply"
// CHECK-NEXT: "dhlo.reshape"
// CHECK-NEXT: return
func.func @loop_movement(%x: tensor<8x4xf16>, %b: tensor<4xf32>) -> tensor<2x16xf32> {
  %0 = "dhlo.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<8x4xf16>) -> tensor<4x8xf16>
  %1 = "dhlo.convert"(%0) : (tensor<4x8xf16>) -> tensor<4x8xf32>
  %2 = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4x8xf32>
  %3 = "dhlo.multiply"(%1, %2) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %4 = "dhlo.reshape"(%3) : (tensor<4x8xf32>) -> tensor<2x16xf32>
  return %4 : tensor<2x16xf32>
}

// -----

// Input fusion: the elementwise producers of a reduce (and its init constant) join it;
// the reducer stays where it is and the fused reduce still names it.
// CHECK-LABEL: func.func private @add_f32
// CHECK-LABEL: func.func @input_exp_sum
// CHECK-NEXT: %[[F:.*]] = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "input"
// CHECK-NEXT: return %[[F]]
// CHECK-LABEL: func.func private @fused_0(%arg0: tensor<4x8xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[Z:.*]] = "dhlo.constant"
// CHECK-NEXT: %[[E:.*]] = "dhlo.exponential"(%arg0)
// CHECK-NEXT: %[[R:.*]] = "dhlo.reduce"(%[[E]], %[[Z]]) {dimensions = array<i64: 1>, to_apply = @add_f32}
// CHECK-NEXT: return %[[R]]
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @input_exp_sum(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.exponential"(%x) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.reduce"(%0, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Softmax: one kernel. Each reduction's result is broadcast back over the rows it reduced
// (a row broadcast), so a kernel with one block per row has the row's maximum and sum
// before it reads them; each is computed once per row, not once per element.
// CHECK-LABEL: func.func @softmax
// CHECK-NEXT: %[[P:.*]] = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "input"
// CHECK-NEXT: return %[[P]]
// CHECK-LABEL: func.func private @fused_0
// CHECK: %[[MAX:.*]] = "dhlo.reduce"(%arg0, {{.*}}to_apply = @max_f32
// CHECK-NEXT: %[[MAXB:.*]] = "dhlo.broadcast_in_dim"(%[[MAX]])
// CHECK-NEXT: %[[SHIFT:.*]] = "dhlo.subtract"(%arg0, %[[MAXB]])
// CHECK-NEXT: %[[EXP:.*]] = "dhlo.exponential"(%[[SHIFT]])
// CHECK-NEXT: %[[SUM:.*]] = "dhlo.reduce"(%[[EXP]], {{.*}}to_apply = @add_f32
// CHECK-NEXT: %[[SUMB:.*]] = "dhlo.broadcast_in_dim"(%[[SUM]])
// CHECK-NEXT: %[[Y:.*]] = "dhlo.divide"(%[[EXP]], %[[SUMB]])
// CHECK-NEXT: return %[[Y]] : tensor<2x8xf32>
// REMARK: fusion.mlir:[[@LINE+12]]:8: remark: dhlo-fusion: fusing 'dhlo.reduce' into 'dhlo.broadcast_in_dim' (input fusion, estimated gain
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @softmax(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<2x8xf32>, tensor<f32>) -> tensor<2xf32>
  %1 = "dhlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<2x8xf32>
  %2 = "dhlo.subtract"(%x, %1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %3 = "dhlo.exponential"(%2) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %4 = "dhlo.reduce"(%3, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<2x8xf32>, tensor<f32>) -> tensor<2xf32>
  %5 = "dhlo.broadcast_in_dim"(%4) {broadcast_dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<2x8xf32>
  %6 = "dhlo.divide"(%3, %5) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %6 : tensor<2x8xf32>
}

// -----

// A reduction over the leading dimension (columns) broadcast back is not a row broadcast:
// the kernel would need every row's value before the first element. Two kernels.
// CHECK-LABEL: func.func @column_normalize
// CHECK-NEXT: %[[S:.*]] = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "input"
// CHECK-NEXT: %[[Y:.*]] = "dhlo.fusion"(%[[S]], %arg0) {calls = @fused_1, kind = "loop"
// CHECK-NEXT: return %[[Y]]
// REMARK: fusion.mlir:[[@LINE+7]]:8: remark: dhlo-fusion: not fusing 'dhlo.reduce' into 'dhlo.broadcast_in_dim': would broadcast the result of 'dhlo.reduce' inside the kernel
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @column_normalize(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 0>, to_apply = @add_f32} : (tensor<2x8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = "dhlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<2x8xf32>
  %2 = "dhlo.divide"(%x, %1) : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %2 : tensor<2x8xf32>
}

// -----

// Row sums of a square matrix broadcast along its columns (broadcast_dimensions = [1])
// have the operand's shape but are not a row broadcast: element (i, j) reads row j's sum.
// CHECK-LABEL: func.func @transposed_row_sums
// CHECK-NEXT: %[[S:.*]] = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "input"
// CHECK-NEXT: %[[Y:.*]] = "dhlo.fusion"(%[[S]], %arg0) {calls = @fused_1, kind = "loop"
// CHECK-NEXT: return %[[Y]]
// REMARK: fusion.mlir:[[@LINE+7]]:8: remark: dhlo-fusion: not fusing 'dhlo.reduce' into 'dhlo.broadcast_in_dim': would broadcast the result of 'dhlo.reduce' inside the kernel
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @transposed_row_sums(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<8x8xf32>, tensor<f32>) -> tensor<8xf32>
  %1 = "dhlo.broadcast_in_dim"(%0) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<8x8xf32>
  %2 = "dhlo.divide"(%x, %1) : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  return %2 : tensor<8x8xf32>
}

// -----

// Output fusion: a matrix multiply with its epilogue (bias add through a broadcast, relu
// as a maximum with zero).
// CHECK-LABEL: func.func @output_bias_relu
// CHECK-NEXT: "dhlo.fusion"(%arg0, %arg1, %arg2) {calls = @fused_0, kind = "output"
// CHECK-LABEL: func.func private @fused_0
// CHECK-NEXT: %[[D:.*]] = "dhlo.dot_general"(%arg0, %arg1)
// CHECK-NEXT: %[[B:.*]] = "dhlo.broadcast_in_dim"(%arg2)
// CHECK-NEXT: %[[A:.*]] = "dhlo.add"(%[[D]], %[[B]])
// CHECK-NEXT: %[[Z:.*]] = "dhlo.constant"
// CHECK-NEXT: %[[ZB:.*]] = "dhlo.broadcast_in_dim"(%[[Z]])
// CHECK-NEXT: %[[R:.*]] = "dhlo.maximum"(%[[A]], %[[ZB]])
// CHECK-NEXT: return %[[R]]
func.func @output_bias_relu(%x: tensor<16x32xf32>, %w: tensor<32x64xf32>, %b: tensor<64xf32>) -> tensor<16x64xf32> {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<16x32xf32>, tensor<32x64xf32>) -> tensor<16x64xf32>
  %1 = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<16x64xf32>
  %2 = "dhlo.add"(%0, %1) : (tensor<16x64xf32>, tensor<16x64xf32>) -> tensor<16x64xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %3 = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<16x64xf32>
  %4 = "dhlo.maximum"(%2, %3) : (tensor<16x64xf32>, tensor<16x64xf32>) -> tensor<16x64xf32>
  return %4 : tensor<16x64xf32>
}

// -----

// Output fusion with scaling and a residual add. The fusion's operands are grouped by
// type: the two 16x32 tensors share the first group.
// CHECK-LABEL: func.func @output_scale_residual
// CHECK-NEXT: "dhlo.fusion"(%arg0, %arg2, %arg1) {calls = @fused_0, kind = "output", operandSegmentSizes = array<i32: 2, 1, 0,
// CHECK-LABEL: func.func private @fused_0
// CHECK-NEXT: "dhlo.dot_general"
// CHECK-NEXT: "dhlo.constant"
// CHECK-NEXT: "dhlo.broadcast_in_dim"
// CHECK-NEXT: "dhlo.multiply"
// CHECK-NEXT: "dhlo.add"
// CHECK-NEXT: return
func.func @output_scale_residual(%x: tensor<16x32xf32>, %w: tensor<32x32xf32>, %r: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<16x32xf32>, tensor<32x32xf32>) -> tensor<16x32xf32>
  %s = "dhlo.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %1 = "dhlo.broadcast_in_dim"(%s) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<16x32xf32>
  %2 = "dhlo.multiply"(%0, %1) : (tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<16x32xf32>
  %3 = "dhlo.add"(%2, %r) : (tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<16x32xf32>
  return %3 : tensor<16x32xf32>
}

// -----

// Multi-output (sibling) fusion: two reductions of the same operand over the same
// iteration space read it once, in one kernel with two results.
// CHECK-LABEL: func.func @sibling_reductions
// CHECK-NEXT: %[[F:.*]]:2 = "dhlo.fusion"(%arg0, %arg1, %arg2) {calls = @fused_0, kind = "input", operandSegmentSizes = array<i32: 1, 2, 0, {{.*}}resultSegmentSizes = array<i32: 2, 0, 0, 0>}
// CHECK-NEXT: return %[[F]]#0, %[[F]]#1
// CHECK-LABEL: func.func private @fused_0
// CHECK-NEXT: %[[S:.*]] = "dhlo.reduce"(%arg0, %arg1) {{.*}}to_apply = @add_f32
// CHECK-NEXT: %[[M:.*]] = "dhlo.reduce"(%arg0, %arg2) {{.*}}to_apply = @max_f32
// CHECK-NEXT: return %[[S]], %[[M]]
// REMARK: fusion.mlir:[[@LINE+10]]:8: remark: dhlo-fusion: fusing sibling 'dhlo.reduce' with 'dhlo.reduce' (multi-output input fusion, estimated gain {{.*}} us)
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @sibling_reductions(%x: tensor<4x8xf32>, %zero: tensor<f32>, %ninf: tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Siblings over different iteration spaces stay apart: reducing rows and reducing
// columns of one operand.
// CHECK-LABEL: func.func @sibling_shapes_differ
// CHECK-COUNT-2: "dhlo.reduce"
// REMARK: fusion.mlir:[[@LINE+6]]:8: remark: dhlo-fusion: not fusing sibling 'dhlo.reduce' with 'dhlo.reduce': would put reductions of different shapes in one kernel
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @sibling_shapes_differ(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> (tensor<4xf32>, tensor<8xf32>) {
  %0 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 0>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<8xf32>
  return %0, %1 : tensor<4xf32>, tensor<8xf32>
}

// -----

// A cheap producer with users in two kernels is copied into one of them and moved into
// the other (max-duplication=1). Without copies, merging it into its second user would
// close a cycle through the custom_call.
// CHECK-LABEL: func.func @duplicate_broadcast
// CHECK-NEXT: %[[A:.*]] = "dhlo.fusion"(%arg0, %arg1) {calls = @fused_0, kind = "loop"
// CHECK-NEXT: %[[C:.*]] = "dhlo.custom_call"(%[[A]])
// CHECK-NEXT: %[[M:.*]] = "dhlo.fusion"(%arg0, %[[C]]) {calls = @fused_1, kind = "loop"
// CHECK-NEXT: return %[[M]]
// CHECK-LABEL: func.func private @fused_0
// CHECK-NEXT: "dhlo.broadcast_in_dim"(%arg0)
// CHECK-NEXT: "dhlo.add"
// CHECK-LABEL: func.func private @fused_1
// CHECK-NEXT: "dhlo.broadcast_in_dim"(%arg0)
// CHECK-NEXT: "dhlo.multiply"
// REMARK: fusion.mlir:[[@LINE+5]]:8: remark: dhlo-fusion: duplicating 'dhlo.broadcast_in_dim' into 'dhlo.multiply' (loop fusion, estimated gain {{.*}} us)
// REMARK: fusion.mlir:[[@LINE+5]]:8: remark: dhlo-fusion: not fusing 'dhlo.add' into 'dhlo.custom_call': 'dhlo.custom_call' is not fusible
// NODUP: fusion.mlir:[[@LINE+3]]:8: remark: dhlo-fusion: fusing 'dhlo.broadcast_in_dim' into 'dhlo.add'
// NODUP: fusion.mlir:[[@LINE+2]]:8: remark: dhlo-fusion: not fusing 'dhlo.broadcast_in_dim' into 'dhlo.multiply': would create a cycle; duplicating it: would exceed max-duplication=0 copies of 'dhlo.broadcast_in_dim'
func.func @duplicate_broadcast(%v: tensor<8xf32>, %x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %b = "dhlo.broadcast_in_dim"(%v) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<4x8xf32>
  %0 = "dhlo.add"(%x, %b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.custom_call"(%0) {call_target_name = "opaque", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = "dhlo.multiply"(%1, %b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// A producer with a user that cannot fuse: it still fuses into its other user, and the
// kernel writes it as a second result for the custom_call.
// CHECK-LABEL: func.func @non_fusible_user
// CHECK-NEXT: %[[F:.*]]:2 = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "loop"
// CHECK-NEXT: %[[C:.*]] = "dhlo.custom_call"(%[[F]]#0)
// CHECK-NEXT: return %[[C]], %[[F]]#1
// REMARK: fusion.mlir:[[@LINE+3]]:8: remark: dhlo-fusion: fusing 'dhlo.exponential' into 'dhlo.negate' (loop fusion
// REMARK: fusion.mlir:[[@LINE+2]]:8: remark: dhlo-fusion: not fusing 'dhlo.exponential' into 'dhlo.custom_call': 'dhlo.custom_call' is not fusible
func.func @non_fusible_user(%x: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %0 = "dhlo.exponential"(%x) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.custom_call"(%0) {call_target_name = "opaque", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = "dhlo.negate"(%0) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %1, %2 : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// The add reaches the reduce both directly and through the custom_call that computes
// the reduce's init value: one kernel holding both would need its own output first.
// A copy of the add would read two operands instead of one: no gain either.
// CHECK-LABEL: func.func @cycle
// CHECK-NOT: dhlo.fusion
// REMARK: fusion.mlir:[[@LINE+6]]:8: remark: dhlo-fusion: not fusing 'dhlo.add' into 'dhlo.reduce': would create a cycle; duplicating it: not profitable (estimated gain -{{.*}} us)
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @cycle(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4xf32> {
  %0 = "dhlo.add"(%x, %y) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %init = "dhlo.custom_call"(%0) {call_target_name = "pick_init", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>) -> tensor<f32>
  %1 = "dhlo.reduce"(%0, %init) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// The same shape with a matrix multiply as the producer: merging would create a cycle,
// and a copy would compute the matrix multiply twice.
// CHECK-LABEL: func.func @expensive_duplicate
// CHECK-NOT: dhlo.fusion
// REMARK: fusion.mlir:[[@LINE+2]]:8: remark: dhlo-fusion: not fusing 'dhlo.dot_general' into 'dhlo.add': would create a cycle; duplicating it: 'dhlo.dot_general' is too expensive to duplicate
func.func @expensive_duplicate(%x: tensor<16x32xf32>, %w: tensor<32x32xf32>) -> tensor<16x32xf32> {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<16x32xf32>, tensor<32x32xf32>) -> tensor<16x32xf32>
  %1 = "dhlo.custom_call"(%0) {call_target_name = "opaque", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<16x32xf32>) -> tensor<16x32xf32>
  %2 = "dhlo.add"(%0, %1) : (tensor<16x32xf32>, tensor<16x32xf32>) -> tensor<16x32xf32>
  return %2 : tensor<16x32xf32>
}

// -----

// Fusing transcendental ops into a large broadcast recomputes them for every output
// element: the cost model says no.
// CHECK-LABEL: func.func @negative_gain
// CHECK-NEXT: %[[F:.*]] = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "loop"
// CHECK-NEXT: "dhlo.broadcast_in_dim"(%[[F]])
// REMARK: fusion.mlir:[[@LINE+3]]:8: remark: dhlo-fusion: not fusing 'dhlo.tanh' into 'dhlo.broadcast_in_dim': not profitable (estimated gain -{{[0-9.]+}} us)
func.func @negative_gain(%x: tensor<64xf32>) -> tensor<4096x64xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %1 = "dhlo.tanh"(%0) : (tensor<64xf32>) -> tensor<64xf32>
  %2 = "dhlo.broadcast_in_dim"(%1) {broadcast_dimensions = array<i64: 1>} : (tensor<64xf32>) -> tensor<4096x64xf32>
  return %2 : tensor<4096x64xf32>
}

// -----

// dhlo.fusion has 4 result groups, one per distinct result type: the fifth conversion
// of a shared operand stays out of the multi-output fusion.
// CHECK-LABEL: func.func @result_types
// CHECK-NEXT: %[[F:.*]]:4 = "dhlo.fusion"(%arg0) {calls = @fused_0, kind = "loop", {{.*}}resultSegmentSizes = array<i32: 1, 1, 1, 1>}
// CHECK-NEXT: %[[C:.*]] = "dhlo.convert"(%arg0)
// REMARK: fusion.mlir:[[@LINE+2]]:8: remark: dhlo-fusion: not fusing sibling 'dhlo.convert' with 'dhlo.convert': would need 5 result types (dhlo.fusion has 4 result groups)
func.func @result_types(%x: tensor<4xf32>) -> (tensor<4xf16>, tensor<4xbf16>, tensor<4xf64>, tensor<4xi32>, tensor<4xi8>) {
  %0 = "dhlo.convert"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  %1 = "dhlo.convert"(%x) : (tensor<4xf32>) -> tensor<4xbf16>
  %2 = "dhlo.convert"(%x) : (tensor<4xf32>) -> tensor<4xf64>
  %3 = "dhlo.convert"(%x) : (tensor<4xf32>) -> tensor<4xi32>
  %4 = "dhlo.convert"(%x) : (tensor<4xf32>) -> tensor<4xi8>
  return %0, %1, %2, %3, %4 : tensor<4xf16>, tensor<4xbf16>, tensor<4xf64>, tensor<4xi32>, tensor<4xi8>
}

// -----

// dhlo.fusion has 16 operand groups, one per distinct operand type: a sum of 17 tensors
// of 17 shapes stops one addition short of a single kernel.
// CHECK-LABEL: func.func @operand_types
// CHECK: %[[F:.*]] = "dhlo.fusion"({{.*}}) {calls = @fused_0, kind = "loop", operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1>
// CHECK-NEXT: "dhlo.fusion"(%arg16, %[[F]]) {calls = @fused_1
// REMARK: remark: dhlo-fusion: not fusing 'dhlo.add' into 'dhlo.add': would need 17 operand types (dhlo.fusion has 16 operand groups)
func.func @operand_types(
    %x: tensor<4xf32>, %a1: tensor<1x4xf32>, %a2: tensor<4x1xf32>, %a3: tensor<2x2xf32>,
    %a4: tensor<1x1x4xf32>, %a5: tensor<1x4x1xf32>, %a6: tensor<4x1x1xf32>, %a7: tensor<1x2x2xf32>,
    %a8: tensor<2x1x2xf32>, %a9: tensor<2x2x1xf32>, %a10: tensor<1x1x1x4xf32>, %a11: tensor<1x1x4x1xf32>,
    %a12: tensor<1x4x1x1xf32>, %a13: tensor<4x1x1x1xf32>, %a14: tensor<2x2x1x1xf32>, %a15: tensor<1x2x1x2xf32>,
    %a16: tensor<2x1x1x2xf32>) -> tensor<4xf32> {
  %r1 = "dhlo.reshape"(%a1) : (tensor<1x4xf32>) -> tensor<4xf32>
  %s1 = "dhlo.add"(%x, %r1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r2 = "dhlo.reshape"(%a2) : (tensor<4x1xf32>) -> tensor<4xf32>
  %s2 = "dhlo.add"(%s1, %r2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r3 = "dhlo.reshape"(%a3) : (tensor<2x2xf32>) -> tensor<4xf32>
  %s3 = "dhlo.add"(%s2, %r3) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r4 = "dhlo.reshape"(%a4) : (tensor<1x1x4xf32>) -> tensor<4xf32>
  %s4 = "dhlo.add"(%s3, %r4) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r5 = "dhlo.reshape"(%a5) : (tensor<1x4x1xf32>) -> tensor<4xf32>
  %s5 = "dhlo.add"(%s4, %r5) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r6 = "dhlo.reshape"(%a6) : (tensor<4x1x1xf32>) -> tensor<4xf32>
  %s6 = "dhlo.add"(%s5, %r6) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r7 = "dhlo.reshape"(%a7) : (tensor<1x2x2xf32>) -> tensor<4xf32>
  %s7 = "dhlo.add"(%s6, %r7) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r8 = "dhlo.reshape"(%a8) : (tensor<2x1x2xf32>) -> tensor<4xf32>
  %s8 = "dhlo.add"(%s7, %r8) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r9 = "dhlo.reshape"(%a9) : (tensor<2x2x1xf32>) -> tensor<4xf32>
  %s9 = "dhlo.add"(%s8, %r9) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r10 = "dhlo.reshape"(%a10) : (tensor<1x1x1x4xf32>) -> tensor<4xf32>
  %s10 = "dhlo.add"(%s9, %r10) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r11 = "dhlo.reshape"(%a11) : (tensor<1x1x4x1xf32>) -> tensor<4xf32>
  %s11 = "dhlo.add"(%s10, %r11) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r12 = "dhlo.reshape"(%a12) : (tensor<1x4x1x1xf32>) -> tensor<4xf32>
  %s12 = "dhlo.add"(%s11, %r12) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r13 = "dhlo.reshape"(%a13) : (tensor<4x1x1x1xf32>) -> tensor<4xf32>
  %s13 = "dhlo.add"(%s12, %r13) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r14 = "dhlo.reshape"(%a14) : (tensor<2x2x1x1xf32>) -> tensor<4xf32>
  %s14 = "dhlo.add"(%s13, %r14) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r15 = "dhlo.reshape"(%a15) : (tensor<1x2x1x2xf32>) -> tensor<4xf32>
  %s15 = "dhlo.add"(%s14, %r15) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r16 = "dhlo.reshape"(%a16) : (tensor<2x1x1x2xf32>) -> tensor<4xf32>
  %s16 = "dhlo.add"(%s15, %r16) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %s16 : tensor<4xf32>
}

// -----

// Callee names are unique in the module: @fused_0 is taken, so the callee is renamed.
// Non-dhlo users (func.call) do not fuse; a second run leaves the fusion alone.
// CHECK-LABEL: func.func @taken_name
// CHECK-NEXT: %[[F:.*]] = "dhlo.fusion"(%arg0) {calls = @fused_0_0, kind = "loop"
// CHECK-NEXT: call @fused_0(%[[F]])
// CHECK-LABEL: func.func private @fused_0_0
// TWICE-LABEL: func.func @taken_name
// TWICE-NEXT: "dhlo.fusion"(%arg0) {calls = @fused_0_0, kind = "loop"
// TWICE-NOT: dhlo.fusion
// TWICE-LABEL: func.func private @fused_0_0
// TWICE-NEXT: "dhlo.exponential"
// TWICE-NEXT: "dhlo.negate"
func.func private @fused_0(tensor<4xf32>) -> tensor<4xf32>
func.func @taken_name(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = func.call @fused_0(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
