/* Random.c: seeded random inputs for host tensors. SplitMix64 is the generator: one 64-bit
 * word of state, a published algorithm with known outputs, and the same numbers on every
 * machine and C library (rand() promises none of that). Nothing here allocates. */
#include "Reference/Evaluator.h"

#include <math.h>

uint64_t dlcSplitMix64(uint64_t *state) {
  uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* The integer range [lo, hi] of a fill, within the element type's own range. The bounds
 * are kept as doubles until they are known to fit in 64 bits. */
static void integerRange(DlcElementType type, double lo, double hi, int64_t *min, uint64_t *span) {
  unsigned bits = dlcRefBitsOf(type);
  bool isSigned = dlcRefClassOf(type) == RefSigned;
  double typeMin = isSigned ? -ldexp(1.0, (int)bits - 1) : 0.0;
  double typeMax = isSigned ? ldexp(1.0, (int)bits - 1) - 1.0 : ldexp(1.0, (int)bits) - 1.0;
  double a = fmax(ceil(lo), typeMin), b = fmin(floor(hi), typeMax);
  if (!(a <= b)) /* empty or NaN bounds: the one value a */
    b = a = isnan(a) ? 0.0 : a;
  /* Relative to a, the count b - a + 1 fits in a uint64 except for the full 64-bit range,
   * which span 0 stands for. Doubles near 2^63 are multiples of 2^11, so a and b are exact. */
  RefScalar from = dlcRefConvert((RefScalar){.f = a}, DlcElementF64, type);
  RefScalar to = dlcRefConvert((RefScalar){.f = b}, DlcElementF64, type);
  *min = from.i;
  *span = to.u - from.u + 1;
}

void dlcHostTensorFillRandom(DlcHostTensor tensor, uint64_t seed, double lo, double hi) {
  RefTensor *t = dlcRefUnwrap(tensor);
  uint64_t state = seed;
  RefClass cls = dlcRefClassOf(t->type);
  int64_t min = 0;
  uint64_t span = 0;
  if (cls == RefSigned || cls == RefUnsigned)
    integerRange(t->type, lo, hi, &min, &span);
  for (int64_t n = 0; n < t->count; ++n) {
    uint64_t draw = dlcSplitMix64(&state);
    RefScalar v;
    switch (cls) {
    case RefFloat:
      /* The top 53 bits make a double uniform in [0, 1). */
      v.f = lo + (hi - lo) * ldexp((double)(draw >> 11), -53);
      break;
    case RefBool:
      v.u = draw >> 63;
      break;
    default:
      /* Modulo bias is below span / 2^64: invisible for test inputs. */
      v.u = (uint64_t)min + (span ? draw % span : draw);
      break;
    }
    dlcRefStore(t, n, v);
  }
}
