/* FusionOutline.c: turns each cluster of two or more ops into a private func.func (the
 * fused computation, @fused_N) and a dhlo.fusion op that calls it, then puts the body
 * back into an order where every value is defined before its uses. */
#include "Transforms/Fusion.h"
#include "Transforms/FusionCostModel.h"
#include "Transforms/Transforms.h"
#include "Support/Alloc.h"
#include "dlc/Support.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { numOperandGroups = 16, numResultGroups = 4 };

const char *fusionKindName(const FusionSummary *s) {
  return s->contraction >= 0 ? "output" : s->reduce >= 0 ? "input" : "loop";
}

/* dhlo.fusion's variadic groups each hold values of one type (IRDL unifies a group's
 * types), so values of one type are made consecutive, types in order of first appearance;
 * `sizes` receives the group sizes. Legality already bounded the number of types. */
static void groupByType(FusionValues *values, int32_t *sizes, int numGroups) {
  MlirValue *grouped = dlcAlloc((size_t)(values->size ? values->size : 1) * sizeof *grouped);
  bool *taken = dlcAllocZeroed((size_t)(values->size ? values->size : 1), sizeof *taken);
  int count = 0, group = 0;
  memset(sizes, 0, (size_t)numGroups * sizeof *sizes);
  for (int i = 0; i < values->size; ++i) {
    if (taken[i])
      continue;
    MlirType type = mlirValueGetType(values->data[i]);
    for (int j = i; j < values->size; ++j)
      if (!taken[j] && mlirTypeEqual(type, mlirValueGetType(values->data[j]))) {
        taken[j] = true;
        grouped[count++] = values->data[j];
        ++sizes[group];
      }
    ++group;
  }
  memcpy(values->data, grouped, (size_t)count * sizeof *grouped);
  free(taken);
  free(grouped);
}

/* Makes `cluster` the current set and its boundary grouped by type. */
static void clusterBoundary(FusionGraph *g, int cluster, FusionSummary *s, int32_t *inSizes,
                            int32_t *outSizes) {
  fusionSetBegin(g);
  fusionSetAddCluster(g, cluster, FusionMarkIn);
  fusionSummarize(g, s);
  groupByType(&g->inputs, inSizes, numOperandGroups);
  groupByType(&g->outputs, outSizes, numResultGroups);
}

static MlirType *valueTypes(const FusionValues *values) {
  MlirType *types = dlcAlloc((size_t)(values->size ? values->size : 1) * sizeof *types);
  for (int i = 0; i < values->size; ++i)
    types[i] = mlirValueGetType(values->data[i]);
  return types;
}

static MlirNamedAttribute named(MlirContext ctx, const char *name, MlirAttribute attr) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, dlcStr(name)), attr);
}

/* The value inside the callee that stands for `value` of the body: a block argument for
 * an input, the clone's result for a value computed in the set. */
static MlirValue calleeValue(const FusionGraph *g, MlirBlock block, MlirValue value) {
  int def = fusionDefNode(g, value);
  if (fusionSetComputes(g, def))
    return mlirOperationGetResult(g->nodes[def].clone, mlirOpResultGetResultNumber(value));
  for (int i = 0; i < g->inputs.size; ++i)
    if (mlirValueEqual(g->inputs.data[i], value))
      return mlirBlockGetArgument(block, i);
  return value;
}

/* The fused computation: the set's ops cloned in body order into a fresh block whose
 * arguments are the inputs, returning the outputs. Called computations (a reduce's
 * to_apply) stay where they are: the clone names the same symbol in the same module. */
static MlirOperation buildCallee(FusionGraph *g, MlirLocation loc, const char *name) {
  MlirContext ctx = mlirOperationGetContext(g->func);
  MlirType *inTypes = valueTypes(&g->inputs), *outTypes = valueTypes(&g->outputs);
  MlirLocation *locs = dlcAlloc((size_t)(g->inputs.size ? g->inputs.size : 1) * sizeof *locs);
  for (int i = 0; i < g->inputs.size; ++i)
    locs[i] = loc;
  MlirBlock block = mlirBlockCreate(g->inputs.size, inTypes, locs);
  for (int i = 0; i < g->setSize; ++i) {
    FusionNode *n = &g->nodes[g->set[i]];
    n->clone = mlirOperationClone(n->op);
    for (intptr_t j = 0, count = mlirOperationGetNumOperands(n->clone); j < count; ++j)
      mlirOperationSetOperand(n->clone, j,
                              calleeValue(g, block, mlirOperationGetOperand(n->op, j)));
    mlirBlockAppendOwnedOperation(block, n->clone);
  }
  MlirValue *returned =
      dlcAlloc((size_t)(g->outputs.size ? g->outputs.size : 1) * sizeof *returned);
  for (int i = 0; i < g->outputs.size; ++i)
    returned[i] = calleeValue(g, block, g->outputs.data[i]);
  MlirOperationState ret = mlirOperationStateGet(dlcStr("func.return"), loc);
  mlirOperationStateAddOperands(&ret, g->outputs.size, returned);
  mlirBlockAppendOwnedOperation(block, mlirOperationCreate(&ret));

  MlirRegion region = mlirRegionCreate();
  mlirRegionAppendOwnedBlock(region, block);
  MlirType type = mlirFunctionTypeGet(ctx, g->inputs.size, inTypes, g->outputs.size, outTypes);
  MlirNamedAttribute attrs[] = {
      named(ctx, "sym_name", mlirStringAttrGet(ctx, dlcStr(name))),
      named(ctx, "function_type", mlirTypeAttrGet(type)),
      named(ctx, "sym_visibility", mlirStringAttrGet(ctx, dlcStr("private"))),
  };
  MlirOperationState state = mlirOperationStateGet(dlcStr("func.func"), loc);
  mlirOperationStateAddAttributes(&state, 3, attrs);
  mlirOperationStateAddOwnedRegions(&state, 1, &region);
  free(returned);
  free(locs);
  free(outTypes);
  free(inTypes);
  return mlirOperationCreate(&state);
}

