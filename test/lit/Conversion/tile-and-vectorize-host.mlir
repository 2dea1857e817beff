// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-tile-and-vectorize{print-script=true})' -o /dev/null 2>&1 | FileCheck %s -DBLOCK='%host_register_block'
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-tile-and-vectorize{register-block=host print-script=true})' -o /dev/null 2>&1 | FileCheck %s -DBLOCK='%host_register_block'
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-tile-and-vectorize{register-block=6x24 print-script=true})' -o /dev/null 2>&1 | FileCheck %s -DBLOCK='4, 16'
// register-block defaults to `host`: the block for the CPU that compiles, 8x32 with AVX-512
// (16 zmm accumulators), 8x16 with AVX2 (16 ymm), 4x8 otherwise (lit.cfg.py reads the
// expected one from /proc/cpuinfo). An explicit block overrides it (6x24 shrinks to 4x16,
// the largest divisors of 64 within it).

// CHECK: tile_using_for %t0 tile_sizes [64, 64, 64]
// CHECK-NEXT: tile_using_for %t1 tile_sizes [[[BLOCK]], 4]
func.func @matmul(%a: memref<64x64xf32>, %b: memref<64x64xf32>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>) outs(%c : memref<64x64xf32>)
  return
}
