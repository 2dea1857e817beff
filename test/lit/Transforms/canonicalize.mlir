// RUN: dlc-opt %s --split-input-file --dhlo-canonicalize | FileCheck %s
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(dhlo-canonicalize{max-iterations=-1}))' | FileCheck %s
// RUN: not dlc-opt %s --dhlo-canonicalize=max-iterations=many 2>&1 | FileCheck %s --check-prefix=BADVALUE
// RUN: not dlc-opt %s --dhlo-canonicalize=max-iteration=3 2>&1 | FileCheck %s --check-prefix=BADNAME

// BADVALUE: invalid int value 'many' for option 'max-iterations'
// BADNAME: pass 'dhlo-canonicalize' has no option 'max-iteration'

// negate(negate(x)) folds to x, and the inner negate, now dead, is erased.
// CHECK-LABEL: func.func @double_negate
// CHECK-NOT: dhlo.negate
// CHECK: return %arg0
func.func @double_negate(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// not(not(x)) folds to x for booleans and integers alike.
// CHECK-LABEL: func.func @double_not
// CHECK-NOT: dhlo.not
// CHECK: return %arg0
func.func @double_not(%x: tensor<2x3xi1>) -> tensor<2x3xi1> {
  %0 = "dhlo.not"(%x) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  %1 = "dhlo.not"(%0) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return %1 : tensor<2x3xi1>
}

// -----

// Three negations leave one.
// CHECK-LABEL: func.func @triple_negate
// CHECK-NEXT: %[[N:.*]] = "dhlo.negate"(%arg0)
// CHECK-NEXT: return %[[N]]
func.func @triple_negate(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.negate"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// The inner value keeps its other user, so only the outer negate goes.
// CHECK-LABEL: func.func @shared_inner
// CHECK-NEXT: %[[N:.*]] = "dhlo.negate"(%arg0)
// CHECK-NEXT: return %arg0, %[[N]]
func.func @shared_inner(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1, %0 : tensor<4xf32>, tensor<4xf32>
}

// -----

// A fold that would change the value's layout encoding is not applied.
// CHECK-LABEL: func.func @layout_differs
// CHECK-COUNT-2: "dhlo.negate"
func.func @layout_differs(%x: tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<2x3xf32, #dtensor.layout<[0, 1]>>) -> tensor<2x3xf32>
  %1 = "dhlo.negate"(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
