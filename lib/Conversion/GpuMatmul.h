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

/// If the contraction `g` (A is input `a`) is a plain multiply-add of f16 or bf16 inputs
/// whose extents divide into 16x16x16 steps and `chip` (sm_XY as XY) has the tensor cores
/// for them (f16 from sm_70, bf16 from sm_80), replaces it by a tensor-core kernel and
/// returns true; otherwise changes nothing and returns false.
bool dlcTileContractionMma(MlirRewriterBase rewriter, const DlcGeneric *g, intptr_t a, int chip);

#endif
