/* Inputs.c: one host tensor per argument of the entry, from its --input spec: a file
 * ending in .npy, `random` or `random:LO:HI`, or else a literal. Random values come from
 * dlcHostTensorFillRandom, seeded per argument (see dlc-run.c), uniform in [LO, HI):
 * by default [-1, 1) for floats and [-8, 8] for integers (clamped to the type: [0, 8]
 * unsigned); i1 is a fair coin.
 * Ownership: every tensor made here is the caller's. */
#include "DlcRun.h"

#include "mlir-c/BuiltinTypes.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void describeArgument(const InputSpec *spec, Buf *out) {
  bufPrintf(out, "argument #%ld of @%.*s, ", (long)spec->index, (int)spec->entry.length,
            spec->entry.data);
  mlirTypePrint(spec->type, bufAppendCallback, out);
}

bool hasShape(MlirType type, intptr_t rank, const int64_t *dims) {
  if (rank != mlirShapedTypeGetRank(type))
    return false;
  for (intptr_t i = 0; i < rank; ++i)
    if (dims[i] != mlirShapedTypeGetDimSize(type, i))
      return false;
  return true;
}

void appendDims(Buf *out, intptr_t rank, const int64_t *dims, bool tuple) {
  bufAppendStr(out, tuple ? "(" : "[");
  for (intptr_t i = 0; i < rank; ++i)
    bufPrintf(out, "%s%lld", i ? ", " : "", (long long)dims[i]);
  bufAppendStr(out, !tuple ? "]" : rank == 1 ? ",)" : ")");
}

static bool endsWith(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

/* "random" or "random:LO:HI" into [*lo, *hi); false if `text` is neither. */
static bool parseRandom(const char *text, DlcElementType type, double *lo, double *hi,
                        bool *malformed) {
  *malformed = false;
  bool isInteger = type != DlcElementF16 && type != DlcElementBF16 && type != DlcElementF32 &&
                   type != DlcElementF64;
  *lo = isInteger ? -8 : -1;
  *hi = isInteger ? 8 : 1;
  if (!text || !strcmp(text, "random"))
    return true;
  if (strncmp(text, "random:", 7))
    return false;
  char *end;
  errno = 0;
  *lo = strtod(text + 7, &end);
  bool ok = end != text + 7 && *end == ':';
  if (ok) {
    const char *second = end + 1;
    *hi = strtod(second, &end);
    ok = end != second && !*end;
  }
  *malformed = !ok || errno || !isfinite(*lo) || !isfinite(*hi) || *lo > *hi;
  return true;
}

DlcHostTensor makeInput(const InputSpec *spec) {
  DlcElementType element;
  dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(spec->type), &element);
  double lo, hi;
  bool malformed;
  if (parseRandom(spec->text, element, &lo, &hi, &malformed)) {
    if (malformed) {
      fprintf(stderr,
              "dlc-run: input #%ld: invalid random spec '%s': expected random:LO:HI with "
              "finite LO <= HI\n",
              (long)spec->index, spec->text);
      return (DlcHostTensor){NULL};
    }
    DlcHostTensor t = dlcHostTensorCreate(spec->type);
    dlcHostTensorFillRandom(t, spec->seed, lo, hi);
    return t;
  }
  return endsWith(spec->text, ".npy") ? readNpy(spec) : readLiteral(spec);
}
