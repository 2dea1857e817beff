/* GpuEmulatorImage.c: `format=emulator` of dlc-gpu-module-to-binary. Each gpu.module,
 * lowered to the LLVM and NVVM dialects exactly as for PTX, becomes a gpu.binary whose
 * object is an image for dlc's CUDA emulator (dlc/CudaEmulator.h): every NVVM op becomes a
 * call of the emulator's ABI, the dynamic shared memory a call returning the launch's, the
 * kernels lose their NVVM attributes (NVVM's calling convention would not run on the
 * host), and the module's ops are printed as an MLIR module. So the kernels the emulator
 * runs are the PTX's, up to the NVVM ops. An NVVM op the emulator does not implement is a
 * located error. Everything built belongs to the module. */
#include "Conversion/Gpu.h"
#include "Support/Alloc.h"
#include "dlc/CudaEmulator.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/GPU.h"
#include "mlir-c/Dialect/LLVM.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ABI's functions, declared in every image. */
static const char *const declarations[] = {
    "llvm.func @dlcEmuSpecialRegister(i32) -> i32",
    "llvm.func @dlcEmuBarrier()",
    "llvm.func @dlcEmuShuffle(i32, i32, i32, i32, i32) -> i64",
    "llvm.func @dlcEmuPush(i32)",
    "llvm.func @dlcEmuResult(i32) -> i32",
    "llvm.func @dlcEmuWmmaLoad(i32, !llvm.ptr, i32)",
    "llvm.func @dlcEmuWmmaMma(i32)",
    "llvm.func @dlcEmuWmmaStore(i32, !llvm.ptr, i32)",
    "llvm.func @dlcEmuMmaSync(i32)",
    "llvm.func @dlcEmuDynamicSharedMemory() -> !llvm.ptr",
};

/* nvvm.read.ptx.sreg.<name>, in DlcEmuRegister's order. */
static const char *const registers[] = {"tid.x",    "tid.y",    "tid.z",    "ntid.x",   "ntid.y",
                                        "ntid.z",   "ctaid.x",  "ctaid.y",  "ctaid.z",  "nctaid.x",
                                        "nctaid.y", "nctaid.z", "laneid",   "warpsize"};

static MlirType i32Type(DlcBuilder *b) { return mlirIntegerTypeGet(b->ctx, 32); }

static MlirValue constant(DlcBuilder *b, MlirType type, int64_t value) {
  MlirNamedAttribute attr = dlcNamed(b->ctx, "value", mlirIntegerAttrGet(type, value));
  return dlcBuild(b, "llvm.mlir.constant", type, 0, NULL, 1, &attr);
}

/* llvm.call @callee(operands) with one result of `result`, or none where it is null. */
static MlirValue call(DlcBuilder *b, const char *callee, MlirType result, intptr_t numOperands,
                      const MlirValue *operands) {
  int32_t segments[] = {(int32_t)numOperands, 0};
  MlirNamedAttribute attrs[] = {
      dlcNamed(b->ctx, "callee", mlirFlatSymbolRefAttrGet(b->ctx, dlcStr(callee))),
      dlcNamed(b->ctx, "operandSegmentSizes", mlirDenseI32ArrayGet(b->ctx, 2, segments)),
      dlcNamed(b->ctx, "op_bundle_sizes", mlirDenseI32ArrayGet(b->ctx, 0, NULL)),
  };
  if (!mlirTypeIsNull(result))
    return dlcBuild(b, "llvm.call", result, numOperands, operands, 3, attrs);
  dlcBuildRegionOp(b, "llvm.call", 0, NULL, numOperands, operands, 3, attrs, 0, -1, NULL, NULL);
  return (MlirValue){NULL};
}

static MlirValue callWithCode(DlcBuilder *b, const char *callee, MlirType result, int32_t code) {
  MlirValue operand = constant(b, i32Type(b), code);
  return call(b, callee, result, 1, &operand);
}

/* `x` (i32, f32 or a pair of 16-bit floats) as the i32 of its bits, and back. */
static MlirValue toBits(DlcBuilder *b, MlirValue x) {
  MlirType type = mlirValueGetType(x);
  return mlirTypeEqual(type, i32Type(b)) ? x : dlcCast(b, "llvm.bitcast", x, i32Type(b));
}

