// Ops of unknown dialects are errors unless --allow-unregistered-dialect, as in mlir-opt.
// RUN: not dlc-opt %s 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: dlc-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: dlc-opt %s --allow-unregistered-dialect | dlc-opt --allow-unregistered-dialect | FileCheck %s

// REFUSED: unregistered-dialect.mlir:[[@LINE+5]]:23: error: operation being parsed with an unregistered dialect

// CHECK-LABEL: func.func @f
// CHECK-NEXT: %[[T:.*]] = "toy.transpose"(%arg0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
func.func @f(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "toy.transpose"(%a) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
