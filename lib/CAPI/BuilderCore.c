/* BuilderCore.c: the builder handle, its insertion point and location, and the generic
 * build every typed builder ends in. An op is created with placeholder result types,
 * checked against its IRDL definition (arity, attribute kinds) so that its rule only ever
 * sees a well-formed signature, given its result types by the rule (OpRules.h), and only
 * then inserted: a failed build leaves nothing behind. */
#include "BuilderInternal.h"
#include "Support/Alloc.h"

#include "mlir-c/Dialect/Func.h"

#include <stdlib.h>

DlcBuilder dlcBuilderCreate(MlirContext ctx) {
  /* Ops are created from an OperationState, which does not load their dialect as the
   * parser does; the builder makes func.func and func.return. */
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__func__(), ctx);
  Builder *b = dlcAlloc(sizeof *b);
  *b = (Builder){.ctx = ctx, .block = {NULL}, .loc = mlirLocationUnknownGet(ctx)};
  return (DlcBuilder){b};
}

void dlcBuilderDestroy(DlcBuilder b) { free(b.ptr); }

MlirContext dlcBuilderGetContext(DlcBuilder b) { return unwrap(b)->ctx; }

void dlcBuilderSetInsertionPointToEnd(DlcBuilder b, MlirBlock block) { unwrap(b)->block = block; }

MlirBlock dlcBuilderGetInsertionBlock(DlcBuilder b) { return unwrap(b)->block; }

void dlcBuilderSetLocation(DlcBuilder b, MlirLocation loc) { unwrap(b)->loc = loc; }

MlirLocation dlcBuilderGetLocation(DlcBuilder b) { return unwrap(b)->loc; }

void dlcBuilderInsert(DlcBuilder b, MlirOperation op) {
  MlirBlock block = unwrap(b)->block;
  MlirOperation terminator = mlirBlockGetTerminator(block);
  if (mlirOperationIsNull(terminator))
    mlirBlockAppendOwnedOperation(block, op);
  else
    mlirBlockInsertOwnedOperationBefore(block, terminator, op);
}

MlirOperation dlcBuilderEnclosingModule(DlcBuilder b) {
  MlirBlock block = unwrap(b)->block;
  MlirOperation op =
      mlirBlockIsNull(block) ? (MlirOperation){NULL} : mlirBlockGetParentOperation(block);
  for (; !mlirOperationIsNull(op); op = mlirOperationGetParentOperation(op))
    if (dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), "builtin.module"))
      return op;
  return op;
}

MlirLogicalResult dlcBuilderCheckOperands(DlcBuilder b, const char *opName, intptr_t n,
                                          const MlirValue *operands) {
  if (mlirBlockIsNull(unwrap(b)->block))
    return dlcBuilderError(b, opName, "has nowhere to go: the builder has no insertion point");
  for (intptr_t i = 0; i < n; ++i)
    if (mlirValueIsNull(operands[i]))
      return dlcBuilderError(b, opName, "operand #%lld is a null value (did building it fail?)",
                             (long long)i);
  return mlirLogicalResultSuccess();
}

MlirOperation dlcLookupSymbol(MlirOperation tableOp, MlirStringRef name) {
  MlirSymbolTable symbols = mlirSymbolTableCreate(tableOp);
  MlirOperation op = mlirSymbolTableLookup(symbols, name);
  mlirSymbolTableDestroy(symbols);
  return op;
}

/* ---- Variadic groups ------------------------------------------------------------------ */

/* IRDL unifies the types of all values of one variadic group, so ops whose variadic values
 * may differ in type spread them over several groups (see dhlo.irdl.mlir). These are the
 * ops with more than one group; 0 result groups means one plain result. */
#define MAX_GROUPS 16
static const struct {
  const char *name;
  int32_t operandGroups, resultGroups;
} groupedOps[] = {
    {"dhlo.concatenate", 8, 0},
    {"dhlo.fusion", 16, 4},
    {"dhlo.custom_call", 8, 4},
};

