/* JitHarness.h: compiles a dhlo module with `dlc-lower-to-cpu`, JITs it with MLIR's
 * ExecutionEngine and calls an entry function on host tensors (dlc/Reference.h), so that a
 * test can check compiled code against hand-computed values or, with the same tensors,
 * against the reference evaluator.
 *
 * The calling convention is the one `dlc-emit-c-interface` asks for: the packed wrapper of
 * `_mlir_ciface_<entry>` takes a pointer to each argument, where the first argument is a
 * pointer to the result (one memref descriptor, or a struct of them for several results)
 * and each input is a pointer to its descriptor. A descriptor of rank r is, in 64-bit words:
 * allocated pointer, aligned pointer, offset, r sizes, r strides. Results are buffers the
 * compiled code allocated with malloc (buffer deallocation makes them the caller's); they
 * are copied into host tensors and freed. */
#ifndef DLC_TEST_UNIT_JITHARNESS_H
#define DLC_TEST_UNIT_JITHARNESS_H

#include "dlc/Passes.h"
#include "dlc/Reference.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/ExecutionEngine.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DLC_JIT_MAX_VALUES 16

/// A compiled module and the signature of its entry function, read before lowering
/// (the LLVM dialect no longer has the tensor types).
typedef struct DlcJit {
  MlirExecutionEngine engine;
  char entry[128];
  intptr_t numInputs, numResults;
  MlirType inputTypes[DLC_JIT_MAX_VALUES], resultTypes[DLC_JIT_MAX_VALUES];
  char errors[4096]; /* pipeline and JIT errors */
} DlcJit;

static inline void dlcJitCollect(MlirStringRef s, void *userData) {
  DlcJit *jit = userData;
  size_t used = strlen(jit->errors), room = sizeof jit->errors - 1 - used;
  size_t n = s.length < room ? s.length : room;
  memcpy(jit->errors + used, s.data, n);
  jit->errors[used + n] = '\0';
}

/// Reads the signature of func.func `entry`, lowers `module` in place with dlc-lower-to-cpu
/// and JITs it at LLVM -O2. On failure the engine is null and `jit->errors` says why.
static inline MlirLogicalResult dlcJitCompile(DlcJit *jit, MlirModule module, const char *entry) {
  memset(jit, 0, sizeof *jit);
  snprintf(jit->entry, sizeof jit->entry, "%s", entry);
  MlirOperation moduleOp = mlirModuleGetOperation(module);
  MlirSymbolTable symbols = mlirSymbolTableCreate(moduleOp);
  MlirOperation func = mlirSymbolTableLookup(symbols, dlcStr(entry));
  mlirSymbolTableDestroy(symbols);
  if (mlirOperationIsNull(func)) {
    dlcJitCollect(dlcStr("no entry function"), jit);
    return mlirLogicalResultFailure();
  }
  MlirType type = mlirTypeAttrGetValue(mlirOperationGetAttributeByName(func, dlcStr("function_type")));
  jit->numInputs = mlirFunctionTypeGetNumInputs(type);
  jit->numResults = mlirFunctionTypeGetNumResults(type);
  if (jit->numInputs > DLC_JIT_MAX_VALUES || jit->numResults > DLC_JIT_MAX_VALUES) {
    dlcJitCollect(dlcStr("too many arguments or results"), jit);
    return mlirLogicalResultFailure();
  }
  for (intptr_t i = 0; i < jit->numInputs; ++i)
    jit->inputTypes[i] = mlirFunctionTypeGetInput(type, i);
  for (intptr_t i = 0; i < jit->numResults; ++i)
    jit->resultTypes[i] = mlirFunctionTypeGetResult(type, i);

  if (mlirLogicalResultIsFailure(dlcRunPassPipeline(
          moduleOp, dlcStr("builtin.module(dlc-lower-to-cpu)"), dlcJitCollect, jit)))
    return mlirLogicalResultFailure();
  jit->engine = mlirExecutionEngineCreate(module, 2, 0, NULL, false, false);
  if (mlirExecutionEngineIsNull(jit->engine)) {
    dlcJitCollect(dlcStr("mlirExecutionEngineCreate failed"), jit);
    return mlirLogicalResultFailure();
  }
  return mlirLogicalResultSuccess();
}

