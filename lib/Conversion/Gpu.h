/* Gpu.h: what dlc's GPU passes share: building a one-dimensional gpu.launch through the C
 * API, which has no GPU builders, and turning a linear block or thread id back into loop
 * indices (GpuLaunch.c); reading linalg.generic on buffers (GpuGeneric.c); block-level row
 * reductions (GpuReductions.c). Everything built belongs to the module it is inserted into. */
#ifndef DLC_LIB_CONVERSION_GPU_H
#define DLC_LIB_CONVERSION_GPU_H

#include "Conversion/Lowering.h"
#include "Transforms/Canonicalize.h" /* dlcOpIsA */

#include "mlir-c/Diagnostics.h"
#include "mlir-c/Pass.h"

/// A gpu.launch under construction: `b` inserts before the body's gpu.terminator.
typedef struct DlcLaunch {
  MlirOperation op;
  MlirBlock body;
  DlcBuilder b;
  MlirValue blockId, threadId; /* x ids; y and z are 1 */
  MlirValue workgroup[4];       /* workgroup (shared) memory buffers */
} DlcLaunch;

/// Creates a gpu.launch of `grid` blocks of `threads` threads before `anchor`, with an
/// empty body and `numWorkgroup` (at most 4) workgroup buffers of the given memref types
/// (#gpu.address_space<workgroup>); `rewriter` is where its body is built (its insertion
/// point moves there).
DlcLaunch dlcLaunchCreate(MlirRewriterBase rewriter, MlirOperation anchor, int64_t grid,
                          int64_t threads, intptr_t numWorkgroup, const MlirType *workgroup);
/// The linear id of the calling thread: blockId * threads + threadId.
MlirValue dlcLaunchLinearId(DlcLaunch *l, int64_t threads);
/// Builds `scf.if cond` where `l` builds and moves `l`'s insertion point into its then
/// block; returns the scf.if (to continue after it).
MlirOperation dlcLaunchIf(DlcLaunch *l, MlirValue cond);
/// Moves the ops of `block` up to (not including) its terminator before `anchor`.
void dlcMoveBlockOps(MlirRewriterBase rewriter, MlirBlock block, MlirOperation anchor);
/// Writes into `indices` the `rank` indices of `linear` in a row-major space of `extents`
/// (the last index varies fastest, so consecutive ids touch consecutive elements).
void dlcDelinearize(DlcBuilder *b, MlirValue linear, intptr_t rank, const int64_t *extents,
                    MlirValue *indices);
/// A growable list of ops; the owner frees `ops`.
typedef struct DlcOps {
  MlirOperation *ops;
  size_t count, capacity;
} DlcOps;
void dlcOpsPush(DlcOps *ops, MlirOperation op);
/// Appends the ops of `root` named one of `names` (NULL-terminated) outside kernels and
/// gpu.modules, pre-order; with `outermost`, not those nested in one found.
void dlcCollectHostOps(MlirOperation root, const char *const *names, bool outermost,
                       DlcOps *ops);
/// Whether `blockSize` is a valid thread count; if not, emits why (naming `pass`) on
/// `module` and signals the failure of `externalPass`.
bool dlcCheckBlockSize(MlirOperation module, MlirExternalPass externalPass, const char *pass,
                       int64_t blockSize);
/* ---- linalg.generic on buffers (GpuGeneric.c) ---------------------------------------- */

enum { DlcGpuMaxLoops = 8, DlcGpuMaxOperands = 16 };

/// A linalg.generic on buffers read for kernel building: one memref output, static loop
/// extents, maps whose results are loop dims or constants.
typedef struct DlcGeneric {
  MlirOperation op;
  MlirBlock body;
  intptr_t numLoops, numInputs;
  bool reduction[DlcGpuMaxLoops];
  int64_t extents[DlcGpuMaxLoops];
  MlirAffineMap maps[DlcGpuMaxOperands]; /* inputs, then the output */
  MlirValue operands[DlcGpuMaxOperands];
} DlcGeneric;

