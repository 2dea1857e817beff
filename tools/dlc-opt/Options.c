/* Options.c: dlc-opt's command line, read the way LLVM's cl reads mlir-opt's: one or two
 * dashes, values after '=' or (for options that need one) in the next argument, `--` ends
 * the flags. Every flag that is not dlc-opt's own names a pass (`--cse`,
 * `--dhlo-canonicalize=max-iterations=2`) and is kept, in order, for Pipeline.c.
 * Ownership: Options borrows argv's strings; only the passFlags array is allocated. */
#include "DlcOpt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum FlagKind {
  FlagBool,
  FlagString,         /* value after '=' or in the next argument */
  FlagOptionalString, /* value only after '='; the default split marker when absent */
  FlagInt,
} FlagKind;

typedef struct Flag {
  const char *name;
  FlagKind kind;
  size_t offset; /* of the field in Options */
  const char *metavar;
  const char *help;
} Flag;

#define FIELD(f) offsetof(Options, f)

/* One table drives parsing and --help, so the two cannot disagree. */
static const Flag flags[] = {
    {"o", FlagString, FIELD(output), " <file>",
     "Output file, '-' for stdout (default); written only if the run succeeds"},
    {"pass-pipeline", FlagString, FIELD(passPipeline), "=<pipeline>",
     "Passes to run, in MLIR's syntax: 'builtin.module(func.func(cse),dhlo-dce)'"},
    {"split-input-file", FlagOptionalString, FIELD(splitMarker), "[=<marker>]",
     "Process each chunk between markers ('" DLC_OPT_DEFAULT_SPLIT_MARKER
     "') on its own; outputs are joined by '" DLC_OPT_DEFAULT_SPLIT_MARKER "'"},
    {"verify-diagnostics", FlagBool, FIELD(verifyDiagnostics), "",
     "Check diagnostics against the input's expected-error/warning/note/remark comments"},
    {"verify-each", FlagBool, FIELD(verifyEach), "[=false]",
     "Run MLIR's verifier after each pass (default true)"},
    {"allow-unregistered-dialect", FlagBool, FIELD(allowUnregistered), "",
     "Accept operations of unregistered dialects"},
    {"mlir-disable-threading", FlagBool, FIELD(disableThreading), "", "Run passes on one thread"},
    {"mlir-timing", FlagBool, FIELD(timing), "", "Print pass timings to stderr"},
    {"mlir-print-ir-before-all", FlagBool, FIELD(printBefore), "",
     "Print the IR to stderr before every pass"},
    {"mlir-print-ir-after-all", FlagBool, FIELD(printAfter), "",
     "Print the IR to stderr after every pass"},
    {"mlir-print-ir-after-change", FlagBool, FIELD(printAfterChange), "",
     "With --mlir-print-ir-after-all: only after passes that changed the IR"},
    {"mlir-print-ir-after-failure", FlagBool, FIELD(printAfterFailure), "",
     "Print the IR to stderr after a pass fails"},
    {"mlir-print-ir-module-scope", FlagBool, FIELD(printModuleScope), "",
     "Print the whole module, not the pass's op (needs --mlir-disable-threading)"},
    {"mlir-print-debuginfo", FlagBool, FIELD(debugInfo), "", "Print locations"},
    {"mlir-pretty-debuginfo", FlagBool, FIELD(prettyDebugInfo), "",
     "With --mlir-print-debuginfo: print locations in their pretty form"},
    {"mlir-print-op-generic", FlagBool, FIELD(genericForm), "",
     "Print every op in the generic form"},
    {"mlir-print-local-scope", FlagBool, FIELD(localScope), "",
     "Print types and attributes inline, without aliases"},
    {"mlir-elide-elementsattrs-if-larger", FlagInt, FIELD(elideLargerThan), "=<n>",
     "Elide elements attributes with more than n elements"},
    {"help", FlagBool, FIELD(help), "", "Print this help and dlc's passes"},
    {"version", FlagBool, FIELD(version), "", "Print the version"},
};

static const Flag *lookupFlag(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; ++i)
    if (strlen(flags[i].name) == len && !strncmp(flags[i].name, name, len))
      return &flags[i];
  return NULL;
}

/* LLVM's cl accepts these spellings of a boolean value. */
static bool parseBool(const char *s, bool *out) {
  static const char *const yes[] = {"true", "TRUE", "True", "1"};
  static const char *const no[] = {"false", "FALSE", "False", "0"};
  for (size_t i = 0; i < 4; ++i) {
    if (!strcmp(s, yes[i]) || !strcmp(s, no[i])) {
      *out = !strcmp(s, yes[i]);
      return true;
    }
  }
  return false;
}

static bool setFlag(const Flag *f, const char *value, Options *opts) {
  char *field = (char *)opts + f->offset;
  switch (f->kind) {
  case FlagBool:
    if (!value)
      *(bool *)field = true;
    else if (!parseBool(value, (bool *)field)) {
      fprintf(stderr, "dlc-opt: invalid value '%s' for --%s: expected true or false\n", value,
              f->name);
      return false;
    }
    return true;
  case FlagString:
    *(const char **)field = value;
    return true;
  case FlagOptionalString:
    /* An empty value means the default, as in mlir-opt. */
    *(const char **)field = value && *value ? value : DLC_OPT_DEFAULT_SPLIT_MARKER;
    return true;
  case FlagInt: {
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (!*value || *end || errno || n < 0) {
      fprintf(stderr, "dlc-opt: invalid value '%s' for --%s: expected a count\n", value, f->name);
      return false;
    }
    *(long *)field = n;
    return true;
  }
  }
  return false;
}

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
  bool onlyPositional = false, haveInput = false;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (onlyPositional || arg[0] != '-' || !arg[1]) {
      if (haveInput) {
        fprintf(stderr, "dlc-opt: too many positional arguments: '%s' after input '%s'\n", arg,
                opts->input);
        return false;
      }
      opts->input = arg;
      haveInput = true;
      continue;
    }
    if (!strcmp(arg, "--")) {
      onlyPositional = true;
      continue;
    }
    const char *name = arg + (arg[1] == '-' ? 2 : 1);
    const char *eq = strchr(name, '=');
    const Flag *f = lookupFlag(name, eq ? (size_t)(eq - name) : strlen(name));
    if (!f) {
      opts->passFlags[opts->numPassFlags++] = name;
      continue;
    }
    const char *value = eq ? eq + 1 : NULL;
    if (!value && (f->kind == FlagString || f->kind == FlagInt)) {
      if (i + 1 == argc) {
        fprintf(stderr, "dlc-opt: option '%s' needs a value\n", arg);
        return false;
      }
      value = argv[++i];
    }
    if (!setFlag(f, value, opts))
      return false;
  }
  return checkOptions(opts);
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
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; ++i) {
    char spelled[64];
    snprintf(spelled, sizeof spelled, "%s%s%s", flags[i].name[1] ? "--" : "-", flags[i].name,
             flags[i].metavar);
    printf("  %-40s - %s\n", spelled, flags[i].help);
  }
  printf("  %-40s - %s\n\n", "--<pass>[=<options>]",
         "Run a pass, in flag order: --dhlo-canonicalize=max-iterations=2");
  dlcPrintPassHelp(printToStdout, NULL);
  printf("\nUpstream passes: every MLIR pass and pass pipeline is accepted by name, as in\n"
         "mlir-opt: --cse, --canonicalize, --pass-pipeline='builtin.module(func.func(cse))'.\n");
}

void printVersion(void) { printf("dlc-opt version %s (MLIR %s)\n", DLC_VERSION, DLC_MLIR_VERSION); }
