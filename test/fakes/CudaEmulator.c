/* CudaEmulator.c: dlc's CUDA emulator, a CUDA driver (DLC_CUDA_DRIVER) that runs kernels
 * compiled with `format=emulator` on the CPU (dlc/CudaEmulator.h), with FakeCudaMemory.c's
 * memory, streams and events. A module is JIT-compiled by MLIR's ExecutionEngine in a
 * context of its own; a kernel is called through the engine's packed wrapper, whose
 * argument array is exactly cuLaunchKernel's kernelParams; libdevice's functions (__nv_*)
 * are the C library's. Launches run one at a time (EmulatorThreads.c).
 * Not a GPU: it proves what the kernels compute, not how fast, and it runs what the
 * compiler made before PTX, so ptxas and the hardware are not exercised.
 * Ownership: a module owns its context, engine and kernels until cuModuleUnload. */
#define _GNU_SOURCE /* exp10 */
#include "Emulator.h"
#include "FakeCuda.h"

#include "dlc/CudaEmulator.h"
#include "dlc/Dialects.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/LLVM.h"
#include "mlir-c/ExecutionEngine.h"
#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char fakeDeviceName[] = "dlc CUDA emulator";

static char detail[1024];

const char *fakeErrorText(CUresult error) { return detail; }

static CUresult fail(CUresult error, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(detail, sizeof detail, format, args);
  va_end(args);
  return error;
}

typedef struct Kernel {
  char *name;
  EmuKernel packed;
  bool synchronizes;
} Kernel;

typedef struct Module {
  MlirContext ctx;
  MlirModule module;
  MlirExecutionEngine engine;
  Kernel **kernels;
  size_t numKernels;
  struct Module *next; /* the loaded modules */
} Module;

/* Loaded modules, released by cuModuleUnload, except once the process exits: an AOT
 * program unloads its modules from a destructor that runs after LLVM's function-local
 * statics are gone, and destroying a JIT compiles its deinitializers. Modules left then stay
 * in this list, reachable, until the process ends. */
static Module *loaded;
static bool exiting;
static pthread_mutex_t moduleLock = PTHREAD_MUTEX_INITIALIZER;

/* ---- Symbols the images call -------------------------------------------------------------- */

typedef void (*AnyFunction)(void);

static float rsqrtf_(float x) { return 1.0f / sqrtf(x); }
static double rsqrt_(double x) { return 1.0 / sqrt(x); }
static int abs_(int x) { return x < 0 ? -x : x; }
static long long llabs_(long long x) { return x < 0 ? -x : x; }

/* libdevice functions by their C library twins: __nv_<name>f (float) and __nv_<name>. */
#define LIBDEVICE_TWINS(X)                                                                     \
  X(fabs) X(ceil) X(floor) X(trunc) X(round) X(rint) X(nearbyint) X(sqrt) X(cbrt) X(exp)      \
  X(exp2) X(exp10) X(expm1) X(log) X(log2) X(log10) X(log1p) X(sin) X(cos) X(tan) X(asin)     \
  X(acos) X(atan) X(sinh) X(cosh) X(tanh) X(asinh) X(acosh) X(atanh) X(erf) X(erfc) X(pow)    \
  X(fmod) X(remainder) X(atan2) X(copysign) X(fmin) X(fmax) X(hypot) X(fma)
#define TWIN(name) {"__nv_" #name "f", (AnyFunction)name##f}, {"__nv_" #name, (AnyFunction)name},

static const struct {
  const char *name;
  AnyFunction function;
} symbols[] = {
    {"dlcEmuSpecialRegister", (AnyFunction)dlcEmuSpecialRegister},
    {"dlcEmuBarrier", (AnyFunction)dlcEmuBarrier},
    {"dlcEmuShuffle", (AnyFunction)dlcEmuShuffle},
    {"dlcEmuPush", (AnyFunction)dlcEmuPush},
    {"dlcEmuResult", (AnyFunction)dlcEmuResult},
    {"dlcEmuWmmaLoad", (AnyFunction)dlcEmuWmmaLoad},
    {"dlcEmuWmmaMma", (AnyFunction)dlcEmuWmmaMma},
    {"dlcEmuWmmaStore", (AnyFunction)dlcEmuWmmaStore},
    {"dlcEmuMmaSync", (AnyFunction)dlcEmuMmaSync},
    {"dlcEmuDynamicSharedMemory", (AnyFunction)dlcEmuDynamicSharedMemory},
    LIBDEVICE_TWINS(TWIN)
    {"__nv_rsqrtf", (AnyFunction)rsqrtf_},
    {"__nv_rsqrt", (AnyFunction)rsqrt_},
    {"__nv_abs", (AnyFunction)abs_},
    {"__nv_llabs", (AnyFunction)llabs_},
};

