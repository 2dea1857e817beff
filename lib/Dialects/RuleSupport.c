/* RuleSupport.c: the helpers every op rule uses: diagnostics, shapes, attribute readers
 * and called-computation lookup (see OpRules.h). */
#include "OpRules.h"

#include "mlir-c/Diagnostics.h"

#include <stdio.h>
#include <string.h>

MlirLogicalResult dlcRuleError(const DlcOpSig *sig, const char *fmt, ...) {
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "'%s' op ", sig->name);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  va_end(ap);
  mlirEmitError(sig->loc, msg);
  return mlirLogicalResultFailure();
}

typedef struct {
  char *buf;
  size_t size, used;
} StrSink;

static void sinkAppend(MlirStringRef s, void *userData) {
  StrSink *sink = userData;
  if (sink->used + 1 >= sink->size)
    return;
  size_t room = sink->size - 1 - sink->used;
  size_t n = s.length < room ? s.length : room;
  memcpy(sink->buf + sink->used, s.data, n);
  sink->used += n;
  sink->buf[sink->used] = '\0';
}

const char *dlcTypeStr(MlirType type, char *buf, size_t size) {
  StrSink sink = {buf, size, 0};
  buf[0] = '\0';
  mlirTypePrint(type, sinkAppend, &sink);
  return buf;
}

const char *dlcAttrStr(MlirAttribute attr, char *buf, size_t size) {
  StrSink sink = {buf, size, 0};
  buf[0] = '\0';
  mlirAttributePrint(attr, sinkAppend, &sink);
  return buf;
}

DlcShape dlcShapeOf(MlirType type) {
  DlcShape s = {0};
  s.rank = mlirShapedTypeGetRank(type);
  for (intptr_t i = 0; i < s.rank && i < DLC_MAX_RANK; ++i)
    s.dims[i] = mlirShapedTypeGetDimSize(type, i);
  s.element = mlirShapedTypeGetElementType(type);
  return s;
}

DlcShape dlcOperandShape(const DlcOpSig *sig, intptr_t index) {
  return dlcShapeOf(sig->operandTypes[index]);
}

MlirType dlcShapeType(const DlcShape *shape) {
  return mlirRankedTensorTypeGet(shape->rank, shape->dims, shape->element,
                                 mlirAttributeGetNull());
}

int64_t dlcShapeNumElements(const DlcShape *shape) {
  int64_t n = 1;
  for (intptr_t i = 0; i < shape->rank; ++i)
    n *= shape->dims[i];
  return n;
}

bool dlcShapeDimsEqual(const DlcShape *a, const DlcShape *b) {
  if (a->rank != b->rank)
    return false;
  for (intptr_t i = 0; i < a->rank; ++i)
    if (a->dims[i] != b->dims[i])
      return false;
  return true;
}

const char *dlcDimsStr(const int64_t *dims, intptr_t rank, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (intptr_t i = 0; i < rank && used < size; ++i)
    used += (size_t)snprintf(buf + used, size - used, i ? "x%lld" : "%lld", (long long)dims[i]);
  return buf;
}

MlirLogicalResult dlcGivenResultShape(const DlcOpSig *sig, intptr_t index, DlcShape *out) {
  if (!sig->givenResultTypes || mlirTypeIsNull(sig->givenResultTypes[index]))
    return dlcRuleError(sig, "result type must be given: it cannot be inferred");
  *out = dlcShapeOf(sig->givenResultTypes[index]);
  return mlirLogicalResultSuccess();
}

bool dlcIsFloatType(MlirType t) {
  return mlirTypeIsAF16(t) || mlirTypeIsABF16(t) || mlirTypeIsAF32(t) || mlirTypeIsAF64(t);
}

bool dlcIsIntegerType(MlirType t) {
  if (!mlirTypeIsAInteger(t) || mlirIntegerTypeIsSigned(t))
    return false;
  unsigned w = mlirIntegerTypeGetWidth(t);
  return (w == 1 && mlirIntegerTypeIsSignless(t)) || w == 8 || w == 16 || w == 32 || w == 64;
}

bool dlcIsBoolType(MlirType t) {
  return mlirTypeIsAInteger(t) && mlirIntegerTypeIsSignless(t) && mlirIntegerTypeGetWidth(t) == 1;
}

bool dlcIsSupportedElementType(MlirType t) { return dlcIsFloatType(t) || dlcIsIntegerType(t); }

MlirAttribute dlcSigAttr(const DlcOpSig *sig, const char *name) {
  MlirStringRef key = mlirStringRefCreateFromCString(name);
  for (intptr_t i = 0; i < sig->numAttributes; ++i)
    if (mlirStringRefEqual(mlirIdentifierStr(sig->attributes[i].name), key))
      return sig->attributes[i].attribute;
  return mlirAttributeGetNull();
}

