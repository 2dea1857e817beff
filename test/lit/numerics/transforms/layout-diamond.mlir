// Layout assignment with conflicting wishes keeps results: one value used by ops that want
// it in different layouts gets one of them, relayouts give the others theirs. Checked
// against the reference evaluator without layout passes and with the layout passes under
// the cpu and gpu defaults, the layouts as written, and propagation into the signature.
//
// Tolerances: dlc-run's f32 defaults, rtol 1e-5 and atol 1e-6. The sums are short (27
// products in the convolution, 16 and 8 in the dots, of tanh outputs in (-1, 1) and weights
// in [-1, 1)), accumulated in f32 in an order the layout decides; tanh is a polynomial
// within 5 ulp of libm's (dlc-approximate-math). Worst error seen over seeds 0-4, with or
// without layouts: 1.9e-6 absolute at |expected| up to ~6 (the atol needed at rtol 1e-5 is
// 4.4e-7).

// RUN: dlc-run %s --entry=conv_diamond --no-optimize --check | FileCheck %s
// RUN: dlc-run %s --entry=conv_diamond --check \
// RUN:   --pipeline='builtin.module(dhlo-layout-assignment,dhlo-materialize-layouts,dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --entry=conv_diamond --check \
// RUN:   --pipeline='builtin.module(dhlo-layout-assignment{target=gpu entry-layouts=propagate},dhlo-materialize-layouts,dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --entry=dot_diamond --no-optimize --check | FileCheck %s
// RUN: dlc-run %s --entry=dot_diamond --check \
// RUN:   --pipeline='builtin.module(dhlo-layout-assignment,dhlo-materialize-layouts,dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --entry=dot_diamond --check \
// RUN:   --pipeline='builtin.module(dhlo-layout-assignment{dot-layout=contracting-minor entry-layouts=propagate},dhlo-materialize-layouts,dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --entry=dot_diamond --check \
// RUN:   --pipeline='builtin.module(dhlo-layout-assignment{dot-layout=default},dhlo-materialize-layouts,dlc-lower-to-cpu)' \
// RUN:   | FileCheck %s

// CHECK: dlc-run: output #0 matches (max abs error {{[0-9.e+-]+}})
// CHECK-NEXT: dlc-run: output #1 matches (max abs error {{[0-9.e+-]+}})
// CHECK-NEXT: dlc-run: output #2 matches (max abs error {{[0-9.e+-]+}})

func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// %t is wanted NHWC by the convolution, with its reduced dims (H, W) minor, i.e. NCHW, by
// the reduce, and row-major by the return.
func.func @conv_diamond(%x: tensor<1x3x8x8xf32>, %w: tensor<16x3x3x3xf32>) -> (tensor<1x16x6x6xf32>, tensor<1x3xf32>, tensor<1x3x8x8xf32>) {
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %t = "dhlo.tanh"(%x) : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %c = "dhlo.convolution"(%t, %w) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x6x6xf32>
  %r = "dhlo.reduce"(%t, %z) {dimensions = array<i64: 2, 3>, to_apply = @add_f32} : (tensor<1x3x8x8xf32>, tensor<f32>) -> tensor<1x3xf32>
  return %c, %r, %t : tensor<1x16x6x6xf32>, tensor<1x3xf32>, tensor<1x3x8x8xf32>
}

// %t is contracted over its dim 0 by one dot (canonical wants it transposed: [0, 1]) and over
// its dim 1 by the other (row-major), and returned.
func.func @dot_diamond(%a: tensor<16x8xf32>, %b: tensor<16x12xf32>, %c: tensor<8x12xf32>) -> (tensor<8x12xf32>, tensor<16x12xf32>, tensor<16x8xf32>) {
  %t = "dhlo.tanh"(%a) : (tensor<16x8xf32>) -> tensor<16x8xf32>
  %d0 = "dhlo.dot_general"(%t, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<16x8xf32>, tensor<16x12xf32>) -> tensor<8x12xf32>
  %d1 = "dhlo.dot_general"(%t, %c) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<16x8xf32>, tensor<8x12xf32>) -> tensor<16x12xf32>
  return %d0, %d1, %t : tensor<8x12xf32>, tensor<16x12xf32>, tensor<16x8xf32>
}
