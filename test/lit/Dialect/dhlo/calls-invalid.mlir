// RUN: dlc-opt %s --split-input-file --verify-diagnostics

// fusion: kind is one of loop, input, output.
func.func private @fused(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @bad_kind(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{kind "elementwise" is not one of loop, input, output}}
  %0 = "dhlo.fusion"(%a) {calls = @fused, kind = "elementwise", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// fusion: operands must match the fused computation's parameters.
func.func private @fused(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @operand_mismatch(%a: tensor<8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{operand #0 has type tensor<8xf32>, but @fused takes tensor<4xf32>}}
  %0 = "dhlo.fusion"(%a) {calls = @fused, kind = "loop", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// fusion: as many operands and results as the fused computation has.
func.func private @fused(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @arity_mismatch(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{has 2 operands and 1 results, but @fused has type (tensor<4xf32>) -> tensor<4xf32>}}
  %0 = "dhlo.fusion"(%a, %a) {calls = @fused, kind = "loop", operandSegmentSizes = array<i32: 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// fusion: results must be what the fused computation returns.
func.func private @fused(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @result_mismatch(%a: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{result #0 has type tensor<4xf16>, but @fused returns tensor<4xf32>}}
  %0 = "dhlo.fusion"(%a) {calls = @fused, kind = "loop", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// fusion: the fused computation must exist.
func.func @missing_callee(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'calls' names @fused_0, which is not defined}}
  %0 = "dhlo.fusion"(%a) {calls = @fused_0, kind = "loop", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// custom_call: the target name cannot be empty.
func.func @empty_target(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{call_target_name must not be empty}}
  %0 = "dhlo.custom_call"(%a) {call_target_name = "", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// custom_call: has_side_effect is a bool.
func.func @side_effect_not_bool(%a: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'has_side_effect' must be a bool}}
  "dhlo.custom_call"(%a) {call_target_name = "dlc_print", has_side_effect = 1 : i32, operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0>} : (tensor<4xf32>) -> ()
  return
}

// -----

// custom_call: backend_config is a string.
func.func @config_not_string(%a: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'backend_config' must be a string}}
  "dhlo.custom_call"(%a) {backend_config = 3 : i32, call_target_name = "dlc_print", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 0, 0, 0, 0>} : (tensor<4xf32>) -> ()
  return
}

// -----

// all_reduce: replica_groups is 2-D: [groups, replicas per group].
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @groups_rank(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{replica_groups must be 2-D ([groups, replicas per group]), got tensor<4xi64>}}
  %0 = "dhlo.all_reduce"(%a) {replica_groups = dense<[0, 1, 2, 3]> : tensor<4xi64>, to_apply = @add_f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// all_reduce: replica_groups holds integer replica ids.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @groups_float(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{requires a dense integer elements attribute 'replica_groups'}}
  %0 = "dhlo.all_reduce"(%a) {replica_groups = dense<[[0.0, 1.0]]> : tensor<1x2xf32>, to_apply = @add_f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// all_reduce: the reducer is checked as for reduce.
func.func private @add_i32(%a: tensor<i32>, %b: tensor<i32>) -> tensor<i32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<i32>, tensor<i32>) -> tensor<i32>
  return %0 : tensor<i32>
}
func.func @all_reduce_reducer(%a: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'to_apply' names @add_i32 of type (tensor<i32>, tensor<i32>) -> tensor<i32>; a reducer must have type (tensor<f32>, tensor<f32>) -> tensor<f32>}}
  %0 = "dhlo.all_reduce"(%a) {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>, to_apply = @add_i32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// all_reduce: the result has the operand's type.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @all_reduce_result(%a: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{result #0 has type tensor<8xf32>, but the operands imply tensor<4xf32>}}
  %0 = "dhlo.all_reduce"(%a) {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>, to_apply = @add_f32} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// all_gather: all_gather_dim lies within the operand's rank.
func.func @gather_dim_range(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{all_gather_dim 2 is out of range [0, 2)}}
  %0 = "dhlo.all_gather"(%a) {all_gather_dim = 2 : i64, replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// all_gather: with groups of 2, the gathered dimension doubles.
func.func @gather_group_size(%a: tensor<4x8xf32>) -> tensor<12x8xf32> {
  // expected-error @+1 {{result #0 has type tensor<12x8xf32>, but the operands imply tensor<8x8xf32>}}
  %0 = "dhlo.all_gather"(%a) {all_gather_dim = 0 : i64, replica_groups = dense<[[0, 1], [2, 3]]> : tensor<2x2xi64>} : (tensor<4x8xf32>) -> tensor<12x8xf32>
  return %0 : tensor<12x8xf32>
}

// -----

// all_gather: with the group size unknown, the result still holds whole pieces.
func.func @gather_not_multiple(%a: tensor<4x8xf32>) -> tensor<10x8xf32> {
  // expected-error @+1 {{result dimension 0 has size 10, which is not a multiple of the operand's 4}}
  %0 = "dhlo.all_gather"(%a) {all_gather_dim = 0 : i64, replica_groups = dense<> : tensor<0x0xi64>} : (tensor<4x8xf32>) -> tensor<10x8xf32>
  return %0 : tensor<10x8xf32>
}

// -----

// all_gather: only the gathered dimension may change.
func.func @gather_other_dim(%a: tensor<4x8xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{result #0 has type tensor<8x16xf32>, but the operands imply tensor<8x8xf32>}}
  %0 = "dhlo.all_gather"(%a) {all_gather_dim = 0 : i64, replica_groups = dense<> : tensor<0x0xi64>} : (tensor<4x8xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}
