/* dlc/Builder.h: the C API for frontend authors. One function per dhlo op: it infers the
 * result type with the same rules dlcVerify uses and reports a bad op as a located error
 * diagnostic on the context (see mlirContextAttachDiagnosticHandler) instead of building it.
 * A failed build returns a null value or op and leaves the block untouched.
 * Ownership: dlcBuilderCreate gives the caller a builder (dlcBuilderDestroy). The builder
 * owns nothing of the IR: every op it builds belongs to the block it was inserted in, and
 * functions belong to their module. Names and types passed in are borrowed for the call;
 * symbol names returned are owned by the context. */
#ifndef DLC_BUILDER_H
#define DLC_BUILDER_H

#include "dlc/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct DlcBuilder {
  void *ptr;
} DlcBuilder;

/* ---- The builder -------------------------------------------------------------------- */

/// Creates a builder for `ctx` (dhlo loaded, as dlcContextCreate leaves it; func gets
/// loaded here) with no insertion point and an unknown location.
DLC_API DlcBuilder dlcBuilderCreate(MlirContext ctx);

/// Destroys the builder; the IR it built stays where it was inserted.
DLC_API void dlcBuilderDestroy(DlcBuilder b);

/// True if the builder is null.
static inline bool dlcBuilderIsNull(DlcBuilder b) { return !b.ptr; }

/// The context the builder builds in.
DLC_API MlirContext dlcBuilderGetContext(DlcBuilder b);

/// Later ops go at the end of `block`, before its terminator if it already has one.
DLC_API void dlcBuilderSetInsertionPointToEnd(DlcBuilder b, MlirBlock block);

/// The block ops are inserted in (null until one is set).
DLC_API MlirBlock dlcBuilderGetInsertionBlock(DlcBuilder b);

/// Later ops get location `loc` (frontends pass their file:line:col); the default is unknown.
DLC_API void dlcBuilderSetLocation(DlcBuilder b, MlirLocation loc);

/// The location later ops get.
DLC_API MlirLocation dlcBuilderGetLocation(DlcBuilder b);

/// Builds op `name` with result types inferred by dlc's rule for it and inserts it. Stated
/// `resultTypes` (NULL, or null entries: none) are kept where they match the inferred ones.
/// Computes operandSegmentSizes/resultSegmentSizes itself. Null op on error.
DLC_API MlirOperation dlcBuilderBuildOp(DlcBuilder b, MlirStringRef name, intptr_t nOperands,
                                        const MlirValue *operands, intptr_t nAttributes,
                                        const MlirNamedAttribute *attributes, intptr_t nResults,
                                        const MlirType *resultTypes);

/* ---- Functions and modules ---------------------------------------------------------- */

/// Appends `func.func @name(argTypes) -> resultTypes` with an empty entry block to `module`.
/// Null op if the name is taken. The insertion point does not move.
DLC_API MlirOperation dlcBuildFunc(DlcBuilder b, MlirModule module, MlirStringRef name,
                                   bool isPrivate, intptr_t nArgs, const MlirType *argTypes,
                                   intptr_t nResults, const MlirType *resultTypes);

/// The entry block of a func.func (to pass to dlcBuilderSetInsertionPointToEnd).
DLC_API MlirBlock dlcFuncGetEntryBlock(MlirOperation func);

/// Argument `index` of a func.func's entry block.
DLC_API MlirValue dlcFuncGetArgument(MlirOperation func, intptr_t index);

/// Ends the insertion block with `func.return values`; checks them against the enclosing
/// function's result types. Null op on error.
DLC_API MlirOperation dlcBuildReturn(DlcBuilder b, intptr_t nValues, const MlirValue *values);

typedef enum DlcBinaryOpKind {
  DlcBinaryAdd,
  DlcBinarySubtract,
  DlcBinaryMultiply,
  DlcBinaryDivide,
  DlcBinaryRemainder,
  DlcBinaryMaximum,
  DlcBinaryMinimum,
  DlcBinaryPower,
  DlcBinaryAnd,
  DlcBinaryOr,
  DlcBinaryXor,
} DlcBinaryOpKind;

