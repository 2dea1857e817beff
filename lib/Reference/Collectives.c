/* Collectives.c: all_reduce and all_gather as the reference evaluator runs them, as a
 * single process. With replica groups of one member, StableHLO's all_reduce reduces one
 * operand (the identity: the reducer is never applied, as there is no init value) and
 * all_gather concatenates one operand; groups of several replicas would need the other
 * replicas' data, and are an error. Nothing here allocates. */
#include "Reference/Evaluator.h"

#include "mlir-c/BuiltinAttributes.h"

/* replica_groups is [groups, replicas per group]; empty groups mean all replicas: one. */
static MlirLogicalResult checkOneReplica(RefOp *op) {
  MlirAttribute groups = dlcSigAttr(&op->sig, "replica_groups");
  if (mlirAttributeIsNull(groups) || !mlirAttributeIsADenseIntElements(groups))
    return dlcRuleError(&op->sig, "requires a dense integer elements attribute 'replica_groups'");
  int64_t groupSize = mlirShapedTypeGetDimSize(mlirAttributeGetType(groups), 1);
  if (groupSize > 1)
    return dlcRuleError(&op->sig,
                        "has replica groups of %lld replicas; the reference evaluator runs a "
                        "single replica",
                        (long long)groupSize);
  if (op->results[0]->count != op->operands[0]->count)
    return dlcRuleError(&op->sig, "gathers from more than one replica; the reference evaluator "
                        "runs a single replica");
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult runOneReplica(RefOp *op) {
  if (mlirLogicalResultIsFailure(checkOneReplica(op)))
    return mlirLogicalResultFailure();
  dlcRefCopyData(op->results[0], op->operands[0]);
  return mlirLogicalResultSuccess();
}

const RefOpImpl dlcRefCollectiveOps[] = {
    {"dhlo.all_reduce", runOneReplica},
    {"dhlo.all_gather", runOneReplica},
    {NULL, NULL},
};
