/* CublasLt.c: dlcCublasLtMatmul, the runtime side of the `library` dot backend. cuBLASLt
 * is opened with dlopen on first use (DLC_CUBLASLT, else libcublasLt.so.13, else .so.12),
 * after the driver, whose context it runs in; one handle and one workspace of device
 * memory serve every call.
 * Row-major to column-major: a row-major m x n matrix is the column-major n x m one with
 * the same row stride, so D = A B is computed as cuBLASLt's D^T = B^T A^T: B is its first
 * operand, A its second, and its bias (one value per row of its D^T) is ours per column.
 * Every call is synchronous: it runs on the legacy default stream and waits for it. The
 * compiled code's kernels run on a stream of their own that gpu-async-region synchronizes
 * before the call (a call has side effects), and the stream after it starts when the call
 * has returned, so the product is ordered between them; the workspace is shared safely
 * because the legacy stream serializes every caller.
 * Errors go where the driver's do (Driver.c): the first one recorded wins, with the
 * status's name and text; every later call does nothing.
 * Plans: the descriptors and the algorithm cuBLASLt's heuristic chose for a problem (its
 * shapes, strides, types, transposes, epilogue and operand alignments) are kept in a small
 * cache, so a program that repeats a product asks the heuristic once, as XLA keeps its
 * autotuned choice; only the bias pointer is set again per call. Calls are serialized by
 * a mutex (the cached descriptors are shared; the legacy stream serializes the device
 * work anyway).
 * Ownership: the library, handle, workspace and cached plans live until the process ends
 * (a plan evicted from the full cache is destroyed). */
#define _GNU_SOURCE /* RTLD_* under -std=c11 */

#include "CublasLt.h"
#include "Driver.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WorkspaceBytes = 32 << 20 };

static DlcCublasLt api;
static pthread_once_t loadOnce = PTHREAD_ONCE_INIT, handleOnce = PTHREAD_ONCE_INIT;
static bool loaded, ready; /* each written once, inside its pthread_once */
static cublasLtHandle_t handle;
static CUdeviceptr workspace;

static void *openLibrary(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }

static void load(void) {
  const char *path = getenv("DLC_CUBLASLT");
  void *library = NULL;
  char why[1024] = "";
  if (path && *path) {
    library = openLibrary(path);
  } else {
    path = "libcublasLt.so.13";
    library = openLibrary(path);
    if (!library) {
      snprintf(why, sizeof why, "%s", dlerror());
      path = "libcublasLt.so.12";
      library = openLibrary(path);
    }
  }
  if (!library) {
    dlcCudaRecordError(-1, "no cuBLASLt found (%s)", why[0] ? why : dlerror());
    return;
  }
#define DLC_CUBLASLT_RESOLVE(field, result, symbol, parameters)                                \
  if (!dlcCudaResolve(library, "cuBLASLt library", path, symbol, &api.field))                  \
    return;
  DLC_CUBLASLT_ENTRY_POINTS(DLC_CUBLASLT_RESOLVE)
#undef DLC_CUBLASLT_RESOLVE
  loaded = true;
}

/* True if `status` is success; otherwise records "<NAME>: <text> (<call>)". */
static bool check(cublasStatus_t status, const char *call) {
  if (status == CUBLAS_STATUS_SUCCESS)
    return true;
  const char *name = api.getStatusName(status), *text = api.getStatusString(status);
  dlcCudaRecordError(-1, "%s: %s (%s)", name ? name : "unknown cuBLAS status",
                     text ? text : "no description", call);
  return false;
}

/* Runs with the runtime's context current (dlcCudaEnter came first). */
static void createHandle(void) {
  ready = check(api.create(&handle), "cublasLtCreate") &&
          dlcCudaCheck(dlcCudaDriver.memAlloc(&workspace, WorkspaceBytes),
                       "cuMemAlloc of the cuBLASLt workspace");
}

/* The largest power of two up to 256 that divides the address: what cuBLASLt may assume. */
static uint32_t alignment(const void *p) {
  uint32_t bytes = 256;
  while (bytes > 1 && (uintptr_t)p % bytes)
    bytes /= 2;
  return bytes;
}

/* What decides the descriptors and the algorithm of a product. No padding: problems are
 * compared bytewise. */
