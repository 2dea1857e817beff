/* test_cuda_runtime.c: the error paths of dlc's CUDA runtime (dlc/CudaRuntime.h), which
 * CI can run without a GPU: no driver, a library that is not a driver, the CUDA toolkit's
 * stub driver, and every call after a failed initialization doing nothing. The runtime
 * initializes once per process and its first error sticks, so every test runs in a
 * process of its own (check's fork mode, whatever CK_FORK says) and chooses its driver
 * through DLC_CUDA_DRIVER before the first call. The same holds for dlcCublasLtMatmul (the
 * `library` dot backend) and its library, DLC_CUBLASLT: no library, one that is not
 * cuBLASLt, the real one without a driver, a call after an earlier error. */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include "UnitTest.h"

#include "dlc/CudaRuntime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The stub libcuda of the CUDA toolkit, where one is installed. */
#define STUB_DRIVER "/usr/local/cuda/lib64/stubs/libcuda.so"

static void useDriver(const char *path) { ck_assert_int_eq(setenv("DLC_CUDA_DRIVER", path, 1), 0); }

static void assertStartsWith(const char *text, const char *prefix) {
  ck_assert_ptr_nonnull(text);
  ck_assert_msg(!strncmp(text, prefix, strlen(prefix)), "'%s' does not start with '%s'", text,
                prefix);
}

START_TEST(testNoDriver) {
  useDriver("/nonexistent/libcuda.so.1");
  ck_assert_ptr_null(dlcCudaGetLastError());
  ck_assert_int_eq(dlcCudaGetLastErrorCode(), 0);
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaRuntimeInit()));
  assertStartsWith(dlcCudaGetLastError(),
                   "no CUDA driver found (/nonexistent/libcuda.so.1: cannot open shared object");
  ck_assert_int_eq(dlcCudaGetLastErrorCode(), -1);
  /* Init runs once: a second call fails the same way without trying again. */
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaRuntimeInit()));
}
END_TEST

/* Without DLC_CUDA_DRIVER the runtime opens libcuda.so.1; where there is none, the error
 * says so (on a machine with a GPU, initialization succeeds instead). */
START_TEST(testDefaultDriverName) {
  unsetenv("DLC_CUDA_DRIVER");
  if (dlcCudaResultIsSuccess(dlcCudaRuntimeInit())) {
    ck_assert_ptr_null(dlcCudaGetLastError());
    ck_assert_str_ne(dlcCudaGetDeviceName(), "");
    return;
  }
  const char *error = dlcCudaGetLastError();
  ck_assert_ptr_nonnull(error);
  if (!strncmp(error, "no CUDA driver found", 20))
    ck_assert_ptr_nonnull(strstr(error, "libcuda.so.1"));
  else
    assertStartsWith(error, "CUDA_ERROR_");
}
END_TEST

START_TEST(testNotADriver) {
  useDriver("libc.so.6");
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaRuntimeInit()));
  ck_assert_str_eq(dlcCudaGetLastError(), "the CUDA driver libc.so.6 has no cuInit");
  ck_assert_int_eq(dlcCudaGetLastErrorCode(), -1);
}
END_TEST

/* The stub resolves every entry point the runtime needs, and fails cuInit; it cannot name
 * its own error, so the name and text come from the runtime's table. */
START_TEST(testStubDriver) {
  if (access(STUB_DRIVER, R_OK)) {
    printf("testStubDriver skipped: no %s\n", STUB_DRIVER);
    return;
  }
  useDriver(STUB_DRIVER);
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaRuntimeInit()));
  ck_assert_str_eq(dlcCudaGetLastError(),
                   "CUDA_ERROR_STUB_LIBRARY: CUDA driver is a stub library (cuInit)");
  ck_assert_int_eq(dlcCudaGetLastErrorCode(), 34);
  ck_assert_str_eq(dlcCudaGetDeviceName(), "");
}
END_TEST

/* What compiled code and its caller do after a failed initialization: every call returns
 * at once, handles are null, and the first error is the one kept. The handles passed in
 * are garbage on purpose: nothing may reach the driver. */
