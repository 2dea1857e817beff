// Pipelines in MLIR's syntax: nesting, options, dlc and upstream passes mixed, named
// pipelines, and the printed pipeline under --mlir-print-ir-after-all.

// RUN: dlc-opt %s --pass-pipeline='builtin.module(func.func(dhlo-canonicalize{max-iterations=2}),cse,dhlo-dce,dhlo-verify)' | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize)' | FileCheck %s
// RUN: dlc-opt %s --dhlo-optimize | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline=' builtin.module( func.func( dhlo-canonicalize ) , canonicalize{max-iterations=1} ) ' | FileCheck %s

// CHECK-LABEL: func.func @f
// CHECK-NEXT: %[[A:.*]] = "dhlo.add"(%arg0, %arg0)
// CHECK-NEXT: return %[[A]]
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.add"(%1, %1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "dhlo.sqrt"(%2) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}
