/* GpuBinary.c: `dlc-gpu-module-to-binary` checks the GPU target options and serializes
 * every gpu.module: it attaches #nvvm.target (the chip, the PTX version the chip needs, the
 * optimization level) and runs upstream's gpu-module-to-binary with the format named as
 * dlc names it (ptx, cubin, fatbin). Checking first matters: LLVM aborts on a chip it does
 * not know, and upstream's message for a missing ptxas names none of dlc's options.
 * PTX needs no CUDA tools; cubin and fatbin need a toolkit (bin/ptxas and
 * nvvm/libdevice): `toolkit` if given, else the one whose ptxas is first on PATH, else
 * $CUDA_HOME, $CUDA_ROOT, $CUDA_PATH, then /usr/local/cuda. */
#define _XOPEN_SOURCE 700 /* realpath, PATH_MAX */
#include "Conversion/Gpu.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/NVVM.h"
#include "mlir-c/Pass.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The chips LLVM 22's NVPTX back end knows, with the PTX version each needs (sm_90 wants
 * 8.0: LLVM aborts on an older one). */
static const struct {
  const char *chip, *ptx;
} chips[] = {
    {"sm_50", "+ptx70"},  {"sm_52", "+ptx70"},  {"sm_53", "+ptx70"},   {"sm_60", "+ptx70"},
    {"sm_61", "+ptx70"},  {"sm_62", "+ptx70"},  {"sm_70", "+ptx70"},   {"sm_72", "+ptx70"},
    {"sm_75", "+ptx70"},  {"sm_80", "+ptx70"},  {"sm_86", "+ptx71"},   {"sm_87", "+ptx74"},
    {"sm_89", "+ptx78"},  {"sm_90", "+ptx80"},  {"sm_90a", "+ptx80"},  {"sm_100", "+ptx86"},
    {"sm_100a", "+ptx86"}, {"sm_120", "+ptx87"}, {"sm_120a", "+ptx87"},
};

/* dlc's formats and upstream's; `emulator` is dlc's own (GpuEmulatorImage.c). */
static const char *const formats[][2] = {
    {"ptx", "isa"}, {"cubin", "bin"}, {"fatbin", "fatbin"}, {"emulator", ""}};

/* Whether `ptxas` (a path) is a toolkit's bin/ptxas: followed through symbolic links (a
 * /usr/local/bin/ptxas link names no toolkit), the folder above its bin must also hold the
 * libdevice that upstream's serializer links. Writes that folder to `found`. */
static bool isToolkitPtxas(const char *ptxas, char *found, size_t size) {
  char real[PATH_MAX], libdevice[PATH_MAX + 64];
  if (access(ptxas, X_OK) != 0 || !realpath(ptxas, real))
    return false;
  char *slash = strrchr(real, '/');
  if (!slash || slash - real < 4 || strncmp(slash - 4, "/bin", 4))
    return false;
  slash[-4] = 0;
  snprintf(libdevice, sizeof libdevice, "%s/nvvm/libdevice/libdevice.10.bc", real);
  if (access(libdevice, R_OK) != 0)
    return false;
  snprintf(found, size, "%s", real);
  return true;
}

/* Whether `dir`/bin/ptxas belongs to a toolkit (isToolkitPtxas). */
static bool isToolkit(const char *dir, char *found, size_t size) {
  if (!dir || !*dir)
    return false;
  char ptxas[PATH_MAX];
  snprintf(ptxas, sizeof ptxas, "%s/bin/ptxas", dir);
  return isToolkitPtxas(ptxas, found, size);
}

/* The toolkit folder, searched as the file comment says. */
static bool findToolkit(const char *toolkit, char *found, size_t size) {
  if (*toolkit)
    return isToolkit(toolkit, found, size);
  const char *path = getenv("PATH");
  for (const char *p = path; p && *p;) {
    const char *end = strchr(p, ':');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char ptxas[PATH_MAX];
    if (len > 0 && len < sizeof ptxas - 8) {
      snprintf(ptxas, sizeof ptxas, "%.*s/ptxas", (int)len, p);
      if (isToolkitPtxas(ptxas, found, size))
        return true;
    }
    p = end ? end + 1 : p + len;
  }
  const char *vars[] = {"CUDA_HOME", "CUDA_ROOT", "CUDA_PATH"};
  for (size_t i = 0; i < 3; ++i)
    if (isToolkit(getenv(vars[i]), found, size))
      return true;
  return isToolkit("/usr/local/cuda", found, size);
}

static void emitError(MlirStringRef text, void *userData) {
  char message[512];
  snprintf(message, sizeof message, "%.*s", (int)text.length, text.data);
  mlirEmitError(*(MlirLocation *)userData, message);
}

