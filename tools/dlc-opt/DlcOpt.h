/* DlcOpt.h: the parts of dlc-opt, one .c file each, and the structs they share; input,
 * parsing, diagnostics printing and output come from tools/common (ToolSupport.h).
 * dlc-opt.c runs them in order: Options -> readInput -> SplitInput -> per chunk
 * (parseModule, dlcVerify, Pipeline, output), with the common diagnostic handler, or under
 * --verify-diagnostics VerifyDiagnostics, receiving every diagnostic of the context.
 * Ownership: each struct's comment says what it owns; a Chunk only borrows text. */
#ifndef DLC_TOOLS_DLC_OPT_H
#define DLC_TOOLS_DLC_OPT_H

#include "ToolSupport.h"

#include "dlc/Passes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DLC_OPT_DEFAULT_SPLIT_MARKER "// -----"

/* ---- Options.c: command line ----------------------------------------------------------- */

/// The parsed command line. Strings borrow argv; passFlags is owned (freeOptions).
typedef struct Options {
  const char *input;        /* "-" for stdin */
  const char *output;       /* "-" for stdout */
  const char *passPipeline; /* NULL unless --pass-pipeline */
  const char **passFlags;   /* "name" or "name=options", dashes stripped, in flag order */
  size_t numPassFlags;
  const char *splitMarker; /* NULL unless --split-input-file */
  long elideLargerThan;    /* --mlir-elide-elementsattrs-if-larger, 0 when off */
  bool verifyDiagnostics, verifyEach, timing, allowUnregistered, disableThreading;
  bool printBefore, printAfter, printAfterChange, printAfterFailure, printModuleScope;
  bool debugInfo, prettyDebugInfo, genericForm, localScope;
  bool help, version;
} Options;

/// Fills `opts` from argv; on a bad command line prints "dlc-opt: ..." and returns false.
bool parseOptions(int argc, char **argv, Options *opts);
void freeOptions(Options *opts);
/// Printing flags from the --mlir-print-* options (caller destroys).
MlirOpPrintingFlags createPrintingFlags(const Options *opts);
/// --help text on stdout: dlc-opt's flags, dlc's passes, a word on upstream passes.
void printHelp(void);
void printVersion(void);

/* ---- VerifyDiagnostics.c: --verify-diagnostics ---------------------------------------- */

typedef struct Verifier Verifier;

/// Collects the expected-* comments of `chunk` (borrowed until verifierFinish).
Verifier *verifierCreate(const Source *chunk);
/// Matches `d` and each of its notes against the expectations of `verifier` (a Verifier);
/// reports mismatches. A DiagHandler's `divert`.
void verifierProcess(MlirDiagnostic d, void *verifier);
/// Formats the expectations never matched into `unmatched` (mlir-opt reports them after
/// the last chunk), frees `v`; true if everything matched.
bool verifierFinish(Verifier *v, Buf *unmatched);

/* ---- SplitInput.c: --split-input-file -------------------------------------------------- */

/// Bytes [begin, end) of the input; `line` is the input line `begin` lies on.
typedef struct Chunk {
  size_t begin, end;
  unsigned line;
} Chunk;

/// Splits `input` at each `marker` (NULL: one chunk), warning about near misses. Returns
/// the number of chunks (at least one) in *chunks, an array the caller frees.
size_t splitInput(const Source *input, const char *marker, Chunk **chunks);
/// The chunk's text preceded by newlines, so that its line numbers are the input's.
void chunkText(const Source *input, const Chunk *chunk, Buf *text);

/* ---- Pipeline.c ------------------------------------------------------------------------ */

/// The pass manager of the run (caller destroys): the pipeline of --pass-pipeline or of the
/// per-pass flags, plus IR printing, timing and verifier settings. Null after printing
/// "dlc-opt: ..." for a pipeline error.
MlirPassManager createPassManager(MlirContext ctx, const Options *opts, MlirOpPrintingFlags flags);

#endif