/// Returns the symbol name of the private scalar reducer `@<op>_<type>` (e.g. add_f32:
/// (tensor<f32>, tensor<f32>) -> tensor<f32>) in `module`, creating it on first use.
/// An empty name on error.
DLC_API MlirStringRef dlcBuildScalarReducer(DlcBuilder b, MlirModule module, MlirType elementType,
                                            DlcBinaryOpKind kind);

/* ---- Constants and elementwise ops -------------------------------------------------- */

/// dhlo.constant holding `value`, a dense elements attribute.
DLC_API MlirValue dlcBuildConstant(DlcBuilder b, MlirAttribute value);

/// A constant of tensor `type` with every element `v` (converted to its float or integer
/// element type).
DLC_API MlirValue dlcBuildConstantSplatF32(DlcBuilder b, MlirType type, float v);

/// A constant of tensor `type` (element type f32) from `n` row-major values; `n` must be
/// the number of elements.
DLC_API MlirValue dlcBuildConstantF32(DlcBuilder b, MlirType type, intptr_t n, const float *values);

/// dhlo.iota of `resultType` counting along `iotaDimension`.
DLC_API MlirValue dlcBuildIota(DlcBuilder b, MlirType resultType, int64_t iotaDimension);

typedef enum DlcUnaryOpKind {
  DlcUnaryNegate,
  DlcUnaryAbs,
  DlcUnaryExponential,
  DlcUnaryLog,
  DlcUnaryLogPlusOne,
  DlcUnaryTanh,
  DlcUnaryLogistic,
  DlcUnarySqrt,
  DlcUnaryRsqrt,
  DlcUnarySine,
  DlcUnaryCosine,
  DlcUnaryFloor,
  DlcUnaryCeil,
  DlcUnarySign,
  DlcUnaryNot,
} DlcUnaryOpKind;

/// The elementwise unary op `kind` applied to `x`.
DLC_API MlirValue dlcBuildUnary(DlcBuilder b, DlcUnaryOpKind kind, MlirValue x);

/// The elementwise binary op `kind`; operands must have the same type.
DLC_API MlirValue dlcBuildBinary(DlcBuilder b, DlcBinaryOpKind kind, MlirValue lhs, MlirValue rhs);

typedef enum DlcComparisonDirection {
  DlcCompareEQ,
  DlcCompareNE,
  DlcCompareGE,
  DlcCompareGT,
  DlcCompareLE,
  DlcCompareLT,
} DlcComparisonDirection;

/// dhlo.compare: an i1 tensor of `lhs <direction> rhs`.
DLC_API MlirValue dlcBuildCompare(DlcBuilder b, DlcComparisonDirection direction, MlirValue lhs,
                                  MlirValue rhs);

/// dhlo.select: `pred ? onTrue : onFalse` elementwise (`pred` may be a scalar tensor).
DLC_API MlirValue dlcBuildSelect(DlcBuilder b, MlirValue pred, MlirValue onTrue, MlirValue onFalse);

/// dhlo.clamp of `x` between `min` and `max` (each a scalar tensor or x's shape).
DLC_API MlirValue dlcBuildClamp(DlcBuilder b, MlirValue min, MlirValue x, MlirValue max);

/// dhlo.convert of `x` to `elementType`, keeping its shape.
DLC_API MlirValue dlcBuildConvert(DlcBuilder b, MlirValue x, MlirType elementType);

/* ---- Shape and data movement -------------------------------------------------------- */

/// dhlo.broadcast_in_dim of `x` to shape `resultShape`; operand dimension i becomes result
/// dimension broadcastDimensions[i].
DLC_API MlirValue dlcBuildBroadcastInDim(DlcBuilder b, MlirValue x, intptr_t resultRank,
                                         const int64_t *resultShape, intptr_t nDims,
                                         const int64_t *broadcastDimensions);

/// dhlo.reshape of `x` to `shape` (same number of elements).
DLC_API MlirValue dlcBuildReshape(DlcBuilder b, MlirValue x, intptr_t rank, const int64_t *shape);

