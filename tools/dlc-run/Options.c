/* Options.c: dlc-run's command line: its flag table (parsed by tools/common/Flags.c, the way
 * LLVM's cl reads mlir-opt's), -O<n>, the numbers given as text (seed, tolerances), and the
 * rules between flags. `--input` and `--output` repeat, one per argument and one per
 * result, in order.
 * Ownership: Options borrows argv's strings; the inputs and outputs lists are owned
 * (freeOptions). */
#include "DlcRun.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIELD(f) offsetof(Options, f)

static const CliFlag flags[] = {
    {"entry", CliString, FIELD(entry), "=<name>",
     "Function to run (default: the only public function, else 'main')"},
    {"pipeline", CliString, FIELD(pipeline), "=<pipeline>",
     "Passes that compile it, in MLIR's syntax (default '" DLC_JIT_DEFAULT_PIPELINE "')"},
    {"no-optimize", CliBool, FIELD(noOptimize), "",
     "Compile with '" DLC_RUN_NO_OPTIMIZE_PIPELINE "' alone"},
    {"aot", CliBool, FIELD(aot), "",
     "Compile ahead of time instead of with the JIT: an object file linked by the C compiler "
     "($CC, else cc) into a shared object that is loaded and called the same way"},
    {"device", CliString, FIELD(device), "=cpu|gpu",
     "Where it runs (default cpu); gpu compiles with '" DLC_JIT_GPU_PIPELINE "' and needs "
     "the CUDA driver (docs/gpu.md)"},
    {"input", CliRepeated, FIELD(inputs), "=<spec>",
     "The next argument: a literal ('[[1,2],[3,4]]'; '2.5' fills it), FILE.npy, 'random' or "
     "'random:LO:HI'"},
    {"seed", CliString, FIELD(seedText), "=<n>", "Seed of the random inputs (default 0)"},
    {"output", CliRepeated, FIELD(outputs), "=<file.npy>", "Write the next result to an .npy file"},
    {"print", CliBool, FIELD(print), "", "Print every result on stdout, one per line"},
    {"check", CliBool, FIELD(check), "",
     "Compare every result with the reference evaluator's (tolerances below)"},
    {"rtol", CliString, FIELD(rtolText), "=<x>", "With --check: relative tolerance for all"},
    {"atol", CliString, FIELD(atolText), "=<y>", "With --check: absolute tolerance for all"},
    {"benchmark", CliCount, FIELD(benchmark), "=<n>",
     "Time n calls after a warm-up (0: none): median, min, max, GFLOP/s, GB/s"},
    {"help", CliBool, FIELD(help), "", "Print this help"},
    {"version", CliBool, FIELD(version), "", "Print the version"},
};

/* -O0 ... -O3; anything else that is not in the table is an error. */
static bool optLevelFlag(const char *name, const char *arg, void *options) {
  if (cliParseOptLevel(name, &((Options *)options)->optLevel))
    return true;
  fprintf(stderr, "dlc-run: unknown option '%s' (see --help)\n", arg);
  return false;
}

static const CliFlagTable table = {flags, sizeof flags / sizeof flags[0], optLevelFlag, NULL};

static bool invalid(const char *flag, const char *value, const char *expected) {
  fprintf(stderr, "dlc-run: invalid value '%s' for --%s: expected %s\n", value, flag, expected);
  return false;
}

/* A finite number >= 0 from `text` (NULL: keep *out). */
static bool parseTolerance(const char *flag, const char *text, double *out) {
  if (!text)
    return true;
  char *end;
  errno = 0;
  double x = strtod(text, &end);
  if (!*text || *end || errno || !isfinite(x) || x < 0)
    return invalid(flag, text, "a number >= 0");
  *out = x;
  return true;
}

static bool parseSeed(const char *text, uint64_t *out) {
  if (!text)
    return true;
  char *end;
  errno = 0;
  unsigned long long n = strtoull(text, &end, 0);
  if (!*text || *end || errno || text[0] == '-')
    return invalid("seed", text, "an unsigned 64-bit integer");
  *out = n;
  return true;
}

/* Numbers given as text, then the rules between flags. */
static bool checkOptions(Options *opts, bool haveFile) {
  if (!parseSeed(opts->seedText, &opts->seed) ||
      !parseTolerance("rtol", opts->rtolText, &opts->rtol) ||
      !parseTolerance("atol", opts->atolText, &opts->atol))
    return false;
  if (!haveFile) {
    fprintf(stderr, "dlc-run: no input file (see --help)\n");
    return false;
  }
  if (!checkDevice(opts))
    return false;
  if (opts->pipeline && opts->noOptimize) {
    fprintf(stderr, "dlc-run: conflicting options: --pipeline and --no-optimize\n");
    return false;
  }
  if ((opts->rtolText || opts->atolText) && !opts->check) {
    fprintf(stderr, "dlc-run: --rtol and --atol need --check\n");
    return false;
  }
  return true;
}

static void printHelp(void) {
  printf("OVERVIEW: dlc runner: compiles a dhlo program for the CPU, runs it on given or\n"
         "random inputs, checks it against the reference evaluator and times it\n\n"
         "USAGE: dlc-run [options] <file.mlir>\n\n"
         "Reads the file ('-': stdin), verifies it, compiles the entry function and calls\n"
         "it once. Diagnostics go to stderr as file:line:col: error: message; any error, or\n"
         "a --check mismatch, exits with status 1.\n\n"
         "OPTIONS:\n");
  cliPrintFlagHelp(&table);
  printf("  %-40s - %s\n\n", "-O0 -O1 -O2 -O3", "LLVM optimization level of the JIT or object (default -O2)");
  printf("INPUTS: one --input per argument, in order; arguments without one are random:\n"
         "floats uniform in [-1, 1), integers in [-8, 8], i1 fair coins ('random:LO:HI' for\n"
         "[LO, HI)). Argument i draws from its own SplitMix64 stream, seeded from --seed.\n"
         ".npy files are little-endian, C order, of the argument's dtype ('<f4', '|b1', ...);\n"
         "bf16 travels as its raw bits, '<u2'.\n\n"
         "CHECK TOLERANCES: an element matches when |expected - actual| <= atol + rtol *\n"
         "|expected|. Defaults by element type: f32, f64: rtol 1e-5, atol 1e-6; f16, bf16:\n"
         "rtol 1e-2, atol 1e-2; integers and i1: exact. --rtol/--atol replace them for all.\n\n"
         "BENCHMARK: FLOPs are counted on the dhlo program (dot_general and convolution 2 per\n"
         "multiply-add, 1 per element of elementwise ops and of reduce operands); bytes are\n"
         "the arguments' and results'. See docs/dlc-run.md.\n");
}

static void printVersion(void) {
  printf("dlc-run version %s (MLIR %s)\n", DLC_VERSION, DLC_MLIR_VERSION);
}

int parseOptions(int argc, char **argv, Options *opts) {
  *opts = (Options){.file = "-", .rtol = -1, .atol = -1, .optLevel = 2};
  const char *file = NULL;
  if (!cliParseFlags(argc, argv, &table, opts, &file))
    return 1;
  if (opts->help || opts->version) {
    opts->help ? printHelp() : printVersion();
    return 0;
  }
  if (file)
    opts->file = file;
  return checkOptions(opts, file != NULL) ? -1 : 1;
}

void freeOptions(Options *opts) {
  cliListFree(&opts->inputs);
  cliListFree(&opts->outputs);
}
