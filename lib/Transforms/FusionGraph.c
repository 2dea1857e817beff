/* FusionGraph.c: the graph of one function body for dhlo-fusion: nodes and clusters, the
 * op-to-node map, sets under evaluation, slices, and the two ways a producer joins a
 * consumer: merging clusters, or copying the producer's ops into the consumer. */
#include "Transforms/Fusion.h"
#include "Transforms/FusionCostModel.h"
#include "Transforms/Transforms.h"
#include "Dialects/OpRules.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Value lists -------------------------------------------------------------------- */

void fusionValuesPush(FusionValues *values, MlirValue value) {
  if (values->size == values->capacity) {
    values->capacity = values->capacity ? 2 * values->capacity : 16;
    values->data = dlcRealloc(values->data, (size_t)values->capacity * sizeof *values->data);
  }
  values->data[values->size++] = value;
}

bool fusionValuesContain(const FusionValues *values, MlirValue value) {
  for (int i = 0; i < values->size; ++i)
    if (mlirValueEqual(values->data[i], value))
      return true;
  return false;
}

void fusionPushInt(int **data, int *size, int *capacity, int value) {
  if (*size == *capacity) {
    *capacity = *capacity ? 2 * *capacity : 8;
    *data = dlcRealloc(*data, (size_t)*capacity * sizeof **data);
  }
  (*data)[(*size)++] = value;
}

/* ---- Priority queue: a binary heap -------------------------------------------------- */

static bool before(FusionQueueEntry x, FusionQueueEntry y) {
  if (x.key != y.key)
    return x.key > y.key;
  return x.a != y.a ? x.a < y.a : x.b < y.b;
}

static void swapEntries(FusionQueueEntry *x, FusionQueueEntry *y) {
  FusionQueueEntry t = *x;
  *x = *y;
  *y = t;
}

void fusionQueuePush(FusionQueue *queue, FusionQueueEntry entry) {
  if (queue->size == queue->capacity) {
    queue->capacity = queue->capacity ? 2 * queue->capacity : 64;
    queue->data = dlcRealloc(queue->data, (size_t)queue->capacity * sizeof *queue->data);
  }
  int i = queue->size++;
  queue->data[i] = entry;
  for (; i > 0 && before(queue->data[i], queue->data[(i - 1) / 2]); i = (i - 1) / 2)
    swapEntries(&queue->data[i], &queue->data[(i - 1) / 2]);
}

bool fusionQueuePop(FusionQueue *queue, FusionQueueEntry *out) {
  if (queue->size == 0)
    return false;
  *out = queue->data[0];
  queue->data[0] = queue->data[--queue->size];
  for (int i = 0;;) {
    int best = i, l = 2 * i + 1, r = l + 1;
    if (l < queue->size && before(queue->data[l], queue->data[best]))
      best = l;
    if (r < queue->size && before(queue->data[r], queue->data[best]))
      best = r;
    if (best == i)
      return true;
    swapEntries(&queue->data[i], &queue->data[best]);
    i = best;
  }
}

/* ---- Nodes -------------------------------------------------------------------------- */

static bool nameIs(MlirOperation op, const char *name) {
  return dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), name);
}

static FusionRole roleOf(MlirOperation op) {
  /* Loop-fusible ops without the elementwise trait. */
  static const char *const loopOps[] = {"dhlo.broadcast_in_dim", "dhlo.reshape", "dhlo.transpose",
                                        "dhlo.iota"};
  if (!dlcIsDlcOp(op))
    return FusionRoleOpaque;
  if (nameIs(op, "dhlo.constant"))
    return FusionRoleConstant;
  if (nameIs(op, "dhlo.reduce"))
    return FusionRoleReduce;
  if (nameIs(op, "dhlo.dot_general") || nameIs(op, "dhlo.convolution"))
    return FusionRoleContraction;
  for (size_t i = 0; i < sizeof loopOps / sizeof loopOps[0]; ++i)
    if (nameIs(op, loopOps[i]))
      return FusionRoleLoop;
  const DlcOpRule *rule = dlcLookupOpRule(mlirIdentifierStr(mlirOperationGetName(op)));
  return rule && (rule->traits & DLC_TRAIT_ELEMENTWISE) ? FusionRoleLoop : FusionRoleOpaque;
}

