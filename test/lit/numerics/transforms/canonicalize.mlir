// dhlo-canonicalize keeps results: constant folding, algebraic simplification and CSE
// compute the same function as the program as written. Each entry runs through dlc-run
// twice on the same random inputs, without the pass (`--no-optimize`) and with it alone,
// both checked against the reference evaluator; where the two compiled results must be the
// same bits, their .npy outputs are compared byte for byte with cmp.

// The folds happened (otherwise the runs below compare a program with itself).
// RUN: dlc-opt %s --dhlo-canonicalize | FileCheck %s --check-prefix=FOLDED
// FOLDED-LABEL: func.func @fold_elementwise
// FOLDED-NOT: "dhlo.{{exponential|tanh|iota|select|pad|slice|transpose|sqrt}}"
// FOLDED: return
// FOLDED-LABEL: func.func @fold_weights
// FOLDED-NOT: "dhlo.{{sine|cosine|iota}}"
// FOLDED: return
// FOLDED-LABEL: func.func @simplify
// FOLDED-NOT: "dhlo.{{negate|convert|transpose|reshape|select|slice}}"
// FOLDED: return
// RUN: dlc-opt %s --dhlo-canonicalize=unsafe-fp-math | FileCheck %s --check-prefix=UNSAFE
// UNSAFE-LABEL: func.func @simplify
// UNSAFE-NOT: "dhlo.{{subtract|multiply|add}}"
// UNSAFE: return

// Tolerances: rtol 1e-6 (8 ulp of f32), atol 5e-7. The folder computes each op in double and
// rounds once to f32, as the reference does, so a folded constant is the reference's value;
// the compiled code instead evaluates exp and tanh with dlc-approximate-math's polynomials
// (1 ulp and 5 ulp from libm) and sine/cosine with libm's f32 functions. The dot product
// sums 8 products of magnitude below 1 in f32 (the reference in double): a few ulp of 1 at
// most where it cancels. Worst seen over seeds 0-4: @fold_elementwise 1.2e-7 absolute
// without the pass and 0 with it (folded, it is the reference's own arithmetic);
// @fold_weights 3.6e-7 with and without.
// RUN: dlc-run %s --entry=fold_elementwise --no-optimize --check --rtol=1e-6 --atol=5e-7 \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --entry=fold_elementwise --check --rtol=1e-6 --atol=5e-7 \
// RUN:   --pipeline='builtin.module(func.func(dhlo-canonicalize),dlc-lower-to-cpu)' | FileCheck %s
// RUN: dlc-run %s --entry=fold_weights --no-optimize --check --rtol=1e-6 --atol=5e-7 \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --entry=fold_weights --check --rtol=1e-6 --atol=5e-7 \
// RUN:   --pipeline='builtin.module(func.func(dhlo-canonicalize),dlc-lower-to-cpu)' | FileCheck %s
// With max-constant-size=4 only splats fold: what is left is computed, the result is kept.
// RUN: dlc-run %s --entry=fold_weights --check --rtol=1e-6 --atol=5e-7 \
// RUN:   --pipeline='builtin.module(func.func(dhlo-canonicalize{max-constant-size=4}),dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s

// Simplifications only remove ops whose result equals their operand, bit for bit, on finite
// inputs (unsafe-fp-math's x - x -> 0 and x * 0 -> 0 too): the exact default tolerances
// hold and the compiled results are identical.
// RUN: dlc-run %s --entry=simplify --no-optimize --check --output=%t.simplify.npy | FileCheck %s
// RUN: dlc-run %s --entry=simplify --check --output=%t.simplify-canon.npy \
// RUN:   --pipeline='builtin.module(func.func(dhlo-canonicalize),dlc-lower-to-cpu)' | FileCheck %s
// RUN: cmp %t.simplify.npy %t.simplify-canon.npy
// RUN: dlc-run %s --entry=simplify --check --output=%t.simplify-unsafe.npy \
// RUN:   --pipeline='builtin.module(func.func(dhlo-canonicalize{unsafe-fp-math}),dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s
// RUN: cmp %t.simplify.npy %t.simplify-unsafe.npy

// CHECK: dlc-run: output #0 matches (max abs error {{[0-9.e+-]+}})
// CHECK-NOT: mismatch