static inline void dlcJitDestroy(DlcJit *jit) {
  if (!mlirExecutionEngineIsNull(jit->engine))
    mlirExecutionEngineDestroy(jit->engine);
  jit->engine = (MlirExecutionEngine){NULL};
}

/// Words of a memref descriptor of `rank`.
static inline size_t dlcJitDescriptorWords(intptr_t rank) { return 3 + 2 * (size_t)rank; }

/* A descriptor over a host tensor's own row-major buffer. */
static inline void dlcJitDescribe(DlcHostTensor t, int64_t *words) {
  intptr_t rank = dlcHostTensorGetRank(t);
  const int64_t *dims = dlcHostTensorGetDims(t);
  void *data = dlcHostTensorGetData(t);
  memcpy(&words[0], &data, sizeof data);
  memcpy(&words[1], &data, sizeof data);
  words[2] = 0;
  int64_t stride = 1;
  for (intptr_t d = rank - 1; d >= 0; --d) {
    words[3 + d] = dims[d];
    words[3 + rank + d] = stride;
    stride *= dims[d];
  }
}

/* Copies the elements a result descriptor shows (any strides) into row-major `t`. */
static inline void dlcJitCopyOut(const int64_t *words, DlcHostTensor t) {
  intptr_t rank = dlcHostTensorGetRank(t);
  size_t size = dlcElementTypeGetByteSize(dlcHostTensorGetElementType(t));
  char *aligned;
  memcpy(&aligned, &words[1], sizeof aligned);
  char *out = dlcHostTensorGetData(t);
  int64_t count = dlcHostTensorGetNumElements(t), index[DLC_MAX_RANK] = {0};
  for (int64_t n = 0; n < count; ++n) {
    int64_t offset = words[2];
    for (intptr_t d = 0; d < rank; ++d)
      offset += index[d] * words[3 + rank + d];
    memcpy(out + (size_t)n * size, aligned + offset * (int64_t)size, size);
    for (intptr_t d = rank - 1; d >= 0 && ++index[d] == words[3 + d]; --d)
      index[d] = 0;
  }
}

/// Calls the entry function on `args` (jit->numInputs of them, of its input types) and
/// creates its results in `results` (jit->numResults), owned by the caller.
static inline MlirLogicalResult dlcJitCall(DlcJit *jit, const DlcHostTensor *args,
                                           DlcHostTensor *results) {
  int64_t *inputs[DLC_JIT_MAX_VALUES];
  void *packed[1 + DLC_JIT_MAX_VALUES];
  size_t resultWords = 0;
  for (intptr_t i = 0; i < jit->numResults; ++i)
    resultWords += dlcJitDescriptorWords(mlirShapedTypeGetRank(jit->resultTypes[i]));
  int64_t *resultDescs = calloc(resultWords + 1, sizeof(int64_t));
  void *resultPointer = resultDescs;
  packed[0] = &resultPointer;
  for (intptr_t i = 0; i < jit->numInputs; ++i) {
    inputs[i] = calloc(dlcJitDescriptorWords(dlcHostTensorGetRank(args[i])), sizeof(int64_t));
    dlcJitDescribe(args[i], inputs[i]);
    packed[1 + i] = &inputs[i];
  }
  /* A function without results has no result pointer in front. */
  void **argv = jit->numResults ? packed : packed + 1;
  MlirLogicalResult status = mlirExecutionEngineInvokePacked(jit->engine, dlcStr(jit->entry), argv);
  void *freed[DLC_JIT_MAX_VALUES];
  int numFreed = 0;
  for (intptr_t i = 0, w = 0; mlirLogicalResultIsSuccess(status) && i < jit->numResults; ++i) {
    results[i] = dlcHostTensorCreate(jit->resultTypes[i]);
    dlcJitCopyOut(resultDescs + w, results[i]);
    void *allocated;
    memcpy(&allocated, &resultDescs[w], sizeof allocated);
    bool seen = false;
    for (int j = 0; j < numFreed; ++j)
      seen |= freed[j] == allocated;
    if (!seen) {
      freed[numFreed++] = allocated;
      free(allocated);
    }
    w += (intptr_t)dlcJitDescriptorWords(mlirShapedTypeGetRank(jit->resultTypes[i]));
  }
  for (intptr_t i = 0; i < jit->numInputs; ++i)
    free(inputs[i]);
  free(resultDescs);
  return status;
}

#endif
