/* FakeCublasLt.c: a cuBLASLt for tests on machines without a GPU (DLC_CUBLASLT), beside
 * FakeCuda.c, whose "device" memory is host memory. It implements the entry points dlc's
 * runtime calls (runtime/cuda/CublasLt.h) as cublasLt.h documents them, f32 only: each
 * attribute is checked for its size, each layout against the product's shape (rows and
 * columns of op(A), op(B), C and D, batch counts), and cublasLtMatmul computes, per batch
 * item, column-major D = epilogue(alpha op(A) op(B) + beta C + bias) on the host, the bias
 * one value per row of D, gelu in its tanh form. So dlc-run --check validates the compiled
 * calls and the runtime's row-major to column-major mapping end to end without a GPU.
 * fakeCublasLtHeuristicQueries counts the heuristic's queries (the runtime caches plans).
 * Ownership: descriptors are malloc'ed by their Create and freed by their Destroy. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define API __attribute__((visibility("default")))

enum {
  Success = 0,
  InvalidValue = 7,
  NotSupported = 15,
  Compute32F = 68,
  R32F = 0,
  OpT = 1,
  EpilogueRelu = 2,
  EpilogueBias = 4,
  EpilogueGelu = 32,
};

typedef struct Desc {
  int32_t trans[2];
  uint32_t epilogue;
  const float *bias;
  int compute, scale;
} Desc;

typedef struct Layout {
  int type;
  uint64_t rows, cols;
  int64_t ld, stride;
  int32_t batch;
} Layout;

static char handle;

API const char *cublasLtGetStatusName(int status) {
  return status == Success        ? "CUBLAS_STATUS_SUCCESS"
         : status == InvalidValue ? "CUBLAS_STATUS_INVALID_VALUE"
                                  : "CUBLAS_STATUS_NOT_SUPPORTED";
}

API const char *cublasLtGetStatusString(int status) {
  return status == InvalidValue ? "an invalid value was used as an argument"
                                : "the functionality requested is not supported";
}

API int cublasLtCreate(void **out) {
  *out = &handle;
  return Success;
}

/* Copies `bytes` of `value` into `field` if that is its size. */
static int set(void *field, size_t size, const void *value, size_t bytes) {
  if (bytes != size)
    return InvalidValue;
  memcpy(field, value, bytes);
  return Success;
}

API int cublasLtMatmulDescCreate(Desc **out, int compute, int scale) {
  *out = calloc(1, sizeof **out);
  (*out)->epilogue = 1;
  (*out)->compute = compute;
  (*out)->scale = scale;
  return Success;
}

API int cublasLtMatmulDescSetAttribute(Desc *d, int attribute, const void *value, size_t bytes) {
  switch (attribute) {
  case 3: return set(&d->trans[0], sizeof d->trans[0], value, bytes);
  case 4: return set(&d->trans[1], sizeof d->trans[1], value, bytes);
  case 7: return set(&d->epilogue, sizeof d->epilogue, value, bytes);
  case 8: return set(&d->bias, sizeof d->bias, value, bytes);
  default: return InvalidValue;
  }
}

API int cublasLtMatmulDescDestroy(Desc *d) {
  free(d);
  return Success;
}

API int cublasLtMatrixLayoutCreate(Layout **out, int type, uint64_t rows, uint64_t cols,
                                   int64_t ld) {
  *out = calloc(1, sizeof **out);
  **out = (Layout){type, rows, cols, ld, 0, 1};
  return ld < (int64_t)rows ? InvalidValue : Success;
}

API int cublasLtMatrixLayoutSetAttribute(Layout *l, int attribute, const void *value,
                                         size_t bytes) {
  switch (attribute) {
  case 5: return set(&l->batch, sizeof l->batch, value, bytes);
  case 6: return set(&l->stride, sizeof l->stride, value, bytes);
  default: return InvalidValue;
  }
}

API int cublasLtMatrixLayoutDestroy(Layout *l) {
  free(l);
  return Success;
}

API int cublasLtMatmulPreferenceCreate(uint64_t **out) {
  *out = calloc(1, sizeof **out);
  return Success;
}

