// --split-input-file: each chunk between marker lines is parsed, verified, run and
// printed on its own; the outputs are joined by marker lines. Without the flag the
// markers are plain comments. (This file spells the marker only where it splits.)
// RUN: dlc-opt %s --split-input-file | FileCheck %s
// RUN: dlc-opt %s | FileCheck %s --check-prefix=WHOLE

// CHECK: module {
// CHECK-NEXT: func.func @first
// CHECK: {{^}$}}
// CHECK-EMPTY:
// CHECK-NEXT: {{^// -{5}$}}
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @second
// CHECK-NOT: {{^// -{5}$}}

// WHOLE: module {
// WHOLE-NEXT: func.func @first
// WHOLE: func.func @second
// WHOLE-NOT: {{^// -{5}$}}
func.func @first(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}

// -----

func.func @second(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}

// A failing chunk prints nothing, but the others still run, and the exit status is 1.
// The diagnostics have the file's own line numbers. A marker missing a dash is a near
// miss: a warning, and no split.
// RUN: not dlc-opt %S/Inputs/split.mlir --split-input-file 2>%t.err | FileCheck %s --check-prefix=PARTIAL
// RUN: FileCheck %s --check-prefix=PARTIAL-ERR < %t.err
// PARTIAL: func.func @first
// PARTIAL-NEXT: return
// PARTIAL: {{^// -{5}$}}
// PARTIAL-NEXT: {{^// -{5}$}}
// PARTIAL-NEXT: module {
// PARTIAL-NEXT: func.func @third
// PARTIAL-ERR: split.mlir:15:7: warning: near miss with file split marker
// PARTIAL-ERR: split.mlir:9:8: error: 'dhlo.add' op operand types differ

// Another marker with --split-input-file=MARKER; outputs are still joined by the default.
// RUN: dlc-opt %S/Inputs/split-custom.mlir '--split-input-file=// =====' | FileCheck %s