static MlirValue fromBits(DlcBuilder *b, MlirValue bits, MlirType type) {
  return mlirTypeEqual(type, i32Type(b)) ? bits : dlcCast(b, "llvm.bitcast", bits, type);
}

static MlirValue insertValue(DlcBuilder *b, MlirValue container, MlirValue value, int64_t at) {
  MlirValue operands[] = {container, value};
  MlirNamedAttribute position = dlcNamed(b->ctx, "position", mlirDenseI64ArrayGet(b->ctx, 1, &at));
  return dlcBuild(b, "llvm.insertvalue", mlirValueGetType(container), 2, operands, 1, &position);
}

/* The result struct of a warp-wide matrix op, read back from the emulator register by
 * register. */
static MlirValue collectResults(DlcBuilder *b, MlirType structType) {
  MlirValue result = dlcBuild(b, "llvm.mlir.poison", structType, 0, NULL, 0, NULL);
  for (intptr_t i = 0; i < mlirLLVMStructTypeGetNumElementTypes(structType); ++i) {
    MlirValue bits = callWithCode(b, "dlcEmuResult", i32Type(b), (int32_t)i);
    result = insertValue(b, result, fromBits(b, bits, mlirLLVMStructTypeGetElementType(structType, i)), i);
  }
  return result;
}

static void pushOperands(DlcBuilder *b, MlirOperation op, intptr_t first, intptr_t end) {
  for (intptr_t i = first; i < end; ++i) {
    MlirValue bits = toBits(b, mlirOperationGetOperand(op, i));
    call(b, "dlcEmuPush", (MlirType){NULL}, 1, &bits);
  }
}

static MlirValue genericPointer(DlcBuilder *b, MlirValue ptr) {
  MlirType generic = mlirLLVMPointerTypeGet(b->ctx, 0);
  return mlirTypeEqual(mlirValueGetType(ptr), generic)
             ? ptr
             : dlcCast(b, "llvm.addrspacecast", ptr, generic);
}

/* An attribute's text (NVVM's enums have no C accessors). */
static bool attrIs(MlirOperation op, const char *name, const char *text) {
  MlirAttribute attr = mlirOperationGetAttributeByName(op, dlcStr(name));
  char buf[64];
  return !mlirAttributeIsNull(attr) && dlcAttributeText(attr, buf, sizeof buf) &&
         strstr(buf, text) != NULL;
}

static int64_t intAttr(MlirOperation op, const char *name) {
  MlirAttribute attr = mlirOperationGetAttributeByName(op, dlcStr(name));
  return mlirAttributeIsNull(attr) || !mlirAttributeIsAInteger(attr) ? -1
                                                                      : mlirIntegerAttrGetValueInt(attr);
}

static int matrixType(MlirOperation op, const char *name) {
  return attrIs(op, name, "<f16>") ? DlcEmuF16 : attrIs(op, name, "<bf16>") ? DlcEmuBF16
         : attrIs(op, name, "<f32>")                                        ? DlcEmuF32
                                                                            : -1;
}

static bool isM16N16K16(MlirOperation op) {
  return intAttr(op, "m") == 16 && intAttr(op, "n") == 16 && intAttr(op, "k") == 16;
}

/* The WMMA code of a load or store (DLC_EMU_WMMA_CODE), -1 where unsupported. */
static int wmmaCode(MlirOperation op) {
  int frag = attrIs(op, "frag", "<a>") ? 0 : attrIs(op, "frag", "<b>") ? 1 : 2;
  int type = matrixType(op, "eltype");
  if (!isM16N16K16(op) || type < 0 || (frag < 2) != (type != DlcEmuF32))
    return -1;
  return DLC_EMU_WMMA_CODE(frag, attrIs(op, "layout", "<col>") ? 1 : 0, type);
}

static const char *const shuffleKinds[] = {"up", "down", "bfly", "idx"};