/* The op that ends the set in body order: the fusion takes its place and location. */
static MlirOperation lastOp(const FusionGraph *g) { return g->nodes[g->set[g->setSize - 1]].op; }

static int compareFirst(const void *a, const void *b) {
  const int *x = a, *y = b;
  return (x[0] > y[0]) - (x[0] < y[0]);
}

void fusionCreateCallees(FusionGraph *g, FusionOutline *outline) {
  outline->numClusters = g->numClusters;
  outline->names = dlcAllocZeroed((size_t)g->numClusters, sizeof *outline->names);
  outline->kinds = dlcAllocZeroed((size_t)g->numClusters, sizeof *outline->kinds);
  /* Number the fusions in body order of their last op, where each dhlo.fusion will be:
   * (last order, cluster) pairs. */
  int(*fused)[2] = dlcAlloc((size_t)(g->numClusters ? g->numClusters : 1) * sizeof *fused);
  int count = 0;
  for (int c = 0; c < g->numClusters; ++c) {
    const FusionCluster *cluster = &g->clusters[c];
    if (cluster->size < 2)
      continue;
    int last = 0;
    for (int i = 0; i < cluster->size; ++i)
      last = g->nodes[cluster->nodes[i]].order > last ? g->nodes[cluster->nodes[i]].order : last;
    fused[count][0] = last;
    fused[count++][1] = c;
  }
  qsort(fused, (size_t)count, sizeof *fused, compareFirst);
  for (int i = 0; i < count; ++i) {
    int c = fused[i][1];
    FusionSummary s;
    int32_t inSizes[numOperandGroups], outSizes[numResultGroups];
    clusterBoundary(g, c, &s, inSizes, outSizes);
    char name[32];
    snprintf(name, sizeof name, "fused_%d", outline->counter++);
    MlirOperation callee = buildCallee(g, mlirOperationGetLocation(lastOp(g)), name);
    MlirBlock module = mlirOperationGetBlock(outline->after);
    mlirBlockInsertOwnedOperationAfter(module, outline->after, callee);
    outline->after = callee;
    /* The symbol table renames the callee if the module already has that name. */
    MlirStringRef unique = mlirStringAttrGetValue(mlirSymbolTableInsert(outline->symbols, callee));
    outline->names[c] = dlcStrndup(unique.data, unique.length);
    outline->kinds[c] = fusionKindName(&s);
  }
  free(fused);
}

/* ---- Replacing clusters by dhlo.fusion ---------------------------------------------- */

static MlirOperation buildFusion(const FusionGraph *g, const char *callee, const char *kind,
                                 const int32_t *inSizes, const int32_t *outSizes) {
  MlirContext ctx = mlirOperationGetContext(g->func);
  MlirType *outTypes = valueTypes(&g->outputs);
  MlirNamedAttribute attrs[] = {
      named(ctx, "kind", mlirStringAttrGet(ctx, dlcStr(kind))),
      named(ctx, "calls", mlirFlatSymbolRefAttrGet(ctx, dlcStr(callee))),
      named(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, numOperandGroups, inSizes)),
      named(ctx, "resultSegmentSizes", mlirDenseI32ArrayGet(ctx, numResultGroups, outSizes)),
  };
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("dhlo.fusion"), mlirOperationGetLocation(lastOp(g)));
  mlirOperationStateAddOperands(&state, g->inputs.size, g->inputs.data);
  mlirOperationStateAddResults(&state, g->outputs.size, outTypes);
  mlirOperationStateAddAttributes(&state, 4, attrs);
  free(outTypes);
  return mlirOperationCreate(&state);
}

/* Restores dominance after outlining. A fusion sits where its last op was, but a user of
 * one of its outputs may have come earlier in the body (the cycle check only guarantees
 * that such a user does not lead back into the fusion). Kahn's algorithm, taking the
 * earliest ready op first, yields an order that keeps the original one where it can. */
typedef struct Dependences {
  const DlcPointerMap *positions;
  MlirBlock body;
  int self;
  int *edges; /* pairs: producer position, user position */
  int size, capacity;
} Dependences;

