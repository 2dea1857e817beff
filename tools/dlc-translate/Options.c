/* Options.c: dlc-translate's command line: its flag table (parsed by tools/common/Flags.c,
 * the way LLVM's cl reads mlir-translate's), -O<n>, and the rules between flags: exactly
 * one mode; target flags only where code is generated; lowering and --entry only where
 * they mean something.
 * Ownership: Options borrows argv's strings; nothing is allocated. */
#include "DlcTranslate.h"

#include <string.h>

#define FIELD(f) offsetof(Options, f)

static const CliFlag flags[] = {
    {"mlir-to-llvmir", CliBool, FIELD(toLLVMIR), "",
     "Translate a module in the LLVM dialect to LLVM IR text"},
    {"mlir-to-obj", CliBool, FIELD(toObject), "",
     "Compile a module in the LLVM dialect to an object file (position independent)"},
    {"emit-c-header", CliBool, FIELD(toHeader), "",
     "Write the C header of an entry point of a dhlo module (before lowering)"},
    {"o", CliString, FIELD(output), " <file>",
     "Output file, '-' for stdout (default); written only if the run succeeds"},
    {"entry", CliString, FIELD(entry), "=<name>",
     "--emit-c-header: the entry function (default: the module's only public one)"},
    {"triple", CliString, FIELD(triple), "=<triple>", "Target triple (default: the host's)"},
    {"cpu", CliString, FIELD(cpu), "=<cpu>",
     "Target CPU (default: the host's for the host triple, generic otherwise)"},
    {"features", CliString, FIELD(features), "=<+f,-g>",
     "Target features (default: the host CPU's for the host triple, none otherwise)"},
    {"lower", CliBool, FIELD(lower), "",
     "Lower the input first with " DLC_TRANSLATE_DEFAULT_LOWERING},
    {"lower-pipeline", CliString, FIELD(lowerPipeline), "=<pipeline>",
     "Lower the input first with this pipeline (MLIR syntax; implies --lower)"},
    {"device", CliString, FIELD(device), "=cpu|gpu",
     "What the code runs on (default cpu); gpu: --lower runs " DLC_TRANSLATE_GPU_LOWERING
     " and the header's <entry>_run copies through dlc's CUDA runtime (docs/gpu.md)"},
    {"help", CliBool, FIELD(help), "", "Print this help"},
    {"version", CliBool, FIELD(version), "", "Print the version"},
};

/* -O0 ... -O3; anything else that is not in the table is an error. */
static bool optLevelFlag(const char *name, const char *arg, void *options) {
  if (cliParseOptLevel(name, &((Options *)options)->optLevel))
    return true;
  fprintf(stderr, "%s: unknown option '%s' (see --help)\n", dlcToolName, arg);
  return false;
}

static const CliFlagTable table = {flags, sizeof flags / sizeof flags[0], optLevelFlag, NULL};

static bool conflict(const char *a, const char *b) {
  fprintf(stderr, "%s: conflicting options: %s and %s\n", dlcToolName, a, b);
  return false;
}

static bool chooseMode(Options *opts) {
  static const char *const names[] = {NULL, "--mlir-to-llvmir", "--mlir-to-obj", "--emit-c-header"};
  const bool given[] = {false, opts->toLLVMIR, opts->toObject, opts->toHeader};
  for (int m = ModeLLVMIR; m <= ModeHeader; ++m) {
    if (!given[m])
      continue;
    if (opts->mode != ModeNone)
      return conflict(names[opts->mode], names[m]);
    opts->mode = (TranslateMode)m;
  }
  if (opts->mode == ModeNone) {
    fprintf(stderr,
            "%s: no output kind: choose one of --mlir-to-llvmir, --mlir-to-obj, "
            "--emit-c-header\n",
            dlcToolName);
    return false;
  }
  return true;
}

/* The name of the first target flag given, or NULL. */
static const char *targetFlag(const Options *opts) {
  if (opts->triple)
    return "--triple";
  if (opts->cpu)
    return "--cpu";
  if (opts->features)
    return "--features";
  return opts->optLevel >= 0 ? "-O<n>" : NULL;
}

/* Cross-flag rules, checked once every flag is known. */
static bool checkOptions(Options *opts) {
  if (!chooseMode(opts))
    return false;
  bool gpu = opts->device && !strcmp(opts->device, "gpu");
  if (opts->device && !gpu && strcmp(opts->device, "cpu")) {
    fprintf(stderr, "%s: invalid value '%s' for --device: expected 'cpu' or 'gpu'\n",
            dlcToolName, opts->device);
    return false;
  }
  if (opts->lowerPipeline)
    opts->lower = true;
  else
    opts->lowerPipeline = gpu ? DLC_TRANSLATE_GPU_LOWERING : DLC_TRANSLATE_DEFAULT_LOWERING;
  if (opts->mode == ModeHeader) {
    /* The header is made from the signature before lowering, for any 64-bit target. */
    if (opts->lower)
      return conflict("--emit-c-header (which reads the module before lowering)", "--lower");
    if (targetFlag(opts))
      return conflict("--emit-c-header", targetFlag(opts));
  } else if (opts->entry) {
    return conflict(opts->mode == ModeObject ? "--mlir-to-obj" : "--mlir-to-llvmir",
                    "--entry (an object holds every public function)");
  }
  return true;
}

bool parseOptions(int argc, char **argv, Options *opts) {
  *opts = (Options){.input = "-", .output = "-", .optLevel = -1};
  if (!cliParseFlags(argc, argv, &table, opts, &opts->input))
    return false;
  return opts->help || opts->version || checkOptions(opts);
}

bool needsTargetMachine(const Options *opts) {
  return opts->mode == ModeObject || (opts->mode == ModeLLVMIR && targetFlag(opts));
}

void printHelp(void) {
  printf("OVERVIEW: dlc translation driver: out of MLIR\n\n"
         "USAGE: dlc-translate (--mlir-to-llvmir | --mlir-to-obj | --emit-c-header) [options]"
         " [input file]\n\n"
         "--mlir-to-llvmir and --mlir-to-obj read a module in the LLVM dialect (made by\n"
         "dlc-opt --dlc-lower-to-cpu, or by --lower here); --emit-c-header reads the dhlo\n"
         "module before lowering. Diagnostics go to stderr as file:line:col: error: message.\n"
         "LLVM IR is the plain translation unless a target flag or -O<n> is given; objects\n"
         "are optimized at -O2 unless -O<n> says otherwise.\n\n"
         "OPTIONS:\n");
  cliPrintFlagHelp(&table);
  printf("  %-40s - %s\n", "-O0, -O1, -O2, -O3", "LLVM optimization and code generation level");
}

void printVersion(void) {
  printf("dlc-translate version %s (MLIR %s)\n", DLC_VERSION, DLC_MLIR_VERSION);
}
