/* dlc-opt.c: dlc's mlir-opt. The tool's pipeline reads top to bottom: options, input,
 * context and pass manager, then each chunk of the input parsed, checked by dlcVerify,
 * run through the passes, checked again and printed. The output is kept only if every
 * chunk succeeded or, under --verify-diagnostics, every diagnostic was the expected one.
 * main owns everything it creates (input text, output, context, pass manager, printing
 * flags) and releases it all before returning, so LeakSanitizer has nothing to report. */
#include "DlcOpt.h"

#include "dlc/Dialects.h"

#include <stdlib.h>
#include <string.h>

const char dlcToolName[] = "dlc-opt";

typedef struct Run {
  const Options *opts;
  Source input;
  MlirContext ctx;
  MlirPassManager pm;
  MlirOpPrintingFlags flags;
  DiagHandler handler; /* the context's diagnostic handler points here */
  Buf unmatched;       /* expected diagnostics never produced, reported at the end */
  Output out;
} Run;

static bool succeeded(MlirLogicalResult result) { return mlirLogicalResultIsSuccess(result); }

static bool processChunk(Run *run, const Chunk *chunk) {
  Buf text = {0};
  chunkText(&run->input, chunk, &text);
  Source src = {run->input.name, text.data, text.len};
  run->handler.src = &src;
  Verifier *verifier = run->opts->verifyDiagnostics ? verifierCreate(&src) : NULL;
  run->handler.divert = verifier ? verifierProcess : NULL;
  run->handler.divertData = verifier;
  bool hasPasses = run->opts->passPipeline || run->opts->numPassFlags;
  MlirOperation module = parseModule(run->ctx, &run->handler);
  bool ok = !mlirOperationIsNull(module) && succeeded(dlcVerify(module)) &&
            succeeded(mlirPassManagerRunOnOp(run->pm, module)) &&
            (!hasPasses || succeeded(dlcVerify(module)));
  if (ok) {
    mlirOperationPrintWithFlags(module, run->flags, outputCallback, &run->out);
    outputCallback(dlcStr("\n"), &run->out);
  }
  if (!mlirOperationIsNull(module))
    mlirOperationDestroy(module);
  if (verifier)
    ok = verifierFinish(verifier, &run->unmatched);
  run->handler.divert = NULL;
  run->handler.divertData = NULL;
  run->handler.src = NULL;
  bufFree(&text);
  return ok;
}

/* Every chunk runs, even after one fails, as in mlir-opt. */
static bool processInput(Run *run) {
  Chunk *chunks;
  size_t n = splitInput(&run->input, run->opts->splitMarker, &chunks);
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    if (i)
      outputCallback(dlcStr(DLC_OPT_DEFAULT_SPLIT_MARKER "\n"), &run->out);
    ok = processChunk(run, &chunks[i]) && ok;
  }
  if (run->unmatched.len)
    fwrite(run->unmatched.data, 1, run->unmatched.len, stderr);
  bufFree(&run->unmatched);
  free(chunks);
  return ok;
}

static bool runWithContext(Run *run) {
  run->ctx = dlcContextCreate();
  if (mlirContextIsNull(run->ctx)) {
    fprintf(stderr, "dlc-opt: cannot load the dhlo and dtensor dialects\n");
    return false;
  }
  mlirContextSetAllowUnregisteredDialects(run->ctx, run->opts->allowUnregistered);
  if (run->opts->disableThreading)
    mlirContextEnableMultithreading(run->ctx, false);
  MlirDiagnosticHandlerID handlerId =
      mlirContextAttachDiagnosticHandler(run->ctx, handleDiagnostic, &run->handler, NULL);
  run->flags = createPrintingFlags(run->opts);
  run->pm = createPassManager(run->ctx, run->opts, run->flags);
  bool ok = !mlirPassManagerIsNull(run->pm) && processInput(run);
  /* Destroying the pass manager prints the --mlir-timing report. */
  if (!mlirPassManagerIsNull(run->pm))
    mlirPassManagerDestroy(run->pm);
  mlirOpPrintingFlagsDestroy(run->flags);
  mlirContextDetachDiagnosticHandler(run->ctx, handlerId);
  mlirContextDestroy(run->ctx);
  return ok;
}

int main(int argc, char **argv) {
  Options opts;
  bool ok = parseOptions(argc, argv, &opts);
  if (ok && opts.help)
    printHelp();
  else if (ok && opts.version)
    printVersion();
  if (!ok || opts.help || opts.version) {
    freeOptions(&opts);
    return ok ? 0 : 1;
  }
  Run run = {.opts = &opts};
  Buf input = {0};
  ok = readInput(opts.input, &input) && outputOpen(&run.out, opts.output);
  if (ok) {
    run.input = (Source){strcmp(opts.input, "-") ? opts.input : "<stdin>", input.data, input.len};
    ok = runWithContext(&run);
  }
  if (ok)
    ok = outputCommit(&run.out);
  else
    outputDiscard(&run.out);
  bufFree(&input);
  freeOptions(&opts);
  return ok ? 0 : 1;
}
