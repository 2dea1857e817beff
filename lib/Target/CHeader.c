/* CHeader.c: the C header of an entry point compiled ahead of time. It is made from the
 * signature the entry had before lowering (the LLVM dialect has lost the tensor types):
 * the memref descriptor structs DlcMemRef<rank>, the `_mlir_ciface_<entry>` prototype that
 * `llvm.emit_c_interface` makes the lowering emit, and `<entry>_run`, an inline wrapper that
 * describes the caller's row-major buffers, calls the entry, copies each result into the
 * caller's output buffer and frees the result buffers the compiled code malloc'ed (each once,
 * and never one that is an input's buffer or a constant's global). The generated text says what it
 * owns; docs/dlc-translate.md shows an example. Inputs are not const: One-Shot Bufferize treats
 * arguments as writable, so compiled code may update an input's buffer in place.
 * Descriptor pointers are untyped (`void *`), so one struct per rank serves every element
 * type and headers of several entries can be included together (each struct is guarded).
 * Layout encodings are ignored: dlc's lowering passes every argument and result row-major.
 * Ownership: nothing is kept; the text goes to the caller's callback as it is written. */
#include "dlc/Reference.h"
#include "dlc/Translate.h"

#include "Dialects/OpRules.h"
#include "Support/Alloc.h"
#include "Support/Format.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Writer {
  MlirStringCallback callback;
  void *userData;
  bool gpu; /* the entry takes and returns device memory (dlcEmitGpuCHeader) */
} Writer;

#define emit(w, ...) dlcFormat((w)->callback, (w)->userData, __VA_ARGS__)

static void emitType(Writer *w, MlirType type) { mlirTypePrint(type, w->callback, w->userData); }

/* ---- The signature ------------------------------------------------------------------- */

/// One argument or result as the header sees it.
typedef struct Value {
  MlirType type;
  const char *cType; /* element type in C */
  intptr_t rank;
  int64_t dims[DLC_MAX_RANK];
  int64_t numElements;
} Value;

typedef struct Signature {
  char *entry; /* NUL-terminated copy */
  intptr_t numInputs, numResults;
  Value *values; /* inputs, then results */
} Signature;

static const char *cElementType(DlcElementType type) {
  switch (type) {
  case DlcElementF16:
  case DlcElementBF16:
  case DlcElementUI16:
    return "uint16_t";
  case DlcElementF32:
    return "float";
  case DlcElementF64:
    return "double";
  case DlcElementI1:
  case DlcElementUI8:
    return "uint8_t";
  case DlcElementI8:
    return "int8_t";
  case DlcElementI16:
    return "int16_t";
  case DlcElementI32:
    return "int32_t";
  case DlcElementI64:
    return "int64_t";
  case DlcElementUI32:
    return "uint32_t";
  case DlcElementUI64:
    return "uint64_t";
  }
  return NULL;
}

static bool isCIdentifier(const char *s) {
  if (!*s || isdigit((unsigned char)*s))
    return false;
  for (; *s; ++s)
    if (!isalnum((unsigned char)*s) && *s != '_')
      return false;
  return true;
}

/* Reads `type` into `v`, or explains at `loc` why the header cannot pass it. */
static bool readValue(MlirType type, const char *what, intptr_t index, MlirLocation loc, Value *v) {
  const char *need = NULL;
  DlcElementType element;
  bool shaped = mlirTypeIsARankedTensor(type) || mlirTypeIsAMemRef(type);
  if (!shaped)
    need = "a ranked tensor or memref";
  else if (!mlirShapedTypeHasStaticShape(type))
    need = "a static shape";
  else if (mlirShapedTypeGetRank(type) > DLC_MAX_RANK)
    need = "a rank of at most 16";
  else if (mlirTypeIsAMemRef(type) && !mlirAffineMapIsIdentity(mlirMemRefTypeGetAffineMap(type)))
    need = "the identity memref layout";
  else if (!dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(type), &element))
    need = "one of dlc's element types";
  if (need) {
    char text[256], message[512];
    snprintf(message, sizeof message,
             "cannot emit a C header: %s %" PRIdPTR " has type %s; the header needs %s", what,
             index, dlcTypeStr(type, text, sizeof text), need);
    mlirEmitError(loc, message);
    return false;
  }
  *v = (Value){.type = type, .cType = cElementType(element), .numElements = 1};
  v->rank = mlirShapedTypeGetRank(type);
  for (intptr_t d = 0; d < v->rank; ++d) {
    v->dims[d] = mlirShapedTypeGetDimSize(type, d);
    v->numElements *= v->dims[d];
  }
  return true;
}

