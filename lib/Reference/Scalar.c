/* Scalar.c: element formats of the reference evaluator: which element types exist, how
 * each is stored in a host tensor, loading an element widened to a RefScalar and storing
 * one back with a single rounding, and dhlo.convert between any two types.
 * f16 and bf16 are converted by arithmetic on doubles (frexp/ldexp), not by bit tricks: the
 * reference must be obviously right, and doubles hold every value of both formats exactly.
 * Nothing here allocates. */
#include "Reference/Evaluator.h"

#include "mlir-c/BuiltinTypes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Element types ---------------------------------------------------------------------- */

static const struct {
  const char *name;
  RefClass cls;
  unsigned bits, bytes;
} types[] = {
    [DlcElementF16] = {"f16", RefFloat, 16, 2},
    [DlcElementBF16] = {"bf16", RefFloat, 16, 2},
    [DlcElementF32] = {"f32", RefFloat, 32, 4},
    [DlcElementF64] = {"f64", RefFloat, 64, 8},
    [DlcElementI1] = {"i1", RefBool, 1, 1},
    [DlcElementI8] = {"i8", RefSigned, 8, 1},
    [DlcElementI16] = {"i16", RefSigned, 16, 2},
    [DlcElementI32] = {"i32", RefSigned, 32, 4},
    [DlcElementI64] = {"i64", RefSigned, 64, 8},
    [DlcElementUI8] = {"ui8", RefUnsigned, 8, 1},
    [DlcElementUI16] = {"ui16", RefUnsigned, 16, 2},
    [DlcElementUI32] = {"ui32", RefUnsigned, 32, 4},
    [DlcElementUI64] = {"ui64", RefUnsigned, 64, 8},
};

RefClass dlcRefClassOf(DlcElementType type) { return types[type].cls; }
unsigned dlcRefBitsOf(DlcElementType type) { return types[type].bits; }
const char *dlcRefTypeName(DlcElementType type) { return types[type].name; }
size_t dlcElementTypeGetByteSize(DlcElementType type) { return types[type].bytes; }

bool dlcElementTypeFromMlirType(MlirType type, DlcElementType *out) {
  if (!dlcIsSupportedElementType(type))
    return false;
  if (mlirTypeIsAF16(type))
    *out = DlcElementF16;
  else if (mlirTypeIsABF16(type))
    *out = DlcElementBF16;
  else if (mlirTypeIsAF32(type))
    *out = DlcElementF32;
  else if (mlirTypeIsAF64(type))
    *out = DlcElementF64;
  else {
    unsigned bits = mlirIntegerTypeGetWidth(type);
    bool isUnsigned = mlirIntegerTypeIsUnsigned(type);
    /* The table lists each integer width once per signedness, in the enum's order. */
    for (int t = DlcElementI1; t <= DlcElementUI64; ++t)
      if (types[t].bits == bits && (types[t].cls == RefUnsigned) == isUnsigned)
        *out = (DlcElementType)t;
  }
  return true;
}

MlirType dlcElementTypeGetMlirType(MlirContext ctx, DlcElementType type) {
  switch (types[type].cls) {
  case RefFloat:
    return type == DlcElementF16    ? mlirF16TypeGet(ctx)
           : type == DlcElementBF16 ? mlirBF16TypeGet(ctx)
           : type == DlcElementF32  ? mlirF32TypeGet(ctx)
                                    : mlirF64TypeGet(ctx);
  case RefUnsigned:
    return mlirIntegerTypeUnsignedGet(ctx, types[type].bits);
  default:
    return mlirIntegerTypeGet(ctx, types[type].bits);
  }
}

/* ---- f16 and bf16 ----------------------------------------------------------------------- */

/* A 16-bit IEEE-style binary format: 1 sign bit, 15 - manBits exponent bits. */
typedef struct {
  int manBits;
  int minExp; /* exponent of the smallest normal number (1 - bias) */
  int maxExp; /* exponent of the largest finite number (bias) */
} Format16;

static const Format16 halfFormat = {10, -14, 15};
static const Format16 bfloatFormat = {7, -126, 127};

static int expBits(const Format16 *f) { return 15 - f->manBits; }

/* Rounds a non-negative integral-or-not double to an integer, ties to even. Works for the
 * values used here (below 2^53), independent of the floating-point rounding mode. */
static double roundHalfEven(double x) {
  double lo = floor(x), diff = x - lo;
  if (diff > 0.5 || (diff == 0.5 && fmod(lo, 2.0) != 0.0))
    return lo + 1.0;
  return lo;
}

