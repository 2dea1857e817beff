/* Elements.c: dense constants element by element, for constant folding and the algebraic
 * rules that look at constant operands (see Canonicalize.h). Every element is widened to a
 * DlcScalar, which holds each supported type exactly: floats as doubles, integers as 64
 * bits. f16, bf16 and f32 go through one bit-level codec for IEEE binary formats, so that
 * NaN payloads and signaling bits survive and rounding is a single round-to-nearest-even
 * from the exact double. */
#include "Transforms/Canonicalize.h"
#include "Support/Alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool dlcElemTypeOf(MlirType type, DlcElemType *out) {
  if (!dlcIsSupportedElementType(type))
    return false;
  static const struct {
    bool (*is)(MlirType);
    DlcElemType type;
  } floats[] = {
      {mlirTypeIsAF16, {DlcElemFloat, 16, 2, 5, 10}},
      {mlirTypeIsABF16, {DlcElemFloat, 16, 2, 8, 7}},
      {mlirTypeIsAF32, {DlcElemFloat, 32, 4, 8, 23}},
      {mlirTypeIsAF64, {DlcElemFloat, 64, 8, 11, 52}},
  };
  for (size_t i = 0; i < sizeof floats / sizeof floats[0]; ++i) {
    if (floats[i].is(type)) {
      *out = floats[i].type;
      return true;
    }
  }
  unsigned width = mlirIntegerTypeGetWidth(type);
  DlcElemKind kind = width == 1                        ? DlcElemBool
                     : mlirIntegerTypeIsUnsigned(type) ? DlcElemUnsigned
                                                       : DlcElemSigned;
  *out = (DlcElemType){kind, width, width == 1 ? 1 : width / 8, 0, 0};
  return true;
}

/* ---- IEEE binary formats with E exponent and M mantissa bits ------------------------ */

static uint64_t doubleBits(double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return bits;
}

static double bitsDouble(uint64_t bits) {
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

/* x / 2^shift rounded to nearest, ties to even. */
static uint64_t shiftRoundEven(uint64_t x, unsigned shift) {
  if (shift == 0)
    return x;
  if (shift >= 64)
    return 0; /* x is a 53-bit significand: below half of one unit */
  uint64_t q = x >> shift, rem = x & ((UINT64_C(1) << shift) - 1);
  uint64_t half = UINT64_C(1) << (shift - 1);
  return q + (rem > half || (rem == half && (q & 1)));
}

static double decodeFloat(uint64_t bits, unsigned e, unsigned m) {
  uint64_t sign = (bits >> (e + m)) & 1, exp = (bits >> m) & ((UINT64_C(1) << e) - 1),
           man = bits & ((UINT64_C(1) << m) - 1);
  int bias = (1 << (e - 1)) - 1;
  if (exp == (UINT64_C(1) << e) - 1) /* inf or NaN: keep the payload, quiet bit on top */
    return bitsDouble(sign << 63 | UINT64_C(0x7FF) << 52 | man << (52 - m));
  double magnitude = exp == 0 ? ldexp((double)man, 1 - bias - (int)m)
                              : ldexp((double)(man | UINT64_C(1) << m), (int)exp - bias - (int)m);
  return sign ? -magnitude : magnitude;
}

static uint64_t encodeFloat(double d, unsigned e, unsigned m) {
  uint64_t bits = doubleBits(d), sign = (bits >> 63) << (e + m);
  uint64_t expMax = (UINT64_C(1) << e) - 1, dexp = (bits >> 52) & 0x7FF,
           dman = bits & ((UINT64_C(1) << 52) - 1);
  if (dexp == 0x7FF) {
    uint64_t man = dman >> (52 - m);
    if (dman && !man) /* a NaN whose payload lies below M bits stays a NaN */
      man = UINT64_C(1) << (m - 1);
    return sign | expMax << m | man;
  }
  if (dexp == 0) /* zero or a double subnormal: far below any smaller format's range */
    return sign;
  int bias = (1 << (e - 1)) - 1, exp = (int)dexp - 1023;
  if (exp > bias)
    return sign | expMax << m;
  uint64_t significand = dman | UINT64_C(1) << 52;
  if (exp < 1 - bias) /* subnormal in the target: fewer mantissa bits survive */
    return sign | shiftRoundEven(significand, 52 - m + (unsigned)(1 - bias - exp));
  /* The rounded significand still has its leading bit; adding it to exponent - 1 lets a
   * carry from rounding step the exponent, up to infinity. */
  return sign + ((uint64_t)(exp + bias - 1) << m) + shiftRoundEven(significand, 52 - m);
}

/* ---- Buffers ------------------------------------------------------------------------- */

static uint64_t loadBits(unsigned bytes, const void *data, int64_t index) {
  const char *p = (const char *)data + index * bytes;
  uint8_t b8;
  uint16_t b16;
  uint32_t b32;
  uint64_t b64;
  switch (bytes) {
  case 1: memcpy(&b8, p, 1); return b8;
  case 2: memcpy(&b16, p, 2); return b16;
  case 4: memcpy(&b32, p, 4); return b32;
  default: memcpy(&b64, p, 8); return b64;
  }
}

static void storeBits(unsigned bytes, void *data, int64_t index, uint64_t bits) {
  char *p = (char *)data + index * bytes;
  uint8_t b8 = (uint8_t)bits;
  uint16_t b16 = (uint16_t)bits;
  uint32_t b32 = (uint32_t)bits;
  switch (bytes) {
  case 1: memcpy(p, &b8, 1); break;
  case 2: memcpy(p, &b16, 2); break;
  case 4: memcpy(p, &b32, 4); break;
  default: memcpy(p, &bits, 8); break;
  }
}

DlcScalar dlcLoadElement(const DlcElemType *type, const void *data, int64_t index) {
  uint64_t bits = loadBits(type->bytes, data, index);
  DlcScalar v;
  switch (type->kind) {
  case DlcElemFloat:
    v.f = type->width == 64 ? bitsDouble(bits) : decodeFloat(bits, type->expBits, type->manBits);
    break;
  case DlcElemSigned: {
    unsigned pad = 64 - type->width; /* sign-extend through the top bits */
    v.i = (int64_t)(bits << pad) >> pad;
    break;
  }
  default:
    v.u = bits;
  }
  return v;
}

void dlcStoreElement(const DlcElemType *type, void *data, int64_t index, DlcScalar value) {
  uint64_t bits = value.u;
  if (type->kind == DlcElemFloat && type->width != 64)
    bits = encodeFloat(value.f, type->expBits, type->manBits);
  else if (type->kind == DlcElemBool)
    bits = value.u != 0;
  storeBits(type->bytes, data, index, bits);
}

/* ---- Attributes ---------------------------------------------------------------------- */

bool dlcConstantRead(MlirValue value, DlcConstant *out) {
  MlirOperation op = dlcDefiningOp(value);
  if (!dlcOpIsA(op, "dhlo.constant") || !dlcValueShape(value, &out->shape) ||
      !dlcElemTypeOf(out->shape.element, &out->type))
    return false;
  MlirAttribute attr = mlirOperationGetDiscardableAttributeByName(op, dlcStr("value"));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsADenseElements(attr) ||
      !mlirTypeEqual(mlirShapedTypeGetElementType(mlirAttributeGetType(attr)),
                     out->shape.element))
    return false;
  out->count = mlirDenseElementsAttrIsSplat(attr) ? 1 : dlcShapeNumElements(&out->shape);
  out->owned = NULL;
  out->data = mlirDenseElementsAttrGetRawData(attr);
  if (out->type.kind == DlcElemBool) {
    /* MLIR packs i1 eight to a byte; folding buffers hold one byte per element. */
    uint8_t *bytes = dlcAlloc((size_t)out->count);
    for (int64_t i = 0; i < out->count; ++i)
      bytes[i] = mlirDenseElementsAttrGetBoolValue(attr, i);
    out->data = out->owned = bytes;
  }
  return true;
}

