/* FusionLegality.c: when a set of ops may become one kernel, and when merging two clusters
 * would create a cycle.
 *
 * A fused kernel is one loop nest over an iteration space, computing every op of the set
 * per point, so a set is legal when that loop nest exists:
 *  - kind: "output" if it holds a contraction (dot_general, convolution), "input" if it
 *    holds a reduce, "loop" otherwise; a contraction and a reduction never share a kernel,
 *    and there is at most one contraction (two GEMMs are two loop nests).
 *  - a contraction reads its operands from memory: only its epilogue fuses, so no operand
 *    of a contraction is computed in the set. A reduce may take its operand from the set
 *    (that is input fusion); several reduces must have the same operand and result shapes.
 *  - a hero's (reduce's, contraction's) result is only used at its own element count: the
 *    epilogue is elementwise, reshape or transpose. Broadcasting it back to a larger shape
 *    would need the whole reduction before the first element of the broadcast.
 *  - every value the kernel writes has the iteration space's element count (the
 *    contraction's result, the reduce's operand, or the largest output of a loop
 *    fusion), or an input fusion's reduced shape: multi-output fusion needs a common
 *    iteration space.
 *  - dhlo.fusion has 16 operand groups and 4 result groups, one per distinct type, and
 *    the set stays within max-fusion-ops.
 * Ops of any other kind (slice, pad, gather, custom_call, non-dhlo ops...) do not fuse. */
#include "Transforms/Fusion.h"
#include "Transforms/FusionCostModel.h"

#include "Dialects/OpRules.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { maxOperandGroups = 16, maxResultGroups = 4 };

bool fusionRefuse(char *reason, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason, size, fmt, ap);
  va_end(ap);
  return false;
}

static int distinctTypes(const FusionValues *values) {
  int count = 0;
  for (int i = 0; i < values->size; ++i) {
    MlirType type = mlirValueGetType(values->data[i]);
    bool seen = false;
    for (int j = 0; j < i && !seen; ++j)
      seen = mlirTypeEqual(type, mlirValueGetType(values->data[j]));
    count += !seen;
  }
  return count;
}

/* Operand and result element counts agree across the set's reduces. */
static bool sameReductions(const FusionGraph *g) {
  int first = -1;
  for (int i = 0; i < g->setSize; ++i) {
    const FusionNode *n = &g->nodes[g->set[i]];
    if (n->role != FusionRoleReduce)
      continue;
    if (first < 0)
      first = g->set[i];
    else if (n->elems != g->nodes[first].elems ||
             fusionValueElems(mlirOperationGetOperand(n->op, 0)) !=
                 fusionValueElems(mlirOperationGetOperand(g->nodes[first].op, 0)))
      return false;
  }
  return true;
}

bool fusionIsRange(MlirOperation op, const char *name, int64_t first, intptr_t count) {
  MlirAttribute a = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(name));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseI64Array(a) ||
      mlirDenseArrayGetNumElements(a) != count)
    return false;
  for (intptr_t i = 0; i < count; ++i)
    if (mlirDenseI64ArrayGetElement(a, i) != first + i)
      return false;
  return true;
}

/* A reduction's result broadcast back over the rows it reduced: `reduce` folds the last
 * dimensions of its operand and `n` broadcasts a value of its result's shape to the
 * operand's shape along the leading dimensions. A kernel that gives each row to one block
 * (dlc-gpu-fuse-kernels: softmax, layer norm) has the row's total before it reads the
 * broadcast, so the reduction and what follows it share the kernel. */
static bool isRowBroadcast(const FusionGraph *g, const FusionNode *n, int reduce) {
  MlirOperation reduceOp = g->nodes[reduce].op;
  if (strcmp(n->name, "dhlo.broadcast_in_dim") || mlirOperationGetNumOperands(reduceOp) != 2)
    return false;
  /* The broadcast reads the reduction's result, or a row value computed from it. */
  MlirValue row = mlirOperationGetOperand(n->op, 0);
  int def = fusionDefNode(g, row);
  if (def != reduce && (def < 0 || g->nodes[def].hero != reduce))
    return false;
  MlirType rowType = mlirValueGetType(mlirOperationGetResult(reduceOp, 0));
  MlirType spaceType = mlirValueGetType(mlirOperationGetOperand(reduceOp, 0));
  if (!mlirTypeIsARankedTensor(rowType) || !mlirTypeIsARankedTensor(spaceType) ||
      !dlcSameLogicalType(mlirValueGetType(row), rowType) ||
      !dlcSameLogicalType(mlirValueGetType(mlirOperationGetResult(n->op, 0)), spaceType))
    return false;
  intptr_t rows = mlirShapedTypeGetRank(rowType), rank = mlirShapedTypeGetRank(spaceType);
  return fusionIsRange(reduceOp, "dimensions", rows, rank - rows) &&
         fusionIsRange(n->op, "broadcast_dimensions", 0, rows);
}

/* Sets each node's hero (the reduce or contraction its value depends on within the set)
 * in body order and checks the operand rules above. */
