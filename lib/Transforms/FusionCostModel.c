/* FusionCostModel.c: the roofline estimate of dhlo-fusion (see FusionCostModel.h for the
 * formula): flops per op, bytes per value, and the summary of a candidate kernel. */
#include "Transforms/FusionCostModel.h"
#include "Dialects/OpRules.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <math.h>
#include <string.h>

/* Flops per element of an elementwise op. Transcendental functions cost a polynomial
 * (dlc emits its own approximations); square roots and divisions a few steps of
 * refinement; everything else one instruction. */
static double elementwiseFlops(MlirStringRef name) {
  static const char *const transcendental[] = {
      "dhlo.exponential", "dhlo.log",  "dhlo.log_plus_one", "dhlo.tanh",
      "dhlo.logistic",    "dhlo.sine", "dhlo.cosine",       "dhlo.power"};
  static const char *const iterative[] = {"dhlo.sqrt", "dhlo.rsqrt", "dhlo.divide",
                                          "dhlo.remainder"};
  for (size_t i = 0; i < sizeof transcendental / sizeof transcendental[0]; ++i)
    if (dlcStrEq(name, transcendental[i]))
      return 16;
  for (size_t i = 0; i < sizeof iterative / sizeof iterative[0]; ++i)
    if (dlcStrEq(name, iterative[i]))
      return 4;
  return 1;
}

static double product(MlirType type, const int64_t *dims, intptr_t count) {
  double n = 1;
  for (intptr_t i = 0; i < count; ++i)
    n *= (double)mlirShapedTypeGetDimSize(type, dims[i]);
  return n;
}

/* A dot_general does one multiply-add per result element and contracted position. */
static double dotFlops(MlirOperation op, double resultElems) {
  MlirAttribute dims = mlirOperationGetAttributeByName(op, dlcStr("lhs_contracting_dimensions"));
  MlirType lhs = mlirValueGetType(mlirOperationGetOperand(op, 0));
  if (mlirAttributeIsNull(dims) || !mlirAttributeIsADenseI64Array(dims))
    return 2 * resultElems;
  int64_t list[DLC_MAX_RANK];
  intptr_t n = mlirDenseArrayGetNumElements(dims);
  for (intptr_t i = 0; i < n && i < DLC_MAX_RANK; ++i)
    list[i] = mlirDenseI64ArrayGetElement(dims, i);
  return 2 * resultElems * product(lhs, list, n < DLC_MAX_RANK ? n : DLC_MAX_RANK);
}

/* A convolution does one multiply-add per result element and kernel element feeding it:
 * the kernel's elements divided by its output features (dimension_numbers names that
 * dimension 'o' in the kernel labels, "b01f_01io->b01f"). */
static double convolutionFlops(MlirOperation op, double resultElems) {
  MlirValue kernel = mlirOperationGetOperand(op, 1);
  MlirType type = mlirValueGetType(kernel);
  MlirAttribute labels = mlirOperationGetAttributeByName(op, dlcStr("dimension_numbers"));
  double outputs = 1;
  if (!mlirAttributeIsNull(labels) && mlirAttributeIsAString(labels)) {
    MlirStringRef text = mlirStringAttrGetValue(labels);
    const char *kernelLabels = memchr(text.data, '_', text.length);
    for (intptr_t i = 0; kernelLabels && kernelLabels + 1 + i < text.data + text.length &&
                         i < mlirShapedTypeGetRank(type);
         ++i)
      if (kernelLabels[1 + i] == 'o')
        outputs = (double)mlirShapedTypeGetDimSize(type, i);
  }
  return 2 * resultElems * (double)fusionValueElems(kernel) / outputs;
}

double fusionOpFlops(MlirOperation op, FusionRole role) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  double elems =
      mlirOperationGetNumResults(op) ? (double)fusionValueElems(mlirOperationGetResult(op, 0)) : 0;
  switch (role) {
  case FusionRoleReduce:
    return (double)fusionValueElems(mlirOperationGetOperand(op, 0));
  case FusionRoleContraction:
    return dlcStrEq(name, "dhlo.dot_general") ? dotFlops(op, elems) : convolutionFlops(op, elems);
  case FusionRoleLoop:
    if (dlcStrEq(name, "dhlo.broadcast_in_dim") || dlcStrEq(name, "dhlo.reshape") ||
        dlcStrEq(name, "dhlo.transpose"))
      return 0;
    return elems * elementwiseFlops(name);
  case FusionRoleConstant:
  case FusionRoleOpaque:
    return 0;
  }
  return 0;
}

static double valueBytes(MlirValue value) {
  MlirType type = mlirValueGetType(value);
  if (!mlirTypeIsARankedTensor(type))
    return 0;
  MlirType element = mlirShapedTypeGetElementType(type);
  int64_t bits = mlirTypeIsAInteger(element) ? mlirIntegerTypeGetWidth(element)
                 : mlirTypeIsAFloat(element) ? mlirFloatTypeGetWidth(element)
                                             : 64;
  return (double)fusionValueElems(value) * (double)((bits + 7) / 8);
}

static double rooflineMicros(const FusionOptions *options, double bytes, double flops) {
  double memory = bytes / (options->bandwidthGBs * 1e3); /* GB/s = 1e3 bytes per us */
  double compute = flops / (options->peakGflops * 1e3);
  return memory > compute ? memory : compute;
}