static MlirWalkResult collectDependences(MlirOperation op, void *userData) {
  Dependences *d = userData;
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i) {
    MlirValue value = mlirOperationGetOperand(op, i);
    if (!mlirValueIsAOpResult(value))
      continue;
    MlirOperation def = mlirOpResultGetOwner(value);
    while (!mlirOperationIsNull(def) && !mlirBlockEqual(mlirOperationGetBlock(def), d->body))
      def = mlirOperationGetParentOperation(def);
    int position = mlirOperationIsNull(def) ? -1 : dlcPointerMapGet(d->positions, def.ptr);
    if (position >= 0 && position != d->self) {
      fusionPushInt(&d->edges, &d->size, &d->capacity, position);
      fusionPushInt(&d->edges, &d->size, &d->capacity, d->self);
    }
  }
  return MlirWalkResultAdvance;
}

static void restoreOrder(MlirBlock body) {
  MlirOperation terminator = mlirBlockGetTerminator(body);
  DlcPointerMap positions = {NULL, NULL, 0, 0};
  int count = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationEqual(op, terminator);
       op = mlirOperationGetNextInBlock(op))
    ++count;
  MlirOperation *ops = dlcAlloc((size_t)(count ? count : 1) * sizeof *ops);
  count = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationEqual(op, terminator);
       op = mlirOperationGetNextInBlock(op)) {
    dlcPointerMapPut(&positions, op.ptr, count);
    ops[count++] = op;
  }
  Dependences d = {.positions = &positions, .body = body};
  for (d.self = 0; d.self < count; ++d.self)
    mlirOperationWalk(ops[d.self], collectDependences, &d, MlirWalkPreOrder);
  /* Users of each op, by producer (compressed rows), and each op's unplaced producers. */
  int numEdges = d.size / 2;
  int *waiting = dlcAllocZeroed((size_t)count + 1, sizeof *waiting);
  int *start = dlcAllocZeroed((size_t)count + 1, sizeof *start);
  int *users = dlcAlloc((size_t)(numEdges ? numEdges : 1) * sizeof *users);
  for (int e = 0; e < numEdges; ++e) {
    ++start[d.edges[2 * e] + 1];
    ++waiting[d.edges[2 * e + 1]];
  }
  for (int i = 0; i < count; ++i)
    start[i + 1] += start[i];
  int *fill = dlcAlloc(((size_t)count + 1) * sizeof *fill);
  memcpy(fill, start, ((size_t)count + 1) * sizeof *fill);
  for (int e = 0; e < numEdges; ++e)
    users[fill[d.edges[2 * e]]++] = d.edges[2 * e + 1];
  FusionQueue ready = {NULL, 0, 0};
  for (int i = 0; i < count; ++i)
    if (!waiting[i])
      fusionQueuePush(&ready, (FusionQueueEntry){-(double)i, i, 0});
  FusionQueueEntry next;
  bool moved = false;
  for (int placed = 0; fusionQueuePop(&ready, &next); ++placed) {
    moved |= next.a != placed;
    if (moved)
      mlirOperationMoveBefore(ops[next.a], terminator);
    for (int e = start[next.a]; e < start[next.a + 1]; ++e)
      if (--waiting[users[e]] == 0)
        fusionQueuePush(&ready, (FusionQueueEntry){-(double)users[e], users[e], 0});
  }
  free(ready.data);
  free(fill);
  free(users);
  free(start);
  free(waiting);
  free(d.edges);
  free(ops);
  dlcPointerMapDestroy(&positions);
}

void fusionReplaceClusters(FusionGraph *g, const FusionOutline *outline) {
  for (int c = 0; c < g->numClusters; ++c) {
    if (!outline->names[c])
      continue;
    FusionSummary s;
    int32_t inSizes[numOperandGroups], outSizes[numResultGroups];
    clusterBoundary(g, c, &s, inSizes, outSizes);
    MlirOperation fusion = buildFusion(g, outline->names[c], outline->kinds[c], inSizes, outSizes);
    mlirBlockInsertOwnedOperationAfter(g->body, lastOp(g), fusion);
    for (int i = 0; i < g->outputs.size; ++i)
      mlirValueReplaceAllUsesOfWith(g->outputs.data[i], mlirOperationGetResult(fusion, i));
    /* Users come after their operands: erasing backwards never leaves a use dangling. */
    for (int i = g->setSize; i-- > 0;) {
      dlcPointerMapPut(&g->map, g->nodes[g->set[i]].op.ptr, -1);
      mlirOperationDestroy(g->nodes[g->set[i]].op);
      g->nodes[g->set[i]].cluster = -1;
    }
    g->clusters[c].size = 0;
  }
  restoreOrder(g->body);
}

void fusionOutlineReset(FusionOutline *outline) {
  for (int i = 0; outline->names && i < outline->numClusters; ++i)
    free(outline->names[i]);
  free(outline->names);
  free(outline->kinds);
  outline->names = NULL;
  outline->kinds = NULL;
  outline->numClusters = 0;
}
