/* FakeCuda.h: what the test CUDA drivers share (FakeCudaMemory.c): the driver's types and
 * the error codes they return, and the two things each driver says of itself. */
#ifndef DLC_TEST_FAKES_FAKE_CUDA_H
#define DLC_TEST_FAKES_FAKE_CUDA_H

#include <stddef.h>

#define API __attribute__((visibility("default")))

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

/* The codes of cuda.h the fakes return. */
enum {
  CudaErrorInvalidValue = 1,
  CudaErrorOutOfMemory = 2,
  CudaErrorInvalidImage = 200,
  CudaErrorNoBinaryForGpu = 209,
  CudaErrorNotFound = 500,
  CudaErrorLaunchOutOfResources = 701,
  CudaErrorLaunchFailed = 719,
};

/// The device name cuDeviceGetName reports.
extern const char fakeDeviceName[];
/// The text cuGetErrorString gives for `error` (a driver may keep the detail of its last
/// failure there).
const char *fakeErrorText(CUresult error);

#endif
