/* EmulatorThreads.c: the blocks of a launch of dlc's CUDA emulator (Emulator.h), the
 * special registers, bar.sync and the dynamic shared memory. Each thread of a block is a
 * fiber on a stack of its own; the scheduler resumes the threads that can run, one after
 * another, until each has exited or waits: at bar.sync, released when every thread of the
 * block that has not exited waits there; at a warp-wide op, released when the lanes it
 * names do. Nothing runnable and nothing to release is a deadlock, which fails the launch.
 * A kernel that never waits (Emulator.h's `synchronizes`) runs its threads as plain calls.
 * Switching fibers is most of the emulator's time: on x86-64 it saves the callee-saved
 * registers and the floating-point control words and swaps stacks (switchStack below);
 * elsewhere it is swapcontext, which also makes a system call for the signal mask.
 * Ownership: the stacks are mapped once, grown when a block needs more, and kept. */
#define _GNU_SOURCE /* ucontext, MAP_NORESERVE */
#include "Emulator.h"

#include "dlc/CudaEmulator.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* AddressSanitizer must be told when the stack changes under it. */
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#define START_SWITCH(save, bottom, size) __sanitizer_start_switch_fiber(save, bottom, size)
#define FINISH_SWITCH(save, bottom, size) __sanitizer_finish_switch_fiber(save, bottom, size)
#else
#define START_SWITCH(save, bottom, size) ((void)(save), (void)(bottom), (void)(size))
#define FINISH_SWITCH(save, bottom, size) ((void)(save), (void)(bottom), (void)(size))
#endif

enum { Ready, AtBarrier, AtWarp, Done };
enum { MaxThreads = 1024, StackBytes = 256 * 1024 };

static void threadMain(void);

#if defined(__x86_64__)
/* switchStack(from, to): pushes the callee-saved registers, MXCSR and the x87 control word
 * on the current stack, stores the stack pointer in *from, and pops the same from `to`. */
