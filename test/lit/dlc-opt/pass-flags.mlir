// Passes come from per-pass flags, run in flag order (--NAME or --NAME=OPTIONS, as in
// mlir-opt), or from --pass-pipeline; dlc passes and upstream ones mix freely, and
// dlc's verifier checks the result.
// RUN: dlc-opt %s --dhlo-canonicalize --cse --dhlo-verify | FileCheck %s
// RUN: dlc-opt %s -dhlo-canonicalize=max-iterations=2 -cse | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dhlo-canonicalize,func.func(cse))' | FileCheck %s

// CHECK-LABEL: func.func @f
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[I:.*]]: i32)
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[I]], %[[I]] : i32
// CHECK-NEXT: return %[[X]], %[[S]], %[[S]] : tensor<4xf32>, i32, i32
func.func @f(%x: tensor<4xf32>, %i: i32) -> (tensor<4xf32>, i32, i32) {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = arith.addi %i, %i : i32
  %3 = arith.addi %i, %i : i32
  return %1, %2, %3 : tensor<4xf32>, i32, i32
}

// The flags' order is the pipeline's.
// RUN: dlc-opt %s --cse --dhlo-canonicalize --mlir-print-ir-after-all 2>&1 >/dev/null | FileCheck %s --check-prefix=ORDER
// ORDER: IR Dump After CSE (cse)
// ORDER: IR Dump After dhlo-canonicalize (dhlo-canonicalize)

// Pipeline errors are printed after "dlc-opt: " and stop the run before any input is
// processed: an unknown pass, an unknown or bad option of a dlc or an upstream pass.
// RUN: not dlc-opt %s --no-such-pass 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: dlc-opt: pipeline:1:16: error:
// UNKNOWN-SAME: 'no-such-pass' is not a dlc pass and MLIR rejected it: {{.*}}does not refer to a registered pass
// RUN: not dlc-opt %s --dhlo-canonicalize=no-such-option=1 2>&1 | FileCheck %s --check-prefix=DLCOPTION
// DLCOPTION: dlc-opt: pipeline:1:16: error: pass 'dhlo-canonicalize' has no option 'no-such-option'
// RUN: not dlc-opt %s --dhlo-canonicalize=max-iterations=many 2>&1 | FileCheck %s --check-prefix=BADVALUE
// BADVALUE: dlc-opt: pipeline:1:16: error: pass 'dhlo-canonicalize': invalid int value 'many' for option 'max-iterations'
// RUN: not dlc-opt %s --canonicalize=no-such-option=1 2>&1 | FileCheck %s --check-prefix=UPSTREAMOPTION
// UPSTREAMOPTION: dlc-opt: pipeline:1:16: error: 'canonicalize' is not a dlc pass and MLIR rejected it: <Pass-Options-Parser>: no such option no-such-option
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(cse' 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: dlc-opt: pipeline:{{[0-9:]+}} error: expected ')' to close 'builtin.module('
// RUN: not dlc-opt %s --no-such-pass 2>/dev/null | count 0

// --pass-pipeline and per-pass flags do not mix.
// RUN: not dlc-opt %s --pass-pipeline='builtin.module(cse)' --dhlo-canonicalize 2>&1 | FileCheck %s --check-prefix=CONFLICT
// CONFLICT: dlc-opt: conflicting flags: --pass-pipeline cannot be combined with per-pass flags (--dhlo-canonicalize)
