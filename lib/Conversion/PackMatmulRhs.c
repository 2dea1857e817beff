/* PackMatmulRhs.c: `dlc-pack-matmul-rhs` copies the right-hand side of each large f32
 * linalg.matmul of a bufferized function into column panels as wide as the register block,
 * so that dlc-tile-and-vectorize's microkernel reads B contiguously:
 *
 *   C[M, N] += A[M, K] B[K, N]   becomes
 *   Bp[N/nr, K, nr] = B viewed as [K, N/nr, nr], transposed (a linalg.generic copy)
 *   for p in 0 .. N/nr:  C[:, p nr : (p + 1) nr] += A Bp[p]   (linalg.matmul on subviews)
 *
 * Without it a register block reads nr columns of B from K rows whose stride is the whole
 * row of B: a power-of-two stride (N = 1024, 2048) maps those rows to the same few cache
 * sets, and the block's B tile is evicted before it is reused (sgemm 2048 ran at ~0.8x
 * OpenBLAS, which packs). A and C are not copied (subviews); the
 * copy of B costs 8 K N bytes against 2 M N K FLOPs, so only matmuls whose sides are all at
 * least `min-size` are packed. A matmul inside a loop (an epilogue fused into its tiles)
 * works on tiles and stays as it is. The panel buffer is allocated and freed around the
 * matmul. */
#include "Conversion/Lowering.h"
#include "Conversion/MatmulTiles.h"
#include "Transforms/Canonicalize.h"
#include "Transforms/Layouts.h"
#include "Transforms/PassRegistry.h"

#include "mlir-c/AffineMap.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Linalg.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"

#include <stdlib.h>

typedef struct Matmuls {
  MlirOperation *ops;
  size_t count, capacity;
  int64_t panel, minSize;
} Matmuls;

/* The static 2-d f32 memref `value`'s sizes, or false. */
static bool f32Matrix(MlirValue value, int64_t sizes[2], bool identityLayout) {
  MlirType type = mlirValueGetType(value);
  if (!mlirTypeIsAMemRef(type) || !mlirShapedTypeHasStaticShape(type) ||
      mlirShapedTypeGetRank(type) != 2 || !mlirTypeIsAF32(mlirShapedTypeGetElementType(type)) ||
      (identityLayout && !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(type))))
    return false;
  sizes[0] = mlirShapedTypeGetDimSize(type, 0);
  sizes[1] = mlirShapedTypeGetDimSize(type, 1);
  return true;
}

/* Whether matmul `op` has the default maps (no transposed or broadcast operand). */
static bool plainMaps(MlirOperation op) {
  MlirAttribute maps = mlirOperationGetAttributeByName(op, dlcStr("indexing_maps"));
  return mlirAttributeIsNull(maps) ||
         mlirAttributeEqual(maps, mlirAttributeParseGet(mlirOperationGetContext(op),
                                                        dlcStr("[affine_map<(m, n, k) -> (m, k)>, "
                                                               "affine_map<(m, n, k) -> (k, n)>, "
                                                               "affine_map<(m, n, k) -> (m, n)>]")));
}

static bool worthPacking(MlirOperation op, const Matmuls *m) {
  int64_t a[2], b[2], c[2];
  if (!dlcOpIsA(op, "linalg.matmul") || mlirOperationGetNumOperands(op) != 3 ||
      !dlcOpIsA(mlirOperationGetParentOperation(op), "func.func") || !plainMaps(op) ||
      !f32Matrix(mlirOperationGetOperand(op, 0), a, false) ||
      !f32Matrix(mlirOperationGetOperand(op, 1), b, true) ||
      !f32Matrix(mlirOperationGetOperand(op, 2), c, true))
    return false;
  return c[0] >= m->minSize && c[1] >= m->minSize && b[0] >= m->minSize &&
         c[1] % m->panel == 0;
}

static MlirWalkResult collectMatmuls(MlirOperation op, void *userData) {
  Matmuls *m = userData;
  if (worthPacking(op, m)) {
    m->ops = dlcGrow(m->ops, &m->capacity, m->count + 1, sizeof *m->ops);
    m->ops[m->count++] = op;
  }
  return MlirWalkResultAdvance;
}

