/* Lowering.h: the inside of `convert-dhlo-to-linalg`, shared by its files. DhloToLinalg.c
 * owns the pass (pattern set, greedy driver, legality walk); each *ToLinalg.c contributes a
 * table of lowerings, one per dhlo op; ScalarSemantics.c says what every elementwise op
 * computes on one element (used for linalg bodies and for inlined reducers); Build.c holds
 * the helpers every lowering builds upstream ops with; Signless.c retypes the result.
 *
 * Upstream arith rejects unsigned integer types (ui32), which dhlo uses to carry signedness.
 * Lowerings therefore build on signless types: dlcLowerOperand casts a dhlo operand to its
 * signless type (an unrealized_conversion_cast, only where the types differ), semantics
 * read the signedness from the dhlo op's own types, and dlcLowerReplace casts a result back
 * to the dhlo type its users expect. Once no dhlo op is left, Signless.c makes every type in
 * the module signless and the casts become identities, which it erases. */
#ifndef DLC_LIB_CONVERSION_LOWERING_H
#define DLC_LIB_CONVERSION_LOWERING_H

#include "Dialects/OpRules.h"

#include "mlir-c/AffineMap.h"
#include "mlir-c/Rewrite.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- Building ops -------------------------------------------------------------------------- */

/// Where new ops go: before the op being lowered (through the rewriter, so the greedy driver
/// sees them), or at the end of `block` when it is non-null (a body under construction).
typedef struct DlcBuilder {
  MlirContext ctx;
  MlirLocation loc;
  MlirRewriterBase rewriter;
  MlirBlock block;
} DlcBuilder;

/// Inserts detached op `op` where `b` builds; returns it.
MlirOperation dlcInsert(DlcBuilder *b, MlirOperation op);
/// Creates op `name` with one result of type `result`, the given operands and attributes,
/// where `b` builds; returns the result.
MlirValue dlcBuild(DlcBuilder *b, const char *name, MlirType result, intptr_t numOperands,
                   const MlirValue *operands, intptr_t numAttributes,
                   const MlirNamedAttribute *attributes);
MlirNamedAttribute dlcNamed(MlirContext ctx, const char *name, MlirAttribute attr);

/// Creates op `name` with `numResults` results of the given types, the operands and
/// attributes, and `numRegions` regions: the first holds one block of `numArgs` arguments
/// of types `argTypes` when numArgs >= 0 (returned in `*block`), the others are empty.
MlirOperation dlcBuildRegionOp(DlcBuilder *b, const char *name, intptr_t numResults,
                               const MlirType *results, intptr_t numOperands,
                               const MlirValue *operands, intptr_t numAttributes,
                               const MlirNamedAttribute *attributes, intptr_t numRegions,
                               intptr_t numArgs, const MlirType *argTypes, MlirBlock *block);

/// Builds `scf.for %i = from to to step step` (with one iter_arg `init` unless it is null)
/// whose body ends in an scf.yield without operands (`*yield`, for the caller to complete);
/// `b` then builds before that yield. Returns the scf.for.
MlirOperation dlcBuildStridedFor(DlcBuilder *b, MlirValue from, int64_t to, int64_t step,
                                 MlirValue init, MlirOperation *yield);

/* Scalar arith/math ops; binary ops take their result type from `lhs`. */
MlirValue dlcUnary(DlcBuilder *b, const char *name, MlirValue x);
MlirValue dlcBinary(DlcBuilder *b, const char *name, MlirValue lhs, MlirValue rhs);
MlirValue dlcCast(DlcBuilder *b, const char *name, MlirValue x, MlirType to);
MlirValue dlcSelect(DlcBuilder *b, MlirValue cond, MlirValue onTrue, MlirValue onFalse);