void dlcConstantRelease(DlcConstant *constant) {
  free(constant->owned);
  constant->owned = NULL;
}

MlirAttribute dlcConstantAttr(const DlcShape *shape, const DlcElemType *type, int64_t count,
                              const void *data) {
  MlirType tensor = dlcShapeType(shape);
  if (type->kind != DlcElemBool)
    /* A buffer of one element makes a splat; MLIR also turns an all-equal one into one. */
    return mlirDenseElementsAttrRawBufferGet(tensor, (size_t)(count * type->bytes), data);
  if (count == 1 && dlcShapeNumElements(shape) != 1)
    return mlirDenseElementsAttrBoolSplatGet(tensor, *(const uint8_t *)data != 0);
  int *values = dlcAlloc(sizeof(int) * (size_t)count);
  for (int64_t i = 0; i < count; ++i)
    values[i] = ((const uint8_t *)data)[i];
  MlirAttribute attr = mlirDenseElementsAttrBoolGet(tensor, count, values);
  free(values);
  return attr;
}

bool dlcUniformConstant(MlirValue value, DlcElemType *type, DlcScalar *scalar) {
  /* broadcast_in_dim and reshape only rearrange elements: all-equal stays all-equal. */
  for (MlirOperation op = dlcDefiningOp(value);
       dlcOpIsA(op, "dhlo.broadcast_in_dim") || dlcOpIsA(op, "dhlo.reshape");
       op = dlcDefiningOp(value))
    value = mlirOperationGetOperand(op, 0);
  DlcConstant c;
  if (!dlcConstantRead(value, &c))
    return false;
  bool uniform = c.count > 0;
  for (int64_t i = 1; uniform && i < c.count; ++i)
    uniform = !memcmp((const char *)c.data + i * c.type.bytes, c.data, c.type.bytes);
  if (uniform) {
    *type = c.type;
    *scalar = dlcLoadElement(&c.type, c.data, 0);
  }
  dlcConstantRelease(&c);
  return uniform;
}