static bool checkDataflow(FusionGraph *g, char *reason, size_t size) {
  for (int i = 0; i < g->setSize; ++i) {
    FusionNode *n = &g->nodes[g->set[i]];
    n->hero = -1;
    for (intptr_t j = 0, count = mlirOperationGetNumOperands(n->op); j < count; ++j) {
      int def = fusionDefNode(g, mlirOperationGetOperand(n->op, j));
      if (!fusionSetComputes(g, def))
        continue;
      if (n->role == FusionRoleContraction)
        return fusionRefuse(reason, size,
                            "'%s' reads its operands from memory: only its epilogue fuses",
                            g->nodes[g->set[i]].name);
      const FusionNode *d = &g->nodes[def];
      if (d->role == FusionRoleReduce || d->role == FusionRoleContraction)
        n->hero = def;
      else if (d->hero >= 0)
        n->hero = d->hero;
    }
    if (n->hero >= 0 && n->elems != g->nodes[n->hero].elems) {
      if (!isRowBroadcast(g, n, n->hero))
        return fusionRefuse(reason, size, "would broadcast the result of '%s' inside the kernel",
                            g->nodes[n->hero].name);
      n->hero = -1; /* a row value, over the reduction's whole iteration space */
    }
  }
  return true;
}

static int64_t iterationElems(const FusionGraph *g, const FusionSummary *s) {
  if (s->contraction >= 0)
    return g->nodes[s->contraction].elems;
  if (s->reduce >= 0)
    return fusionValueElems(mlirOperationGetOperand(g->nodes[s->reduce].op, 0));
  int64_t most = 0;
  for (int i = 0; i < g->outputs.size; ++i) {
    int64_t elems = fusionValueElems(g->outputs.data[i]);
    most = elems > most ? elems : most;
  }
  return most;
}

bool fusionCheckKernel(FusionGraph *g, const FusionSummary *s, char *reason, size_t size) {
  for (int i = 0; i < g->setSize; ++i)
    if (g->nodes[g->set[i]].role == FusionRoleOpaque)
      return fusionRefuse(reason, size, "'%s' is not fusible", g->nodes[g->set[i]].name);
  if (s->numOps > g->options->maxOps)
    return fusionRefuse(reason, size, "would have %d ops (max-fusion-ops=%d)", s->numOps,
                        g->options->maxOps);
  if (s->numContractions > 1)
    return fusionRefuse(reason, size, "would put two contractions in one kernel");
  if (s->numContractions && s->numReduces)
    return fusionRefuse(reason, size, "would put a contraction and a reduction in one kernel");
  if (!sameReductions(g))
    return fusionRefuse(reason, size, "would put reductions of different shapes in one kernel");
  if (!checkDataflow(g, reason, size))
    return false;
  int64_t space = iterationElems(g, s);
  int64_t reduced = s->reduce >= 0 ? g->nodes[s->reduce].elems : -1;
  for (int i = 0; i < g->outputs.size; ++i) {
    int64_t elems = fusionValueElems(g->outputs.data[i]);
    if (elems != space && elems != reduced)
      return fusionRefuse(reason, size,
                          "would write a value of %lld elements from a kernel over %lld elements",
                          (long long)elems, (long long)space);
  }
  int operandTypes = distinctTypes(&g->inputs), resultTypes = distinctTypes(&g->outputs);
  if (operandTypes > maxOperandGroups)
    return fusionRefuse(reason, size,
                        "would need %d operand types (dhlo.fusion has %d operand groups)",
                        operandTypes, maxOperandGroups);
  if (resultTypes > maxResultGroups)
    return fusionRefuse(reason, size,
                        "would need %d result types (dhlo.fusion has %d result groups)",
                        resultTypes, maxResultGroups);
  return true;
}

/* ---- Cycles ------------------------------------------------------------------------- */

static int minOrder(const FusionGraph *g, int cluster) {
  const FusionCluster *c = &g->clusters[cluster];
  int least = g->nodes[c->nodes[0]].order;
  for (int i = 1; i < c->size; ++i)
    least = g->nodes[c->nodes[i]].order < least ? g->nodes[c->nodes[i]].order : least;
  return least;
}

/* A merged cluster is one kernel: it reads all its inputs before it writes any output.
 * So merging `from` into `to` is only sound if no value of `from` reaches `to` through a
 * third cluster X: the kernel would then need X's result, which needs its own output. The
 * search walks clusters along uses. The body is in dependence order, so a cluster whose
 * first op comes after the last op of `to` cannot reach `to`, and is not searched. */
bool fusionPathExists(FusionGraph *g, int from, int to, bool viaOthers) {
  const FusionCluster *target = &g->clusters[to];
  int last = 0;
  for (int i = 0; i < target->size; ++i)
    last = g->nodes[target->nodes[i]].order > last ? g->nodes[target->nodes[i]].order : last;
  unsigned stamp = ++g->visitStamp;
  int *stack = NULL, size = 0, capacity = 0;
  bool found = false;
  g->clusters[from].visitStamp = stamp;
  fusionPushInt(&stack, &size, &capacity, from);
  while (size > 0 && !found) {
    int current = stack[--size];
    const FusionCluster *c = &g->clusters[current];
    for (int i = 0; i < c->size && !found; ++i) {
      MlirOperation op = g->nodes[c->nodes[i]].op;
      for (intptr_t r = 0, n = mlirOperationGetNumResults(op); r < n && !found; ++r)
        for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, r));
             !mlirOpOperandIsNull(use) && !found; use = mlirOpOperandGetNextUse(use)) {
          int user = fusionUserNode(g, use);
          int next = user < 0 ? -1 : g->nodes[user].cluster;
          if (next < 0 || next == current)
            continue;
          if (next == to) {
            found = current != from || !viaOthers;
            continue;
          }
          if (g->clusters[next].visitStamp == stamp || minOrder(g, next) > last)
            continue;
          g->clusters[next].visitStamp = stamp;
          fusionPushInt(&stack, &size, &capacity, next);
        }
    }
  }
  free(stack);
  return found;
}
