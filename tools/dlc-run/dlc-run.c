/* dlc-run.c: dlc's runner. The tool's pipeline reads top to bottom: options, the program
 * (read, parsed, verified, its entry found), the JIT (or --aot's loaded object) compiled
 * from a clone of the module (the pipeline lowers in place; the original stays dhlo for the
 * reference evaluator and the cost model), one host tensor per argument, the reference run, the call, then
 * --print, --output, --check and --benchmark. Any error stops the run with status 1; so does
 * a --check mismatch, after every result has been compared.
 * main owns everything it creates (text, context, module, JIT, tensors) and releases it
 * all before returning, so LeakSanitizer has nothing to report. */
#include "DlcRun.h"

#include "dlc/Dialects.h"
#include "mlir-c/BuiltinTypes.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallopt */
#endif

const char dlcToolName[] = "dlc-run";

typedef struct Run {
  const Options *opts;
  Source src;
  MlirContext ctx;
  DiagHandler handler; /* the context's diagnostic handler points here */
  MlirOperation module, entry;
  MlirStringRef name; /* the entry's, borrowed from the context */
  DlcJit jit;
  intptr_t numArgs, numResults;
  DlcHostTensor *args, *results, *expected; /* owned; expected only under --check */
} Run;

static bool succeeded(MlirLogicalResult result) { return mlirLogicalResultIsSuccess(result); }

void printError(MlirStringRef message, void *userData) {
  size_t n = message.length;
  while (n && strchr(" \t\r\n", message.data[n - 1]))
    --n;
  fprintf(stderr, "dlc-run: %.*s\n", (int)n, message.data);
}

static void printToStdout(MlirStringRef s, void *userData) { fwrite(s.data, 1, s.length, stdout); }

/* An array of `n` null tensors. */
static DlcHostTensor *newTensors(intptr_t n) {
  DlcHostTensor *tensors = xrealloc(NULL, sizeof(DlcHostTensor) * (size_t)(n + 1));
  memset(tensors, 0, sizeof(DlcHostTensor) * (size_t)(n + 1));
  return tensors;
}

/* Parses and verifies the program and finds its entry. */
static bool loadProgram(Run *run) {
  run->module = parseModule(run->ctx, &run->handler);
  if (mlirOperationIsNull(run->module) || !succeeded(dlcVerify(run->module)))
    return false;
  run->entry = findEntry(run->module, run->opts->entry, run->src.name);
  if (mlirOperationIsNull(run->entry))
    return false;
  run->name = entryName(run->entry);
  MlirType type = entryType(run->entry);
  run->numArgs = mlirFunctionTypeGetNumInputs(type);
  run->numResults = mlirFunctionTypeGetNumResults(type);
  run->args = newTensors(run->numArgs);
  run->results = newTensors(run->numResults);
  run->expected = newTensors(run->numResults);
  return true;
}

/* At most `have` flags `--flag` for the entry's `have` values of a kind ("argument"). */
static bool countFits(const Run *run, size_t given, intptr_t have, const char *flag,
                      const char *verb, const char *noun) {
  if (given <= (size_t)have)
    return true;
  fprintf(stderr, "dlc-run: wrong number of %ss: @%.*s %s %ld %s%s, got %zu --%s\n", flag,
          (int)run->name.length, run->name.data, verb, (long)have, noun, have == 1 ? "" : "s",
          given, flag);
  return false;
}

/* The counts of --input and --output against the entry's signature. */
static bool checkCounts(const Run *run) {
  return countFits(run, run->opts->inputs.count, run->numArgs, "input", "takes", "argument") &&
         countFits(run, run->opts->outputs.count, run->numResults, "output", "returns", "result");
}

/* One tensor per argument; argument i's random values come from its own seed, the i-th
 * draw of SplitMix64 seeded with --seed, so that equal shapes get different values. */
static bool makeInputs(Run *run) {
  MlirType type = entryType(run->entry);
  uint64_t state = run->opts->seed;
  for (intptr_t i = 0; i < run->numArgs; ++i) {
    const CliList *inputs = &run->opts->inputs;
    InputSpec spec = {.text = (size_t)i < inputs->count ? inputs->items[i] : NULL,
                      .index = i,
                      .type = mlirFunctionTypeGetInput(type, i),
                      .entry = run->name,
                      .seed = dlcSplitMix64(&state)};
    run->args[i] = makeInput(&spec);
    if (dlcHostTensorIsNull(run->args[i]))
      return false;
  }
  return true;
}

/* Compiles a clone of the module, with the JIT or ahead of time: the pipeline lowers in
 * place, the original stays dhlo. */
