/* Fusion.c: `dhlo-fusion`, kernel fusion of dhlo graphs driven by a cost model, after XLA's
 * priority fusion. It decides which ops share a kernel, outlines each such set into a
 * private func.func and calls it with a dhlo.fusion op of kind loop, input or output.
 *
 * How priorities work. A candidate is a producer cluster P and a consumer cluster C that
 * reads one of P's values. Its priority is the estimated time saved:
 *   gain = time(P) + time(C) - time(fused)            (FusionCostModel.h)
 * P can join C in two ways:
 *  - merge: P's ops move into C's kernel. Values of P that others still use become extra
 *    outputs of the kernel (multi-output fusion), so nothing is computed twice.
 *  - duplicate: when others still use P, C may get its own copy of the part of P it
 *    reads (its slice), and P stays for the others; then time(fused) also counts P's
 *    remaining kernel. Only cheap ops are copied (never dot_general, convolution, reduce,
 *    reduce_window, gather), and no op gets more than max-duplication copies (splat
 *    constants are literals and copy for free).
 * The better legal way is taken. A negative gain is never taken, a zero gain only when
 * the fused kernel moves fewer bytes (see taken() below). All candidates
 * wait in a priority queue, largest gain first. A popped candidate is re-evaluated, since
 * earlier fusions change its clusters, its paths and its costs: if it got worse it goes
 * back in with its new gain, otherwise it is applied, and the candidates around the new
 * kernel are evaluated and queued. When the queue is empty, every pair is evaluated once
 * more, and the loop ends when none is left to apply.
 * Then multi-output (sibling) fusion runs the same loop over pairs of clusters that read
 * a common value: merging them saves reading it twice; their iteration spaces must agree
 * (FusionLegality.c) and neither may reach the other.
 * Every refusal has a reason; with `remarks`, each decision is printed. */
#include "Transforms/Fusion.h"
#include "Transforms/FusionCostModel.h"
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"
#include "Dialects/OpRules.h"
#include "Support/Alloc.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Fuser {
  FusionGraph graph;
  FusionQueue queue;
  bool remarks;
} Fuser;

/* One way of fusing, rated. */
typedef struct Rating {
  bool legal;
  double gain;       /* microseconds saved */
  double bytesSaved; /* memory traffic saved */
  const char *kind;
  char why[256]; /* when it is not taken */
} Rating;

typedef enum Action { ActionNone, ActionMerge, ActionCopy } Action;

typedef struct Decision {
  Action action;
  double gain;
  const char *kind;
  char reason[600]; /* when action is ActionNone */
} Decision;

/* Microseconds below the model's precision: gains within it count as equal. */
static const double timeTolerance = 1e-9;

/* Rates the current set as the kernel that replaces the `unfused` kernels, next to the
 * `remaining` kernels that stay. */
static void rateSet(FusionGraph *g, FusionCost unfused, FusionCost remaining, Rating *r) {
  FusionSummary s;
  fusionSummarize(g, &s);
  r->legal = fusionCheckKernel(g, &s, r->why, sizeof r->why);
  r->gain = unfused.micros - remaining.micros - s.micros;
  r->bytesSaved = unfused.bytes - remaining.bytes - s.bytes;
  r->kind = fusionKindName(&s);
}

/* A fusion is taken if it saves time. When it saves none because the kernel is compute
 * bound (the roofline hides its memory traffic), it is taken if it moves fewer bytes:
 * a scalar constant fused into a matrix multiply's epilogue, for one. */
static bool taken(Rating *r) {
  bool better = r->gain > timeTolerance || (r->gain >= -timeTolerance && r->bytesSaved > 0);
  if (r->legal && !better)
    r->legal =
        fusionRefuse(r->why, sizeof r->why, "not profitable (estimated gain %.3g us)", r->gain);
  return r->legal;
}

