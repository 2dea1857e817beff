/* Verifier.c: dlc's semantic verifier. MLIR verifies structure and IRDL constraints; this
 * file adds what IRDL cannot say (shapes, dimension numbers, element types, called
 * computations) by running each dhlo/dtensor op's rule (OpRules.h) and comparing the
 * inferred result types with the op's own. */
#include "OpRules.h"
#include "Support/Alloc.h"

#include <stdlib.h>
#include <string.h>

static const DlcOpRule *const ruleFamilies[] = {
    dlcElementwiseRules, dlcMovementRules, dlcContractionRules, dlcReductionRules, dlcCallRules,
};

const DlcOpRule *dlcLookupOpRule(MlirStringRef name) {
  for (size_t f = 0; f < sizeof ruleFamilies / sizeof ruleFamilies[0]; ++f)
    for (const DlcOpRule *rule = ruleFamilies[f]; rule->name; ++rule)
      if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(rule->name)))
        return rule;
  return NULL;
}

/* A tensor type every dhlo op accepts: ranked, static, supported element type, and an
 * encoding that is either absent or a valid layout for its rank. */
static MlirLogicalResult checkTensorType(const DlcOpSig *sig, MlirType type, const char *role,
                                         intptr_t index) {
  char buf[256];
  if (!mlirTypeIsARankedTensor(type))
    return dlcRuleError(sig, "%s #%lld must be a ranked tensor, got %s", role, (long long)index,
                        dlcTypeStr(type, buf, sizeof buf));
  if (!mlirShapedTypeHasStaticShape(type))
    return dlcRuleError(sig, "%s #%lld must have a static shape, got %s", role, (long long)index,
                        dlcTypeStr(type, buf, sizeof buf));
  intptr_t rank = mlirShapedTypeGetRank(type);
  if (rank > DLC_MAX_RANK)
    return dlcRuleError(sig, "%s #%lld has rank %lld; at most %d is supported", role,
                        (long long)index, (long long)rank, DLC_MAX_RANK);
  if (!dlcIsSupportedElementType(mlirShapedTypeGetElementType(type)))
    return dlcRuleError(sig, "%s #%lld has unsupported element type in %s", role,
                        (long long)index, dlcTypeStr(type, buf, sizeof buf));
  MlirAttribute encoding = mlirRankedTensorTypeGetEncoding(type);
  if (!mlirAttributeIsNull(encoding)) {
    int64_t perm[DLC_MAX_RANK];
    if (!dlcAttributeIsALayout(encoding) ||
        dlcLayoutAttrGetMinorToMajor(encoding, perm, DLC_MAX_RANK) != rank ||
        mlirAttributeIsNull(dlcLayoutAttrGet(sig->ctx, rank, perm)))
      return dlcRuleError(sig, "%s #%lld has encoding %s, which is not a #dtensor.layout of rank %lld",
                          role, (long long)index, dlcAttrStr(encoding, buf, sizeof buf),
                          (long long)rank);
  }
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcInferOp(DlcOpSig *sig) {
  const DlcOpRule *rule = dlcLookupOpRule(mlirStringRefCreateFromCString(sig->name));
  if (!rule)
    return dlcRuleError(sig, "is not a known dlc operation");
  for (intptr_t i = 0; i < sig->numOperands; ++i)
    if (mlirLogicalResultIsFailure(checkTensorType(sig, sig->operandTypes[i], "operand", i)))
      return mlirLogicalResultFailure();
  for (intptr_t i = 0; sig->givenResultTypes && i < sig->numResults; ++i)
    if (!mlirTypeIsNull(sig->givenResultTypes[i]) &&
        mlirLogicalResultIsFailure(checkTensorType(sig, sig->givenResultTypes[i], "result", i)))
      return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < sig->numResults; ++i)
    sig->resultTypes[i] = (MlirType){NULL};
  if (mlirLogicalResultIsFailure(rule->infer(sig)))
    return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < sig->numResults; ++i)
    if (mlirTypeIsNull(sig->resultTypes[i]))
      return dlcRuleError(sig, "rule left result #%lld without a type", (long long)i);
  return mlirLogicalResultSuccess();
}