/// arith.cmpi / arith.cmpf predicates, numbered as MLIR's enums.
typedef enum DlcCmpI {
  DlcCmpIEq, DlcCmpINe, DlcCmpISlt, DlcCmpISle, DlcCmpISgt, DlcCmpISge,
  DlcCmpIUlt, DlcCmpIUle, DlcCmpIUgt, DlcCmpIUge
} DlcCmpI;
typedef enum DlcCmpF {
  DlcCmpFFalse, DlcCmpFOeq, DlcCmpFOgt, DlcCmpFOge, DlcCmpFOlt, DlcCmpFOle, DlcCmpFOne,
  DlcCmpFOrd, DlcCmpFUeq, DlcCmpFUgt, DlcCmpFUge, DlcCmpFUlt, DlcCmpFUle, DlcCmpFUne,
  DlcCmpFUno, DlcCmpFTrue
} DlcCmpF;
MlirValue dlcCmpI(DlcBuilder *b, DlcCmpI predicate, MlirValue lhs, MlirValue rhs);
MlirValue dlcCmpF(DlcBuilder *b, DlcCmpF predicate, MlirValue lhs, MlirValue rhs);

/// arith.constant of an integer (or index) type; `value` is sign-extended to 64 bits.
MlirValue dlcConstInt(DlcBuilder *b, MlirType type, int64_t value);
MlirValue dlcConstFloat(DlcBuilder *b, MlirType type, double value);
MlirValue dlcConstIndex(DlcBuilder *b, int64_t value);

/* ---- Tensors ------------------------------------------------------------------------------- */

/// A tensor type of `rank` static dims, no encoding.
MlirType dlcTensorType(intptr_t rank, const int64_t *dims, MlirType element);
/// `type` with unsigned integers made signless: a scalar, or a tensor (encoding dropped).
MlirType dlcSignlessType(MlirType type);
/// tensor.empty of a static tensor type.
MlirValue dlcEmpty(DlcBuilder *b, MlirType tensorType);
/// linalg.fill of `init` with `scalar`.
MlirValue dlcFill(DlcBuilder *b, MlirValue scalar, MlirValue init);
/// The element of a 0-d tensor (tensor.extract).
MlirValue dlcExtractScalar(DlcBuilder *b, MlirValue tensor0d);
/// tensor.extract_slice / tensor.insert_slice; offsets[i] is used where dynOffsets is null
/// or dynOffsets[i] is a null value.
MlirValue dlcExtractSlice(DlcBuilder *b, MlirValue source, const int64_t *offsets,
                          const MlirValue *dynOffsets, const int64_t *sizes,
                          const int64_t *strides);
MlirValue dlcInsertSlice(DlcBuilder *b, MlirValue source, MlirValue dest, const int64_t *offsets,
                         const MlirValue *dynOffsets, const int64_t *strides);

/// dhlo.pad's semantics on a signless tensor: `padValue` (a scalar) at the edges (`low`
/// per dim, may be negative; the high side follows from `resultType`) and `interior`
/// values between neighbouring elements.
MlirValue dlcPad(DlcBuilder *b, MlirValue source, MlirValue padValue, const int64_t *low,
                 const int64_t *interior, MlirType resultType);
/// A run-time start index: integer scalar `x` (unsigned if `isUnsigned`) clamped to
/// [0, hi] and made an index, as dynamic_slice and gather clamp their start indices.
MlirValue dlcClampedIndex(DlcBuilder *b, MlirValue x, bool isUnsigned, int64_t hi);

/* ---- linalg -------------------------------------------------------------------------------- */

/// Builds a body: gets the block arguments (inputs then outputs) and returns the value to
/// yield, or a null value to give up (the caller then fails without erasing anything).
typedef MlirValue (*DlcBodyFn)(DlcBuilder *body, const MlirValue *args, void *userData);

/// A linalg.generic with one output.
typedef struct DlcGenericSpec {
  intptr_t numLoops;
  const bool *reduction;     /* per loop; NULL: all parallel */
  intptr_t numInputs;
  const MlirValue *inputs;
  const MlirAffineMap *maps; /* numInputs + 1, the output's last */
  MlirValue init;
} DlcGenericSpec;

