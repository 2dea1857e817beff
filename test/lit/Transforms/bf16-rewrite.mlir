// RUN: dlc-opt %s --split-input-file --dhlo-bf16-rewrite | FileCheck %s --check-prefix=MATMUL
// RUN: dlc-opt %s --split-input-file --dhlo-bf16-rewrite=mode=all | FileCheck %s --check-prefix=ALL
// RUN: dlc-opt %s --split-input-file --dhlo-bf16-rewrite='mode=all bf16-signature' | FileCheck %s --check-prefix=SIG
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dhlo-optimize-bf16)' | FileCheck %s --check-prefix=PIPE
// RUN: dlc-opt --help | FileCheck %s --check-prefix=HELP
// RUN: not dlc-opt %s --dhlo-bf16-rewrite=mode=fp8 2>&1 | FileCheck %s --check-prefix=BADMODE

// What these tests pin is where converts land and which ops change type; the numerical
// effect (bf16 results against f32 ones) waits for the CPU runner, dlc-run.

// BADMODE: error: dhlo-bf16-rewrite: unknown mode 'fp8' (expected 'matmul', 'all' or 'none')

// dhlo-optimize runs the rewrite (off by default) between the first simplification and the
// rest; dhlo-optimize-bf16 is dhlo-optimize with mode=matmul.
// HELP: --dhlo-optimize{{ +}}- Default
// HELP-NEXT: bf16=<string> (default none)
// HELP: = func.func(dhlo-canonicalize),dhlo-bf16-rewrite{mode=${bf16}},dhlo-layout-assignment{target=${target}}
// HELP: --dhlo-optimize-bf16
// HELP-NEXT: target=<string> (default cpu)
// HELP-NEXT: max-fusion-ops=<int> (default 32)
// HELP-NEXT: = dhlo-optimize{bf16=matmul target=${target} max-fusion-ops=${max-fusion-ops}}

// MLP (dot + bias + relu + dot). mode=matmul: only the dots change; each takes converted
// operands and accumulates and returns f32. mode=all: the bias is converted before its
// broadcast (the smaller tensor), the first dot's result once, the relu constant before its
// broadcast; relu feeds the second dot in bf16 with no convert between.
// MATMUL-LABEL: func.func @mlp
// MATMUL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0) : (tensor<8x16xf32>) -> tensor<8x16xbf16>
// MATMUL-NEXT: %[[W1:.*]] = "dhlo.convert"(%arg1) : (tensor<16x32xf32>) -> tensor<16x32xbf16>
// MATMUL-NEXT: %[[H:.*]] = "dhlo.dot_general"(%[[X]], %[[W1]]) {accumulation_type = f32, {{.*}} : (tensor<8x16xbf16>, tensor<16x32xbf16>) -> tensor<8x32xf32>
// MATMUL-NEXT: %[[B:.*]] = "dhlo.broadcast_in_dim"(%arg2) {{.*}} -> tensor<8x32xf32>
// MATMUL-NEXT: %[[A:.*]] = "dhlo.add"(%[[H]], %[[B]]) : {{.*}} -> tensor<8x32xf32>
// MATMUL-NEXT: "dhlo.constant"
// MATMUL-NEXT: "dhlo.broadcast_in_dim"
// MATMUL-NEXT: %[[R:.*]] = "dhlo.maximum"(%[[A]], %{{.*}}) : {{.*}} -> tensor<8x32xf32>
// MATMUL-NEXT: %[[RN:.*]] = "dhlo.convert"(%[[R]]) : (tensor<8x32xf32>) -> tensor<8x32xbf16>
// MATMUL-NEXT: %[[W2:.*]] = "dhlo.convert"(%arg3)
// MATMUL-NEXT: %[[O:.*]] = "dhlo.dot_general"(%[[RN]], %[[W2]]) {accumulation_type = f32, {{.*}} -> tensor<8x4xf32>
// MATMUL-NEXT: return %[[O]] : tensor<8x4xf32>