static bool readSignature(MlirType functionType, MlirStringRef entry, MlirLocation loc,
                          Signature *sig) {
  *sig = (Signature){.entry = dlcStrndup(entry.data, entry.length)};
  if (!mlirTypeIsAFunction(functionType)) {
    mlirEmitError(loc, "cannot emit a C header: the entry's type is not a function type");
    return false;
  }
  if (!isCIdentifier(sig->entry) || strlen(sig->entry) != entry.length) {
    char message[256];
    snprintf(message, sizeof message,
             "cannot emit a C header: entry name '%.100s' is not a C identifier", sig->entry);
    mlirEmitError(loc, message);
    return false;
  }
  sig->numInputs = mlirFunctionTypeGetNumInputs(functionType);
  sig->numResults = mlirFunctionTypeGetNumResults(functionType);
  sig->values = dlcAllocZeroed((size_t)(sig->numInputs + sig->numResults) + 1, sizeof(Value));
  for (intptr_t i = 0; i < sig->numInputs; ++i)
    if (!readValue(mlirFunctionTypeGetInput(functionType, i), "input", i, loc, &sig->values[i]))
      return false;
  for (intptr_t i = 0; i < sig->numResults; ++i)
    if (!readValue(mlirFunctionTypeGetResult(functionType, i), "result", i, loc,
                   &sig->values[sig->numInputs + i]))
      return false;
  return true;
}

static void freeSignature(Signature *sig) {
  free(sig->entry);
  free(sig->values);
}

/* ---- The header ------------------------------------------------------------------------ */

static const char descriptorComment[] =
    "/* A memref descriptor of rank R, as MLIR's LLVM lowering passes memrefs: element\n"
    " * [i0]...[iR-1] lies at ((T *)aligned)[offset + i0 * strides[0] + ...]; `allocated` is\n"
    " * what malloc returned (what free takes). Pointers are untyped, so one struct serves\n"
    " * every element type T. Each is guarded so that headers of several entries combine. */\n";

static void emitDescriptor(Writer *w, intptr_t rank) {
  emit(w, "#ifndef DLC_MEMREF%" PRIdPTR "_DEFINED\n#define DLC_MEMREF%" PRIdPTR "_DEFINED\n", rank,
       rank);
  emit(w,
       "typedef struct DlcMemRef%" PRIdPTR " {\n  void *allocated;\n  void *aligned;\n"
       "  int64_t offset;\n",
       rank);
  if (rank)
    emit(w, "  int64_t sizes[%" PRIdPTR "];\n  int64_t strides[%" PRIdPTR "];\n", rank, rank);
  emit(w, "} DlcMemRef%" PRIdPTR ";\n#endif\n\n", rank);
}

static const char supportFunctions[] =
    "#ifndef DLC_AOT_SUPPORT_DEFINED\n"
    "#define DLC_AOT_SUPPORT_DEFINED\n"
    "/* Copies the elements a descriptor shows (any offset and strides) into `out`, row-major. */\n"
    "static inline void dlcAotCopyOut(const void *aligned, int64_t offset, int rank,\n"
    "                                 const int64_t *sizes, const int64_t *strides,\n"
    "                                 size_t elementSize, void *out) {\n"
    "  int64_t count = 1, dense = 1, index[16] = {0};\n"
    "  int contiguous = 1;\n"
    "  for (int d = rank - 1; d >= 0; --d) {\n"
    "    contiguous &= sizes[d] == 1 || strides[d] == dense;\n"
    "    dense *= sizes[d];\n"
    "    count *= sizes[d];\n"
    "  }\n"
    "  const char *base = (const char *)aligned + offset * (int64_t)elementSize;\n"
    "  if (contiguous) {\n"
    "    if (count)\n"
    "      memmove(out, base, (size_t)count * elementSize);\n"
    "    return;\n"
    "  }\n"
    "  for (int64_t n = 0; n < count; ++n) {\n"
    "    int64_t at = 0;\n"
    "    for (int d = 0; d < rank; ++d)\n"
    "      at += index[d] * strides[d];\n"
    "    memcpy((char *)out + (size_t)n * elementSize, base + at * (int64_t)elementSize,\n"
    "           elementSize);\n"
    "    for (int d = rank - 1; d >= 0 && ++index[d] == sizes[d]; --d)\n"
    "      index[d] = 0;\n"
    "  }\n"
    "}\n\n"
    "/* Frees (with `release`) each result buffer once, and none that is an input's buffer\n"
    " * or a constant's global (MLIR gives a memref.get_global the allocated pointer\n"
    " * 0xdeadbeef). Buffer deallocation copies such results into new buffers; this guards\n"
    " * the rest. */\n"
    "static inline void dlcAotFreeResults(void *const *results, int numResults,\n"
    "                                     const void *const *inputs, int numInputs,\n"
    "                                     void (*release)(void *)) {\n"
    "  for (int i = 0; i < numResults; ++i) {\n"
    "    int borrowed = (uintptr_t)results[i] == (uintptr_t)0xdeadbeef;\n"
    "    for (int j = 0; j < numInputs; ++j)\n"
    "      borrowed |= results[i] == inputs[j];\n"
    "    for (int j = 0; j < i; ++j)\n"
    "      borrowed |= results[i] == results[j];\n"
    "    if (!borrowed)\n"
    "      release(results[i]);\n"
    "  }\n"
    "}\n"
    "#endif\n\n";