START_TEST(testCallsAfterFailureDoNothing) {
  useDriver("/nonexistent/libcuda.so.1");
  mgpuSetDefaultDevice(0);
  ck_assert_ptr_null(dlcCudaGetLastError());
  void *bogus = (void *)(uintptr_t)0x1234;
  char host[16] = "unchanged";
  ck_assert_ptr_null(mgpuModuleLoad(host, sizeof host));
  const char *first = dlcCudaGetLastError();
  assertStartsWith(first, "no CUDA driver found");
  ck_assert_ptr_null(mgpuModuleLoadJIT(host, 2));
  ck_assert_ptr_null(mgpuModuleGetFunction(bogus, "kernel"));
  mgpuLaunchKernel(bogus, 1, 1, 1, 1, 1, 1, 0, bogus, NULL, NULL, 0);
  ck_assert_ptr_null(mgpuStreamCreate());
  ck_assert_ptr_null(mgpuEventCreate());
  mgpuEventRecord(bogus, bogus);
  mgpuStreamWaitEvent(bogus, bogus);
  mgpuEventSynchronize(bogus);
  mgpuEventDestroy(bogus);
  ck_assert_ptr_null(mgpuMemAlloc(64, bogus, false));
  ck_assert_ptr_null(mgpuMemAlloc(64, bogus, true));
  mgpuMemcpy(bogus, host, sizeof host, bogus);
  mgpuMemset32(bogus, 7, 4, bogus);
  mgpuMemset16(bogus, 7, 8, bogus);
  mgpuMemFree(bogus, bogus);
  mgpuStreamSynchronize(bogus);
  mgpuStreamDestroy(bogus);
  mgpuModuleUnload(bogus);
  mgpuSetDefaultDevice(1);
  ck_assert_ptr_null(dlcCudaAlloc(64));
  dlcCudaFree(bogus);
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaCopyToDevice(bogus, host, sizeof host)));
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaCopyToHost(host, bogus, sizeof host)));
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaSynchronize()));
  ck_assert_str_eq(host, "unchanged");
  ck_assert_ptr_eq(dlcCudaGetLastError(), first);
  assertStartsWith(dlcCudaGetLastError(), "no CUDA driver found");
}
END_TEST

static void *initFromThread(void *unused) {
  return (void *)(uintptr_t)dlcCudaResultIsSuccess(dlcCudaRuntimeInit());
}

/* Threads racing to initialize all see the one outcome. */
START_TEST(testInitFromThreads) {
  useDriver("/nonexistent/libcuda.so.1");
  pthread_t threads[8];
  for (int i = 0; i < 8; ++i)
    ck_assert_int_eq(pthread_create(&threads[i], NULL, initFromThread, NULL), 0);
  for (int i = 0; i < 8; ++i) {
    void *succeeded;
    ck_assert_int_eq(pthread_join(threads[i], &succeeded), 0);
    ck_assert_ptr_null(succeeded);
  }
  assertStartsWith(dlcCudaGetLastError(), "no CUDA driver found");
}
END_TEST

/* ---- dlcCublasLtMatmul ---------------------------------------------------------------- */

/* The toolkit's cuBLASLt, where one is installed. */
#define TOOLKIT_CUBLASLT "/usr/local/cuda/lib64/libcublasLt.so.13"

static void useCublasLt(const char *path) {
  ck_assert_int_eq(setenv("DLC_CUBLASLT", path, 1), 0);
}

/* A 2x3x4 product with bias and gelu on pointers no call may follow. */
static void matmul(void) {
  const void *bogus = (const void *)(uintptr_t)0x1234;
  dlcCublasLtMatmul(DLC_CUBLASLT_EPILOGUE_GELU_BIAS, DLC_CUDA_R_32F, DLC_CUDA_R_32F, 0, 0, 0, 2,
                    3, 4, 1, bogus, 4, 0, bogus, 3, 0, NULL, (void *)(uintptr_t)0x5678, 3, 0,
                    bogus);
}