/* Giving `consumer` a copy of the slice of `producer` it reads. */
static void rateCopy(FusionGraph *g, int producer, int consumer, FusionCost unfused, Rating *r) {
  int *slice = NULL;
  int count = fusionSlice(g, producer, consumer, &slice);
  FusionSummary rest; /* the producer, now without the consumer's uses */
  fusionSetBegin(g);
  fusionSetAddCluster(g, producer, FusionMarkIn);
  fusionSetAddCluster(g, consumer, FusionMarkGone);
  fusionSummarize(g, &rest);
  fusionSetBegin(g);
  fusionSetAddCluster(g, consumer, FusionMarkIn);
  fusionSetAddNodes(g, slice, count, FusionMarkCopy);
  rateSet(g, unfused, (FusionCost){rest.micros, rest.bytes}, r);
  for (int i = 0; i < count && r->legal; ++i) {
    const FusionNode *n = &g->nodes[slice[i]];
    if (n->expensive)
      r->legal = fusionRefuse(r->why, sizeof r->why, "'%s' is too expensive to duplicate", n->name);
    else if (!n->splat && g->nodes[n->origin].copies >= g->options->maxDuplication)
      r->legal =
          fusionRefuse(r->why, sizeof r->why, "would exceed max-duplication=%d copies of '%s'",
                       g->options->maxDuplication, n->name);
  }
  free(slice);
}

static void decidePair(Fuser *f, int producer, int consumer, Decision *d) {
  FusionGraph *g = &f->graph;
  FusionCost unfused = fusionClusterCost(g, producer, consumer);
  bool shared = fusionHasOtherUsers(g, producer, consumer);
  Rating merge, copy = {.legal = false};
  fusionSetBegin(g);
  fusionSetAddCluster(g, producer, FusionMarkIn);
  fusionSetAddCluster(g, consumer, FusionMarkIn);
  rateSet(g, unfused, (FusionCost){0, 0}, &merge);
  *d = (Decision){.action = ActionNone};
  /* Only other users of the producer can close a path back into the consumer. */
  if (merge.legal && shared && fusionPathExists(g, producer, consumer, true))
    merge.legal = fusionRefuse(merge.why, sizeof merge.why, "would create a cycle");
  bool mergeTaken = taken(&merge), copyTaken = false;
  if (shared) {
    rateCopy(g, producer, consumer, unfused, &copy);
    copyTaken = taken(&copy);
  }
  if (mergeTaken && (!copyTaken || merge.gain >= copy.gain)) {
    *d = (Decision){.action = ActionMerge, .gain = merge.gain, .kind = merge.kind};
  } else if (copyTaken) {
    *d = (Decision){.action = ActionCopy, .gain = copy.gain, .kind = copy.kind};
  } else if (shared && strcmp(merge.why, copy.why) != 0) {
    snprintf(d->reason, sizeof d->reason, "%s; duplicating it: %s", merge.why, copy.why);
  } else {
    snprintf(d->reason, sizeof d->reason, "%s", merge.why);
  }
}

/* Two clusters that read a common value, as one multi-output kernel. */
static void decideSiblings(Fuser *f, int a, int b, Decision *d) {
  FusionGraph *g = &f->graph;
  FusionCost unfused = fusionClusterCost(g, a, b);
  Rating merge;
  fusionSetBegin(g);
  fusionSetAddCluster(g, a, FusionMarkIn);
  fusionSetAddCluster(g, b, FusionMarkIn);
  rateSet(g, unfused, (FusionCost){0, 0}, &merge);
  if (merge.legal && (fusionPathExists(g, a, b, false) || fusionPathExists(g, b, a, false)))
    merge.legal = fusionRefuse(merge.why, sizeof merge.why, "would create a cycle");
  *d = (Decision){.action = ActionNone};
  if (taken(&merge))
    *d = (Decision){.action = ActionMerge, .gain = merge.gain, .kind = merge.kind};
  else
    snprintf(d->reason, sizeof d->reason, "%s", merge.why);
}

/* ---- Neighbourhoods ----------------------------------------------------------------- */

static void addUnique(int **list, int *size, int *capacity, int value) {
  for (int i = 0; i < *size; ++i)
    if ((*list)[i] == value)
      return;
  fusionPushInt(list, size, capacity, value);
}

