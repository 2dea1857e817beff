/* EmulatorWarp.c: the warp-wide ops of dlc's CUDA emulator (dlc/CudaEmulator.h). A lane
 * publishes its operands, waits for its warp (emuWarpSync), computes its own results from
 * every lane's operands, and waits again, so that no lane overwrites operands another still
 * reads.
 *
 * mma.sync m16n8k16 places elements in registers as the PTX ISA's fragment figures for
 * .f16/.bf16 say (groupID = lane / 4, threadID_in_group = lane % 4; two 16-bit elements per
 * 32-bit register, the lower-numbered one in the low half), written here from the ISA, not
 * from the compiler's kernel, so that a kernel that places them otherwise computes wrong
 * numbers. WMMA fragments are opaque in PTX: any placement that its own load, mma and store
 * agree on is right; here lane l holds elements 8l to 8l + 7 of the row-major 16x16 tile.
 * Ownership: none; the ops read and write the kernel's own memory. */
#include "Emulator.h"

#include "dlc/CudaEmulator.h"

#include <math.h>
#include <string.h>

static float bitsToFloat(uint32_t bits) {
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

static uint32_t floatToBits(float f) {
  uint32_t bits;
  memcpy(&bits, &f, sizeof bits);
  return bits;
}

static float halfToFloat(uint16_t h) {
  int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  float magnitude = exponent == 0    ? ldexpf((float)mantissa, -24)
                    : exponent == 31 ? (mantissa ? NAN : INFINITY)
                                     : ldexpf((float)(mantissa | 0x400), exponent - 25);
  return h & 0x8000 ? -magnitude : magnitude;
}

/* Element `half` (0: low) of a register holding two 16-bit floats of `type`. */
static float unpack(uint32_t word, int half, int type) {
  uint16_t bits = (uint16_t)(word >> (16 * half));
  return type == DlcEmuBF16 ? bitsToFloat((uint32_t)bits << 16) : halfToFloat(bits);
}

void dlcEmuPush(int32_t bits) {
  EmuThread *t = emuCurrentThread();
  if (t->numOperands == EmuMaxRegisters) {
    emuFail("a warp-wide op was given too many registers");
    return;
  }
  t->operands[t->numOperands++] = (uint32_t)bits;
}

int32_t dlcEmuResult(int32_t index) {
  return index >= 0 && index < EmuMaxRegisters ? (int32_t)emuCurrentThread()->results[index] : 0;
}

int64_t dlcEmuShuffle(int32_t kind, int32_t mask, int32_t value, int32_t offset, int32_t clamp) {
  EmuThread *t = emuCurrentThread();
  t->exchanged = value;
  emuWarpSync((uint32_t)mask);
  /* The PTX ISA's shfl.sync: c packs the clamp value (bits 0-4) and the segment mask
   * (bits 8-12). */
  int lane = (int)t->lane, b = offset & 31, c = clamp & 31, segmask = (clamp >> 8) & 31;
  int maxLane = (lane & segmask) | (c & ~segmask), minLane = lane & segmask, j;
  bool valid;
  switch (kind) {
  case DlcEmuShuffleUp:
    j = lane - b, valid = j >= maxLane;
    break;
  case DlcEmuShuffleDown:
    j = lane + b, valid = j <= maxLane;
    break;
  case DlcEmuShuffleBfly:
    j = lane ^ b, valid = j <= maxLane;
    break;
  default:
    j = minLane | (b & ~segmask), valid = j <= maxLane;
  }
  const EmuThread *source = valid ? emuLaneOfWarp((unsigned)j) : NULL;
  int32_t result = source ? source->exchanged : value;
  emuWarpSync((uint32_t)mask);
  return (int64_t)(uint32_t)result | (int64_t)(source != NULL) << 32;
}

/* ---- WMMA m16n16k16 ---------------------------------------------------------------------- */

void dlcEmuWmmaLoad(int32_t code, const void *ptr, int32_t stride) {
  EmuThread *t = emuCurrentThread();
  int layout = (code >> 2) & 1, type = code >> 4;
  memset(t->results, 0, sizeof t->results);
  for (int e = 0; e < 8; ++e) {
    int index = (int)t->lane * 8 + e, row = index / 16, col = index % 16;
    size_t at = (size_t)(layout ? col * stride + row : row * stride + col);
    if (type == DlcEmuF32) {
      memcpy(&t->results[e], (const char *)ptr + 4 * at, 4);
    } else {
      uint16_t bits;
      memcpy(&bits, (const char *)ptr + 2 * at, 2);
      t->results[e / 2] |= (uint32_t)bits << (16 * (e % 2));
    }
  }
}

void dlcEmuWmmaStore(int32_t code, void *ptr, int32_t stride) {
  EmuThread *t = emuCurrentThread();
  int layout = (code >> 2) & 1;
  for (int e = 0; e < 8 && e < t->numOperands; ++e) {
    int index = (int)t->lane * 8 + e, row = index / 16, col = index % 16;
    size_t at = (size_t)(layout ? col * stride + row : row * stride + col);
    memcpy((char *)ptr + 4 * at, &t->operands[e], 4);
  }
  t->numOperands = 0;
}

/* Element `index` of the row-major 16x16 tile whose fragment starts at register `first`. */
static float wmmaElement(int first, int index, int type) {
  const EmuThread *holder = emuLaneOfWarp((unsigned)index / 8);
  int e = index % 8;
  if (type == DlcEmuF32)
    return bitsToFloat(holder->operands[first + e]);
  return unpack(holder->operands[first + e / 2], e % 2, type);
}

static bool wholeWarp(const char *op) {
  for (unsigned lane = 0; lane < 32; ++lane)
    if (!emuLaneOfWarp(lane)) {
      emuFail(op);
      return false;
    }
  return true;
}

void dlcEmuWmmaMma(int32_t code) {
  EmuThread *t = emuCurrentThread();
  int abType = code & 15;
  emuWarpSync(~0u);
  if (wholeWarp("wmma.mma in a warp of fewer than 32 threads")) {
    for (int e = 0; e < 8; ++e) {
      int index = (int)t->lane * 8 + e, row = index / 16, col = index % 16;
      float sum = wmmaElement(16, index, DlcEmuF32);
      for (int k = 0; k < 16; ++k)
        sum += wmmaElement(0, row * 16 + k, abType) * wmmaElement(8, k * 16 + col, abType);
      t->results[e] = floatToBits(sum);
    }
  }
  emuWarpSync(~0u);
  t->numOperands = 0;
}

/* ---- mma.sync m16n8k16: A in registers 0-3, B in 4-5, C in 6-9 ------------------------- */

/* A[row][k] (16 x 16, row-major fragment): a_i with i = 4 * (k / 8) + 2 * (row / 8) + k % 2,
 * held by lane 4 * (row % 8) + (k % 8) / 2. */
static float mmaA(int row, int k, int type) {
  int i = 4 * (k / 8) + 2 * (row / 8) + k % 2;
  const EmuThread *holder = emuLaneOfWarp((unsigned)(4 * (row % 8) + (k % 8) / 2));
  return unpack(holder->operands[i / 2], i % 2, type);
}

/* B[k][col] (16 x 8, column-major fragment): b_i with i = 2 * (k / 8) + k % 2, held by lane
 * 4 * col + (k % 8) / 2. */
static float mmaB(int k, int col, int type) {
  int i = 2 * (k / 8) + k % 2;
  const EmuThread *holder = emuLaneOfWarp((unsigned)(4 * col + (k % 8) / 2));
  return unpack(holder->operands[4 + i / 2], i % 2, type);
}

void dlcEmuMmaSync(int32_t abType) {
  EmuThread *t = emuCurrentThread();
  emuWarpSync(~0u);
  if (wholeWarp("mma.sync in a warp of fewer than 32 threads")) {
    int group = (int)t->lane / 4, inGroup = (int)t->lane % 4;
    for (int i = 0; i < 4; ++i) {
      int row = group + 8 * (i / 2), col = 2 * inGroup + i % 2;
      float sum = bitsToFloat(t->operands[6 + i]);
      for (int k = 0; k < 16; ++k)
        sum += mmaA(row, k, abType) * mmaB(k, col, abType);
      t->results[i] = floatToBits(sum);
    }
  }
  emuWarpSync(~0u);
  t->numOperands = 0;
}
