/* NamedPipelines.c: dlc's named pipelines, in one place so each reads as a list of steps
 * (as QBE's main.c does). A name used as a pipeline element expands to its text, parsed
 * in the pass manager where it appears. */
#include "Transforms/PassRegistry.h"

#include <string.h>

static const DlcPassOptionInfo optimizeOptions[] = {
    {"max-fusion-ops", DlcPassOptionInt, "32",
     "dhlo-fusion's bound on the ops of one kernel (1: nothing fuses, to measure what fusion "
     "gains)"},
};

static const DlcNamedPipeline namedPipelines[] = {
    {"dhlo-optimize",
     "Default graph optimization pipeline: simplify, assign layouts, fuse, merge duplicates, "
     "drop dead code, verify",
     "func.func(dhlo-canonicalize),"
     "dhlo-layout-assignment{target=cpu},"
     "dhlo-materialize-layouts,"
     "func.func(dhlo-canonicalize),"
     "dhlo-fusion{max-fusion-ops=${max-fusion-ops}},"
     "dhlo-cse,"
     "dhlo-dce,"
     "dhlo-verify",
     1, optimizeOptions},
    /* dhlo-optimize behind one bf16 step: its own first simplification then also folds the
     * converts of constants that the bf16 step adds. */
    {"dhlo-optimize-bf16",
     "dhlo-optimize with dot_general/convolution operands in bf16 (f32 accumulation)",
     "func.func(dhlo-canonicalize),"
     "dhlo-bf16-rewrite{mode=matmul},"
     "dhlo-optimize{max-fusion-ops=${max-fusion-ops}}",
     1, optimizeOptions},
    /* CPU code generation from a materialized, optimized dhlo program: lower to linalg on
     * tensors, fuse elementwise loops, bufferize (function boundaries too, so entry points take
     * and return memrefs the caller owns; deallocation clones what it must), loops, then LLVM.
     * Strided copies become loops (no runtime memrefCopy). f16/bf16 arithmetic and math are
     * computed in f32 and bf16 conversions expanded to integer ops (no compiler-rt needed).
     * lower-affine follows expand-strided-metadata, which makes affine.apply. log1p goes to
     * libm (math-to-llvm would approximate it as log(1 + x)); integer powers become outlined
     * loops (math-to-funcs). Matmuls and elementwise loops are tiled and vectorized on
     * buffers (register blocks of FMAs); f32 exp/tanh/erf become polynomials once f16/bf16
     * math is extended to f32, so that vectorized loops call no libm. */
    {"dlc-lower-to-cpu",
     "Lower a dhlo program to the LLVM dialect for the CPU (JIT or object file)",
     "convert-dhlo-to-linalg,"
     "linalg-fuse-elementwise-ops,"
     "dlc-emit-c-interface,"
     "one-shot-bufferize{bufferize-function-boundaries "
     "function-boundary-type-conversion=identity-layout-map},"
     "buffer-deallocation-pipeline,"
     "convert-bufferization-to-memref,"
     "dlc-strided-copy-to-linalg,"
     "dlc-tile-and-vectorize,"
     "convert-linalg-to-loops,"
     "arith-emulate-unsupported-floats{source-types=bf16,f16 target-type=f32},"
     "math-extend-to-supported-types,"
     "dlc-approximate-math,"
     "arith-expand{include-bf16},"
     "convert-math-to-funcs,"
     "expand-strided-metadata,"
     "lower-affine,"
     "finalize-memref-to-llvm,"
     "convert-scf-to-cf,"
     "convert-math-to-llvm{approximate-log1p=false},"
     "convert-math-to-libm,"
     "convert-to-llvm,"
     "reconcile-unrealized-casts",
     0, NULL},
};

const DlcNamedPipeline *dlcLookupNamedPipeline(MlirStringRef name) {
  for (size_t i = 0; i < sizeof namedPipelines / sizeof namedPipelines[0]; ++i)
    if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(namedPipelines[i].name)))
      return &namedPipelines[i];
  return NULL;
}

intptr_t dlcGetNumNamedPipelines(void) {
  return (intptr_t)(sizeof namedPipelines / sizeof namedPipelines[0]);
}

const DlcNamedPipeline *dlcGetNamedPipeline(intptr_t index) {
  return index >= 0 && index < dlcGetNumNamedPipelines() ? &namedPipelines[index] : NULL;
}
