/* GpuMatmul.h: what dlc-gpu-tile-matmul's two kernel builders share: the scalar tiled
 * kernel (GpuMatmul.c) and the tensor-core one (GpuMatmulMma.c). Everything built belongs
 * to the function it is inserted into. */
#ifndef DLC_LIB_CONVERSION_GPUMATMUL_H
#define DLC_LIB_CONVERSION_GPUMATMUL_H

#include "Conversion/Gpu.h"

/// Stores `value` at [row, col] of the rank-2 workgroup buffer `tile`.
void dlcStoreTile(DlcBuilder *b, MlirValue tile, MlirValue value, MlirValue row, MlirValue col);
/// Loads [row, col] of the rank-2 workgroup buffer `tile`.
MlirValue dlcLoadTile(DlcBuilder *b, MlirValue tile, MlirValue row, MlirValue col);
/// gpu.barrier.
void dlcBarrier(DlcBuilder *b);

/// The value a fill of `g`'s whole output writes when that fill (`*fill`) is the only use
/// of the output buffer (a memref.alloc) before `g` and `g` overwrites every element: the
/// kernel starts its accumulators from it and erases the fill. Else a null value.
MlirValue dlcTakeOutputFill(const DlcGeneric *g, MlirOperation *fill);

/// An elementwise generic applied to a contraction's output elements as the kernel stores
/// them (see GpuMatmul.c): `input` is its input that the contraction writes; `keepOutput`,
/// whether that output is also stored (something else reads it).
typedef struct DlcEpilogue {
  DlcGeneric e;
  intptr_t input;
  bool keepOutput;
} DlcEpilogue;

/// Whether the op after `g` (past allocations, views and constants, which move above `g`)
/// is such an epilogue; fills `ep`. The caller erases ep->e.op once the kernel is built.
bool dlcFindEpilogue(const DlcGeneric *g, DlcEpilogue *ep);
/// Stores `value`, `g`'s output element at loop indices `ivs`, where `b` builds (before its
/// block's terminator): through the epilogue `ep` (whose body moves here) unless null, and
/// into g's output unless the epilogue makes that store useless.
void dlcStoreResult(DlcBuilder *b, const DlcGeneric *g, DlcEpilogue *ep, MlirValue value,
                    const MlirValue *ivs);

/// The grid of a tiled contraction whose row loop is `i` (its column loop is the one before
/// last, k the last): every other parallel loop is a batch dimension of blocks, the rows
/// and columns come in tiles of `tileRows` x `tileCols` (rounded up). Fills `extents` with
/// the grid's extent along each loop but k; returns the number of blocks.
int64_t dlcContractionGrid(const DlcGeneric *g, intptr_t i, int64_t tileRows, int64_t tileCols,
                           int64_t *extents);

/// If the contraction `g` (A is input `a`, its row loop `i`) is a plain multiply-add of
/// f16 or bf16 inputs whose extents divide into 16x16x16 steps and `chip` (sm_XY as XY) has
/// the tensor cores for them (f16 from sm_70, bf16 from sm_80), replaces it by a
/// tensor-core kernel (its output fill and epilogue absorbed as in the scalar kernel;
/// `*erased` gets the epilogue it erased, or a null op) and returns true; otherwise changes
/// nothing and returns false.
bool dlcTileContractionMma(MlirRewriterBase rewriter, const DlcGeneric *g, intptr_t a, intptr_t i,
                           int chip, MlirOperation *erased);

#endif
