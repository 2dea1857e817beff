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

#include <stdio.h>
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

static MlirOperation insertBefore(MlirOperation before, MlirOperationState *state) {
  MlirOperation op = mlirOperationCreate(state);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(before), before, op);
  return op;
}

static MlirNamedAttribute named(MlirContext ctx, const char *name, MlirAttribute attr) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, dlcStr(name)), attr);
}

/* linalg.generic copying `source` [K, P, nr] into `panels` [P, K, nr]. */
static void buildPanelCopy(MlirOperation before, MlirValue source, MlirValue panels) {
  MlirContext ctx = mlirOperationGetContext(before);
  MlirLocation loc = mlirOperationGetLocation(before);
  MlirType f32 = mlirF32TypeGet(ctx);
  MlirRegion region = mlirRegionCreate();
  MlirBlock body = mlirBlockCreate(2, (MlirType[]){f32, f32}, (MlirLocation[]){loc, loc});
  mlirRegionAppendOwnedBlock(region, body);
  MlirValue element = mlirBlockGetArgument(body, 0);
  MlirOperationState yield = mlirOperationStateGet(dlcStr("linalg.yield"), loc);
  mlirOperationStateAddOperands(&yield, 1, &element);
  mlirBlockAppendOwnedOperation(body, mlirOperationCreate(&yield));

  MlirNamedAttribute attrs[] = {
      named(ctx, "indexing_maps",
            mlirAttributeParseGet(ctx, dlcStr("[affine_map<(p, k, j) -> (k, p, j)>, "
                                              "affine_map<(p, k, j) -> (p, k, j)>]"))),
      named(ctx, "iterator_types",
            mlirAttributeParseGet(ctx, dlcStr("[#linalg.iterator_type<parallel>, "
                                              "#linalg.iterator_type<parallel>, "
                                              "#linalg.iterator_type<parallel>]"))),
      named(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 2, (const int32_t[]){1, 1})),
  };
  MlirOperationState state = mlirOperationStateGet(dlcStr("linalg.generic"), loc);
  mlirOperationStateAddOperands(&state, 2, (MlirValue[]){source, panels});
  mlirOperationStateAddAttributes(&state, 3, attrs);
  mlirOperationStateAddOwnedRegions(&state, 1, &region);
  insertBefore(before, &state);
}

static MlirValue indexConstant(MlirOperation before, int64_t value) {
  MlirContext ctx = mlirOperationGetContext(before);
  MlirType index = mlirIndexTypeGet(ctx);
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("arith.constant"), mlirOperationGetLocation(before));
  MlirNamedAttribute attr = named(ctx, "value", mlirIntegerAttrGet(index, value));
  mlirOperationStateAddResults(&state, 1, &index);
  mlirOperationStateAddAttributes(&state, 1, &attr);
  return mlirOperationGetResult(insertBefore(before, &state), 0);
}

/* memref.subview of `source` at `offsets` (dynamic where `dynamicOffset` is, static else)
 * with unit strides, of result type `type`. */
static MlirValue buildSubview(MlirOperation before, MlirValue source, intptr_t rank,
                              const int64_t *offsets, MlirValue dynamicOffset,
                              const int64_t *sizes, MlirType type) {
  MlirContext ctx = mlirOperationGetContext(before);
  int64_t ones[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  MlirNamedAttribute attrs[] = {
      named(ctx, "static_offsets", mlirDenseI64ArrayGet(ctx, rank, offsets)),
      named(ctx, "static_sizes", mlirDenseI64ArrayGet(ctx, rank, sizes)),
      named(ctx, "static_strides", mlirDenseI64ArrayGet(ctx, rank, ones)),
      named(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 4, (const int32_t[]){1, 1, 0, 0})),
  };
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("memref.subview"), mlirOperationGetLocation(before));
  mlirOperationStateAddOperands(&state, 2, (MlirValue[]){source, dynamicOffset});
  mlirOperationStateAddResults(&state, 1, &type);
  mlirOperationStateAddAttributes(&state, 4, attrs);
  return mlirOperationGetResult(insertBefore(before, &state), 0);
}