/* True if the kernel must write `value`: the terminator or an op outside the set uses it.
 * Uses by FusionMarkGone ops do not count. */
static bool usedOutside(const FusionGraph *g, MlirValue value) {
  for (MlirOpOperand use = mlirValueGetFirstUse(value); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    int user = fusionUserNode(g, use);
    if (fusionSetMark(g, user) == FusionMarkNone)
      return true;
  }
  return false;
}

/* The set's rows, when it holds a reduction: elements of its result and of its operand
 * (a legal set's reductions all agree). */
typedef struct Rows {
  int64_t rowElems, spaceElems;
} Rows;

static Rows setRows(const FusionGraph *g) {
  for (int i = 0; i < g->setSize; ++i) {
    const FusionNode *n = &g->nodes[g->set[i]];
    if (n->role == FusionRoleReduce)
      return (Rows){n->elems, fusionValueElems(mlirOperationGetOperand(n->op, 0))};
  }
  return (Rows){-1, -1};
}

/* Evaluations of each element of `node` (see FusionCostModel.h); users come later in the
 * body, so visiting the set backwards sees every user first. */
static double evalsOf(const FusionGraph *g, int node, Rows rows) {
  const FusionNode *n = &g->nodes[node];
  double evals = 0;
  for (intptr_t r = 0, count = mlirOperationGetNumResults(n->op); r < count; ++r) {
    MlirValue value = mlirOperationGetResult(n->op, r);
    for (MlirOpOperand use = mlirValueGetFirstUse(value); !mlirOpOperandIsNull(use);
         use = mlirOpOperandGetNextUse(use)) {
      int user = fusionUserNode(g, use);
      int mark = fusionSetMark(g, user);
      if (mark == FusionMarkNone && n->setMark == FusionMarkIn)
        evals = fmax(evals, 1);
      else if (mark == FusionMarkIn || mark == FusionMarkCopy) {
        const FusionNode *u = &g->nodes[user];
        MlirType type = mlirValueGetType(value);
        bool perRow = n->elems == rows.rowElems && u->elems == rows.spaceElems &&
                      mlirTypeIsARankedTensor(type) &&
                      fusionIsRange(u->op, "broadcast_dimensions", 0, mlirShapedTypeGetRank(type));
        double ratio = u->broadcast && !perRow && n->elems > 0
                           ? (double)u->elems / (double)n->elems
                           : 1;
        evals = fmax(evals, u->evals * ratio);
      }
    }
  }
  return evals;
}

void fusionSummarize(FusionGraph *g, FusionSummary *s) {
  memset(s, 0, sizeof *s);
  s->contraction = s->reduce = -1;
  s->onlyConstants = true;
  g->inputs.size = g->outputs.size = 0;
  fusionSortByOrder(g, g->set, g->setSize);
  Rows rows = setRows(g);
  for (int i = g->setSize; i-- > 0;)
    g->nodes[g->set[i]].evals = evalsOf(g, g->set[i], rows);
  for (int i = 0; i < g->setSize; ++i) {
    int index = g->set[i];
    FusionNode *n = &g->nodes[index];
    ++s->numOps;
    s->onlyConstants &= n->role == FusionRoleConstant;
    if (n->role == FusionRoleContraction) {
      s->contraction = index;
      ++s->numContractions;
    } else if (n->role == FusionRoleReduce) {
      s->reduce = index;
      ++s->numReduces;
    }
    if (n->evals == 0) /* dead in this kernel: it reads nothing */
      continue;
    s->flops += n->flops * n->evals;
    if (n->role == FusionRoleConstant && !n->splat)
      s->bytes += valueBytes(mlirOperationGetResult(n->op, 0));
    for (intptr_t j = 0, count = mlirOperationGetNumOperands(n->op); j < count; ++j) {
      MlirValue value = mlirOperationGetOperand(n->op, j);
      if (!fusionSetComputes(g, fusionDefNode(g, value)) && !fusionValuesContain(&g->inputs, value))
        fusionValuesPush(&g->inputs, value);
    }
    for (intptr_t r = 0, count = mlirOperationGetNumResults(n->op); r < count; ++r) {
      MlirValue value = mlirOperationGetResult(n->op, r);
      if (n->setMark == FusionMarkIn && usedOutside(g, value))
        fusionValuesPush(&g->outputs, value);
    }
  }
  for (int i = 0; i < g->inputs.size; ++i)
    s->bytes += valueBytes(g->inputs.data[i]);
  for (int i = 0; i < g->outputs.size; ++i)
    s->bytes += valueBytes(g->outputs.data[i]);
  if (s->onlyConstants) /* data, not a kernel */
    s->bytes = 0;
  s->micros = rooflineMicros(g->options, s->bytes, s->flops);
}

FusionCost fusionClusterCost(FusionGraph *g, int a, int b) {
  FusionCost cost = {0, 0};
  int clusters[] = {a, b};
  for (int i = 0; i < 2; ++i) {
    FusionSummary s;
    fusionSetBegin(g);
    fusionSetAddCluster(g, clusters[i], FusionMarkIn);
    fusionSummarize(g, &s);
    cost.micros += s.micros;
    cost.bytes += s.bytes;
  }
  return cost;
}
