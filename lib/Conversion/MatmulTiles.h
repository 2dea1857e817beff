/* MatmulTiles.h: the matmul tile arithmetic that dlc-tile-and-vectorize (which defines it)
 * and dlc-fuse-epilogues share, so that an epilogue fused into a matmul's cache tiles and
 * the matmul's own schedule agree on those tiles. */
#ifndef DLC_LIB_CONVERSION_MATMULTILES_H
#define DLC_LIB_CONVERSION_MATMULTILES_H

#include "Conversion/TransformScript.h"

#include <stdbool.h>
#include <stdint.h>

/// The defaults of the cache-tile and register-block options of dlc-tile-and-vectorize,
/// dlc-fuse-epilogues and dlc-lower-to-cpu. `host`: the block for the CPU that compiles
/// (which the JIT targets too), by its features as LLVM reports them: 8x32 with AVX-512
/// (16 zmm accumulators), 8x16 with AVX or AVX2 (16 ymm), 4x8 otherwise.
#define DLC_MATMUL_CACHE_TILE "64x256x256"
#define DLC_MATMUL_REGISTER_BLOCK "host"

/// Parses "AxBxC..." into exactly `count` positive sizes.
bool dlcParseTileSizes(const char *text, int64_t *sizes, int count);
/// Parses a register-block option: "MxN", or "host" for the host CPU's block.
bool dlcParseRegisterBlock(const char *text, int64_t block[2]);
/// The largest divisor of `n` that is at most `most` (a register tile that leaves no
/// partial tile).
int64_t dlcLargestDivisorAtMost(int64_t n, int64_t most);
/// The largest multiple of `block` that divides `dim` and is at most `want` (or `block`).
int64_t dlcMatmulCacheTile(int64_t dim, int64_t block, int64_t want);

#endif
