/* DlcTranslate.h: the parts of dlc-translate and what they share. dlc-translate.c runs
 * them in order: Options -> target machine -> readInput -> parseModule (tools/common) ->
 * dlcVerify -> optional lowering -> one translation (dlc/Translate.h) -> output.
 * Ownership: Options borrows argv's strings. */
#ifndef DLC_TOOLS_DLC_TRANSLATE_H
#define DLC_TOOLS_DLC_TRANSLATE_H

#include "ToolSupport.h"

#include <stdbool.h>

/// The one thing a run makes.
typedef enum TranslateMode {
  ModeNone,
  ModeLLVMIR, /* --mlir-to-llvmir */
  ModeObject, /* --mlir-to-obj */
  ModeHeader, /* --emit-c-header */
} TranslateMode;

/// The parsed command line (strings borrow argv).
typedef struct Options {
  const char *input;  /* "-" for stdin */
  const char *output; /* "-" for stdout */
  TranslateMode mode;
  bool toLLVMIR, toObject, toHeader;   /* the mode flags as given; mode is set from them */
  const char *entry;                   /* NULL: the only public function */
  const char *triple, *cpu, *features; /* NULL: the host's */
  int optLevel;                        /* -1 until -O<n>; then 0-3 */
  bool lower;                          /* --lower or --lower-pipeline */
  const char *lowerPipeline;           /* the pipeline --lower runs */
  const char *device;                  /* "cpu" (default) or "gpu" */
  bool help, version;
} Options;

/// The pipeline of --lower when --lower-pipeline does not name one.
#define DLC_TRANSLATE_DEFAULT_LOWERING "builtin.module(dlc-lower-to-cpu)"
/// The same with --device=gpu.
#define DLC_TRANSLATE_GPU_LOWERING "builtin.module(dlc-lower-to-gpu)"

/// Fills `opts` from argv and checks the flags against each other; on a bad command line
/// prints "dlc-translate: ..." and returns false.
bool parseOptions(int argc, char **argv, Options *opts);
/// --help text on stdout.
void printHelp(void);
void printVersion(void);
/// True if the run needs a target machine: objects always, LLVM IR when a target flag or
/// -O<n> was given.
bool needsTargetMachine(const Options *opts);

#endif
