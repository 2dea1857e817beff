/* Literal.c: tensors written on the command line: nested brackets as numpy prints them,
 * `[[1, 2], [3, 4]]`, or one number, which fills every element (`2.5`, also a 0-d tensor).
 * Numbers are C's: integers, decimals and exponents, hex floats, inf and nan, plus true and
 * false. The nesting gives the shape, which must be the argument's. Integers are read
 * exactly (64 bits) and must fit the element type; a float element rounds to nearest even.
 * Ownership: the parser owns its token array; the tensor returned is the caller's. */
#include "DlcRun.h"

#include "mlir-c/BuiltinTypes.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct Token {
  const char *text;
  size_t len;
} Token;

typedef struct Parser {
  const char *text, *p;
  intptr_t rank; /* -1 until the first number (or empty list) fixes it */
  int64_t dims[DLC_MAX_RANK];
  bool dimKnown[DLC_MAX_RANK];
  Token *tokens;
  size_t count;
  const char *error; /* NULL while all is well */
} Parser;

static void skipSpace(Parser *ps) {
  while (isspace((unsigned char)*ps->p))
    ++ps->p;
}

static bool fail(Parser *ps, const char *error) {
  if (!ps->error)
    ps->error = error;
  return false;
}

/* Every number must sit at the same depth: the literal's rank. */
static bool atDepth(Parser *ps, intptr_t depth) {
  if (ps->rank < 0)
    ps->rank = depth;
  return ps->rank == depth || fail(ps, "ragged nesting: numbers at different depths");
}

static bool parseValue(Parser *ps, intptr_t depth);

static bool parseList(Parser *ps, intptr_t depth) {
  if (depth >= DLC_MAX_RANK)
    return fail(ps, "too deeply nested");
  ++ps->p; /* '[' */
  skipSpace(ps);
  int64_t count = 0;
  if (*ps->p == ']') {
    ++ps->p;
    if (!atDepth(ps, depth + 1))
      return false;
  } else {
    for (;;) {
      if (!parseValue(ps, depth + 1))
        return false;
      ++count;
      skipSpace(ps);
      if (*ps->p == ']') {
        ++ps->p;
        break;
      }
      if (*ps->p != ',')
        return fail(ps, "expected ',' or ']'");
      ++ps->p;
    }
  }
  if (!ps->dimKnown[depth]) {
    ps->dimKnown[depth] = true;
    ps->dims[depth] = count;
  }
  return ps->dims[depth] == count || fail(ps, "rows of different lengths");
}

static bool parseValue(Parser *ps, intptr_t depth) {
  skipSpace(ps);
  if (*ps->p == '[')
    return parseList(ps, depth);
  const char *start = ps->p;
  while (*ps->p && !isspace((unsigned char)*ps->p) && !strchr(",[]", *ps->p))
    ++ps->p;
  if (ps->p == start)
    return fail(ps, "expected a number or '['");
  if (!atDepth(ps, depth))
    return false;
  ps->tokens = xrealloc(ps->tokens, sizeof(Token) * (ps->count + 1));
  ps->tokens[ps->count++] = (Token){start, (size_t)(ps->p - start)};
  return true;
}

/* A number read from a token: an exact integer (sign and magnitude) or a double. */
typedef struct Number {
  bool isInteger, negative;
  uint64_t magnitude;
  double value;
} Number;

static bool readNumber(const char *text, Number *n) {
  *n = (Number){0};
  if (!strcmp(text, "true") || !strcmp(text, "false")) {
    *n = (Number){.isInteger = true, .magnitude = text[0] == 't', .value = text[0] == 't'};
    return true;
  }
  /* Out-of-range decimals become inf or 0, as C reads them. */
  char *end;
  n->value = strtod(text, &end);
  if (!*text || *end)
    return false;
  const char *digits = text + (text[0] == '-' || text[0] == '+');
  bool plainInteger = *digits && strspn(digits, "0123456789") == strlen(digits);
  if (plainInteger) {
    errno = 0;
    n->magnitude = strtoull(digits, NULL, 10);
    n->isInteger = !errno;
    n->negative = text[0] == '-' && n->magnitude;
  } else if (isfinite(n->value) && n->value == trunc(n->value) && fabs(n->value) < 0x1p64) {
    /* 1e3 is an integer too; its double is exact. */
    n->isInteger = true;
    n->negative = n->value < 0;
    n->magnitude = (uint64_t)fabs(n->value);
  }
  return true;
}

