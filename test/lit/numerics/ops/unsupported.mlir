// custom_call and the collectives have no CPU lowering: dlc-run reports the op, located,
// and exits 1, through the JIT and ahead of time alike.
// RUN: not dlc-run %s --entry=custom 2>&1 | FileCheck %s --check-prefix=CUSTOM
// RUN: not dlc-run %s --entry=custom --aot 2>&1 | FileCheck %s --check-prefix=CUSTOM
// CUSTOM: unsupported.mlir:13:8: error: failed to legalize 'dhlo.custom_call' to linalg: custom calls have no CPU lowering
// RUN: not dlc-run %s --entry=reduce_all 2>&1 | FileCheck %s --check-prefix=ALL-REDUCE
// RUN: not dlc-run %s --entry=reduce_all --aot 2>&1 | FileCheck %s --check-prefix=ALL-REDUCE
// ALL-REDUCE: unsupported.mlir:21:8: error: failed to legalize 'dhlo.all_reduce' to linalg: collectives have no CPU lowering (one replica)
// RUN: not dlc-run %s --entry=gather_all 2>&1 | FileCheck %s --check-prefix=ALL-GATHER
// RUN: not dlc-run %s --entry=gather_all --aot 2>&1 | FileCheck %s --check-prefix=ALL-GATHER
// ALL-GATHER: unsupported.mlir:25:8: error: failed to legalize 'dhlo.all_gather' to linalg: collectives have no CPU lowering (one replica)
func.func @custom(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.custom_call"(%x) {call_target_name = "my_op", operandSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @reduce_all(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.all_reduce"(%x) {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>, to_apply = @add_f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @gather_all(%x: tensor<4xf32>) -> tensor<8xf32> {
  %0 = "dhlo.all_gather"(%x) {replica_groups = dense<[[0, 1]]> : tensor<1x2xi64>, all_gather_dim = 0 : i64} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
