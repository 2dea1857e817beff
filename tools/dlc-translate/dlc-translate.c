/* dlc-translate.c: dlc's mlir-translate, out of MLIR. The run reads top to bottom: options,
 * the target machine (so that a bad triple fails before any input is read), input, context,
 * parse and dlcVerify, lowering when asked, then one translation written to the output,
 * which is kept only if everything succeeded.
 * main owns everything it creates (input text, output, context, target machine) and
 * releases it all before returning, so LeakSanitizer has nothing to report. */
#include "DlcTranslate.h"

#include "dlc/Dialects.h"
#include "dlc/Passes.h"
#include "dlc/Translate.h"

#include <string.h>

const char dlcToolName[] = "dlc-translate";

typedef struct Run {
  const Options *opts;
  Source input;
  MlirContext ctx;
  DiagHandler handler; /* the context's diagnostic handler points here */
  DlcTargetMachine tm; /* null unless the mode needs one */
  Output out;
} Run;

static bool succeeded(MlirLogicalResult result) { return mlirLogicalResultIsSuccess(result); }

/* Prints a message collected from the library as "dlc-translate: ...". */
static void printToolError(Buf *message, const char *fallback) {
  while (message->len && strchr(" \t\r\n", message->data[message->len - 1]))
    message->data[--message->len] = '\0';
  fprintf(stderr, "%s: %s\n", dlcToolName, message->len ? message->data : fallback);
}

static bool createTargetMachine(Run *run) {
  const Options *opts = run->opts;
  if (!needsTargetMachine(opts))
    return true;
  DlcTargetOptions target = dlcTargetOptionsGetDefault();
  if (opts->triple)
    target.triple = dlcStr(opts->triple);
  if (opts->cpu)
    target.cpu = dlcStr(opts->cpu);
  if (opts->features)
    target.features = dlcStr(opts->features);
  /* Objects are optimized as the JIT optimizes them; LLVM IR is plain unless -O<n>. */
  target.optLevel = opts->optLevel >= 0 ? opts->optLevel : opts->mode == ModeObject ? 2 : 0;
  Buf error = {0};
  run->tm = dlcTargetMachineCreate(&target, bufAppendCallback, &error);
  if (dlcTargetMachineIsNull(run->tm))
    printToolError(&error, "cannot create the target machine");
  bufFree(&error);
  return !dlcTargetMachineIsNull(run->tm);
}

static bool lower(Run *run, MlirOperation module) {
  Buf error = {0};
  bool ok = succeeded(
      dlcRunPassPipeline(module, dlcStr(run->opts->lowerPipeline), bufAppendCallback, &error));
  /* Errors in the IR were diagnostics, already printed; pipeline errors come here. */
  if (!ok && error.len)
    printToolError(&error, "");
  bufFree(&error);
  return ok;
}

/* Finds the first op outside the LLVM dialect (builtin.module aside), for the hint below. */
static MlirWalkResult findNonLLVM(MlirOperation op, void *userData) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (mlirStringRefEqual(name, dlcStr("builtin.module")) ||
      (name.length > 5 && !strncmp(name.data, "llvm.", 5)))
    return MlirWalkResultAdvance;
  *(MlirStringRef *)userData = name;
  return MlirWalkResultInterrupt;
}

/* After a failed translation of a module that was not lowered, says how to lower it. */
static void hintLowering(MlirOperation module) {
  MlirStringRef found = {NULL, 0};
  mlirOperationWalk(module, findNonLLVM, &found, MlirWalkPreOrder);
  if (found.length)
    fprintf(stderr,
            "%s: the input is not in the LLVM dialect ('%.*s'): lower it first with --lower "
            "or dlc-opt --dlc-lower-to-cpu\n",
            dlcToolName, (int)found.length, found.data);
}

static bool translate(Run *run, MlirOperation module) {
  switch (run->opts->mode) {
  case ModeLLVMIR:
    return succeeded(dlcTranslateToLLVMIR(module, run->tm, outputCallback, &run->out));
  case ModeObject:
    return succeeded(dlcTranslateToObject(module, run->tm, outputCallback, &run->out));
  case ModeHeader: {
    MlirStringRef entry =
        run->opts->entry ? dlcStr(run->opts->entry) : mlirStringRefCreate(NULL, 0);
    bool gpu = run->opts->device && !strcmp(run->opts->device, "gpu");
    return succeeded((gpu ? dlcEmitGpuCHeader : dlcEmitCHeader)(module, entry, outputCallback,
                                                                &run->out));
  }
  case ModeNone:
    break;
  }
  return false;
}

static bool runWithContext(Run *run) {
  run->ctx = dlcContextCreate();
  if (mlirContextIsNull(run->ctx)) {
    fprintf(stderr, "%s: cannot load the dhlo and dtensor dialects\n", dlcToolName);
    return false;
  }
  run->handler.src = &run->input;
  MlirDiagnosticHandlerID handlerId =
      mlirContextAttachDiagnosticHandler(run->ctx, handleDiagnostic, &run->handler, NULL);
  MlirOperation module = parseModule(run->ctx, &run->handler);
  bool ok = !mlirOperationIsNull(module) && succeeded(dlcVerify(module)) &&
            (!run->opts->lower || lower(run, module));
  if (ok && !translate(run, module)) {
    if (run->opts->mode != ModeHeader && !run->opts->lower)
      hintLowering(module);
    ok = false;
  }
  if (!mlirOperationIsNull(module))
    mlirOperationDestroy(module);
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
  if (!ok || opts.help || opts.version)
    return ok ? 0 : 1;
  Run run = {.opts = &opts};
  Buf input = {0};
  ok = createTargetMachine(&run) && readInput(opts.input, &input) &&
       outputOpen(&run.out, opts.output);
  if (ok) {
    run.input = (Source){strcmp(opts.input, "-") ? opts.input : "<stdin>", input.data, input.len};
    ok = runWithContext(&run);
  }
  if (ok)
    ok = outputCommit(&run.out);
  else
    outputDiscard(&run.out);
  dlcTargetMachineDestroy(run.tm);
  bufFree(&input);
  return ok ? 0 : 1;
}