static bool isUnsigned(DlcElementType t) {
  return t == DlcElementUI8 || t == DlcElementUI16 || t == DlcElementUI32 || t == DlcElementUI64;
}

static bool isFloat(DlcElementType t) {
  return t == DlcElementF16 || t == DlcElementBF16 || t == DlcElementF32 || t == DlcElementF64;
}

/* Whether integer `n` is a value of integer type `t`. */
static bool fits(const Number *n, DlcElementType t) {
  if (t == DlcElementI1)
    return !n->negative && n->magnitude <= 1;
  unsigned bits = 8 * (unsigned)dlcElementTypeGetByteSize(t);
  uint64_t limit = bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1; /* unsigned max */
  if (isUnsigned(t))
    return !n->negative && n->magnitude <= limit;
  uint64_t positive = limit >> 1; /* 2^(bits-1) - 1 */
  return n->magnitude <= positive + (n->negative ? 1 : 0);
}

/* Stores token `tok` at element `index` of `t`; prints why it cannot. */
static bool store(const InputSpec *spec, DlcHostTensor t, int64_t index, Token tok) {
  char text[128];
  snprintf(text, sizeof text, "%.*s", (int)tok.len, tok.text);
  DlcElementType type = dlcHostTensorGetElementType(t);
  Number n;
  const char *why = NULL;
  if (!readNumber(text, &n))
    why = "is not a number";
  else if (!isFloat(type) && !n.isInteger)
    why = "is not an integer";
  else if (!isFloat(type) && !fits(&n, type))
    why = "is out of range";
  if (why) {
    Buf arg = {0};
    describeArgument(spec, &arg);
    fprintf(stderr, "dlc-run: input #%ld: '%s' %s for %s\n", (long)spec->index, text, why,
            arg.data);
    bufFree(&arg);
    return false;
  }
  uint64_t bits = n.negative ? 0 - n.magnitude : n.magnitude;
  /* A float that is an integer is set from it exactly (one rounding, to the element type),
   * except a zero, whose sign only the double keeps (-0.0). */
  if (isFloat(type) && (!(n.isInteger && n.magnitude <= INT64_MAX) || n.magnitude == 0))
    dlcHostTensorSetElementFromDouble(t, index, n.value);
  else
    dlcHostTensorSetElementFromInt64(t, index, (int64_t)bits);
  return true;
}

DlcHostTensor readLiteral(const InputSpec *spec) {
  Parser ps = {.text = spec->text, .p = spec->text, .rank = -1};
  bool ok = parseValue(&ps, 0);
  skipSpace(&ps);
  if (ok && *ps.p)
    ok = fail(&ps, "unexpected text after the literal");
  DlcHostTensor t = {NULL};
  Buf arg = {0};
  describeArgument(spec, &arg);
  if (!ok) {
    fprintf(stderr, "dlc-run: input #%ld: cannot read literal '%s': %s at column %ld\n",
            (long)spec->index, spec->text, ps.error, (long)(ps.p - ps.text) + 1);
  } else if (ps.rank != 0 && !hasShape(spec->type, ps.rank, ps.dims)) {
    /* A single number fits any shape: it fills the tensor. */
    Buf shape = {0};
    appendDims(&shape, ps.rank, ps.dims, false);
    fprintf(stderr, "dlc-run: input #%ld: literal of shape %s does not fit %s\n",
            (long)spec->index, shape.data, arg.data);
    bufFree(&shape);
  } else {
    t = dlcHostTensorCreate(spec->type);
    int64_t count = dlcHostTensorGetNumElements(t);
    for (int64_t i = 0; ok && i < count; ++i)
      ok = store(spec, t, i, ps.tokens[ps.rank == 0 ? 0 : i]);
    if (!ok) {
      dlcHostTensorDestroy(t);
      t = (DlcHostTensor){NULL};
    }
  }
  bufFree(&arg);
  free(ps.tokens);
  return t;
}