/* linalg.generic copying `source` [K, P, nr] into `panels` [P, K, nr]. */
static void buildPanelCopy(DlcBuilder *b, MlirValue source, MlirValue panels) {
  MlirType f32 = mlirF32TypeGet(b->ctx);
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "indexing_maps",
               mlirAttributeParseGet(b->ctx, dlcStr("[affine_map<(p, k, j) -> (k, p, j)>, "
                                                    "affine_map<(p, k, j) -> (p, k, j)>]"))),
      dlcNamed(b->ctx, "iterator_types",
               mlirAttributeParseGet(b->ctx, dlcStr("[#linalg.iterator_type<parallel>, "
                                                    "#linalg.iterator_type<parallel>, "
                                                    "#linalg.iterator_type<parallel>]"))),
      dlcNamed(b->ctx, "operandSegmentSizes",
               mlirDenseI32ArrayGet(b->ctx, 2, (const int32_t[]){1, 1})),
  };
  MlirBlock body;
  dlcBuildRegionOp(b, "linalg.generic", 0, NULL, 2, (MlirValue[]){source, panels}, 3, attrs, 1,
                   2, (MlirType[]){f32, f32}, &body);
  DlcBuilder inBody = {b->ctx, b->loc, b->rewriter, body};
  MlirValue element = mlirBlockGetArgument(body, 0);
  dlcBuildRegionOp(&inBody, "linalg.yield", 0, NULL, 1, &element, 0, NULL, 0, -1, NULL, NULL);
}

/* memref.subview of `source` at `offsets` (the dynamic one is `offset`) with unit strides,
 * of result type `type`. */
static MlirValue buildSubview(DlcBuilder *b, MlirValue source, intptr_t rank,
                              const int64_t *offsets, MlirValue offset, const int64_t *sizes,
                              MlirType type) {
  int64_t ones[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "static_offsets", mlirDenseI64ArrayGet(b->ctx, rank, offsets)),
      dlcNamed(b->ctx, "static_sizes", mlirDenseI64ArrayGet(b->ctx, rank, sizes)),
      dlcNamed(b->ctx, "static_strides", mlirDenseI64ArrayGet(b->ctx, rank, ones)),
      dlcNamed(b->ctx, "operandSegmentSizes",
               mlirDenseI32ArrayGet(b->ctx, 4, (const int32_t[]){1, 1, 0, 0})),
  };
  return dlcBuild(b, "memref.subview", type, 2, (MlirValue[]){source, offset}, 4, attrs);
}

/* The rewrite of the file comment, with the batch loop explicit: one matmul per panel on
 * subviews, which the schedule's fold_memref_alias_ops folds into the buffers themselves
 * (upstream's hoisting keeps no accumulator in registers whose memref is a view). */
