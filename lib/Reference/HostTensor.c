/* HostTensor.c: host tensors of the reference evaluator (dlc/Reference.h): creation,
 * reference counting, the public accessors and printer, and the one row-major index
 * iterator every op loops with.
 * Ownership: a tensor and its data are freed when its last reference is released; the
 * public API hands out one reference per DlcHostTensor. */
#include "Reference/Evaluator.h"
#include "Support/Alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Tensors ---------------------------------------------------------------------------- */

RefTensor *dlcRefTensorNew(DlcElementType type, intptr_t rank, const int64_t *dims) {
  RefTensor *t = dlcAllocZeroed(1, sizeof *t);
  t->type = type;
  t->rank = rank;
  t->count = 1;
  t->refs = 1;
  for (intptr_t i = 0; i < rank; ++i) {
    t->dims[i] = dims[i];
    t->count *= dims[i];
  }
  /* At least one byte, so that an empty tensor still has a distinct buffer. */
  t->data = dlcAllocZeroed((size_t)(t->count ? t->count : 1), dlcElementTypeGetByteSize(type));
  return t;
}

RefTensor *dlcRefTensorOfType(MlirType type) {
  DlcElementType element;
  if (!mlirTypeIsARankedTensor(type) || !mlirShapedTypeHasStaticShape(type) ||
      mlirShapedTypeGetRank(type) > DLC_MAX_RANK ||
      !dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(type), &element))
    return NULL;
  DlcShape shape = dlcShapeOf(type);
  return dlcRefTensorNew(element, shape.rank, shape.dims);
}

RefTensor *dlcRefRetain(RefTensor *t) {
  ++t->refs;
  return t;
}

void dlcRefRelease(RefTensor *t) {
  if (!t || --t->refs)
    return;
  free(t->data);
  free(t);
}

RefTensor *dlcRefClone(const RefTensor *t) {
  RefTensor *copy = dlcRefTensorNew(t->type, t->rank, t->dims);
  dlcRefCopyData(copy, t);
  return copy;
}

void dlcRefCopyData(RefTensor *to, const RefTensor *from) {
  memcpy(to->data, from->data, (size_t)from->count * dlcElementTypeGetByteSize(from->type));
}

bool dlcRefHasType(const RefTensor *t, MlirType type) {
  DlcElementType element;
  if (!mlirTypeIsARankedTensor(type) || mlirShapedTypeGetRank(type) != t->rank ||
      !dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(type), &element) ||
      element != t->type)
    return false;
  for (intptr_t i = 0; i < t->rank; ++i)
    if (mlirShapedTypeGetDimSize(type, i) != t->dims[i])
      return false;
  return true;
}

const char *dlcRefTypeStr(const RefTensor *t, char *buf, size_t size) {
  char dims[DLC_MAX_RANK * 21];
  dlcDimsStr(t->dims, t->rank, dims, sizeof dims);
  snprintf(buf, size, "tensor<%s%s%s>", dims, t->rank ? "x" : "", dlcRefTypeName(t->type));
  return buf;
}

/* ---- Index iteration -------------------------------------------------------------------- */

void dlcRefStrides(const int64_t *dims, intptr_t rank, int64_t *strides) {
  int64_t stride = 1;
  for (intptr_t i = rank - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= dims[i];
  }
}

bool dlcRefNextIndex(int64_t *index, const int64_t *dims, intptr_t rank) {
  for (intptr_t i = rank - 1; i >= 0; --i) {
    if (++index[i] < dims[i])
      return true;
    index[i] = 0;
  }
  return false;
}

int64_t dlcRefOffset(const int64_t *index, const int64_t *strides, intptr_t rank) {
  int64_t offset = 0;
  for (intptr_t i = 0; i < rank; ++i)
    offset += index[i] * strides[i];
  return offset;
}

/* ---- Public API ------------------------------------------------------------------------- */

DlcHostTensor dlcHostTensorCreate(MlirType type) { return dlcRefWrap(dlcRefTensorOfType(type)); }

