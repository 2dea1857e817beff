/* GpuLibraryDot.c: `dlc-gpu-library-dot`, the `library` backend of dot_general on the GPU:
 * each contraction on buffers that cuBLASLt can compute becomes a call to the runtime's
 * dlcCublasLtMatmul (dlc/CudaRuntime.h), and so does the elementwise epilogue that follows
 * it when cuBLASLt has it (bias, relu, gelu and their pairs), as XLA's gemm rewriter does.
 * Everything else is left for dlc-gpu-tile-matmul and the other kernels.
 *
 * What is matched, after bufferization (the generics of the library order of
 * dlc-gpu-fuse-elementwise: contractions were not fused with their producers):
 *  - a contraction: a linalg.generic whose last loop k is its one reduction, over loops
 *    (batch..., i, j, k), writing C[batch..., i, j], reading A as [batch..., i, k] or
 *    [batch..., k, i] (transposed) and B as [batch..., k, j] or [batch..., j, k], each
 *    input with all the batch loops or none (then one matrix serves every batch item);
 *    f32, f16 or bf16 inputs of one type and an output of theirs or f32; memrefs of static
 *    shape and identity layout; a body that computes out + a * b;
 *  - a zero fill of C right before it (a generic yielding 0), dropped: cuBLASLt writes C
 *    with beta = 0; otherwise C is accumulated into (beta = 1);
 *  - the epilogue: the next op (allocs, constants and reshaping views between are
 *    allowed: nothing between writes memory) is an all-parallel generic that reads C (a
 *    buffer of this function, or a view of one, that nothing else reads, or a view of C
 *    only it reads), writes a buffer of C's shape (leading unit dims aside) and type, and
 *    reads at most a bias vector indexed by the column loop j and, where C starts from
 *    zero, an addend of C's shape, which becomes cuBLASLt's C with beta = 1 (a residual,
 *    as XLA's gemm rewriter fuses it). Its body, a scalar function of the product, the
 *    bias and the addend, is recognized by evaluating
 *    it (in double, at fixed points) against cuBLASLt's epilogues: identity (a copy),
 *    relu, gelu (the tanh approximation cuBLASLt computes: the erf form differs by up to
 *    5e-4, so in f32 it stays a kernel; in f16/bf16 that is below the type's precision
 *    and it matches), each with or without the bias. Only bodies of arith/math ops the
 *    evaluator knows qualify; the tolerance is 8 ulps of the element type.
 * Row-major operands are passed as they are (dlcCublasLtMatmul swaps them for cuBLASLt's
 * column-major view). Pointers are the buffers' aligned pointers (identity layouts have
 * offset 0) as !llvm.ptr. The call is synchronous (CublasLt.c): gpu-async-region ends the
 * kernels' stream before it, as before any call.
 * Ownership: created ops belong to the module; the contraction, fill and epilogue
 * generics are erased, and C's buffer when nothing uses it any more. */
#include "Conversion/Gpu.h"
#include "Transforms/PassRegistry.h"
#include "dlc/CudaRuntime.h"

#include "mlir-c/AffineExpr.h"
#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/LLVM.h"
#include "mlir-c/Dialect/MemRef.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNTIME_ENTRY "dlcCublasLtMatmul"

/* ---- Evaluating a linalg body on doubles ---------------------------------------------- */

enum { MaxValues = 64, NumSamples = 12 };

typedef struct Eval {
  MlirBlock body;
  const double *args; /* NaN: an argument the body must not read */
  MlirValue keys[MaxValues];
  double values[MaxValues];
  int count;
} Eval;

/* Whether `v` is an arith.constant of a float type; its value in `*x`. */
static bool floatConstant(MlirValue v, double *x) {
  if (!mlirValueIsAOpResult(v) || !dlcOpIsA(mlirOpResultGetOwner(v), "arith.constant"))
    return false;
  MlirAttribute value = mlirOperationGetAttributeByName(mlirOpResultGetOwner(v), dlcStr("value"));
  if (!mlirAttributeIsAFloat(value))
    return false;
  *x = mlirFloatAttrGetValueDouble(value);
  return true;
}