/// Whether `op` is a linalg.generic of that form; fills `g`.
bool dlcReadGeneric(MlirOperation op, DlcGeneric *g);
/// Prints `attr` into `buf` (`size` bytes, nul-terminated); false where it did not fit. For
/// the enums of dialects with no C accessors (linalg's iterators, NVVM's MMA types).
bool dlcAttributeText(MlirAttribute attr, char *buf, size_t size);
/// Whether a result of `map` is loop `loop` (an operand indexed by it).
bool dlcMapUsesLoop(MlirAffineMap map, intptr_t loop);
/// Operand `i` at the loop indices `ivs`: a memref.load (the operand itself if scalar).
MlirValue dlcLoadOperand(DlcBuilder *b, const DlcGeneric *g, intptr_t i, const MlirValue *ivs);
/// Stores `value` into the output at the loop indices `ivs`.
void dlcStoreOutput(DlcBuilder *b, const DlcGeneric *g, MlirValue value, const MlirValue *ivs);
/// Whether `op` is a memref view (subview, reshapes, casts, transpose): new indexing of the
/// same bytes.
bool dlcIsMemRefView(MlirOperation op);
/// The buffer `v` views through view ops, or `v` itself.
MlirValue dlcRootBuffer(MlirValue v);
/// Host ops that touch no buffer's contents (allocations, constants, views): kernels may be
/// placed on either side of them.
bool dlcIsInertHostOp(MlirOperation op);
/// Moves `g`'s body before `anchor` with its input arguments replaced by `inputs`, its
/// output argument by `acc` and linalg.index by `ivs`; returns the value it yields.
MlirValue dlcInlineBody(MlirRewriterBase rewriter, const DlcGeneric *g, const MlirValue *inputs,
                        MlirValue acc, const MlirValue *ivs, MlirOperation anchor);

/* ---- Block-level row reductions (GpuReductions.c) -------------------------------------- */

/// A row reduction: a generic that reduces its last loop only, of f32 or i32, whose body
/// ends in one combiner gpu.all_reduce knows (addf, maximumf, ...) taking the output
/// element once as operand `outOperand`.
typedef struct DlcRowReduction {
  DlcGeneric g;
  MlirOperation combiner;
  intptr_t outOperand;
  const char *kind; /* the all_reduce operation */
} DlcRowReduction;

/// Whether `generic` is a row reduction; fills `r`.
bool dlcMatchRowReduction(MlirOperation generic, DlcRowReduction *r);
/// Writes the inputs of `g` at loop indices `ivs` into `inputs`: a kernel decides where
/// each lives (global, workgroup memory, a register).
typedef void (*DlcInputLoader)(DlcBuilder *b, const DlcGeneric *g, const MlirValue *ivs,
                               MlirValue *inputs, void *userData);
/// In `l` (of `threads` threads, at most the row's length), the reduction of the row at the
/// parallel indices `ivs`: each thread folds columns tx, tx + threads, ... (ivs' last entry
/// is set to the column), gpu.all_reduce combines the threads. Every thread gets the
/// returned total; `r`'s body is moved into the loop.
MlirValue dlcBlockReduceRow(DlcLaunch *l, const DlcRowReduction *r, int64_t threads,
                            MlirValue *ivs, DlcInputLoader load, void *userData);
/// `r`'s combiner applied to the accumulator `acc` and `value`, where `b` builds.
MlirValue dlcCombine(DlcBuilder *b, const DlcRowReduction *r, MlirValue acc, MlirValue value);

/// Reads a dot-backend option (`codegen` or `library`) into `*library`; if it is neither,
/// emits why (naming `pass`) on `module`, signals the failure of `externalPass` and returns
/// false (GpuLibraryDot.c).
bool dlcReadDotBackend(MlirOperation module, MlirExternalPass externalPass, const char *pass,
                       const char *value, bool *library);

/// The dialects the kernel-building passes create ops of (gpu, scf, arith), NULL-terminated.
extern MlirDialectHandle (*const dlcGpuKernelDialects[])(void);

/* ---- Convolutions for the library dot backend (GpuLibraryConv.c) ----------------------- */

/// On tensors: each linalg.conv_2d_nhwc_hwcf of `module` as an image-to-columns copy and a
/// contraction that dlc-gpu-library-dot takes, with its zero fill and its epilogue made to
/// suit that pass; a convolution the transform refuses stays. Fails only where the
/// transform interpreter does (its message is reported on `module`).
MlirLogicalResult dlcGpuConvolutionsToColumns(MlirOperation module);
/// Whether `op` runs on the host: not inside a gpu.launch or a gpu.module.
bool dlcIsHostOp(MlirOperation op);

/* ---- Images for dlc's CUDA emulator (GpuEmulatorImage.c) ------------------------------- */

/// Replaces each gpu.module of `module` (lowered to LLVM and NVVM, `targets` attached) by a
/// gpu.binary holding an emulator image (dlc/CudaEmulator.h); fails after a located error
/// on an NVVM op the emulator cannot run.
MlirLogicalResult dlcSerializeForEmulator(MlirOperation module);

#endif
