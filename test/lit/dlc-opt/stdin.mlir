// With no input file, or '-', dlc-opt reads stdin and names it <stdin> in diagnostics.
// RUN: dlc-opt < %S/Inputs/add.mlir | FileCheck %s
// RUN: dlc-opt - < %S/Inputs/add.mlir | FileCheck %s
// RUN: not dlc-opt < %S/Inputs/shape-error.mlir 2>&1 | FileCheck %s --check-prefix=ERR

// CHECK-LABEL: func.func @add
// CHECK-NEXT: "dhlo.add"

// ERR: <stdin>:3:8: error: 'dhlo.add' op operand types differ: tensor<2x3xf32> vs tensor<3x2xf32>
