/* BuildFunc.c: functions for frontends: func.func in a module, func.return, and the
 * scalar reducer functions (`@add_f32`) that reduce, reduce_window and all_reduce name. */
#include "BuilderInternal.h"
#include "Support/Alloc.h"

#include <stdio.h>
#include <stdlib.h>

static MlirLogicalResult checkTypes(DlcBuilder b, const char *what, intptr_t n,
                                    const MlirType *types) {
  for (intptr_t i = 0; i < n; ++i)
    if (mlirTypeIsNull(types[i]))
      return dlcBuilderError(b, "func.func", "%s type #%lld is null", what, (long long)i);
  return mlirLogicalResultSuccess();
}

MlirOperation dlcBuildFunc(DlcBuilder b, MlirModule module, MlirStringRef name, bool isPrivate,
                           intptr_t nArgs, const MlirType *argTypes, intptr_t nResults,
                           const MlirType *resultTypes) {
  MlirContext ctx = unwrap(b)->ctx;
  MlirLocation loc = unwrap(b)->loc;
  if (!mlirOperationIsNull(dlcLookupSymbol(mlirModuleGetOperation(module), name))) {
    dlcBuilderError(b, "func.func", "cannot be named @%.*s: the module already defines it",
                    (int)name.length, name.data);
    return (MlirOperation){NULL};
  }
  if (mlirLogicalResultIsFailure(checkTypes(b, "argument", nArgs, argTypes)) ||
      mlirLogicalResultIsFailure(checkTypes(b, "result", nResults, resultTypes)))
    return (MlirOperation){NULL};
  MlirLocation *argLocs = dlcAlloc(sizeof(MlirLocation) * (size_t)nArgs);
  for (intptr_t i = 0; i < nArgs; ++i)
    argLocs[i] = loc;
  MlirRegion body = mlirRegionCreate();
  mlirRegionAppendOwnedBlock(body, mlirBlockCreate(nArgs, argTypes, argLocs));
  free(argLocs);

  MlirType type = mlirFunctionTypeGet(ctx, nArgs, argTypes, nResults, resultTypes);
  MlirNamedAttribute attrs[] = {
      dlcNamedString(ctx, "sym_name", name),
      dlcNamedAttr(ctx, "function_type", mlirTypeAttrGet(type)),
      dlcNamedString(ctx, "sym_visibility", dlcStr("private")),
  };
  MlirOperationState state = mlirOperationStateGet(dlcStr("func.func"), loc);
  mlirOperationStateAddAttributes(&state, isPrivate ? 3 : 2, attrs);
  mlirOperationStateAddOwnedRegions(&state, 1, &body);
  MlirOperation func = mlirOperationCreate(&state);
  mlirBlockAppendOwnedOperation(mlirModuleGetBody(module), func);
  return func;
}

MlirBlock dlcFuncGetEntryBlock(MlirOperation func) {
  return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
}

MlirValue dlcFuncGetArgument(MlirOperation func, intptr_t index) {
  return mlirBlockGetArgument(dlcFuncGetEntryBlock(func), index);
}

/* func.return must return exactly the enclosing function's result types; checked here so
 * that the frontend hears of it at the return, not at the next dlcVerify. */
static MlirLogicalResult checkReturnTypes(DlcBuilder b, intptr_t n, const MlirValue *values) {
  MlirBlock block = unwrap(b)->block;
  if (!mlirOperationIsNull(mlirBlockGetTerminator(block)))
    return dlcBuilderError(b, "func.return", "cannot end a block that already has a terminator");
  MlirOperation func = mlirBlockGetParentOperation(block);
  if (mlirOperationIsNull(func) ||
      !dlcStrEq(mlirIdentifierStr(mlirOperationGetName(func)), "func.func"))
    return mlirLogicalResultSuccess();
  MlirType type = dlcFuncType(func);
  if (mlirFunctionTypeGetNumResults(type) != n)
    return dlcBuilderError(b, "func.return", "has %lld operands, but the function returns %lld",
                           (long long)n, (long long)mlirFunctionTypeGetNumResults(type));
  for (intptr_t i = 0; i < n; ++i) {
    MlirType have = mlirValueGetType(values[i]), want = mlirFunctionTypeGetResult(type, i);
    char a[256], c[256];
    if (!mlirTypeEqual(have, want))
      return dlcBuilderError(b, "func.return",
                             "operand #%lld has type %s, but the function "
                             "returns %s",
                             (long long)i, dlcTypeStr(have, a, sizeof a),
                             dlcTypeStr(want, c, sizeof c));
  }
  return mlirLogicalResultSuccess();
}

MlirOperation dlcBuildReturn(DlcBuilder b, intptr_t nValues, const MlirValue *values) {
  if (mlirLogicalResultIsFailure(dlcBuilderCheckOperands(b, "func.return", nValues, values)) ||
      mlirLogicalResultIsFailure(checkReturnTypes(b, nValues, values)))
    return (MlirOperation){NULL};
  MlirOperationState state = mlirOperationStateGet(dlcStr("func.return"), unwrap(b)->loc);
  mlirOperationStateAddOperands(&state, nValues, values);
  MlirOperation ret = mlirOperationCreate(&state);
  mlirBlockAppendOwnedOperation(unwrap(b)->block, ret);
  return ret;
}

static MlirStringRef symbolName(MlirOperation func) {
  return mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(func, mlirSymbolTableGetSymbolAttributeName()));
}

/* Builds `kind(%lhs, %rhs)` and the return in func's body; the frontend's insertion point
 * is kept. */
static MlirLogicalResult buildReducerBody(DlcBuilder b, MlirOperation func, DlcBinaryOpKind kind) {
  MlirBlock saved = unwrap(b)->block;
  dlcBuilderSetInsertionPointToEnd(b, dlcFuncGetEntryBlock(func));
  MlirValue result =
      dlcBuildBinary(b, kind, dlcFuncGetArgument(func, 0), dlcFuncGetArgument(func, 1));
  bool ok = !mlirValueIsNull(result) && !mlirOperationIsNull(dlcBuildReturn(b, 1, &result));
  dlcBuilderSetInsertionPointToEnd(b, saved);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}

MlirStringRef dlcBuildScalarReducer(DlcBuilder b, MlirModule module, MlirType elementType,
                                    DlcBinaryOpKind kind) {
  MlirStringRef none = {"", 0};
  const char *opName = dlcBinaryOpName(b, kind);
  if (!opName)
    return none;
  char type[64], name[96];
  if (mlirTypeIsNull(elementType) || !dlcIsSupportedElementType(elementType)) {
    dlcBuilderError(b, opName, "cannot make a reducer of element type %s",
                    mlirTypeIsNull(elementType) ? "<null>"
                                                : dlcTypeStr(elementType, type, sizeof type));
    return none;
  }
  snprintf(name, sizeof name, "%s_%s", opName + sizeof "dhlo." - 1,
           dlcTypeStr(elementType, type, sizeof type));
  MlirOperation func = dlcLookupSymbol(mlirModuleGetOperation(module), dlcStr(name));
  if (!mlirOperationIsNull(func))
    return symbolName(func);
  MlirType scalar = mlirRankedTensorTypeGet(0, NULL, elementType, mlirAttributeGetNull());
  MlirType params[] = {scalar, scalar};
  func = dlcBuildFunc(b, module, dlcStr(name), true, 2, params, 1, &scalar);
  if (mlirLogicalResultIsFailure(buildReducerBody(b, func, kind))) {
    mlirOperationDestroy(func);
    return none;
  }
  return symbolName(func);
}