static const char gpuSupportFunctions[] =
    "#ifndef DLC_AOT_GPU_SUPPORT_DEFINED\n"
    "#define DLC_AOT_GPU_SUPPORT_DEFINED\n"
    "/* A new device buffer holding `bytes` of `host`; NULL after a runtime error. */\n"
    "static inline void *dlcAotToDevice(const void *host, size_t bytes) {\n"
    "  void *device = dlcCudaAlloc(bytes);\n"
    "  dlcCudaCopyToDevice(device, host, bytes);\n"
    "  return device;\n"
    "}\n\n"
    "/* dlcAotCopyOut from device memory: the elements the descriptor reaches are staged\n"
    " * on the host first. 0, or -1 after a runtime error. */\n"
    "static inline int dlcAotCopyOutDevice(const void *aligned, int64_t offset, int rank,\n"
    "                                      const int64_t *sizes, const int64_t *strides,\n"
    "                                      size_t elementSize, void *out) {\n"
    "  int64_t last = offset;\n"
    "  for (int d = 0; d < rank; ++d) {\n"
    "    if (!sizes[d])\n"
    "      return 0;\n"
    "    last += (sizes[d] - 1) * strides[d];\n"
    "  }\n"
    "  size_t bytes = (size_t)(last + 1) * elementSize;\n"
    "  void *staged = malloc(bytes);\n"
    "  int ok = staged && dlcCudaResultIsSuccess(dlcCudaCopyToHost(staged, aligned, bytes));\n"
    "  if (ok)\n"
    "    dlcAotCopyOut(staged, offset, rank, sizes, strides, elementSize, out);\n"
    "  free(staged);\n"
    "  return ok ? 0 : -1;\n"
    "}\n"
    "#endif\n\n";

/* Between the parameters of a declaration: one a line. */
static const char ParamSep[] = ",\n    ";

/* "float[8][64]" */
static void emitArrayType(Writer *w, const Value *v) {
  emit(w, "%s", v->cType);
  if (!v->rank)
    emit(w, "[1]");
  for (intptr_t d = 0; d < v->rank; ++d)
    emit(w, "[%" PRId64 "]", v->dims[d]);
}

/* Where result `i` lies after the call: "r0" or "r.r1". */
static void resultName(const Signature *sig, intptr_t i, char *buf, size_t size) {
  snprintf(buf, size, sig->numResults > 1 ? "r.r%" PRIdPTR : "r%" PRIdPTR, i);
}

static void emitPrototype(Writer *w, const Signature *sig) {
  emit(w, "/* The compiled entry point:");
  for (intptr_t i = 0; i < sig->numInputs + sig->numResults; ++i) {
    bool input = i < sig->numInputs;
    emit(w, "\n *   %s%" PRIdPTR ": ", input ? "in" : "result ", input ? i : i - sig->numInputs);
    emitType(w, sig->values[i].type);
  }
  emit(w, " */\n");
  if (sig->numResults > 1) {
    emit(w, "typedef struct %s_results {\n", sig->entry);
    for (intptr_t i = 0; i < sig->numResults; ++i)
      emit(w, "  DlcMemRef%" PRIdPTR " r%" PRIdPTR ";\n", sig->values[sig->numInputs + i].rank, i);
    emit(w, "} %s_results;\n", sig->entry);
  }
  emit(w, "void _mlir_ciface_%s(", sig->entry);
  const char *sep = "";
  if (sig->numResults == 1)
    emit(w, "DlcMemRef%" PRIdPTR " *result", sig->values[sig->numInputs].rank);
  else if (sig->numResults > 1)
    emit(w, "%s_results *results", sig->entry);
  if (sig->numResults)
    sep = ParamSep;
  for (intptr_t i = 0; i < sig->numInputs; ++i, sep = ParamSep)
    emit(w, "%sDlcMemRef%" PRIdPTR " *in%" PRIdPTR, sep, sig->values[i].rank, i);
  emit(w, "%s);\n\n", sig->numInputs + sig->numResults ? "" : "void");
}

