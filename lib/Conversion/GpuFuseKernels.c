/* GpuFuseKernels.c: `dlc-gpu-fuse-kernels` makes the linalg.generic ops on buffers that one
 * dhlo.fusion became (consecutive ops with the same `dlc.fusion` tag, CallsToLinalg.c) one
 * gpu.launch when they share their outer "row" loops: softmax, layer norm, sums over rows.
 * Each op of the group is a step of the kernel, in program order:
 *   - a row op (the row loops only: an accumulator's fill, mean = sum / n) is computed
 *     by every thread into a register;
 *   - an elementwise op over rows x columns runs in a loop of the block's threads striding
 *     over the row's columns;
 *   - a row reduction folds the same strided columns in each thread, then combines the
 *     threads with gpu.all_reduce (dlcBlockReduceRow), whose total every thread gets.
 * One block per row. Every thread handles the same columns (tx, tx + threads, ...) in every
 * step and reads row values from registers, so a thread only reads memory that it wrote
 * itself or that the kernel does not write: no gpu.barrier is needed between steps (the
 * only cross-thread communication is gpu.all_reduce, which synchronizes the block itself).
 * That is why the pass insists on it: buffers the group writes are written and read at
 * (row, column) or (row) exactly, are never read by the group before it writes them, and
 * are memref.alloc results or function arguments not read through another view.
 *
 * Row buffers store only where something after the kernel reads them (thread 0 stores);
 * a column buffer only the group uses lives in workgroup memory when the row fits (else in
 * its global buffer); allocations left unused are erased. Where a group breaks a rule, its
 * longest start that keeps them becomes the kernel (a dot fusion's fill and reduction before
 * an epilogue over other loops) and the ops after it are grouped again; ops in no such group
 * keep today's kernels, one per op (dlc-gpu-map-reductions, dlc-gpu-map-loops): never wrong
 * code. A group of elementwise ops only is left alone (linalg fusion made it one op). */
#include "Conversion/Gpu.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <stdlib.h>
#include <string.h>

enum {
  MaxSteps = 64,
  MaxBuffers = 64,
  /* Workgroup memory for rows: within the 48 KiB every chip has statically, with room
   * for gpu.all_reduce's own buffers. */
  MaxWorkgroupBytes = 32 * 1024,
};

typedef enum StepKind { StepRow, StepElementwise, StepReduce } StepKind;

/* A buffer the group writes. */
typedef struct Buffer {
  MlirValue value;
  bool isRow;      /* indexed by the row loops (else by rows and the column) */
  bool local;      /* read by nothing after the kernel */
  size_t lastWriter; /* the step whose value row buffers store */
  MlirValue reg;   /* row buffers: the current row's value, in every thread */
  MlirValue shared; /* local column buffers in workgroup memory: the row */
} Buffer;

typedef struct Group {
  DlcRowReduction steps[MaxSteps]; /* steps[i].g for every kind; the rest for reductions */
  StepKind kinds[MaxSteps];
  size_t numSteps;
  Buffer buffers[MaxBuffers];
  size_t numBuffers;
  intptr_t rank; /* row loops */
  int64_t extents[DlcGpuMaxLoops]; /* rows..., columns */
  int64_t threads;
  DlcLaunch l;
  MlirValue tx0; /* threadId == 0 */
  MlirValue hoisted[DlcGpuMaxOperands]; /* the current step's inputs loaded once per row */
} Group;

/* The index of buffer `v` in the group's, -1 if the group does not write it. */
static intptr_t bufferIndex(const Group *gr, MlirValue v) {
  for (size_t i = 0; i < gr->numBuffers; ++i)
    if (mlirValueEqual(gr->buffers[i].value, v))
      return (intptr_t)i;
  return -1;
}

static Buffer *findBuffer(Group *gr, MlirValue v) {
  intptr_t i = bufferIndex(gr, v);
  return i < 0 ? NULL : &gr->buffers[i];
}

/* ---- Finding groups ---------------------------------------------------------------------- */

/* Whether `next` joins the group that `last` ends: same fusion, same block, only inert
 * ops between them. */
