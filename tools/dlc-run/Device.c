/* Device.c: --device=cpu|gpu. The CPU is the default and compiles with dlcJitCreate (or,
 * with --aot, ahead of time); the GPU compiles with dlcJitCreateGpu, whose calls copy the
 * arguments to the device and the results back, so the rest of dlc-run (inputs, --check,
 * --benchmark) is the same for both. The CUDA runtime is initialized before anything is
 * compiled: a machine without a driver or device fails at once, with the runtime's reason.
 * Nothing here allocates. */
#include "DlcRun.h"

#include "dlc/CudaRuntime.h"

#include <stdio.h>
#include <string.h>

/* The no-optimize pipeline of the GPU: dlc's GPU lowering alone. */
#define DLC_RUN_NO_OPTIMIZE_GPU_PIPELINE "builtin.module(dlc-lower-to-gpu)"

static bool onGpu(const Options *opts) { return opts->device && !strcmp(opts->device, "gpu"); }

bool checkDevice(const Options *opts) {
  if (opts->device && strcmp(opts->device, "cpu") && !onGpu(opts)) {
    fprintf(stderr, "dlc-run: invalid value '%s' for --device: expected 'cpu' or 'gpu'\n",
            opts->device);
    return false;
  }
  if (onGpu(opts) && opts->aot) {
    fprintf(stderr, "dlc-run: conflicting options: --aot and --device=gpu (compile GPU "
                    "objects with dlc-translate, see docs/gpu.md)\n");
    return false;
  }
  return true;
}

bool initDevice(const Options *opts) {
  if (!onGpu(opts) || dlcCudaResultIsSuccess(dlcCudaRuntimeInit()))
    return true;
  fprintf(stderr, "dlc-run: --device=gpu: %s\n", dlcCudaGetLastError());
  return false;
}

JitCreator jitCreator(const Options *opts) {
  return onGpu(opts) ? dlcJitCreateGpu : opts->aot ? dlcJitCreateAot : dlcJitCreate;
}

const char *noOptimizePipeline(const Options *opts) {
  return onGpu(opts) ? DLC_RUN_NO_OPTIMIZE_GPU_PIPELINE : DLC_RUN_NO_OPTIMIZE_PIPELINE;
}