/// Builds the linalg.generic and its body; a null value if `body` gave up (the op is then
/// not created).
MlirValue dlcBuildGeneric(DlcBuilder *b, const DlcGenericSpec *spec, DlcBodyFn body,
                          void *userData);
/// Builds op `name` (linalg.generic, linalg.reduce) on `operands`, whose last is the init
/// and gives the result type, with one body block whose arguments are the operands'
/// element types; a null value if `body` gave up.
MlirValue dlcBuildWithBody(DlcBuilder *b, const char *name, intptr_t numOperands,
                           const MlirValue *operands, intptr_t numAttributes,
                           const MlirNamedAttribute *attributes, DlcBodyFn body, void *userData);
/// A map from `numLoops` loops to loops first .. first + count - 1, in order: the identity
/// (0, numLoops), a result's loops (0, rank), window loops, or none (a 0-d operand).
MlirAffineMap dlcLoopRange(MlirContext ctx, intptr_t numLoops, intptr_t first, intptr_t count);
/// linalg.index of `loop`, inside a linalg body.
MlirValue dlcLoopIndex(DlcBuilder *b, int64_t loop);
/// A linalg.generic with no inputs that writes each element of a new tensor of
/// `resultType` from its indices (dlcLoopIndex): iota, gather.
MlirValue dlcBuildFromIndices(DlcBuilder *b, MlirType resultType, DlcBodyFn body,
                              void *userData);
/// A map from `numLoops` loops to one result per entry of `loops`: loop d for an entry
/// d >= 0, the constant 0 for DLC_MAP_ZERO.
#define DLC_MAP_ZERO (-1)
MlirAffineMap dlcLoopMap(MlirContext ctx, intptr_t numLoops, intptr_t numResults,
                         const int64_t *loops);
/// A linalg.generic that copies `input`, read through `inputMap` (from the result's loops),
/// into a new tensor of type `resultType`: broadcasts, transposes, reversals.
MlirValue dlcBuildMapCopy(DlcBuilder *b, MlirValue input, MlirAffineMap inputMap,
                          MlirType resultType);
/// A named linalg op whose body MLIR builds (matmul, batch_matmul, conv_*): `inputs` then
/// `init`, extra attributes (strides, dilations) as given.
MlirValue dlcBuildNamed(DlcBuilder *b, const char *name, intptr_t numInputs,
                        const MlirValue *inputs, MlirValue init, intptr_t numAttributes,
                        const MlirNamedAttribute *attributes);

/* ---- Lowerings ----------------------------------------------------------------------------- */

typedef struct DlcLowerState DlcLowerState; /* the pass run's, see DhloToLinalg.c */

/// What a lowering sees: the dhlo op, a builder placed before it, the pass run's state.
typedef struct DlcLowering {
  MlirOperation op;
  DlcBuilder b;
  DlcLowerState *state;
} DlcLowering;

/// Replaces lw->op by upstream ops and succeeds, or fails having built nothing (after
/// dlcLowerFail says why).
typedef MlirLogicalResult (*DlcLowerFn)(DlcLowering *lw, int code);

/// One lowering: the dhlo op it is rooted at, its function and a code it dispatches on.
typedef struct DlcLoweringPattern {
  const char *root;
  DlcLowerFn lower;
  int code;
} DlcLoweringPattern;

/// The lowering of every op with scalar semantics: one linalg.generic (ElementwiseToLinalg.c).
MlirLogicalResult dlcLowerElementwise(DlcLowering *lw, int code);

/// The lowering of dhlo.gather (GatherToLinalg.c), in the movement table.
MlirLogicalResult dlcLowerGather(DlcLowering *lw, int code);

