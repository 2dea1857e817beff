/* dlc/CudaEmulator.h: the contract between kernels compiled with `format=emulator`
 * (dlc-gpu-module-to-binary, lib/Conversion/GpuEmulatorImage.c) and dlc's CUDA emulator
 * (test/fakes/CudaEmulator.c), a CUDA driver that runs such kernels on the CPU so that GPU
 * execution tests run on machines without a GPU.
 *
 * An emulator image is the text of an MLIR module in the LLVM dialect, after a header line
 * that gives its size (images are not nul-terminated). Its kernels are those of the
 * gpu.module, lowered as for PTX, with every NVVM op replaced by a call of a function
 * below; the emulator JIT-compiles the module and calls a kernel once per thread, on a
 * fiber of its own, so that barriers and warp-wide ops can suspend it.
 *
 * Warp-wide matrix ops pass their registers one 32-bit word at a time: the thread pushes
 * the operands (dlcEmuPush, in the NVVM op's operand order, each f32 or pair of f16/bf16
 * as its bits), calls the op, then reads the result registers (dlcEmuResult).
 * Ownership: nothing crosses the interface but values and pointers into the kernel's own
 * memory. */
#ifndef DLC_CUDA_EMULATOR_H
#define DLC_CUDA_EMULATOR_H

#include <stdint.h>

/// The image's first line, a comment of MLIR's syntax, with the text's size after it.
#define DLC_EMU_IMAGE_HEADER "// dlc CUDA emulator image, bytes: "

/// The special registers of nvvm.read.ptx.sreg.* (dlcEmuSpecialRegister's argument).
enum DlcEmuRegister {
  DlcEmuTidX, DlcEmuTidY, DlcEmuTidZ,
  DlcEmuNtidX, DlcEmuNtidY, DlcEmuNtidZ,
  DlcEmuCtaidX, DlcEmuCtaidY, DlcEmuCtaidZ,
  DlcEmuNctaidX, DlcEmuNctaidY, DlcEmuNctaidZ,
  DlcEmuLaneId, DlcEmuWarpSize,
};

/// nvvm.shfl.sync's modes, in the PTX ISA's order.
enum DlcEmuShuffleKind { DlcEmuShuffleUp, DlcEmuShuffleDown, DlcEmuShuffleBfly, DlcEmuShuffleIdx };

/// Element types of matrix fragments.
enum DlcEmuMatrixType { DlcEmuF16, DlcEmuBF16, DlcEmuF32 };

/// WMMA operations (m16n16k16 only) encode fragment, layout and element type as
/// `frag | layout << 2 | type << 4`: frag 0 a, 1 b, 2 c; layout 0 row, 1 col.
/// dlcEmuWmmaMma's code is `abType | cdType << 4` (layouts do not matter to registers).
/// mma.sync (m16n8k16, A row-major, B column-major, f32 accumulators): its code is the
/// multiplicands' type.
#define DLC_EMU_WMMA_CODE(frag, layout, type) ((frag) | (layout) << 2 | (type) << 4)

/* ---- What a compiled kernel calls ---------------------------------------------------------- */

int32_t dlcEmuSpecialRegister(int32_t which);
/// bar.sync 0: waits for every thread of the block that has not exited.
void dlcEmuBarrier(void);
/// shfl.sync: the value of the source lane in the low 32 bits, bit 32 set where the source
/// lane is valid (else the thread's own value).
int64_t dlcEmuShuffle(int32_t kind, int32_t mask, int32_t value, int32_t offset, int32_t clamp);
void dlcEmuPush(int32_t bits);
int32_t dlcEmuResult(int32_t index);
/// wmma.load: the calling thread's fragment registers from `ptr` (rows `stride` elements
/// apart), read back with dlcEmuResult.
void dlcEmuWmmaLoad(int32_t code, const void *ptr, int32_t stride);
/// wmma.mma: pushed A, B, C registers; D registers as results.
void dlcEmuWmmaMma(int32_t code);
/// wmma.store: the pushed fragment registers to `ptr`.
void dlcEmuWmmaStore(int32_t code, void *ptr, int32_t stride);
/// mma.sync m16n8k16: pushed A (4 words), B (2) and C (4 f32); D (4 f32) as results.
void dlcEmuMmaSync(int32_t abType);
/// The launch's dynamic shared memory (the `__dynamic_shmem__` global of the kernel).
void *dlcEmuDynamicSharedMemory(void);

#endif
