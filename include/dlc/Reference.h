/* dlc/Reference.h: the reference evaluator. It interprets a module's func.func op by op on
 * host buffers, after the StableHLO semantics of every dhlo op: slow and plainly written,
 * it is what every lowering is checked against (`dlc-run --check`). Also here: host
 * tensors, seeded random inputs and a tolerance-aware comparison.
 * Semantics: floats are computed in double and rounded once to the element type (nearest
 * even); integers wrap. Where StableHLO leaves a result to the implementation the evaluator
 * does what XLA does: integer x / 0 = -1 (all ones, also unsigned), x % 0 = x,
 * INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0; integer power with a negative exponent is 0
 * (1 for base 1, +-1 for base -1); float to integer truncates toward zero, saturates at the
 * type's bounds and turns NaN into 0.
 * Ownership: dlcHostTensorCreate* and dlcReferenceRun's results belong to the caller, who
 * ends each with dlcHostTensorDestroy. Types built here belong to the MlirContext. */
#ifndef DLC_REFERENCE_H
#define DLC_REFERENCE_H

#include "dlc/Dialects.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The element types dlc supports, as they are stored in a host tensor.
typedef enum DlcElementType {
  DlcElementF16,  /* IEEE binary16, stored as its 16 bits */
  DlcElementBF16, /* bfloat16, stored as its 16 bits */
  DlcElementF32,
  DlcElementF64,
  DlcElementI1,   /* one byte per element, 0 or 1 */
  DlcElementI8,   /* signless integers are signed, as in StableHLO */
  DlcElementI16,
  DlcElementI32,
  DlcElementI64,
  DlcElementUI8,
  DlcElementUI16,
  DlcElementUI32,
  DlcElementUI64,
} DlcElementType;

/// A dense row-major tensor in host memory. Layout encodings are physical and do not
/// change values: a host tensor holds the logical elements whatever its type's encoding.
typedef struct DlcHostTensor {
  void *ptr;
} DlcHostTensor;

static inline bool dlcHostTensorIsNull(DlcHostTensor t) { return !t.ptr; }

/// The element type of MLIR type `type`; false if dlc does not support it.
DLC_API bool dlcElementTypeFromMlirType(MlirType type, DlcElementType *out);
/// The MLIR type of an element type.
DLC_API MlirType dlcElementTypeGetMlirType(MlirContext ctx, DlcElementType type);
/// Bytes per element in a host tensor (i1 takes one byte).
DLC_API size_t dlcElementTypeGetByteSize(DlcElementType type);

/// A zero-filled tensor of ranked static tensor type `type` (its encoding is ignored).
/// Null if the type is not a static tensor of rank <= DLC_MAX_RANK with a supported element.
DLC_API DlcHostTensor dlcHostTensorCreate(MlirType type);
/// A zero-filled tensor of `rank` dimensions `dims`. Null if rank or a dimension is invalid.
DLC_API DlcHostTensor dlcHostTensorCreateShaped(DlcElementType type, intptr_t rank,
                                                const int64_t *dims);
/// Ends the caller's ownership of `t` (a null tensor is ignored).
DLC_API void dlcHostTensorDestroy(DlcHostTensor t);

DLC_API DlcElementType dlcHostTensorGetElementType(DlcHostTensor t);
DLC_API intptr_t dlcHostTensorGetRank(DlcHostTensor t);
/// The dimension sizes, `rank` of them (borrowed, valid while `t` lives).
DLC_API const int64_t *dlcHostTensorGetDims(DlcHostTensor t);
DLC_API int64_t dlcHostTensorGetNumElements(DlcHostTensor t);
/// The elements, row-major, dlcElementTypeGetByteSize bytes each (borrowed).
DLC_API void *dlcHostTensorGetData(DlcHostTensor t);
/// The tensor type of `t`, without encoding.
DLC_API MlirType dlcHostTensorGetType(MlirContext ctx, DlcHostTensor t);

/// Element `index` (row-major) as a double, converted as dhlo.convert would convert to f64.
DLC_API double dlcHostTensorGetElementAsDouble(DlcHostTensor t, int64_t index);
/// Stores `value` at `index`, converted as dhlo.convert converts an f64 (rounding to nearest
/// even; to integers toward zero, saturating, NaN to 0; to i1 as value != 0).
DLC_API void dlcHostTensorSetElementFromDouble(DlcHostTensor t, int64_t index, double value);
/// Element `index` as an int64: integers exactly (ui64 as its bit pattern), floats as
/// dhlo.convert to i64 converts them.
DLC_API int64_t dlcHostTensorGetElementAsInt64(DlcHostTensor t, int64_t index);
/// Stores `value` at `index`, converted as dhlo.convert converts an i64 (integers wrap).
DLC_API void dlcHostTensorSetElementFromInt64(DlcHostTensor t, int64_t index, int64_t value);

/// Prints `t` as `tensor<2x2xf32> [[1, 2], [3, 4]]` (floats with enough digits to round-trip).
DLC_API void dlcHostTensorPrint(DlcHostTensor t, MlirStringCallback callback, void *userData);

/// SplitMix64 (Steele, Lea and Flood, 2014): advances `*state` by 0x9E3779B97F4A7C15 and
/// returns the mixed value. Seed 0 gives 0xE220A8397B1DCDAF first.
DLC_API uint64_t dlcSplitMix64(uint64_t *state);
/// Fills `t` from SplitMix64 seeded with `seed`, one draw per element in row-major order:
/// floats uniform in [lo, hi) rounded to the element type (so hi itself may appear),
/// integers uniform in [ceil(lo), floor(hi)] clamped to the type's range, i1 fair coin
/// flips (lo and hi ignored).
DLC_API void dlcHostTensorFillRandom(DlcHostTensor t, uint64_t seed, double lo, double hi);

/// What dlcHostTensorCompare found.
typedef struct DlcCompareResult {
  bool match;            /* same type and shape, and every element within tolerance */
  int64_t numMismatches; /* elements out of tolerance (all of them if types differ) */
  int64_t worstIndex;    /* row-major index of the worst element; -1 if none or types differ */
  double worstExpected, worstActual;
  double worstError;     /* |expected - actual| there (inf if NaN meets a number) */
} DlcCompareResult;

/// Compares `actual` with `expected` element by element: equal when |e - a| <= atol +
/// rtol * |e|, or both NaN; an infinity must meet the same infinity. The worst element is
/// the one furthest beyond its tolerance. Mismatches (the first 10, then a summary line) go
/// to `report` (may be NULL), one line per call.
DLC_API DlcCompareResult dlcHostTensorCompare(DlcHostTensor expected, DlcHostTensor actual,
                                              double rtol, double atol,
                                              MlirStringCallback report, void *userData);

/// Interprets func.func `entry` of `module` on `args` and creates its results in
/// `results[0..nResults)`, owned by the caller. The module is verified first (dlcVerify);
/// argument count and types, unsupported ops (custom_call included) and anything else that
/// stops evaluation are located errors on the module's context, and leave every result null.
DLC_API MlirLogicalResult dlcReferenceRun(MlirOperation module, MlirStringRef entry,
                                          intptr_t nArgs, const DlcHostTensor *args,
                                          intptr_t nResults, DlcHostTensor *results);

#ifdef __cplusplus
}
#endif

#endif
