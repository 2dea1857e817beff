// RUN: dlc-opt %s --split-input-file --dhlo-layout-assignment | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dhlo-layout-assignment=entry-layouts=propagate | FileCheck %s --check-prefix=PROP
// RUN: dlc-opt %s --split-input-file --dhlo-layout-assignment="target=gpu" | FileCheck %s --check-prefix=GPU
// RUN: dlc-opt %s --split-input-file --dhlo-layout-assignment="dot-layout=contracting-minor conv-activation-layout=nchw conv-filter-layout=oihw" | FileCheck %s --check-prefix=ROWMAJOR

// A conv net written in NCHW (two convolutions, bias add + relu between them) runs in NHWC
// with HWIO filters: the layout of each convolution spreads through its elementwise
// neighbours, so relayouts appear only at the entry (the input and both filters) and at the
// exit. Without propagation (each constraint applied to its own value only) there would be 7.
// CHECK-LABEL: func.func @conv_net
// CHECK-SAME: (%arg0: tensor<1x3x8x8xf32>, %arg1: tensor<16x3x3x3xf32>, %arg2: tensor<16xf32>, %arg3: tensor<16x16x3x3xf32>, %arg4: tensor<16xf32>) -> tensor<1x16x4x4xf32>
// CHECK-NEXT: %[[X:.*]] = "dtensor.relayout"(%arg0) : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NEXT: %[[W1:.*]] = "dtensor.relayout"(%arg1) : (tensor<16x3x3x3xf32>) -> tensor<16x3x3x3xf32, #dtensor.layout<[0, 1, 3, 2]>>
// CHECK-NEXT: %[[W2:.*]] = "dtensor.relayout"(%arg3) : {{.*}} -> tensor<16x16x3x3xf32, #dtensor.layout<[0, 1, 3, 2]>>
// CHECK-NEXT: "dhlo.convolution"(%[[X]], %[[W1]]) {{.*}} -> tensor<1x16x6x6xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NOT: dtensor.relayout
// CHECK: "dhlo.broadcast_in_dim"(%arg2) {{.*}} -> tensor<1x16x6x6xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NOT: dtensor.relayout
// CHECK: "dhlo.maximum"{{.*}} -> tensor<1x16x6x6xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NOT: dtensor.relayout
// CHECK: "dhlo.convolution"({{.*}}, %[[W2]])
// CHECK-NOT: dtensor.relayout
// CHECK: %[[OUT:.*]] = "dhlo.add"{{.*}} -> tensor<1x16x4x4xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NEXT: %[[R:.*]] = "dtensor.relayout"(%[[OUT]]) : (tensor<1x16x4x4xf32, #dtensor.layout<[1, 3, 2, 0]>>) -> tensor<1x16x4x4xf32>
// CHECK-NEXT: return %[[R]] : tensor<1x16x4x4xf32>
// With entry-layouts=propagate the signature takes the layouts chosen inside: no relayouts.
// PROP-LABEL: func.func @conv_net
// PROP-SAME: (%arg0: tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>, %arg1: tensor<16x3x3x3xf32, #dtensor.layout<[0, 1, 3, 2]>>, %arg2: tensor<16xf32>, %arg3: tensor<16x16x3x3xf32, #dtensor.layout<[0, 1, 3, 2]>>, %arg4: tensor<16xf32>) -> tensor<1x16x4x4xf32, #dtensor.layout<[1, 3, 2, 0]>>
// PROP-NOT: dtensor.relayout
// PROP: return
// On GPU the filters are OHWI (cuDNN's NHWC filter layout).
// GPU-LABEL: func.func @conv_net
// GPU: "dtensor.relayout"(%arg1) : (tensor<16x3x3x3xf32>) -> tensor<16x3x3x3xf32, #dtensor.layout<[1, 3, 2, 0]>>
// Asked for NCHW/OIHW, the net is already in its layouts.
// ROWMAJOR-LABEL: func.func @conv_net
// ROWMAJOR-NOT: dtensor
// ROWMAJOR: return
func.func @conv_net(%x: tensor<1x3x8x8xf32>, %w1: tensor<16x3x3x3xf32>, %b1: tensor<16xf32>, %w2: tensor<16x16x3x3xf32>, %b2: tensor<16xf32>) -> tensor<1x16x4x4xf32> {
  %c1 = "dhlo.convolution"(%x, %w1) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  %bb1 = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 1>} : (tensor<16xf32>) -> tensor<1x16x6x6xf32>
  %a1 = "dhlo.add"(%c1, %bb1) : (tensor<1x16x6x6xf32>, tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %z = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x16x6x6xf32>
  %r1 = "dhlo.maximum"(%a1, %z) : (tensor<1x16x6x6xf32>, tensor<1x16x6x6xf32>) -> tensor<1x16x6x6xf32>
  %c2 = "dhlo.convolution"(%r1, %w2) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x4x4xf32>
  %bb2 = "dhlo.broadcast_in_dim"(%b2) {broadcast_dimensions = array<i64: 1>} : (tensor<16xf32>) -> tensor<1x16x4x4xf32>
  %a2 = "dhlo.add"(%c2, %bb2) : (tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  return %a2 : tensor<1x16x4x4xf32>
}

// -----

// Propagation through transposes: each takes the layout that makes it a bitcast, so the
// chain needs no relayout at all.
// CHECK-LABEL: func.func @transpose_chain
// CHECK-NOT: dtensor.relayout
// CHECK: "dhlo.transpose"(%arg0) {{.*}} -> tensor<4x2x3xf32, #dtensor.layout<[0, 2, 1]>>
// CHECK: "dhlo.exponential"{{.*}} -> tensor<4x2x3xf32, #dtensor.layout<[0, 2, 1]>>
// CHECK: "dhlo.transpose"{{.*}} -> tensor<2x3x4xf32>
// CHECK-NOT: dtensor.relayout
// CHECK: return
func.func @transpose_chain(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = "dhlo.transpose"(%x) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = "dhlo.exponential"(%0) : (tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %2 = "dhlo.transpose"(%1) {permutation = array<i64: 1, 2, 0>} : (tensor<4x2x3xf32>) -> tensor<2x3x4xf32>
  return %2 : tensor<2x3x4xf32>
}

// -----

// A reshape passes a layout on only as a bitcast: merging H and W of an NHWC tensor keeps the
// element sequence ([N, C, H*W] held as N, H*W, C), flattening C, H, W does not, so that
// reshape's operand is relayouted to row-major.
// CHECK-LABEL: func.func @reshapes
// CHECK: %[[C:.*]] = "dhlo.convolution"
// CHECK: %[[ROW:.*]] = "dtensor.relayout"(%[[C]]) {{.*}} -> tensor<1x16x6x6xf32>
// CHECK: "dhlo.reshape"(%[[C]]) {{.*}} -> tensor<1x16x36xf32, #dtensor.layout<[1, 2, 0]>>
// CHECK: "dhlo.reshape"(%[[ROW]]) : (tensor<1x16x6x6xf32>) -> tensor<1x576xf32>
func.func @reshapes(%x: tensor<1x3x8x8xf32>, %w: tensor<16x3x3x3xf32>) -> (tensor<1x16x36xf32>, tensor<1x576xf32>) {
  %c = "dhlo.convolution"(%x, %w) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  %m = "dhlo.reshape"(%c) : (tensor<1x16x6x6xf32>) -> tensor<1x16x36xf32>
  %e = "dhlo.exponential"(%m) : (tensor<1x16x36xf32>) -> tensor<1x16x36xf32>
  %f = "dhlo.reshape"(%c) : (tensor<1x16x6x6xf32>) -> tensor<1x576xf32>
  return %e, %f : tensor<1x16x36xf32>, tensor<1x576xf32>
}

// -----

// A diamond with conflicting wishes for %t: the convolution wants NHWC, the reduce wants its
// reduced dims (H, W) minor, i.e. NCHW, and the function returns %t row-major. The
// convolution wins: preferences of convolution and dot_general rank above the signature,
// which ranks above a reduce's wish. The reduce takes NHWC as it is (its wish is soft: it
// reduces any layout natively), the return gets the one relayout, and the input is
// relayouted once at the entry, before tanh.
// CHECK-LABEL: func.func @diamond
// CHECK: %[[X:.*]] = "dtensor.relayout"(%arg0) {{.*}} -> tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK: %[[T:.*]] = "dhlo.tanh"(%[[X]]) {{.*}} -> tensor<1x3x8x8xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NEXT: %[[TROW:.*]] = "dtensor.relayout"(%[[T]]) {{.*}} -> tensor<1x3x8x8xf32>
// CHECK: "dhlo.convolution"(%[[T]],
// CHECK: %[[R:.*]] = "dhlo.reduce"(%[[T]], {{.*}} -> tensor<1x3xf32>
// CHECK: return {{.*}}, %[[R]], %[[TROW]]
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @diamond(%x: tensor<1x3x8x8xf32>, %w: tensor<16x3x3x3xf32>) -> (tensor<1x16x6x6xf32>, tensor<1x3xf32>, tensor<1x3x8x8xf32>) {
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %t = "dhlo.tanh"(%x) : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %c = "dhlo.convolution"(%t, %w) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  %r = "dhlo.reduce"(%t, %z) {dimensions = array<i64: 2, 3>, to_apply = @add} : (tensor<1x3x8x8xf32>, tensor<f32>) -> tensor<1x3xf32>
  return %c, %r, %t : tensor<1x16x6x6xf32>, tensor<1x3xf32>, tensor<1x3x8x8xf32>
}

// -----

// dot_general with its contracting dimension first in lhs: on CPU (canonical) lhs is held
// with the contracting dim minor (row-major A) and rhs with its free dim minor (row-major B,
// already so); with contracting-minor both operands hold the contracting dim minor.
// CHECK-LABEL: func.func @dot
// CHECK-NEXT: %[[A:.*]] = "dtensor.relayout"(%arg0) : (tensor<8x4xf32>) -> tensor<8x4xf32, #dtensor.layout<[0, 1]>>
// CHECK-NEXT: "dhlo.dot_general"(%[[A]], %arg1) {{.*}} : (tensor<8x4xf32, #dtensor.layout<[0, 1]>>, tensor<8x5xf32>) -> tensor<4x5xf32>
// ROWMAJOR-LABEL: func.func @dot
// ROWMAJOR-NEXT: %[[A:.*]] = "dtensor.relayout"(%arg0) {{.*}} -> tensor<8x4xf32, #dtensor.layout<[0, 1]>>
// ROWMAJOR-NEXT: %[[B:.*]] = "dtensor.relayout"(%arg1) {{.*}} -> tensor<8x5xf32, #dtensor.layout<[0, 1]>>
// ROWMAJOR-NEXT: "dhlo.dot_general"(%[[A]], %[[B]])
func.func @dot(%a: tensor<8x4xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8x4xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// A reduce wishes its reduced dims minor. Its operand comes from the signature, which keeps
// row-major and wins; with entry-layouts=propagate nothing outranks the wish, and the
// argument itself takes it: dim 1 (kept) major, dims 0 and 2 (reduced) minor.
// CHECK-LABEL: func.func @reduction
// CHECK-NOT: dtensor
// CHECK: return
// PROP-LABEL: func.func @reduction
// PROP-SAME: (%arg0: tensor<4x5x6xf32, #dtensor.layout<[2, 0, 1]>>) -> tensor<5xf32>
// PROP: "dhlo.exponential"(%arg0) {{.*}} -> tensor<4x5x6xf32, #dtensor.layout<[2, 0, 1]>>
// PROP-NOT: dtensor.relayout
func.func private @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @reduction(%x: tensor<4x5x6xf32>) -> tensor<5xf32> {
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %e = "dhlo.exponential"(%x) : (tensor<4x5x6xf32>) -> tensor<4x5x6xf32>
  %0 = "dhlo.reduce"(%e, %z) {dimensions = array<i64: 0, 2>, to_apply = @add} : (tensor<4x5x6xf32>, tensor<f32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// Relayouts in the input carry no decision: a value and its relayout share a layout and the
// relayout goes, so an inverse pair cancels.
// CHECK-LABEL: func.func @inverse_pair
// CHECK-NEXT: %[[N:.*]] = "dhlo.negate"(%arg0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: return %[[N]]
func.func @inverse_pair(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dtensor.relayout"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
  %1 = "dtensor.relayout"(%0) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32>
  %2 = "dhlo.negate"(%1) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// -----

// Two uses that need the same layout share one relayout, and a chain of input relayouts
// collapses into one from the original value.
// CHECK-LABEL: func.func @shared
// CHECK-NEXT: %[[W:.*]] = "dtensor.relayout"(%arg1) {{.*}} -> tensor<16x3x3x3xf32, #dtensor.layout<[0, 1, 3, 2]>>
// CHECK-NEXT: "dhlo.convolution"(%arg0, %[[W]])
// CHECK-NEXT: "dhlo.convolution"(%arg0, %[[W]])
// CHECK-NEXT: return
func.func @shared(%x: tensor<1x8x8x3xf32>, %w: tensor<16x3x3x3xf32>) -> (tensor<1x6x6x16xf32>, tensor<1x6x6x16xf32>) {
  %0 = "dtensor.relayout"(%w) : (tensor<16x3x3x3xf32>) -> tensor<16x3x3x3xf32, #dtensor.layout<[3, 2, 1, 0]>>
  %1 = "dtensor.relayout"(%0) : (tensor<16x3x3x3xf32, #dtensor.layout<[3, 2, 1, 0]>>) -> tensor<16x3x3x3xf32, #dtensor.layout<[2, 3, 0, 1]>>
  %c1 = "dhlo.convolution"(%x, %1) {dimension_numbers = "b01f_oi01->b01f"} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32, #dtensor.layout<[2, 3, 0, 1]>>) -> tensor<1x6x6x16xf32>
  %c2 = "dhlo.convolution"(%x, %w) {dimension_numbers = "b01f_oi01->b01f"} : (tensor<1x8x8x3xf32>, tensor<16x3x3x3xf32>) -> tensor<1x6x6x16xf32>
  return %c1, %c2 : tensor<1x6x6x16xf32>, tensor<1x6x6x16xf32>
}

// -----

// A relayout of a constant folds into the constant: the constant takes the layout the
// dot_general asks of it, and its row-major use (the return) gets a copy with that type
// instead of a relayout. `value` stays in logical order.
// CHECK-LABEL: func.func @constant
// CHECK-NEXT: %[[KMINOR:.*]] = "dhlo.constant"() {value = dense<{{.*}}> : tensor<2x3xf32>} : () -> tensor<2x3xf32, #dtensor.layout<[0, 1]>>
// CHECK-NEXT: %[[ROW:.*]] = "dhlo.constant"() {value = dense<{{.*}}> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
// CHECK-NEXT: %[[D:.*]] = "dhlo.dot_general"(%[[KMINOR]], %arg0)
// CHECK-NEXT: return %[[D]], %[[ROW]]
func.func @constant(%b: tensor<2x5xf32>) -> (tensor<3x5xf32>, tensor<2x3xf32>) {
  %a = "dhlo.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<3x5xf32>
  return %0, %a : tensor<3x5xf32>, tensor<2x3xf32>
}

// -----

// Types the pass leaves in their layout stay exactly as written, a default layout spelled out
// included, and a relayout back to a declared type yields that type: func.return compares
// types exactly.
// CHECK-LABEL: func.func @explicit_default
// CHECK-SAME: (%arg0: tensor<2x3xf32, #dtensor.layout<[1, 0]>>, %arg1: tensor<1x2x3x3xf32, #dtensor.layout<[3, 2, 1, 0]>>) -> (tensor<2x3xf32, #dtensor.layout<[1, 0]>>, tensor<1x2x1x1xf32, #dtensor.layout<[3, 2, 1, 0]>>)
// CHECK-NEXT: %[[X:.*]] = "dtensor.relayout"(%arg1) : (tensor<1x2x3x3xf32, #dtensor.layout<[3, 2, 1, 0]>>) -> tensor<1x2x3x3xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NEXT: %[[N:.*]] = "dhlo.negate"(%arg0) : (tensor<2x3xf32, #dtensor.layout<[1, 0]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
// CHECK: %[[C:.*]] = "dhlo.convolution"(%[[X]], {{.*}} -> tensor<1x2x1x1xf32, #dtensor.layout<[1, 3, 2, 0]>>
// CHECK-NEXT: %[[R:.*]] = "dtensor.relayout"(%[[C]]) {{.*}} -> tensor<1x2x1x1xf32, #dtensor.layout<[3, 2, 1, 0]>>
// CHECK-NEXT: return %[[N]], %[[R]]
func.func @explicit_default(%x: tensor<2x3xf32, #dtensor.layout<[1, 0]>>, %y: tensor<1x2x3x3xf32, #dtensor.layout<[3, 2, 1, 0]>>) -> (tensor<2x3xf32, #dtensor.layout<[1, 0]>>, tensor<1x2x1x1xf32, #dtensor.layout<[3, 2, 1, 0]>>) {
  %0 = "dhlo.negate"(%x) : (tensor<2x3xf32, #dtensor.layout<[1, 0]>>) -> tensor<2x3xf32, #dtensor.layout<[1, 0]>>
  %w = "dhlo.constant"() {value = dense<1.0> : tensor<2x2x3x3xf32>} : () -> tensor<2x2x3x3xf32>
  %1 = "dhlo.convolution"(%y, %w) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x2x3x3xf32, #dtensor.layout<[3, 2, 1, 0]>>, tensor<2x2x3x3xf32>) -> tensor<1x2x1x1xf32, #dtensor.layout<[3, 2, 1, 0]>>
  return %0, %1 : tensor<2x3xf32, #dtensor.layout<[1, 0]>>, tensor<1x2x1x1xf32, #dtensor.layout<[3, 2, 1, 0]>>
}
