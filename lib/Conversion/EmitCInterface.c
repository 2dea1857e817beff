/* EmitCInterface.c: `dlc-emit-c-interface` marks every public func.func with the unit
 * attribute `llvm.emit_c_interface`, so that LLVM lowering also emits `_mlir_ciface_<name>`,
 * which takes memrefs as pointers to descriptors: the form mlirExecutionEngineInvokePacked
 * calls and C code links against. Private functions are internal and left alone. */
#include "Transforms/PassRegistry.h"

#include "mlir-c/BuiltinAttributes.h"

static MlirWalkResult markPublic(MlirOperation op, void *userData) {
  if (!mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr("func.func")))
    return MlirWalkResultAdvance;
  MlirAttribute visibility =
      mlirOperationGetAttributeByName(op, mlirSymbolTableGetVisibilityAttributeName());
  bool isPrivate = !mlirAttributeIsNull(visibility) && mlirAttributeIsAString(visibility) &&
                   mlirStringRefEqual(mlirStringAttrGetValue(visibility), dlcStr("private"));
  /* An external declaration has no body to wrap. */
  bool isDeclaration = mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0)));
  if (!isPrivate && !isDeclaration)
    mlirOperationSetAttributeByName(op, dlcStr("llvm.emit_c_interface"),
                                    mlirUnitAttrGet(mlirOperationGetContext(op)));
  return MlirWalkResultSkip;
}

static void runEmitCInterface(MlirOperation op, MlirExternalPass pass,
                              const DlcPassOptionValue *options) {
  mlirOperationWalk(op, markPublic, NULL, MlirWalkPreOrder);
}

const DlcPassDef dlcEmitCInterfacePass = {
    .info = {.argument = "dlc-emit-c-interface",
             .summary = "Mark public functions llvm.emit_c_interface (C and JIT entry points)",
             .anchor = "builtin.module", .numOptions = 0, .options = NULL},
    .run = runEmitCInterface,
};
