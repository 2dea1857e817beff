/* DlcOpt.h: the parts of dlc-opt, one .c file each, and the structs they share.
 * dlc-opt.c runs them in order: Options -> Input -> SplitInput -> per chunk (Parse,
 * dlcVerify, Pipeline, Output), with Diagnostics and VerifyDiagnostics receiving every
 * diagnostic of the context.
 * Ownership: each struct's comment says what it owns; a Source or Chunk only borrows text,
 * a Buf owns its bytes (free with bufFree). */
#ifndef DLC_TOOLS_DLC_OPT_H
#define DLC_TOOLS_DLC_OPT_H

#include "dlc/Passes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DLC_OPT_DEFAULT_SPLIT_MARKER "// -----"

/* ---- Buffer.c: growable byte buffers; allocation failure aborts ------------------------ */

/// Bytes, NUL-terminated after any append (data is NULL before); zero-initialize,
/// release with bufFree.
typedef struct Buf {
  char *data;
  size_t len, cap;
} Buf;

void bufAppend(Buf *b, const void *data, size_t n);
void bufAppendStr(Buf *b, const char *s);
void bufAppendRepeated(Buf *b, char c, size_t n);
void bufPrintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/// MlirStringCallback that appends to the Buf passed as userData.
void bufAppendCallback(MlirStringRef s, void *buf);
void bufFree(Buf *b);
/// realloc that aborts on out-of-memory instead of returning NULL.
void *xrealloc(void *p, size_t size);

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
/// --help text on stdout: dlc-opt's flags, dlc's passes, a word on upstream passes.
void printHelp(void);
void printVersion(void);

/* ---- Input.c --------------------------------------------------------------------------- */

/// Reads `path` ("-": stdin) whole into `text`; on error prints the reason, returns false.
bool readInput(const char *path, Buf *text);

/* ---- Diagnostics.c: MLIR-style diagnostic printing and the context's handler ---------- */

/// Text that diagnostics may point into, with the name locations use for it (borrowed).
typedef struct Source {
  const char *name;
  const char *text;
  size_t len;
} Source;

/// A resolved position: file name (borrowed from the context or a Source), 1-based line
/// and column, 0 when unknown.
typedef struct FilePos {
  MlirStringRef file;
  unsigned line, col;
} FilePos;

/// The first file:line:col inside `loc` (looking through name, call-site and fused
/// locations, as MLIR's handlers do); false if it has none.
bool findFilePos(MlirLocation loc, FilePos *pos);
const char *severityName(MlirDiagnosticSeverity severity);
/// Formats "file:line:col: severity: message\n" into `out`, then, when `showLine` and
/// `pos` lies in `src`, the source line with a caret and `rangeLen - 1` tildes under it.
void formatAt(Buf *out, const Source *src, FilePos pos, unsigned rangeLen,
              MlirDiagnosticSeverity severity, MlirStringRef message, bool showLine);
/// formatAt to stderr.
void printAt(const Source *src, FilePos pos, unsigned rangeLen, MlirDiagnosticSeverity severity,
             MlirStringRef message, bool showLine);
/// printAt for a location, or "severity: message" / "severity: loc(...): message" when
/// the location has no file position.
void printAtLocation(const Source *src, MlirLocation loc, MlirDiagnosticSeverity severity,
                     MlirStringRef message, bool showLine);
/// The message of `d` (without notes) into `out`.
void diagnosticMessage(MlirDiagnostic d, Buf *out);

typedef struct Verifier Verifier;

/// State of the handler attached to the context (borrowed pointers, set per chunk).
typedef struct DiagHandler {
  const Source *src;  /* chunk being processed */
  Verifier *verifier; /* non-NULL under --verify-diagnostics */
  /* Set by parseModule: catch the parser's "found: N top-level operations" error. */
  bool catchTopLevelCount;
  long topLevelCount; /* -1 unless caught */
} DiagHandler;

/// MlirDiagnosticHandler; userData is a DiagHandler.
MlirLogicalResult handleDiagnostic(MlirDiagnostic d, void *userData);

/* ---- VerifyDiagnostics.c: --verify-diagnostics ---------------------------------------- */

/// Collects the expected-* comments of `chunk` (borrowed until verifierFinish).
Verifier *verifierCreate(const Source *chunk);
/// Matches `d` and each of its notes against the expectations; reports mismatches.
void verifierProcess(Verifier *v, MlirDiagnostic d);
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

/* ---- Parse.c --------------------------------------------------------------------------- */

/// Parses handler->src into a builtin.module owned by the caller, wrapping other top-level
/// ops in an implicit module as mlir-opt does. Null after a reported error.
MlirOperation parseModule(MlirContext ctx, DiagHandler *handler);

/* ---- Pipeline.c ------------------------------------------------------------------------ */

/// The pass manager of the run (caller destroys): the pipeline of --pass-pipeline or of the
/// per-pass flags, plus IR printing, timing and verifier settings. Null after printing
/// "dlc-opt: ..." for a pipeline error.
MlirPassManager createPassManager(MlirContext ctx, const Options *opts, MlirOpPrintingFlags flags);

/* ---- Output.c -------------------------------------------------------------------------- */

/// Where output goes: stdout, a device written in place, or a temporary file next to the
/// target, renamed over it on commit. Owns its path copies and FILE.
typedef struct Output {
  const char *name; /* as given on the command line (borrowed), for messages */
  char *path;       /* target, NULL for stdout */
  char *tmpPath;    /* temporary file, NULL when writing in place */
  FILE *file;
} Output;

/// Opens `path` ("-": stdout); on error prints the reason and returns false.
bool outputOpen(Output *out, const char *path);
/// MlirStringCallback writing to the Output passed as userData.
void outputCallback(MlirStringRef s, void *out);
/// Makes the output final (renames the temporary file); false after printing an error.
bool outputCommit(Output *out);
/// Drops the output: the temporary file is removed, an existing target left untouched.
void outputDiscard(Output *out);
/// Printing flags from the --mlir-print-* options (caller destroys).
MlirOpPrintingFlags createPrintingFlags(const Options *opts);

#endif