static void emitRunComment(Writer *w, const Signature *sig) {
  emit(w, "/* %s on row-major buffers:", sig->entry);
  for (intptr_t i = 0; i < sig->numInputs + sig->numResults; ++i) {
    bool input = i < sig->numInputs;
    emit(w, "\n *   %s%" PRIdPTR ": ", input ? "in" : "out", input ? i : i - sig->numInputs);
    emitArrayType(w, &sig->values[i]);
  }
  emit(w, " */\n");
}

/* The descriptor of input `i` over its buffer: the caller's (`in`), or on the GPU its
 * device copy (`d`). */
static void emitDescribeInput(Writer *w, const Value *v, intptr_t i) {
  const char *p = w->gpu ? "d" : "in";
  emit(w, "  DlcMemRef%" PRIdPTR " a%" PRIdPTR " = {%s%" PRIdPTR ", %s%" PRIdPTR ", 0", v->rank, i,
       p, i, p, i);
  if (v->rank) {
    const char *sep = ", {";
    for (intptr_t d = 0; d < v->rank; ++d, sep = ", ")
      emit(w, "%s%" PRId64, sep, v->dims[d]);
    emit(w, "}");
    int64_t strides[DLC_MAX_RANK], stride = 1;
    for (intptr_t d = v->rank - 1; d >= 0; --d) {
      strides[d] = stride;
      stride *= v->dims[d];
    }
    sep = ", {";
    for (intptr_t d = 0; d < v->rank; ++d, sep = ", ")
      emit(w, "%s%" PRId64, sep, strides[d]);
    emit(w, "}");
  }
  emit(w, "};\n");
}

static void emitRun(Writer *w, const Signature *sig) {
  emitRunComment(w, sig);
  emit(w, "static inline int %s_run(", sig->entry);
  const char *sep = "";
  for (intptr_t i = 0; i < sig->numInputs + sig->numResults; ++i, sep = ParamSep) {
    bool input = i < sig->numInputs;
    emit(w, "%s%s *%s%" PRIdPTR, sep, sig->values[i].cType, input ? "in" : "out",
         input ? i : i - sig->numInputs);
  }
  emit(w, "%s) {\n", sig->numInputs + sig->numResults ? "" : "void");
  /* On the GPU: no call without a runtime; inputs are copied to device buffers first. */
  if (w->gpu)
    emit(w, "  if (!dlcCudaResultIsSuccess(dlcCudaRuntimeInit()))\n    return -1;\n");
  for (intptr_t i = 0; w->gpu && i < sig->numInputs; ++i)
    emit(w, "  void *d%" PRIdPTR " = dlcAotToDevice(in%" PRIdPTR ", sizeof(%s) * %" PRId64 ");\n", i,
         i, sig->values[i].cType, sig->values[i].numElements);
  for (intptr_t i = 0; i < sig->numInputs; ++i)
    emitDescribeInput(w, &sig->values[i], i);
  /* Compiled code that meets a runtime error returns without filling its results. */
  const char *zeroed = w->gpu ? " = {0}" : "";
  if (sig->numResults == 1)
    emit(w, "  DlcMemRef%" PRIdPTR " r0%s;\n", sig->values[sig->numInputs].rank, zeroed);
  else if (sig->numResults > 1)
    emit(w, "  %s_results r%s;\n", sig->entry, zeroed);
  emit(w, "  _mlir_ciface_%s(", sig->entry);
  sep = sig->numResults ? (sig->numResults == 1 ? "&r0" : "&r") : "";
  emit(w, "%s", sep);
  for (intptr_t i = 0; i < sig->numInputs; ++i)
    emit(w, "%s&a%" PRIdPTR, i || sig->numResults ? ", " : "", i);
  emit(w, ");\n  int status = 0;\n");
  if (w->gpu)
    emit(w, "  if (!dlcCudaResultIsSuccess(dlcCudaSynchronize()))\n    status = -1;\n");
  char name[32];
  for (intptr_t i = 0; i < sig->numResults; ++i) {
    const Value *v = &sig->values[sig->numInputs + i];
    resultName(sig, i, name, sizeof name);
    if (w->gpu)
      emit(w, "  if (status || !%s.aligned)\n    status = -1;\n  else\n    status = ", name);
    else if (v->numElements)
      emit(w, "  if (!%s.aligned)\n    status = -1;\n  else\n    ", name);
    else
      emit(w, "  ");
    emit(w,
         "dlcAotCopyOut%s(%s.aligned, %s.offset, %" PRIdPTR ", %s%s, %s%s, sizeof(%s), out%" PRIdPTR
         ");\n",
         w->gpu ? "Device" : "", name, name, v->rank, v->rank ? name : "NULL",
         v->rank ? ".sizes" : "", v->rank ? name : "NULL", v->rank ? ".strides" : "", v->cType, i);
  }
  if (sig->numResults) {
    emit(w, "  void *results[] = {");
    for (intptr_t i = 0; i < sig->numResults; ++i) {
      resultName(sig, i, name, sizeof name);
      emit(w, "%s%s.allocated", i ? ", " : "", name);
    }
    emit(w, "};\n");
    if (sig->numInputs) {
      emit(w, "  const void *inputs[] = {");
      for (intptr_t i = 0; i < sig->numInputs; ++i)
        emit(w, "%s%s%" PRIdPTR, i ? ", " : "", w->gpu ? "d" : "in", i);
      emit(w, "};\n");
    }
    emit(w, "  dlcAotFreeResults(results, %" PRIdPTR ", %s, %" PRIdPTR ", %s);\n", sig->numResults,
         sig->numInputs ? "inputs" : "NULL", sig->numInputs, w->gpu ? "dlcCudaFree" : "free");
  }
  for (intptr_t i = 0; w->gpu && i < sig->numInputs; ++i)
    emit(w, "  dlcCudaFree(d%" PRIdPTR ");\n", i);
  emit(w, "  return status;\n}\n\n");
}

