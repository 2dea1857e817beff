/* NamedPipelines.c: dlc's named pipelines, in one place so each reads as a list of steps
 * (as QBE's main.c does). A name used as a pipeline element expands to its text, parsed
 * in the pass manager where it appears. */
#include "Conversion/MatmulTiles.h"
#include "Transforms/PassRegistry.h"

#include <string.h>

/* Steps the CPU and GPU pipelines share. Bufferization: entry points get C interfaces, and
 * function boundaries are bufferized too, so that they take and return memrefs the caller
 * owns (deallocation clones what it must); strided copies become linalg loops (no runtime
 * memrefCopy). Small floats: f16/bf16 arithmetic and math computed in f32, f32 exp/tanh/erf
 * as polynomials, bf16 conversions expanded to integer ops (no compiler-rt needed). */
#define BUFFERIZE_WITH_C_INTERFACES                                                          \
  "dlc-emit-c-interface,"                                                                    \
  "one-shot-bufferize{bufferize-function-boundaries "                                        \
  "function-boundary-type-conversion=identity-layout-map},"                                  \
  "buffer-deallocation-pipeline,"                                                            \
  "convert-bufferization-to-memref,"                                                         \
  "dlc-strided-copy-to-linalg,"
#define COMPUTE_SMALL_FLOATS_IN_F32                                                          \
  "arith-emulate-unsupported-floats{source-types=bf16,f16 target-type=f32},"                 \
  "math-extend-to-supported-types,"                                                          \
  "dlc-approximate-math,"                                                                    \
  "arith-expand{include-bf16},"

static const DlcPassOptionInfo optimizeOptions[] = {
    {"bf16", DlcPassOptionString, "none",
     "dhlo-bf16-rewrite's mode: 'none' (f32 stays f32), 'matmul' or 'all'"},
    {"target", DlcPassOptionString, "cpu", "dhlo-layout-assignment's target: 'cpu' or 'gpu'"},
    {"max-fusion-ops", DlcPassOptionInt, "32",
     "dhlo-fusion's bound on the ops of one kernel (1: nothing fuses, to measure what fusion "
     "gains)"},
};

static const DlcPassOptionInfo gpuOptions[] = {
    {"chip", DlcPassOptionString, "sm_90", "GPU architecture (sm_80, sm_90, ...)"},
    {"format", DlcPassOptionString, "ptx",
     "ptx (no CUDA tools), cubin or fatbin (ptxas), emulator (dlc's CUDA emulator, no GPU)"},
    {"opt-level", DlcPassOptionInt, "2", "LLVM optimization level of device code (0 to 3)"},
    {"block-size", DlcPassOptionInt, "256", "threads per block of every kernel (1 to 1024)"},
    {"dot-backend", DlcPassOptionString, "codegen",
     "dot_general as tiled kernels (codegen) or cuBLASLt calls with fused epilogues (library)"},
};

/* threads defaults to 1: objects stay libc + libm only (no -lomp), results do not depend on
 * the machine, and a busy machine is not oversubscribed (on the shared 2-core build machine,
 * loaded by other jobs, OpenMP's spinning threads made the transformer block 25x slower).
 * threads=0 (all cores) or N asks for OpenMP: the JIT loads libomp, AOT programs link -lomp. */
static const DlcPassOptionInfo lowerToCpuOptions[] = {
    {"threads", DlcPassOptionInt, "1",
     "threads of parallel loops: 0 all cores (OpenMP's default), 1 sequential with no OpenMP "
     "at all, N > 1 N threads"},
    {"cache-tile", DlcPassOptionString, DLC_MATMUL_CACHE_TILE, "matmul cache tile MxNxK"},
    {"register-block", DlcPassOptionString, DLC_MATMUL_REGISTER_BLOCK,
     "matmul register block MxN, or host: 8x32 with AVX-512, 8x16 with AVX2, 4x8 otherwise"},
    {"k-step", DlcPassOptionInt, "4", "matmul k step per register block"},
    {"pack-min-size", DlcPassOptionInt, "512",
     "f32 matmuls whose M, N and K are all at least this read their rhs from copied panels"},
};