int64_t fusionValueElems(MlirValue value) {
  MlirType type = mlirValueGetType(value);
  if (!mlirTypeIsARankedTensor(type) || !mlirShapedTypeHasStaticShape(type))
    return 0;
  int64_t n = 1;
  for (intptr_t i = 0; i < mlirShapedTypeGetRank(type); ++i)
    n *= mlirShapedTypeGetDimSize(type, i);
  return n;
}

static int addNode(FusionGraph *g, MlirOperation op, int cluster) {
  if (g->numNodes == g->nodeCapacity) {
    g->nodeCapacity = g->nodeCapacity ? 2 * g->nodeCapacity : 64;
    g->nodes = dlcRealloc(g->nodes, (size_t)g->nodeCapacity * sizeof *g->nodes);
  }
  int index = g->numNodes++;
  FusionNode *node = &g->nodes[index];
  memset(node, 0, sizeof *node);
  node->op = op;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  snprintf(node->name, sizeof node->name, "%.*s", (int)name.length, name.data);
  node->role = roleOf(op);
  node->broadcast = nameIs(op, "dhlo.broadcast_in_dim");
  node->expensive = node->role == FusionRoleReduce || node->role == FusionRoleContraction ||
                    nameIs(op, "dhlo.reduce_window") || nameIs(op, "dhlo.gather");
  if (node->role == FusionRoleConstant) {
    MlirAttribute value = mlirOperationGetAttributeByName(op, dlcStr("value"));
    node->splat = mlirAttributeIsADenseElements(value) && mlirDenseElementsAttrIsSplat(value);
  }
  node->elems =
      mlirOperationGetNumResults(op) ? fusionValueElems(mlirOperationGetResult(op, 0)) : 0;
  node->flops = fusionOpFlops(op, node->role);
  node->cluster = cluster;
  node->origin = index;
  node->hero = -1;
  fusionPushInt(&g->clusters[cluster].nodes, &g->clusters[cluster].size,
                &g->clusters[cluster].capacity, index);
  dlcPointerMapPut(&g->map, op.ptr, index);
  return index;
}

static void renumber(FusionGraph *g) {
  int order = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(g->body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    int node = dlcPointerMapGet(&g->map, op.ptr);
    if (node >= 0)
      g->nodes[node].order = order++;
  }
}

