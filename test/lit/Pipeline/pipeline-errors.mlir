// Every error path of the pipeline parser: a message that locates the problem, exit 1.

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(no-such-pass)' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: pipeline:1:16: error:
// UNKNOWN-SAME: 'no-such-pass' is not a dlc pass and MLIR rejected it: {{.*}}'no-such-pass' does not refer to a registered pass

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(func.func(dhlo-canonicalize)' 2>&1 | FileCheck %s --check-prefix=UNCLOSED
// UNCLOSED: expected ')' to close 'builtin.module('

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dhlo-canonicalize{max-iterations=1)' 2>&1 | FileCheck %s --check-prefix=BRACE
// BRACE: pipeline:1:33: error: unbalanced '{' in pass options

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(cse,,dhlo-dce)' 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY: pipeline:1:20: error: expected a pass or op name, found ','

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(cse) trailing' 2>&1 | FileCheck %s --check-prefix=TRAILING
// TRAILING: pipeline:1:21: error: unexpected 't' after the pipeline

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dhlo-canonicalize{max-iterations=1.5})' 2>&1 | FileCheck %s --check-prefix=BADINT
// BADINT: invalid int value '1.5' for option 'max-iterations'

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(canonicalize{no-such-option=1})' 2>&1 | FileCheck %s --check-prefix=UPSTREAMOPT
// UPSTREAMOPT: pipeline:1:16: error:

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize{x=1})' 2>&1 | FileCheck %s --check-prefix=NAMED
// NAMED: pipeline:1:16: error: pipeline 'dhlo-optimize' has no option 'x'

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize{max-fusion-ops=})' 2>&1 | FileCheck %s --check-prefix=NAMEDVALUE
// NAMEDVALUE: pipeline:1:16: error: pipeline 'dhlo-optimize': invalid int value '' for option 'max-fusion-ops'

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dhlo-optimize{max-fusion-ops=0})' 2>&1 | FileCheck %s --check-prefix=NAMEDRANGE
// NAMEDRANGE: error: dhlo-fusion: option 'max-fusion-ops' must be an integer in [1, 2147483647], got 0

// RUN: not dlc-opt %s --pass-pipeline='builtin.module(dhlo-dce)' --dhlo-dce 2>&1 | FileCheck %s --check-prefix=CONFLICT
// CONFLICT: conflicting

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