__asm__(".text\n"
        ".p2align 4\n"
        "dlcEmuSwitchStack:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  subq $8, %rsp\n  stmxcsr (%rsp)\n  fnstcw 4(%rsp)\n"
        "  movq %rsp, (%rdi)\n  movq %rsi, %rsp\n"
        "  ldmxcsr (%rsp)\n  fldcw 4(%rsp)\n  addq $8, %rsp\n"
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n");
void dlcEmuSwitchStack(void **from, void *to) __asm__("dlcEmuSwitchStack");

typedef void *Context;

static void switchContext(Context *from, Context *to) { dlcEmuSwitchStack(from, *to); }

/* A stack whose first switch "returns" into threadMain, aligned as after a call. */
static void makeContext(Context *context, char *stack, size_t size, Context *link) {
  (void)link; /* threadMain never returns: it switches to the scheduler */
  uintptr_t top = ((uintptr_t)(stack + size) & ~(uintptr_t)15) - 16;
  uint64_t *frame = (uint64_t *)top - 9;
  memset(frame, 0, 8 * sizeof *frame);
  frame[0] = 0x1F80 | (uint64_t)0x037F << 32; /* MXCSR and x87 control word defaults */
  void (*entry)(void) = threadMain;
  memcpy(&frame[7], &entry, sizeof entry); /* the return address, 16-byte aligned */
  *context = frame;
}
#else
#include <ucontext.h>

typedef ucontext_t Context;

static void switchContext(Context *from, Context *to) { swapcontext(from, to); }

static void makeContext(Context *context, char *stack, size_t size, Context *link) {
  getcontext(context);
  context->uc_stack.ss_sp = stack;
  context->uc_stack.ss_size = size;
  context->uc_link = link;
  makecontext(context, threadMain, 0);
}
#endif

static struct {
  const EmuLaunch *launch;
  unsigned ctaid[3], count;
  EmuThread threads[MaxThreads];
  Context contexts[MaxThreads], scheduler;
  char *stacks;
  unsigned stackCapacity;
  const void *schedulerStack;
  size_t schedulerStackSize;
  EmuThread *current;
  char failure[256];
  _Alignas(128) unsigned char shared[EmuMaxSharedBytes];
} emu;

EmuThread *emuCurrentThread(void) { return emu.current; }

void emuFail(const char *message) {
  if (!emu.failure[0])
    snprintf(emu.failure, sizeof emu.failure, "%s", message);
}

EmuThread *emuLaneOfWarp(unsigned lane) {
  unsigned index = emu.current->warp * 32 + lane;
  return lane < 32 && index < emu.count ? &emu.threads[index] : NULL;
}

static unsigned indexOf(const EmuThread *t) { return (unsigned)(t - emu.threads); }

static void threadMain(void) {
  FINISH_SWITCH(NULL, &emu.schedulerStack, &emu.schedulerStackSize);
  emu.launch->kernel(emu.launch->params);
  EmuThread *t = emu.current;
  t->state = Done;
  START_SWITCH(NULL, emu.schedulerStack, emu.schedulerStackSize);
  switchContext(&emu.contexts[indexOf(t)], &emu.scheduler); /* never resumed */
}

/* From a thread: waits in `state` until the scheduler releases it. */
static void wait(int state) {
  EmuThread *t = emu.current;
  if (!emu.launch->synchronizes) {
    if (emu.count > 1)
      emuFail("a kernel without barriers or warp-wide ops waited");
    return;
  }
  t->state = state;
  void *save = NULL;
  START_SWITCH(&save, emu.schedulerStack, emu.schedulerStackSize);
  switchContext(&emu.contexts[indexOf(t)], &emu.scheduler);
  FINISH_SWITCH(save, NULL, NULL);
}

void emuWarpSync(uint32_t mask) {
  emu.current->mask = mask;
  wait(AtWarp);
}

void dlcEmuBarrier(void) { wait(AtBarrier); }

static void resume(unsigned i) {
  emu.current = &emu.threads[i];
  void *save = NULL;
  START_SWITCH(&save, emu.stacks + (size_t)i * StackBytes, StackBytes);
  switchContext(&emu.scheduler, &emu.contexts[i]);
  FINISH_SWITCH(save, NULL, NULL);
}

/* Releases the lanes of each warp whose op every lane it names has reached. */
static bool releaseWarps(void) {
  bool released = false;
  for (unsigned first = 0; first < emu.count; first += 32) {
    uint32_t live = 0, arrived = 0, required = 0;
    for (unsigned lane = 0; lane < 32 && first + lane < emu.count; ++lane) {
      const EmuThread *t = &emu.threads[first + lane];
      live |= (uint32_t)(t->state != Done) << lane;
      if (t->state == AtWarp) {
        arrived |= 1u << lane;
        required = t->mask;
      }
    }
    required &= live;
    if (!arrived || (required & ~arrived))
      continue;
    for (unsigned lane = 0; lane < 32; ++lane)
      if (required & arrived & (1u << lane))
        emu.threads[first + lane].state = Ready;
    released = true;
  }
  return released;
}

static bool releaseBarrier(void) {
  unsigned waiting = 0, live = 0;
  for (unsigned i = 0; i < emu.count; ++i) {
    live += emu.threads[i].state != Done;
    waiting += emu.threads[i].state == AtBarrier;
  }
  if (!waiting || waiting != live)
    return false;
  for (unsigned i = 0; i < emu.count; ++i)
    if (emu.threads[i].state == AtBarrier)
      emu.threads[i].state = Ready;
  return true;
}

static bool reserveStacks(unsigned count) {
  if (count <= emu.stackCapacity)
    return true;
  if (emu.stacks)
    munmap(emu.stacks, (size_t)emu.stackCapacity * StackBytes);
  emu.stacks = mmap(NULL, (size_t)count * StackBytes, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  emu.stackCapacity = emu.stacks == MAP_FAILED ? 0 : count;
  if (emu.stacks == MAP_FAILED)
    emu.stacks = NULL;
  return emu.stacks != NULL;
}

static void describeDeadlock(char *error, size_t size) {
  unsigned counts[4] = {0};
  for (unsigned i = 0; i < emu.count; ++i)
    ++counts[emu.threads[i].state];
  snprintf(error, size,
           "deadlock in block (%u, %u, %u): %u threads wait at bar.sync, %u at warp-wide ops, "
           "%u have exited",
           emu.ctaid[0], emu.ctaid[1], emu.ctaid[2], counts[AtBarrier], counts[AtWarp],
           counts[Done]);
}

static bool runBlock(char *error, size_t size) {
  const EmuLaunch *l = emu.launch;
  for (unsigned i = 0; i < emu.count; ++i) {
    EmuThread *t = &emu.threads[i];
    memset(t, 0, sizeof *t);
    t->tid[0] = i % l->block[0];
    t->tid[1] = i / l->block[0] % l->block[1];
    t->tid[2] = i / (l->block[0] * l->block[1]);
    t->lane = i % 32;
    t->warp = i / 32;
  }
  if (!l->synchronizes) {
    for (unsigned i = 0; i < emu.count && !emu.failure[0]; ++i) {
      emu.current = &emu.threads[i];
      l->kernel(l->params);
    }
    return true;
  }
  for (unsigned i = 0; i < emu.count; ++i)
    makeContext(&emu.contexts[i], emu.stacks + (size_t)i * StackBytes, StackBytes, &emu.scheduler);
  for (unsigned live = emu.count; live > 0 && !emu.failure[0];) {
    bool ran = false;
    for (unsigned i = 0; i < emu.count; ++i) {
      if (emu.threads[i].state != Ready)
        continue;
      resume(i);
      ran = true;
      live -= emu.threads[i].state == Done;
    }
    bool released = releaseWarps();
    released = releaseBarrier() || released;
    if (live > 0 && !ran && !released) {
      describeDeadlock(error, size);
      return false;
    }
  }
  return true;
}

bool emuRunGrid(const EmuLaunch *launch, char *error, size_t size) {
  emu.launch = launch;
  emu.count = launch->block[0] * launch->block[1] * launch->block[2];
  emu.failure[0] = 0;
  if (emu.count > MaxThreads || (launch->synchronizes && !reserveStacks(emu.count))) {
    snprintf(error, size, "cannot run a block of %u threads", emu.count);
    return false;
  }
  for (unsigned z = 0; z < launch->grid[2]; ++z)
    for (unsigned y = 0; y < launch->grid[1]; ++y)
      for (unsigned x = 0; x < launch->grid[0]; ++x) {
        emu.ctaid[0] = x, emu.ctaid[1] = y, emu.ctaid[2] = z;
        if (!runBlock(error, size))
          return false;
        if (emu.failure[0]) {
          snprintf(error, size, "%s", emu.failure);
          return false;
        }
      }
  return true;
}

int32_t dlcEmuSpecialRegister(int32_t which) {
  const EmuLaunch *l = emu.launch;
  const EmuThread *t = emu.current;
  switch (which) {
  case DlcEmuTidX: case DlcEmuTidY: case DlcEmuTidZ:
    return (int32_t)t->tid[which - DlcEmuTidX];
  case DlcEmuNtidX: case DlcEmuNtidY: case DlcEmuNtidZ:
    return (int32_t)l->block[which - DlcEmuNtidX];
  case DlcEmuCtaidX: case DlcEmuCtaidY: case DlcEmuCtaidZ:
    return (int32_t)emu.ctaid[which - DlcEmuCtaidX];
  case DlcEmuNctaidX: case DlcEmuNctaidY: case DlcEmuNctaidZ:
    return (int32_t)l->grid[which - DlcEmuNctaidX];
  case DlcEmuLaneId:
    return (int32_t)t->lane;
  default:
    return 32;
  }
}

void *dlcEmuDynamicSharedMemory(void) { return emu.shared; }
