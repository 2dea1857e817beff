// IR printing and timing go to stderr, as in mlir-opt: --mlir-print-ir-before-all /
// -after-all dump the IR around each pass (the pass's op, or the whole module with
// --mlir-print-ir-module-scope), --mlir-print-ir-after-change only when the pass changed
// it, --mlir-print-ir-after-failure only after a failure; --mlir-timing reports once.
// The printed IR on stdout is unchanged.

// Without passes there is nothing to dump.
// RUN: dlc-opt %s --mlir-print-ir-after-all 2>&1 >/dev/null | count 0

// RUN: dlc-opt %s --mlir-print-ir-after-all --pass-pipeline='builtin.module(func.func(cse),dhlo-canonicalize)' 2>&1 >/dev/null | FileCheck %s --check-prefix=AFTER
// AFTER: // -----// IR Dump After CSE (cse) //----- //
// AFTER-NEXT: func.func @f
// AFTER: // -----// IR Dump After dhlo-canonicalize (dhlo-canonicalize) //----- //
// AFTER-NEXT: module {

// RUN: dlc-opt %s --mlir-print-ir-before-all --cse 2>&1 >/dev/null | FileCheck %s --check-prefix=BEFORE
// BEFORE: // -----// IR Dump Before CSE (cse) //----- //
// BEFORE-NOT: IR Dump After

// cse changes nothing here; dhlo-canonicalize folds the double negation.
// RUN: dlc-opt %s --mlir-print-ir-after-all --mlir-print-ir-after-change --cse --dhlo-canonicalize 2>&1 >/dev/null | FileCheck %s --check-prefix=CHANGE
// CHANGE-NOT: IR Dump After CSE
// CHANGE: IR Dump After dhlo-canonicalize

// RUN: dlc-opt %s --mlir-print-ir-after-failure --cse 2>&1 >/dev/null | count 0
// RUN: not dlc-opt %S/Inputs/pass-failure.mlir --mlir-print-ir-after-failure --one-shot-bufferize 2>&1 | FileCheck %s --check-prefix=FAILURE
// FAILURE: pass-failure.mlir:3:8: error: op was not bufferized
// FAILURE: // -----// IR Dump After OneShotBufferizePass Failed (one-shot-bufferize) //----- //
// FAILURE-NEXT: module {

// RUN: dlc-opt %s --mlir-print-ir-after-all --mlir-print-ir-module-scope --mlir-disable-threading --pass-pipeline='builtin.module(func.func(cse))' 2>&1 >/dev/null | FileCheck %s --check-prefix=SCOPE
// SCOPE: // -----// IR Dump After CSE (cse) ('func.func' operation: @f) //----- //
// SCOPE-NEXT: module {
// MLIR aborts on module scope with threads, so dlc-opt refuses the combination.
// RUN: not dlc-opt %s --mlir-print-ir-after-all --mlir-print-ir-module-scope --cse 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: dlc-opt: --mlir-print-ir-module-scope needs --mlir-disable-threading

// RUN: dlc-opt %s --mlir-timing --cse --dhlo-canonicalize 2>&1 >/dev/null | FileCheck %s --check-prefix=TIMING
// TIMING: ... Execution time report ...
// TIMING: Total Execution Time:
// TIMING: CSE
// TIMING: dhlo-canonicalize
// TIMING: Total
// TIMING-NOT: Execution time report

// stdout is the same whatever stderr gets.
// RUN: dlc-opt %s --mlir-print-ir-after-all --mlir-timing --cse | FileCheck %s
// CHECK-LABEL: func.func @f
// CHECK-NEXT: "dhlo.negate"
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.negate"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "dhlo.negate"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
