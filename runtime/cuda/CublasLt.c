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
 * Ownership: the library, handle and workspace live until the process ends; descriptors
 * live for one call. */
#define _GNU_SOURCE /* RTLD_* under -std=c11 */

#include "CublasLt.h"
#include "Driver.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

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

typedef struct Call {
  cublasLtMatmulDesc_t desc;
  cublasLtMatrixLayout_t first, second, out; /* cuBLASLt's A (our B), B (our A), C and D */
  cublasLtMatmulPreference_t preference;
} Call;

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

static bool describe(Call *c, int32_t epilogue, int32_t transA, int32_t transB,
                     const void *bias) {
  int32_t first = transB ? CUBLAS_OP_T : CUBLAS_OP_N, second = transA ? CUBLAS_OP_T : CUBLAS_OP_N;
  uint32_t kind = (uint32_t)epilogue;
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
               "cublasLtMatmulDescSetAttribute") &&
         (!bias || check(api.matmulDescSetAttribute(c->desc, CUBLASLT_MATMUL_DESC_BIAS_POINTER,
                                                    &bias, sizeof bias),
                         "cublasLtMatmulDescSetAttribute"));
}

/* The preference: the workspace's size and the operands' alignments. */
static bool prefer(Call *c, const void *const pointers[4]) {
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
  for (int i = 0; ok && i < 4; ++i) {
    uint32_t align = alignment(pointers[i]);
    ok = check(api.matmulPreferenceSetAttribute(c->preference, attributes[i], &align,
                                                sizeof align),
               "cublasLtMatmulPreferenceSetAttribute");
  }
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
  Call call = {0};
  const void *operands[] = {b, a, accumulate ? c : d, d};
  float alpha = 1.0f, beta = accumulate ? 1.0f : 0.0f;
  cublasLtMatmulHeuristicResult_t best;
  int found = 0;
  bool ok = describe(&call, epilogue, transA, transB, bias) &&
            layout(&call.first, inputType, transB ? k : n, transB ? n : k, ldb, batch, strideB) &&
            layout(&call.second, inputType, transA ? m : k, transA ? k : m, lda, batch, strideA) &&
            layout(&call.out, outputType, n, m, ldd, batch, strideD) && prefer(&call, operands) &&
            check(api.matmulAlgoGetHeuristic(handle, call.desc, call.first, call.second, call.out,
                                             call.out, call.preference, 1, &best, &found),
                  "cublasLtMatmulAlgoGetHeuristic");
  if (ok && !found) {
    dlcCudaRecordError(-1, "cuBLASLt has no algorithm for a %lldx%lldx%lld product of types "
                           "%d -> %d with epilogue %d",
                       (long long)m, (long long)n, (long long)k, (int)inputType,
                       (int)outputType, (int)epilogue);
    ok = false;
  }
  if (ok && check(api.matmul(handle, call.desc, &alpha, b, call.first, a, call.second, &beta,
                             operands[2], call.out, d, call.out, &best.algo,
                             (void *)(uintptr_t)workspace, WorkspaceBytes, NULL),
                  "cublasLtMatmul"))
    dlcCudaCheck(dlcCudaDriver.streamSynchronize(NULL), "cuStreamSynchronize after cublasLtMatmul");
  release(&call);
}
