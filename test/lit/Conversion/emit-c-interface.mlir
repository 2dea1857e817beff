// RUN: dlc-opt %s --dlc-emit-c-interface | FileCheck %s
// Public functions with a body get llvm.emit_c_interface (EmitCInterface.c); private
// functions and declarations do not.

// CHECK-LABEL: func.func @entry
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func private @helper
// CHECK-NOT: llvm.emit_c_interface
// CHECK-LABEL: func.func private @external
// CHECK-NOT: llvm.emit_c_interface
func.func @entry(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
func.func private @external(tensor<4xf32>) -> tensor<4xf32>
