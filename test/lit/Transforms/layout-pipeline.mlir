// RUN: dlc-opt %s --dhlo-layout-assignment --dhlo-materialize-layouts | FileCheck %s
// RUN: dlc-opt %s --dhlo-layout-assignment="target=gpu entry-layouts=propagate" --dhlo-materialize-layouts | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize)' | FileCheck %s --check-prefix=OPT

// Layout assignment followed by materialization must not change what a function computes.
// Until the CPU runner (dlc-run) can compare numerics, this checks it structurally: the
// signature is the one written (row-major in and out, also when assignment let the layouts
// into it), no layout is left, the convolutions run in NHWC, and the data enters and leaves
// through one transpose each way.
// CHECK-LABEL: func.func @conv_net
// CHECK-SAME: (%arg0: tensor<1x3x8x8xf32>, %arg1: tensor<16x3x3x3xf32>, %arg2: tensor<16xf32>, %arg3: tensor<16x16x3x3xf32>, %arg4: tensor<16xf32>) -> tensor<1x16x4x4xf32>
// CHECK-NOT: dtensor
// CHECK: "dhlo.transpose"(%arg0) {permutation = array<i64: 0, 2, 3, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x8x8x3xf32>
// CHECK: "dhlo.convolution"{{.*}}{dimension_numbers = "b01f_{{.*}}->b01f"} : (tensor<1x8x8x3xf32>, {{.*}}) -> tensor<1x6x6x16xf32>
// CHECK: "dhlo.convolution"{{.*}}{dimension_numbers = "b01f_{{.*}}->b01f"} : (tensor<1x6x6x16xf32>, {{.*}}) -> tensor<1x4x4x16xf32>
// CHECK: %[[OUT:.*]] = "dhlo.transpose"({{.*}}) {permutation = array<i64: 0, 3, 1, 2>} : (tensor<1x4x4x16xf32>) -> tensor<1x16x4x4xf32>
// CHECK-NEXT: return %[[OUT]] : tensor<1x16x4x4xf32>
// CHECK-NOT: dtensor
// dhlo-optimize runs both: its result keeps the signature and has no layout either.
// OPT-LABEL: func.func @conv_net
// OPT-SAME: -> tensor<1x16x4x4xf32>
// OPT-NOT: dtensor
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
