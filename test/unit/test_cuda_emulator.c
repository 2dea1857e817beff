/* test_cuda_emulator.c: dlc's CUDA emulator (test/fakes/CudaEmulator.c) through dlc's CUDA
 * runtime, on hand-written images (dlc/CudaEmulator.h): shfl.sync's four modes with the
 * PTX ISA's clamps and segments, bar.sync ordering the threads of a block around shared
 * memory, block and grid ids, a deadlock failing the launch with a message, and images
 * the emulator refuses. The GPU execution tests (test/lit/gpu-runtime) run compiled
 * programs on it; these pin down its own semantics. The runtime's first error sticks, so
 * each test runs in a process of its own (fork mode). */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include "UnitTest.h"

#include "dlc/CudaEmulator.h"
#include "dlc/CudaRuntime.h"

#include <stdio.h>
#include <stdlib.h>

static const char shuffleKernel[] =
    "llvm.func @dlcEmuSpecialRegister(i32) -> i32\n"
    "llvm.func @dlcEmuShuffle(i32, i32, i32, i32, i32) -> i64\n"
    "llvm.func @shuffle(%out: !llvm.ptr, %kind: i32, %offset: i32, %clamp: i32) {\n"
    "  %c0 = llvm.mlir.constant(0 : i32) : i32\n"
    "  %all = llvm.mlir.constant(-1 : i32) : i32\n"
    "  %c10 = llvm.mlir.constant(10 : i32) : i32\n"
    "  %tid = llvm.call @dlcEmuSpecialRegister(%c0) : (i32) -> i32\n"
    "  %v = llvm.mul %tid, %c10 : i32\n"
    "  %r = llvm.call @dlcEmuShuffle(%kind, %all, %v, %offset, %clamp) : (i32, i32, i32, i32, i32) -> i64\n"
    "  %i = llvm.zext %tid : i32 to i64\n"
    "  %p = llvm.getelementptr %out[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i64\n"
    "  llvm.store %r, %p : i64, !llvm.ptr\n"
    "  llvm.return\n"
    "}\n";

/* Each thread stores its id in shared memory, waits, and reads the id stored by the thread
 * at the mirrored position: without the barrier, early threads would read before late ones
 * wrote. out[block * n + tid] = 1000 * block + (n - 1 - tid). */
static const char reverseKernel[] =
    "llvm.func @dlcEmuSpecialRegister(i32) -> i32\n"
    "llvm.func @dlcEmuBarrier()\n"
    "llvm.func @dlcEmuDynamicSharedMemory() -> !llvm.ptr\n"
    "llvm.func @reverse(%out: !llvm.ptr) {\n"
    "  %c0 = llvm.mlir.constant(0 : i32) : i32\n"
    "  %c1 = llvm.mlir.constant(1 : i32) : i32\n"
    "  %c3 = llvm.mlir.constant(3 : i32) : i32\n"
    "  %c6 = llvm.mlir.constant(6 : i32) : i32\n"
    "  %c1000 = llvm.mlir.constant(1000 : i32) : i32\n"
    "  %tid = llvm.call @dlcEmuSpecialRegister(%c0) : (i32) -> i32\n"
    "  %n = llvm.call @dlcEmuSpecialRegister(%c3) : (i32) -> i32\n"
    "  %block = llvm.call @dlcEmuSpecialRegister(%c6) : (i32) -> i32\n"
    "  %shared = llvm.call @dlcEmuDynamicSharedMemory() : () -> !llvm.ptr\n"
    "  %mine = llvm.getelementptr %shared[%tid] : (!llvm.ptr, i32) -> !llvm.ptr, i32\n"
    "  llvm.store %tid, %mine : i32, !llvm.ptr\n"
    "  llvm.call @dlcEmuBarrier() : () -> ()\n"
    "  %last = llvm.sub %n, %c1 : i32\n"
    "  %other = llvm.sub %last, %tid : i32\n"
    "  %theirs = llvm.getelementptr %shared[%other] : (!llvm.ptr, i32) -> !llvm.ptr, i32\n"
    "  %v = llvm.load %theirs : !llvm.ptr -> i32\n"
    "  %base = llvm.mul %block, %c1000 : i32\n"
    "  %r = llvm.add %base, %v : i32\n"
    "  %row = llvm.mul %block, %n : i32\n"
    "  %index = llvm.add %row, %tid : i32\n"
    "  %p = llvm.getelementptr %out[%index] : (!llvm.ptr, i32) -> !llvm.ptr, i32\n"
    "  llvm.store %r, %p : i32, !llvm.ptr\n"
    "  llvm.return\n"
    "}\n";