static uint16_t encode16(double x, const Format16 *f) {
  uint16_t sign = signbit(x) ? 0x8000u : 0u;
  uint16_t expMask = (uint16_t)(((1u << expBits(f)) - 1u) << f->manBits);
  if (isnan(x)) {
    /* Keep the payload's top bits; a payload that lies entirely below them becomes the quiet
     * NaN, never an infinity. */
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint16_t payload = (uint16_t)((bits & ((UINT64_C(1) << 52) - 1)) >> (52 - f->manBits));
    return sign | expMask | (payload ? payload : (uint16_t)(1u << (f->manBits - 1)));
  }
  double a = fabs(x);
  if (isinf(a))
    return sign | expMask;
  /* Round to a multiple of the unit in the last place of a's binade (never finer than the
   * subnormal spacing): scaling by powers of two is exact, so this is one rounding. */
  int e;
  frexp(a, &e); /* a = m * 2^e, 0.5 <= m < 1: the binade's exponent is e - 1 */
  int quantum = (e - 1 < f->minExp ? f->minExp : e - 1) - f->manBits;
  double r = ldexp(roundHalfEven(ldexp(a, -quantum)), quantum);
  double maxFinite = ldexp(2.0 - ldexp(1.0, -f->manBits), f->maxExp);
  if (r > maxFinite)
    return sign | expMask;
  if (r == 0.0)
    return sign;
  /* r is representable now: write its exponent and mantissa fields exactly. */
  frexp(r, &e);
  if (e - 1 < f->minExp)
    return sign | (uint16_t)ldexp(r, f->manBits - f->minExp);
  uint16_t biased = (uint16_t)(e - 1 + f->maxExp);
  uint16_t mantissa = (uint16_t)(ldexp(r, f->manBits - (e - 1)) - ldexp(1.0, f->manBits));
  return sign | (uint16_t)(biased << f->manBits) | mantissa;
}

static double decode16(uint16_t bits, const Format16 *f) {
  unsigned manMask = (1u << f->manBits) - 1u, expAll = (1u << expBits(f)) - 1u;
  unsigned field = (bits >> f->manBits) & expAll, mantissa = bits & manMask;
  double value;
  if (field == expAll && mantissa) {
    uint64_t d = UINT64_C(0x7FF0000000000000) | (uint64_t)mantissa << (52 - f->manBits);
    memcpy(&value, &d, sizeof value);
  } else if (field == expAll) {
    value = INFINITY;
  } else if (field == 0) {
    value = ldexp((double)mantissa, f->minExp - f->manBits);
  } else {
    value = ldexp((double)(mantissa | (manMask + 1u)), (int)field - f->maxExp - f->manBits);
  }
  return bits & 0x8000u ? -value : value;
}

/* ---- Load and store --------------------------------------------------------------------- */

/* One element of `type` at `p`, widened. */
static RefScalar loadAt(DlcElementType type, const unsigned char *p) {
  RefScalar v;
  uint8_t b8;
  uint16_t b16;
  uint32_t b32;
  float f32;
  switch (type) {
  case DlcElementF16:
  case DlcElementBF16:
    memcpy(&b16, p, 2);
    v.f = decode16(b16, type == DlcElementF16 ? &halfFormat : &bfloatFormat);
    break;
  case DlcElementF32: memcpy(&f32, p, 4); v.f = f32; break;
  case DlcElementF64: memcpy(&v.f, p, 8); break;
  case DlcElementI8: memcpy(&b8, p, 1); v.i = (int8_t)b8; break;
  case DlcElementI16: memcpy(&b16, p, 2); v.i = (int16_t)b16; break;
  case DlcElementI32: memcpy(&b32, p, 4); v.i = (int32_t)b32; break;
  case DlcElementI1:
  case DlcElementUI8: memcpy(&b8, p, 1); v.u = b8; break;
  case DlcElementUI16: memcpy(&b16, p, 2); v.u = b16; break;
  case DlcElementUI32: memcpy(&b32, p, 4); v.u = b32; break;
  default: memcpy(&v.u, p, 8); break; /* i64, ui64 */
  }
  return v;
}

/* Stores `v` as one element of `type` at `p`. */
static void storeAt(DlcElementType type, unsigned char *p, RefScalar v) {
  uint8_t b8 = (uint8_t)v.u;
  uint16_t b16 = (uint16_t)v.u;
  uint32_t b32 = (uint32_t)v.u;
  float f32;
  switch (type) {
  case DlcElementF16: b16 = encode16(v.f, &halfFormat); memcpy(p, &b16, 2); break;
  case DlcElementBF16: b16 = encode16(v.f, &bfloatFormat); memcpy(p, &b16, 2); break;
  case DlcElementF32:
    f32 = (float)v.f; /* C rounds to nearest even (the default mode), overflow to inf */
    memcpy(p, &f32, 4);
    break;
  case DlcElementI1: b8 = v.u != 0; memcpy(p, &b8, 1); break;
  case DlcElementI8:
  case DlcElementUI8: memcpy(p, &b8, 1); break;
  case DlcElementI16:
  case DlcElementUI16: memcpy(p, &b16, 2); break;
  case DlcElementI32:
  case DlcElementUI32: memcpy(p, &b32, 4); break;
  default: memcpy(p, &v.u, 8); break; /* f64, i64, ui64: all 64 bits */
  }
}