typedef struct {
  MlirOperation module;
  MlirSymbolTable symbols;
  bool failed;
} VerifyState;

static MlirOperation enclosingModule(MlirOperation op) {
  for (MlirOperation p = mlirOperationGetParentOperation(op); !mlirOperationIsNull(p);
       p = mlirOperationGetParentOperation(p))
    if (dlcStrEq(mlirIdentifierStr(mlirOperationGetName(p)), "builtin.module"))
      return p;
  return (MlirOperation){NULL};
}

static void useSymbolTableOf(VerifyState *state, MlirOperation module) {
  if (mlirOperationEqual(state->module, module))
    return;
  if (!mlirSymbolTableIsNull(state->symbols))
    mlirSymbolTableDestroy(state->symbols);
  state->module = module;
  state->symbols = mlirOperationIsNull(module) ? (MlirSymbolTable){NULL}
                                               : mlirSymbolTableCreate(module);
}

static MlirLogicalResult verifyDlcOp(MlirOperation op, VerifyState *state) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  intptr_t numResults = mlirOperationGetNumResults(op);
  intptr_t numAttributes = mlirOperationGetNumAttributes(op);
  MlirType *types = dlcAlloc(sizeof(MlirType) * (size_t)(numOperands + 2 * numResults));
  MlirNamedAttribute *attrs = dlcAlloc(sizeof(MlirNamedAttribute) * (size_t)numAttributes);
  char *opName = dlcStrndup(name.data, name.length);
  for (intptr_t i = 0; i < numOperands; ++i)
    types[i] = mlirValueGetType(mlirOperationGetOperand(op, i));
  MlirType *given = types + numOperands, *inferred = given + numResults;
  for (intptr_t i = 0; i < numResults; ++i)
    given[i] = mlirValueGetType(mlirOperationGetResult(op, i));
  for (intptr_t i = 0; i < numAttributes; ++i)
    attrs[i] = mlirOperationGetAttribute(op, i);

  useSymbolTableOf(state, enclosingModule(op));
  DlcOpSig sig = {
      .ctx = mlirOperationGetContext(op), .loc = mlirOperationGetLocation(op), .name = opName,
      .numOperands = numOperands, .operandTypes = types, .numAttributes = numAttributes,
      .attributes = attrs, .numResults = numResults, .givenResultTypes = given,
      .resultTypes = inferred, .symbols = state->symbols};
  MlirLogicalResult result = dlcInferOp(&sig);
  for (intptr_t i = 0; mlirLogicalResultIsSuccess(result) && i < numResults; ++i) {
    if (!dlcSameLogicalType(given[i], inferred[i])) {
      char want[256], got[256];
      result = dlcRuleError(&sig, "result #%lld has type %s, but the operands imply %s",
                            (long long)i, dlcTypeStr(given[i], got, sizeof got),
                            dlcTypeStr(inferred[i], want, sizeof want));
    }
  }
  free(opName);
  free(attrs);
  free(types);
  return result;
}

bool dlcIsDlcOp(MlirOperation op) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  return (name.length > 5 && strncmp(name.data, "dhlo.", 5) == 0) ||
         (name.length > 8 && strncmp(name.data, "dtensor.", 8) == 0);
}

static MlirWalkResult verifyWalk(MlirOperation op, void *userData) {
  VerifyState *state = userData;
  if (dlcIsDlcOp(op) && mlirLogicalResultIsFailure(verifyDlcOp(op, state)))
    state->failed = true;
  return MlirWalkResultAdvance;
}

MlirLogicalResult dlcVerify(MlirOperation op) {
  if (!mlirOperationVerify(op))
    return mlirLogicalResultFailure();
  VerifyState state = {{NULL}, {NULL}, false};
  mlirOperationWalk(op, verifyWalk, &state, MlirWalkPreOrder);
  if (!mlirSymbolTableIsNull(state.symbols))
    mlirSymbolTableDestroy(state.symbols);
  return state.failed ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}
