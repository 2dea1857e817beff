/* Layouts.h: what dlc's two layout passes (LayoutAssignment.c, MaterializeLayouts.c) share:
 * layouts as major-to-minor orders, the types they make, how an op kind treats layouts, the
 * dimension bookkeeping of reshape, reduce and convolution, the per-op preferences
 * (LayoutPreferences.c), and small containers. */
#ifndef DLC_LIB_TRANSFORMS_LAYOUTS_H
#define DLC_LIB_TRANSFORMS_LAYOUTS_H

#include "Dialects/OpRules.h"
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Orders ------------------------------------------------------------------------- */

/* A layout as the order of the logical dimensions from the most major to the most minor:
 * the reverse of `#dtensor.layout`'s minor-to-major list. The default (row-major) layout is
 * the identity 0, 1, ..., rank-1. A value with order O is materialized as the plain tensor
 * transpose(value, permutation = O): physical dimension k is logical dimension O[k]. */
typedef struct DlcOrder {
  intptr_t rank;
  int64_t dim[DLC_MAX_RANK];
} DlcOrder;

DlcOrder dlcOrderIdentity(intptr_t rank);
bool dlcOrderIsIdentity(const DlcOrder *order);
bool dlcOrderEqual(const DlcOrder *a, const DlcOrder *b);
/// pos[d] = the physical position of logical dimension d.
void dlcOrderPositions(const DlcOrder *order, int64_t *pos);

/// The rank of a ranked tensor value.
intptr_t dlcValueRank(MlirValue value);
/// True for the values layouts apply to: ranked static tensors of rank 2 or more (a tensor
/// of rank 0 or 1 has only one layout) without an encoding other than a layout.
bool dlcHasLayoutChoice(MlirType type);
/// The order a ranked tensor type's `#dtensor.layout` encoding names; identity without one.
DlcOrder dlcOrderOfType(MlirType type);
/// `type` with the encoding for `order`; no encoding for the identity order.
MlirType dlcTypeWithOrder(MlirType type, const DlcOrder *order);
/// `type` without its layout encoding; any other type as it is.
MlirType dlcStripLayout(MlirType type);
/// The plain (unencoded) tensor that holds `type`'s elements physically in `order`.
MlirType dlcPhysicalType(MlirType type, const DlcOrder *order);

/* ---- Op kinds ----------------------------------------------------------------------- */

/* How an op treats the layouts of its operands and result. */
typedef enum DlcLayoutKind {
  DlcLayoutOpaque,     /* any other op, dlc's or not: default layouts in and out */
  DlcLayoutSame,       /* elementwise ops and ops whose attributes index dimensions (slice,
                        * pad, reverse, concatenate, iota, reduce_window,
                        * batch_norm_inference): the result and every operand of its rank
                        * share one layout */
  DlcLayoutTranspose,  /* any operand and result layouts (a transpose in physical terms) */
  DlcLayoutBroadcast,  /* broadcast_in_dim: any operand and result layouts */
  DlcLayoutReshape,    /* a bitcast when the layouts merge or split dims in order */
  DlcLayoutReduce,     /* any operand layout; the result keeps the kept dims' order */
  DlcLayoutConvolution,
  DlcLayoutDot,
  DlcLayoutConstant,
  DlcLayoutRelayout,
} DlcLayoutKind;

DlcLayoutKind dlcLayoutKindOf(MlirOperation op);
/// Rewrites the dimension-indexing attributes of a DlcLayoutSame op for operands and
/// result held physically in `order`.
void dlcPermuteDimAttrs(MlirOperation op, const DlcOrder *order);

/// Reads array<i64> attribute `name` of `op` into `out` (capacity DLC_MAX_ARRAY); returns
/// its length, 0 when absent.
intptr_t dlcOpI64Array(MlirOperation op, const char *name, int64_t *out);
/// Sets array<i64> attribute `name` of `op`.
void dlcOpSetI64Array(MlirOperation op, const char *name, intptr_t n, const int64_t *values);

/* ---- Dimension bookkeeping ---------------------------------------------------------- */

/// The order of a reshape's `to` side that makes the reshape from `from` in `fromOrder` a
/// bitcast (the same elements in the same physical sequence); false if there is none.
bool dlcReshapeDerive(const DlcShape *from, const DlcOrder *fromOrder, const DlcShape *to,
                      DlcOrder *toOrder);
/// True if the reshape from `from` in `fromOrder` to `to` in `toOrder` is a bitcast.
bool dlcReshapeIsBitcast(const DlcShape *from, const DlcOrder *fromOrder, const DlcShape *to,
                         const DlcOrder *toOrder);

