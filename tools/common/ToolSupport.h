/* ToolSupport.h: what dlc's command-line tools (dlc-opt, dlc-translate, dlc-run) share, one
 * .c file per part: growable buffers, reading the input, printing diagnostics the way
 * mlir-opt does, parsing text into a module with mlir-opt's implicit module, and output
 * files that appear only when a run succeeds. Built as the static library
 * dlc-tool-support (tools/common/CMakeLists.txt).
 * Each tool defines `dlcToolName` ("dlc-opt", ...), the prefix of the messages printed here.
 * Ownership: a Buf owns its bytes (bufFree); a Source only borrows text; an Output owns its
 * path copies and FILE until outputCommit or outputDiscard; parseModule's module is the
 * caller's. */
#ifndef DLC_TOOLS_COMMON_TOOLSUPPORT_H
#define DLC_TOOLS_COMMON_TOOLSUPPORT_H

#include "dlc/Support.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/// The tool's name, defined by each tool: "dlc-opt: cannot open input file ...".
extern const char dlcToolName[];

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

/* ---- Flags.c: the command line --------------------------------------------------------- */

typedef enum CliFlagKind {
  CliBool,           /* --flag, --flag=true|false */
  CliString,         /* value after '=' or in the next argument */
  CliOptionalString, /* value only after '='; the table's optionalDefault when absent */
  CliCount,          /* a count, after '=' or in the next argument */
  CliRepeated,       /* each value, after '=' or in the next argument, is appended to the
                        CliList the flag names */
} CliFlagKind;

/// The values of a repeated flag, in order. The array is owned (cliListFree); the strings
/// point into argv.
typedef struct CliList {
  const char **items;
  size_t count;
} CliList;

/// One flag of a tool: it sets the field at `offset` in the tool's options struct (a bool,
/// const char *, long or CliList, by kind).
typedef struct CliFlag {
  const char *name; /* without dashes; one letter prints as -o, longer as --name */
  CliFlagKind kind;
  size_t offset;
  const char *metavar; /* printed after the name in --help: " <file>", "=<name>" */
  const char *help;
} CliFlag;

typedef struct CliFlagTable {
  const CliFlag *flags;
  size_t numFlags;
  /// Called for a flag not in the table (`name` without dashes, `arg` as given): true if
  /// the tool took it, false after printing an error.
  bool (*unknownFlag)(const char *name, const char *arg, void *opts);
  const char *optionalDefault; /* what a CliOptionalString given without a value sets */
} CliFlagTable;

/// Parses argv into `opts` by `table`; the positional argument, if any, goes to *input.
/// On a bad command line prints "<tool>: ..." and returns false.
bool cliParseFlags(int argc, char **argv, const CliFlagTable *table, void *opts,
                   const char **input);
/// The table as --help lines on stdout.
void cliPrintFlagHelp(const CliFlagTable *table);
/// True if `name` (a flag without its dash) is O0, O1, O2 or O3, whose digit goes to *level:
/// for a table's unknownFlag hook.
bool cliParseOptLevel(const char *name, int *level);
void cliListFree(CliList *list);

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

/// State of the handler attached to the context (borrowed pointers, set per input).
typedef struct DiagHandler {
  const Source *src; /* text being processed */
  /* When set, every diagnostic goes here instead of being printed (dlc-opt's
   * --verify-diagnostics). */
  void (*divert)(MlirDiagnostic d, void *divertData);
  void *divertData;
  /* Set by parseModule: catch the parser's "found: N top-level operations" error. */
  bool catchTopLevelCount;
  long topLevelCount; /* -1 unless caught */
} DiagHandler;

/// MlirDiagnosticHandler; userData is a DiagHandler. Prints each diagnostic and its notes.
MlirLogicalResult handleDiagnostic(MlirDiagnostic d, void *userData);

/* ---- Parse.c --------------------------------------------------------------------------- */

/// Parses handler->src into a builtin.module owned by the caller, wrapping other top-level
/// ops in an implicit module as mlir-opt does. Null after a reported error.
MlirOperation parseModule(MlirContext ctx, DiagHandler *handler);

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

#endif