/* Even threads wait at bar.sync, odd ones at a shuffle of the whole warp: neither can go. */
static const char deadlockKernel[] =
    "llvm.func @dlcEmuSpecialRegister(i32) -> i32\n"
    "llvm.func @dlcEmuBarrier()\n"
    "llvm.func @dlcEmuShuffle(i32, i32, i32, i32, i32) -> i64\n"
    "llvm.func @split() {\n"
    "  %c0 = llvm.mlir.constant(0 : i32) : i32\n"
    "  %c1 = llvm.mlir.constant(1 : i32) : i32\n"
    "  %all = llvm.mlir.constant(-1 : i32) : i32\n"
    "  %c31 = llvm.mlir.constant(31 : i32) : i32\n"
    "  %tid = llvm.call @dlcEmuSpecialRegister(%c0) : (i32) -> i32\n"
    "  %bit = llvm.and %tid, %c1 : i32\n"
    "  %odd = llvm.icmp \"ne\" %bit, %c0 : i32\n"
    "  llvm.cond_br %odd, ^shuffle, ^barrier\n"
    "^shuffle:\n"
    "  %r = llvm.call @dlcEmuShuffle(%c0, %all, %tid, %c1, %c31) : (i32, i32, i32, i32, i32) -> i64\n"
    "  llvm.return\n"
    "^barrier:\n"
    "  llvm.call @dlcEmuBarrier() : () -> ()\n"
    "  llvm.return\n"
    "}\n";

static void useEmulator(void) {
  ck_assert_int_eq(setenv("DLC_CUDA_DRIVER", DLC_TEST_FAKES_DIR "/libdlc_test_cuda_emulator.so", 1),
                   0);
  ck_assert(dlcCudaResultIsSuccess(dlcCudaRuntimeInit()));
  ck_assert_str_eq(dlcCudaGetDeviceName(), "dlc CUDA emulator");
}

/* The kernel `name` of an image holding `body` (the module's ops); the caller unloads
 * `*module`. */
static void *loadKernel(const char *body, const char *name, void **module) {
  char image[4096];
  int n = snprintf(image, sizeof image, "%s%zu\nmodule {\n%s}\n", DLC_EMU_IMAGE_HEADER,
                   strlen(body) + 11, body);
  ck_assert(n > 0 && (size_t)n < sizeof image);
  *module = mgpuModuleLoad(image, (size_t)n);
  ck_assert_msg(*module, "%s", dlcCudaGetLastError());
  void *kernel = mgpuModuleGetFunction(*module, name);
  ck_assert_msg(kernel, "%s", dlcCudaGetLastError());
  return kernel;
}

/* Lane l's shuffle result: the source lane's value (10 x its id) or, invalid, its own. */
static void checkShuffle(int kind, int offset, int clamp, const int *sources) {
  void *module, *kernel = loadKernel(shuffleKernel, "shuffle", &module);
  int64_t *out = dlcCudaAlloc(32 * sizeof *out), host[32];
  void *params[] = {&out, &kind, &offset, &clamp};
  mgpuLaunchKernel(kernel, 1, 1, 1, 32, 1, 1, 0, NULL, params, NULL, 4);
  ck_assert(dlcCudaResultIsSuccess(dlcCudaCopyToHost(host, out, sizeof host)));
  for (int lane = 0; lane < 32; ++lane) {
    int source = sources[lane] < 0 ? lane : sources[lane];
    ck_assert_msg((int32_t)host[lane] == 10 * source && (host[lane] >> 32) == (sources[lane] >= 0),
                  "mode %d offset %d clamp %#x lane %d: got %d (valid %d), expected lane %d",
                  kind, offset, clamp, lane, (int32_t)host[lane], (int)(host[lane] >> 32),
                  sources[lane]);
  }
  dlcCudaFree(out);
  mgpuModuleUnload(module);
}