static bool continuesGroup(MlirOperation last, MlirOperation next) {
  MlirAttribute a = dlcFusionOf(last), b = dlcFusionOf(next);
  if (mlirAttributeIsNull(a) || mlirAttributeIsNull(b) || !mlirAttributeEqual(a, b) ||
      !mlirBlockEqual(mlirOperationGetBlock(last), mlirOperationGetBlock(next)))
    return false;
  for (MlirOperation op = mlirOperationGetNextInBlock(last); !mlirOperationEqual(op, next);
       op = mlirOperationGetNextInBlock(op))
    if (mlirOperationIsNull(op) || !dlcIsInertHostOp(op))
      return false;
  return true;
}

/* ---- Checking a group -------------------------------------------------------------------- */

/* Whether `map` reads a buffer at exactly the loop indices (d0, ..., d{n-1}). */
static bool isPrefixIdentity(MlirAffineMap map, intptr_t n) {
  if (mlirAffineMapGetNumResults(map) != n)
    return false;
  for (intptr_t j = 0; j < n; ++j) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, j);
    if (!mlirAffineExprIsADim(e) || mlirAffineDimExprGetPosition(e) != j)
      return false;
  }
  return true;
}

static bool sameExtents(const Group *gr, const DlcGeneric *g) {
  for (intptr_t d = 0; d < g->numLoops; ++d)
    if (g->extents[d] != gr->extents[d])
      return false;
  return true;
}

/* Classifies step `i` (rank, extents and row loops known). */
static bool classify(Group *gr, size_t i) {
  const DlcGeneric *g = &gr->steps[i].g;
  bool anyReduction = false;
  for (intptr_t d = 0; d < g->numLoops; ++d)
    anyReduction |= g->reduction[d];
  if (!sameExtents(gr, g))
    return false;
  MlirAffineMap out = g->maps[g->numInputs];
  if (g->numLoops == gr->rank && !anyReduction) {
    gr->kinds[i] = StepRow;
    return isPrefixIdentity(out, gr->rank);
  }
  if (g->numLoops != gr->rank + 1)
    return false;
  if (!anyReduction) {
    gr->kinds[i] = StepElementwise;
    return isPrefixIdentity(out, gr->rank + 1);
  }
  gr->kinds[i] = StepReduce;
  return dlcMatchRowReduction(g->op, &gr->steps[i]) && isPrefixIdentity(out, gr->rank);
}

static bool usedOnlyBy(MlirValue v, const Group *gr) {
  for (MlirOpOperand use = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    bool inGroup = dlcOpIsA(user, "memref.dealloc");
    for (size_t i = 0; i < gr->numSteps && !inGroup; ++i)
      inGroup = mlirOperationEqual(user, gr->steps[i].g.op);
    if (!inGroup)
      return false;
  }
  return true;
}

/* Whether step `i` reads what it must (see the file comment); `written` says which buffers
 * steps before it wrote. */
static bool readsSafely(const Group *gr, size_t i, const bool *written) {
  const DlcGeneric *g = &gr->steps[i].g;
  for (intptr_t k = 0; k < g->numInputs; ++k) {
    MlirValue v = g->operands[k];
    if (!mlirTypeIsAMemRef(mlirValueGetType(v)))
      continue;
    for (size_t b = 0; b < gr->numBuffers; ++b) {
      const Buffer *buf = &gr->buffers[b];
      if (mlirValueEqual(buf->value, v)) {
        intptr_t rank = gr->rank + !buf->isRow;
        if (!written[b] || !isPrefixIdentity(g->maps[k], rank))
          return false;
      } else if (mlirValueEqual(dlcRootBuffer(v), buf->value)) {
        return false;
      }
    }
  }
  /* A row op reading its output's old value would race with thread 0's store. */
  bool readsOut = !mlirOpOperandIsNull(
      mlirValueGetFirstUse(mlirBlockGetArgument(g->body, g->numInputs)));
  return !(gr->kinds[i] == StepRow && readsOut &&
           !written[bufferIndex(gr, g->operands[g->numInputs])]);
}

static bool addBuffer(Group *gr, MlirValue v, bool isRow) {
  Buffer *b = findBuffer(gr, v);
  if (b)
    return b->isRow == isRow;
  MlirValue root = dlcRootBuffer(v);
  if (gr->numBuffers == MaxBuffers || !mlirValueEqual(root, v))
    return false;
  bool isAlloc = mlirValueIsAOpResult(v) && dlcOpIsA(mlirOpResultGetOwner(v), "memref.alloc");
  if (!isAlloc && !mlirValueIsABlockArgument(v))
    return false;
  gr->buffers[gr->numBuffers++] = (Buffer){.value = v, .isRow = isRow, .local = isAlloc};
  return true;
}