static bool valueOf(Eval *e, MlirValue v, double *x) {
  if (mlirValueIsABlockArgument(v)) {
    *x = e->args[mlirBlockArgumentGetArgNumber(v)];
    return mlirBlockEqual(mlirBlockArgumentGetOwner(v), e->body) && !isnan(*x);
  }
  for (int i = 0; i < e->count; ++i)
    if (mlirValueEqual(e->keys[i], v)) {
      *x = e->values[i];
      return true;
    }
  return floatConstant(v, x);
}

/* arith.cmpf's predicate on ordered operands (the samples hold no NaN). */
static bool compare(int64_t predicate, double x, double y) {
  switch (predicate) {
  case DlcCmpFOeq: case DlcCmpFUeq: return x == y;
  case DlcCmpFOgt: case DlcCmpFUgt: return x > y;
  case DlcCmpFOge: case DlcCmpFUge: return x >= y;
  case DlcCmpFOlt: case DlcCmpFUlt: return x < y;
  case DlcCmpFOle: case DlcCmpFUle: return x <= y;
  case DlcCmpFOne: case DlcCmpFUne: return x != y;
  default: return false;
  }
}

static bool evalOp(Eval *e, MlirOperation op, double *r) {
  if (dlcOpIsA(op, "arith.constant"))
    return floatConstant(mlirOperationGetResult(op, 0), r);
  double x[3] = {0, 0, 0};
  intptr_t n = mlirOperationGetNumOperands(op);
  if (n > 3 || mlirOperationGetNumResults(op) != 1)
    return false;
  for (intptr_t i = 0; i < n; ++i)
    if (!valueOf(e, mlirOperationGetOperand(op, i), &x[i]))
      return false;
  static const char *const names[] = {
      "arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.negf", "arith.maximumf",
      "arith.maxnumf", "arith.minimumf", "arith.minnumf", "arith.extf", "arith.truncf",
      "math.tanh", "math.erf", "math.exp", "math.sqrt", "arith.select", "arith.cmpf"};
  int which = -1;
  for (int i = 0; i < (int)(sizeof names / sizeof *names) && which < 0; ++i)
    if (dlcOpIsA(op, names[i]))
      which = i;
  switch (which) {
  case 0: *r = x[0] + x[1]; return true;
  case 1: *r = x[0] - x[1]; return true;
  case 2: *r = x[0] * x[1]; return true;
  case 3: *r = x[0] / x[1]; return true;
  case 4: *r = -x[0]; return true;
  case 5: case 6: *r = fmax(x[0], x[1]); return true;
  case 7: case 8: *r = fmin(x[0], x[1]); return true;
  case 9: case 10: *r = x[0]; return true;
  case 11: *r = tanh(x[0]); return true;
  case 12: *r = erf(x[0]); return true;
  case 13: *r = exp(x[0]); return true;
  case 14: *r = sqrt(x[0]); return true;
  case 15: *r = x[0] != 0 ? x[1] : x[2]; return true;
  case 16: {
    MlirAttribute p = mlirOperationGetAttributeByName(op, dlcStr("predicate"));
    *r = !mlirAttributeIsNull(p) && compare(mlirIntegerAttrGetValueInt(p), x[0], x[1]);
    return true;
  }
  default: return false;
  }
}

/* The value `body` yields for block arguments `args`; false if it does more than the
 * evaluator knows or reads an argument it must not. */
static bool evaluate(MlirBlock body, const double *args, double *result) {
  Eval e = {.body = body, .args = args};
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (dlcOpIsA(op, "linalg.yield"))
      return mlirOperationGetNumOperands(op) == 1 &&
             valueOf(&e, mlirOperationGetOperand(op, 0), result);
    if (e.count == MaxValues || !evalOp(&e, op, &e.values[e.count]))
      return false;
    e.keys[e.count++] = mlirOperationGetResult(op, 0);
  }
  return false;
}

