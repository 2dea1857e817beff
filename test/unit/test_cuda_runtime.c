/* test_cuda_runtime.c: the error paths of dlc's CUDA runtime (dlc/CudaRuntime.h), which
 * CI can run without a GPU: no driver, a library that is not a driver, the CUDA toolkit's
 * stub driver, and every call after a failed initialization doing nothing. The runtime
 * initializes once per process and its first error sticks, so every test runs in a
 * process of its own (check's fork mode, whatever CK_FORK says) and chooses its driver
 * through DLC_CUDA_DRIVER before the first call. */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include "UnitTest.h"

#include "dlc/CudaRuntime.h"

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

int main(void) {
  Suite *suite = suite_create("cuda-runtime");
  TCase *tc = tcase_create("errors");
  const TTest *tests[] = {testNoDriver,  testDefaultDriverName,          testNotADriver,
                          testStubDriver, testCallsAfterFailureDoNothing, testInitFromThreads};
  for (size_t i = 0; i < sizeof tests / sizeof *tests; ++i)
    tcase_add_test(tc, tests[i]);
  suite_add_tcase(suite, tc);
  SRunner *runner = srunner_create(suite);
  srunner_set_fork_status(runner, CK_FORK);
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? 1 : 0;
}
