// Errors print as MLIR prints them: file:line:col: error: message, the source line with a
// caret under the column, then the notes (a note's source line only when it points
// elsewhere). With --split-input-file the lines are the file's own. Every case fails, and
// dlc-opt goes on with the next chunk.
// RUN: not dlc-opt %s --split-input-file 2>&1 | FileCheck %s

// An unknown dhlo op: MLIR's message, and the op in the "see current operation" note.
func.func @unknown_op(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.frobnicate"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// CHECK: diagnostics.mlir:[[@LINE-3]]:8: error: unregistered operation 'dhlo.frobnicate' found in dialect ('dhlo') that does not allow unknown operations
// CHECK-NEXT: {{^}}  %0 = "dhlo.frobnicate"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: {{^       \^$}}
// CHECK-NEXT: diagnostics.mlir:[[@LINE-6]]:8: note: see current operation: %0 = "dhlo.frobnicate"(%arg0)

// -----

// Wrong operand count, caught by IRDL.
func.func @operand_count(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// CHECK: diagnostics.mlir:[[@LINE-3]]:8: error: op expects exactly 2 operands, but got 1

// -----

// An attribute of the wrong kind, caught by IRDL.
func.func @bad_attribute() -> tensor<1xi64> {
  %0 = "dhlo.constant"() {value = array<i64: 1>} : () -> tensor<1xi64>
  return %0 : tensor<1xi64>
}
// CHECK: diagnostics.mlir:[[@LINE-3]]:8: error: expected base attribute 'builtin.dense_int_or_fp_elements' but got 'builtin.dense_array'

// -----

// A shape error, caught by dlc's verifier after parsing.
func.func @shapes(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// CHECK: diagnostics.mlir:[[@LINE-3]]:8: error: 'dhlo.add' op operand types differ: tensor<2x3xf32> vs tensor<3x2xf32>
// CHECK-NEXT: {{^}}  %0 = "dhlo.add"(%a, %b)
// CHECK-NEXT: {{^       \^$}}

// -----

// A note at another place shows its own source line.
func.func @redefinition(%a: tensor<2xf32>) {
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}
// CHECK: diagnostics.mlir:[[@LINE-3]]:3: error: redefinition of SSA value '%0'
// CHECK-NEXT: {{^}}  %0 = "dhlo.negate"
// CHECK-NEXT: {{^  \^$}}
// CHECK-NEXT: diagnostics.mlir:[[@LINE-7]]:3: note: previously defined here
// CHECK-NEXT: {{^}}  %0 = "dhlo.negate"
// CHECK-NEXT: {{^  \^$}}

// -----

// Tabs before the error column: the caret lines up with the source as printed.
func.func @tabs() {
		%0 = "dhlo.frobnicate"() : () -> tensor<f32>
  return
}
// CHECK: diagnostics.mlir:[[@LINE-3]]:8: error: unregistered operation 'dhlo.frobnicate'
// CHECK-NEXT: {{^                %0 = "dhlo.frobnicate"}}
// CHECK-NEXT: {{^                     \^$}}