/* Reads and checks the group of `ops`; false if it keeps its per-op kernels. */
static bool analyze(Group *gr, const MlirOperation *ops, size_t count) {
  memset(gr, 0, sizeof *gr);
  if (count < 2 || count > MaxSteps)
    return false;
  gr->numSteps = count;
  intptr_t rank = 0;
  size_t widest = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!dlcReadGeneric(ops[i], &gr->steps[i].g))
      return false;
    if (gr->steps[i].g.numLoops > rank) {
      rank = gr->steps[i].g.numLoops;
      widest = i;
    }
  }
  /* The rows and columns are the widest op's; a row reduction must be among them. */
  gr->rank = rank - 1;
  memcpy(gr->extents, gr->steps[widest].g.extents, sizeof gr->extents);
  for (intptr_t d = 0; d < rank; ++d)
    if (gr->extents[d] < 1) /* an empty row or none: nothing to launch */
      return false;
  bool reduces = false;
  for (size_t i = 0; i < count; ++i) {
    if (!classify(gr, i))
      return false;
    reduces |= gr->kinds[i] == StepReduce;
    const DlcGeneric *g = &gr->steps[i].g;
    if (!addBuffer(gr, g->operands[g->numInputs], gr->kinds[i] != StepElementwise))
      return false;
  }
  if (!reduces)
    return false;
  bool written[MaxBuffers] = {false};
  for (size_t i = 0; i < count; ++i) {
    if (!readsSafely(gr, i, written))
      return false;
    const DlcGeneric *g = &gr->steps[i].g;
    intptr_t b = bufferIndex(gr, g->operands[g->numInputs]);
    written[b] = true;
    gr->buffers[b].lastWriter = i;
  }
  for (size_t b = 0; b < gr->numBuffers; ++b)
    gr->buffers[b].local &= usedOnlyBy(gr->buffers[b].value, gr);
  return true;
}

/* ---- Building the kernel ----------------------------------------------------------------- */

static MlirValue loadBuffer(Group *gr, const DlcGeneric *g, intptr_t i, const MlirValue *ivs) {
  Buffer *b = findBuffer(gr, g->operands[i]);
  if (b && b->isRow)
    return b->reg;
  if (b && !mlirValueIsNull(b->shared)) {
    MlirValue operands[] = {b->shared, ivs[gr->rank]};
    return dlcBuild(&gr->l.b, "memref.load", mlirShapedTypeGetElementType(
                                                 mlirValueGetType(b->shared)),
                    2, operands, 0, NULL);
  }
  return dlcLoadOperand(&gr->l.b, g, i, ivs);
}

static void loadInputs(DlcBuilder *b, const DlcGeneric *g, const MlirValue *ivs,
                       MlirValue *inputs, void *userData) {
  (void)b;
  Group *gr = userData;
  for (intptr_t i = 0; i < g->numInputs; ++i)
    inputs[i] = mlirValueIsNull(gr->hoisted[i]) ? loadBuffer(gr, g, i, ivs) : gr->hoisted[i];
}

/* Loads, before a step's column loop, the inputs that do not depend on the column (a row's
 * maximum or sum, read by every element): once per thread rather than once per element. */
static void hoistRowInputs(Group *gr, const DlcGeneric *g, const MlirValue *ivs) {
  for (intptr_t i = 0; i < g->numInputs; ++i)
    if (!dlcMapUsesLoop(g->maps[i], gr->rank))
      gr->hoisted[i] = loadBuffer(gr, g, i, ivs);
}

/* Where the value of step `i` goes: a register, workgroup memory and/or the buffer (a row
 * buffer once, its last value). */
static void storeResult(Group *gr, size_t i, MlirValue value, const MlirValue *ivs) {
  const DlcGeneric *g = &gr->steps[i].g;
  Buffer *b = findBuffer(gr, g->operands[g->numInputs]);
  DlcBuilder *bld = &gr->l.b;
  if (b->isRow) {
    b->reg = value;
    if (b->local || b->lastWriter != i)
      return;
    MlirOperation guard = dlcLaunchIf(&gr->l, gr->tx0);
    dlcStoreOutput(bld, g, value, ivs);
    mlirRewriterBaseSetInsertionPointAfter(bld->rewriter, guard);
  } else if (!mlirValueIsNull(b->shared)) {
    MlirValue operands[] = {value, b->shared, ivs[gr->rank]};
    dlcBuildRegionOp(bld, "memref.store", 0, NULL, 3, operands, 0, NULL, 0, -1, NULL, NULL);
  } else {
    dlcStoreOutput(bld, g, value, ivs);
  }
}