static const char operandSegments[] = "operandSegmentSizes";
static const char resultSegments[] = "resultSegmentSizes";

/* Consecutive values of equal type share a group, which keeps the values in order. */
static MlirLogicalResult segmentSizes(const DlcOpSig *sig, const char *what, const MlirType *types,
                                      intptr_t n, int32_t groups, MlirAttribute *out) {
  int32_t sizes[MAX_GROUPS] = {0};
  intptr_t runs = 0;
  for (intptr_t i = 0; i < n; ++i) {
    if (i == 0 || !mlirTypeEqual(types[i], types[i - 1]))
      ++runs;
    if (runs <= groups)
      ++sizes[runs - 1];
  }
  if (runs > groups)
    return dlcRuleError(sig, "%s form %lld runs of distinct types; at most %d are supported", what,
                        (long long)runs, groups);
  *out = mlirDenseI32ArrayGet(sig->ctx, groups, sizes);
  return mlirLogicalResultSuccess();
}

static int groupedOpIndex(const char *name) {
  for (size_t i = 0; i < sizeof groupedOps / sizeof groupedOps[0]; ++i)
    if (dlcStrEq(mlirStringRefCreateFromCString(name), groupedOps[i].name))
      return (int)i;
  return -1;
}

/* ---- The generic build ---------------------------------------------------------------- */

static bool isSegmentAttr(MlirNamedAttribute attr) {
  MlirStringRef name = mlirIdentifierStr(attr.name);
  return dlcStrEq(name, operandSegments) || dlcStrEq(name, resultSegments);
}

static bool namesSymbol(const DlcOpSig *sig) {
  for (intptr_t i = 0; i < sig->numAttributes; ++i)
    if (mlirAttributeIsASymbolRef(sig->attributes[i].attribute))
      return true;
  return false;
}

/* A stated result type is kept where it agrees with the inferred one in shape and element
 * type: it may carry a layout encoding, which no rule infers. */
static MlirLogicalResult keepStatedTypes(DlcOpSig *sig) {
  for (intptr_t i = 0; sig->givenResultTypes && i < sig->numResults; ++i) {
    MlirType stated = sig->givenResultTypes[i];
    if (mlirTypeIsNull(stated))
      continue;
    if (!dlcSameLogicalType(stated, sig->resultTypes[i])) {
      char a[256], b[256];
      return dlcRuleError(sig, "result #%lld is stated as %s, but the operands imply %s",
                          (long long)i, dlcTypeStr(stated, a, sizeof a),
                          dlcTypeStr(sig->resultTypes[i], b, sizeof b));
    }
    sig->resultTypes[i] = stated;
  }
  return mlirLogicalResultSuccess();
}

/* Creates the op detached, with every result typed tensor<f32> for now, and verifies it
 * against its IRDL definition. */
static MlirOperation createChecked(const DlcOpSig *sig, const MlirValue *operands, int grouped) {
  MlirType placeholder =
      mlirRankedTensorTypeGet(0, NULL, mlirF32TypeGet(sig->ctx), mlirAttributeGetNull());
  MlirAttribute operandSizes = {NULL};
  if (grouped >= 0 &&
      mlirLogicalResultIsFailure(segmentSizes(sig, "operands", sig->operandTypes, sig->numOperands,
                                              groupedOps[grouped].operandGroups, &operandSizes)))
    return (MlirOperation){NULL};
  MlirOperationState state =
      mlirOperationStateGet(mlirStringRefCreateFromCString(sig->name), sig->loc);
  mlirOperationStateAddOperands(&state, sig->numOperands, operands);
  for (intptr_t i = 0; i < sig->numResults; ++i)
    mlirOperationStateAddResults(&state, 1, &placeholder);
  mlirOperationStateAddAttributes(&state, sig->numAttributes, sig->attributes);
  MlirOperation op = mlirOperationCreate(&state);
  if (grouped >= 0) {
    mlirOperationSetDiscardableAttributeByName(op, dlcStr(operandSegments), operandSizes);
    int32_t allInFirst[MAX_GROUPS] = {(int32_t)sig->numResults};
    if (groupedOps[grouped].resultGroups)
      mlirOperationSetDiscardableAttributeByName(
          op, dlcStr(resultSegments),
          mlirDenseI32ArrayGet(sig->ctx, groupedOps[grouped].resultGroups, allInFirst));
  }
  if (!mlirOperationVerify(op)) {
    mlirOperationDestroy(op);
    return (MlirOperation){NULL};
  }
  return op;
}