/* Sample points: products, biases, accumulators (signs and magnitudes mixed). */
static const double samples[3][NumSamples] = {
    {-4.5, -2.25, -1.3, -0.7, -0.2, 0, 0.15, 0.6, 1.1, 1.9, 2.8, 5.0},
    {0.3, -0.45, 0.8, -1.1, 0.05, 0.5, -0.25, 0.9, -0.6, 0.15, -0.35, 0.7},
    {1.25, 0.5, -0.75, 2.0, -1.5, 0.25, 3.0, -2.5, 0.0, -0.125, 1.75, -3.25}};

/* Whether `body` (of `numArgs` arguments) computes `f` (with `context`) of arguments
 * `at[0..2]` (-1: not given), within `tolerance` relative to 1 + |f|. */
static bool computes(MlirBlock body, intptr_t numArgs, const intptr_t at[3],
                     double (*f)(const double *, const void *), const void *context,
                     double tolerance) {
  double args[DlcGpuMaxOperands];
  for (int s = 0; s < NumSamples; ++s) {
    double point[3], got;
    for (intptr_t i = 0; i < numArgs; ++i)
      args[i] = NAN;
    for (int i = 0; i < 3; ++i) {
      point[i] = at[i] >= 0 ? samples[i][s] : 0;
      if (at[i] >= 0)
        args[at[i]] = point[i];
    }
    double want = f(point, context);
    if (!evaluate(body, args, &got) || fabs(got - want) > tolerance * (1 + fabs(want)))
      return false;
  }
  return true;
}

/* ---- What cuBLASLt computes ----------------------------------------------------------- */

/* A contraction's body: out + a * b (p: a, b, out). */
static double multiplyAdd(const double *p, const void *unused) { return p[2] + p[0] * p[1]; }

static double none(double x) { return x; }
static double relu(double x) { return fmax(x, 0); }
static double gelu(double x) {
  const double sqrt2OverPi = 0.7978845608028654;
  return 0.5 * x * (1 + tanh(sqrt2OverPi * (x + 0.044715 * x * x * x)));
}

/* cuBLASLt's activations and their epilogues without and with the bias. */
static const struct Activation {
  double (*f)(double);
  int32_t plain, withBias;
} activations[] = {
    {none, DLC_CUBLASLT_EPILOGUE_DEFAULT, DLC_CUBLASLT_EPILOGUE_BIAS},
    {relu, DLC_CUBLASLT_EPILOGUE_RELU, DLC_CUBLASLT_EPILOGUE_RELU_BIAS},
    {gelu, DLC_CUBLASLT_EPILOGUE_GELU, DLC_CUBLASLT_EPILOGUE_GELU_BIAS},
};

/* An epilogue: activation(product + bias + addend), p: product, bias, addend (0 when
 * absent). */
static double epilogue(const double *p, const void *activation) {
  return ((const struct Activation *)activation)->f(p[0] + p[1] + p[2]);
}

/* ---- Matching ------------------------------------------------------------------------- */

typedef struct Dot {
  DlcGeneric g;
  intptr_t a;                  /* the input that is A */
  bool trans[2], batched[2];   /* of A and B */
  int64_t m, n, k, batch;
  int32_t inputType, outputType;
  MlirOperation fill, epilogue; /* null when there is none */
  int32_t kind;                 /* the cuBLASLt epilogue */
  MlirValue bias, addend, out;  /* the bias and C (or null: none, C is the product's) and D */
} Dot;

/* cuBLASLt's number for a float type; -1 for others. */
static int32_t dataType(MlirType t) {
  return mlirTypeIsAF32(t) ? DLC_CUDA_R_32F
         : mlirTypeIsAF16(t) ? DLC_CUDA_R_16F
         : mlirTypeIsABF16(t) ? DLC_CUDA_R_16BF
                              : -1;
}

/* 8 ulps of the element type (its epsilon: 2^-mantissa bits). */
static double tolerance(MlirType t) {
  return 8 * (mlirTypeIsAF32(t) ? 0x1p-23 : mlirTypeIsAF16(t) ? 0x1p-10 : 0x1p-7);
}

/* A memref of static shape, identity layout and the default memory space. */
static bool plainBuffer(MlirValue v) {
  MlirType t = mlirValueGetType(v);
  return mlirTypeIsAMemRef(t) && mlirShapedTypeHasStaticShape(t) &&
         mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(t)) &&
         mlirAttributeIsNull(mlirMemRefTypeGetMemorySpace(t));
}