typedef struct Problem {
  int64_t epilogue, inputType, outputType, transA, transB, accumulate, hasBias;
  int64_t m, n, k, batch, lda, strideA, ldb, strideB, ldd, strideD;
  uint32_t alignments[4]; /* cuBLASLt's A (our B), B (our A), C, D */
} Problem;

typedef struct Call {
  cublasLtMatmulDesc_t desc;
  cublasLtMatrixLayout_t first, second, out; /* cuBLASLt's A (our B), B (our A), C and D */
  cublasLtMatmulPreference_t preference;
  cublasLtMatmulHeuristicResult_t best;
} Call;

typedef struct Plan {
  Problem problem;
  Call call;
} Plan;

enum { CachedPlans = 64 };
static Plan plans[CachedPlans];
static int numPlans, nextEvicted;
static pthread_mutex_t callMutex = PTHREAD_MUTEX_INITIALIZER;

/* A column-major rows x cols layout of `type`, `batch` of them `stride` elements apart. */
static bool layout(cublasLtMatrixLayout_t *l, int32_t type, int64_t rows, int64_t cols,
                   int64_t ld, int64_t batch, int64_t stride) {
  int32_t count = (int32_t)batch;
  return check(api.matrixLayoutCreate(l, type, (uint64_t)rows, (uint64_t)cols, ld),
               "cublasLtMatrixLayoutCreate") &&
         (batch == 1 ||
          (check(api.matrixLayoutSetAttribute(*l, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, &count,
                                              sizeof count),
                 "cublasLtMatrixLayoutSetAttribute") &&
           check(api.matrixLayoutSetAttribute(*l, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET,
                                              &stride, sizeof stride),
                 "cublasLtMatrixLayoutSetAttribute")));
}

static bool describe(Call *c, const Problem *p) {
  int32_t first = p->transB ? CUBLAS_OP_T : CUBLAS_OP_N;
  int32_t second = p->transA ? CUBLAS_OP_T : CUBLAS_OP_N;
  uint32_t kind = (uint32_t)p->epilogue;
  return check(api.matmulDescCreate(&c->desc, CUBLAS_COMPUTE_32F, DLC_CUDA_R_32F),
               "cublasLtMatmulDescCreate") &&
         check(api.matmulDescSetAttribute(c->desc, CUBLASLT_MATMUL_DESC_TRANSA, &first,
                                          sizeof first),
               "cublasLtMatmulDescSetAttribute") &&
         check(api.matmulDescSetAttribute(c->desc, CUBLASLT_MATMUL_DESC_TRANSB, &second,
                                          sizeof second),
               "cublasLtMatmulDescSetAttribute") &&
         check(api.matmulDescSetAttribute(c->desc, CUBLASLT_MATMUL_DESC_EPILOGUE, &kind,
                                          sizeof kind),
               "cublasLtMatmulDescSetAttribute");
}

/* The preference: the workspace's size and the operands' alignments. */
static bool prefer(Call *c, const Problem *p) {
  static const int attributes[] = {
      CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES, CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES,
      CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES, CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES};
  uint64_t bytes = WorkspaceBytes;
  bool ok =
      check(api.matmulPreferenceCreate(&c->preference), "cublasLtMatmulPreferenceCreate") &&
      check(api.matmulPreferenceSetAttribute(c->preference,
                                             CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &bytes,
                                             sizeof bytes),
            "cublasLtMatmulPreferenceSetAttribute");
  for (int i = 0; ok && i < 4; ++i)
    ok = check(api.matmulPreferenceSetAttribute(c->preference, attributes[i], &p->alignments[i],
                                                sizeof p->alignments[i]),
               "cublasLtMatmulPreferenceSetAttribute");
  return ok;
}

static void release(Call *c) {
  if (c->preference)
    api.matmulPreferenceDestroy(c->preference);
  cublasLtMatrixLayout_t layouts[] = {c->first, c->second, c->out};
  for (int i = 0; i < 3; ++i)
    if (layouts[i])
      api.matrixLayoutDestroy(layouts[i]);
  if (c->desc)
    api.matmulDescDestroy(c->desc);
}

