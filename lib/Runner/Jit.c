/* Jit.c: dlcJitCreate, dlcJitCreateAot and the JIT's accessors. Compiling is four steps:
 * read the entry's signature (the lowered module no longer has its tensor types), mark its
 * arguments read-only for bufferization, run the pipeline on the module in place, and hand
 * the LLVM dialect to MLIR's ExecutionEngine (or, ahead of time, to Aot.c); the entry's
 * packed C-interface wrapper is looked up once, here, so that a call is one indirect jump.
 * Ownership: the Jit struct, its name copy, type arrays, engine or library are freed by
 * dlcJitDestroy. */
#include "Runner/Runner.h"
#include "Support/Alloc.h"
#include "dlc/Passes.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool isFunc(MlirOperation op) {
  return !mlirOperationIsNull(op) &&
         mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr("func.func"));
}

/* A type an entry may take or return: a static ranked tensor of a supported element. */
static bool isSupported(MlirType type) {
  DlcElementType element;
  return mlirTypeIsARankedTensor(type) && mlirShapedTypeHasStaticShape(type) &&
         mlirShapedTypeGetRank(type) <= DLC_MAX_RANK &&
         dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(type), &element);
}

/* func.func `name` with a body, or null after reporting. */
static MlirOperation findEntry(MlirOperation module, const char *name, MlirStringCallback callback,
                               void *userData) {
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirOperation func = mlirSymbolTableLookup(symbols, dlcStr(name));
  mlirSymbolTableDestroy(symbols);
  if (isFunc(func) && !mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0))))
    return func;
  dlcFormat(callback, userData, "no function @%s with a body in the module", name);
  return (MlirOperation){NULL};
}

/* Reads `func`'s signature into `jit`; reports and fails on anything the calling
 * convention cannot carry. */
static bool readSignature(Jit *jit, MlirOperation func, MlirStringCallback callback,
                          void *userData) {
  MlirType type =
      mlirTypeAttrGetValue(mlirOperationGetAttributeByName(func, dlcStr("function_type")));
  jit->numInputs = mlirFunctionTypeGetNumInputs(type);
  jit->numResults = mlirFunctionTypeGetNumResults(type);
  jit->inputTypes = dlcAllocZeroed((size_t)jit->numInputs, sizeof(MlirType));
  jit->resultTypes = dlcAllocZeroed((size_t)jit->numResults, sizeof(MlirType));
  for (intptr_t i = 0; i < jit->numInputs; ++i)
    jit->inputTypes[i] = mlirFunctionTypeGetInput(type, i);
  for (intptr_t i = 0; i < jit->numResults; ++i)
    jit->resultTypes[i] = mlirFunctionTypeGetResult(type, i);
  for (intptr_t n = 0; n < jit->numInputs + jit->numResults; ++n) {
    bool isInput = n < jit->numInputs;
    intptr_t i = isInput ? n : n - jit->numInputs;
    MlirType t = isInput ? jit->inputTypes[i] : jit->resultTypes[i];
    if (isSupported(t))
      continue;
    char typeStr[256];
    dlcTypeStr(t, typeStr, sizeof typeStr);
    dlcFormat(callback, userData,
              "%s #%ld of @%s has type %s; an entry function takes and returns tensors "
              "of static shape (rank <= %d) and a supported element type",
              isInput ? "argument" : "result", (long)i, jit->entry, typeStr, DLC_MAX_RANK);
    return false;
  }
  for (intptr_t i = 0; i < jit->numResults; ++i)
    jit->resultWords += dlcDescriptorWords(mlirShapedTypeGetRank(jit->resultTypes[i]));
  return true;
}

/* One-Shot Bufferize treats function arguments as writable and would update an argument's
 * buffer in place (a dynamic_update_slice does); the caller's tensors are inputs, so every
 * argument of the entry is marked `bufferization.writable = false` and bufferization copies
 * before it writes. Other argument attributes are kept. */
static void markArgumentsReadOnly(MlirOperation func, intptr_t numInputs) {
  if (!numInputs)
    return;
  MlirContext ctx = mlirOperationGetContext(func);
  MlirStringRef writable = dlcStr("bufferization.writable");
  MlirNamedAttribute readOnly =
      mlirNamedAttributeGet(mlirIdentifierGet(ctx, writable), mlirBoolAttrGet(ctx, 0));
  MlirAttribute old = mlirOperationGetAttributeByName(func, dlcStr("arg_attrs"));
  MlirAttribute *dicts = dlcAllocZeroed((size_t)numInputs, sizeof(MlirAttribute));
  for (intptr_t i = 0; i < numInputs; ++i) {
    MlirAttribute dict = mlirAttributeIsNull(old) ? old : mlirArrayAttrGetElement(old, i);
    intptr_t n = mlirAttributeIsNull(dict) ? 0 : mlirDictionaryAttrGetNumElements(dict), kept = 0;
    MlirNamedAttribute *entries = dlcAllocZeroed((size_t)n + 1, sizeof(MlirNamedAttribute));
    for (intptr_t k = 0; k < n; ++k) {
      MlirNamedAttribute entry = mlirDictionaryAttrGetElement(dict, k);
      if (!mlirStringRefEqual(mlirIdentifierStr(entry.name), writable))
        entries[kept++] = entry;
    }
    entries[kept++] = readOnly;
    dicts[i] = mlirDictionaryAttrGet(ctx, kept, entries);
    free(entries);
  }
  mlirOperationSetAttributeByName(func, dlcStr("arg_attrs"),
                                  mlirArrayAttrGet(ctx, numInputs, dicts));
  free(dicts);
}

