// RUN: dlc-opt %s --split-input-file --dhlo-cse | FileCheck %s
// RUN: dlc-opt %s --split-input-file --dhlo-canonicalize | FileCheck %s --check-prefix=CANON

// Identical pure ops merge into the first; their users then merge too.
// CHECK-LABEL: func.func @duplicates
// CHECK-NEXT: %[[E:.*]] = "dhlo.exponential"(%arg0)
// CHECK-NEXT: %[[A:.*]] = "dhlo.add"(%[[E]], %arg1)
// CHECK-NEXT: return %[[A]], %[[A]]
func.func @duplicates(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "dhlo.add"(%0, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %3 = "dhlo.add"(%1, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %2, %3 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Operand order matters: add(x, y) and add(y, x) are not merged.
// CHECK-LABEL: func.func @operand_order
// CHECK-COUNT-2: "dhlo.add"
func.func @operand_order(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.add"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.add"(%y, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Ops that differ in an attribute are not merged.
// CHECK-LABEL: func.func @different_attributes
// CHECK-COUNT-2: "dhlo.compare"
func.func @different_attributes(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = "dhlo.compare"(%x, %y) {comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = "dhlo.compare"(%x, %y) {comparison_direction = "GT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// -----

// An extra attribute makes ops different, too.
// CHECK-LABEL: func.func @extra_attribute
// CHECK-COUNT-2: "dhlo.compare"
func.func @extra_attribute(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = "dhlo.compare"(%x, %y) {comparison_direction = "LT"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = "dhlo.compare"(%x, %y) {comparison_direction = "LT", compare_type = "TOTALORDER"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// -----

// Attributes compare by name, whatever order the text gives them in.
// CHECK-LABEL: func.func @attribute_order
// CHECK-COUNT-1: "dhlo.slice"
// CHECK-NOT: "dhlo.slice"
func.func @attribute_order(%x: tensor<8xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.slice"(%x) {start_indices = array<i64: 0>, limit_indices = array<i64: 8>, strides = array<i64: 2>} : (tensor<8xf32>) -> tensor<4xf32>
  %1 = "dhlo.slice"(%x) {strides = array<i64: 2>, limit_indices = array<i64: 8>, start_indices = array<i64: 0>} : (tensor<8xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Equal constants merge; ones of other values or result types (a layout) do not.
// CHECK-LABEL: func.func @constants
// CHECK-NEXT: %[[A:.*]] = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<4xf32>} : () -> tensor<4xf32>
// CHECK-NEXT: %[[B:.*]] = "dhlo.constant"() {value = dense<2.000000e+00> : tensor<4xf32>} : () -> tensor<4xf32>
// CHECK-NEXT: %[[L:.*]] = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<4xf32>} : () -> tensor<4xf32, #dtensor.layout<[0]>>
// CHECK-NEXT: return %[[A]], %[[A]], %[[B]], %[[L]]
func.func @constants() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32, #dtensor.layout<[0]>>) {
  %0 = "dhlo.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %1 = "dhlo.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %2 = "dhlo.constant"() {value = dense<2.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %3 = "dhlo.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32, #dtensor.layout<[0]>>
  return %0, %1, %2, %3 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32, #dtensor.layout<[0]>>
}

// -----

// custom_call has side effects: identical calls both stay.
// CHECK-LABEL: func.func @side_effects
// CHECK-COUNT-2: "dhlo.custom_call"
func.func @side_effects(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "dhlo.custom_call"(%x) {call_target_name = "rng", has_side_effect = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.custom_call"(%x) {call_target_name = "rng", has_side_effect = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Non-dlc ops are left to upstream cse.
// CHECK-LABEL: func.func @other_dialects
// CHECK-COUNT-2: arith.addf
func.func @other_dialects(%a: f32) -> (f32, f32) {
  %0 = arith.addf %a, %a : f32
  %1 = arith.addf %a, %a : f32
  return %0, %1 : f32, f32
}

// -----

// Within a nested block duplicates merge; an op is not merged with one of an enclosing
// block (the scope is one block).
// CHECK-LABEL: func.func @nested_regions
// CHECK: %[[OUT:.*]] = "dhlo.negate"(%arg1)
// CHECK: scf.if
// CHECK-NEXT: %[[IN:.*]] = "dhlo.negate"(%arg1)
// CHECK-NEXT: %[[S:.*]] = "dhlo.add"(%[[IN]], %[[IN]])
// CHECK-NEXT: scf.yield %[[S]]
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[OUT]]
func.func @nested_regions(%c: i1, %x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %r = scf.if %c -> tensor<4xf32> {
    %1 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %2 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %3 = "dhlo.add"(%1, %2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    scf.yield %3 : tensor<4xf32>
  } else {
    scf.yield %0 : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}

// -----

// Ops in different functions never merge, not even constants.
// CHECK-LABEL: func.func @first
// CHECK: "dhlo.constant"
// CHECK-LABEL: func.func @second
// CHECK: "dhlo.constant"
func.func @first() -> tensor<f32> {
  %0 = "dhlo.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @second() -> tensor<f32> {
  %0 = "dhlo.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// dhlo-canonicalize merges duplicates too, and simplifies further with merged values:
// once both adds are one value, x - x is 0 for integers.
// CANON-LABEL: func.func @canonicalize_sees_merged
// CANON-NEXT: %[[Z:.*]] = "dhlo.constant"() {value = dense<0> : tensor<4xi32>}
// CANON-NEXT: return %[[Z]]
func.func @canonicalize_sees_merged(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = "dhlo.add"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = "dhlo.add"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = "dhlo.subtract"(%0, %1) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %2 : tensor<4xi32>
}

// -----

// Constants that folding makes equal are merged by dhlo-canonicalize.
// CANON-LABEL: func.func @canonicalize_merges_folds
// CANON-NEXT: %[[C:.*]] = "dhlo.constant"() {value = dense<[2, 4]> : tensor<2xi32>}
// CANON-NEXT: return %[[C]], %[[C]]
func.func @canonicalize_merges_folds() -> (tensor<2xi32>, tensor<2xi32>) {
  %a = "dhlo.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2xi32>
  %b = "dhlo.constant"() {value = dense<2> : tensor<2xi32>} : () -> tensor<2xi32>
  %0 = "dhlo.add"(%a, %a) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  %1 = "dhlo.multiply"(%a, %b) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0, %1 : tensor<2xi32>, tensor<2xi32>
}
