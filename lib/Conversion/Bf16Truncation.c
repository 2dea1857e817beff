/* Bf16Truncation.c: `dlc-define-bf16-truncation` gives a module that uses bf16 its own weak
 * definition of `__truncsfbf2` (f32 to bf16, rounding to nearest even, NaN kept quiet).
 * arith-expand already turns every arith.truncf to bf16 into integer ops, but LLVM's x86
 * backend on a CPU without AVX512-BF16 still legalizes some bf16 vector shuffles and
 * inserts by widening lanes to f32 and calling that libcall back; neither libgcc before
 * GCC 13 nor MLIR's JIT defines it. Weak, so that a program linking several dlc objects, or
 * a compiler runtime that has one, keeps a single copy. */
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/LLVM.h"

#define LIBCALL "__truncsfbf2"

/* The same rounding as arith-expand's truncf expansion: add 0x7fff plus the lowest kept
 * bit, keep the high half; a NaN keeps its sign and payload's high half, made quiet. */
static const char definition[] =
    "llvm.func weak @" LIBCALL "(%x: f32) -> bf16 {\n"
    "  %c1 = llvm.mlir.constant(1 : i32) : i32\n"
    "  %c16 = llvm.mlir.constant(16 : i32) : i32\n"
    "  %half = llvm.mlir.constant(32767 : i32) : i32\n"
    "  %quiet = llvm.mlir.constant(64 : i32) : i32\n"
    "  %bits = llvm.bitcast %x : f32 to i32\n"
    "  %high = llvm.lshr %bits, %c16 : i32\n"
    "  %lowestKept = llvm.and %high, %c1 : i32\n"
    "  %bias = llvm.add %lowestKept, %half : i32\n"
    "  %biased = llvm.add %bits, %bias : i32\n"
    "  %rounded = llvm.lshr %biased, %c16 : i32\n"
    "  %quietNaN = llvm.or %high, %quiet : i32\n"
    "  %isNaN = llvm.fcmp \"uno\" %x, %x : f32\n"
    "  %chosen = llvm.select %isNaN, %quietNaN, %rounded : i1, i32\n"
    "  %narrow = llvm.trunc %chosen : i32 to i16\n"
    "  %result = llvm.bitcast %narrow : i16 to bf16\n"
    "  llvm.return %result : bf16\n"
    "}";

static bool isBf16Based(MlirType type) {
  if (mlirTypeIsAShaped(type))
    type = mlirShapedTypeGetElementType(type);
  return mlirTypeIsABF16(type);
}

static MlirWalkResult findBf16(MlirOperation op, void *userData) {
  bool *found = userData;
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n && !*found; ++i)
    *found = isBf16Based(mlirValueGetType(mlirOperationGetResult(op, i)));
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n && !*found; ++i)
    *found = isBf16Based(mlirValueGetType(mlirOperationGetOperand(op, i)));
  return *found ? MlirWalkResultInterrupt : MlirWalkResultAdvance;
}

/* A module that calls LIBCALL itself declares it: the declaration gives way to the
 * definition; a definition of its own stays. */
static void runDefineBf16Truncation(MlirOperation module, MlirExternalPass pass,
                                    const DlcPassOptionValue *options) {
  bool usesBf16 = false;
  mlirOperationWalk(module, findBf16, &usesBf16, MlirWalkPreOrder);
  if (!usesBf16)
    return;
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirOperation existing = mlirSymbolTableLookup(symbols, dlcStr(LIBCALL));
  mlirSymbolTableDestroy(symbols);
  if (!mlirOperationIsNull(existing)) {
    if (!mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(existing, 0))))
      return;
    mlirOperationDestroy(existing);
  }
  MlirOperation function = mlirOperationCreateParse(
      mlirOperationGetContext(module), dlcStr(definition), dlcStr("dlc-define-bf16-truncation"));
  mlirBlockAppendOwnedOperation(mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0)),
                                function);
}

static MlirDialectHandle (*const llvmDialect[])(void) = {mlirGetDialectHandle__llvm__, NULL};

const DlcPassDef dlcDefineBf16TruncationPass = {
    .info = {.argument = "dlc-define-bf16-truncation",
             .summary = "Define __truncsfbf2 (weak) in a module that uses bf16, for LLVM's "
                        "x86 backend to call",
             .anchor = "builtin.module", .numOptions = 0, .options = NULL},
    .run = runDefineBf16Truncation,
    .dependentDialects = llvmDialect,
};
