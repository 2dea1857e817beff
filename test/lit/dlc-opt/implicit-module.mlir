// mlir-opt's implicit module: a lone builtin.module is kept as written; anything else (no
// op, one other op, several ops) goes into a new module located at file:0:0, and the ops
// keep their own locations, also when the first op starts the input.
// RUN: dlc-opt %s --split-input-file --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s
// RUN: printf 'func.func @a() {return}\nfunc.func @b() {return}' | dlc-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=FIRST

// An explicit module is the top-level op, with its own attributes and location.
// CHECK: module attributes {dlc.test} {
// CHECK-NEXT: } loc("{{.*}}implicit-module.mlir":[[@LINE+1]]:1)
module attributes {dlc.test} {
}

// -----

// One function is wrapped.
// CHECK: module {
// CHECK-NEXT: func.func @one() {
// CHECK: } loc("{{.*}}implicit-module.mlir":[[@LINE+2]]:1)
// CHECK-NEXT: } loc("{{.*}}implicit-module.mlir":0:0)
func.func @one() {
  return
}

// -----

// Several ops are wrapped together, in order.
// CHECK: module {
// CHECK-NEXT: func.func @first() {
// CHECK: } loc("{{.*}}implicit-module.mlir":[[@LINE+3]]:1)
// CHECK-NEXT: func.func @second() {
// CHECK: } loc("{{.*}}implicit-module.mlir":0:0)
func.func @first() {
  return
}
func.func @second() {
  return
}

// -----

// Two modules are two ops: they go into a third.
// CHECK: module {
// CHECK-NEXT: module {
// CHECK-NEXT: } loc("{{.*}}implicit-module.mlir":[[@LINE+3]]:1)
// CHECK-NEXT: module {
// CHECK-NEXT: } loc("{{.*}}implicit-module.mlir":[[@LINE+3]]:1)
module {
}
module {
}

// -----

// Comments alone are an empty module.
// CHECK: module {
// CHECK-NEXT: } loc("{{.*}}implicit-module.mlir":0:0)

// FIRST: module {
// FIRST-NEXT: func.func @a() {
// FIRST-NEXT: return loc("<stdin>":1:17)
// FIRST-NEXT: } loc("<stdin>":1:1)
// FIRST-NEXT: func.func @b() {
// FIRST-NEXT: return loc("<stdin>":2:17)
// FIRST-NEXT: } loc("<stdin>":2:1)
// FIRST-NEXT: } loc("<stdin>":0:0)