/* Descriptors and the heuristic's algorithm for `p`; false after recording why not. */
static bool plan(Call *c, const Problem *p) {
  int found = 0;
  bool ok = describe(c, p) &&
            layout(&c->first, p->inputType, p->transB ? p->k : p->n, p->transB ? p->n : p->k,
                   p->ldb, p->batch, p->strideB) &&
            layout(&c->second, p->inputType, p->transA ? p->m : p->k, p->transA ? p->k : p->m,
                   p->lda, p->batch, p->strideA) &&
            layout(&c->out, p->outputType, p->n, p->m, p->ldd, p->batch, p->strideD) &&
            prefer(c, p) &&
            check(api.matmulAlgoGetHeuristic(handle, c->desc, c->first, c->second, c->out, c->out,
                                             c->preference, 1, &c->best, &found),
                  "cublasLtMatmulAlgoGetHeuristic");
  if (ok && !found) {
    dlcCudaRecordError(-1, "cuBLASLt has no algorithm for a %lldx%lldx%lld product of types "
                           "%d -> %d with epilogue %d",
                       (long long)p->m, (long long)p->n, (long long)p->k, (int)p->inputType,
                       (int)p->outputType, (int)p->epilogue);
    ok = false;
  }
  return ok;
}

/* The cached plan of `p`, planned now when missing (evicting the oldest when the cache is
 * full); NULL after an error. Called under callMutex. */
static Call *cachedPlan(const Problem *p) {
  for (int i = 0; i < numPlans; ++i)
    if (!memcmp(&plans[i].problem, p, sizeof *p))
      return &plans[i].call;
  Call call = {0};
  if (!plan(&call, p)) {
    release(&call);
    return NULL;
  }
  Plan *slot;
  if (numPlans < CachedPlans) {
    slot = &plans[numPlans++];
  } else {
    slot = &plans[nextEvicted];
    nextEvicted = (nextEvicted + 1) % CachedPlans;
    release(&slot->call);
  }
  slot->problem = *p;
  slot->call = call;
  return &slot->call;
}

void dlcCublasLtMatmul(int32_t epilogue, int32_t inputType, int32_t outputType, int32_t transA,
                       int32_t transB, int32_t accumulate, int64_t m, int64_t n, int64_t k,
                       int64_t batch, const void *a, int64_t lda, int64_t strideA,
                       const void *b, int64_t ldb, int64_t strideB, const void *c, void *d,
                       int64_t ldd, int64_t strideD, const void *bias) {
  if (dlcCudaGetLastError())
    return;
  pthread_once(&loadOnce, load);
  if (!loaded || !dlcCudaEnter())
    return;
  if (m < 1 || n < 1 || k < 1 || batch < 1 || batch > INT32_MAX) {
    dlcCudaRecordError(-1, "dlcCublasLtMatmul: %lldx%lldx%lld, %lld times, is not a product "
                           "cuBLASLt can take",
                       (long long)m, (long long)n, (long long)k, (long long)batch);
    return;
  }
  pthread_once(&handleOnce, createHandle);
  if (!ready)
    return;
  const void *addend = accumulate ? c : d; /* cuBLASLt's C: unread when beta is 0 */
  Problem problem = {epilogue, inputType, outputType, transA, transB, accumulate, bias != NULL,
                      m, n, k, batch, lda, strideA, ldb, strideB, ldd, strideD,
                      {alignment(b), alignment(a), alignment(addend), alignment(d)}};
  float alpha = 1.0f, beta = accumulate ? 1.0f : 0.0f;
  pthread_mutex_lock(&callMutex);
  Call *call = cachedPlan(&problem);
  if (call &&
      (!bias || check(api.matmulDescSetAttribute(call->desc, CUBLASLT_MATMUL_DESC_BIAS_POINTER,
                                                 &bias, sizeof bias),
                      "cublasLtMatmulDescSetAttribute")) &&
      check(api.matmul(handle, call->desc, &alpha, b, call->first, a, call->second, &beta, addend,
                       call->out, d, call->out, &call->best.algo, (void *)(uintptr_t)workspace,
                       WorkspaceBytes, NULL),
            "cublasLtMatmul"))
    dlcCudaCheck(dlcCudaDriver.streamSynchronize(NULL), "cuStreamSynchronize after cublasLtMatmul");
  pthread_mutex_unlock(&callMutex);
}