/// dhlo.transpose: result dimension i is operand dimension permutation[i].
DLC_API MlirValue dlcBuildTranspose(DlcBuilder b, MlirValue x, intptr_t n,
                                    const int64_t *permutation);

/// dhlo.reverse of `x` along `dimensions`.
DLC_API MlirValue dlcBuildReverse(DlcBuilder b, MlirValue x, intptr_t n, const int64_t *dimensions);

/// dhlo.concatenate of `inputs` along `dimension`.
DLC_API MlirValue dlcBuildConcatenate(DlcBuilder b, intptr_t n, const MlirValue *inputs,
                                      int64_t dimension);

/// dhlo.slice [start, limit) with `strides` (NULL: all 1), each of x's rank.
DLC_API MlirValue dlcBuildSlice(DlcBuilder b, MlirValue x, intptr_t rank,
                                const int64_t *startIndices, const int64_t *limitIndices,
                                const int64_t *strides);

/// dhlo.dynamic_slice of `x` at run-time `startIndices` (scalar tensors, one per dimension)
/// of size `sliceSizes`.
DLC_API MlirValue dlcBuildDynamicSlice(DlcBuilder b, MlirValue x, intptr_t rank,
                                       const MlirValue *startIndices, const int64_t *sliceSizes);

/// dhlo.dynamic_update_slice: `x` with `update` written at run-time `startIndices`.
DLC_API MlirValue dlcBuildDynamicUpdateSlice(DlcBuilder b, MlirValue x, MlirValue update,
                                             intptr_t rank, const MlirValue *startIndices);

/// Gather's dimension numbers, as StableHLO names them.
typedef struct DlcGatherDimensionNumbers {
  intptr_t numOffsetDims;
  const int64_t *offsetDims;
  intptr_t numCollapsedSliceDims;
  const int64_t *collapsedSliceDims;
  intptr_t numBatchingDims; /* 0: none; else the same count on both sides */
  const int64_t *operandBatchingDims;
  const int64_t *startIndicesBatchingDims;
  intptr_t numStartIndexMap;
  const int64_t *startIndexMap;
  int64_t indexVectorDim;
  intptr_t numSliceSizes; /* the operand's rank */
  const int64_t *sliceSizes;
} DlcGatherDimensionNumbers;

/// dhlo.gather of slices of `operand` at `startIndices`.
DLC_API MlirValue dlcBuildGather(DlcBuilder b, MlirValue operand, MlirValue startIndices,
                                 const DlcGatherDimensionNumbers *dims);

/// dhlo.pad of `x` with scalar `paddingValue`; `interior` may be NULL (no interior padding).
DLC_API MlirValue dlcBuildPad(DlcBuilder b, MlirValue x, MlirValue paddingValue, intptr_t rank,
                              const int64_t *low, const int64_t *high, const int64_t *interior);

/// dtensor.relayout of `x` to `layout` (a #dtensor.layout of x's rank).
DLC_API MlirValue dlcBuildRelayout(DlcBuilder b, MlirValue x, MlirAttribute layout);

/* ---- Contractions ------------------------------------------------------------------- */

/// dot_general's dimension numbers.
typedef struct DlcDotDimensionNumbers {
  intptr_t numBatchingDims; /* the same count on both sides */
  const int64_t *lhsBatchingDims;
  const int64_t *rhsBatchingDims;
  intptr_t numContractingDims;
  const int64_t *lhsContractingDims;
  const int64_t *rhsContractingDims;
} DlcDotDimensionNumbers;

/// dhlo.dot_general: the result has the batch dims, then lhs's free dims, then rhs's.
/// `accumulationType` (may be null) is stated as `accumulation_type`; `resultElementType`
/// (null: the operands') may be f32 for bf16/f16 operands.
DLC_API MlirValue dlcBuildDotGeneral(DlcBuilder b, MlirValue lhs, MlirValue rhs,
                                     const DlcDotDimensionNumbers *dims, MlirType accumulationType,
                                     MlirType resultElementType);