static void pack(MlirRewriterBase rewriter, MlirOperation matmul, int64_t nr) {
  MlirContext ctx = mlirOperationGetContext(matmul);
  DlcBuilder b = {ctx, mlirOperationGetLocation(matmul), rewriter, {NULL}};
  mlirRewriterBaseSetInsertionPointBefore(rewriter, matmul);
  MlirValue rhs = mlirOperationGetOperand(matmul, 1), out = mlirOperationGetOperand(matmul, 2);
  MlirType rhsType = mlirValueGetType(rhs);
  MlirType f32 = mlirShapedTypeGetElementType(rhsType);
  int64_t k = mlirShapedTypeGetDimSize(rhsType, 0), n = mlirShapedTypeGetDimSize(rhsType, 1),
          m = mlirShapedTypeGetDimSize(mlirValueGetType(out), 0), count = n / nr;
  int64_t dynamic = mlirShapedTypeGetDynamicStrideOrOffset();
  MlirAttribute noLayout = mlirAttributeGetNull(), noSpace = mlirAttributeGetNull();

  MlirType viewType = mlirMemRefTypeGet(f32, 3, (int64_t[]){k, count, nr}, noLayout, noSpace);
  MlirValue view = dlcBuildReinterpretCast(matmul, rhs, viewType);
  MlirType panelsType = mlirMemRefTypeGet(f32, 3, (int64_t[]){count, k, nr}, noLayout, noSpace);
  MlirNamedAttribute allocAttrs[] = {
      dlcNamed(ctx, "alignment", mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), 64)),
      dlcNamed(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 2, (const int32_t[]){0, 0})),
  };
  MlirValue panels = dlcBuild(&b, "memref.alloc", panelsType, 0, NULL, 2, allocAttrs);
  buildPanelCopy(&b, view, panels);

  MlirOperation yield;
  MlirOperation loop = dlcBuildStridedFor(&b, dlcConstIndex(&b, 0), count, 1,
                                          (MlirValue){NULL}, &yield);
  MlirValue p = mlirBlockGetArgument(mlirOperationGetBlock(yield), 0);
  MlirValue column = dlcBinary(&b, "arith.muli", p, dlcConstIndex(&b, nr));
  MlirAttribute panelLayout = mlirStridedLayoutAttrGet(ctx, dynamic, 2, (int64_t[]){nr, 1});
  MlirValue panel = buildSubview(
      &b, panels, 3, (int64_t[]){dynamic, 0, 0}, p, (int64_t[]){1, k, nr},
      mlirMemRefTypeGet(f32, 2, (int64_t[]){k, nr}, panelLayout, noSpace));
  MlirAttribute columnsLayout = mlirStridedLayoutAttrGet(ctx, dynamic, 2, (int64_t[]){n, 1});
  MlirValue columns = buildSubview(
      &b, out, 2, (int64_t[]){0, dynamic}, column, (int64_t[]){m, nr},
      mlirMemRefTypeGet(f32, 2, (int64_t[]){m, nr}, columnsLayout, noSpace));
  mlirRewriterBaseSetInsertionPointAfter(rewriter, loop);
  dlcBuildRegionOp(&b, "memref.dealloc", 0, NULL, 1, &panels, 0, NULL, 0, -1, NULL, NULL);
  mlirOperationMoveBefore(matmul, yield);
  mlirOperationSetOperand(matmul, 1, panel);
  mlirOperationSetOperand(matmul, 2, columns);
}

static void runPackMatmulRhs(MlirOperation root, MlirExternalPass pass,
                             const DlcPassOptionValue *options) {
  int64_t block[2];
  if (!dlcParseRegisterBlock(options[0].s, block) || options[1].i < 1) {
    mlirEmitError(mlirOperationGetLocation(root),
                  "dlc-pack-matmul-rhs: register-block must be MxN or host, min-size positive");
    mlirExternalPassSignalFailure(pass);
    return;
  }
  Matmuls matmuls = {.panel = block[1], .minSize = options[1].i};
  mlirOperationWalk(root, collectMatmuls, &matmuls, MlirWalkPostOrder);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(root));
  for (size_t i = 0; i < matmuls.count; ++i)
    pack(rewriter, matmuls.ops[i], matmuls.panel);
  mlirIRRewriterDestroy(rewriter);
  free(matmuls.ops);
}

static const DlcPassOptionInfo packOptions[] = {
    {"register-block", DlcPassOptionString, DLC_MATMUL_REGISTER_BLOCK,
     "the matmul register block MxN (or host) whose N is the panel width"},
    {"min-size", DlcPassOptionInt, "512",
     "pack only matmuls whose M, N and K are all at least this (the copy of B must pay)"},
};

static MlirDialectHandle (*const packDialects[])(void) = {
    mlirGetDialectHandle__linalg__, mlirGetDialectHandle__memref__,
    mlirGetDialectHandle__scf__, mlirGetDialectHandle__arith__, NULL};

const DlcPassDef dlcPackMatmulRhsPass = {
    .info = {.argument = "dlc-pack-matmul-rhs",
             .summary = "Copy the rhs of large f32 matmuls into contiguous column panels, one "
                        "matmul per panel",
             .anchor = "builtin.module",
             .numOptions = sizeof packOptions / sizeof packOptions[0],
             .options = packOptions},
    .run = runPackMatmulRhs,
    .dependentDialects = packDialects,
};
