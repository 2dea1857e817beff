/* OpRules.h: the semantic rules of dhlo and dtensor ops, shared by the verifier and the
 * C API builder. A rule sees an op as a signature (operand types, attributes, stated
 * result types) rather than as an MlirOperation, so the builder can infer result types
 * before an op exists and the verifier can check one that does, with the same code.
 * Nothing here allocates; every array is caller-owned and fixed-size. */
#ifndef DLC_LIB_DIALECTS_OPRULES_H
#define DLC_LIB_DIALECTS_OPRULES_H

#include "dlc/Dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/// Longest integer-array attribute a rule reads (padding lists are 2 x rank).
#define DLC_MAX_ARRAY 64

/// An op as its rule sees it.
typedef struct DlcOpSig {
  MlirContext ctx;
  MlirLocation loc;
  const char *name;                   /* "dhlo.add", NUL-terminated */
  intptr_t numOperands;
  const MlirType *operandTypes;
  intptr_t numAttributes;
  const MlirNamedAttribute *attributes;
  intptr_t numResults;
  const MlirType *givenResultTypes;   /* stated result types; NULL or null entries: none */
  MlirType *resultTypes;              /* out: the rule sets every result's type */
  MlirSymbolTable symbols;            /* where called computations live; null: skip them */
} DlcOpSig;

typedef MlirLogicalResult (*DlcOpRuleFn)(DlcOpSig *sig);

/// Op traits the transforms rely on.
enum {
  DLC_TRAIT_ELEMENTWISE = 1u << 0,  /* result[i] depends on operands[i] only */
  DLC_TRAIT_SIDE_EFFECTS = 1u << 1, /* never erased, merged or reordered */
  DLC_TRAIT_CALLS = 1u << 2,        /* names a called computation */
};

typedef struct DlcOpRule {
  const char *name;  /* full op name */
  DlcOpRuleFn infer;
  unsigned traits;
} DlcOpRule;

/* Rule tables, one per family, each ending with a {NULL} entry. */
extern const DlcOpRule dlcElementwiseRules[];
extern const DlcOpRule dlcMovementRules[];
extern const DlcOpRule dlcContractionRules[];
extern const DlcOpRule dlcReductionRules[];
extern const DlcOpRule dlcCallRules[];

/// The rule of a dhlo/dtensor op, or NULL if dlc knows no such op.
const DlcOpRule *dlcLookupOpRule(MlirStringRef name);

/// Runs the generic checks (ranked static tensors of supported element types, valid
/// layout encodings) and then the op's rule. On success every resultTypes[i] is set.
MlirLogicalResult dlcInferOp(DlcOpSig *sig);

/* ---- Diagnostics ------------------------------------------------------------------ */