/* The calls that make a thread wait for others. */
static const char *const waitingCallees[] = {"dlcEmuBarrier", "dlcEmuShuffle", "dlcEmuWmmaMma",
                                             "dlcEmuMmaSync"};

/* ---- Modules ------------------------------------------------------------------------------ */

static void appendDetail(MlirStringRef piece, void *userData) {
  size_t used = strlen(detail);
  (void)userData;
  snprintf(detail + used, sizeof detail - used, "%.*s", (int)piece.length, piece.data);
}

static MlirLogicalResult recordError(MlirDiagnostic diagnostic, void *userData) {
  bool *seen = userData;
  if (!*seen && mlirDiagnosticGetSeverity(diagnostic) == MlirDiagnosticError) {
    *seen = true;
    snprintf(detail, sizeof detail, "the emulator image does not parse: ");
    mlirDiagnosticPrint(diagnostic, appendDetail, NULL);
  }
  return mlirLogicalResultSuccess();
}

/* Everything but the handle. */
static void moduleRelease(Module *m) {
  for (size_t i = 0; i < m->numKernels; ++i) {
    free(m->kernels[i]->name);
    free(m->kernels[i]);
  }
  free(m->kernels);
  m->kernels = NULL;
  m->numKernels = 0;
  if (!mlirExecutionEngineIsNull(m->engine))
    mlirExecutionEngineDestroy(m->engine);
  if (!mlirModuleIsNull(m->module))
    mlirModuleDestroy(m->module);
  if (!mlirContextIsNull(m->ctx))
    mlirContextDestroy(m->ctx);
  m->engine = (MlirExecutionEngine){NULL};
  m->module = (MlirModule){NULL};
  m->ctx = (MlirContext){NULL};
}

static void markExiting(void) {
  pthread_mutex_lock(&moduleLock);
  exiting = true;
  pthread_mutex_unlock(&moduleLock);
}

static pthread_once_t atExitRegistered = PTHREAD_ONCE_INIT;

static void registerAtExit(void) { atexit(markExiting); }

static void moduleDestroy(Module *m) {
  pthread_mutex_lock(&moduleLock);
  bool keep = exiting;
  for (Module **p = &loaded; *p && !keep; p = &(*p)->next)
    if (*p == m) {
      *p = m->next;
      break;
    }
  pthread_mutex_unlock(&moduleLock);
  if (keep)
    return;
  moduleRelease(m);
  free(m);
}

API CUresult cuModuleLoadData(void **module, const void *image) {
  size_t headerLength = strlen(DLC_EMU_IMAGE_HEADER), size;
  const char *text = image, *newline = NULL;
  /* The size is at most 20 digits: look no further for the header's end. */
  if (!strncmp(text, DLC_EMU_IMAGE_HEADER, headerLength))
    newline = memchr(text + headerLength, '\n', 21);
  if (!newline || sscanf(text + headerLength, "%zu", &size) != 1)
    return fail(CudaErrorInvalidImage,
                "not an emulator image: compile the kernels with format=emulator");
  const char *body = newline + 1;
  Module *m = calloc(1, sizeof *m);
  /* dlc's context: attributes of other dialects (arith's fastmath flags) stay on LLVM ops. */
  m->ctx = dlcContextCreate();
  /* An ahead-of-time object loads its kernels from a constructor, which dlopen runs under
   * the loader's lock; MLIR's worker threads would wait for that lock (thread-local
   * destructors), so everything here stays on the calling thread. */
  mlirContextEnableMultithreading(m->ctx, false);
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__llvm__(), m->ctx);
  bool seen = false;
  MlirDiagnosticHandlerID handler =
      mlirContextAttachDiagnosticHandler(m->ctx, recordError, &seen, NULL);
  m->module = mlirModuleCreateParse(m->ctx, (MlirStringRef){body, size});
  mlirContextDetachDiagnosticHandler(m->ctx, handler);
  if (mlirModuleIsNull(m->module)) {
    moduleRelease(m);
    free(m);
    return seen ? CudaErrorInvalidImage
                : fail(CudaErrorInvalidImage, "the emulator image does not parse");
  }
  m->engine = mlirExecutionEngineCreate(m->module, 2, 0, NULL, false, false);
  if (mlirExecutionEngineIsNull(m->engine)) {
    moduleRelease(m);
    free(m);
    return fail(CudaErrorInvalidImage, "the emulator image does not translate to LLVM IR");
  }
  for (size_t i = 0; i < sizeof symbols / sizeof *symbols; ++i) {
    void *address;
    memcpy(&address, &symbols[i].function, sizeof address);
    mlirExecutionEngineRegisterSymbol(m->engine, mlirStringRefCreateFromCString(symbols[i].name),
                                      address);
  }
  pthread_once(&atExitRegistered, registerAtExit);
  pthread_mutex_lock(&moduleLock);
  m->next = loaded;
  loaded = m;
  pthread_mutex_unlock(&moduleLock);
  *module = m;
  return 0;
}