/* shfl.sync: the value through its bits, with the validity bit where the op returns it. */
static MlirValue shuffle(DlcBuilder *b, MlirOperation op) {
  int kind = -1;
  for (int i = 0; i < 4; ++i)
    if (attrIs(op, "kind", shuffleKinds[i]))
      kind = i;
  MlirValue value = mlirOperationGetOperand(op, 1);
  MlirType valueType = mlirValueGetType(value), i64 = mlirIntegerTypeGet(b->ctx, 64);
  if (kind < 0 || (!mlirTypeIsAF32(valueType) && !mlirTypeEqual(valueType, i32Type(b))))
    return (MlirValue){NULL};
  MlirValue operands[] = {constant(b, i32Type(b), kind), mlirOperationGetOperand(op, 0),
                          toBits(b, value), mlirOperationGetOperand(op, 2),
                          mlirOperationGetOperand(op, 3)};
  MlirValue packed = call(b, "dlcEmuShuffle", i64, 5, operands);
  MlirValue result = fromBits(b, dlcCast(b, "llvm.trunc", packed, i32Type(b)), valueType);
  MlirType resultType = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!mlirTypeIsALLVMStructType(resultType))
    return result;
  MlirValue high = dlcBuild(b, "llvm.lshr", i64, 2, (MlirValue[]){packed, constant(b, i64, 32)},
                            0, NULL);
  MlirValue valid = dlcCast(b, "llvm.trunc", high, mlirIntegerTypeGet(b->ctx, 1));
  MlirValue pair = dlcBuild(b, "llvm.mlir.poison", resultType, 0, NULL, 0, NULL);
  return insertValue(b, insertValue(b, pair, result, 0), valid, 1);
}

static bool isDynamicSharedMemory(MlirOperation op) {
  MlirAttribute name = mlirOperationGetAttributeByName(op, dlcStr("global_name"));
  MlirStringRef symbol = mlirFlatSymbolRefAttrGetValue(name);
  return symbol.length >= 17 && !strncmp(symbol.data, "__dynamic_shmem__", 17);
}

/* The replacement of `op` built where `b` builds; null for an op left alone (`*handled`
 * false) or one the emulator cannot run (`*handled` true). */
static MlirValue replacement(DlcBuilder *b, MlirOperation op, bool *handled) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  *handled = true;
  const char *sreg = "nvvm.read.ptx.sreg.";
  if (name.length > strlen(sreg) && !strncmp(name.data, sreg, strlen(sreg))) {
    for (int i = 0; i < (int)(sizeof registers / sizeof *registers); ++i)
      if (name.length == strlen(sreg) + strlen(registers[i]) &&
          !strncmp(name.data + strlen(sreg), registers[i], strlen(registers[i])))
        return callWithCode(b, "dlcEmuSpecialRegister", i32Type(b), i);
    return (MlirValue){NULL};
  }
  if (dlcOpIsA(op, "llvm.mlir.addressof")) {
    *handled = isDynamicSharedMemory(op);
    if (!*handled)
      return (MlirValue){NULL};
    MlirValue memory =
        call(b, "dlcEmuDynamicSharedMemory", mlirLLVMPointerTypeGet(b->ctx, 0), 0, NULL);
    return dlcCast(b, "llvm.addrspacecast", memory, mlirValueGetType(mlirOperationGetResult(op, 0)));
  }
  if (dlcOpIsA(op, "nvvm.shfl.sync"))
    return shuffle(b, op);
  MlirType result = mlirOperationGetNumResults(op) == 1
                        ? mlirValueGetType(mlirOperationGetResult(op, 0))
                        : (MlirType){NULL};
  intptr_t numOperands = mlirOperationGetNumOperands(op);
  if (dlcOpIsA(op, "nvvm.wmma.load") && wmmaCode(op) >= 0) {
    MlirValue operands[] = {constant(b, i32Type(b), wmmaCode(op)),
                            genericPointer(b, mlirOperationGetOperand(op, 0)),
                            mlirOperationGetOperand(op, 1)};
    call(b, "dlcEmuWmmaLoad", (MlirType){NULL}, 3, operands);
    return collectResults(b, result);
  }
  if (dlcOpIsA(op, "nvvm.wmma.store") && wmmaCode(op) >= 0) {
    pushOperands(b, op, 1, numOperands - 1);
    MlirValue operands[] = {constant(b, i32Type(b), wmmaCode(op)),
                            genericPointer(b, mlirOperationGetOperand(op, 0)),
                            mlirOperationGetOperand(op, numOperands - 1)};
    call(b, "dlcEmuWmmaStore", (MlirType){NULL}, 3, operands);
    return (MlirValue){NULL};
  }
  int abType = matrixType(op, dlcOpIsA(op, "nvvm.wmma.mma") ? "eltypeA" : "multiplicandAPtxType");
  if (dlcOpIsA(op, "nvvm.wmma.mma") && isM16N16K16(op) && abType != DlcEmuF32 && abType >= 0 &&
      matrixType(op, "eltypeB") == DlcEmuF32) {
    pushOperands(b, op, 0, numOperands);
    callWithCode(b, "dlcEmuWmmaMma", (MlirType){NULL}, abType | DlcEmuF32 << 4);
    return collectResults(b, result);
  }
  if (dlcOpIsA(op, "nvvm.mma.sync") && attrIs(op, "shape", "m = 16, n = 8, k = 16") &&
      (abType == DlcEmuF16 || abType == DlcEmuBF16) && attrIs(op, "layoutA", "<row>") &&
      attrIs(op, "layoutB", "<col>") && numOperands == 10 &&
      mlirTypeIsAF32(mlirValueGetType(mlirOperationGetOperand(op, 6)))) {
    pushOperands(b, op, 0, numOperands);
    callWithCode(b, "dlcEmuMmaSync", (MlirType){NULL}, abType);
    return collectResults(b, result);
  }
  if ((dlcOpIsA(op, "nvvm.barrier0") || dlcOpIsA(op, "nvvm.barrier")) && numOperands == 0) {
    call(b, "dlcEmuBarrier", (MlirType){NULL}, 0, NULL);
    return (MlirValue){NULL};
  }
  *handled = name.length > 5 && !strncmp(name.data, "nvvm.", 5);
  return (MlirValue){NULL};
}