/// A 2-D matrix product [m, k] x [k, n] -> [m, n].
DLC_API MlirValue dlcBuildMatmul(DlcBuilder b, MlirValue lhs, MlirValue rhs);

/// Convolution attributes, named as in StableHLO. The lists (NULL: the default) have one
/// entry per spatial dimension, padding two (low, high); group counts of 0 mean 1.
typedef struct DlcConvolutionConfig {
  MlirStringRef dimensionNumbers; /* XLA's compact form, e.g. "b01f_01io->b01f" (NHWC) */
  intptr_t numSpatialDims;
  const int64_t *windowStrides;
  const int64_t *padding;
  const int64_t *lhsDilation;
  const int64_t *rhsDilation;
  int64_t featureGroupCount;
  int64_t batchGroupCount;
  MlirType resultElementType; /* null: the operands'; f32 for bf16/f16 operands */
} DlcConvolutionConfig;

/// dhlo.convolution of input `lhs` with kernel `rhs`.
DLC_API MlirValue dlcBuildConvolution(DlcBuilder b, MlirValue lhs, MlirValue rhs,
                                      const DlcConvolutionConfig *config);

/* ---- Reductions and normalization --------------------------------------------------- */

/// dhlo.reduce of `x` over `dimensions` from `init` with the reducer function `reducer`.
DLC_API MlirValue dlcBuildReduce(DlcBuilder b, MlirValue x, MlirValue init, intptr_t nDims,
                                 const int64_t *dimensions, MlirStringRef reducer);

/// reduce_window attributes: lists of the operand's rank (NULL: the default), padding two
/// entries (low, high) per dimension.
typedef struct DlcReduceWindowConfig {
  intptr_t rank;
  const int64_t *windowDimensions; /* required */
  const int64_t *windowStrides;
  const int64_t *baseDilations;
  const int64_t *windowDilations;
  const int64_t *padding;
} DlcReduceWindowConfig;

/// dhlo.reduce_window of `x` from `init` with the reducer function `reducer`.
DLC_API MlirValue dlcBuildReduceWindow(DlcBuilder b, MlirValue x, MlirValue init,
                                       const DlcReduceWindowConfig *config, MlirStringRef reducer);

/// dhlo.batch_norm_inference of `x` along `featureIndex`; scale, offset, mean and variance
/// are 1-D of that dimension's size.
DLC_API MlirValue dlcBuildBatchNormInference(DlcBuilder b, MlirValue x, MlirValue scale,
                                             MlirValue offset, MlirValue mean, MlirValue variance,
                                             float epsilon, int64_t featureIndex);

/* ---- Calls and collectives ---------------------------------------------------------- */

/// dhlo.fusion of `kind` ("loop", "input", "output") calling the fused computation
/// `callee`; its results are the callee's. Null op on error.
DLC_API MlirOperation dlcBuildFusion(DlcBuilder b, MlirStringRef kind, MlirStringRef callee,
                                     intptr_t nInputs, const MlirValue *inputs);

/// dhlo.custom_call of `target` with stated result types. Null op on error.
DLC_API MlirOperation dlcBuildCustomCall(DlcBuilder b, MlirStringRef target, intptr_t nInputs,
                                         const MlirValue *inputs, intptr_t nResults,
                                         const MlirType *resultTypes);

/// dhlo.all_reduce of `x` with `reducer` over replica groups given as a row-major
/// [numGroups x groupSize] array of replica ids.
DLC_API MlirValue dlcBuildAllReduce(DlcBuilder b, MlirValue x, intptr_t numGroups,
                                    intptr_t groupSize, const int64_t *replicaGroups,
                                    MlirStringRef reducer);

/// dhlo.all_gather of `x` along `allGatherDim` over replica groups (as for all_reduce).
DLC_API MlirValue dlcBuildAllGather(DlcBuilder b, MlirValue x, int64_t allGatherDim,
                                    intptr_t numGroups, intptr_t groupSize,
                                    const int64_t *replicaGroups);

#ifdef __cplusplus
}
#endif

#endif