static bool isDim(MlirAffineMap map, intptr_t result, intptr_t loop) {
  MlirAffineExpr e = mlirAffineMapGetResult(map, result);
  return mlirAffineExprIsADim(e) && mlirAffineDimExprGetPosition(e) == loop;
}

/* Reads `map` as (batch loops..., x, y) with all the `numBatch` batch loops or none. */
static bool readMap(MlirAffineMap map, intptr_t numBatch, bool *batched, intptr_t xy[2]) {
  intptr_t n = mlirAffineMapGetNumResults(map);
  if (n != numBatch + 2 && n != 2)
    return false;
  /* Without batch loops a matrix is one item; with them, one for all unless batched. */
  *batched = numBatch > 0 && n == numBatch + 2;
  for (intptr_t d = 0; d < n - 2; ++d)
    if (!isDim(map, d, d))
      return false;
  for (int x = 0; x < 2; ++x) {
    MlirAffineExpr e = mlirAffineMapGetResult(map, n - 2 + x);
    if (!mlirAffineExprIsADim(e))
      return false;
    xy[x] = mlirAffineDimExprGetPosition(e);
  }
  return true;
}

static bool matchContraction(MlirOperation op, Dot *d) {
  DlcGeneric *g = &d->g;
  if (!dlcReadGeneric(op, g) || g->numInputs != 2 || g->numLoops < 3)
    return false;
  intptr_t n = g->numLoops, nb = n - 3, i = nb, j = nb + 1, k = nb + 2;
  for (intptr_t l = 0; l < n; ++l)
    if (g->reduction[l] != (l == k) || g->extents[l] < 1)
      return false;
  bool batchedOut;
  intptr_t xy[3][2];
  for (int x = 0; x < 3; ++x)
    if (!plainBuffer(g->operands[x]) ||
        !readMap(g->maps[x], nb, x < 2 ? &d->batched[x] : &batchedOut, xy[x]))
      return false;
  if (mlirAffineMapGetNumResults(g->maps[2]) != nb + 2 || xy[2][0] != i || xy[2][1] != j)
    return false;
  d->a = (xy[0][0] == i || xy[0][1] == i) ? 0 : 1;
  intptr_t *ax = xy[d->a], *bx = xy[1 - d->a];
  bool batchedA = d->batched[d->a], batchedB = d->batched[1 - d->a];
  d->batched[0] = batchedA;
  d->batched[1] = batchedB;
  d->trans[0] = ax[0] == k && ax[1] == i;
  d->trans[1] = bx[0] == j && bx[1] == k;
  if (!(d->trans[0] || (ax[0] == i && ax[1] == k)) || !(d->trans[1] || (bx[0] == k && bx[1] == j)))
    return false;
  MlirType in = mlirShapedTypeGetElementType(mlirValueGetType(g->operands[0]));
  MlirType out = mlirShapedTypeGetElementType(mlirValueGetType(g->operands[2]));
  d->inputType = dataType(in);
  d->outputType = dataType(out);
  if (d->inputType < 0 || d->outputType < 0 ||
      !mlirTypeEqual(in, mlirShapedTypeGetElementType(mlirValueGetType(g->operands[1]))) ||
      !(mlirTypeEqual(in, out) || mlirTypeIsAF32(out)))
    return false;
  d->m = g->extents[i];
  d->n = g->extents[j];
  d->k = g->extents[k];
  d->batch = 1;
  for (intptr_t l = 0; l < nb; ++l)
    d->batch *= g->extents[l];
  intptr_t at[3] = {d->a, 1 - d->a, 2};
  return computes(g->body, 3, at, multiplyAdd, NULL, tolerance(in));
}

/* A reshaping view, which reads and writes no memory. */
static bool isView(MlirOperation op) {
  return dlcOpIsA(op, "memref.expand_shape") || dlcOpIsA(op, "memref.collapse_shape");
}