// Everything but %x folds into one 4x8 constant: iota, broadcasts, exp, tanh, sqrt, a
// compare and select, divide, a transpose pair, pad then slice back, and a round trip
// through f16 (which rounds: the folder and the compiled convert must round alike).
func.func @fold_elementwise(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %i = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<4x8xf32>
  %j = "dhlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<4x8xf32>
  %c1 = "dhlo.constant"() {value = dense<0.125> : tensor<f32>} : () -> tensor<f32>
  %c1b = "dhlo.broadcast_in_dim"(%c1) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4x8xf32>
  %c2 = "dhlo.constant"() {value = dense<[0.3, -0.7, 1.1, 0.05]> : tensor<4xf32>} : () -> tensor<4xf32>
  %c2b = "dhlo.broadcast_in_dim"(%c2) {broadcast_dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<4x8xf32>
  %a = "dhlo.multiply"(%i, %c1b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %b = "dhlo.multiply"(%j, %c2b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %t = "dhlo.subtract"(%a, %b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e = "dhlo.exponential"(%t) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %th = "dhlo.tanh"(%t) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  %p = "dhlo.compare"(%t, %zero) {comparison_direction = "GT"} : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  %s = "dhlo.select"(%p, %e, %th) : (tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %three = "dhlo.constant"() {value = dense<3.0> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  %d = "dhlo.divide"(%s, %three) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %tr = "dhlo.transpose"(%d) {permutation = array<i64: 1, 0>} : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %sq = "dhlo.sqrt"(%tr) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  %back = "dhlo.transpose"(%sq) {permutation = array<i64: 1, 0>} : (tensor<8x4xf32>) -> tensor<4x8xf32>
  %pz = "dhlo.constant"() {value = dense<7.0> : tensor<f32>} : () -> tensor<f32>
  %padded = "dhlo.pad"(%back, %pz) {edge_padding_low = array<i64: 1, 2>, edge_padding_high = array<i64: 0, 1>, interior_padding = array<i64: 0, 0>} : (tensor<4x8xf32>, tensor<f32>) -> tensor<5x11xf32>
  %sl = "dhlo.slice"(%padded) {start_indices = array<i64: 1, 2>, limit_indices = array<i64: 5, 10>, strides = array<i64: 1, 1>} : (tensor<5x11xf32>) -> tensor<4x8xf32>
  %h = "dhlo.convert"(%sl) : (tensor<4x8xf32>) -> tensor<4x8xf16>
  %k = "dhlo.convert"(%h) : (tensor<4x8xf16>) -> tensor<4x8xf32>
  %xk = "dhlo.multiply"(%x, %k) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %y = "dhlo.add"(%xk, %sl) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// A dense layer whose weights and bias are computed from constants (sine and cosine of
// iotas, as positional encodings are): the folder turns them into dense constants.
func.func @fold_weights(%x: tensor<4x8xf32>) -> tensor<4x6xf32> {
  %i = "dhlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<8x6xf32>
  %j = "dhlo.iota"() {iota_dimension = 1 : i64} : () -> tensor<8x6xf32>
  %f = "dhlo.constant"() {value = dense<0.37> : tensor<8x6xf32>} : () -> tensor<8x6xf32>
  %ij = "dhlo.add"(%i, %j) : (tensor<8x6xf32>, tensor<8x6xf32>) -> tensor<8x6xf32>
  %arg = "dhlo.multiply"(%ij, %f) : (tensor<8x6xf32>, tensor<8x6xf32>) -> tensor<8x6xf32>
  %w = "dhlo.sine"(%arg) : (tensor<8x6xf32>) -> tensor<8x6xf32>
  %bi = "dhlo.iota"() {iota_dimension = 0 : i64} : () -> tensor<6xf32>
  %b = "dhlo.cosine"(%bi) : (tensor<6xf32>) -> tensor<6xf32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<6xf32>) -> tensor<4x6xf32>
  %mm = "dhlo.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x8xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
  %y = "dhlo.add"(%mm, %bb) : (tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<4x6xf32>
  return %y : tensor<4x6xf32>
}

// Ops that give back their operand: x * 1, x + -0.0, a double negation, a widening convert
// and back, a transpose pair, a reshape pair, a select on a constant predicate, a full
// slice; with unsafe-fp-math also y - y and y * 0, which are +-0 for finite y.
func.func @simplify(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %one = "dhlo.constant"() {value = dense<1.0> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  %nz = "dhlo.constant"() {value = dense<-0.0> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  %a = "dhlo.multiply"(%x, %one) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %b = "dhlo.add"(%a, %nz) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %n1 = "dhlo.negate"(%b) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %n2 = "dhlo.negate"(%n1) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %w = "dhlo.convert"(%n2) : (tensor<4x8xf32>) -> tensor<4x8xf64>
  %c = "dhlo.convert"(%w) : (tensor<4x8xf64>) -> tensor<4x8xf32>
  %t1 = "dhlo.transpose"(%c) {permutation = array<i64: 1, 0>} : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %t2 = "dhlo.transpose"(%t1) {permutation = array<i64: 1, 0>} : (tensor<8x4xf32>) -> tensor<4x8xf32>
  %r1 = "dhlo.reshape"(%t2) : (tensor<4x8xf32>) -> tensor<32xf32>
  %r2 = "dhlo.reshape"(%r1) : (tensor<32xf32>) -> tensor<4x8xf32>
  %true = "dhlo.constant"() {value = dense<true> : tensor<4x8xi1>} : () -> tensor<4x8xi1>
  %s = "dhlo.select"(%true, %r2, %y) : (tensor<4x8xi1>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %sl = "dhlo.slice"(%s) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 4, 8>, strides = array<i64: 1, 1>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %yy = "dhlo.subtract"(%y, %y) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<4x8xf32>} : () -> tensor<4x8xf32>
  %y0 = "dhlo.multiply"(%y, %zero) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %u = "dhlo.add"(%sl, %yy) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %v = "dhlo.add"(%u, %y0) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %v : tensor<4x8xf32>
}
