/* Canonicalize.h: the inside of `dhlo-canonicalize`, shared by its files. Canonicalize.c
 * owns the pass, its options and the pattern set; ConstantFold.c and Simplify.c each
 * contribute a table of patterns; Elements.c reads and writes dense constants element by
 * element; the rewrite helpers below (Canonicalize.c) are how every pattern builds and
 * replaces ops, so that each replacement keeps the replaced value's exact type. */
#ifndef DLC_LIB_TRANSFORMS_CANONICALIZE_H
#define DLC_LIB_TRANSFORMS_CANONICALIZE_H

#include "Dialects/OpRules.h"

#include "mlir-c/Rewrite.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- Patterns ------------------------------------------------------------------------- */

typedef struct DlcCanonOptions {
  int64_t maxConstantSize; /* elements of the largest non-splat constant a fold may create */
  bool unsafeFpMath;       /* allow float rewrites that are wrong for -0.0, inf or NaN */
} DlcCanonOptions;

/// What a pattern sees besides the op: the pass options and its table entry's `code`.
typedef struct DlcCanonContext {
  const DlcCanonOptions *options;
  int code;
} DlcCanonContext;

/// Rewrites `op` through `rewriter` and succeeds, or fails without touching the IR.
typedef MlirLogicalResult (*DlcCanonMatchFn)(MlirOperation op, MlirPatternRewriter rewriter,
                                             const DlcCanonContext *cx);

/// One pattern: the op it is rooted at, its function and a code the function dispatches on.
typedef struct DlcCanonPattern {
  const char *root;
  DlcCanonMatchFn match;
  int code;
} DlcCanonPattern;

/* Pattern tables, each ending with a {NULL} entry. */
extern const DlcCanonPattern dlcConstantFoldPatterns[];
extern const DlcCanonPattern dlcSimplifyPatterns[];

/* ---- Rewrite helpers (Canonicalize.c) --------------------------------------------------- */

/// The op defining `value`, or a null op for a block argument.
MlirOperation dlcDefiningOp(MlirValue value);
/// True if `op` is non-null and named `name`.
bool dlcOpIsA(MlirOperation op, const char *name);
/// Reads a DenseI64ArrayAttr of at most DLC_MAX_ARRAY entries; false if absent or not one.
bool dlcReadI64Array(MlirOperation op, const char *name, DlcI64Array *out);
/// Reads an IntegerAttr; false if absent or not one.
bool dlcReadI64(MlirOperation op, const char *name, int64_t *out);
/// The shape of `value` if it is a ranked static tensor of a supported element type of rank
/// <= DLC_MAX_RANK; false otherwise (patterns then leave the op alone).
bool dlcValueShape(MlirValue value, DlcShape *out);

/// Replaces `op`'s only result by `value` if both have the same type, encodings included;
/// fails otherwise.
MlirLogicalResult dlcReplaceWithValue(MlirPatternRewriter rewriter, MlirOperation op,
                                      MlirValue value);
/// Creates op `name` before `op`, at its location, with one result of `op`'s result type,
/// and replaces `op` by it.
MlirLogicalResult dlcReplaceWithNewOp(MlirPatternRewriter rewriter, MlirOperation op,
                                      const char *name, intptr_t numOperands,
                                      const MlirValue *operands, intptr_t numAttributes,
                                      const MlirNamedAttribute *attributes);
/// Replaces `op` by a `dhlo.constant` holding `value` (whose type has `op`'s result shape
/// and element type without encoding).
MlirLogicalResult dlcReplaceWithConstant(MlirPatternRewriter rewriter, MlirOperation op,
                                         MlirAttribute value);

/* ---- Dense constants, element by element (Elements.c) ---------------------------------- */

typedef enum DlcElemKind { DlcElemBool, DlcElemSigned, DlcElemUnsigned, DlcElemFloat } DlcElemKind;

/// A supported element type as folding sees it. Integers have `width` bits; floats are
/// IEEE binary formats with `expBits` exponent and `manBits` stored mantissa bits.
typedef struct DlcElemType {
  DlcElemKind kind;
  unsigned width;         /* 1, 8, 16, 32, 64 */
  unsigned bytes;         /* per element in a folding buffer: i1 takes one byte */
  unsigned expBits, manBits;
} DlcElemType;

/// One element, widened: floats exactly as a double, signed integers sign-extended in
/// `i`, unsigned integers and i1 (0 or 1) zero-extended in `u`.
typedef union DlcScalar {
  double f;
  int64_t i;
  uint64_t u;
} DlcScalar;

/// Describes a supported element type; false for any other type.
bool dlcElemTypeOf(MlirType type, DlcElemType *out);
/// Element `index` of a buffer of `type` elements, widened.
DlcScalar dlcLoadElement(const DlcElemType *type, const void *data, int64_t index);
/// Stores `value` as element `index`: floats round to nearest even, integers wrap.
void dlcStoreElement(const DlcElemType *type, void *data, int64_t index, DlcScalar value);

/// A dhlo.constant's value as a buffer of elements: `count` is 1 for a splat, else the
/// number of elements. The data is borrowed from the attribute, except for i1 (unpacked).
typedef struct DlcConstant {
  DlcElemType type;
  DlcShape shape;
  int64_t count;
  const void *data;
  void *owned; /* freed by dlcConstantRelease */
} DlcConstant;

/// Reads `value` if a dhlo.constant of a supported type defines it; false otherwise.
bool dlcConstantRead(MlirValue value, DlcConstant *out);
void dlcConstantRelease(DlcConstant *constant);
/// A dense elements attribute of `shape` from `count` elements of `type` in `data`:
/// count 1 makes a splat, otherwise count is the number of elements.
MlirAttribute dlcConstantAttr(const DlcShape *shape, const DlcElemType *type, int64_t count,
                              const void *data);

/// True if `value` holds one value in every element: a dhlo.constant whose elements are
/// all equal, possibly through broadcast_in_dim and reshape. Sets `*type` and `*scalar`.
bool dlcUniformConstant(MlirValue value, DlcElemType *type, DlcScalar *scalar);

#endif