static MlirWalkResult collect(MlirOperation op, void *userData) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if ((name.length > 5 && !strncmp(name.data, "nvvm.", 5)) || dlcOpIsA(op, "llvm.mlir.addressof"))
    dlcOpsPush(userData, op);
  return MlirWalkResultAdvance;
}

/* Replaces the NVVM ops of `gpuModule`; false after a located error. */
static bool replaceNvvmOps(MlirRewriterBase rewriter, MlirOperation gpuModule) {
  DlcOps found = {0};
  mlirOperationWalk(gpuModule, collect, &found, MlirWalkPostOrder);
  bool ok = true;
  for (size_t i = 0; i < found.count && ok; ++i) {
    MlirOperation op = found.ops[i];
    DlcBuilder b = {mlirOperationGetContext(op), mlirOperationGetLocation(op), rewriter,
                    {NULL}};
    mlirRewriterBaseSetInsertionPointBefore(rewriter, op);
    bool handled;
    MlirValue value = replacement(&b, op, &handled);
    bool hasResult = mlirOperationGetNumResults(op) > 0;
    if (handled && (mlirValueIsNull(value) == hasResult)) {
      char message[160];
      MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
      snprintf(message, sizeof message,
               "dlc's CUDA emulator cannot run '%.*s' with these operands and attributes",
               (int)name.length, name.data);
      mlirEmitError(b.loc, message);
      ok = false;
    } else if (handled && hasResult) {
      mlirRewriterBaseReplaceOpWithValues(rewriter, op, 1, &value);
    } else if (handled) {
      mlirRewriterBaseEraseOp(rewriter, op);
    }
  }
  free(found.ops);
  return ok;
}

/* Drops the kernels' nvvm.* and gpu.* attributes, and the dynamic shared memory globals
 * no op reads any more. */
static void dropTargetAttributes(MlirRewriterBase rewriter, MlirBlock body) {
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    MlirAttribute name = mlirOperationGetAttributeByName(op, dlcStr("sym_name"));
    if (dlcOpIsA(op, "llvm.mlir.global") && !mlirAttributeIsNull(name) &&
        !strncmp(mlirStringAttrGetValue(name).data, "__dynamic_shmem__", 17)) {
      mlirRewriterBaseEraseOp(rewriter, op);
    } else if (dlcOpIsA(op, "llvm.func")) {
      for (intptr_t i = mlirOperationGetNumDiscardableAttributes(op) - 1; i >= 0; --i) {
        MlirStringRef attr = mlirIdentifierStr(mlirOperationGetDiscardableAttribute(op, i).name);
        if ((attr.length > 5 && !strncmp(attr.data, "nvvm.", 5)) ||
            (attr.length > 4 && !strncmp(attr.data, "gpu.", 4)))
          mlirOperationRemoveDiscardableAttributeByName(op, attr);
      }
    }
    op = next;
  }
}