DlcHostTensor dlcHostTensorCreateShaped(DlcElementType type, intptr_t rank, const int64_t *dims) {
  if (type < DlcElementF16 || type > DlcElementUI64 || rank < 0 || rank > DLC_MAX_RANK)
    return dlcRefWrap(NULL);
  for (intptr_t i = 0; i < rank; ++i)
    if (dims[i] < 0)
      return dlcRefWrap(NULL);
  return dlcRefWrap(dlcRefTensorNew(type, rank, dims));
}

void dlcHostTensorDestroy(DlcHostTensor t) { dlcRefRelease(dlcRefUnwrap(t)); }

DlcElementType dlcHostTensorGetElementType(DlcHostTensor t) { return dlcRefUnwrap(t)->type; }
intptr_t dlcHostTensorGetRank(DlcHostTensor t) { return dlcRefUnwrap(t)->rank; }
const int64_t *dlcHostTensorGetDims(DlcHostTensor t) { return dlcRefUnwrap(t)->dims; }
int64_t dlcHostTensorGetNumElements(DlcHostTensor t) { return dlcRefUnwrap(t)->count; }
void *dlcHostTensorGetData(DlcHostTensor t) { return dlcRefUnwrap(t)->data; }

MlirType dlcHostTensorGetType(MlirContext ctx, DlcHostTensor t) {
  RefTensor *r = dlcRefUnwrap(t);
  return mlirRankedTensorTypeGet(r->rank, r->dims, dlcElementTypeGetMlirType(ctx, r->type),
                                 mlirAttributeGetNull());
}

/* Element `index` of `t` converted to `to`, and `value` of type `from` stored at `index`:
 * the public accessors are dhlo.convert to and from f64 or i64. */
static RefScalar loadAs(DlcHostTensor t, int64_t index, DlcElementType to) {
  RefTensor *r = dlcRefUnwrap(t);
  return dlcRefConvert(dlcRefLoad(r, index), r->type, to);
}

static void storeFrom(DlcHostTensor t, int64_t index, RefScalar value, DlcElementType from) {
  RefTensor *r = dlcRefUnwrap(t);
  dlcRefStore(r, index, dlcRefConvert(value, from, r->type));
}

double dlcHostTensorGetElementAsDouble(DlcHostTensor t, int64_t index) {
  return loadAs(t, index, DlcElementF64).f;
}
void dlcHostTensorSetElementFromDouble(DlcHostTensor t, int64_t index, double value) {
  storeFrom(t, index, (RefScalar){.f = value}, DlcElementF64);
}
int64_t dlcHostTensorGetElementAsInt64(DlcHostTensor t, int64_t index) {
  return loadAs(t, index, DlcElementI64).i;
}
void dlcHostTensorSetElementFromInt64(DlcHostTensor t, int64_t index, int64_t value) {
  storeFrom(t, index, (RefScalar){.i = value}, DlcElementI64);
}

void dlcHostTensorPrint(DlcHostTensor t, MlirStringCallback callback, void *userData) {
  RefTensor *r = dlcRefUnwrap(t);
  char buf[64 + DLC_MAX_RANK * 21];
  callback(dlcStr(dlcRefTypeStr(r, buf, sizeof buf)), userData);
  callback(dlcStr(" "), userData);
  /* Brackets open where trailing index digits are 0 and close where they reach their end. */
  int64_t index[DLC_MAX_RANK] = {0};
  for (intptr_t d = 0; d < r->rank; ++d)
    callback(dlcStr("["), userData);
  for (int64_t n = 0; n < r->count; ++n) {
    intptr_t opened = 0;
    while (n && opened < r->rank && index[r->rank - 1 - opened] == 0)
      ++opened;
    for (intptr_t d = 0; d < opened; ++d)
      callback(dlcStr("]"), userData);
    if (n)
      callback(dlcStr(", "), userData);
    for (intptr_t d = 0; d < opened; ++d)
      callback(dlcStr("["), userData);
    callback(dlcStr(dlcRefFormat(r->type, dlcRefLoad(r, n), buf, sizeof buf)), userData);
    dlcRefNextIndex(index, r->dims, r->rank);
  }
  for (intptr_t d = 0; d < r->rank; ++d)
    callback(dlcStr("]"), userData);
}
