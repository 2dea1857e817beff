// --verify-diagnostics: each diagnostic must be expected by an expected-error/warning/
// note/remark comment on its line, and each expectation matched; then dlc-opt exits 0,
// though the IR failed. One way of designating the line per chunk. (The mismatches are in
// verify-diagnostics-errors.test.)
// RUN: dlc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// @+N: N lines below the comment.
func.func @plus(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'dhlo.add' op operand types differ: tensor<2x3xf32> vs tensor<3x2xf32>}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// @-N: N lines above; the message need only be contained in the diagnostic's.
func.func @minus(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
  // expected-error @-2 {{types differ}}
}

// -----

// @above: the last line that is not an expectation; @below: the next one.
func.func @above_below(%a: tensor<2xf32>) {
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  // expected-note @above {{previously defined here}}
  // expected-error @below {{redefinition of SSA value '%0'}}
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// IRDL's "see current operation" note is not shown while verifying, as in mlir-opt.
func.func @no_op_note(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{op expects exactly 2 operands, but got 1}}
  %0 = "dhlo.add"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// expected-error-re: each {{regex}} is a regular expression, the text around it literal
// (the '.' and the brackets here match only themselves).
func.func @regex(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-error-re @+1 {{'dhlo.add' op operand types differ: tensor<{{[0-9]+x[0-9]+}}xf32> vs tensor<{{.*}}>}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// @unknown: a diagnostic whose location has no file position.
func.func @unknown_location(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-error @unknown {{operand types differ}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32> loc(unknown)
  return %0 : tensor<2x3xf32>
}

// -----

// A chunk without diagnostics is printed as usual; failed chunks print nothing.
// CHECK-COUNT-5: {{^// -{5}$}}
// CHECK-NEXT: {{^// -{5}$}}
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @fine
func.func @fine(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