/* Adds the clusters other than `cluster` that read `value`. */
static void addReaders(const FusionGraph *g, MlirValue value, int cluster, int **list, int *size,
                       int *capacity) {
  for (MlirOpOperand use = mlirValueGetFirstUse(value); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    int user = fusionUserNode(g, use);
    if (user >= 0 && g->nodes[user].cluster != cluster)
      addUnique(list, size, capacity, g->nodes[user].cluster);
  }
}

/* The clusters next to `cluster`, from its boundary. For sibling fusion, the clusters that
 * read one of its inputs; otherwise the clusters it reads from (as -1 - index) and the
 * clusters that read its outputs. Returns the count; free `*out`. */
static int neighbours(FusionGraph *g, int cluster, bool siblings, int **out) {
  FusionSummary s;
  int size = 0, capacity = 0;
  fusionSetBegin(g);
  fusionSetAddCluster(g, cluster, FusionMarkIn);
  fusionSummarize(g, &s);
  for (int i = 0; i < g->inputs.size; ++i) {
    int def = fusionDefNode(g, g->inputs.data[i]);
    if (siblings)
      addReaders(g, g->inputs.data[i], cluster, out, &size, &capacity);
    else if (def >= 0)
      addUnique(out, &size, &capacity, -1 - g->nodes[def].cluster);
  }
  for (int i = 0; i < g->outputs.size && !siblings; ++i)
    addReaders(g, g->outputs.data[i], cluster, out, &size, &capacity);
  return size;
}

/* ---- The queue ---------------------------------------------------------------------- */

static void decide(Fuser *f, bool siblings, int a, int b, Decision *d) {
  if (siblings)
    decideSiblings(f, a, b, d);
  else
    decidePair(f, a, b, d);
}

static void consider(Fuser *f, bool siblings, int a, int b) {
  Decision d;
  if (siblings && a > b) {
    int t = a;
    a = b;
    b = t;
  }
  decide(f, siblings, a, b, &d);
  if (d.action != ActionNone)
    fusionQueuePush(&f->queue, (FusionQueueEntry){d.gain, a, b});
}

static void considerAround(Fuser *f, bool siblings, int cluster) {
  int *near = NULL;
  int count = neighbours(&f->graph, cluster, siblings, &near);
  for (int i = 0; i < count; ++i) {
    if (siblings)
      consider(f, true, cluster, near[i]);
    else if (near[i] < 0)
      consider(f, false, -1 - near[i], cluster);
    else
      consider(f, false, cluster, near[i]);
  }
  free(near);
}

/* The first use of a value of `producer` by `consumer`, in body order of the user. */
static void findEdge(const FusionGraph *g, int producer, int consumer, int *def, int *user) {
  *def = *user = -1;
  const FusionCluster *c = &g->clusters[consumer];
  for (int i = 0; i < c->size; ++i) {
    const FusionNode *n = &g->nodes[c->nodes[i]];
    if (*user >= 0 && g->nodes[*user].order < n->order)
      continue;
    for (intptr_t j = 0, count = mlirOperationGetNumOperands(n->op); j < count; ++j) {
      int d = fusionDefNode(g, mlirOperationGetOperand(n->op, j));
      if (d >= 0 && g->nodes[d].cluster == producer) {
        *def = d;
        *user = c->nodes[i];
        break;
      }
    }
  }
}

/* The first reader in `a` of a value that `b` reads too, and that reader in `b`. */
static void findSiblings(const FusionGraph *g, int a, int b, int *inA, int *inB) {
  *inA = *inB = -1;
  const FusionCluster *c = &g->clusters[a];
  for (int i = 0; i < c->size && *inB < 0; ++i) {
    MlirOperation op = g->nodes[c->nodes[i]].op;
    for (intptr_t j = 0, n = mlirOperationGetNumOperands(op); j < n && *inB < 0; ++j)
      for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetOperand(op, j));
           !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use)) {
        int user = fusionUserNode(g, use);
        if (user >= 0 && g->nodes[user].cluster == b) {
          *inA = c->nodes[i];
          *inB = user;
          break;
        }
      }
  }
}

