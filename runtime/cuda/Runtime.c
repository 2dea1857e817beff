/* Runtime.c: the dlc API of the runtime for the programs that call compiled GPU code (the
 * runner, and the C headers of ahead-of-time objects): device buffers and copies that
 * have ended when they return. Initialization and the error live in Driver.c.
 * Ownership: buffers from dlcCudaAlloc are the caller's until dlcCudaFree. */
#include "Driver.h"

void *dlcCudaAlloc(size_t bytes) { return mgpuMemAlloc(bytes, NULL, false); }

void dlcCudaFree(void *device) { mgpuMemFree(device, NULL); }

/* A copy from pageable memory may return before its DMA ends, and compiled code runs on
 * non-blocking streams that do not wait for it: the copy is followed by a synchronize. */
DlcCudaResult dlcCudaCopyToDevice(void *device, const void *host, size_t bytes) {
  if (!dlcCudaEnter())
    return (DlcCudaResult){0};
  return (DlcCudaResult){
      !bytes || (dlcCudaCheck(dlcCudaDriver.memcpyHtoD((CUdeviceptr)(uintptr_t)device, host,
                                                       bytes),
                              "cuMemcpyHtoD") &&
                 dlcCudaCheck(dlcCudaDriver.ctxSynchronize(), "cuCtxSynchronize"))};
}

DlcCudaResult dlcCudaCopyToHost(void *host, const void *device, size_t bytes) {
  if (!dlcCudaEnter())
    return (DlcCudaResult){0};
  return (DlcCudaResult){
      !bytes || dlcCudaCheck(dlcCudaDriver.memcpyDtoH(host, (CUdeviceptr)(uintptr_t)device,
                                                      bytes),
                             "cuMemcpyDtoH")};
}

DlcCudaResult dlcCudaSynchronize(void) {
  return (DlcCudaResult){dlcCudaEnter() &&
                         dlcCudaCheck(dlcCudaDriver.ctxSynchronize(), "cuCtxSynchronize")};
}