static void emitHeader(Writer *w, const Signature *sig) {
  char guard[160];
  size_t n = (size_t)snprintf(guard, sizeof guard, "DLC_ENTRY_%s_H", sig->entry);
  for (size_t i = 0; i < n && i < sizeof guard; ++i)
    guard[i] = (char)toupper((unsigned char)guard[i]);
  const char *e = sig->entry;
  emit(w,
       "/* C interface of `%s`, compiled ahead of time by dlc. Generated by\n"
       " * dlc-translate --emit-c-header; the object comes from dlc-translate --mlir-to-obj.\n"
       " * Ownership:\n"
       " * - %s_run(in..., out...): the caller owns every buffer before and after the call.\n"
       " *   Each input is a row-major array of its tensor's elements; each output is a\n"
       " *   row-major array the call fills. The buffers the compiled code allocates are\n"
       " *   freed before it returns. Returns 0, or -1 if the compiled code handed back no\n"
       " *   buffer for a non-empty result.\n"
       " * - Inputs are not const: where the compiled code updates a tensor in place (One-Shot\n"
       " *   Bufferize treats arguments as writable; dynamic_update_slice does), it writes\n"
       " *   into that input's buffer. Pass a copy to keep the original.\n"
       " * - _mlir_ciface_%s(results, in...): inputs are borrowed for the call (neither kept\n"
       " *   nor freed). Each result descriptor is filled in by the compiled code; its buffer\n"
       " *   was malloc'ed and now belongs to the caller, who frees `allocated` once (results\n"
       " *   may share a buffer), and not at all when it is an input's own buffer or\n"
       " *   0xdeadbeef (a constant's global).\n",
       e, e, e);
  if (w->gpu)
    emit(w, " * On the GPU (--device=gpu): the compiled entry takes and returns device memory.\n"
            " * %s_run copies the inputs to the device and the results back through dlc's CUDA\n"
            " * runtime and frees every device buffer; it returns -1, and calls nothing, when the\n"
            " * runtime has no driver or device (dlcCudaGetLastError says why). Link the object\n"
            " * with libdlc_cuda_runtime (libc and libdl only; the driver is dlopen'ed). */\n",
         e);
  else
    emit(w, " * No MLIR or LLVM library is needed at run time: link the object with libc and libm.\n"
            " * Self-contained: needs only <stdint.h>, <stdlib.h> and <string.h> (C11 or C++). */\n");
  emit(w,
       "#ifndef %s\n#define %s\n\n#include <stdint.h>\n#include <stdlib.h>\n"
       "#include <string.h>\n%s\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
       guard, guard, w->gpu ? "\n#include \"dlc/CudaRuntime.h\"\n" : "");
  emit(w, "%s", descriptorComment);
  bool ranks[DLC_MAX_RANK + 1] = {false};
  for (intptr_t i = 0; i < sig->numInputs + sig->numResults; ++i)
    ranks[sig->values[i].rank] = true;
  for (intptr_t r = 0; r <= DLC_MAX_RANK; ++r)
    if (ranks[r])
      emitDescriptor(w, r);
  emitPrototype(w, sig);
  emit(w, "%s%s", supportFunctions, w->gpu ? gpuSupportFunctions : "");
  emitRun(w, sig);
  emit(w, "#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
}

static MlirLogicalResult emitForSignature(MlirType functionType, MlirStringRef entry,
                                          MlirLocation loc, Writer *w) {
  Signature sig;
  bool ok = readSignature(functionType, entry, loc, &sig);
  if (ok)
    emitHeader(w, &sig);
  freeSignature(&sig);
  return ok ? mlirLogicalResultSuccess() : mlirLogicalResultFailure();
}

MlirLogicalResult dlcEmitCHeaderForSignature(MlirType functionType, MlirStringRef entry,
                                             MlirLocation loc, MlirStringCallback callback,
                                             void *userData) {
  Writer w = {callback, userData, false};
  return emitForSignature(functionType, entry, loc, &w);
}

/* ---- Finding the entry ----------------------------------------------------------------- */

static bool isFunc(MlirOperation op) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), dlcStr("func.func"));
}

