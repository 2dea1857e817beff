/* Aot.c: the ahead-of-time way to the same call. The lowered module becomes an object file
 * (dlc/Translate.h, host CPU), which the system C compiler ($CC, else `cc`) links into a
 * shared object together with a small generated C shim; the shared object is dlopened and the
 * shim is what Call.c invokes. The object's `_mlir_ciface_<entry>` takes its arguments one
 * by one, while Call.c calls the JIT's packed form (one array of pointers to the
 * arguments): the shim unpacks that array, so descriptors, calls and the release of result
 * buffers are Call.c's for both paths, and an AOT run exercises exactly the object that
 * `dlc-translate --mlir-to-obj` writes.
 * Temporaries live in a fresh directory under $TMPDIR (else /tmp) and are removed once the
 * shared object is loaded (or has failed to be); the loaded library stays mapped until
 * dlcJitDestroy closes it.
 * Ownership: the dlopen handle is the Jit's (jit->library). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, posix_spawnp */

#include "Runner/Runner.h"
#include "Support/Alloc.h"
#include "dlc/Translate.h"

#include <dlfcn.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The name the shim exports: what Call.c calls. */
#define SHIM_SYMBOL "dlc_aot_invoke"

typedef struct Temps {
  char dir[4096];
  char object[4200], shim[4200], library[4200];
} Temps;

static void writeToFile(MlirStringRef bytes, void *userData) {
  fwrite(bytes.data, 1, bytes.length, (FILE *)userData);
}

/* The lowered module as an object file at `path`, for the host at `optLevel`. */
static bool writeObject(MlirModule module, int optLevel, const char *path,
                        MlirStringCallback callback, void *userData) {
  DlcTargetOptions options = dlcTargetOptionsGetDefault();
  options.optLevel = optLevel;
  DlcTargetMachine tm = dlcTargetMachineCreate(&options, callback, userData);
  if (dlcTargetMachineIsNull(tm))
    return false;
  FILE *file = fopen(path, "wb");
  bool ok = file && mlirLogicalResultIsSuccess(dlcTranslateToObject(
                        mlirModuleGetOperation(module), tm, writeToFile, file));
  ok = file && fclose(file) == 0 && ok;
  dlcTargetMachineDestroy(tm);
  if (!ok)
    dlcFormat(callback, userData, "cannot compile the lowered module to an object file %s",
              path);
  return ok;
}

/* The shim: `dlc_aot_invoke(void **packed)` calls `_mlir_ciface_<entry>` with each pointer
 * the packed array points to (the result pointer first, when there are results). The
 * symbol is named through an asm label, so that any MLIR symbol name works, not only C
 * identifiers. */
static bool writeShim(const Jit *jit, const char *path, MlirStringCallback callback,
                      void *userData) {
  FILE *file = fopen(path, "w");
  if (!file) {
    dlcFormat(callback, userData, "cannot write %s: %s", path, strerror(errno));
    return false;
  }
  intptr_t n = jit->numInputs + (jit->numResults ? 1 : 0);
  fprintf(file, "extern void entry(");
  for (intptr_t i = 0; i < n; ++i)
    fprintf(file, "%svoid *", i ? ", " : "");
  fprintf(file, "%s) __asm__(\"_mlir_ciface_", n ? "" : "void");
  for (const unsigned char *c = (const unsigned char *)jit->entry; *c; ++c)
    fprintf(file, *c == '"' || *c == '\\' || *c < 0x20 || *c >= 0x7f ? "\\%03o" : "%c", *c);
  fprintf(file, "\");\nvoid " SHIM_SYMBOL "(void **packed) {\n  (void)packed;\n  entry(");
  for (intptr_t i = 0; i < n; ++i)
    fprintf(file, "%s*(void **)packed[%ld]", i ? ", " : "", (long)i);
  fprintf(file, ");\n}\n");
  return fclose(file) == 0;
}

/* Runs `$CC -shared -Wl,-Bsymbolic -o library shim object -lm` through the shell, as make runs $CC (it may
 * carry flags or a launcher). */
static bool linkLibrary(const Temps *t, MlirStringCallback callback, void *userData) {
  const char *cc = getenv("CC");
  if (!cc || !*cc)
    cc = "cc";
  size_t size = strlen(cc) + 16;
  char *script = dlcAlloc(size);
  snprintf(script, size, "%s \"$@\"", cc);
  /* -Bsymbolic binds the object's calls to its own functions: an entry named like a libm
   * function (@nan, @exp) would otherwise call libm's, which dlc-run has loaded first.
   * Parallel code (dlc-lower-to-cpu with threads != 1) calls libomp; --as-needed drops it
   * from sequential code. */
  char *argv[] = {"sh", "-c", script, "sh", "-shared", "-fPIC", "-Wl,-Bsymbolic", "-o",
                  (char *)t->library, (char *)t->shim, (char *)t->object, "-lm",
#ifdef DLC_OMP_LIBRARY
                  "-Wl,--as-needed", DLC_OMP_LIBRARY, "-Wl,-rpath," DLC_OMP_DIR,
#endif
                  NULL};
  pid_t pid;
  int status = 0, err = posix_spawnp(&pid, "sh", NULL, NULL, argv, environ);
  if (!err && waitpid(pid, &status, 0) < 0)
    err = errno;
  bool ok = !err && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (err)
    dlcFormat(callback, userData, "cannot run the shell to link with the C compiler: %s",
              strerror(err));
  else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    dlcFormat(callback, userData,
              "no C compiler: cannot run '%s' (set CC to a C compiler to link ahead-of-time "
              "code)",
              cc);
  else if (!ok)
    dlcFormat(callback, userData, "the C compiler '%s' could not link the object into %s", cc,
              t->library);
  free(script);
  return ok;
}

static bool load(Jit *jit, const char *path, MlirStringCallback callback, void *userData) {
  jit->library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!jit->library) {
    dlcFormat(callback, userData, "cannot load the compiled code: %s", dlerror());
    return false;
  }
  void *invoke = dlsym(jit->library, SHIM_SYMBOL);
  if (!invoke) {
    dlcFormat(callback, userData, "no %s in the compiled code: %s", SHIM_SYMBOL, dlerror());
    return false;
  }
  memcpy(&jit->invoke, &invoke, sizeof invoke);
  return true;
}

bool dlcAotLoad(Jit *jit, MlirModule module, int optLevel, MlirStringCallback callback,
                void *userData) {
  Temps t;
  const char *tmp = getenv("TMPDIR");
  snprintf(t.dir, sizeof t.dir, "%s/dlc-aot-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(t.dir)) {
    dlcFormat(callback, userData, "cannot create a temporary directory %s: %s", t.dir,
              strerror(errno));
    return false;
  }
  snprintf(t.object, sizeof t.object, "%s/entry.o", t.dir);
  snprintf(t.shim, sizeof t.shim, "%s/shim.c", t.dir);
  snprintf(t.library, sizeof t.library, "%s/entry.so", t.dir);
  bool ok = writeObject(module, optLevel, t.object, callback, userData) &&
            writeShim(jit, t.shim, callback, userData) && linkLibrary(&t, callback, userData) &&
            load(jit, t.library, callback, userData);
  remove(t.object);
  remove(t.shim);
  remove(t.library);
  rmdir(t.dir);
  return ok;
}
