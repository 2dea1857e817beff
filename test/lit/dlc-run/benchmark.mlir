// --benchmark=N: after the call that produced the results (the warm-up), N timed calls;
// median, min and max in ms, then the rates at the median. A 64x128 . 128x32 matmul is
// 2 * 64 * 32 * 128 = 524288 FLOP; it moves (64*128 + 128*32 + 64*32) * 4 = 57344 bytes.
// Only the format is checked, never a time.
// RUN: dlc-run %s --benchmark=3 | FileCheck %s
// CHECK: dlc-run: benchmark @matmul: 3 runs, median {{[0-9]+\.[0-9][0-9][0-9]}} ms, min {{[0-9]+\.[0-9][0-9][0-9]}} ms, max {{[0-9]+\.[0-9][0-9][0-9]}} ms
// CHECK-NEXT: dlc-run: {{[0-9.e+-]+}} GFLOP/s, {{[0-9.e+-]+}} GB/s at the median (524288 FLOP, 57344 bytes per call)

// With --check, the check comes first, then the timing.
// RUN: dlc-run %s --check --atol=1e-5 --benchmark=1 | FileCheck %s --check-prefix=BOTH
// BOTH: dlc-run: output #0 matches
// BOTH-NEXT: dlc-run: benchmark @matmul: 1 runs, median
// BOTH-NEXT: GFLOP/s
func.func @matmul(%a: tensor<64x128xf32>, %b: tensor<128x32xf32>) -> tensor<64x32xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>,
         rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>,
         rhs_contracting_dimensions = array<i64: 0>}
       : (tensor<64x128xf32>, tensor<128x32xf32>) -> tensor<64x32xf32>
  return %0 : tensor<64x32xf32>
}