/* The op after `op` in its block, past ops that touch no memory. */
static MlirOperation next(MlirOperation op) {
  do
    op = mlirOperationGetNextInBlock(op);
  while (!mlirOperationIsNull(op) && (dlcOpIsA(op, "memref.alloc") ||
                                      dlcOpIsA(op, "arith.constant") || isView(op)));
  return op;
}

/* Whether the all-parallel generic `g` reads operand `i` at its last `rank` loops, in
 * order, every loop before them of extent 1 (the identity when rank is the loop count). */
static bool readsTrailing(const DlcGeneric *g, intptr_t i, intptr_t rank) {
  intptr_t first = g->numLoops - rank;
  if (first < 0 || mlirAffineMapGetNumResults(g->maps[i]) != rank)
    return false;
  for (intptr_t l = 0; l < g->numLoops; ++l)
    if (g->reduction[l] || (l < first && g->extents[l] != 1))
      return false;
  for (intptr_t r = 0; r < rank; ++r)
    if (!isDim(g->maps[i], r, first + r))
      return false;
  return true;
}

/* Whether buffer types `t` and `u` hold the same elements in the same order: one element
 * type, the same shape but for leading dims of size 1. */
static bool sameMatrix(MlirType t, MlirType u) {
  intptr_t rt = mlirShapedTypeGetRank(t), ru = mlirShapedTypeGetRank(u);
  for (intptr_t d = 0; d < rt || d < ru; ++d) {
    int64_t x = d < rt ? mlirShapedTypeGetDimSize(t, rt - 1 - d) : 1;
    int64_t y = d < ru ? mlirShapedTypeGetDimSize(u, ru - 1 - d) : 1;
    if (x != y)
      return false;
  }
  return mlirTypeEqual(mlirShapedTypeGetElementType(t), mlirShapedTypeGetElementType(u));
}

/* A generic right before the contraction (next() of it) that writes 0 to all of C, from
 * its body or a scalar input (a generalized linalg.fill). */
static MlirOperation zeroFill(const Dot *d) {
  MlirValue c = d->g.operands[2];
  for (MlirOpOperand use = mlirValueGetFirstUse(c); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation op = mlirOpOperandGetOwner(use);
    DlcGeneric f;
    double args[2] = {NAN, NAN}, value;
    if (mlirOperationEqual(next(op), d->g.op) && dlcReadGeneric(op, &f) && f.numInputs <= 1 &&
        mlirValueEqual(f.operands[f.numInputs], c) && readsTrailing(&f, f.numInputs, f.numLoops) &&
        (f.numInputs == 0 || floatConstant(f.operands[0], &args[0])) &&
        evaluate(f.body, args, &value) && value == 0)
      return op;
  }
  return (MlirOperation){NULL};
}

/* Whether `v` is an allocation of this function, or a reshaped view of one, that only the
 * `n` ops `users` use, and deallocations (of the allocation itself). */
static bool privateBuffer(MlirValue v, const MlirOperation *users, int n) {
  if (!mlirValueIsAOpResult(v))
    return false;
  for (MlirOpOperand use = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    bool allowed = dlcOpIsA(user, "memref.dealloc");
    for (int i = 0; i < n && !allowed; ++i)
      allowed = !mlirOperationIsNull(users[i]) && mlirOperationEqual(user, users[i]);
    if (!allowed)
      return false;
  }
  MlirOperation def = mlirOpResultGetOwner(v);
  return dlcOpIsA(def, "memref.alloc") ||
         (isView(def) && privateBuffer(mlirOperationGetOperand(def, 0), &def, 1));
}

/* Whether `user` is the one op that uses `v`. */
static bool onlyUser(MlirValue v, MlirOperation user) {
  for (MlirOpOperand use = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use))
    if (!mlirOperationEqual(mlirOpOperandGetOwner(use), user))
      return false;
  return true;
}