static MlirWalkResult findOpenMP(MlirOperation op, void *userData) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (name.length < 4 || strncmp(name.data, "omp.", 4))
    return MlirWalkResultAdvance;
  *(bool *)userData = true;
  return MlirWalkResultInterrupt;
}

/* True when the lowered module has OpenMP ops (dlc-parallelize with threads != 1): their
 * translation to LLVM IR calls libomp (__kmpc_*). */
static bool usesOpenMP(MlirModule module) {
  bool found = false;
  mlirOperationWalk(mlirModuleGetOperation(module), findOpenMP, &found, MlirWalkPreOrder);
  return found;
}

/* The ExecutionEngine over the lowered module, and the entry's packed wrapper in it. A
 * parallel module gets libomp (DLC_OMP_LIBRARY, found at configure time) loaded with it. */
static bool createEngine(Jit *jit, MlirModule module, int optLevel, MlirStringCallback callback,
                         void *userData) {
  MlirStringRef libraries[1];
  int numLibraries = 0;
  if (usesOpenMP(module)) {
#ifdef DLC_OMP_LIBRARY
    libraries[numLibraries++] = dlcStr(DLC_OMP_LIBRARY);
#else
    dlcFormat(callback, userData,
              "the compiled code runs on OpenMP threads, but dlc was built without libomp "
              "(libomp-22-dev): lower with threads=1");
    return false;
#endif
  }
  jit->engine =
      mlirExecutionEngineCreate(module, optLevel, numLibraries, libraries, false, false);
  if (mlirExecutionEngineIsNull(jit->engine)) {
    dlcFormat(callback, userData,
              "cannot translate the lowered module to LLVM IR: does the pipeline lower "
              "everything to the LLVM dialect?");
    return false;
  }
  mlirExecutionEngineInitialize(jit->engine);
  char name[256];
  snprintf(name, sizeof name, "_mlir_ciface_%s", jit->entry);
  void *wrapper = mlirExecutionEngineLookupPacked(jit->engine, dlcStr(name));
  if (!wrapper) {
    dlcFormat(callback, userData,
              "no C interface for @%s in the compiled code: the pipeline must mark it "
              "llvm.emit_c_interface (dlc-emit-c-interface)",
              jit->entry);
    return false;
  }
  memcpy(&jit->invoke, &wrapper, sizeof wrapper);
  return true;
}

/* The steps both ways share; `aot` picks the last one. */
static DlcJit create(MlirModule module, MlirStringRef entry, MlirStringRef pipeline, int optLevel,
                     bool aot, MlirStringCallback errorCallback, void *userData) {
  Jit *jit = dlcAllocZeroed(1, sizeof *jit);
  jit->entry = dlcStrndup(entry.data, entry.length);
  MlirOperation moduleOp = mlirModuleGetOperation(module);
  if (!pipeline.data)
    pipeline = dlcStr(DLC_JIT_DEFAULT_PIPELINE);
  bool ok = optLevel >= 0 && optLevel <= 3;
  if (!ok)
    dlcFormat(errorCallback, userData, "invalid LLVM optimization level %d (0 to 3)", optLevel);
  MlirOperation func =
      ok ? findEntry(moduleOp, jit->entry, errorCallback, userData) : (MlirOperation){NULL};
  ok = !mlirOperationIsNull(func) && readSignature(jit, func, errorCallback, userData);
  if (ok)
    markArgumentsReadOnly(func, jit->numInputs);
  ok = ok && (!pipeline.length || mlirLogicalResultIsSuccess(dlcRunPassPipeline(
                                      moduleOp, pipeline, errorCallback, userData)));
  ok = ok && (aot ? dlcAotLoad(jit, module, optLevel, errorCallback, userData)
                  : createEngine(jit, module, optLevel, errorCallback, userData));
  if (!ok) {
    dlcJitDestroy((DlcJit){jit});
    return (DlcJit){NULL};
  }
  return (DlcJit){jit};
}

DlcJit dlcJitCreate(MlirModule module, MlirStringRef entry, MlirStringRef pipeline, int optLevel,
                    MlirStringCallback errorCallback, void *userData) {
  return create(module, entry, pipeline, optLevel, false, errorCallback, userData);
}

DlcJit dlcJitCreateAot(MlirModule module, MlirStringRef entry, MlirStringRef pipeline,
                       int optLevel, MlirStringCallback errorCallback, void *userData) {
  return create(module, entry, pipeline, optLevel, true, errorCallback, userData);
}

void dlcJitDestroy(DlcJit handle) {
  Jit *jit = dlcJitUnwrap(handle);
  if (!jit)
    return;
  if (!mlirExecutionEngineIsNull(jit->engine))
    mlirExecutionEngineDestroy(jit->engine);
  if (jit->library)
    dlclose(jit->library);
  free(jit->entry);
  free(jit->inputTypes);
  free(jit->resultTypes);
  free(jit);
}

MlirStringRef dlcJitGetEntryName(DlcJit jit) { return dlcStr(dlcJitUnwrap(jit)->entry); }
intptr_t dlcJitGetNumInputs(DlcJit jit) { return dlcJitUnwrap(jit)->numInputs; }
intptr_t dlcJitGetNumResults(DlcJit jit) { return dlcJitUnwrap(jit)->numResults; }

MlirType dlcJitGetInputType(DlcJit handle, intptr_t index) {
  Jit *jit = dlcJitUnwrap(handle);
  return index >= 0 && index < jit->numInputs ? jit->inputTypes[index] : (MlirType){NULL};
}

MlirType dlcJitGetResultType(DlcJit handle, intptr_t index) {
  Jit *jit = dlcJitUnwrap(handle);
  return index >= 0 && index < jit->numResults ? jit->resultTypes[index] : (MlirType){NULL};
}