/// Emits "'<op>' op <message>" at the op's location; always returns failure.
MlirLogicalResult dlcRuleError(const DlcOpSig *sig, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/// Prints a type or attribute into `buf` (truncating); returns buf.
const char *dlcTypeStr(MlirType type, char *buf, size_t size);
const char *dlcAttrStr(MlirAttribute attr, char *buf, size_t size);

/* ---- Shapes ------------------------------------------------------------------------ */

typedef struct DlcShape {
  intptr_t rank;
  int64_t dims[DLC_MAX_RANK];
  MlirType element;
} DlcShape;

/// Shape of a ranked static tensor type (checked by dlcInferOp before any rule runs).
DlcShape dlcShapeOf(MlirType tensorType);
DlcShape dlcOperandShape(const DlcOpSig *sig, intptr_t index);
/// Builds a tensor type with no encoding.
MlirType dlcShapeType(const DlcShape *shape);
int64_t dlcShapeNumElements(const DlcShape *shape);
bool dlcShapeDimsEqual(const DlcShape *a, const DlcShape *b);
/// Formats dims as "4x8" into buf.
const char *dlcDimsStr(const int64_t *dims, intptr_t rank, char *buf, size_t size);

/// The stated type of result `index`; emits "result type must be given" if there is none.
MlirLogicalResult dlcGivenResultShape(const DlcOpSig *sig, intptr_t index, DlcShape *out);

/// Element-type predicates.
bool dlcIsFloatType(MlirType t);
bool dlcIsIntegerType(MlirType t);      /* 8..64 bits, signless or unsigned, and i1 (not ui1) */
bool dlcIsBoolType(MlirType t);         /* i1 */
bool dlcIsSupportedElementType(MlirType t);

/* ---- Attributes -------------------------------------------------------------------- */

typedef struct DlcI64Array {
  bool present;
  intptr_t size;
  int64_t data[DLC_MAX_ARRAY];
} DlcI64Array;

/// The attribute named `name`, or a null attribute.
MlirAttribute dlcSigAttr(const DlcOpSig *sig, const char *name);
/// Reads a DenseI64ArrayAttr. Missing and required, wrong kind, or too long: error.
MlirLogicalResult dlcSigI64Array(const DlcOpSig *sig, const char *name, bool required,
                                 DlcI64Array *out);
/// Reads an IntegerAttr; `*out` keeps its value when the attribute is absent and optional.
MlirLogicalResult dlcSigI64(const DlcOpSig *sig, const char *name, bool required, int64_t *out);
/// Reads a StringAttr (borrowed from the context).
MlirLogicalResult dlcSigString(const DlcOpSig *sig, const char *name, bool required,
                               MlirStringRef *out);
/// True if the string attribute equals `s`.
bool dlcStrEq(MlirStringRef a, const char *s);

/// Checks that `dims` holds distinct values in [0, rank); `what` names the attribute.
MlirLogicalResult dlcCheckDimList(const DlcOpSig *sig, const char *what, const int64_t *dims,
                                  intptr_t n, intptr_t rank);
/// Reads an array<i64> attribute of exactly `count` entries, each >= `min`, into `out`;
/// an absent optional attribute fills `out` with `fallback`.
MlirLogicalResult dlcSigI64ArrayN(const DlcOpSig *sig, const char *name, bool required,
                                  intptr_t count, int64_t min, int64_t fallback, int64_t *out);

/// Equal shape and element type; encodings (layouts) ignored. Types that are not ranked
/// tensors compare exactly.
bool dlcSameLogicalType(MlirType a, MlirType b);

/* ---- Windows (convolution, reduce_window) ------------------------------------------ */

/// A sliding window over `rank` dimensions, as convolution and reduce_window describe it.
typedef struct DlcWindow {
  intptr_t rank;
  int64_t size[DLC_MAX_RANK]; /* extent of the window before dilation */
  int64_t stride[DLC_MAX_RANK];
  int64_t padLow[DLC_MAX_RANK], padHigh[DLC_MAX_RANK];
  int64_t baseDilation[DLC_MAX_RANK];   /* of the input: lhs_dilation, base_dilations */
  int64_t windowDilation[DLC_MAX_RANK]; /* of the window: rhs_dilation, window_dilations */
} DlcWindow;

/// Names of a window's optional attributes, which differ between the ops that have one.
typedef struct DlcWindowAttrNames {
  const char *strides, *padding, *baseDilation, *windowDilation;
} DlcWindowAttrNames;

/// Reads and checks the optional attributes of a window whose rank is set: strides and
/// dilations (rank entries, >= 1, default 1), padding (lo0, hi0, lo1, hi1, ...; default 0).
MlirLogicalResult dlcSigWindow(const DlcOpSig *sig, const DlcWindowAttrNames *names,
                               DlcWindow *window);
/// The number of window positions along each of `window->rank` input dimensions, after
/// StableHLO: dilated and padded input, dilated window, strides. Fails on an empty window
/// (as XLA does) and where padding leaves an input dimension with negative size.
MlirLogicalResult dlcWindowOutputDims(const DlcOpSig *sig, const DlcWindow *window,
                                      const int64_t *inputDims, int64_t *out);

/* ---- Called computations ----------------------------------------------------------- */

/// Looks up the func.func named by symbol attribute `attrName`. Returns a null op with
/// no error if the signature has no symbol table; emits an error if it is missing or not a
/// func.func.
MlirLogicalResult dlcSigCallee(const DlcOpSig *sig, const char *attrName, MlirOperation *out);
/// The FunctionType of a func.func.
MlirType dlcFuncType(MlirOperation func);
/// Checks that symbol attribute `attrName` names a reducer for `element`: a func.func of
/// type (tensor<E>, tensor<E>) -> tensor<E>. Without a symbol table only the attribute is
/// checked.
MlirLogicalResult dlcCheckReducer(const DlcOpSig *sig, const char *attrName, MlirType element);

#endif