/* Erases the unused buffer `v`: its deallocations, the views and the allocation. */
static void eraseBuffer(MlirRewriterBase rewriter, MlirValue v) {
  while (!mlirOpOperandIsNull(mlirValueGetFirstUse(v)))
    mlirRewriterBaseEraseOp(rewriter, mlirOpOperandGetOwner(mlirValueGetFirstUse(v)));
  MlirOperation def = mlirOpResultGetOwner(v);
  MlirValue source = isView(def) ? mlirOperationGetOperand(def, 0) : (MlirValue){NULL};
  mlirRewriterBaseEraseOp(rewriter, def);
  if (!mlirValueIsNull(source))
    eraseBuffer(rewriter, source);
}

/* Whether input `i` of the epilogue `e` is a bias: a vector of `element`s indexed by the
 * column loop. */
static bool isBias(const DlcGeneric *e, intptr_t i, MlirType element) {
  MlirType t = mlirValueGetType(e->operands[i]);
  return plainBuffer(e->operands[i]) && mlirShapedTypeGetRank(t) == 1 &&
         mlirTypeEqual(mlirShapedTypeGetElementType(t), element) &&
         mlirAffineMapGetNumResults(e->maps[i]) == 1 && isDim(e->maps[i], 0, e->numLoops - 1);
}

/* Fills d->epilogue, kind, bias, addend and out when the op after the contraction is an
 * epilogue cuBLASLt has: an activation of the product plus a bias and an addend of the
 * product's shape (C, with beta = 1, as XLA's gemm rewriter does: only where the product
 * starts from zero). Otherwise the call writes C with no epilogue. */
static void matchEpilogue(Dot *d) {
  MlirValue c = d->g.operands[2];
  d->epilogue = (MlirOperation){NULL};
  d->kind = DLC_CUBLASLT_EPILOGUE_DEFAULT;
  d->bias = d->addend = (MlirValue){NULL};
  d->out = c;
  MlirOperation op = next(d->g.op);
  DlcGeneric e;
  if (mlirOperationIsNull(op) || !dlcReadGeneric(op, &e) || e.numInputs < 1 ||
      e.numInputs > 3)
    return;
  /* D, the addend and the epilogue's loops may have leading unit dims C lacks. */
  MlirValue out = e.operands[e.numInputs];
  MlirType type = mlirValueGetType(c), element = mlirShapedTypeGetElementType(type);
  if (!plainBuffer(out) || !sameMatrix(mlirValueGetType(out), type) ||
      !readsTrailing(&e, e.numInputs, mlirShapedTypeGetRank(mlirValueGetType(out))) ||
      mlirValueEqual(out, d->g.operands[0]) || mlirValueEqual(out, d->g.operands[1]))
    return;
  /* at: the inputs that are the product (C or a view of it only the epilogue reads), the
   * bias and the addend (-1: none). */
  intptr_t at[3] = {-1, -1, -1};
  MlirOperation view = {NULL};
  for (intptr_t i = 0; i < e.numInputs; ++i) {
    MlirValue v = e.operands[i];
    MlirType t = mlirValueGetType(v);
    MlirOperation def =
        mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v) : (MlirOperation){NULL};
    if (!mlirOperationIsNull(def) && isView(def) &&
        mlirValueEqual(mlirOperationGetOperand(def, 0), c) && onlyUser(v, op) &&
        sameMatrix(t, type))
      view = def;
    bool viewed = !mlirOperationIsNull(view) && mlirOperationEqual(def, view);
    int role = mlirValueEqual(v, c) || viewed ? 0
               : isBias(&e, i, element) && !mlirValueEqual(v, out) ? 1
               : !mlirOperationIsNull(d->fill) && plainBuffer(v) && sameMatrix(t, type) ? 2
                                                                                        : -1;
    if (role < 0 || at[role] >= 0 ||
        (role != 1 && !readsTrailing(&e, i, mlirShapedTypeGetRank(t))))
      return;
    at[role] = i;
  }
  if (at[0] < 0 || !privateBuffer(c, (MlirOperation[]){d->g.op, op, d->fill, view}, 4))
    return;
  for (size_t i = 0; i < sizeof activations / sizeof *activations; ++i) {
    if (!computes(e.body, e.numInputs + 1, at, epilogue, &activations[i], tolerance(element)))
      continue;
    d->epilogue = op;
    d->kind = at[1] >= 0 ? activations[i].withBias : activations[i].plain;
    d->bias = at[1] >= 0 ? e.operands[at[1]] : (MlirValue){NULL};
    d->addend = at[2] >= 0 ? e.operands[at[2]] : (MlirValue){NULL};
    d->out = out;
    return;
  }
}

