/* CublasLt.h: the part of cuBLASLt's C API that dlcCublasLtMatmul (CublasLt.c) calls,
 * declared here rather than taken from cublasLt.h for the reasons Driver.h gives for the
 * driver: the runtime builds where no CUDA toolkit is installed, and cuBLASLt's C ABI is
 * stable across 12 and 13 (the values below are cublasLt.h's). CublasLt.c opens the
 * library and fills one table of entry points.
 * Ownership: the table lives until the process ends. */
#ifndef DLC_RUNTIME_CUDA_CUBLASLT_H
#define DLC_RUNTIME_CUDA_CUBLASLT_H

#include <stddef.h>
#include <stdint.h>

typedef int cublasStatus_t;
typedef struct cublasLtContext *cublasLtHandle_t;
typedef struct cublasLtMatmulDescOpaque *cublasLtMatmulDesc_t;
typedef struct cublasLtMatrixLayoutOpaque *cublasLtMatrixLayout_t;
typedef struct cublasLtMatmulPreferenceOpaque *cublasLtMatmulPreference_t;
typedef struct {
  uint64_t data[8];
} cublasLtMatmulAlgo_t;
typedef struct {
  cublasLtMatmulAlgo_t algo;
  size_t workspaceSize;
  cublasStatus_t state;
  float wavesCount;
  int reserved[4];
} cublasLtMatmulHeuristicResult_t;

enum {
  CUBLAS_STATUS_SUCCESS = 0,
  CUBLAS_COMPUTE_32F = 68, /* f32 arithmetic, no TF32 */
  CUBLAS_OP_N = 0,
  CUBLAS_OP_T = 1,
  /* cublasLtMatmulDescAttributes_t */
  CUBLASLT_MATMUL_DESC_TRANSA = 3,
  CUBLASLT_MATMUL_DESC_TRANSB = 4,
  CUBLASLT_MATMUL_DESC_EPILOGUE = 7,
  CUBLASLT_MATMUL_DESC_BIAS_POINTER = 8,
  /* cublasLtMatrixLayoutAttribute_t */
  CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT = 5,
  CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET = 6,
  /* cublasLtMatmulPreferenceAttributes_t */
  CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES = 1,
  CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES = 5,
  CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES = 6,
  CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES = 7,
  CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES = 8,
};

/* X(field, result, symbol, parameters): every entry point dlc resolves. */
#define DLC_CUBLASLT_ENTRY_POINTS(X)                                                           \
  X(create, cublasStatus_t, "cublasLtCreate", (cublasLtHandle_t * handle))                     \
  X(getStatusName, const char *, "cublasLtGetStatusName", (cublasStatus_t status))             \
  X(getStatusString, const char *, "cublasLtGetStatusString", (cublasStatus_t status))         \
  X(matmulDescCreate, cublasStatus_t, "cublasLtMatmulDescCreate",                              \
    (cublasLtMatmulDesc_t * desc, int computeType, int scaleType))                             \
  X(matmulDescSetAttribute, cublasStatus_t, "cublasLtMatmulDescSetAttribute",                  \
    (cublasLtMatmulDesc_t desc, int attribute, const void *value, size_t bytes))               \
  X(matmulDescDestroy, cublasStatus_t, "cublasLtMatmulDescDestroy",                            \
    (cublasLtMatmulDesc_t desc))                                                               \
  X(matrixLayoutCreate, cublasStatus_t, "cublasLtMatrixLayoutCreate",                          \
    (cublasLtMatrixLayout_t * layout, int type, uint64_t rows, uint64_t cols, int64_t ld))     \
  X(matrixLayoutSetAttribute, cublasStatus_t, "cublasLtMatrixLayoutSetAttribute",              \
    (cublasLtMatrixLayout_t layout, int attribute, const void *value, size_t bytes))           \
  X(matrixLayoutDestroy, cublasStatus_t, "cublasLtMatrixLayoutDestroy",                        \
    (cublasLtMatrixLayout_t layout))                                                           \
  X(matmulPreferenceCreate, cublasStatus_t, "cublasLtMatmulPreferenceCreate",                  \
    (cublasLtMatmulPreference_t * preference))                                                 \
  X(matmulPreferenceSetAttribute, cublasStatus_t, "cublasLtMatmulPreferenceSetAttribute",      \
    (cublasLtMatmulPreference_t preference, int attribute, const void *value, size_t bytes))   \
  X(matmulPreferenceDestroy, cublasStatus_t, "cublasLtMatmulPreferenceDestroy",                \
    (cublasLtMatmulPreference_t preference))                                                   \
  X(matmulAlgoGetHeuristic, cublasStatus_t, "cublasLtMatmulAlgoGetHeuristic",                  \
    (cublasLtHandle_t handle, cublasLtMatmulDesc_t desc, cublasLtMatrixLayout_t a,             \
     cublasLtMatrixLayout_t b, cublasLtMatrixLayout_t c, cublasLtMatrixLayout_t d,             \
     cublasLtMatmulPreference_t preference, int requested,                                     \
     cublasLtMatmulHeuristicResult_t *results, int *returned))                                 \
  X(matmul, cublasStatus_t, "cublasLtMatmul",                                                  \
    (cublasLtHandle_t handle, cublasLtMatmulDesc_t desc, const void *alpha, const void *a,     \
     cublasLtMatrixLayout_t aLayout, const void *b, cublasLtMatrixLayout_t bLayout,            \
     const void *beta, const void *c, cublasLtMatrixLayout_t cLayout, void *d,                 \
     cublasLtMatrixLayout_t dLayout, const cublasLtMatmulAlgo_t *algo, void *workspace,        \
     size_t workspaceBytes, void *stream))

#define DLC_CUBLASLT_FIELD(field, result, symbol, parameters) result(*field) parameters;
typedef struct DlcCublasLt {
  DLC_CUBLASLT_ENTRY_POINTS(DLC_CUBLASLT_FIELD)
} DlcCublasLt;
#undef DLC_CUBLASLT_FIELD

#endif
