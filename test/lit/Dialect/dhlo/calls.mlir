// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// fusion, custom_call, all_reduce and all_gather: valid forms round-trip through the
// printer and parser. Operands and results of different types sit in different variadic
// groups (IRDL gives all values of one group one type), hence the segment sizes.

func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func private @fused_loop(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.exponential"(%0) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// Both operands have one type, so one group holds them.
// CHECK-LABEL: func.func @loop_fusion
// CHECK: "dhlo.fusion"(%arg0, %arg1) {calls = @fused_loop, kind = "loop", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @loop_fusion(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = "dhlo.fusion"(%a, %b) {calls = @fused_loop, kind = "loop", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

func.func private @fused_reduction(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.reduce"(%0, %zero) {dimensions = array<i64: 1>, to_apply = @add_f32} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// CHECK-LABEL: func.func @input_fusion
// CHECK: "dhlo.fusion"(%arg0, %arg1) {calls = @fused_reduction, kind = "input", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
func.func @input_fusion(%x: tensor<4x8xf32>, %zero: tensor<f32>) -> tensor<4xf32> {
  %0 = "dhlo.fusion"(%x, %zero) {calls = @fused_reduction, kind = "input", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4x8xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

func.func private @fused_epilogue(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %bias: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = "dhlo.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "dhlo.add"(%0, %bias) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @output_fusion
// CHECK: "dhlo.fusion"(%arg0, %arg1, %arg2) {calls = @fused_epilogue, kind = "output", operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
func.func @output_fusion(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %bias: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = "dhlo.fusion"(%a, %b, %bias) {calls = @fused_epilogue, kind = "output", operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func private @fused_two_results(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xi1>) {
  %0 = "dhlo.add"(%a, %b) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "dhlo.compare"(%a, %b) {comparison_direction = "GT"} : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xi1>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xi1>
}

// A multi-output fusion whose results differ in type: two result groups.
// CHECK-LABEL: func.func @multi_output_fusion
// CHECK: "dhlo.fusion"(%arg0, %arg1) {calls = @fused_two_results, kind = "loop", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<4x8xf32>, tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xi1>)
func.func @multi_output_fusion(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xi1>) {
  %0:2 = "dhlo.fusion"(%a, %b) {calls = @fused_two_results, kind = "loop", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<4x8xf32>, tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xi1>)
  return %0#0, %0#1 : tensor<4x8xf32>, tensor<4x8xi1>
}

// CHECK-LABEL: func.func @custom_call_no_results
// CHECK: "dhlo.custom_call"(%arg0) {call_target_name = "dlc_print", has_side_effect = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0>} : (tensor<4xf32>) -> ()
func.func @custom_call_no_results(%a: tensor<4xf32>) {
  "dhlo.custom_call"(%a) {call_target_name = "dlc_print", has_side_effect = true, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0>} : (tensor<4xf32>) -> ()
  return
}

// CHECK-LABEL: func.func @custom_call_two_results
// CHECK: "dhlo.custom_call"(%arg0, %arg1) {backend_config = "{k = 2}", call_target_name = "top_k", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<16xf32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
func.func @custom_call_two_results(%a: tensor<16xf32>, %k: tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>) {
  %0:2 = "dhlo.custom_call"(%a, %k) {backend_config = "{k = 2}", call_target_name = "top_k", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<16xf32>, tensor<i32>) -> (tensor<2xf32>, tensor<2xi32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<2xi32>
}

// CHECK-LABEL: func.func @all_reduce
// CHECK: "dhlo.all_reduce"(%arg0) {replica_groups = dense<{{\[\[}}0, 1], [2, 3]]> : tensor<2x2xi64>, to_apply = @add_f32} : (tensor<4x8xf32>) -> tensor<4x8xf32>
func.func @all_reduce(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = "dhlo.all_reduce"(%a) {replica_groups = dense<[[0, 1], [2, 3]]> : tensor<2x2xi64>, to_apply = @add_f32} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// Groups of 4 replicas gather 4 pieces along dimension 1.
// CHECK-LABEL: func.func @all_gather
// CHECK: "dhlo.all_gather"(%arg0) {all_gather_dim = 1 : i64, replica_groups = dense<{{\[\[}}0, 1, 2, 3]]> : tensor<1x4xi64>} : (tensor<4x8xf32>) -> tensor<4x32xf32>
func.func @all_gather(%a: tensor<4x8xf32>) -> tensor<4x32xf32> {
  %0 = "dhlo.all_gather"(%a) {all_gather_dim = 1 : i64, replica_groups = dense<[[0, 1, 2, 3]]> : tensor<1x4xi64>} : (tensor<4x8xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// Empty replica_groups (all replicas, count unknown here): any whole number of pieces.
// CHECK-LABEL: func.func @all_gather_all_replicas
// CHECK: "dhlo.all_gather"(%arg0) {all_gather_dim = 0 : i64, replica_groups = dense<> : tensor<0x0xi64>} : (tensor<4x8xf32>) -> tensor<24x8xf32>
func.func @all_gather_all_replicas(%a: tensor<4x8xf32>) -> tensor<24x8xf32> {
  %0 = "dhlo.all_gather"(%a) {all_gather_dim = 0 : i64, replica_groups = dense<> : tensor<0x0xi64>} : (tensor<4x8xf32>) -> tensor<24x8xf32>
  return %0 : tensor<24x8xf32>
}