typedef struct Targets {
  MlirAttribute targets;
} Targets;

static MlirWalkResult attachTarget(MlirOperation op, void *userData) {
  if (!dlcOpIsA(op, "gpu.module"))
    return MlirWalkResultAdvance;
  mlirOperationSetAttributeByName(op, dlcStr("targets"), ((Targets *)userData)->targets);
  return MlirWalkResultSkip;
}

static void runModuleToBinary(MlirOperation module, MlirExternalPass pass,
                              const DlcPassOptionValue *options) {
  const char *chip = options[0].s, *format = options[1].s, *toolkit = options[3].s;
  int64_t optLevel = options[2].i;
  MlirLocation loc = mlirOperationGetLocation(module);
  const char *features = NULL, *upstreamFormat = NULL;
  for (size_t i = 0; i < sizeof chips / sizeof chips[0]; ++i)
    if (!strcmp(chip, chips[i].chip))
      features = chips[i].ptx;
  for (size_t i = 0; i < sizeof formats / sizeof *formats; ++i)
    if (!strcmp(format, formats[i][0]))
      upstreamFormat = formats[i][1];
  char message[256], dir[4096] = "";
  if (!features)
    snprintf(message, sizeof message,
             "unknown GPU chip '%s': expected sm_50 ... sm_90, sm_90a, sm_100, sm_120", chip);
  else if (!upstreamFormat)
    snprintf(message, sizeof message, "unknown GPU format '%s': expected ptx, cubin, fatbin or emulator",
             format);
  else if (optLevel < 0 || optLevel > 3)
    snprintf(message, sizeof message, "opt-level must be 0 to 3, not %lld", (long long)optLevel);
  else if (*upstreamFormat && strcmp(format, "ptx") && !findToolkit(toolkit, dir, sizeof dir))
    snprintf(message, sizeof message,
             "CUDA toolkit not found (bin/ptxas with nvvm/libdevice): install it, name it "
             "with toolkit=, or use format=ptx");
  else
    message[0] = 0;
  if (message[0]) {
    mlirEmitError(loc, message);
    mlirExternalPassSignalFailure(pass);
    return;
  }
  MlirContext ctx = mlirOperationGetContext(module);
  char text[256];
  snprintf(text, sizeof text, "[#nvvm.target<O = %lld, chip = \"%s\", features = \"%s\">]",
           (long long)optLevel, chip, features);
  Targets targets = {mlirAttributeParseGet(ctx, dlcStr(text))};
  mlirOperationWalk(module, attachTarget, &targets, MlirWalkPreOrder);
  if (!*upstreamFormat) {
    dlcPassCheck(pass, dlcSerializeForEmulator(module));
    return;
  }

  /* Upstream's pass, run here because its format option cannot be named in dlc's terms. */
  char pipeline[4400];
  snprintf(pipeline, sizeof pipeline, "gpu-module-to-binary{format=%s%s%s}", upstreamFormat,
           dir[0] ? " toolkit=" : "", dir);
  MlirPassManager pm = mlirPassManagerCreateOnOperation(ctx, dlcStr("builtin.module"));
  MlirLogicalResult result = mlirOpPassManagerAddPipeline(
      mlirPassManagerGetAsOpPassManager(pm), dlcStr(pipeline), emitError, &loc);
  if (mlirLogicalResultIsSuccess(result))
    result = mlirPassManagerRunOnOp(pm, module);
  mlirPassManagerDestroy(pm);
  dlcPassCheck(pass, result);
}

static const DlcPassOptionInfo binaryOptions[] = {
    {"chip", DlcPassOptionString, "sm_90", "GPU architecture (sm_80, sm_90, ...)"},
    {"format", DlcPassOptionString, "ptx",
     "ptx (no CUDA tools), cubin or fatbin (ptxas), emulator (dlc's CUDA emulator, no GPU)"},
    {"opt-level", DlcPassOptionInt, "2", "LLVM optimization level of device code (0 to 3)"},
    {"toolkit", DlcPassOptionString, "", "CUDA toolkit folder holding bin/ptxas and nvvm/libdevice "
                                         "(default: searched)"},
};

static MlirDialectHandle (*const gpuDialects[])(void) = {mlirGetDialectHandle__gpu__,
                                                          mlirGetDialectHandle__nvvm__, NULL};

const DlcPassDef dlcGpuModuleToBinaryPass = {
    .info = {.argument = "dlc-gpu-module-to-binary",
             .summary = "Check the GPU target, attach #nvvm.target and serialize gpu.modules to "
                        "PTX, cubin or fatbin",
             .anchor = "builtin.module", .numOptions = 4, .options = binaryOptions},
    .run = runModuleToBinary,
    .dependentDialects = gpuDialects,
};