START_TEST(testShuffleModes) {
  useEmulator();
  int sources[32];
  for (int lane = 0; lane < 32; ++lane)
    sources[lane] = lane ^ 1;
  checkShuffle(DlcEmuShuffleBfly, 1, 0x1f, sources);
  for (int lane = 0; lane < 32; ++lane)
    sources[lane] = lane + 4 < 32 ? lane + 4 : -1;
  checkShuffle(DlcEmuShuffleDown, 4, 0x1f, sources);
  for (int lane = 0; lane < 32; ++lane)
    sources[lane] = lane >= 4 ? lane - 4 : -1;
  checkShuffle(DlcEmuShuffleUp, 4, 0, sources);
  for (int lane = 0; lane < 32; ++lane)
    sources[lane] = 5;
  checkShuffle(DlcEmuShuffleIdx, 5, 0x1f, sources);
  /* Segments of 8 lanes, as upstream's all-reduce asks for a width of 8: c = (32 - 8) << 8
   * | 31; a lane reads within its segment only. */
  for (int lane = 0; lane < 32; ++lane)
    sources[lane] = lane % 8 + 4 < 8 ? lane + 4 : -1;
  checkShuffle(DlcEmuShuffleDown, 4, (24 << 8) | 31, sources);
  for (int lane = 0; lane < 32; ++lane)
    sources[lane] = lane / 8 * 8 + 3;
  checkShuffle(DlcEmuShuffleIdx, 3, (24 << 8) | 31, sources);
}
END_TEST

START_TEST(testBarrierOrdersSharedMemory) {
  useEmulator();
  void *module, *kernel = loadKernel(reverseKernel, "reverse", &module);
  enum { Blocks = 3, Threads = 96 };
  int32_t *out = dlcCudaAlloc(Blocks * Threads * sizeof *out), host[Blocks * Threads];
  void *params[] = {&out};
  mgpuLaunchKernel(kernel, Blocks, 1, 1, Threads, 1, 1, Threads * 4, NULL, params, NULL, 1);
  ck_assert(dlcCudaResultIsSuccess(dlcCudaCopyToHost(host, out, sizeof host)));
  for (int b = 0; b < Blocks; ++b)
    for (int t = 0; t < Threads; ++t)
      ck_assert_int_eq(host[b * Threads + t], 1000 * b + Threads - 1 - t);
  dlcCudaFree(out);
  mgpuModuleUnload(module);
}
END_TEST

START_TEST(testDeadlockFailsTheLaunch) {
  useEmulator();
  void *module, *kernel = loadKernel(deadlockKernel, "split", &module);
  mgpuLaunchKernel(kernel, 1, 1, 1, 32, 1, 1, 0, NULL, NULL, NULL, 0);
  ck_assert_str_eq(dlcCudaGetLastError(),
                   "CUDA_ERROR_LAUNCH_FAILED: kernel split: deadlock in block (0, 0, 0): 16 "
                   "threads wait at bar.sync, 16 at warp-wide ops, 0 have exited "
                   "(cuLaunchKernel)");
}
END_TEST

START_TEST(testTooLargeABlock) {
  useEmulator();
  void *module, *kernel = loadKernel(deadlockKernel, "split", &module);
  mgpuLaunchKernel(kernel, 1, 1, 1, 1025, 1, 1, 0, NULL, NULL, NULL, 0);
  ck_assert_ptr_nonnull(strstr(dlcCudaGetLastError(), "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES: split: a "
                                                      "block of 1025x1x1 threads"));
}
END_TEST

START_TEST(testRefusesPtx) {
  useEmulator();
  char ptx[] = ".version 8.0\n.target sm_90\n";
  ck_assert_ptr_null(mgpuModuleLoadJIT(ptx, 2));
  ck_assert_ptr_nonnull(strstr(dlcCudaGetLastError(),
                               "CUDA_ERROR_INVALID_IMAGE: the emulator runs no PTX: compile the "
                               "kernels with format=emulator"));
}
END_TEST

START_TEST(testRefusesBadImages) {
  useEmulator();
  char cubin[] = "\177ELF";
  ck_assert_ptr_null(mgpuModuleLoad(cubin, sizeof cubin));
  ck_assert_str_eq(dlcCudaGetLastError(), "CUDA_ERROR_INVALID_IMAGE: not an emulator image: "
                                          "compile the kernels with format=emulator "
                                          "(cuModuleLoadData)");
}
END_TEST

START_TEST(testImageThatDoesNotParse) {
  useEmulator();
  char image[128];
  int n = snprintf(image, sizeof image, "%s%d\nmodule { llvm.bogus }", DLC_EMU_IMAGE_HEADER, 22);
  ck_assert_ptr_null(mgpuModuleLoad(image, (size_t)n));
  ck_assert_ptr_nonnull(
      strstr(dlcCudaGetLastError(), "CUDA_ERROR_INVALID_IMAGE: the emulator image does not parse"));
}
END_TEST

int main(void) {
  const TTest *const tests[] = {
      testShuffleModes, testBarrierOrdersSharedMemory, testDeadlockFailsTheLaunch,
      testTooLargeABlock, testRefusesPtx, testRefusesBadImages, testImageThatDoesNotParse};
  return dlcRunForkedTests("cuda-emulator", tests, sizeof tests / sizeof *tests, 60);
}
