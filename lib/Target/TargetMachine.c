/* TargetMachine.c: LLVM's target machine behind DlcTargetMachine. Every target LLVM was
 * built with is initialized once per process, so that any triple LLVM knows can be asked
 * for; the host's CPU and features are the defaults only for the host's own triple (another
 * triple gets LLVM's generic CPU). Code is position independent, so objects link into PIE
 * executables and shared libraries alike.
 * Ownership: a TargetMachine owns its LLVM target machine and string copies; the strings of
 * LLVM-C's LLVMGet* calls are disposed of here. */
#include "Target/Target.h"

#include "Support/Alloc.h"

#include "llvm-c/Target.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t targetsInitialized = PTHREAD_ONCE_INIT;

static void initializeTargets(void) {
  LLVMInitializeAllTargetInfos();
  LLVMInitializeAllTargets();
  LLVMInitializeAllTargetMCs();
  LLVMInitializeAllAsmPrinters();
}

DlcTargetOptions dlcTargetOptionsGetDefault(void) {
  return (DlcTargetOptions){
      .triple = {NULL, 0}, .cpu = {NULL, 0}, .features = {NULL, 0}, .optLevel = 2};
}

/* A heap copy of `s`, or of the LLVM message `fallback` (disposed of) when `s` is empty. */
static char *copyOr(MlirStringRef s, char *fallback) {
  char *copy = s.length ? dlcStrndup(s.data, s.length) : dlcStrndup(fallback, strlen(fallback));
  LLVMDisposeMessage(fallback);
  return copy;
}

static void report(MlirStringCallback callback, void *userData, const char *a, const char *b,
                   const char *c) {
  const char *parts[] = {a, b, c};
  for (int i = 0; i < 3; ++i)
    if (callback && parts[i])
      callback(dlcStr(parts[i]), userData);
}

DlcTargetMachine dlcTargetMachineCreate(const DlcTargetOptions *options,
                                        MlirStringCallback errorCallback, void *userData) {
  pthread_once(&targetsInitialized, initializeTargets);
  if (options->optLevel < 0 || options->optLevel > 3) {
    report(errorCallback, userData, "optimization level must be 0 to 3", NULL, NULL);
    return (DlcTargetMachine){NULL};
  }
  char *host = LLVMGetDefaultTargetTriple();
  char *given =
      options->triple.length ? dlcStrndup(options->triple.data, options->triple.length) : NULL;
  char *triple = LLVMNormalizeTargetTriple(given ? given : host);
  bool isHost = !given || !strcmp(triple, host) || !strcmp(given, host);
  LLVMDisposeMessage(host);
  LLVMTargetRef target;
  char *error = NULL;
  if (LLVMGetTargetFromTriple(triple, &target, &error)) {
    report(errorCallback, userData, "unknown target triple '", given ? given : triple, "': ");
    report(errorCallback, userData, error, NULL, NULL);
    LLVMDisposeMessage(error);
    LLVMDisposeMessage(triple);
    free(given);
    return (DlcTargetMachine){NULL};
  }
  free(given);
  TargetMachine *tm = dlcAlloc(sizeof *tm);
  tm->triple = dlcStrndup(triple, strlen(triple));
  LLVMDisposeMessage(triple);
  tm->cpu = copyOr(options->cpu, isHost ? LLVMGetHostCPUName() : LLVMCreateMessage(""));
  tm->features =
      copyOr(options->features, isHost ? LLVMGetHostCPUFeatures() : LLVMCreateMessage(""));
  tm->optLevel = options->optLevel;
  static const LLVMCodeGenOptLevel levels[] = {LLVMCodeGenLevelNone, LLVMCodeGenLevelLess,
                                               LLVMCodeGenLevelDefault, LLVMCodeGenLevelAggressive};
  tm->machine = LLVMCreateTargetMachine(target, tm->triple, tm->cpu, tm->features,
                                        levels[tm->optLevel], LLVMRelocPIC, LLVMCodeModelDefault);
  return (DlcTargetMachine){tm};
}

void dlcTargetMachineDestroy(DlcTargetMachine handle) {
  TargetMachine *tm = unwrapTargetMachine(handle);
  if (!tm)
    return;
  LLVMDisposeTargetMachine(tm->machine);
  free(tm->triple);
  free(tm->cpu);
  free(tm->features);
  free(tm);
}

MlirStringRef dlcTargetMachineGetTriple(DlcTargetMachine tm) {
  return dlcStr(unwrapTargetMachine(tm)->triple);
}

MlirStringRef dlcTargetMachineGetCPU(DlcTargetMachine tm) {
  return dlcStr(unwrapTargetMachine(tm)->cpu);
}

MlirStringRef dlcTargetMachineGetFeatures(DlcTargetMachine tm) {
  return dlcStr(unwrapTargetMachine(tm)->features);
}
