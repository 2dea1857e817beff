// Matmuls whose rhs dlc-pack-matmul-rhs copies into panels (pack-min-size lowered so that
// small ones are packed), compiled sequentially and on two OpenMP threads, checked against
// the reference evaluator on random inputs. f32 dot products of 96 terms in [-1, 1): 1e-5.
// The IR of the rewrite: Conversion/pack-matmul-rhs.mlir.

// RUN: dlc-run %s --entry=square --check --atol=1e-5 --rtol=1e-5 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{pack-min-size=32})' | FileCheck %s
// RUN: %omp_env dlc-run %s --entry=square --check --atol=1e-5 --rtol=1e-5 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{pack-min-size=32 threads=2})' | FileCheck %s
// Rows that are no multiple of the register block, more panels than threads.
// RUN: dlc-run %s --entry=tall --check --atol=1e-5 --rtol=1e-5 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{pack-min-size=32 register-block=8x16})' | FileCheck %s
// RUN: %omp_env dlc-run %s --entry=tall --check --atol=1e-5 --rtol=1e-5 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{pack-min-size=32 register-block=8x16 threads=2})' | FileCheck %s
// Ahead of time, too.
// RUN: dlc-run %s --entry=tall --aot --check --atol=1e-5 --rtol=1e-5 \
// RUN:   --pipeline='builtin.module(dhlo-optimize,dlc-lower-to-cpu{pack-min-size=32})' | FileCheck %s
// CHECK: dlc-run: output #0 matches

func.func @square(%a: tensor<96x96xf32>, %b: tensor<96x96xf32>) -> tensor<96x96xf32> {
  %c = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<96x96xf32>, tensor<96x96xf32>) -> tensor<96x96xf32>
  return %c : tensor<96x96xf32>
}

func.func @tall(%a: tensor<100x64xf32>, %b: tensor<64x96xf32>) -> tensor<100x96xf32> {
  %c = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<100x64xf32>, tensor<64x96xf32>) -> tensor<100x96xf32>
  return %c : tensor<100x96xf32>
}
