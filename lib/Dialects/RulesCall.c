/* RulesCall.c: rules of the ops that call out of the graph: fusion (a private func.func
 * the fusion pass outlined), custom_call (an external target), and the collectives
 * all_reduce and all_gather. dtensor.relayout lives here as well: like a custom_call, its
 * result type is stated rather than inferred, and no other family fits it. */
#include "OpRules.h"

/* Results whose types only the op itself can state (see dlcGivenResultShape). */
static MlirLogicalResult takeStatedResults(DlcOpSig *sig) {
  for (intptr_t i = 0; i < sig->numResults; ++i) {
    DlcShape shape;
    if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, i, &shape)))
      return mlirLogicalResultFailure();
    sig->resultTypes[i] = dlcShapeType(&shape);
  }
  return mlirLogicalResultSuccess();
}

/* ---- fusion ------------------------------------------------------------------------ */

static const char *const fusionKinds[] = {"loop", "input", "output"};

/* The fused computation takes exactly the fusion's operands and returns its results. */
static MlirLogicalResult inferFusionFromCallee(DlcOpSig *sig, MlirOperation callee) {
  MlirType type = dlcFuncType(callee);
  MlirStringRef name = mlirSymbolRefAttrGetRootReference(dlcSigAttr(sig, "calls"));
  char a[256], b[256];
  if (mlirFunctionTypeGetNumInputs(type) != sig->numOperands ||
      mlirFunctionTypeGetNumResults(type) != sig->numResults)
    return dlcRuleError(sig, "has %lld operands and %lld results, but @%.*s has type %s",
                        (long long)sig->numOperands, (long long)sig->numResults,
                        (int)name.length, name.data, dlcTypeStr(type, a, sizeof a));
  for (intptr_t i = 0; i < sig->numOperands; ++i) {
    MlirType param = mlirFunctionTypeGetInput(type, i);
    if (!dlcSameLogicalType(sig->operandTypes[i], param))
      return dlcRuleError(sig, "operand #%lld has type %s, but @%.*s takes %s", (long long)i,
                          dlcTypeStr(sig->operandTypes[i], a, sizeof a), (int)name.length,
                          name.data, dlcTypeStr(param, b, sizeof b));
  }
  for (intptr_t i = 0; i < sig->numResults; ++i) {
    MlirType returned = mlirFunctionTypeGetResult(type, i);
    if (!mlirTypeIsARankedTensor(returned) || !mlirShapedTypeHasStaticShape(returned) ||
        mlirShapedTypeGetRank(returned) > DLC_MAX_RANK)
      return dlcRuleError(sig, "@%.*s result #%lld has type %s; expected a static tensor of "
                          "rank at most %d",
                          (int)name.length, name.data, (long long)i,
                          dlcTypeStr(returned, a, sizeof a), DLC_MAX_RANK);
    /* Said here, naming the callee: the verifier's own mismatch message blames operands. */
    MlirType given = sig->givenResultTypes ? sig->givenResultTypes[i] : (MlirType){NULL};
    if (!mlirTypeIsNull(given) && !dlcSameLogicalType(given, returned))
      return dlcRuleError(sig, "result #%lld has type %s, but @%.*s returns %s", (long long)i,
                          dlcTypeStr(given, a, sizeof a), (int)name.length, name.data,
                          dlcTypeStr(returned, b, sizeof b));
    DlcShape shape = dlcShapeOf(returned);
    sig->resultTypes[i] = dlcShapeType(&shape);
  }
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferFusion(DlcOpSig *sig) {
  MlirStringRef kind = {0};
  if (mlirLogicalResultIsFailure(dlcSigString(sig, "kind", true, &kind)))
    return mlirLogicalResultFailure();
  bool known = false;
  for (size_t i = 0; i < sizeof fusionKinds / sizeof fusionKinds[0]; ++i)
    known |= dlcStrEq(kind, fusionKinds[i]);
  if (!known)
    return dlcRuleError(sig, "kind \"%.*s\" is not one of loop, input, output", (int)kind.length,
                        kind.data);
  MlirOperation callee;
  if (mlirLogicalResultIsFailure(dlcSigCallee(sig, "calls", &callee)))
    return mlirLogicalResultFailure();
  if (!mlirOperationIsNull(callee))
    return inferFusionFromCallee(sig, callee);
  /* Without a symbol table the callee's type is unknown: take the results as stated. */
  return takeStatedResults(sig);
}

/* ---- custom_call ------------------------------------------------------------------- */

static MlirLogicalResult inferCustomCall(DlcOpSig *sig) {
  MlirStringRef target = {0}, config = {0};
  if (mlirLogicalResultIsFailure(dlcSigString(sig, "call_target_name", true, &target)) ||
      mlirLogicalResultIsFailure(dlcSigString(sig, "backend_config", false, &config)))
    return mlirLogicalResultFailure();
  if (target.length == 0)
    return dlcRuleError(sig, "call_target_name must not be empty");
  MlirAttribute sideEffect = dlcSigAttr(sig, "has_side_effect");
  if (!mlirAttributeIsNull(sideEffect) && !mlirAttributeIsABool(sideEffect))
    return dlcRuleError(sig, "attribute 'has_side_effect' must be a bool");
  /* The target is opaque: its results are whatever the op states. */
  return takeStatedResults(sig);
}

/* ---- collectives ------------------------------------------------------------------- */

/* replica_groups is a [numGroups, groupSize] integer tensor of replica ids. Returns the
 * group size in `*groupSize`; 0 means the groups are empty (all replicas, count unknown). */
static MlirLogicalResult readReplicaGroups(const DlcOpSig *sig, int64_t *groupSize) {
  MlirAttribute groups = dlcSigAttr(sig, "replica_groups");
  if (mlirAttributeIsNull(groups) || !mlirAttributeIsADenseIntElements(groups))
    return dlcRuleError(sig, "requires a dense integer elements attribute 'replica_groups'");
  MlirType type = mlirAttributeGetType(groups);
  if (mlirShapedTypeGetRank(type) != 2) {
    char buf[128];
    return dlcRuleError(sig, "replica_groups must be 2-D ([groups, replicas per group]), got %s",
                        dlcTypeStr(type, buf, sizeof buf));
  }
  *groupSize = mlirShapedTypeGetDimSize(type, 1);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferAllReduce(DlcOpSig *sig) {
  int64_t groupSize;
  DlcShape operand = dlcOperandShape(sig, 0);
  if (mlirLogicalResultIsFailure(readReplicaGroups(sig, &groupSize)) ||
      mlirLogicalResultIsFailure(dlcCheckReducer(sig, "to_apply", operand.element)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&operand);
  return mlirLogicalResultSuccess();
}

/* The result concatenates every group member's operand along all_gather_dim. With a known
 * group size that fixes the result; otherwise it is taken as stated and must hold a whole
 * number of operands along that dimension. */
static MlirLogicalResult inferAllGather(DlcOpSig *sig) {
  int64_t groupSize, dim = 0;
  DlcShape operand = dlcOperandShape(sig, 0);
  if (mlirLogicalResultIsFailure(readReplicaGroups(sig, &groupSize)) ||
      mlirLogicalResultIsFailure(dlcSigI64(sig, "all_gather_dim", true, &dim)))
    return mlirLogicalResultFailure();
  if (dim < 0 || dim >= operand.rank)
    return dlcRuleError(sig, "all_gather_dim %lld is out of range [0, %lld)", (long long)dim,
                        (long long)operand.rank);
  DlcShape result = operand;
  if (groupSize > 0) {
    result.dims[dim] = operand.dims[dim] * groupSize;
    sig->resultTypes[0] = dlcShapeType(&result);
    return mlirLogicalResultSuccess();
  }
  DlcShape given;
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, &given)))
    return mlirLogicalResultFailure();
  /* A stated type of another rank differs from `result` and is reported by the caller. */
  if (given.rank == operand.rank) {
    int64_t gathered = given.dims[dim], piece = operand.dims[dim];
    if (piece == 0 ? gathered != 0 : gathered % piece != 0)
      return dlcRuleError(sig, "result dimension %lld has size %lld, which is not a multiple of "
                          "the operand's %lld",
                          (long long)dim, (long long)gathered, (long long)piece);
    result.dims[dim] = gathered;
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

/* ---- dtensor.relayout -------------------------------------------------------------- */

/* The stated result type carries the target layout as its encoding, so it is inferred
 * as stated, encoding included; only shape and element type must be the operand's. */
static MlirLogicalResult inferRelayout(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), given;
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, &given)))
    return mlirLogicalResultFailure();
  if (!dlcShapeDimsEqual(&operand, &given) || !mlirTypeEqual(operand.element, given.element)) {
    char a[256], b[256];
    return dlcRuleError(sig, "changes the type from %s to %s; relayout changes only the layout",
                        dlcTypeStr(sig->operandTypes[0], a, sizeof a),
                        dlcTypeStr(sig->givenResultTypes[0], b, sizeof b));
  }
  sig->resultTypes[0] = sig->givenResultTypes[0];
  return mlirLogicalResultSuccess();
}

const DlcOpRule dlcCallRules[] = {
    {"dhlo.fusion", inferFusion, DLC_TRAIT_CALLS},
    {"dhlo.custom_call", inferCustomCall, DLC_TRAIT_SIDE_EFFECTS},
    {"dhlo.all_reduce", inferAllReduce, DLC_TRAIT_CALLS | DLC_TRAIT_SIDE_EFFECTS},
    {"dhlo.all_gather", inferAllGather, DLC_TRAIT_SIDE_EFFECTS},
    {"dtensor.relayout", inferRelayout, 0},
    {NULL, NULL, 0},
};