static const DlcNamedPipeline namedPipelines[] = {
    /* XLA's order: simplify, bf16 (off unless asked), layouts, simplify again (it folds the
     * converts of constants that the bf16 step adds and the transposes of relayouted
     * constants), fuse, merge duplicates, drop dead code. */
    {"dhlo-optimize",
     "Default graph optimization pipeline: simplify, bf16 (off unless asked), assign layouts, "
     "fuse, merge duplicates, drop dead code, verify",
     "func.func(dhlo-canonicalize),"
     "dhlo-bf16-rewrite{mode=${bf16}},"
     "dhlo-layout-assignment{target=${target}},"
     "dhlo-materialize-layouts,"
     "func.func(dhlo-canonicalize),"
     "dhlo-fusion{max-fusion-ops=${max-fusion-ops}},"
     "dhlo-cse,"
     "dhlo-dce,"
     "dhlo-verify",
     3, optimizeOptions},
    /* Every option of dhlo-optimize but bf16. */
    {"dhlo-optimize-bf16",
     "dhlo-optimize{bf16=matmul}: dot_general/convolution operands in bf16 (f32 accumulation)",
     "dhlo-optimize{bf16=matmul target=${target} max-fusion-ops=${max-fusion-ops}}",
     2, optimizeOptions + 1},
    /* CPU code generation from a materialized, optimized dhlo program: lower to linalg on
     * tensors, fuse elementwise loops, bufferize (function boundaries too, so entry points take
     * and return memrefs the caller owns; deallocation clones what it must), loops, then LLVM.
     * Strided copies become loops (no runtime memrefCopy). f16/bf16 arithmetic and math are
     * computed in f32 and bf16 conversions expanded to integer ops (no compiler-rt needed).
     * lower-affine follows expand-strided-metadata, which makes affine.apply. log1p goes to
     * libm (math-to-llvm would approximate it as log(1 + x)); integer powers become outlined
     * loops (math-to-funcs). Matmuls and elementwise loops are tiled and vectorized on
     * buffers (register blocks of FMAs); f32 exp/tanh/erf become polynomials once f16/bf16
     * math is extended to f32, so that vectorized loops call no libm; a large matmul's rhs is
     * first copied into panels of the register block's width (read contiguously). An epilogue
     * fused into a matmul's tiles writes its tile of the result in place (empty tensors
     * eliminated before bufferization: no per-tile buffer and copy). Threads: any pass
     * before dlc-parallelize may write independent iterations as scf.forall or scf.parallel
     * (matmul cache tiles are, when threads != 1); dlc-parallelize alone makes them OpenMP
     * (threads != 1) or sequential loops (threads = 1: no OpenMP op at all). */
    {"dlc-lower-to-cpu",
     "Lower a dhlo program to the LLVM dialect for the CPU (JIT or object file)",
     "convert-dhlo-to-linalg,"
     "dlc-vectorize-convolutions,"
     "dlc-fuse-epilogues{cache-tile=${cache-tile} register-block=${register-block}},"
     "linalg-fuse-elementwise-ops,"
     "eliminate-empty-tensors,"
     BUFFERIZE_WITH_C_INTERFACES
     "dlc-pack-matmul-rhs{register-block=${register-block} min-size=${pack-min-size}},"
     "dlc-vectorize-memory-bound,"
     "dlc-tile-and-vectorize{cache-tile=${cache-tile} register-block=${register-block} "
     "k-step=${k-step} threads=${threads}},"
     "convert-linalg-to-loops,"
     "dlc-parallelize{threads=${threads}},"
     COMPUTE_SMALL_FLOATS_IN_F32
     "convert-math-to-funcs,"
     "dlc-define-bf16-truncation,"
     "expand-strided-metadata,"
     "lower-affine,"
     "finalize-memref-to-llvm,"
     "convert-scf-to-cf,"
     "convert-math-to-llvm{approximate-log1p=false},"
     "convert-math-to-libm,"
     "convert-to-llvm,"
     "reconcile-unrealized-casts",
     sizeof lowerToCpuOptions / sizeof lowerToCpuOptions[0], lowerToCpuOptions},
    /* GPU code generation (docs/gpu.md), from the same linalg as the CPU's: named ops made
     * generic so that contractions become shared-memory tiled kernels, the ops of one fusion
     * that share their rows one kernel, other row reductions block-level kernels
     * (gpu.all_reduce) and every other linalg op one kernel of linearized parallel loops;
     * host buffers are device memory; kernels are outlined, lowered to NVVM (f16/bf16
     * computed in f32, exp/tanh/erf as polynomials: no libdevice) and serialized; the host
     * code calls MLIR's mgpu* runtime functions on one stream (gpu-async-region) and lowers
     * to LLVM. With dot-backend=library, contractions and their epilogues are cuBLASLt
     * calls instead (dlc-gpu-library-dot), and elementwise producers stay out of them. */
    {"dlc-lower-to-gpu",
     "Lower a dhlo program to NVIDIA GPU kernels (PTX, cubin or fatbin) and LLVM host code",
     "convert-dhlo-to-linalg,"
     "dlc-gpu-fuse-elementwise{dot-backend=${dot-backend}},"
     BUFFERIZE_WITH_C_INTERFACES
     "dlc-gpu-library-dot{dot-backend=${dot-backend}},"
     "dlc-gpu-tile-matmul{chip=${chip}},"
     "dlc-gpu-fuse-kernels{block-size=${block-size}},"
     "dlc-gpu-map-reductions{block-size=${block-size}},"
     "convert-linalg-to-parallel-loops,"
     "dlc-gpu-map-loops{block-size=${block-size}},"
     "dlc-gpu-device-memory,"
     "convert-math-to-funcs,"
     "gpu-kernel-outlining,"
     "gpu.module("
     COMPUTE_SMALL_FLOATS_IN_F32
     "expand-strided-metadata,"
     "lower-affine,"
     "convert-scf-to-cf,"
     "convert-gpu-to-nvvm,"
     "convert-math-to-llvm,"
     "reconcile-unrealized-casts),"
     "dlc-gpu-module-to-binary{chip=${chip} format=${format} opt-level=${opt-level}},"
     "func.func(gpu-async-region),"
     "gpu-to-llvm,"
     "expand-strided-metadata,"
     "lower-affine,"
     "finalize-memref-to-llvm,"
     "convert-scf-to-cf,"
     "convert-to-llvm,"
     "reconcile-unrealized-casts",
     sizeof gpuOptions / sizeof gpuOptions[0], gpuOptions},
};

const DlcNamedPipeline *dlcLookupNamedPipeline(MlirStringRef name) {
  for (size_t i = 0; i < sizeof namedPipelines / sizeof namedPipelines[0]; ++i)
    if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(namedPipelines[i].name)))
      return &namedPipelines[i];
  return NULL;
}

intptr_t dlcGetNumNamedPipelines(void) {
  return (intptr_t)(sizeof namedPipelines / sizeof namedPipelines[0]);
}

const DlcNamedPipeline *dlcGetNamedPipeline(intptr_t index) {
  return index >= 0 && index < dlcGetNumNamedPipelines() ? &namedPipelines[index] : NULL;
}