/* ---- Building the call ---------------------------------------------------------------- */

typedef struct Args {
  MlirValue values[24];
  intptr_t count;
} Args;

static void pushInt(DlcBuilder *b, Args *args, unsigned bits, int64_t value) {
  args->values[args->count++] = dlcConstInt(b, mlirIntegerTypeGet(b->ctx, bits), value);
}

/* The aligned pointer of `buffer` (null: a null pointer) as !llvm.ptr. */
static void pushPointer(DlcBuilder *b, Args *args, MlirValue buffer) {
  MlirType ptr = mlirLLVMPointerTypeGet(b->ctx, 0);
  MlirValue p;
  if (mlirValueIsNull(buffer)) {
    p = dlcBuild(b, "llvm.mlir.zero", ptr, 0, NULL, 0, NULL);
  } else {
    MlirValue index = dlcBuild(b, "memref.extract_aligned_pointer_as_index",
                               mlirIndexTypeGet(b->ctx), 1, &buffer, 0, NULL);
    MlirValue word = dlcCast(b, "arith.index_cast", index, mlirIntegerTypeGet(b->ctx, 64));
    p = dlcCast(b, "llvm.inttoptr", word, ptr);
  }
  args->values[args->count++] = p;
}

/* The row stride of a row-major buffer and the distance between its batch items. */
static void pushLayout(DlcBuilder *b, Args *args, MlirValue buffer, bool batched) {
  MlirType t = mlirValueGetType(buffer);
  intptr_t rank = mlirShapedTypeGetRank(t);
  int64_t rows = mlirShapedTypeGetDimSize(t, rank - 2);
  int64_t cols = mlirShapedTypeGetDimSize(t, rank - 1);
  pushPointer(b, args, buffer);
  pushInt(b, args, 64, cols);
  pushInt(b, args, 64, batched ? rows * cols : 0);
}

/* The signature of dlcCublasLtMatmul (dlc/CudaRuntime.h), in the order it is called. */
static const char declaration[] =
    "func.func private @" RUNTIME_ENTRY "(i32, i32, i32, i32, i32, i32, i64, i64, i64, i64, "
    "!llvm.ptr, i64, i64, !llvm.ptr, i64, i64, !llvm.ptr, !llvm.ptr, i64, i64, !llvm.ptr)";

static void declareEntry(MlirOperation module) {
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  bool declared = !mlirOperationIsNull(mlirSymbolTableLookup(symbols, dlcStr(RUNTIME_ENTRY)));
  mlirSymbolTableDestroy(symbols);
  if (declared)
    return;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  MlirOperation decl = mlirOperationCreateParse(mlirOperationGetContext(module),
                                                dlcStr(declaration), dlcStr("dlc-gpu-library-dot"));
  mlirBlockInsertOwnedOperation(body, 0, decl);
}

static void erase(MlirRewriterBase rewriter, MlirOperation op) {
  if (!mlirOperationIsNull(op))
    mlirRewriterBaseEraseOp(rewriter, op);
}