// ALL-LABEL: func.func @mlp
// ALL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0)
// ALL-NEXT: %[[W1:.*]] = "dhlo.convert"(%arg1)
// ALL-NEXT: %[[H:.*]] = "dhlo.dot_general"(%[[X]], %[[W1]]) {{.*}} -> tensor<8x32xf32>
// ALL-NEXT: %[[BN:.*]] = "dhlo.convert"(%arg2) : (tensor<32xf32>) -> tensor<32xbf16>
// ALL-NEXT: %[[B:.*]] = "dhlo.broadcast_in_dim"(%[[BN]]) {{.*}} : (tensor<32xbf16>) -> tensor<8x32xbf16>
// ALL-NEXT: %[[HN:.*]] = "dhlo.convert"(%[[H]]) : (tensor<8x32xf32>) -> tensor<8x32xbf16>
// ALL-NEXT: %[[A:.*]] = "dhlo.add"(%[[HN]], %[[B]]) : {{.*}} -> tensor<8x32xbf16>
// ALL-NEXT: %[[ZERO:.*]] = "dhlo.constant"() {{.*}} -> tensor<f32>
// ALL-NEXT: %[[ZN:.*]] = "dhlo.convert"(%[[ZERO]]) : (tensor<f32>) -> tensor<bf16>
// ALL-NEXT: %[[Z:.*]] = "dhlo.broadcast_in_dim"(%[[ZN]]) {{.*}} -> tensor<8x32xbf16>
// ALL-NEXT: %[[R:.*]] = "dhlo.maximum"(%[[A]], %[[Z]]) : {{.*}} -> tensor<8x32xbf16>
// ALL-NEXT: %[[W2:.*]] = "dhlo.convert"(%arg3)
// ALL-NEXT: %[[O:.*]] = "dhlo.dot_general"(%[[R]], %[[W2]]) {accumulation_type = f32, {{.*}} : (tensor<8x32xbf16>, tensor<32x4xbf16>) -> tensor<8x4xf32>
// ALL-NEXT: return %[[O]] : tensor<8x4xf32>
func.func @mlp(%x: tensor<8x16xf32>, %w1: tensor<16x32xf32>, %b1: tensor<32xf32>, %w2: tensor<32x4xf32>) -> tensor<8x4xf32> {
  %h = "dhlo.dot_general"(%x, %w1) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %b = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 1>} : (tensor<32xf32>) -> tensor<8x32xf32>
  %a = "dhlo.add"(%h, %b) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %z = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<8x32xf32>
  %r = "dhlo.maximum"(%a, %z) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
  %o = "dhlo.dot_general"(%r, %w2) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x32xf32>, tensor<32x4xf32>) -> tensor<8x4xf32>
  return %o : tensor<8x4xf32>
}

// -----