static bool isPublic(MlirOperation op) {
  MlirAttribute visibility =
      mlirOperationGetAttributeByName(op, mlirSymbolTableGetVisibilityAttributeName());
  return mlirAttributeIsNull(visibility) ||
         !mlirStringRefEqual(mlirStringAttrGetValue(visibility), dlcStr("private"));
}

static MlirStringRef symbolName(MlirOperation op) {
  return mlirStringAttrGetValue(
      mlirOperationGetAttributeByName(op, mlirSymbolTableGetSymbolAttributeName()));
}

/* func.func `entry` of `module`, or its only public func.func when `entry` is empty. */
static MlirOperation findEntry(MlirOperation module, MlirStringRef entry) {
  MlirLocation loc = mlirOperationGetLocation(module);
  MlirOperation found = {NULL};
  int numPublic = 0;
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isFunc(op))
      continue;
    if (entry.length ? mlirStringRefEqual(symbolName(op), entry) : isPublic(op)) {
      found = op;
      ++numPublic;
    }
  }
  char message[512];
  if (entry.length && !numPublic)
    snprintf(message, sizeof message,
             "cannot emit a C header: no func.func @%.*s in the module (the header is made "
             "from the module before lowering)",
             (int)(entry.length < 200 ? entry.length : 200), entry.data);
  else if (!numPublic)
    snprintf(message, sizeof message,
             "cannot emit a C header: no public func.func in the module (the header is made "
             "from the module before lowering)");
  else if (!entry.length && numPublic > 1)
    snprintf(message, sizeof message,
             "cannot emit a C header: the module has %d public functions; name the entry point",
             numPublic);
  else
    return found;
  mlirEmitError(loc, message);
  return (MlirOperation){NULL};
}

static MlirLogicalResult emitForEntry(MlirOperation module, MlirStringRef entry, Writer *w) {
  MlirOperation func = findEntry(module, entry);
  if (mlirOperationIsNull(func))
    return mlirLogicalResultFailure();
  MlirType type =
      mlirTypeAttrGetValue(mlirOperationGetAttributeByName(func, dlcStr("function_type")));
  return emitForSignature(type, symbolName(func), mlirOperationGetLocation(func), w);
}

MlirLogicalResult dlcEmitCHeader(MlirOperation module, MlirStringRef entry,
                                 MlirStringCallback callback, void *userData) {
  Writer w = {callback, userData, false};
  return emitForEntry(module, entry, &w);
}

MlirLogicalResult dlcEmitGpuCHeader(MlirOperation module, MlirStringRef entry,
                                    MlirStringCallback callback, void *userData) {
  Writer w = {callback, userData, true};
  return emitForEntry(module, entry, &w);
}
