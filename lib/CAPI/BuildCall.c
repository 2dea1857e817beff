/* BuildCall.c: builders of the ops that call out of the graph: fusion (whose results are
 * those of its fused computation), custom_call (whose results are stated), and the
 * collectives all_reduce and all_gather. */
#include "BuilderInternal.h"

/* The number of results of func.func @callee in the insertion block's module, or 0 if
 * there is no such function (the fusion rule then says what is wrong). */
static intptr_t calleeNumResults(DlcBuilder b, MlirStringRef callee) {
  MlirOperation module = dlcBuilderEnclosingModule(b);
  if (mlirOperationIsNull(module))
    return 0;
  MlirOperation func = dlcLookupSymbol(module, callee);
  if (mlirOperationIsNull(func) ||
      !dlcStrEq(mlirIdentifierStr(mlirOperationGetName(func)), "func.func"))
    return 0;
  return mlirFunctionTypeGetNumResults(dlcFuncType(func));
}

MlirOperation dlcBuildFusion(DlcBuilder b, MlirStringRef kind, MlirStringRef callee,
                             intptr_t nInputs, const MlirValue *inputs) {
  if (mlirOperationIsNull(dlcBuilderEnclosingModule(b))) {
    dlcBuilderError(b, "dhlo.fusion", "calls @%.*s, but the insertion block is in no module",
                    (int)callee.length, callee.data);
    return (MlirOperation){NULL};
  }
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      dlcNamedString(ctx, "kind", kind),
      dlcNamedSymbol(ctx, "calls", callee),
  };
  return dlcBuilderBuildOp(b, dlcStr("dhlo.fusion"), nInputs, inputs, 2, attrs,
                           calleeNumResults(b, callee), NULL);
}

MlirOperation dlcBuildCustomCall(DlcBuilder b, MlirStringRef target, intptr_t nInputs,
                                 const MlirValue *inputs, intptr_t nResults,
                                 const MlirType *resultTypes) {
  MlirNamedAttribute attr = dlcNamedString(unwrap(b)->ctx, "call_target_name", target);
  return dlcBuilderBuildOp(b, dlcStr("dhlo.custom_call"), nInputs, inputs, 1, &attr, nResults,
                           resultTypes);
}

static MlirNamedAttribute replicaGroupsAttr(MlirContext ctx, intptr_t numGroups, intptr_t groupSize,
                                            const int64_t *ids) {
  int64_t shape[] = {numGroups, groupSize};
  MlirType type =
      mlirRankedTensorTypeGet(2, shape, mlirIntegerTypeGet(ctx, 64), mlirAttributeGetNull());
  return dlcNamedAttr(ctx, "replica_groups",
                      mlirDenseElementsAttrInt64Get(type, numGroups * groupSize, ids));
}

MlirValue dlcBuildAllReduce(DlcBuilder b, MlirValue x, intptr_t numGroups, intptr_t groupSize,
                            const int64_t *replicaGroups, MlirStringRef reducer) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      replicaGroupsAttr(ctx, numGroups, groupSize, replicaGroups),
      dlcNamedSymbol(ctx, "to_apply", reducer),
  };
  return dlcBuildOne(b, "dhlo.all_reduce", 1, &x, 2, attrs, (MlirType){NULL});
}

MlirValue dlcBuildAllGather(DlcBuilder b, MlirValue x, int64_t allGatherDim, intptr_t numGroups,
                            intptr_t groupSize, const int64_t *replicaGroups) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirNamedAttribute attrs[] = {
      replicaGroupsAttr(ctx, numGroups, groupSize, replicaGroups),
      dlcNamedI64(ctx, "all_gather_dim", allGatherDim),
  };
  return dlcBuildOne(b, "dhlo.all_gather", 1, &x, 2, attrs, (MlirType){NULL});
}