void fusionGraphBuild(FusionGraph *g, MlirOperation func, const FusionOptions *options) {
  memset(g, 0, sizeof *g);
  g->func = func;
  g->options = options;
  g->body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  MlirOperation terminator = mlirBlockGetTerminator(g->body);
  int count = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(g->body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    ++count;
  /* One cluster per original op; copies join existing clusters, so this is enough. */
  g->clusters = dlcAllocZeroed((size_t)count, sizeof *g->clusters);
  for (MlirOperation op = mlirBlockGetFirstOperation(g->body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (!mlirOperationEqual(op, terminator))
      addNode(g, op, g->numClusters++);
  renumber(g);
}

void fusionGraphDestroy(FusionGraph *g) {
  for (int i = 0; i < g->numClusters; ++i)
    free(g->clusters[i].nodes);
  free(g->clusters);
  free(g->nodes);
  free(g->set);
  free(g->inputs.data);
  free(g->outputs.data);
  dlcPointerMapDestroy(&g->map);
}

int fusionDefNode(const FusionGraph *g, MlirValue value) {
  return mlirValueIsAOpResult(value) ? dlcPointerMapGet(&g->map, mlirOpResultGetOwner(value).ptr)
                                     : -1;
}

int fusionUserNode(const FusionGraph *g, MlirOpOperand use) {
  MlirOperation op = mlirOpOperandGetOwner(use);
  while (!mlirOperationIsNull(op) && !mlirBlockEqual(mlirOperationGetBlock(op), g->body))
    op = mlirOperationGetParentOperation(op);
  return mlirOperationIsNull(op) ? -1 : dlcPointerMapGet(&g->map, op.ptr);
}

/* ---- Sets --------------------------------------------------------------------------- */

void fusionSetBegin(FusionGraph *g) {
  ++g->setStamp;
  g->setSize = 0;
}

void fusionSetAddNodes(FusionGraph *g, const int *nodes, int count, int mark) {
  for (int i = 0; i < count; ++i) {
    g->nodes[nodes[i]].setStamp = g->setStamp;
    g->nodes[nodes[i]].setMark = (unsigned char)mark;
    if (mark != FusionMarkGone)
      fusionPushInt(&g->set, &g->setSize, &g->setCapacity, nodes[i]);
  }
}

void fusionSetAddCluster(FusionGraph *g, int cluster, int mark) {
  fusionSetAddNodes(g, g->clusters[cluster].nodes, g->clusters[cluster].size, mark);
}

int fusionSetMark(const FusionGraph *g, int node) {
  return node >= 0 && g->nodes[node].setStamp == g->setStamp ? g->nodes[node].setMark
                                                             : FusionMarkNone;
}

bool fusionSetComputes(const FusionGraph *g, int node) {
  int mark = fusionSetMark(g, node);
  return mark == FusionMarkIn || mark == FusionMarkCopy;
}

typedef struct {
  int order, node;
} OrderedNode;

static int compareOrder(const void *a, const void *b) {
  const OrderedNode *x = a, *y = b;
  return (x->order > y->order) - (x->order < y->order);
}

void fusionSortByOrder(const FusionGraph *g, int *nodes, int count) {
  OrderedNode *tmp = dlcAlloc((size_t)count * sizeof *tmp);
  for (int i = 0; i < count; ++i)
    tmp[i] = (OrderedNode){g->nodes[nodes[i]].order, nodes[i]};
  qsort(tmp, (size_t)count, sizeof *tmp, compareOrder);
  for (int i = 0; i < count; ++i)
    nodes[i] = tmp[i].node;
  free(tmp);
}

/* ---- Uses between clusters ---------------------------------------------------------- */

bool fusionConsumes(const FusionGraph *g, int producer, int consumer) {
  const FusionCluster *c = &g->clusters[consumer];
  for (int i = 0; i < c->size; ++i) {
    MlirOperation op = g->nodes[c->nodes[i]].op;
    for (intptr_t j = 0, n = mlirOperationGetNumOperands(op); j < n; ++j) {
      int def = fusionDefNode(g, mlirOperationGetOperand(op, j));
      if (def >= 0 && g->nodes[def].cluster == producer)
        return true;
    }
  }
  return false;
}

bool fusionHasOtherUsers(const FusionGraph *g, int producer, int consumer) {
  const FusionCluster *p = &g->clusters[producer];
  for (int i = 0; i < p->size; ++i) {
    MlirOperation op = g->nodes[p->nodes[i]].op;
    for (intptr_t r = 0, n = mlirOperationGetNumResults(op); r < n; ++r)
      for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, r));
           !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use)) {
        int user = fusionUserNode(g, use);
        if (user < 0 || (g->nodes[user].cluster != producer && g->nodes[user].cluster != consumer))
          return true;
      }
  }
  return false;
}

/* The slice grows backwards from the producer's values that the consumer reads; every
 * operand of a slice node defined in the producer joins it. */
