/* Parallelize.c: `dlc-parallelize` decides what the parallel loops of a bufferized module
 * become. The contract with the passes before it: any pass may express independent
 * iterations as scf.forall or scf.parallel (dlc-tile-and-vectorize does for matmul cache
 * tiles when its `threads` is not 1); this pass alone decides whether they run on threads.
 *   threads = 1: scf.forall becomes scf.for (upstream scf-forall-to-for); scf.parallel stays
 *     and convert-scf-to-cf makes it sequential loops. No OpenMP op, no runtime needed.
 *   otherwise: scf.forall becomes scf.parallel and every outermost scf.parallel an OpenMP
 *     parallel region with a worksharing loop (upstream scf-forall-to-parallel and
 *     convert-scf-to-openmp), on `threads` threads, or on OpenMP's default (all cores,
 *     OMP_NUM_THREADS) for 0. The code then calls libomp (__kmpc_*): the JIT loads it and
 *     ahead-of-time programs link -lomp.
 * The upstream passes run through a pass manager of the pass's own, on the module. */
#include "Transforms/PassRegistry.h"

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/LLVM.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/OpenMP.h"
#include "mlir-c/Dialect/SCF.h"

#include <stdio.h>

/* Pipeline errors (a bad upstream pipeline text: an internal error) become one diagnostic. */
static void emitOnRoot(MlirStringRef message, void *userData) {
  char text[512];
  snprintf(text, sizeof text, "dlc-parallelize: %.*s", (int)message.length, message.data);
  mlirEmitError(mlirOperationGetLocation(*(MlirOperation *)userData), text);
}

static void runParallelize(MlirOperation root, MlirExternalPass pass,
                           const DlcPassOptionValue *options) {
  int64_t threads = options[0].i;
  if (threads < 0) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-parallelize: threads must be 0 (all cores) or a positive count");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  char pipeline[128];
  if (threads == 1)
    snprintf(pipeline, sizeof pipeline, "scf-forall-to-for");
  else
    snprintf(pipeline, sizeof pipeline,
             "scf-forall-to-parallel,convert-scf-to-openmp{num-threads=%lld}", (long long)threads);
  dlcPassCheck(pass, dlcRunPassPipeline(root, mlirStringRefCreateFromCString(pipeline),
                                        emitOnRoot, &root));
}

static const DlcPassOptionInfo parallelizeOptions[] = {
    {"threads", DlcPassOptionInt, "0",
     "1: sequential, no OpenMP; N > 1: parallel loops on N threads; 0: OpenMP's default "
     "(all cores)"},
};

static MlirDialectHandle (*const parallelDialects[])(void) = {
    mlirGetDialectHandle__scf__,  mlirGetDialectHandle__omp__,   mlirGetDialectHandle__llvm__,
    mlirGetDialectHandle__arith__, mlirGetDialectHandle__memref__, NULL};

const DlcPassDef dlcParallelizePass = {
    .info = {.argument = "dlc-parallelize",
             .summary = "Run scf.forall/scf.parallel loops on OpenMP threads (threads != 1) or "
                        "sequentially (threads = 1, no OpenMP)",
             .anchor = "builtin.module",
             .numOptions = 1,
             .options = parallelizeOptions},
    .run = runParallelize,
    .dependentDialects = parallelDialects,
};
