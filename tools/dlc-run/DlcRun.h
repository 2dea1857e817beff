/* DlcRun.h: the parts of dlc-run, one .c file each, and the structs they share; reading
 * the input, parsing, diagnostics and output files come from tools/common (ToolSupport.h).
 * dlc-run.c runs them in order: Options -> readInput -> parseModule, dlcVerify -> Entry ->
 * the JIT (dlc/Jit.h; or, with --aot, an object linked and loaded) on a clone of the module
 * -> Inputs (Literal, Npy, random) -> Cost ->
 * the reference evaluator on the original -> the call -> --print, Npy output, Check ->
 * Benchmark.
 * Every error is printed where it is found ("dlc-run: ..." or a located diagnostic) and
 * the caller sees false or a null value; main exits 1.
 * Ownership: Options borrows argv; every host tensor made here belongs to the caller. */
#ifndef DLC_TOOLS_DLC_RUN_H
#define DLC_TOOLS_DLC_RUN_H

#include "ToolSupport.h"

#include "dlc/Jit.h"
#include "dlc/Reference.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DLC_RUN_NO_OPTIMIZE_PIPELINE "builtin.module(dlc-lower-to-cpu)"

/* ---- Options.c: command line ----------------------------------------------------------- */

/// The parsed command line. Strings borrow argv; the inputs and outputs lists are owned
/// (freeOptions).
typedef struct Options {
  const char *file;     /* the program, "-" for stdin */
  const char *entry;    /* NULL: the only public function, or @main */
  const char *pipeline; /* NULL: DLC_JIT_DEFAULT_PIPELINE */
  const char *device;   /* "cpu" or "gpu"; NULL: cpu */
  CliList inputs;       /* one spec per argument, in order */
  CliList outputs;      /* one .npy path per result, in order */
  const char *seedText, *rtolText, *atolText; /* as given, NULL if not */
  uint64_t seed;
  double rtol, atol; /* negative: the element type's default */
  long benchmark;    /* timed runs, 0 for none */
  int optLevel;
  bool noOptimize, aot, print, check, help, version;
} Options;

/// Fills `opts` from argv and answers --help and --version. Returns the exit status when
/// the run ends here: 0 after --help or --version, 1 after printing "dlc-run: ..." for a
/// bad command line; -1 when the run goes on.
int parseOptions(int argc, char **argv, Options *opts);
void freeOptions(Options *opts);

/* ---- Entry.c: which function runs ------------------------------------------------------ */

/// The func.func to run: `name` if given, else the module's only public function, else
/// @main. Null after printing why none fits.
MlirOperation findEntry(MlirOperation module, const char *name, const char *file);
/// Makes `module`, a clone of the one `entry` is in, hold only the entry (matched by name)
/// and the functions it references; false after printing why not.
bool pruneToEntry(MlirOperation module, MlirOperation entry);
/// The symbol name of func.func `func` (borrowed from the context).
MlirStringRef entryName(MlirOperation func);
/// The function type of func.func `func`.
MlirType entryType(MlirOperation func);

/* ---- Device.c: --device=cpu|gpu ------------------------------------------------------- */

/// The compiler dlc/Jit.h offers (dlcJitCreate and its siblings).
typedef DlcJit (*JitCreator)(MlirModule, MlirStringRef, MlirStringRef, int, MlirStringCallback,
                             void *);

/// False after printing why, if --device names no device dlc-run knows.
bool checkDevice(const Options *opts);
/// Makes the device ready: for the GPU, dlc's CUDA runtime with its driver; false after
/// printing "dlc-run: --device=gpu: <why>".
bool initDevice(const Options *opts);
/// What compiles for the device (--aot: ahead of time, CPU only).
JitCreator jitCreator(const Options *opts);
/// The pipeline of --no-optimize for the device.
const char *noOptimizePipeline(const Options *opts);

/* ---- Inputs.c: one host tensor per argument -------------------------------------------- */

/// Where an argument's values come from.
typedef struct InputSpec {
  const char *text; /* as given: literal, FILE.npy, random[:LO:HI]; NULL for random */
  intptr_t index;   /* argument number */
  MlirType type;    /* the argument's tensor type */
  MlirStringRef entry;
  uint64_t seed; /* for random */
} InputSpec;

/// A new tensor for the argument `spec` describes; null after printing why it cannot be.
DlcHostTensor makeInput(const InputSpec *spec);
/// "argument #1 of @main, tensor<2x3xf32>" into `out`, for messages.
void describeArgument(const InputSpec *spec, Buf *out);
/// True if tensor type `type` has shape `dims`.
bool hasShape(MlirType type, intptr_t rank, const int64_t *dims);
/// Appends `dims` as a list, "[2, 3]" (shapes of literals, indices), or as numpy's shape
/// tuple, "(2, 3)", "(3,)", "()".
void appendDims(Buf *out, intptr_t rank, const int64_t *dims, bool tuple);

/* ---- Literal.c: --input='[[1, 2], [3, 4]]' --------------------------------------------- */

/// Reads literal `text` into a new tensor of the argument's type (a single number fills
/// every element); null after printing why.
DlcHostTensor readLiteral(const InputSpec *spec);

/* ---- Npy.c: numpy's .npy files --------------------------------------------------------- */

/// Reads .npy file `spec->text` into a new tensor of the argument's type, whose dtype and
/// shape the file must have; null after printing why.
DlcHostTensor readNpy(const InputSpec *spec);
/// Writes `t` to `path` as an .npy file (replacing it only once complete); false after
/// printing why.
bool writeNpy(const char *path, DlcHostTensor t);

/* ---- Cost.c: what one call of the entry computes and moves ----------------------------- */

/// The work of one call, counted on the dhlo program before any pipeline.
typedef struct Cost {
  double flops; /* valid when flopsKnown */
  double bytes; /* of every argument and result */
  bool flopsKnown;
  MlirStringRef unknownOp; /* the first op whose cost is unknown (borrowed) */
} Cost;

/// Counts the cost of func.func `func` in `module`.
Cost countCost(MlirOperation module, MlirOperation func);

/* ---- Check.c: --check ------------------------------------------------------------------ */

/// Compares output `index` with the reference's, prints "dlc-run: output #i matches ..."
/// or "... mismatch at index [...]" on stdout; true on a match.
bool checkOutput(intptr_t index, DlcHostTensor expected, DlcHostTensor actual,
                 const Options *opts);

/* ---- Benchmark.c: --benchmark=N -------------------------------------------------------- */

/// Times `opts->benchmark` calls of `jit` on `args` and prints median, min, max and the
/// rates `cost` allows; false after printing an error.
bool benchmark(DlcJit jit, const DlcHostTensor *args, const Options *opts, const Cost *cost);

/* ---- dlc-run.c ------------------------------------------------------------------------- */

/// MlirStringCallback printing "dlc-run: <message>" on stderr (userData unused).
void printError(MlirStringRef message, void *userData);

#endif