/* Lowering tables, each ending with a {NULL} entry. */
extern const DlcLoweringPattern dlcElementwiseLowerings[];
extern const DlcLoweringPattern dlcMovementLowerings[];
extern const DlcLoweringPattern dlcContractionLowerings[];
extern const DlcLoweringPattern dlcReductionLowerings[];
extern const DlcLoweringPattern dlcCallLowerings[];

/// Records why lw->op cannot be lowered (quoted by the legality error); returns failure.
MlirLogicalResult dlcLowerFail(DlcLowering *lw, const char *reason);
/// Operand `index` of lw->op as a signless tensor.
MlirValue dlcLowerOperand(DlcLowering *lw, intptr_t index);
/// The shape of operand `index` / result 0 of lw->op (dhlo types: static, checked).
DlcShape dlcLowerOperandShape(DlcLowering *lw, intptr_t index);
DlcShape dlcLowerResultShape(DlcLowering *lw);
/// The signless type of lw->op's result 0.
MlirType dlcLowerResultType(DlcLowering *lw);
/// Replaces lw->op's only result by `value` (cast back to the dhlo type if that differs).
MlirLogicalResult dlcLowerReplace(DlcLowering *lw, MlirValue value);
/// The func.func that symbol attribute `attr` of lw->op names, or a null op.
MlirOperation dlcLowerCallee(DlcLowering *lw, const char *attr);
/// Reads integer attribute `name` of lw->op, keeping `*out` when it is absent.
void dlcLowerI64(DlcLowering *lw, const char *name, int64_t *out);
/// Reads array<i64> attribute `name` of lw->op into `out` (DLC_MAX_ARRAY entries), filling
/// `count` entries with `fallback` when it is absent; returns its length (count if absent).
intptr_t dlcLowerI64Array(DlcLowering *lw, const char *name, intptr_t count, int64_t fallback,
                          int64_t *out);

/* ---- Scalar semantics (ScalarSemantics.c) -------------------------------------------------- */

/// True if `op` is an elementwise dhlo op whose semantics ScalarSemantics.c covers for its
/// element types.
bool dlcCanEmitScalar(MlirOperation op);
/// Number and names of the ops with scalar semantics (the elementwise pattern roots).
intptr_t dlcNumScalarOps(void);
const char *dlcScalarOpName(intptr_t index);
/// Emits, where `b` builds, what elementwise dhlo op `op` computes on one element of each
/// operand: `args` are signless scalars; signedness and attributes come from `op`. Returns
/// a null value where dlcCanEmitScalar is false.
MlirValue dlcEmitScalar(DlcBuilder *b, MlirOperation op, const MlirValue *args);

/* ---- Called computations and the final retyping -------------------------------------------- */

/// True if `callee` is a func.func of one block whose ops dlcInlineComputation can turn into
/// scalar ops (a reducer: elementwise ops, 0-d constants and reshapes, func.return).
bool dlcIsScalarComputation(MlirOperation callee);
/// Clones the body of `callee` (a func.func whose body is one block of dhlo ops ending in
/// func.return) where `b` builds, with its arguments bound to `args`; writes the returned
/// values to `results` (capacity `maxResults`). Ops of a reducer body are turned into scalar
/// ops when `scalar` is set (args and results are then scalars). False, with nothing built,
/// if the body is not one block ending in func.return of at most `maxResults` values, or
/// (scalar) not dlcIsScalarComputation.
bool dlcInlineComputation(DlcBuilder *b, MlirOperation callee, bool scalar,
                          const MlirValue *args, MlirValue *results, intptr_t maxResults);

/// The id of the dhlo.fusion that `op` was lowered from (the `dlc.fusion` entry of its
/// fused location's metadata, see CallsToLinalg.c), or a null attribute.
MlirAttribute dlcFusionOf(MlirOperation op);

/// Makes every unsigned integer type in `root` signless (block arguments, op results,
/// function types) and erases the unrealized casts that then cast a type to itself.
void dlcMakeSignless(MlirOperation root);

#endif