API CUresult cuModuleLoadDataEx(void **module, const void *image, unsigned n, int *options,
                                void **values) {
  return fail(CudaErrorInvalidImage,
              "the emulator runs no PTX: compile the kernels with format=emulator");
}

API CUresult cuModuleUnload(void *module) {
  moduleDestroy(module);
  return 0;
}

static MlirWalkResult findWaitingCall(MlirOperation op, void *userData) {
  MlirAttribute callee = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("callee"));
  if (mlirAttributeIsNull(callee) || !mlirAttributeIsAFlatSymbolRef(callee))
    return MlirWalkResultAdvance;
  MlirStringRef name = mlirFlatSymbolRefAttrGetValue(callee);
  for (size_t i = 0; i < sizeof waitingCallees / sizeof *waitingCallees; ++i)
    if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(waitingCallees[i]))) {
      *(bool *)userData = true;
      return MlirWalkResultInterrupt;
    }
  return MlirWalkResultAdvance;
}

/* Whether kernel `name` calls an op that waits for other threads (directly: the helpers a
 * kernel module defines are math functions). */
static bool synchronizes(Module *m, const char *name) {
  MlirBlock body = mlirModuleGetBody(m->module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    MlirAttribute symbol = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString("sym_name"));
    if (mlirAttributeIsNull(symbol) ||
        !mlirStringRefEqual(mlirStringAttrGetValue(symbol), mlirStringRefCreateFromCString(name)))
      continue;
    bool found = false;
    mlirOperationWalk(op, findWaitingCall, &found, MlirWalkPreOrder);
    return found;
  }
  return true;
}

API CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  Module *m = module;
  void *packed = mlirExecutionEngineLookupPacked(m->engine, mlirStringRefCreateFromCString(name));
  if (!packed)
    return fail(CudaErrorNotFound, "the emulator image has no kernel %s", name);
  Kernel *k = calloc(1, sizeof *k);
  k->name = strdup(name);
  memcpy(&k->packed, &packed, sizeof packed);
  k->synchronizes = synchronizes(m, name);
  m->kernels = realloc(m->kernels, (m->numKernels + 1) * sizeof *m->kernels);
  m->kernels[m->numKernels++] = k;
  *function = k;
  return 0;
}

static pthread_mutex_t launchLock = PTHREAD_MUTEX_INITIALIZER;

API CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                            unsigned by, unsigned bz, unsigned smem, void *stream,
                            void **params, void **extra) {
  const Kernel *k = f;
  if ((unsigned long long)bx * by * bz > 1024 || smem > EmuMaxSharedBytes)
    return fail(CudaErrorLaunchOutOfResources,
                "%s: a block of %ux%ux%u threads with %u bytes of shared memory is more than "
                "a GPU has (1024 threads, %d bytes)",
                k->name, bx, by, bz, smem, EmuMaxSharedBytes);
  EmuLaunch launch = {k->packed, params, {gx, gy, gz}, {bx, by, bz}, smem, k->synchronizes};
  char error[512] = "";
  pthread_mutex_lock(&launchLock);
  bool ok = emuRunGrid(&launch, error, sizeof error);
  pthread_mutex_unlock(&launchLock);
  return ok ? 0 : fail(CudaErrorLaunchFailed, "kernel %s: %s", k->name, error);
}