static void remarkDecision(const Fuser *f, bool siblings, int a, int b, const Decision *d) {
  const FusionGraph *g = &f->graph;
  int x, y;
  if (siblings)
    findSiblings(g, a, b, &x, &y);
  else
    findEdge(g, a, b, &x, &y);
  MlirLocation loc = mlirOperationGetLocation(g->nodes[x].op);
  if (d->action == ActionNone)
    dlcRemark(loc, "dhlo-fusion: not fusing %s'%s' %s '%s': %s", siblings ? "sibling " : "",
              g->nodes[x].name, siblings ? "with" : "into", g->nodes[y].name, d->reason);
  else
    dlcRemark(loc, "dhlo-fusion: %s %s'%s' %s '%s' (%s%s fusion, estimated gain %.3g us)",
              d->action == ActionCopy ? "duplicating" : "fusing", siblings ? "sibling " : "",
              g->nodes[x].name, siblings ? "with" : "into", g->nodes[y].name,
              siblings ? "multi-output " : "", d->kind, d->gain);
}

static void apply(Fuser *f, bool siblings, int a, int b, const Decision *d) {
  if (f->remarks)
    remarkDecision(f, siblings, a, b, d);
  int kept = siblings ? a : b;
  if (d->action == ActionCopy)
    fusionDuplicate(&f->graph, a, b);
  else if (siblings)
    fusionMerge(&f->graph, a, b);
  else
    fusionMerge(&f->graph, b, a);
  considerAround(f, siblings, kept);
  if (d->action == ActionCopy)
    considerAround(f, siblings, a);
}

static bool alive(const FusionGraph *g, int cluster) { return g->clusters[cluster].size > 0; }

/* Applies queued candidates, best first; true if any was applied. */
static bool drainQueue(Fuser *f, bool siblings) {
  FusionGraph *g = &f->graph;
  FusionQueueEntry e;
  bool applied = false;
  while (fusionQueuePop(&f->queue, &e)) {
    if (!alive(g, e.a) || !alive(g, e.b) || (!siblings && !fusionConsumes(g, e.a, e.b)))
      continue;
    Decision d;
    decide(f, siblings, e.a, e.b, &d);
    if (d.action == ActionNone)
      continue;
    if (d.gain < e.key - timeTolerance) {
      fusionQueuePush(&f->queue, (FusionQueueEntry){d.gain, e.a, e.b});
      continue;
    }
    apply(f, siblings, e.a, e.b, &d);
    applied = true;
  }
  return applied;
}

/* Queues every candidate and drains the queue until a round applies nothing; true if
 * any fusion was applied. */
static bool fuse(Fuser *f, bool siblings) {
  for (bool applied = false;; applied = true) {
    for (int c = 0; c < f->graph.numClusters; ++c)
      if (alive(&f->graph, c))
        considerAround(f, siblings, c);
    if (!drainQueue(f, siblings))
      return applied;
  }
}

/* ---- Refusals ------------------------------------------------------------------------ */

typedef struct Reported {
  int *pairs;
  int size, capacity;
} Reported;

static bool firstReport(Reported *r, int a, int b) {
  for (int i = 0; i < r->size; i += 2)
    if (r->pairs[i] == a && r->pairs[i + 1] == b)
      return false;
  fusionPushInt(&r->pairs, &r->size, &r->capacity, a);
  fusionPushInt(&r->pairs, &r->size, &r->capacity, b);
  return true;
}

static bool hasOpaque(const FusionGraph *g, int cluster) {
  const FusionCluster *c = &g->clusters[cluster];
  for (int i = 0; i < c->size; ++i)
    if (g->nodes[c->nodes[i]].role == FusionRoleOpaque)
      return true;
  return false;
}

/* Why the remaining kernels stay apart: each pair of clusters joined by a use, in body
 * order of the user, then each pair of fusible siblings not joined by a use. */