/* An empty `scf.for %p = 0 to count` before `before`; returns its body's scf.yield. */
static MlirOperation buildPanelLoop(MlirOperation before, int64_t count, MlirValue *p) {
  MlirContext ctx = mlirOperationGetContext(before);
  MlirLocation loc = mlirOperationGetLocation(before);
  MlirType index = mlirIndexTypeGet(ctx);
  MlirValue bounds[] = {indexConstant(before, 0), indexConstant(before, count),
                        indexConstant(before, 1)};
  MlirRegion region = mlirRegionCreate();
  MlirBlock body = mlirBlockCreate(1, &index, &loc);
  mlirRegionAppendOwnedBlock(region, body);
  MlirOperationState yield = mlirOperationStateGet(dlcStr("scf.yield"), loc);
  MlirOperation terminator = mlirOperationCreate(&yield);
  mlirBlockAppendOwnedOperation(body, terminator);
  MlirOperationState loop = mlirOperationStateGet(dlcStr("scf.for"), loc);
  mlirOperationStateAddOperands(&loop, 3, bounds);
  mlirOperationStateAddOwnedRegions(&loop, 1, &region);
  insertBefore(before, &loop);
  *p = mlirBlockGetArgument(body, 0);
  return terminator;
}

/* The rewrite of the file comment, with the batch loop explicit: one matmul per panel on
 * subviews, which the schedule's fold_memref_alias_ops folds into the buffers themselves
 * (upstream's hoisting keeps no accumulator in registers whose memref is a view). */
static void pack(MlirOperation matmul, int64_t nr) {
  MlirContext ctx = mlirOperationGetContext(matmul);
  MlirLocation loc = mlirOperationGetLocation(matmul);
  MlirValue b = mlirOperationGetOperand(matmul, 1), c = mlirOperationGetOperand(matmul, 2);
  MlirType bType = mlirValueGetType(b), cType = mlirValueGetType(c);
  MlirType f32 = mlirShapedTypeGetElementType(bType);
  int64_t k = mlirShapedTypeGetDimSize(bType, 0), n = mlirShapedTypeGetDimSize(bType, 1),
          m = mlirShapedTypeGetDimSize(cType, 0), count = n / nr;
  int64_t dynamic = mlirShapedTypeGetDynamicStrideOrOffset();
  MlirAttribute noLayout = mlirAttributeGetNull(), noSpace = mlirAttributeGetNull();

  MlirType bViewType = mlirMemRefTypeGet(f32, 3, (int64_t[]){k, count, nr}, noLayout, noSpace);
  MlirValue bView = dlcBuildReinterpretCast(matmul, b, bViewType);
  MlirType panelsType = mlirMemRefTypeGet(f32, 3, (int64_t[]){count, k, nr}, noLayout, noSpace);
  MlirOperationState alloc = mlirOperationStateGet(dlcStr("memref.alloc"), loc);
  MlirNamedAttribute allocAttrs[] = {
      named(ctx, "alignment", mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), 64)),
      named(ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(ctx, 2, (const int32_t[]){0, 0})),
  };
  mlirOperationStateAddResults(&alloc, 1, &panelsType);
  mlirOperationStateAddAttributes(&alloc, 2, allocAttrs);
  MlirValue panels = mlirOperationGetResult(insertBefore(matmul, &alloc), 0);
  buildPanelCopy(matmul, bView, panels);

  MlirValue p;
  MlirOperation yield = buildPanelLoop(matmul, count, &p);
  MlirValue width = indexConstant(yield, nr);
  MlirOperationState mul = mlirOperationStateGet(dlcStr("arith.muli"), loc);
  mlirOperationStateAddOperands(&mul, 2, (MlirValue[]){p, width});
  mlirOperationStateEnableResultTypeInference(&mul);
  MlirValue column = mlirOperationGetResult(insertBefore(yield, &mul), 0);
  MlirAttribute panelLayout = mlirStridedLayoutAttrGet(ctx, dynamic, 2, (int64_t[]){nr, 1});
  MlirValue panel = buildSubview(
      yield, panels, 3, (int64_t[]){dynamic, 0, 0}, p, (int64_t[]){1, k, nr},
      mlirMemRefTypeGet(f32, 2, (int64_t[]){k, nr}, panelLayout, noSpace));
  MlirAttribute columnsLayout = mlirStridedLayoutAttrGet(ctx, dynamic, 2, (int64_t[]){n, 1});
  MlirValue columns = buildSubview(
      yield, c, 2, (int64_t[]){0, dynamic}, column, (int64_t[]){m, nr},
      mlirMemRefTypeGet(f32, 2, (int64_t[]){m, nr}, columnsLayout, noSpace));
  MlirOperationState dealloc = mlirOperationStateGet(dlcStr("memref.dealloc"), loc);
  mlirOperationStateAddOperands(&dealloc, 1, &panels);
  insertBefore(matmul, &dealloc);
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
  for (size_t i = 0; i < matmuls.count; ++i)
    pack(matmuls.ops[i], matmuls.panel);
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
