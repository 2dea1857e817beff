/* Options.c: dlc-opt's command line: its flag table (parsed by tools/common/Flags.c, the
 * way LLVM's cl reads mlir-opt's) and the rules between flags. Every flag that is not
 * dlc-opt's own names a pass (`--cse`, `--dhlo-canonicalize=max-iterations=2`) and is kept,
 * in order, for Pipeline.c.
 * Ownership: Options borrows argv's strings; only the passFlags array is allocated. */
#include "DlcOpt.h"

#include <stdlib.h>
#include <string.h>

#define FIELD(f) offsetof(Options, f)

/* One table drives parsing and --help, so the two cannot disagree. */
static const CliFlag flags[] = {
    {"o", CliString, FIELD(output), " <file>",
     "Output file, '-' for stdout (default); written only if the run succeeds"},
    {"pass-pipeline", CliString, FIELD(passPipeline), "=<pipeline>",
     "Passes to run, in MLIR's syntax: 'builtin.module(func.func(cse),dhlo-dce)'"},
    {"split-input-file", CliOptionalString, FIELD(splitMarker), "[=<marker>]",
     "Process each chunk between markers ('" DLC_OPT_DEFAULT_SPLIT_MARKER
     "') on its own; outputs are joined by '" DLC_OPT_DEFAULT_SPLIT_MARKER "'"},
    {"verify-diagnostics", CliBool, FIELD(verifyDiagnostics), "",
     "Check diagnostics against the input's expected-error/warning/note/remark comments"},
    {"verify-each", CliBool, FIELD(verifyEach), "[=false]",
     "Run MLIR's verifier after each pass (default true)"},
    {"allow-unregistered-dialect", CliBool, FIELD(allowUnregistered), "",
     "Accept operations of unregistered dialects"},
    {"mlir-disable-threading", CliBool, FIELD(disableThreading), "", "Run passes on one thread"},
    {"mlir-timing", CliBool, FIELD(timing), "", "Print pass timings to stderr"},
    {"mlir-print-ir-before-all", CliBool, FIELD(printBefore), "",
     "Print the IR to stderr before every pass"},
    {"mlir-print-ir-after-all", CliBool, FIELD(printAfter), "",
     "Print the IR to stderr after every pass"},
    {"mlir-print-ir-after-change", CliBool, FIELD(printAfterChange), "",
     "With --mlir-print-ir-after-all: only after passes that changed the IR"},
    {"mlir-print-ir-after-failure", CliBool, FIELD(printAfterFailure), "",
     "Print the IR to stderr after a pass fails"},
    {"mlir-print-ir-module-scope", CliBool, FIELD(printModuleScope), "",
     "Print the whole module, not the pass's op (needs --mlir-disable-threading)"},
    {"mlir-print-debuginfo", CliBool, FIELD(debugInfo), "", "Print locations"},
    {"mlir-pretty-debuginfo", CliBool, FIELD(prettyDebugInfo), "",
     "With --mlir-print-debuginfo: print locations in their pretty form"},
    {"mlir-print-op-generic", CliBool, FIELD(genericForm), "",
     "Print every op in the generic form"},
    {"mlir-print-local-scope", CliBool, FIELD(localScope), "",
     "Print types and attributes inline, without aliases"},
    {"mlir-elide-elementsattrs-if-larger", CliCount, FIELD(elideLargerThan), "=<n>",
     "Elide elements attributes with more than n elements"},
    {"help", CliBool, FIELD(help), "", "Print this help and dlc's passes"},
    {"version", CliBool, FIELD(version), "", "Print the version"},
};

/* Keeps a flag that is not dlc-opt's own as a pass flag. */
static bool keepPassFlag(const char *name, const char *arg, void *options) {
  Options *opts = options;
  opts->passFlags[opts->numPassFlags++] = name;
  return true;
}

static const CliFlagTable table = {flags, sizeof flags / sizeof flags[0], keepPassFlag,
                                   DLC_OPT_DEFAULT_SPLIT_MARKER};

/* Cross-flag rules, checked once every flag is known. */
static bool checkOptions(const Options *opts) {
  if (opts->passPipeline && opts->numPassFlags) {
    fprintf(stderr,
            "dlc-opt: conflicting flags: --pass-pipeline cannot be combined with per-pass "
            "flags (--%s)\n",
            opts->passFlags[0]);
    return false;
  }
  /* MLIR aborts the process when module-scope printing meets a multithreaded context. */
  bool printing = opts->printBefore || opts->printAfter || opts->printAfterFailure;
  if (printing && opts->printModuleScope && !opts->disableThreading) {
    fprintf(stderr, "dlc-opt: --mlir-print-ir-module-scope needs --mlir-disable-threading\n");
    return false;
  }
  return true;
}

bool parseOptions(int argc, char **argv, Options *opts) {
  *opts = (Options){.input = "-", .output = "-", .verifyEach = true};
  opts->passFlags = xrealloc(NULL, sizeof(char *) * (size_t)(argc > 0 ? argc : 1));
  return cliParseFlags(argc, argv, &table, opts, &opts->input) && checkOptions(opts);
}

void freeOptions(Options *opts) {
  free(opts->passFlags);
  opts->passFlags = NULL;
}

static void printToStdout(MlirStringRef s, void *userData) { fwrite(s.data, 1, s.length, stdout); }

void printHelp(void) {
  printf("OVERVIEW: dlc optimizer driver, with mlir-opt's interface\n\n"
         "USAGE: dlc-opt [options] [input file]\n\n"
         "Reads the input file ('-' or none: stdin), verifies it, runs the passes given and\n"
         "prints the result. Diagnostics go to stderr as file:line:col: error: message.\n\n"
         "OPTIONS:\n");
  cliPrintFlagHelp(&table);
  printf("  %-40s - %s\n\n", "--<pass>[=<options>]",
         "Run a pass, in flag order: --dhlo-canonicalize=max-iterations=2");
  dlcPrintPassHelp(printToStdout, NULL);
  printf("\nUpstream passes: every MLIR pass and pass pipeline is accepted by name, as in\n"
         "mlir-opt: --cse, --canonicalize, --pass-pipeline='builtin.module(func.func(cse))'.\n");
}

void printVersion(void) { printf("dlc-opt version %s (MLIR %s)\n", DLC_VERSION, DLC_MLIR_VERSION); }

MlirOpPrintingFlags createPrintingFlags(const Options *opts) {
  MlirOpPrintingFlags printing = mlirOpPrintingFlagsCreate();
  if (opts->debugInfo)
    mlirOpPrintingFlagsEnableDebugInfo(printing, true, opts->prettyDebugInfo);
  if (opts->genericForm)
    mlirOpPrintingFlagsPrintGenericOpForm(printing);
  if (opts->localScope)
    mlirOpPrintingFlagsUseLocalScope(printing);
  if (opts->elideLargerThan)
    mlirOpPrintingFlagsElideLargeElementsAttrs(printing, opts->elideLargerThan);
  return printing;
}