/// Reduce: the result order when the operand is held in `operandOrder` (the kept dims in
/// the operand's physical order), and the operand order that yields `resultOrder` with the
/// reduced dims minor. `reduced[d]` marks the reduced operand dims.
DlcOrder dlcReduceResultOrder(const bool *reduced, const DlcOrder *operandOrder);
DlcOrder dlcReduceOperandOrder(const bool *reduced, intptr_t operandRank,
                               const DlcOrder *resultOrder);
/// Reads a reduce's `dimensions` into `reduced` (operand rank entries).
void dlcReducedDims(MlirOperation reduce, bool *reduced);

/// A convolution's dimension_numbers as one label per tensor dimension ("bf01" is
/// {'b', 'f', '0', '1'}): input labels b, f, digits; kernel o, i, digits; output b, f, digits.
typedef struct DlcConvLabels {
  intptr_t rank;
  char input[DLC_MAX_RANK], kernel[DLC_MAX_RANK], output[DLC_MAX_RANK];
} DlcConvLabels;

/// Reads `conv`'s dimension_numbers; emits a located error and fails if they are malformed.
MlirLogicalResult dlcConvLabelsRead(MlirOperation conv, DlcConvLabels *out);
/// Writes `labels` back as `conv`'s dimension_numbers.
void dlcConvLabelsWrite(MlirOperation conv, const DlcConvLabels *labels);
/// The tensor dimension that `label` names in `labels` (rank entries), or -1.
int64_t dlcConvDimOf(const char *labels, intptr_t rank, char label);

/// dot_general's dimension numbers.
typedef struct DlcDotDims {
  intptr_t numBatch, numContract;
  int64_t lhsBatch[DLC_MAX_RANK], rhsBatch[DLC_MAX_RANK];
  int64_t lhsContract[DLC_MAX_RANK], rhsContract[DLC_MAX_RANK];
} DlcDotDims;

void dlcDotDimsRead(MlirOperation dot, DlcDotDims *out);
void dlcDotDimsWrite(MlirOperation dot, const DlcDotDims *dims);
/// Marks the batching and contracting dims of one side; the rest are its free dims.
void dlcDotUsedDims(const int64_t *batch, const int64_t *contract, const DlcDotDims *dims,
                    bool *used);

/* ---- Preferences (LayoutPreferences.c) ---------------------------------------------- */

typedef enum DlcDotLayout {
  DlcDotCanonical,        /* lhs [batch, free, contracting], rhs [batch, contracting, free] */
  DlcDotContractingMinor, /* both [batch, free, contracting] */
  DlcDotDefault,          /* both row-major as written */
} DlcDotLayout;

/// The layout requests of dhlo-layout-assignment's options, resolved for its target.
typedef struct DlcLayoutPrefs {
  char activation[DLC_MAX_RANK + 1]; /* letters, e.g. "nhwc"; '*': all spatial dims */
  char filter[DLC_MAX_RANK + 1];     /* letters, e.g. "hwio"; '*': all spatial dims */
  bool gpu;
  DlcDotLayout dot;
  bool propagateEntry; /* entry-layouts=propagate */
} DlcLayoutPrefs;

/// The option values of dhlo-layout-assignment, in the order its options are declared.
enum {
  dlcLayoutOptTarget,
  dlcLayoutOptConvActivation,
  dlcLayoutOptConvFilter,
  dlcLayoutOptDot,
  dlcLayoutOptEntryLayouts,
  dlcLayoutNumOptions,
};
extern const DlcPassOptionInfo dlcLayoutAssignmentOptions[dlcLayoutNumOptions];

/// Resolves the options; emits an error at `loc` and fails on a value it does not know.
MlirLogicalResult dlcLayoutPrefsParse(const DlcPassOptionValue *options, MlirLocation loc,
                                      DlcLayoutPrefs *out);
/// The layouts a convolution or dot_general must have: one order per operand and one for
/// the result. Fails with an error at the op if a request does not fit it (e.g. its rank).
MlirLogicalResult dlcLayoutPreferred(const DlcLayoutPrefs *prefs, MlirOperation op,
                                     DlcOrder *operands, DlcOrder *result);

/* ---- Containers --------------------------------------------------------------------- */

/// Grows `items` (elements of `size` bytes, `*capacity` of them) to hold `needed`.
void *dlcGrow(void *items, size_t *capacity, size_t needed, size_t size);

/// The func.func ops with a body in `module` (not nested in one another), in order, as an
/// array the caller frees.
size_t dlcCollectFunctions(MlirOperation module, MlirOperation **out);

#endif