START_TEST(testNoCublasLt) {
  useCublasLt("/nonexistent/libcublasLt.so.13");
  matmul();
  assertStartsWith(dlcCudaGetLastError(), "no cuBLASLt found (/nonexistent/libcublasLt.so.13: "
                                          "cannot open shared object file");
  ck_assert_int_eq(dlcCudaGetLastErrorCode(), -1);
  /* The first error sticks: a second call changes nothing. */
  const char *first = dlcCudaGetLastError();
  matmul();
  ck_assert_ptr_eq(dlcCudaGetLastError(), first);
}
END_TEST

START_TEST(testNotCublasLt) {
  useCublasLt("libc.so.6");
  matmul();
  ck_assert_str_eq(dlcCudaGetLastError(), "the cuBLASLt library libc.so.6 has no cublasLtCreate");
  ck_assert_int_eq(dlcCudaGetLastErrorCode(), -1);
}
END_TEST

/* Without DLC_CUBLASLT the runtime opens libcublasLt.so.13 (then .so.12); where neither is
 * on the loader's path, the error names the first. Where one is, the call goes on to the
 * driver, missing here. */
START_TEST(testDefaultCublasLtName) {
  unsetenv("DLC_CUBLASLT");
  useDriver("/nonexistent/libcuda.so.1");
  matmul();
  const char *error = dlcCudaGetLastError();
  ck_assert_ptr_nonnull(error);
  if (strncmp(error, "no CUDA driver found", 20))
    assertStartsWith(error, "no cuBLASLt found (libcublasLt.so.13: cannot open shared object");
}
END_TEST

/* The real library resolves every entry point the runtime declares (CublasLt.h); the call
 * then stops at the missing driver. */
START_TEST(testToolkitCublasLtWithoutDriver) {
  if (access(TOOLKIT_CUBLASLT, R_OK)) {
    printf("testToolkitCublasLtWithoutDriver skipped: no %s\n", TOOLKIT_CUBLASLT);
    return;
  }
  useCublasLt(TOOLKIT_CUBLASLT);
  useDriver("/nonexistent/libcuda.so.1");
  matmul();
  assertStartsWith(dlcCudaGetLastError(), "no CUDA driver found (/nonexistent/libcuda.so.1");
}
END_TEST

/* After an earlier error (here the driver's) the call does nothing, not even open cuBLASLt. */
START_TEST(testCublasLtAfterFailureDoesNothing) {
  useDriver("/nonexistent/libcuda.so.1");
  useCublasLt("/nonexistent/libcublasLt.so.13");
  ck_assert(!dlcCudaResultIsSuccess(dlcCudaRuntimeInit()));
  matmul();
  assertStartsWith(dlcCudaGetLastError(), "no CUDA driver found");
}
END_TEST

/* The runtime's mapping of row-major products onto cuBLASLt's column-major ones, on the
 * test fakes (test/fakes/: host memory as device memory, products computed as cublasLt.h
 * defines them): every combination of transposed A and B, two batch items with B shared
 * or not, accumulation into C and the bias, against the product computed here. */