static void remarkRefusals(Fuser *f) {
  FusionGraph *g = &f->graph;
  Reported reported = {NULL, 0, 0};
  for (MlirOperation op = mlirBlockGetFirstOperation(g->body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    int user = dlcPointerMapGet(&g->map, op.ptr);
    for (intptr_t j = 0, n = user < 0 ? 0 : mlirOperationGetNumOperands(op); j < n; ++j) {
      int def = fusionDefNode(g, mlirOperationGetOperand(op, j));
      if (def < 0 || g->nodes[def].cluster == g->nodes[user].cluster ||
          !firstReport(&reported, g->nodes[def].cluster, g->nodes[user].cluster))
        continue;
      Decision d;
      decidePair(f, g->nodes[def].cluster, g->nodes[user].cluster, &d);
      if (d.action == ActionNone)
        remarkDecision(f, false, g->nodes[def].cluster, g->nodes[user].cluster, &d);
    }
  }
  for (int a = 0; a < g->numClusters; ++a) {
    if (!alive(g, a) || hasOpaque(g, a))
      continue;
    int *near = NULL;
    int count = neighbours(g, a, true, &near);
    for (int i = 0; i < count; ++i) {
      int b = near[i];
      if (b < a || hasOpaque(g, b) || fusionConsumes(g, a, b) || fusionConsumes(g, b, a) ||
          !firstReport(&reported, a, b))
        continue;
      Decision d;
      decideSiblings(f, a, b, &d);
      if (d.action == ActionNone)
        remarkDecision(f, true, a, b, &d);
    }
    free(near);
  }
  free(reported.pairs);
}

/* ---- The pass ------------------------------------------------------------------------ */

enum { optBandwidth, optPeak, optMaxOps, optMaxDuplication, optRemarks, optDotFile, numOptions };

static const DlcPassOptionInfo fusionOptions[] = {
    [optBandwidth] = {"memory-bandwidth-gbs", DlcPassOptionInt, "30",
                      "Memory bandwidth of the cost model's roofline, in GB/s"},
    [optPeak] = {"peak-gflops", DlcPassOptionInt, "200",
                 "Peak compute of the cost model's roofline, in GFLOP/s"},
    [optMaxOps] = {"max-fusion-ops", DlcPassOptionInt, "32", "Most ops in one fused kernel"},
    [optMaxDuplication] = {"max-duplication", DlcPassOptionInt, "1",
                           "Most extra copies of one cheap op made to fuse it into several "
                           "consumers"},
    [optRemarks] = {"remarks", DlcPassOptionBool, "false",
                    "Print each fusion decision and refusal as a remark on stderr"},
    [optDotFile] = {"dot-file", DlcPassOptionString, "",
                    "Write the fused graph as Graphviz DOT to this file"},
};

typedef struct CallerSearch {
  MlirStringRef callee;
  bool found;
} CallerSearch;

static MlirWalkResult findCaller(MlirOperation op, void *userData) {
  CallerSearch *search = userData;
  if (!dlcIsDlcOp(op))
    return MlirWalkResultAdvance;
  const DlcOpRule *rule = dlcLookupOpRule(mlirIdentifierStr(mlirOperationGetName(op)));
  if (!rule || !(rule->traits & DLC_TRAIT_CALLS))
    return MlirWalkResultAdvance;
  for (intptr_t i = 0, n = mlirOperationGetNumAttributes(op); i < n && !search->found; ++i) {
    MlirAttribute attr = mlirOperationGetAttribute(op, i).attribute;
    search->found = mlirAttributeIsAFlatSymbolRef(attr) &&
                    mlirStringRefEqual(mlirFlatSymbolRefAttrGetValue(attr), search->callee);
  }
  return search->found ? MlirWalkResultInterrupt : MlirWalkResultAdvance;
}

/* The functions to fuse: func.func ops of the module with a one-block body that no dhlo
 * op calls as a computation (a reduce's to_apply, a fusion's calls): those are bodies of
 * other ops, not graphs. */
static int graphFunctions(MlirOperation module, MlirOperation **out) {
  int count = 0;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!dlcStrEq(mlirIdentifierStr(mlirOperationGetName(op)), "func.func"))
      continue;
    MlirBlock first = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
    if (mlirBlockIsNull(first) || !mlirBlockIsNull(mlirBlockGetNextInRegion(first)))
      continue;
    CallerSearch search = {
        mlirStringAttrGetValue(mlirOperationGetAttributeByName(op, dlcStr("sym_name"))), false};
    mlirOperationWalk(module, findCaller, &search, MlirWalkPreOrder);
    if (search.found)
      continue;
    *out = dlcRealloc(*out, (size_t)(count + 1) * sizeof **out);
    (*out)[count++] = op;
  }
  return count;
}