static void replaceByCall(MlirRewriterBase rewriter, Dot *d) {
  MlirOperation at = mlirOperationIsNull(d->epilogue) ? d->g.op : d->epilogue;
  DlcBuilder b = {mlirOperationGetContext(at), mlirOperationGetLocation(d->g.op), rewriter,
                  {NULL}};
  mlirRewriterBaseSetInsertionPointBefore(rewriter, at);
  Args args = {.count = 0};
  /* C: the product's own buffer unless it starts from zero, else the addend or none. */
  bool accumulate = mlirOperationIsNull(d->fill) || !mlirValueIsNull(d->addend);
  MlirValue c = d->g.operands[2], source = mlirOperationIsNull(d->fill) ? c : d->addend;
  int64_t flags[] = {d->kind, d->inputType, d->outputType, d->trans[0], d->trans[1], accumulate};
  for (int i = 0; i < 6; ++i)
    pushInt(&b, &args, 32, flags[i]);
  int64_t sizes[] = {d->m, d->n, d->k, d->batch};
  for (int i = 0; i < 4; ++i)
    pushInt(&b, &args, 64, sizes[i]);
  pushLayout(&b, &args, d->g.operands[d->a], d->batched[0]);
  pushLayout(&b, &args, d->g.operands[1 - d->a], d->batched[1]);
  pushPointer(&b, &args, source);
  pushLayout(&b, &args, d->out, d->batch > 1);
  pushPointer(&b, &args, d->bias);
  MlirNamedAttribute callee = dlcNamed(
      b.ctx, "callee", mlirFlatSymbolRefAttrGet(b.ctx, dlcStr(RUNTIME_ENTRY)));
  dlcBuildRegionOp(&b, "func.call", 0, NULL, args.count, args.values, 1, &callee, 0, -1, NULL,
                   NULL);
  erase(rewriter, d->epilogue);
  erase(rewriter, d->g.op);
  erase(rewriter, d->fill);
  /* C's buffer is dead once the epilogue writes D and the product starts from zero. */
  if (mlirOperationIsNull(d->epilogue) || mlirOperationIsNull(d->fill))
    return;
  eraseBuffer(rewriter, c);
}

/* ---- The pass ------------------------------------------------------------------------- */

bool dlcReadDotBackend(MlirOperation module, MlirExternalPass pass, const char *passName,
                       const char *value, bool *library) {
  *library = !strcmp(value, "library");
  if (*library || !strcmp(value, "codegen"))
    return true;
  char message[160];
  snprintf(message, sizeof message,
           "%s: unknown dot-backend '%.64s': expected codegen or library", passName, value);
  mlirEmitError(mlirOperationGetLocation(module), message);
  mlirExternalPassSignalFailure(pass);
  return false;
}

static void runLibraryDot(MlirOperation module, MlirExternalPass pass,
                          const DlcPassOptionValue *options) {
  bool library;
  if (!dlcReadDotBackend(module, pass, "dlc-gpu-library-dot", options[0].s, &library) ||
      !library)
    return;
  static const char *const generic[] = {"linalg.generic", NULL};
  DlcOps generics = {NULL, 0, 0};
  dlcCollectHostOps(module, generic, false, &generics);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  /* A contraction's epilogue or fill may be collected too: each op is visited before the
   * ones after it, and a matched op is erased only with its contraction, visited first. */
  bool called = false;
  for (size_t x = 0; x < generics.count; ++x) {
    Dot d;
    if (mlirOperationIsNull(generics.ops[x]) || !matchContraction(generics.ops[x], &d))
      continue;
    d.fill = zeroFill(&d);
    matchEpilogue(&d);
    for (size_t y = x + 1; y < generics.count; ++y)
      if (mlirOperationEqual(generics.ops[y], d.epilogue))
        generics.ops[y] = (MlirOperation){NULL};
    replaceByCall(rewriter, &d);
    called = true;
  }
  mlirIRRewriterDestroy(rewriter);
  free(generics.ops);
  if (called)
    declareEntry(module);
}

static const DlcPassOptionInfo libraryDotOptions[] = {
    {"dot-backend", DlcPassOptionString, "library",
     "codegen (the pass does nothing) or library (contractions call cuBLASLt)"},
};

static MlirDialectHandle (*const libraryDotDialects[])(void) = {
    mlirGetDialectHandle__func__, mlirGetDialectHandle__llvm__, mlirGetDialectHandle__memref__,
    mlirGetDialectHandle__arith__, NULL};

const DlcPassDef dlcGpuLibraryDotPass = {
    .info = {.argument = "dlc-gpu-library-dot",
             .summary = "Contractions on buffers, with the bias/relu/gelu epilogue after them, "
                        "as calls to cuBLASLt (dlcCublasLtMatmul)",
             .anchor = "builtin.module", .numOptions = 1, .options = libraryDotOptions},
    .run = runLibraryDot,
    .dependentDialects = libraryDotDialects,
};