START_TEST(testCublasLtOnFakes) {
  useDriver(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so");
  useCublasLt(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cublaslt.so");
  enum { M = 3, N = 5, K = 4, Batch = 2 };
  float a[Batch * M * K], b[Batch * K * N], c[Batch * M * N], d[Batch * M * N], bias[N];
  for (int i = 0; i < Batch * M * K; ++i)
    a[i] = (float)(i % 7) - 3;
  for (int i = 0; i < Batch * K * N; ++i)
    b[i] = (float)(i % 5) - 2;
  for (int i = 0; i < Batch * M * N; ++i)
    c[i] = (float)(i % 3);
  for (int j = 0; j < N; ++j)
    bias[j] = 0.5f * (float)j;
  for (int variant = 0; variant < 8; ++variant) {
    int transA = variant & 1, transB = (variant >> 1) & 1, shared = variant >> 2;
    dlcCublasLtMatmul(DLC_CUBLASLT_EPILOGUE_BIAS, DLC_CUDA_R_32F, DLC_CUDA_R_32F, transA, transB,
                      1, M, N, K, Batch, a, transA ? M : K, M * K, b, transB ? K : N,
                      shared ? 0 : K * N, c, d, N, M * N, bias);
    ck_assert_msg(!dlcCudaGetLastError(), "%s", dlcCudaGetLastError());
    for (int t = 0; t < Batch; ++t)
      for (int i = 0; i < M; ++i)
        for (int j = 0; j < N; ++j) {
          const float *at = a + t * M * K, *bt = b + (shared ? 0 : t * K * N);
          double want = c[t * M * N + i * N + j] + bias[j];
          for (int l = 0; l < K; ++l)
            want += (double)(transA ? at[l * M + i] : at[i * K + l]) *
                    (transB ? bt[j * K + l] : bt[l * N + j]);
          ck_assert_msg(d[t * M * N + i * N + j] == (float)want,
                        "variant %d, item %d, [%d, %d]: %g, expected %g", variant, t, i, j,
                        (double)d[t * M * N + i * N + j], want);
        }
  }
}
END_TEST

/* A counter `name` of the loaded test fake `library` (test/fakes/). */
static unsigned fakeCount(const char *library, const char *name) {
  void *fake = dlopen(library, RTLD_NOW | RTLD_NOLOAD);
  ck_assert_ptr_nonnull(fake);
  const unsigned *count = dlsym(fake, name);
  ck_assert_ptr_nonnull(count);
  unsigned value = *count;
  dlclose(fake);
  return value;
}

/* The fake driver's count of allocations from its memory pool. */
static unsigned poolAllocations(void) {
  return fakeCount(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so", "fakeCudaPoolAllocations");
}

/* Device memory comes from the stream-ordered allocator where the device has memory pools:
 * buffers of callers (waited for: ordered on the legacy stream) and of compiled code (on
 * its stream, not waited for) are allocated and freed there (the fake refuses pool memory
 * given to cuMemFree and other memory to cuMemFreeAsync), managed memory is not, and a
 * copy through a pool buffer round-trips. */
START_TEST(testPooledMemory) {
  useDriver(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so");
  const char *fake = DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so";
  const float in[4] = {1, 2, 3, 4};
  float out[4] = {0};
  void *buffer = dlcCudaAlloc(sizeof in);
  ck_assert_ptr_nonnull(buffer);
  ck_assert_int_eq(poolAllocations(), 1);
  unsigned waits = fakeCount(fake, "fakeCudaLegacySynchronizations");
  ck_assert_uint_ge(waits, 1);
  ck_assert(dlcCudaResultIsSuccess(dlcCudaCopyToDevice(buffer, in, sizeof in)));
  ck_assert(dlcCudaResultIsSuccess(dlcCudaCopyToHost(out, buffer, sizeof out)));
  ck_assert_mem_eq(in, out, sizeof in);
  dlcCudaFree(buffer);
  void *stream = mgpuStreamCreate();
  void *temporary = mgpuMemAlloc(256, stream, false);
  ck_assert_int_eq(poolAllocations(), 2);
  ck_assert_uint_eq(fakeCount(fake, "fakeCudaLegacySynchronizations"), waits);
  mgpuMemFree(temporary, stream);
  mgpuStreamDestroy(stream);
  void *managed = mgpuMemAlloc(256, NULL, true);
  ck_assert_ptr_nonnull(managed);
  ck_assert_int_eq(poolAllocations(), 2);
  mgpuMemFree(managed, NULL);
  ck_assert_msg(!dlcCudaGetLastError(), "%s", dlcCudaGetLastError());
}
END_TEST

/* A destroyed stream is reused by the next mgpuStreamCreate: one driver stream for calls
 * that follow one another. */
START_TEST(testStreamsReused) {
  useDriver(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so");
  for (int call = 0; call < 3; ++call) {
    void *stream = mgpuStreamCreate();
    ck_assert_ptr_nonnull(stream);
    mgpuStreamSynchronize(stream);
    mgpuStreamDestroy(stream);
  }
  void *first = mgpuStreamCreate(), *second = mgpuStreamCreate();
  ck_assert_ptr_nonnull(first);
  ck_assert_ptr_nonnull(second);
  ck_assert_int_eq(fakeCount(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so",
                             "fakeCudaStreamsCreated"),
                   2);
  mgpuStreamDestroy(first);
  mgpuStreamDestroy(second);
  ck_assert_msg(!dlcCudaGetLastError(), "%s", dlcCudaGetLastError());
}
END_TEST

/* A device without memory pools: every buffer from cuMemAlloc, freed by cuMemFree. */
START_TEST(testMemoryWithoutPools) {
  useDriver(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so");
  ck_assert_int_eq(setenv("DLC_FAKE_CUDA_MEMORY_POOLS", "0", 1), 0);
  void *buffer = dlcCudaAlloc(64), *stream = mgpuStreamCreate();
  void *temporary = mgpuMemAlloc(64, stream, false);
  ck_assert_ptr_nonnull(buffer);
  ck_assert_ptr_nonnull(temporary);
  ck_assert_int_eq(poolAllocations(), 0);
  mgpuMemFree(temporary, stream);
  mgpuStreamDestroy(stream);
  dlcCudaFree(buffer);
  ck_assert_msg(!dlcCudaGetLastError(), "%s", dlcCudaGetLastError());
}
END_TEST

/* A product repeated with a new bias asks cuBLASLt's heuristic once and adds the new
 * bias; another shape, or operands of another alignment, is planned anew. */
START_TEST(testCublasLtPlansCached) {
  useDriver(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cuda.so");
  useCublasLt(DLC_TEST_FAKES_DIR "/libdlc_test_fake_cublaslt.so");
  enum { M = 2, N = 2, K = 2 };
  _Alignas(16) float a[M * K + 1] = {1, 2, 3, 4}, b[K * N] = {1, 0, 0, 1}, d[M * N + 1];
  const float biases[2][N] = {{10, 20}, {-1, -2}};
  for (int round = 0; round < 2; ++round) {
    dlcCublasLtMatmul(DLC_CUBLASLT_EPILOGUE_BIAS, DLC_CUDA_R_32F, DLC_CUDA_R_32F, 0, 0, 0, M, N,
                      K, 1, a, K, 0, b, N, 0, NULL, d, N, 0, biases[round]);
    ck_assert_msg(!dlcCudaGetLastError(), "%s", dlcCudaGetLastError());
    for (int i = 0; i < M * N; ++i)
      ck_assert_float_eq(d[i], a[i] + biases[round][i % N]);
  }
  const char *fake = DLC_TEST_FAKES_DIR "/libdlc_test_fake_cublaslt.so";
  ck_assert_int_eq(fakeCount(fake, "fakeCublasLtHeuristicQueries"), 1);
  dlcCublasLtMatmul(DLC_CUBLASLT_EPILOGUE_BIAS, DLC_CUDA_R_32F, DLC_CUDA_R_32F, 0, 0, 0, M - 1,
                    N, K, 1, a, K, 0, b, N, 0, NULL, d, N, 0, biases[0]);
  ck_assert_int_eq(fakeCount(fake, "fakeCublasLtHeuristicQueries"), 2);
  dlcCublasLtMatmul(DLC_CUBLASLT_EPILOGUE_BIAS, DLC_CUDA_R_32F, DLC_CUDA_R_32F, 0, 0, 0, M - 1,
                    N, K, 1, a + 1, K, 0, b, N, 0, NULL, d + 1, N, 0, biases[0]);
  ck_assert_int_eq(fakeCount(fake, "fakeCublasLtHeuristicQueries"), 3);
  ck_assert_msg(!dlcCudaGetLastError(), "%s", dlcCudaGetLastError());
}
END_TEST

int main(void) {
  const TTest *const tests[] = {
      testNoDriver, testDefaultDriverName, testNotADriver, testStubDriver,
      testCallsAfterFailureDoNothing, testInitFromThreads, testNoCublasLt, testNotCublasLt,
      testDefaultCublasLtName, testToolkitCublasLtWithoutDriver,
      testCublasLtAfterFailureDoesNothing, testCublasLtOnFakes, testCublasLtPlansCached,
      testPooledMemory, testMemoryWithoutPools, testStreamsReused};
  return dlcRunForkedTests("cuda-runtime", tests, sizeof tests / sizeof *tests, 4);
}
