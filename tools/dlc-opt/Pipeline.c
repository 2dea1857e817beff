/* Pipeline.c: the run's pass manager, anchored on builtin.module as mlir-opt's is. Its
 * passes come from --pass-pipeline or from the per-pass flags, which become the pipeline
 * `builtin.module(NAME{OPTIONS},...)` in flag order; both are parsed by dlc's pipeline
 * parser, so dlc and upstream passes mix freely. The pass manager also carries the IR
 * printing, timing and verifier settings; it is built once and run on every chunk, so
 * --mlir-timing reports once, when the caller destroys it. */
#include "DlcOpt.h"

#include <string.h>

/* "name" or "name=options" (dashes already stripped) as a pipeline element. */
static void appendPassFlag(Buf *pipeline, const char *flag) {
  const char *eq = strchr(flag, '=');
  if (!eq) {
    bufAppendStr(pipeline, flag);
    return;
  }
  bufAppend(pipeline, flag, (size_t)(eq - flag));
  if (eq[1])
    bufPrintf(pipeline, "{%s}", eq + 1);
}

static void pipelineText(const Options *opts, Buf *pipeline) {
  if (opts->passPipeline) {
    bufAppendStr(pipeline, opts->passPipeline);
    return;
  }
  if (!opts->numPassFlags)
    return;
  bufAppendStr(pipeline, "builtin.module(");
  for (size_t i = 0; i < opts->numPassFlags; ++i) {
    if (i)
      bufAppendStr(pipeline, ",");
    appendPassFlag(pipeline, opts->passFlags[i]);
  }
  bufAppendStr(pipeline, ")");
}

/* mlir-opt's mapping: printing after failure needs the after-pass hook on, and the
 * after-change/after-failure switches then filter it. */
static void enableIRPrinting(MlirPassManager pm, const Options *opts, MlirOpPrintingFlags flags) {
  bool after = opts->printAfter || opts->printAfterFailure;
  if (!opts->printBefore && !after)
    return;
  mlirPassManagerEnableIRPrinting(pm, opts->printBefore, after, opts->printModuleScope,
                                  opts->printAfterChange, opts->printAfterFailure, flags,
                                  mlirStringRefCreate(NULL, 0));
}

MlirPassManager createPassManager(MlirContext ctx, const Options *opts, MlirOpPrintingFlags flags) {
  MlirPassManager pm = mlirPassManagerCreateOnOperation(ctx, dlcStr("builtin.module"));
  Buf pipeline = {0}, error = {0};
  pipelineText(opts, &pipeline);
  if (pipeline.len &&
      mlirLogicalResultIsFailure(dlcParsePassPipeline(
          mlirPassManagerGetAsOpPassManager(pm), mlirStringRefCreate(pipeline.data, pipeline.len),
          bufAppendCallback, &error))) {
    while (error.len && strchr(" \t\r\n", error.data[error.len - 1]))
      error.data[--error.len] = '\0';
    fprintf(stderr, "dlc-opt: %s\n", error.len ? error.data : "invalid pass pipeline");
    mlirPassManagerDestroy(pm);
    pm = (MlirPassManager){NULL};
  } else {
    mlirPassManagerEnableVerifier(pm, opts->verifyEach);
    enableIRPrinting(pm, opts, flags);
    if (opts->timing)
      mlirPassManagerEnableTiming(pm);
  }
  bufFree(&pipeline);
  bufFree(&error);
  return pm;
}