static bool checkOptions(MlirOperation module, const DlcPassOptionValue *options) {
  static const struct {
    int option;
    int64_t least;
  } bounds[] = {{optBandwidth, 1}, {optPeak, 1}, {optMaxOps, 1}, {optMaxDuplication, 0}};
  for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; ++i) {
    int64_t value = options[bounds[i].option].i;
    if (value >= bounds[i].least && value <= INT_MAX)
      continue;
    char message[256];
    snprintf(message, sizeof message,
             "dhlo-fusion: option '%s' must be an integer in [%lld, %d], got %lld",
             fusionOptions[bounds[i].option].name, (long long)bounds[i].least, INT_MAX,
             (long long)value);
    mlirEmitError(mlirOperationGetLocation(module), message);
    return false;
  }
  return true;
}

static void runFusion(MlirOperation module, MlirExternalPass pass,
                      const DlcPassOptionValue *options) {
  if (!checkOptions(module, options)) {
    mlirExternalPassSignalFailure(pass);
    return;
  }
  FusionOptions settings = {
      .bandwidthGBs = (double)options[optBandwidth].i,
      .peakGflops = (double)options[optPeak].i,
      .maxOps = (int)options[optMaxOps].i,
      .maxDuplication = (int)options[optMaxDuplication].i,
  };
  FILE *dot = NULL;
  if (options[optDotFile].s[0]) {
    dot = fopen(options[optDotFile].s, "w");
    if (!dot) {
      char message[512];
      snprintf(message, sizeof message, "dhlo-fusion: cannot write dot-file '%s'",
               options[optDotFile].s);
      mlirEmitError(mlirOperationGetLocation(module), message);
      mlirExternalPassSignalFailure(pass);
      return;
    }
    fusionDotBegin(dot);
  }
  MlirOperation *funcs = NULL;
  int count = graphFunctions(module, &funcs);
  FusionOutline outline = {.symbols = mlirSymbolTableCreate(module)};
  for (int i = 0; i < count; ++i) {
    Fuser f = {.remarks = options[optRemarks].b};
    fusionGraphBuild(&f.graph, funcs[i], &settings);
    /* Producer-consumer fusion, then sibling fusion, until neither finds anything. */
    fuse(&f, false);
    for (bool changed = true; changed;)
      changed = fuse(&f, true) && fuse(&f, false);
    if (f.remarks)
      remarkRefusals(&f);
    outline.after = funcs[i];
    fusionCreateCallees(&f.graph, &outline);
    if (dot)
      fusionDotFunction(dot, &f.graph, &outline, i);
    fusionReplaceClusters(&f.graph, &outline);
    fusionOutlineReset(&outline);
    fusionGraphDestroy(&f.graph);
    free(f.queue.data);
  }
  mlirSymbolTableDestroy(outline.symbols);
  free(funcs);
  if (dot) {
    fusionDotEnd(dot);
    fclose(dot);
  }
}

const DlcPassDef dlcFusionPass = {
    .info = {.argument = "dhlo-fusion",
             .summary = "Fuse dhlo ops into kernels (loop, input, output, multi-output) by a "
                        "roofline cost model",
             .anchor = "builtin.module",
             .numOptions = numOptions,
             .options = fusionOptions},
    .run = runFusion,
};