typedef struct Text {
  char *data;
  size_t length;
} Text;

static void appendText(MlirStringRef piece, void *userData) {
  Text *t = userData;
  t->data = dlcRealloc(t->data, t->length + piece.length + 1);
  memcpy(t->data + t->length, piece.data, piece.length);
  t->length += piece.length;
}

/* The image: the header line, then a module holding clones of the body's ops. */
static Text imageText(MlirContext ctx, MlirBlock body) {
  MlirModule image = mlirModuleCreateEmpty(mlirLocationUnknownGet(ctx));
  MlirBlock imageBody = mlirModuleGetBody(image);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    mlirBlockAppendOwnedOperation(imageBody, mlirOperationClone(op));
  Text module = {NULL, 0};
  mlirOperationPrint(mlirModuleGetOperation(image), appendText, &module);
  mlirModuleDestroy(image);
  char header[64];
  int headerLength = snprintf(header, sizeof header, "%s%zu\n", DLC_EMU_IMAGE_HEADER, module.length);
  Text text = {dlcAlloc(module.length + (size_t)headerLength), module.length + (size_t)headerLength};
  memcpy(text.data, header, (size_t)headerLength);
  memcpy(text.data + headerLength, module.data, module.length);
  free(module.data);
  return text;
}

static bool emulateModule(MlirRewriterBase rewriter, MlirOperation gpuModule) {
  MlirContext ctx = mlirOperationGetContext(gpuModule);
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(gpuModule, 0));
  if (!replaceNvvmOps(rewriter, gpuModule))
    return false;
  dropTargetAttributes(rewriter, body);
  MlirOperation first = mlirBlockGetFirstOperation(body);
  for (size_t i = 0; i < sizeof declarations / sizeof *declarations; ++i) {
    MlirOperation decl = mlirOperationCreateParse(ctx, dlcStr(declarations[i]), dlcStr("emulator"));
    mlirBlockInsertOwnedOperationBefore(body, first, decl);
  }
  Text text = imageText(ctx, body);
  MlirAttribute target =
      mlirArrayAttrGetElement(mlirOperationGetAttributeByName(gpuModule, dlcStr("targets")), 0);
  enum { BinaryFormat = 3 }; /* gpu::CompilationTarget::Binary: loaded by mgpuModuleLoad */
  MlirAttribute object = mlirGPUObjectAttrGet(ctx, target, BinaryFormat,
                                              (MlirStringRef){text.data, text.length},
                                              (MlirAttribute){NULL});
  free(text.data);
  MlirOperationState state =
      mlirOperationStateGet(dlcStr("gpu.binary"), mlirOperationGetLocation(gpuModule));
  MlirNamedAttribute attrs[] = {
      dlcNamed(ctx, "sym_name", mlirOperationGetAttributeByName(gpuModule, dlcStr("sym_name"))),
      dlcNamed(ctx, "objects", mlirArrayAttrGet(ctx, 1, &object)),
      /* The printer needs it; upstream's builder sets this default. */
      dlcNamed(ctx, "offloadingHandler", mlirAttributeParseGet(ctx, dlcStr("#gpu.select_object"))),
  };
  mlirOperationStateAddAttributes(&state, 3, attrs);
  MlirOperation binary = mlirOperationCreate(&state);
  mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(gpuModule), gpuModule, binary);
  mlirRewriterBaseEraseOp(rewriter, gpuModule);
  return true;
}

MlirLogicalResult dlcSerializeForEmulator(MlirOperation module) {
  DlcOps gpuModules = {0};
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (dlcOpIsA(op, "gpu.module"))
      dlcOpsPush(&gpuModules, op);
  MlirRewriterBase rewriter = mlirIRRewriterCreate(mlirOperationGetContext(module));
  bool ok = true;
  for (size_t i = 0; i < gpuModules.count && ok; ++i)
    ok = emulateModule(rewriter, gpuModules.ops[i]);
  mlirIRRewriterDestroy(rewriter);
  free(gpuModules.ops);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}