static bool compile(Run *run) {
  const Options *opts = run->opts;
  const char *pipeline = opts->noOptimize ? noOptimizePipeline(opts) : opts->pipeline;
  if (!initDevice(opts))
    return false;
  MlirOperation clone = mlirOperationClone(run->module);
  if (!pruneToEntry(clone, run->entry)) {
    mlirOperationDestroy(clone);
    return false;
  }
  Buf errors = {0};
  run->jit = jitCreator(opts)(
      mlirModuleFromOperation(clone), run->name,
      pipeline ? dlcStr(pipeline) : (MlirStringRef){NULL, 0}, opts->optLevel, bufAppendCallback,
      &errors);
  mlirOperationDestroy(clone);
  if (dlcJitIsNull(run->jit))
    printError(errors.len ? mlirStringRefCreate(errors.data, errors.len)
                          : dlcStr("cannot compile the program (see the errors above)"),
               NULL);
  bufFree(&errors);
  return !dlcJitIsNull(run->jit);
}

static bool call(Run *run) {
  Buf errors = {0};
  bool ok = succeeded(dlcJitCall(run->jit, run->numArgs, run->args, run->numResults,
                                 run->results, bufAppendCallback, &errors));
  if (!ok)
    printError(mlirStringRefCreate(errors.data, errors.len), NULL);
  bufFree(&errors);
  return ok;
}

/* --print, --output and --check; every result is checked even after a mismatch. */
static bool report(Run *run) {
  const Options *opts = run->opts;
  for (intptr_t i = 0; opts->print && i < run->numResults; ++i) {
    dlcHostTensorPrint(run->results[i], printToStdout, NULL);
    printf("\n");
  }
  for (size_t i = 0; i < opts->outputs.count; ++i)
    if (!writeNpy(opts->outputs.items[i], run->results[i]))
      return false;
  bool ok = true;
  for (intptr_t i = 0; opts->check && i < run->numResults; ++i)
    ok = checkOutput(i, run->expected[i], run->results[i], opts) && ok;
  fflush(stdout);
  return ok;
}

static bool runProgram(Run *run) {
  const Options *opts = run->opts;
  /* Compiling first also checks the signature (static shapes, supported types), which
   * making inputs relies on. */
  if (!loadProgram(run) || !checkCounts(run) || !compile(run) || !makeInputs(run))
    return false;
  Cost cost = countCost(run->module, run->entry);
  if (opts->check && !succeeded(dlcReferenceRun(run->module, run->name, run->numArgs, run->args,
                                                run->numResults, run->expected)))
    return false;
  if (!call(run) || !report(run))
    return false;
  return !opts->benchmark || benchmark(run->jit, run->args, opts, &cost);
}

static void destroyTensors(DlcHostTensor *tensors, intptr_t n) {
  for (intptr_t i = 0; tensors && i < n; ++i)
    dlcHostTensorDestroy(tensors[i]);
  free(tensors);
}

static bool runWithContext(Run *run) {
  run->ctx = dlcContextCreate();
  if (mlirContextIsNull(run->ctx)) {
    fprintf(stderr, "dlc-run: cannot load the dhlo and dtensor dialects\n");
    return false;
  }
  run->handler.src = &run->src;
  MlirDiagnosticHandlerID handlerId =
      mlirContextAttachDiagnosticHandler(run->ctx, handleDiagnostic, &run->handler, NULL);
  bool ok = runProgram(run);
  dlcJitDestroy(run->jit);
  destroyTensors(run->args, run->numArgs);
  destroyTensors(run->results, run->numResults);
  destroyTensors(run->expected, run->numResults);
  if (!mlirOperationIsNull(run->module))
    mlirOperationDestroy(run->module);
  mlirContextDetachDiagnosticHandler(run->ctx, handlerId);
  mlirContextDestroy(run->ctx);
  return ok;
}

/* Reads the program and runs it. */
static bool runFile(const Options *opts) {
  Run run = {.opts = opts};
  Buf input = {0};
  bool ok = readInput(opts->file, &input);
  if (ok) {
    run.src = (Source){strcmp(opts->file, "-") ? opts->file : "<stdin>", input.data, input.len};
    ok = runWithContext(&run);
  }
  bufFree(&input);
  return ok;
}

/* Compiled code mallocs its result buffers and the runner frees them after each call. glibc
 * serves blocks over 32 MiB with mmap and returns them with munmap, so every call of a
 * large-tensor program would page-fault its whole result in again (a 64 MiB result: 16384
 * faults, more time than the loop that fills it). Heap blocks only, never trimmed: a freed
 * result is reused by the next call, as a framework's caching allocator reuses it. */
static void keepFreedBuffers(void) {
#ifdef __GLIBC__
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
}

int main(int argc, char **argv) {
  keepFreedBuffers();
  Options opts;
  int status = parseOptions(argc, argv, &opts);
  if (status < 0)
    status = runFile(&opts) ? 0 : 1;
  freeOptions(&opts);
  return status;
}