static MlirAttribute requireAttr(const DlcOpSig *sig, const char *name, bool required,
                                 bool *failed) {
  MlirAttribute attr = dlcSigAttr(sig, name);
  *failed = false;
  if (mlirAttributeIsNull(attr) && required) {
    dlcRuleError(sig, "requires attribute '%s'", name);
    *failed = true;
  }
  return attr;
}

MlirLogicalResult dlcSigI64Array(const DlcOpSig *sig, const char *name, bool required,
                                 DlcI64Array *out) {
  bool failed;
  MlirAttribute attr = requireAttr(sig, name, required, &failed);
  out->present = false;
  out->size = 0;
  if (failed)
    return mlirLogicalResultFailure();
  if (mlirAttributeIsNull(attr))
    return mlirLogicalResultSuccess();
  if (!mlirAttributeIsADenseI64Array(attr))
    return dlcRuleError(sig, "attribute '%s' must be an array<i64: ...>", name);
  intptr_t n = mlirDenseArrayGetNumElements(attr);
  if (n > DLC_MAX_ARRAY)
    return dlcRuleError(sig, "attribute '%s' has %lld elements; at most %d are supported", name,
                        (long long)n, DLC_MAX_ARRAY);
  out->present = true;
  out->size = n;
  for (intptr_t i = 0; i < n; ++i)
    out->data[i] = mlirDenseI64ArrayGetElement(attr, i);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcSigI64(const DlcOpSig *sig, const char *name, bool required, int64_t *out) {
  bool failed;
  MlirAttribute attr = requireAttr(sig, name, required, &failed);
  if (failed)
    return mlirLogicalResultFailure();
  if (mlirAttributeIsNull(attr))
    return mlirLogicalResultSuccess();
  if (!mlirAttributeIsAInteger(attr))
    return dlcRuleError(sig, "attribute '%s' must be an integer", name);
  *out = mlirIntegerAttrGetValueInt(attr);
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcSigString(const DlcOpSig *sig, const char *name, bool required,
                               MlirStringRef *out) {
  bool failed;
  MlirAttribute attr = requireAttr(sig, name, required, &failed);
  if (failed)
    return mlirLogicalResultFailure();
  if (mlirAttributeIsNull(attr))
    return mlirLogicalResultSuccess();
  if (!mlirAttributeIsAString(attr))
    return dlcRuleError(sig, "attribute '%s' must be a string", name);
  *out = mlirStringAttrGetValue(attr);
  return mlirLogicalResultSuccess();
}

bool dlcStrEq(MlirStringRef a, const char *s) {
  return mlirStringRefEqual(a, mlirStringRefCreateFromCString(s));
}

MlirLogicalResult dlcCheckDimList(const DlcOpSig *sig, const char *what, const int64_t *dims,
                                  intptr_t n, intptr_t rank) {
  for (intptr_t i = 0; i < n; ++i) {
    if (dims[i] < 0 || dims[i] >= rank)
      return dlcRuleError(sig, "%s: dimension %lld is out of range [0, %lld)", what,
                          (long long)dims[i], (long long)rank);
    for (intptr_t j = 0; j < i; ++j)
      if (dims[j] == dims[i])
        return dlcRuleError(sig, "%s: dimension %lld appears twice", what, (long long)dims[i]);
  }
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcSigI64ArrayN(const DlcOpSig *sig, const char *name, bool required,
                                  intptr_t count, int64_t min, int64_t fallback, int64_t *out) {
  DlcI64Array array;
  if (mlirLogicalResultIsFailure(dlcSigI64Array(sig, name, required, &array)))
    return mlirLogicalResultFailure();
  if (!array.present) {
    for (intptr_t i = 0; i < count; ++i)
      out[i] = fallback;
    return mlirLogicalResultSuccess();
  }
  if (array.size != count)
    return dlcRuleError(sig, "attribute '%s' must have %lld entries, got %lld", name,
                        (long long)count, (long long)array.size);
  for (intptr_t i = 0; i < count; ++i) {
    if (array.data[i] < min)
      return dlcRuleError(sig, "attribute '%s' entry %lld is %lld; it must be >= %lld", name,
                          (long long)i, (long long)array.data[i], (long long)min);
    out[i] = array.data[i];
  }
  return mlirLogicalResultSuccess();
}

bool dlcSameLogicalType(MlirType a, MlirType b) {
  if (!mlirTypeIsARankedTensor(a) || !mlirTypeIsARankedTensor(b))
    return mlirTypeEqual(a, b);
  /* Read directly, not through DlcShape: function types are not rank-checked beforehand. */
  intptr_t rank = mlirShapedTypeGetRank(a);
  if (rank != mlirShapedTypeGetRank(b) ||
      !mlirTypeEqual(mlirShapedTypeGetElementType(a), mlirShapedTypeGetElementType(b)))
    return false;
  for (intptr_t i = 0; i < rank; ++i)
    if (mlirShapedTypeGetDimSize(a, i) != mlirShapedTypeGetDimSize(b, i))
      return false;
  return true;
}

MlirLogicalResult dlcSigWindow(const DlcOpSig *sig, const DlcWindowAttrNames *names,
                               DlcWindow *window) {
  int64_t padding[2 * DLC_MAX_RANK];
  intptr_t rank = window->rank;
  if (mlirLogicalResultIsFailure(
          dlcSigI64ArrayN(sig, names->strides, false, rank, 1, 1, window->stride)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64ArrayN(sig, names->padding, false, 2 * rank, INT64_MIN, 0, padding)) ||
      mlirLogicalResultIsFailure(
          dlcSigI64ArrayN(sig, names->baseDilation, false, rank, 1, 1, window->baseDilation)) ||
      mlirLogicalResultIsFailure(dlcSigI64ArrayN(sig, names->windowDilation, false, rank, 1, 1,
                                                 window->windowDilation)))
    return mlirLogicalResultFailure();
  for (intptr_t i = 0; i < rank; ++i) {
    window->padLow[i] = padding[2 * i];
    window->padHigh[i] = padding[2 * i + 1];
  }
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcWindowOutputDims(const DlcOpSig *sig, const DlcWindow *window,
                                      const int64_t *inputDims, int64_t *out) {
  for (intptr_t i = 0; i < window->rank; ++i) {
    if (window->size[i] < 1)
      return dlcRuleError(sig, "window dimension %lld has size %lld; windows must not be empty",
                          (long long)i, (long long)window->size[i]);
    int64_t dilatedInput =
        inputDims[i] == 0 ? 0 : (inputDims[i] - 1) * window->baseDilation[i] + 1;
    int64_t padded = dilatedInput + window->padLow[i] + window->padHigh[i];
    int64_t dilatedWindow = (window->size[i] - 1) * window->windowDilation[i] + 1;
    if (padded < 0)
      return dlcRuleError(sig, "padding %lld, %lld leaves dimension %lld (size %lld) with "
                          "negative size",
                          (long long)window->padLow[i], (long long)window->padHigh[i],
                          (long long)i, (long long)inputDims[i]);
    out[i] = padded == 0 || dilatedWindow > padded
                 ? 0
                 : (padded - dilatedWindow) / window->stride[i] + 1;
  }
  return mlirLogicalResultSuccess();
}

MlirLogicalResult dlcSigCallee(const DlcOpSig *sig, const char *attrName, MlirOperation *out) {
  *out = (MlirOperation){NULL};
  MlirAttribute ref = dlcSigAttr(sig, attrName);
  if (mlirAttributeIsNull(ref) || !mlirAttributeIsASymbolRef(ref))
    return dlcRuleError(sig, "requires symbol attribute '%s'", attrName);
  if (mlirSymbolTableIsNull(sig->symbols))
    return mlirLogicalResultSuccess();
  MlirStringRef name = mlirSymbolRefAttrGetRootReference(ref);
  MlirOperation callee = mlirSymbolTableLookup(sig->symbols, name);
  if (mlirOperationIsNull(callee))
    return dlcRuleError(sig, "'%s' names @%.*s, which is not defined", attrName,
                        (int)name.length, name.data);
  if (!dlcStrEq(mlirIdentifierStr(mlirOperationGetName(callee)), "func.func"))
    return dlcRuleError(sig, "'%s' names @%.*s, which is not a func.func", attrName,
                        (int)name.length, name.data);
  *out = callee;
  return mlirLogicalResultSuccess();
}

MlirType dlcFuncType(MlirOperation func) {
  MlirAttribute attr =
      mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString("function_type"));
  return mlirTypeAttrGetValue(attr);
}

MlirLogicalResult dlcCheckReducer(const DlcOpSig *sig, const char *attrName, MlirType element) {
  MlirOperation callee;
  if (mlirLogicalResultIsFailure(dlcSigCallee(sig, attrName, &callee)))
    return mlirLogicalResultFailure();
  if (mlirOperationIsNull(callee))
    return mlirLogicalResultSuccess();
  MlirType scalar = mlirRankedTensorTypeGet(0, NULL, element, mlirAttributeGetNull());
  MlirType have = dlcFuncType(callee);
  bool ok = mlirFunctionTypeGetNumInputs(have) == 2 && mlirFunctionTypeGetNumResults(have) == 1;
  for (intptr_t i = 0; ok && i < 2; ++i)
    ok = dlcSameLogicalType(mlirFunctionTypeGetInput(have, i), scalar);
  if (ok && dlcSameLogicalType(mlirFunctionTypeGetResult(have, 0), scalar))
    return mlirLogicalResultSuccess();
  MlirType inputs[2] = {scalar, scalar};
  MlirType want = mlirFunctionTypeGet(sig->ctx, 2, inputs, 1, &scalar);
  MlirStringRef name = mlirSymbolRefAttrGetRootReference(dlcSigAttr(sig, attrName));
  char a[256], b[256];
  return dlcRuleError(sig, "'%s' names @%.*s of type %s; a reducer must have type %s", attrName,
                      (int)name.length, name.data, dlcTypeStr(have, a, sizeof a),
                      dlcTypeStr(want, b, sizeof b));
}