/* Infers and sets the result types of `op` (and its result groups). */
static MlirLogicalResult typeResults(DlcBuilder b, DlcOpSig *sig, MlirOperation op, int grouped) {
  MlirOperation module = namesSymbol(sig) ? dlcBuilderEnclosingModule(b) : (MlirOperation){NULL};
  sig->symbols =
      mlirOperationIsNull(module) ? (MlirSymbolTable){NULL} : mlirSymbolTableCreate(module);
  MlirAttribute resultSizes = {NULL};
  bool ok =
      mlirLogicalResultIsSuccess(dlcInferOp(sig)) &&
      mlirLogicalResultIsSuccess(keepStatedTypes(sig)) &&
      (grouped < 0 || !groupedOps[grouped].resultGroups ||
       mlirLogicalResultIsSuccess(segmentSizes(sig, "results", sig->resultTypes, sig->numResults,
                                               groupedOps[grouped].resultGroups, &resultSizes)));
  if (!mlirSymbolTableIsNull(sig->symbols))
    mlirSymbolTableDestroy(sig->symbols);
  if (!ok)
    return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < sig->numResults; ++i)
    mlirValueSetType(mlirOperationGetResult(op, i), sig->resultTypes[i]);
  if (!mlirAttributeIsNull(resultSizes))
    mlirOperationSetDiscardableAttributeByName(op, dlcStr(resultSegments), resultSizes);
  return mlirLogicalResultSuccess();
}

static MlirOperation build(DlcBuilder b, DlcOpSig *sig, const MlirValue *operands,
                           MlirType *operandTypes) {
  if (!dlcLookupOpRule(mlirStringRefCreateFromCString(sig->name))) {
    dlcRuleError(sig, "is not a known dlc operation");
    return (MlirOperation){NULL};
  }
  if (mlirLogicalResultIsFailure(dlcBuilderCheckOperands(b, sig->name, sig->numOperands, operands)))
    return (MlirOperation){NULL};
  for (intptr_t i = 0; i < sig->numAttributes; ++i)
    if (mlirAttributeIsNull(sig->attributes[i].attribute)) {
      MlirStringRef attrName = mlirIdentifierStr(sig->attributes[i].name);
      dlcRuleError(sig, "attribute '%.*s' is null", (int)attrName.length, attrName.data);
      return (MlirOperation){NULL};
    }
  for (intptr_t i = 0; i < sig->numOperands; ++i)
    operandTypes[i] = mlirValueGetType(operands[i]);
  int grouped = groupedOpIndex(sig->name);
  MlirOperation op = createChecked(sig, operands, grouped);
  if (mlirOperationIsNull(op))
    return op;
  if (mlirLogicalResultIsFailure(typeResults(b, sig, op, grouped))) {
    mlirOperationDestroy(op);
    return (MlirOperation){NULL};
  }
  dlcBuilderInsert(b, op);
  return op;
}

