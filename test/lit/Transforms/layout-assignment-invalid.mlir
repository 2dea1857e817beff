// An option value the pass does not know fails the run with a message naming the option.
// RUN: not dlc-opt %s --dhlo-layout-assignment=target=tpu 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not dlc-opt %s --dhlo-layout-assignment=conv-activation-layout=nhwcc 2>&1 | FileCheck %s --check-prefix=ACT
// RUN: not dlc-opt %s --dhlo-layout-assignment=conv-filter-layout=hwii 2>&1 | FileCheck %s --check-prefix=FILTER
// RUN: not dlc-opt %s --dhlo-layout-assignment=dot-layout=column-major 2>&1 | FileCheck %s --check-prefix=DOT
// RUN: not dlc-opt %s --dhlo-layout-assignment=entry-layouts=fixed 2>&1 | FileCheck %s --check-prefix=ENTRY
// TARGET: error: dhlo-layout-assignment: option 'target' does not accept 'tpu'; expected cpu or gpu
// ACT: error: dhlo-layout-assignment: option 'conv-activation-layout' does not accept 'nhwcc'; expected auto or distinct letters with one 'n' and one 'c'
// FILTER: error: dhlo-layout-assignment: option 'conv-filter-layout' does not accept 'hwii'
// DOT: error: dhlo-layout-assignment: option 'dot-layout' does not accept 'column-major'; expected canonical, contracting-minor, default or auto
// ENTRY: error: dhlo-layout-assignment: option 'entry-layouts' does not accept 'fixed'; expected keep or propagate

// A layout written with letters fixes the rank it applies to: "nhwc" and "hwio" describe a
// 2-D convolution and are errors at a 3-D one (auto fits every rank).
// RUN: dlc-opt %s --split-input-file --verify-diagnostics --dhlo-layout-assignment="conv-activation-layout=nhwc conv-filter-layout=hwio"

func.func @conv3d(%x: tensor<1x2x4x4x4xf32>, %k: tensor<3x2x1x1x1xf32>) -> tensor<1x3x4x4x4xf32> {
  // expected-error @+1 {{dhlo-layout-assignment: conv-activation-layout 'nhwc' describes 2 spatial dimensions, but this convolution has 3}}
  %0 = "dhlo.convolution"(%x, %k) {dimension_numbers = "bf012_oi012->bf012"} : (tensor<1x2x4x4x4xf32>, tensor<3x2x1x1x1xf32>) -> tensor<1x3x4x4x4xf32>
  return %0 : tensor<1x3x4x4x4xf32>
}

// -----

func.func @conv1d(%x: tensor<1x5x2xf32>, %k: tensor<3x2x4xf32>) -> tensor<1x3x4xf32> {
  // expected-error @+1 {{dhlo-layout-assignment: conv-activation-layout 'nhwc' describes 2 spatial dimensions, but this convolution has 1}}
  %0 = "dhlo.convolution"(%x, %k) {dimension_numbers = "b0f_0io->b0f"} : (tensor<1x5x2xf32>, tensor<3x2x4xf32>) -> tensor<1x3x4xf32>
  return %0 : tensor<1x3x4xf32>
}
