/* Emulator.h: the inside of dlc's CUDA emulator (CudaEmulator.c: the driver's entry
 * points, modules and launches; EmulatorThreads.c: blocks of threads on fibers, barriers;
 * EmulatorWarp.c: the warp-wide ops of dlc/CudaEmulator.h). One launch runs at a time, on
 * the calling thread, block after block; the threads of a block are fibers (ucontext) that
 * run until they exit or wait at a barrier or a warp-wide op. */
#ifndef DLC_TEST_FAKES_EMULATOR_H
#define DLC_TEST_FAKES_EMULATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*EmuKernel)(void **params);

typedef struct EmuLaunch {
  EmuKernel kernel; /* the packed wrapper: `params` as cuLaunchKernel's kernelParams */
  void **params;
  unsigned grid[3], block[3];
  unsigned sharedBytes;
  bool synchronizes; /* false: the threads cannot wait, each runs to its end in turn */
} EmuLaunch;

/// The most dynamic shared memory a launch may ask for (an H100's 227 KiB per block).
enum { EmuMaxSharedBytes = 227 * 1024, EmuMaxRegisters = 32 };

/// Runs every block of `launch`; false, with the reason in `error`, where the threads of a
/// block wait for each other at different places (a deadlock on a GPU).
bool emuRunGrid(const EmuLaunch *launch, char *error, size_t size);

/// A thread of the running block.
typedef struct EmuThread {
  unsigned tid[3];
  unsigned lane, warp;
  int state;     /* EmulatorThreads.c's */
  uint32_t mask; /* the lanes a warp-wide op waits for */
  /* Registers passed to and from warp-wide ops (dlcEmuPush, dlcEmuResult). */
  uint32_t operands[EmuMaxRegisters], results[EmuMaxRegisters];
  int numOperands;
  int32_t exchanged; /* a shuffle's value */
} EmuThread;

EmuThread *emuCurrentThread(void);
/// Lane `lane` of the current thread's warp; null where the block has no such thread.
EmuThread *emuLaneOfWarp(unsigned lane);
/// Waits until every thread of the warp in `mask` that has not exited calls it too.
void emuWarpSync(uint32_t mask);
/// Records a misuse seen by an op (the launch fails with it).
void emuFail(const char *message);

#endif