RefScalar dlcRefLoad(const RefTensor *t, int64_t index) {
  return loadAt(t->type, t->data + (size_t)index * types[t->type].bytes);
}

void dlcRefStore(RefTensor *t, int64_t index, RefScalar v) {
  storeAt(t->type, t->data + (size_t)index * types[t->type].bytes, v);
}

RefScalar dlcRefRound(DlcElementType type, RefScalar v) {
  unsigned char element[8];
  storeAt(type, element, v);
  return loadAt(type, element);
}

int64_t dlcRefLoadIndex(const RefTensor *t, int64_t index) {
  RefScalar v = dlcRefLoad(t, index);
  if (types[t->type].cls == RefSigned)
    return v.i;
  return v.u > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v.u;
}

/* ---- Conversion ------------------------------------------------------------------------- */

/* An integer as a double for a later rounding to `to`. For f64 that is C's conversion, one
 * rounding. For narrower formats, rounding to double first and to the format after could
 * round twice the wrong way (a tie created by the first rounding); so integers beyond 53
 * bits are cut to 53 with a sticky bit (any nonzero bit cut off sets the last bit kept):
 * exact in a double, and it rounds to 24 bits or fewer exactly as the integer would. */
static double integerToDouble(bool negative, uint64_t magnitude, DlcElementType to) {
  double value;
  if (to == DlcElementF64 || magnitude < (UINT64_C(1) << 53)) {
    value = (double)magnitude;
  } else {
    int shift = 0;
    while ((magnitude >> shift) >= (UINT64_C(1) << 53))
      ++shift;
    uint64_t kept = magnitude >> shift;
    kept |= (magnitude & ((UINT64_C(1) << shift) - 1)) != 0;
    value = ldexp((double)kept, shift);
  }
  return negative ? -value : value;
}

/* Float to integer: rounds toward zero and saturates at the type's bounds; NaN becomes 0.
 * StableHLO leaves out-of-range conversions implementation-defined; saturation is what
 * XLA's CPU and GPU backends produce. */
static RefScalar floatToInteger(double x, DlcElementType to) {
  RefScalar r;
  unsigned bits = types[to].bits;
  double t = trunc(x);
  if (types[to].cls == RefSigned) {
    double limit = ldexp(1.0, (int)bits - 1); /* 2^(bits-1), exact */
    if (isnan(t))
      r.i = 0;
    else if (t >= limit)
      r.i = (int64_t)((UINT64_C(1) << (bits - 1)) - 1);
    else if (t <= -limit)
      r.i = -(int64_t)((UINT64_C(1) << (bits - 1)) - 1) - 1;
    else
      r.i = (int64_t)t;
  } else {
    double limit = ldexp(1.0, (int)bits); /* 2^bits, exact */
    if (isnan(t) || t <= 0)
      r.u = 0;
    else if (t >= limit)
      r.u = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    else
      r.u = (uint64_t)t;
  }
  return r;
}

RefScalar dlcRefConvert(RefScalar v, DlcElementType from, DlcElementType to) {
  RefClass src = types[from].cls, dst = types[to].cls;
  RefScalar r;
  if (dst == RefBool) {
    r.u = src == RefFloat ? v.f != 0.0 : v.u != 0; /* NaN != 0 */
    return r;
  }
  if (dst == RefFloat) {
    if (src == RefFloat)
      r.f = v.f; /* the store rounds, once */
    else if (src == RefSigned)
      r.f = integerToDouble(v.i < 0, v.i < 0 ? 0 - v.u : v.u, to);
    else
      r.f = integerToDouble(false, v.u, to);
    return r;
  }
  if (src == RefFloat)
    return floatToInteger(v.f, to);
  /* Integer to integer keeps the two's complement bits; the store truncates (wraps). */
  return v;
}

/* ---- Formatting ------------------------------------------------------------------------- */

const char *dlcRefFormat(DlcElementType type, RefScalar v, char *buf, size_t size) {
  switch (types[type].cls) {
  case RefFloat:
    /* Enough significant digits to read back the same value of the type. */
    snprintf(buf, size, "%.*g", type == DlcElementF64 ? 17 : type == DlcElementF32 ? 9 : 5, v.f);
    break;
  case RefSigned: snprintf(buf, size, "%lld", (long long)v.i); break;
  case RefUnsigned: snprintf(buf, size, "%llu", (unsigned long long)v.u); break;
  case RefBool: snprintf(buf, size, "%s", v.u ? "true" : "false"); break;
  }
  return buf;
}
