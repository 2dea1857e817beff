/* Evaluator.h: the inside of the reference evaluator (dlc/Reference.h), shared by its files.
 * HostTensor.c owns tensors and index iteration; Scalar.c element formats and conversions;
 * Elementwise.c, Movement.c, Contraction.c, Reduction.c and Collectives.c one table of op
 * implementations each; Interpreter.c runs functions, dispatches ops and calls reducers.
 * Ownership: tensors are reference counted inside the evaluator; whoever holds a pointer
 * holds one reference, and a public DlcHostTensor is one such reference. */
#ifndef DLC_LIB_REFERENCE_EVALUATOR_H
#define DLC_LIB_REFERENCE_EVALUATOR_H

#include "Dialects/OpRules.h"
#include "dlc/Reference.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- Tensors (HostTensor.c) ------------------------------------------------------------ */

typedef struct RefTensor {
  DlcElementType type;
  intptr_t rank;
  int64_t dims[DLC_MAX_RANK];
  int64_t count; /* number of elements */
  unsigned refs;
  unsigned char *data;
} RefTensor;

static inline RefTensor *dlcRefUnwrap(DlcHostTensor t) { return (RefTensor *)t.ptr; }
static inline DlcHostTensor dlcRefWrap(RefTensor *t) { return (DlcHostTensor){t}; }

/// A zero-filled tensor with one reference; dims must be valid (>= 0, rank <= DLC_MAX_RANK).
RefTensor *dlcRefTensorNew(DlcElementType type, intptr_t rank, const int64_t *dims);
/// A zero-filled tensor of a static tensor type, or NULL if dlc does not support the type.
RefTensor *dlcRefTensorOfType(MlirType type);
RefTensor *dlcRefRetain(RefTensor *t);
void dlcRefRelease(RefTensor *t);
/// A new tensor (one reference) holding a copy of `t`.
RefTensor *dlcRefClone(const RefTensor *t);
/// Copies the elements of `from` into `to`, which has as many elements of the same type.
void dlcRefCopyData(RefTensor *to, const RefTensor *from);
/// True if `t` has the shape and element type of tensor type `type` (encoding ignored).
bool dlcRefHasType(const RefTensor *t, MlirType type);
/// Prints "tensor<2x3xf32>" into `buf`.
const char *dlcRefTypeStr(const RefTensor *t, char *buf, size_t size);

/// Row-major strides of `dims`.
void dlcRefStrides(const int64_t *dims, intptr_t rank, int64_t *strides);
/// Steps `index` to the next row-major index of `dims`; false after the last one (the index
/// is then all zeros again). Every loop over a shape goes through this.
bool dlcRefNextIndex(int64_t *index, const int64_t *dims, intptr_t rank);
/// Sum of index[i] * strides[i].
int64_t dlcRefOffset(const int64_t *index, const int64_t *strides, intptr_t rank);

/* ---- Elements (Scalar.c) --------------------------------------------------------------- */

/// How arithmetic treats an element type.
typedef enum RefClass { RefFloat, RefSigned, RefUnsigned, RefBool } RefClass;

/// One element, widened: floats exactly as a double, signed integers sign-extended in `i`,
/// unsigned integers and i1 (0 or 1) zero-extended in `u`. Stores keep the low bits, so
/// integer arithmetic done on the 64-bit values wraps as the narrow type would.
typedef union RefScalar {
  double f;
  int64_t i;
  uint64_t u;
} RefScalar;

RefClass dlcRefClassOf(DlcElementType type);
/// Bits of an element type (1 for i1).
unsigned dlcRefBitsOf(DlcElementType type);
/// Spelling of an element type ("bf16", "ui8").
const char *dlcRefTypeName(DlcElementType type);

RefScalar dlcRefLoad(const RefTensor *t, int64_t index);
/// Stores `value`: floats rounded to nearest even, integers truncated to their bits, i1
/// as value != 0.
void dlcRefStore(RefTensor *t, int64_t index, RefScalar value);
/// `value` as an element of `type` would hold it: what a store and a load give back.
RefScalar dlcRefRound(DlcElementType type, RefScalar value);
/// dhlo.convert of one element.
RefScalar dlcRefConvert(RefScalar value, DlcElementType from, DlcElementType to);
/// An integer element read as an index: ui64 values beyond INT64_MAX become INT64_MAX, which
/// every user clamps anyway.
int64_t dlcRefLoadIndex(const RefTensor *t, int64_t index);
/// Formats one element ("1.5", "-3", "true", "nan") into buf.
const char *dlcRefFormat(DlcElementType type, RefScalar value, char *buf, size_t size);

/* ---- Ops --------------------------------------------------------------------------------- */

typedef struct RefInterp RefInterp;

/// One op being evaluated: its operands and its results, which the interpreter has created
/// zero-filled from the result types before the op runs. The op's attributes are read
/// through `sig` with the OpRules readers (dlcSigI64Array, dlcSigWindow, ...), and errors
/// reported with dlcRuleError(&op->sig, ...).
typedef struct RefOp {
  RefInterp *interp;
  MlirOperation op;
  DlcOpSig sig;
  intptr_t numOperands;
  RefTensor **operands; /* borrowed */
  intptr_t numResults;
  RefTensor **results; /* borrowed; the op writes their elements */
} RefOp;

typedef MlirLogicalResult (*RefOpFn)(RefOp *op);

typedef struct RefOpImpl {
  const char *name;
  RefOpFn run;
} RefOpImpl;

/* Op tables, one per family, each ending with a {NULL} entry. */
extern const RefOpImpl dlcRefElementwiseOps[];
extern const RefOpImpl dlcRefMovementOps[];
extern const RefOpImpl dlcRefContractionOps[];
extern const RefOpImpl dlcRefReductionOps[];
extern const RefOpImpl dlcRefCollectiveOps[];

/// The code of a binary elementwise op (dhlo.add, ...), or -1: reducers whose body is one
/// such op apply it directly instead of interpreting the body per element.
int dlcRefBinaryCode(MlirStringRef opName);
/// Applies binary op `code` to two elements of `type`.
RefScalar dlcRefBinary(int code, DlcElementType type, RefScalar lhs, RefScalar rhs);

/* ---- Reducers and calls (Interpreter.c) ------------------------------------------------ */

/// A called computation of type (tensor<E>, tensor<E>) -> tensor<E>, applied to elements.
typedef struct RefReducer {
  RefOp *op;            /* the op that names it, for errors */
  MlirOperation func;
  DlcElementType type;
  int binaryCode;       /* >= 0: the body is this one binary op on (lhs, rhs) */
  RefTensor *args[2];   /* 0-d tensors the body is interpreted on otherwise */
} RefReducer;

/// Finds the reducer that symbol attribute `attrName` of `op` names, for elements of `type`.
MlirLogicalResult dlcRefReducerInit(RefReducer *r, RefOp *op, const char *attrName,
                                    DlcElementType type);
/// out = reducer(lhs, rhs).
MlirLogicalResult dlcRefReducerApply(RefReducer *r, RefScalar lhs, RefScalar rhs, RefScalar *out);
void dlcRefReducerFinish(RefReducer *r);

#endif