API int cublasLtMatmulPreferenceSetAttribute(uint64_t *p, int attribute, const void *value,
                                             size_t bytes) {
  uint32_t alignment;
  switch (attribute) {
  case 1: return set(p, sizeof *p, value, bytes);
  case 5: case 6: case 7: case 8: return set(&alignment, sizeof alignment, value, bytes);
  default: return InvalidValue;
  }
}

API int cublasLtMatmulPreferenceDestroy(uint64_t *p) {
  free(p);
  return Success;
}

/* Whether `l` holds `rows` x `cols` f32 matrices, as many as `d` (or one for all). */
static bool fits(const Layout *l, uint64_t rows, uint64_t cols, const Layout *d) {
  return l->type == R32F && l->rows == rows && l->cols == cols &&
         (l->batch == d->batch || l->batch == 1);
}

/* The shapes of op(A) (m x k) and op(B) (k x n) for D (m x n). */
static int check(const Desc *op, const Layout *a, const Layout *b, const Layout *c,
                 const Layout *d) {
  if (op->compute != Compute32F || op->scale != R32F || d->type != R32F)
    return NotSupported;
  uint64_t m = d->rows, n = d->cols, k = op->trans[0] == OpT ? a->rows : a->cols;
  bool ok = fits(a, op->trans[0] == OpT ? k : m, op->trans[0] == OpT ? m : k, d) &&
            fits(b, op->trans[1] == OpT ? n : k, op->trans[1] == OpT ? k : n, d) &&
            fits(c, m, n, d) && c->batch == d->batch;
  return ok ? Success : InvalidValue;
}

typedef struct Result {
  uint64_t algo[8];
  size_t workspace;
  int state;
  float waves;
  int reserved[4];
} Result;

API unsigned fakeCublasLtHeuristicQueries;

API int cublasLtMatmulAlgoGetHeuristic(void *h, Desc *op, Layout *a, Layout *b, Layout *c,
                                       Layout *d, uint64_t *p, int requested, Result *results,
                                       int *returned) {
  ++fakeCublasLtHeuristicQueries;
  int status = requested < 1 ? InvalidValue : check(op, a, b, c, d);
  *returned = status == Success;
  if (status == Success)
    results[0] = (Result){{0}, 0, Success, 1.0f, {0}};
  return status;
}

static double gelu(double x) {
  return 0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
}

/* Element (r, c) of column-major `l` at `base`, batch item `i`, transposed if `trans`. */
static float at(const float *base, const Layout *l, int32_t i, bool trans, uint64_t r,
                uint64_t c) {
  const float *item = base + (l->batch == 1 ? 0 : i * l->stride);
  return trans ? item[c + r * l->ld] : item[r + c * l->ld];
}

API int cublasLtMatmul(void *h, Desc *op, const float *alpha, const float *a, Layout *la,
                       const float *b, Layout *lb, const float *beta, const float *c,
                       Layout *lc, float *d, Layout *ld, const void *algo, void *workspace,
                       size_t workspaceBytes, void *stream) {
  int status = check(op, la, lb, lc, ld);
  uint32_t e = op->epilogue;
  if (status != Success)
    return status;
  if (e != 1 && (e & ~(uint32_t)(EpilogueRelu | EpilogueBias | EpilogueGelu)))
    return NotSupported;
  if ((e & EpilogueBias) && !op->bias)
    return InvalidValue;
  uint64_t k = op->trans[0] == OpT ? la->rows : la->cols;
  for (int32_t i = 0; i < ld->batch; ++i)
    for (uint64_t col = 0; col < ld->cols; ++col)
      for (uint64_t row = 0; row < ld->rows; ++row) {
        double sum = 0;
        for (uint64_t l = 0; l < k; ++l)
          sum += (double)at(a, la, i, op->trans[0] == OpT, row, l) *
                 at(b, lb, i, op->trans[1] == OpT, l, col);
        double v = *alpha * sum + (*beta != 0 ? *beta * at(c, lc, i, false, row, col) : 0);
        if (e & EpilogueBias)
          v += op->bias[row];
        if (e & EpilogueRelu)
          v = fmax(v, 0);
        if (e & EpilogueGelu)
          v = gelu(v);
        d[i * ld->stride + row + col * ld->ld] = (float)v;
      }
  return Success;
}
