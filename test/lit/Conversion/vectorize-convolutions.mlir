// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-vectorize-convolutions{block=8x32})' | FileCheck %s

// A 3x3 NHWC/HWCF convolution on tensors: output rows (n, oh) in an scf.forall; ow, f, kh
// and c in scf.for, tiled by divisors (ow 8, f 8, c 3); each tile a 1-d convolution
// vectorized into one contraction per kw (3) on an 8 x 8 accumulator.
// CHECK-LABEL: func.func @conv
// CHECK: scf.forall ({{.*}}) in (2, 8)
// CHECK: scf.for {{.*}} to %c3 step %c1
// CHECK-COUNT-3: vector.contract {{.*}} : vector<1x8x3xf32>, vector<3x8xf32> into vector<1x8x8xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x8x8xf32>, tensor<1x8x8xf32>
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: dlc.conv
func.func @conv(%x: tensor<2x10x10x3xf32>, %w: tensor<3x3x3x8xf32>, %o: tensor<2x8x8x8xf32>) -> tensor<2x8x8x8xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x10x10x3xf32>, tensor<3x3x3x8xf32>) outs(%o : tensor<2x8x8x8xf32>) -> tensor<2x8x8x8xf32>
  return %r : tensor<2x8x8x8xf32>
}

// -----

// Wide outputs and many channels: ow 56 in 8-column blocks, f 64 in 32-wide ones, c 64 in
// steps of 16.
// CHECK-LABEL: func.func @wide
// CHECK: scf.forall ({{.*}}) in (1, 56)
// CHECK: scf.for {{.*}} to %c56 step %c8
// CHECK: scf.for {{.*}} to %c64 step %c32
// CHECK: scf.for {{.*}} to %c3 step %c1
// CHECK: scf.for {{.*}} step %c16 iter_args
// CHECK-COUNT-3: vector.contract {{.*}} : vector<1x8x16xf32>, vector<16x32xf32> into vector<1x8x32xf32>
func.func @wide(%x: tensor<1x58x58x64xf32>, %w: tensor<3x3x64x64xf32>, %o: tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%o : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %r : tensor<1x56x56x64xf32>
}

// -----

// Strided convolutions stay loops (their tiles vectorize into n-d strided-slice inserts).
// CHECK-LABEL: func.func @strided
// CHECK-NEXT: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: vector.
func.func @strided(%x: tensor<1x9x9x4xf32>, %w: tensor<3x3x4x8xf32>, %o: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x9x9x4xf32>, tensor<3x3x4x8xf32>) outs(%o : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %r : tensor<1x4x4x8xf32>
}

// -----

// bf16 operands accumulated into f32 stay loops.
// CHECK-LABEL: func.func @mixed
// CHECK-NEXT: linalg.conv_2d_nhwc_hwcf
// CHECK-NOT: vector.
func.func @mixed(%x: tensor<1x6x6x4xbf16>, %w: tensor<3x3x4x8xbf16>, %o: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x6x6x4xbf16>, tensor<3x3x4x8xbf16>) outs(%o : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %r : tensor<1x4x4x8xf32>
}