MlirOperation dlcBuilderBuildOp(DlcBuilder b, MlirStringRef name, intptr_t nOperands,
                                const MlirValue *operands, intptr_t nAttributes,
                                const MlirNamedAttribute *attributes, intptr_t nResults,
                                const MlirType *resultTypes) {
  char *opName = dlcStrndup(name.data, name.length);
  MlirType *types = dlcAlloc(sizeof(MlirType) * (size_t)(nOperands + nResults));
  MlirNamedAttribute *attrs = dlcAlloc(sizeof(MlirNamedAttribute) * (size_t)nAttributes);
  intptr_t numAttrs = 0;
  for (intptr_t i = 0; i < nAttributes; ++i)
    if (!isSegmentAttr(attributes[i]))
      attrs[numAttrs++] = attributes[i];
  DlcOpSig sig = {.ctx = unwrap(b)->ctx,
                  .loc = unwrap(b)->loc,
                  .name = opName,
                  .numOperands = nOperands,
                  .operandTypes = types,
                  .numAttributes = numAttrs,
                  .attributes = attrs,
                  .numResults = nResults,
                  .givenResultTypes = resultTypes,
                  .resultTypes = types + nOperands};
  MlirOperation op = build(b, &sig, operands, types);
  free(attrs);
  free(types);
  free(opName);
  return op;
}

/* ---- Helpers of the typed builders ---------------------------------------------------- */

MlirValue dlcBuildOne(DlcBuilder b, const char *name, intptr_t nOperands, const MlirValue *operands,
                      intptr_t nAttributes, const MlirNamedAttribute *attributes,
                      MlirType resultType) {
  MlirOperation op = dlcBuilderBuildOp(b, mlirStringRefCreateFromCString(name), nOperands, operands,
                                       nAttributes, attributes, 1, &resultType);
  return mlirOperationIsNull(op) ? dlcNullValue() : mlirOperationGetResult(op, 0);
}

MlirValue dlcBuildShaped(DlcBuilder b, const char *name, intptr_t nOperands,
                         const MlirValue *operands, intptr_t nAttributes,
                         const MlirNamedAttribute *attributes, intptr_t rank, const int64_t *shape,
                         MlirType element, MlirAttribute encoding) {
  MlirType stated = {NULL};
  MlirType xType = mlirValueIsNull(operands[0]) ? (MlirType){NULL} : mlirValueGetType(operands[0]);
  /* A missing or malformed operand is reported by the build itself. */
  if (!mlirTypeIsNull(xType) && mlirTypeIsARankedTensor(xType) &&
      mlirShapedTypeGetRank(xType) <= DLC_MAX_RANK) {
    DlcShape x = dlcShapeOf(xType);
    if (!shape) {
      rank = x.rank;
      shape = x.dims;
    }
    stated = mlirRankedTensorTypeGetChecked(
        unwrap(b)->loc, rank, shape, mlirTypeIsNull(element) ? x.element : element, encoding);
    if (mlirTypeIsNull(stated))
      return dlcNullValue();
  }
  return dlcBuildOne(b, name, nOperands, operands, nAttributes, attributes, stated);
}

MlirNamedAttribute dlcNamedAttr(MlirContext ctx, const char *name, MlirAttribute attr) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), attr);
}

MlirNamedAttribute dlcNamedI64(MlirContext ctx, const char *name, int64_t value) {
  return dlcNamedAttr(ctx, name, mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), value));
}

MlirNamedAttribute dlcNamedI64Array(MlirContext ctx, const char *name, intptr_t n,
                                    const int64_t *values) {
  return dlcNamedAttr(ctx, name, mlirDenseI64ArrayGet(ctx, n, values));
}

MlirNamedAttribute dlcNamedString(MlirContext ctx, const char *name, MlirStringRef value) {
  return dlcNamedAttr(ctx, name, mlirStringAttrGet(ctx, value));
}

MlirNamedAttribute dlcNamedSymbol(MlirContext ctx, const char *name, MlirStringRef symbol) {
  return dlcNamedAttr(ctx, name, mlirFlatSymbolRefAttrGet(ctx, symbol));
}

intptr_t dlcAppendOptionalList(MlirContext ctx, MlirNamedAttribute *attrs, intptr_t n,
                               const char *name, intptr_t size, const int64_t *values) {
  if (values)
    attrs[n++] = dlcNamedI64Array(ctx, name, size, values);
  return n;
}