/* The value of the output element a body reads (its accumulator), if it reads it. */
static MlirValue outputValue(Group *gr, const DlcGeneric *g, const MlirValue *ivs) {
  if (mlirOpOperandIsNull(mlirValueGetFirstUse(mlirBlockGetArgument(g->body, g->numInputs))))
    return mlirBlockGetArgument(g->body, g->numInputs); /* unused: left as it is */
  return loadBuffer(gr, g, g->numInputs, ivs);
}

static void buildStep(Group *gr, size_t i, MlirValue *ivs) {
  DlcRowReduction *r = &gr->steps[i];
  const DlcGeneric *g = &r->g;
  DlcBuilder *b = &gr->l.b;
  MlirValue inputs[DlcGpuMaxOperands];
  memset(gr->hoisted, 0, sizeof gr->hoisted);
  if (gr->kinds[i] != StepRow)
    hoistRowInputs(gr, g, ivs);
  switch (gr->kinds[i]) {
  case StepRow: {
    loadInputs(b, g, ivs, inputs, gr);
    MlirValue acc = outputValue(gr, g, ivs);
    MlirOperation anchor = mlirBlockGetTerminator(gr->l.body);
    storeResult(gr, i, dlcInlineBody(b->rewriter, g, inputs, acc, ivs, anchor), ivs);
    break;
  }
  case StepElementwise: {
    MlirOperation yield;
    MlirOperation loop = dlcBuildStridedFor(b, gr->l.threadId, gr->extents[gr->rank],
                                            gr->threads, (MlirValue){NULL}, &yield);
    ivs[gr->rank] = mlirBlockGetArgument(mlirOperationGetBlock(yield), 0);
    loadInputs(b, g, ivs, inputs, gr);
    MlirValue acc = outputValue(gr, g, ivs);
    MlirValue value = dlcInlineBody(b->rewriter, g, inputs, acc, ivs, yield);
    mlirRewriterBaseSetInsertionPointBefore(b->rewriter, yield);
    storeResult(gr, i, value, ivs);
    mlirRewriterBaseSetInsertionPointAfter(b->rewriter, loop);
    break;
  }
  case StepReduce: {
    /* Loaded before the all_reduce, so before thread 0 may store the new value. */
    Buffer *out = findBuffer(gr, g->operands[g->numInputs]);
    MlirValue acc = mlirValueIsNull(out->reg) ? dlcLoadOperand(b, g, g->numInputs, ivs)
                                              : out->reg;
    MlirValue total = dlcBlockReduceRow(&gr->l, r, gr->threads, ivs, loadInputs, gr);
    storeResult(gr, i, dlcCombine(b, r, acc, total), ivs);
    break;
  }
  }
}

/* Workgroup memory for the local column buffers whose rows fit. */
static intptr_t placeShared(Group *gr, MlirType *types, size_t *owners) {
  intptr_t n = 0;
  int64_t bytes = 0, cols = gr->extents[gr->rank];
  MlirContext ctx = mlirOperationGetContext(gr->steps[0].g.op);
  MlirAttribute space = mlirAttributeParseGet(ctx, dlcStr("#gpu.address_space<workgroup>"));
  for (size_t i = 0; i < gr->numBuffers && n < 4; ++i) {
    Buffer *b = &gr->buffers[i];
    MlirType element = mlirShapedTypeGetElementType(mlirValueGetType(b->value));
    if (b->isRow || !b->local || !(mlirTypeIsAFloat(element) || mlirTypeIsAInteger(element)))
      continue;
    int64_t rowBytes = cols * ((mlirTypeIsAFloat(element) ? mlirFloatTypeGetWidth(element)
                                                           : mlirIntegerTypeGetWidth(element)) +
                               7) / 8;
    if (bytes + rowBytes > MaxWorkgroupBytes)
      continue;
    bytes += rowBytes;
    types[n] = mlirMemRefTypeGet(element, 1, &cols, (MlirAttribute){NULL}, space);
    owners[n++] = i;
  }
  return n;
}