// Attention scores in mode=all: the mask add and the scale run in bf16; the softmax stays
// f32: both reduces, the shift by the maximum (although its input exists in bf16), exp and
// divide. The scaled scores are widened once for both f32 users; the probabilities are
// converted once for the second dot. The reducers keep their f32 bodies.
// ALL-LABEL: func.func private @add_f32
// ALL-NEXT: "dhlo.add"(%arg0, %arg1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// ALL-LABEL: func.func private @max_f32
// ALL-NEXT: "dhlo.maximum"(%arg0, %arg1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// ALL-LABEL: func.func @attention
// ALL:      %[[S:.*]] = "dhlo.dot_general"({{.*}} -> tensor<4x4xf32>
// ALL-NEXT: %[[SN:.*]] = "dhlo.convert"(%[[S]]) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// ALL-NEXT: %[[MASK:.*]] = "dhlo.convert"(%arg2)
// ALL-NEXT: %[[SM:.*]] = "dhlo.add"(%[[SN]], %[[MASK]]) : {{.*}} -> tensor<4x4xbf16>
// ALL-NEXT: %[[C:.*]] = "dhlo.constant"
// ALL-NEXT: %[[CN:.*]] = "dhlo.convert"(%[[C]])
// ALL-NEXT: %[[X:.*]] = "dhlo.multiply"(%[[SM]], %[[CN]]) : {{.*}} -> tensor<4x4xbf16>
// ALL-NEXT: %[[XW:.*]] = "dhlo.convert"(%[[X]]) : (tensor<4x4xbf16>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.constant"
// ALL-NEXT: %[[M:.*]] = "dhlo.reduce"(%[[XW]], %{{.*}}) {{.*}} : (tensor<4x4xf32>, tensor<f32>) -> tensor<4xf32>
// ALL-NEXT: %[[MB:.*]] = "dhlo.broadcast_in_dim"(%[[M]]) {{.*}} -> tensor<4x4xf32>
// ALL-NEXT: %[[D:.*]] = "dhlo.subtract"(%[[XW]], %[[MB]]) : {{.*}} -> tensor<4x4xf32>
// ALL-NEXT: %[[E:.*]] = "dhlo.exponential"(%[[D]]) : {{.*}} -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.constant"
// ALL-NEXT: %[[SUM:.*]] = "dhlo.reduce"(%[[E]], %{{.*}}) {{.*}} -> tensor<4xf32>
// ALL-NEXT: %[[SB:.*]] = "dhlo.broadcast_in_dim"(%[[SUM]]) {{.*}} -> tensor<4x4xf32>
// ALL-NEXT: %[[P:.*]] = "dhlo.divide"(%[[E]], %[[SB]]) : {{.*}} -> tensor<4x4xf32>
// ALL-NEXT: %[[PN:.*]] = "dhlo.convert"(%[[P]]) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// ALL-NEXT: %[[V:.*]] = "dhlo.convert"(%arg3)
// ALL-NEXT: "dhlo.dot_general"(%[[PN]], %[[V]]) {{.*}} -> tensor<4x8xf32>

