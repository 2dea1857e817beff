// The --mlir-print-* flags that shape the printed IR, as in mlir-opt.

// --mlir-print-debuginfo: every op with its location (file:line:col of this file).
// RUN: dlc-opt %s --mlir-print-debuginfo | FileCheck %s --check-prefix=DEBUG
// DEBUG-LABEL: func.func @f
// DEBUG: "dhlo.constant"() {{.*}} loc(#[[CST:loc[0-9]*]])
// DEBUG: [[CST]] = loc("{{.*}}printing-flags.mlir":[[@LINE+29]]:8)

// --mlir-pretty-debuginfo (with --mlir-print-debuginfo): locations in their short form.
// RUN: dlc-opt %s --mlir-print-debuginfo --mlir-pretty-debuginfo | FileCheck %s --check-prefix=PRETTY
// PRETTY: "dhlo.constant"() {{.*}} {{.*}}printing-flags.mlir:[[@LINE+25]]:8{{$}}

// --mlir-print-local-scope: locations and attributes inline, no aliases.
// RUN: dlc-opt %s --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOCAL
// LOCAL: "dhlo.constant"() {{.*}} loc("{{.*}}printing-flags.mlir":[[@LINE+21]]:8)

// --mlir-print-op-generic: every op, func.func and the module too, in generic form.
// RUN: dlc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// GENERIC: "builtin.module"() ({
// GENERIC-NEXT: "func.func"() <{function_type = () -> tensor<4xi32>, sym_name = "f"}> ({
// GENERIC-NEXT: %[[C:.*]] = "dhlo.constant"()
// GENERIC-NEXT: "func.return"(%[[C]])

// --mlir-elide-elementsattrs-if-larger=N: elements attributes of more than N elements are
// elided.
// RUN: dlc-opt %s --mlir-elide-elementsattrs-if-larger=2 | FileCheck %s --check-prefix=ELIDE
// ELIDE: "dhlo.constant"() {value = dense_resource<__elided__> : tensor<4xi32>}
// RUN: dlc-opt %s --mlir-elide-elementsattrs-if-larger=4 | FileCheck %s --check-prefix=NOELIDE
// NOELIDE: dense<[1, 2, 3, 4]>

// Without flags: no locations.
// RUN: dlc-opt %s | FileCheck %s --check-prefix=PLAIN
// PLAIN-NOT: loc(

func.func @f() -> tensor<4xi32> {
  %0 = "dhlo.constant"() {value = dense<[1, 2, 3, 4]> : tensor<4xi32>} : () -> tensor<4xi32>
  return %0 : tensor<4xi32>
}