static void buildKernel(MlirRewriterBase rewriter, Group *gr, int64_t blockSize) {
  int64_t rows = 1, cols = gr->extents[gr->rank];
  for (intptr_t d = 0; d < gr->rank; ++d)
    rows *= gr->extents[d];
  gr->threads = cols < blockSize ? cols : blockSize;
  MlirType shared[4];
  size_t owners[4];
  intptr_t numShared = placeShared(gr, shared, owners);
  MlirOperation last = gr->steps[gr->numSteps - 1].g.op;
  gr->l = dlcLaunchCreate(rewriter, last, rows, gr->threads, numShared, shared);
  for (intptr_t i = 0; i < numShared; ++i)
    gr->buffers[owners[i]].shared = gr->l.workgroup[i];
  DlcBuilder *b = &gr->l.b;
  MlirValue ivs[DlcGpuMaxLoops];
  dlcDelinearize(b, gr->l.blockId, gr->rank, gr->extents, ivs);
  gr->tx0 = dlcCmpI(b, DlcCmpIEq, gr->l.threadId, dlcConstIndex(b, 0));
  for (size_t i = 0; i < gr->numSteps; ++i)
    buildStep(gr, i, ivs);
  for (size_t i = 0; i < gr->numSteps; ++i)
    mlirRewriterBaseEraseOp(rewriter, gr->steps[i].g.op);
}

static bool onlyDeallocated(MlirValue v) {
  for (MlirOpOperand use = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use))
    if (!dlcOpIsA(mlirOpOperandGetOwner(use), "memref.dealloc"))
      return false;
  return true;
}

/* Erases the allocations (and their deallocations) that the kernel made unused. */
static void eraseUnused(MlirRewriterBase rewriter, Group *gr) {
  for (size_t i = 0; i < gr->numBuffers; ++i) {
    Buffer *b = &gr->buffers[i];
    if (!b->local || !onlyDeallocated(b->value))
      continue;
    MlirOpOperand use;
    while (!mlirOpOperandIsNull(use = mlirValueGetFirstUse(b->value)))
      mlirRewriterBaseEraseOp(rewriter, mlirOpOperandGetOwner(use));
    mlirRewriterBaseEraseOp(rewriter, mlirOpResultGetOwner(b->value));
  }
}

static void runFuseKernels(MlirOperation module, MlirExternalPass pass,
                           const DlcPassOptionValue *options) {
  int64_t blockSize = options[0].i;
  if (!dlcCheckBlockSize(module, pass, "dlc-gpu-fuse-kernels", blockSize))
    return;
  static const char *const generic[] = {"linalg.generic", NULL};
  DlcOps generics = {NULL, 0, 0};
  dlcCollectHostOps(module, generic, false, &generics);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  Group *gr = malloc(sizeof *gr);
  for (size_t first = 0, end; first < generics.count; first = end) {
    for (end = first + 1;
         end < generics.count && continuesGroup(generics.ops[end - 1], generics.ops[end]); ++end)
      ;
    /* The longest start of the group that fuses (a dot fusion's fill and reduction, before
     * an epilogue over other loops); the ops after it may start a group of their own. */
    size_t count = end - first;
    while (count >= 2 && !analyze(gr, generics.ops + first, count))
      --count;
    end = first + (count >= 2 ? count : 1);
    if (count < 2)
      continue;
    buildKernel(rewriter, gr, blockSize);
    eraseUnused(rewriter, gr);
  }
  free(gr);
  mlirIRRewriterDestroy(rewriter);
  free(generics.ops);
}

static const DlcPassOptionInfo fuseKernelsOptions[] = {
    {"block-size", DlcPassOptionInt, "256", "most threads per block (1 to 1024)"},
};

const DlcPassDef dlcGpuFuseKernelsPass = {
    .info = {.argument = "dlc-gpu-fuse-kernels",
             .summary = "Make the linalg ops on buffers of one dhlo.fusion that share their "
                        "row loops one gpu.launch (a block per row, gpu.all_reduce)",
             .anchor = "builtin.module", .numOptions = 1, .options = fuseKernelsOptions},
    .run = runFuseKernels,
    .dependentDialects = dlcGpuKernelDialects,
};