// In mode=matmul the softmax and everything around it keep f32.
// MATMUL-LABEL: func.func @attention
// MATMUL:      "dhlo.dot_general"{{.*}} : (tensor<4x8xbf16>, tensor<8x4xbf16>) -> tensor<4x4xf32>
// MATMUL-NEXT: "dhlo.add"{{.*}} -> tensor<4x4xf32>
// MATMUL-NOT:  bf16
// MATMUL:      "dhlo.divide"{{.*}} -> tensor<4x4xf32>
// MATMUL-NEXT: "dhlo.convert"{{.*}} -> tensor<4x4xbf16>
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @attention(%q: tensor<4x8xf32>, %k: tensor<8x4xf32>, %mask: tensor<4x4xf32>, %v: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %s = "dhlo.dot_general"(%q, %k) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
  %sm = "dhlo.add"(%s, %mask) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %scale = "dhlo.constant"() {value = dense<0.35> : tensor<4x4xf32>} : () -> tensor<4x4xf32>
  %x = "dhlo.multiply"(%sm, %scale) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %m = "dhlo.reduce"(%x, %ninf) {dimensions = array<i64: 1>, to_apply = @max_f32} : (tensor<4x4xf32>, tensor<f32>) -> tensor<4xf32>
  %mb = "dhlo.broadcast_in_dim"(%m) {broadcast_dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4x4xf32>
  %d = "dhlo.subtract"(%x, %mb) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %e = "dhlo.exponential"(%d) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %sum = "dhlo.reduce"(%e, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x4xf32>, tensor<f32>) -> tensor<4xf32>
  %sb = "dhlo.broadcast_in_dim"(%sum) {broadcast_dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4x4xf32>
  %p = "dhlo.divide"(%e, %sb) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %o = "dhlo.dot_general"(%p, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %o : tensor<4x8xf32>
}

// -----

// Every sensitive elementwise op of the table stays f32 in mode=all, reading the one
// widening convert of the bf16 add (which runs in bf16 because a dot takes it).
// ALL-LABEL: func.func @sensitive
// ALL:      %[[A:.*]] = "dhlo.add"({{.*}} -> tensor<4x4xbf16>
// ALL-NEXT: %[[AW:.*]] = "dhlo.convert"(%[[A]]) : (tensor<4x4xbf16>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.convert"(%arg2)
// ALL-NEXT: "dhlo.dot_general"(%[[A]], {{.*}} -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.exponential"(%[[AW]]) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.log"(%[[AW]]) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.log_plus_one"(%[[AW]]) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.divide"(%[[AW]], %arg1) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.sqrt"(%[[AW]]) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.rsqrt"(%[[AW]]) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// ALL-NEXT: "dhlo.power"(%[[AW]], %arg1) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
func.func @sensitive(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %a = "dhlo.add"(%x, %y) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %dot = "dhlo.dot_general"(%a, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %0 = "dhlo.exponential"(%a) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = "dhlo.log"(%a) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %2 = "dhlo.log_plus_one"(%a) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %3 = "dhlo.divide"(%a, %y) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %4 = "dhlo.sqrt"(%a) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %5 = "dhlo.rsqrt"(%a) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %6 = "dhlo.power"(%a, %y) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %dot, %0, %1, %2, %3, %4, %5, %6 : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

// batch_norm_inference stays f32; the tanh after it runs in bf16 for the dot, so the
// normalized value is converted once. The negate before it, between f32 ops only, would
// be a bf16 island and stays f32.
// ALL-LABEL: func.func @batch_norm
// ALL-NEXT: %[[N:.*]] = "dhlo.negate"(%arg0) : (tensor<2x4xf32>) -> tensor<2x4xf32>
// ALL-NEXT: %[[BN:.*]] = "dhlo.batch_norm_inference"(%[[N]], {{.*}} -> tensor<2x4xf32>
// ALL-NEXT: %[[BNN:.*]] = "dhlo.convert"(%[[BN]]) : (tensor<2x4xf32>) -> tensor<2x4xbf16>
// ALL-NEXT: %[[T:.*]] = "dhlo.tanh"(%[[BNN]]) : (tensor<2x4xbf16>) -> tensor<2x4xbf16>
// ALL-NEXT: %[[W:.*]] = "dhlo.convert"(%arg2)
// ALL-NEXT: "dhlo.dot_general"(%[[T]], %[[W]])
func.func @batch_norm(%x: tensor<2x4xf32>, %s: tensor<4xf32>, %w: tensor<4x4xf32>) -> tensor<2x4xf32> {
  %a = "dhlo.negate"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %n = "dhlo.batch_norm_inference"(%a, %s, %s, %s, %s) {epsilon = 1.0e-05 : f32, feature_index = 1 : i64} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %t = "dhlo.tanh"(%n) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %o = "dhlo.dot_general"(%t, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  return %o : tensor<2x4xf32>
}

// -----

// A chain of elementwise ops runs in bf16 between converts at its ends; a lone op between
// f32 values (the add) would only add two converts and stays f32.
// ALL-LABEL: func.func @regions
// ALL-NEXT: %[[ADD:.*]] = "dhlo.add"(%arg0, %arg1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
// ALL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0) : (tensor<4xf32>) -> tensor<4xbf16>
// ALL-NEXT: %[[Y:.*]] = "dhlo.convert"(%arg1) : (tensor<4xf32>) -> tensor<4xbf16>
// ALL-NEXT: %[[M:.*]] = "dhlo.multiply"(%[[X]], %[[Y]]) : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
// ALL-NEXT: %[[ABS:.*]] = "dhlo.abs"(%[[M]]) : (tensor<4xbf16>) -> tensor<4xbf16>
// ALL-NEXT: %[[W:.*]] = "dhlo.convert"(%[[ABS]]) : (tensor<4xbf16>) -> tensor<4xf32>
// ALL-NEXT: return %[[ADD]], %[[W]]
func.func @regions(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.add"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.multiply"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.abs"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Data movement follows its neighbours: a transpose of an f32 argument feeding exp stays
// f32 (no convert at all); a reshape of a bf16 value runs in bf16, so the widening convert
// moves after it.
// ALL-LABEL: func.func @movement
// ALL-NEXT: %[[T:.*]] = "dhlo.transpose"(%arg0) {{.*}} : (tensor<2x8xf32>) -> tensor<8x2xf32>
// ALL-NEXT: "dhlo.exponential"(%[[T]]) : (tensor<8x2xf32>) -> tensor<8x2xf32>
// ALL-NEXT: "dhlo.convert"(%arg1)
// ALL-NEXT: "dhlo.negate"
// ALL-NEXT: %[[ABS:.*]] = "dhlo.abs"
// ALL-NEXT: %[[R:.*]] = "dhlo.reshape"(%[[ABS]]) : (tensor<8x2xbf16>) -> tensor<16xbf16>
// ALL-NEXT: "dhlo.convert"(%[[R]]) : (tensor<16xbf16>) -> tensor<16xf32>
func.func @movement(%x: tensor<2x8xf32>, %y: tensor<8x2xf32>) -> (tensor<8x2xf32>, tensor<16xf32>) {
  %t = "dhlo.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x8xf32>) -> tensor<8x2xf32>
  %e = "dhlo.exponential"(%t) : (tensor<8x2xf32>) -> tensor<8x2xf32>
  %n = "dhlo.negate"(%y) : (tensor<8x2xf32>) -> tensor<8x2xf32>
  %a = "dhlo.abs"(%n) : (tensor<8x2xf32>) -> tensor<8x2xf32>
  %r = "dhlo.reshape"(%a) : (tensor<8x2xf32>) -> tensor<16xf32>
  return %e, %r : tensor<8x2xf32>, tensor<16xf32>
}

// -----

// Only the f32 operands of an op running in bf16 change: select's i1 predicate and
// dynamic_slice's i32 index stay, clamp's scalar bounds are converted once for both,
// compare still yields i1, concatenate keeps its segment sizes.
// ALL-LABEL: func.func @operand_kinds
// ALL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0)
// ALL-NEXT: %[[Y:.*]] = "dhlo.convert"(%arg1)
// ALL-NEXT: %[[M:.*]] = "dhlo.multiply"(%[[X]], %[[Y]])
// ALL-NEXT: %[[C:.*]] = "dhlo.compare"(%[[M]], %[[Y]]) {{.*}} : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xi1>
// ALL-NEXT: %[[S:.*]] = "dhlo.select"(%arg2, %[[M]], %[[X]]) : (tensor<4xi1>, tensor<4xbf16>, tensor<4xbf16>) -> tensor<4xbf16>
// ALL-NEXT: %[[LO:.*]] = "dhlo.convert"(%arg3) : (tensor<f32>) -> tensor<bf16>
// ALL-NEXT: %[[CL:.*]] = "dhlo.clamp"(%[[LO]], %[[S]], %[[LO]]) : (tensor<bf16>, tensor<4xbf16>, tensor<bf16>) -> tensor<4xbf16>
// ALL-NEXT: %[[CAT:.*]] = "dhlo.concatenate"(%[[CL]], %[[M]]) {dimension = 0 : i64, operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4xbf16>, tensor<4xbf16>) -> tensor<8xbf16>
// ALL-NEXT: %[[CATW:.*]] = "dhlo.convert"(%[[CAT]]) : (tensor<8xbf16>) -> tensor<8xf32>
// ALL-NEXT: %[[DS:.*]] = "dhlo.dynamic_slice"(%[[S]], %arg4) {{.*}} : (tensor<4xbf16>, tensor<i32>) -> tensor<2xbf16>
// ALL-NEXT: %[[DSW:.*]] = "dhlo.convert"(%[[DS]]) : (tensor<2xbf16>) -> tensor<2xf32>
// ALL-NEXT: return %[[C]], %[[CATW]], %[[DSW]]
func.func @operand_kinds(%x: tensor<4xf32>, %y: tensor<4xf32>, %p: tensor<4xi1>, %lo: tensor<f32>, %i: tensor<i32>) -> (tensor<4xi1>, tensor<8xf32>, tensor<2xf32>) {
  %m = "dhlo.multiply"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %c = "dhlo.compare"(%m, %y) {comparison_direction = "GT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %s = "dhlo.select"(%p, %m, %x) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %cl = "dhlo.clamp"(%lo, %s, %lo) : (tensor<f32>, tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %cat = "dhlo.concatenate"(%cl, %m) {dimension = 0 : i64, operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<8xf32>
  %ds = "dhlo.dynamic_slice"(%s, %i) {slice_sizes = array<i64: 2>} : (tensor<4xf32>, tensor<i32>) -> tensor<2xf32>
  return %c, %cat, %ds : tensor<4xi1>, tensor<8xf32>, tensor<2xf32>
}

// -----

// A value is converted once, however many users take it in bf16, and a convert already in
// the input is reused (here it comes after the dots, so the pass's own one replaces it).
// MATMUL-LABEL: func.func @convert_reuse
// MATMUL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// MATMUL-NEXT: %[[W:.*]] = "dhlo.convert"(%arg1) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// MATMUL-NEXT: %[[D0:.*]] = "dhlo.dot_general"(%[[X]], %[[W]])
// MATMUL-NEXT: %[[D1:.*]] = "dhlo.dot_general"(%[[W]], %[[X]])
// MATMUL-NEXT: return %[[D0]], %[[D1]], %[[X]]
func.func @convert_reuse(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xbf16>) {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = "dhlo.dot_general"(%w, %x) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %c = "dhlo.convert"(%x) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
  return %0, %1, %c : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xbf16>
}

// -----

// An input convert of x, placed first, is the one the dot reuses.
// MATMUL-LABEL: func.func @input_convert_reused
// MATMUL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// MATMUL-NEXT: %[[W:.*]] = "dhlo.convert"(%arg1)
// MATMUL-NEXT: %[[D:.*]] = "dhlo.dot_general"(%[[X]], %[[W]])
// MATMUL-NEXT: return %[[D]], %[[X]]
func.func @input_convert_reused(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xbf16>) {
  %c = "dhlo.convert"(%x) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0, %c : tensor<4x4xf32>, tensor<4x4xbf16>
}

// -----

// bf16 -> f32 -> bf16 is exact: the dot reads the bf16 argument directly and the widening
// convert, now unused, is gone.
// MATMUL-LABEL: func.func @exact_round_trip
// MATMUL-NEXT: %[[W:.*]] = "dhlo.convert"(%arg1)
// MATMUL-NEXT: %[[D:.*]] = "dhlo.dot_general"(%arg0, %[[W]])
// MATMUL-NEXT: return %[[D]]
func.func @exact_round_trip(%x: tensor<4x4xbf16>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = "dhlo.convert"(%x) : (tensor<4x4xbf16>) -> tensor<4x4xf32>
  %1 = "dhlo.dot_general"(%0, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %1 : tensor<4x4xf32>
}

// -----

// f32 -> bf16 -> f32 rounds: it is not an identity, and both converts stay for the f32
// user; the dot still skips the round trip and reads the bf16 value.
// ALL-LABEL: func.func @rounding_round_trip
// ALL-NEXT: %[[N:.*]] = "dhlo.convert"(%arg0) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// ALL-NEXT: %[[R:.*]] = "dhlo.convert"(%[[N]]) : (tensor<4x4xbf16>) -> tensor<4x4xf32>
// ALL-NEXT: %[[E:.*]] = "dhlo.exponential"(%[[R]])
// ALL-NEXT: %[[W:.*]] = "dhlo.convert"(%arg1)
// ALL-NEXT: %[[D:.*]] = "dhlo.dot_general"(%[[N]], %[[W]])
// ALL-NEXT: return %[[E]], %[[D]]
func.func @rounding_round_trip(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {
  %0 = "dhlo.convert"(%x) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
  %1 = "dhlo.convert"(%0) : (tensor<4x4xbf16>) -> tensor<4x4xf32>
  %2 = "dhlo.exponential"(%1) : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %3 = "dhlo.dot_general"(%1, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %2, %3 : tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

// Only f32 is rewritten: f64, f16 and integer dots and elementwise ops keep their types.
// ALL-LABEL: func.func @other_types
// ALL-NOT: dhlo.convert
// ALL-NOT: bf16
// ALL: return
func.func @other_types(%x: tensor<4x4xf64>, %i: tensor<4x4xi32>, %h: tensor<4x4xf16>) -> (tensor<4x4xf64>, tensor<4x4xi32>, tensor<4x4xf16>) {
  %0 = "dhlo.dot_general"(%x, %x) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf64>, tensor<4x4xf64>) -> tensor<4x4xf64>
  %1 = "dhlo.add"(%0, %x) : (tensor<4x4xf64>, tensor<4x4xf64>) -> tensor<4x4xf64>
  %2 = "dhlo.dot_general"(%i, %i) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xi32>, tensor<4x4xi32>) -> tensor<4x4xi32>
  %3 = "dhlo.multiply"(%2, %i) : (tensor<4x4xi32>, tensor<4x4xi32>) -> tensor<4x4xi32>
  %4 = "dhlo.dot_general"(%h, %h) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf16>, tensor<4x4xf16>) -> tensor<4x4xf16>
  %5 = "dhlo.add"(%4, %h) : (tensor<4x4xf16>, tensor<4x4xf16>) -> tensor<4x4xf16>
  return %1, %3, %5 : tensor<4x4xf64>, tensor<4x4xi32>, tensor<4x4xf16>
}

// -----

// convolution takes bf16 operands and states the f32 result; its rule has no
// accumulation_type, so none is added. The named pipeline converts the operands too
// (whatever layouts and fusion make of them afterwards).
// MATMUL-LABEL: func.func @convolution
// MATMUL-NEXT: %[[X:.*]] = "dhlo.convert"(%arg0) : (tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xbf16>
// MATMUL-NEXT: %[[K:.*]] = "dhlo.convert"(%arg1) : (tensor<3x3x3x4xf32>) -> tensor<3x3x3x4xbf16>
// MATMUL-NEXT: "dhlo.convolution"(%[[X]], %[[K]]) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xbf16>, tensor<3x3x3x4xbf16>) -> tensor<1x6x6x4xf32>
// PIPE-LABEL: func.func @convolution
// PIPE: tensor<1x8x8x3xbf16
// PIPE: tensor<3x3x3x4xbf16
func.func @convolution(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32> {
  %0 = "dhlo.convolution"(%x, %k) {dimension_numbers = "b01f_01io->b01f"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// bf16-signature: the public function takes and returns bf16. Its arguments' round trips
// cancel, so the body reads them directly; the add runs in bf16 (it reads a bf16 argument)
// and is returned as is. The private function keeps its f32 signature: callers name it.
// SIG-LABEL: func.func private @helper(%arg0: tensor<4xf32>) -> tensor<4xf32>
// SIG-NEXT: "dhlo.negate"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
// SIG-LABEL: func.func @entry(%arg0: tensor<4x4xbf16>, %arg1: tensor<4x4xbf16>, %arg2: tensor<4xi32>) -> (tensor<4x4xbf16>, tensor<4xi32>)
// SIG-NEXT: %[[D:.*]] = "dhlo.dot_general"(%arg0, %arg1) {{.*}} : (tensor<4x4xbf16>, tensor<4x4xbf16>) -> tensor<4x4xf32>
// SIG-NEXT: %[[DN:.*]] = "dhlo.convert"(%[[D]]) : (tensor<4x4xf32>) -> tensor<4x4xbf16>
// SIG-NEXT: %[[A:.*]] = "dhlo.add"(%[[DN]], %arg0) : (tensor<4x4xbf16>, tensor<4x4xbf16>) -> tensor<4x4xbf16>
// SIG-NEXT: return %[[A]], %arg2 : tensor<4x4xbf16>, tensor<4xi32>
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @entry(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %i: tensor<4xi32>) -> (tensor<4x4xf32>, tensor<4xi32>) {
  %0 = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = "dhlo.add"(%0, %x) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
  return %1, %i : tensor<4x4xf32>, tensor<4xi32>
}