int fusionSlice(FusionGraph *g, int producer, int consumer, int **out) {
  unsigned stamp = ++g->visitStamp;
  const FusionCluster *p = &g->clusters[producer], *c = &g->clusters[consumer];
  int *work = NULL, size = 0, capacity = 0;
  for (int i = 0; i < c->size; ++i)
    fusionPushInt(&work, &size, &capacity, c->nodes[i]);
  for (int i = 0; i < size; ++i) {
    MlirOperation op = g->nodes[work[i]].op;
    for (intptr_t j = 0, n = mlirOperationGetNumOperands(op); j < n; ++j) {
      int def = fusionDefNode(g, mlirOperationGetOperand(op, j));
      if (def >= 0 && g->nodes[def].cluster == producer && g->nodes[def].visitStamp != stamp) {
        g->nodes[def].visitStamp = stamp;
        fusionPushInt(&work, &size, &capacity, def);
      }
    }
  }
  int count = 0;
  *out = dlcRealloc(*out, (size_t)(p->size ? p->size : 1) * sizeof **out);
  for (int i = 0; i < p->size; ++i)
    if (g->nodes[p->nodes[i]].visitStamp == stamp)
      (*out)[count++] = p->nodes[i];
  fusionSortByOrder(g, *out, count);
  free(work);
  return count;
}

/* ---- Merging and copying ------------------------------------------------------------ */

void fusionMerge(FusionGraph *g, int into, int from) {
  FusionCluster *src = &g->clusters[from];
  for (int i = 0; i < src->size; ++i) {
    g->nodes[src->nodes[i]].cluster = into;
    fusionPushInt(&g->clusters[into].nodes, &g->clusters[into].size, &g->clusters[into].capacity,
                  src->nodes[i]);
  }
  src->size = 0;
}

static bool isUnused(MlirOperation op) {
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    if (!mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(op, i))))
      return false;
  return true;
}

/* Points the operands of `op` that name a value of a marked (visitStamp) node at the
 * same result of that node's clone. */
static void useClones(FusionGraph *g, MlirOperation op, unsigned stamp) {
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
    MlirValue value = mlirOperationGetOperand(op, i);
    int def = fusionDefNode(g, value);
    if (def >= 0 && g->nodes[def].visitStamp == stamp)
      mlirOperationSetOperand(
          op, i, mlirOperationGetResult(g->nodes[def].clone, mlirOpResultGetResultNumber(value)));
  }
}

/* A clone goes right after its original. Its operands dominate the original, hence the
 * clone; an operand cloned too was cloned earlier (slices are in body order), and that
 * clone sits right after its own original, before this one. The consumer's ops come
 * after the producer's originals, so they see every clone. */
void fusionDuplicate(FusionGraph *g, int producer, int consumer) {
  int *slice = NULL;
  int count = fusionSlice(g, producer, consumer, &slice);
  unsigned stamp = g->visitStamp; /* fusionSlice marked exactly the slice */
  int consumerSize = g->clusters[consumer].size;
  for (int i = 0; i < count; ++i) {
    FusionNode *original = &g->nodes[slice[i]];
    MlirOperation clone = mlirOperationClone(original->op);
    mlirBlockInsertOwnedOperationAfter(g->body, original->op, clone);
    original->clone = clone;
    useClones(g, clone, stamp);
    int origin = original->origin;
    g->nodes[origin].copies += !g->nodes[origin].splat;
    int copy = addNode(g, clone, consumer); /* may move g->nodes */
    g->nodes[copy].origin = origin;
  }
  for (int i = 0; i < consumerSize; ++i)
    useClones(g, g->nodes[g->clusters[consumer].nodes[i]].op, stamp);
  /* Ops of the producer that only the consumer used are dead now; users come later in
   * the body than their operands, so erasing from the back removes whole dead chains. */
  FusionCluster *p = &g->clusters[producer];
  fusionSortByOrder(g, p->nodes, p->size);
  for (int i = p->size; i-- > 0;) {
    FusionNode *node = &g->nodes[p->nodes[i]];
    if (!isUnused(node->op))
      continue;
    dlcPointerMapPut(&g->map, node->op.ptr, -1);
    mlirOperationDestroy(node->op);
    node->cluster = -1;
    memmove(&p->nodes[i], &p->nodes[i + 1], (size_t)(p->size - i - 1) * sizeof *p->nodes);
    --p->size;
  }
  free(slice);
  renumber(g);
}
