/* RulesElementwise.c: rules of constant, iota and the elementwise ops (unary, binary,
 * compare, select, clamp, convert), after the StableHLO specification. Elementwise ops
 * take operands of one type (select's predicate and clamp's bounds may also be scalar
 * tensors) and produce that shape; each op accepts a set of element-type classes.
 * dlc's signless integers are signed (as in StableHLO's MLIR form), `ui*` are unsigned,
 * and i1 is the boolean type, a class of its own. */
#include "OpRules.h"

#include <string.h>

/* Element-type classes, as bits; an op accepts the union it names. */
enum {
  C_BOOL = 1u << 0,  /* i1 */
  C_SINT = 1u << 1,  /* i8..i64, signless = signed */
  C_UINT = 1u << 2,  /* ui8..ui64 */
  C_FLOAT = 1u << 3, /* f16, bf16, f32, f64 */
  C_INT = C_SINT | C_UINT,
  C_NUMBER = C_INT | C_FLOAT, /* StableHLO's "integer or floating-point": no i1 */
  C_ANY = C_BOOL | C_NUMBER,
};

static unsigned classOf(MlirType t) {
  if (dlcIsFloatType(t))
    return C_FLOAT;
  if (dlcIsBoolType(t))
    return C_BOOL;
  if (dlcIsIntegerType(t))
    return mlirIntegerTypeIsUnsigned(t) ? C_UINT : C_SINT;
  return 0;
}

/* "does not accept element type i32 (expects float)"; `what` ("", "result ") says whose. */
static MlirLogicalResult checkClass(const DlcOpSig *sig, const char *what, MlirType element,
                                    unsigned classes) {
  if (classOf(element) & classes)
    return mlirLogicalResultSuccess();
  static const char *const names[] = {"i1", "signless integer", "unsigned integer", "float"};
  char expects[96] = "", type[64];
  unsigned total = 0, seen = 0;
  for (unsigned bit = 0; bit < 4; ++bit)
    total += (classes >> bit) & 1u;
  for (unsigned bit = 0; bit < 4; ++bit) {
    if (!(classes & (1u << bit)))
      continue;
    ++seen;
    strcat(expects, seen == 1 ? "" : seen == total ? " or " : ", ");
    strcat(expects, names[bit]);
  }
  return dlcRuleError(sig, "does not accept %selement type %s (expects %s)", what,
                      dlcTypeStr(element, type, sizeof type), expects);
}

static bool sameType(const DlcShape *a, const DlcShape *b) {
  return dlcShapeDimsEqual(a, b) && mlirTypeEqual(a->element, b->element);
}

/* All operands have one type, of an accepted class; the result has that type. */
static MlirLogicalResult sameOperandTypes(DlcOpSig *sig, unsigned classes) {
  DlcShape first = dlcOperandShape(sig, 0);
  for (intptr_t i = 1; i < sig->numOperands; ++i) {
    DlcShape s = dlcOperandShape(sig, i);
    if (!sameType(&first, &s)) {
      char a[256], b[256];
      return dlcRuleError(sig, "operand types differ: %s vs %s",
                          dlcTypeStr(dlcShapeType(&first), a, sizeof a),
                          dlcTypeStr(dlcShapeType(&s), b, sizeof b));
    }
  }
  if (mlirLogicalResultIsFailure(checkClass(sig, "", first.element, classes)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&first);
  return mlirLogicalResultSuccess();
}

#define CLASS_RULE(fn, classes)                                                                \
  static MlirLogicalResult fn(DlcOpSig *sig) { return sameOperandTypes(sig, classes); }
CLASS_RULE(anyType, C_ANY)                  /* add, multiply, maximum, minimum */
CLASS_RULE(numberType, C_NUMBER)            /* negate, subtract, divide, remainder, power */
CLASS_RULE(signedType, C_SINT | C_FLOAT)    /* abs, sign */
CLASS_RULE(floatType, C_FLOAT)              /* transcendental, floor, ceil */
CLASS_RULE(logicalType, C_BOOL | C_INT)     /* not, and, or, xor */
#undef CLASS_RULE

/* The result has the type of `value` (its shape and element type; a layout may differ). */
static MlirLogicalResult inferConstant(DlcOpSig *sig) {
  MlirAttribute value = dlcSigAttr(sig, "value");
  if (mlirAttributeIsNull(value) || !mlirAttributeIsADenseElements(value))
    return dlcRuleError(sig, "requires a dense elements attribute 'value'");
  MlirType type = mlirAttributeGetType(value);
  char buf[256], given[256];
  if (!mlirTypeIsARankedTensor(type) || !mlirShapedTypeHasStaticShape(type) ||
      mlirShapedTypeGetRank(type) > DLC_MAX_RANK ||
      !dlcIsSupportedElementType(mlirShapedTypeGetElementType(type)))
    return dlcRuleError(sig, "'value' has unsupported type %s", dlcTypeStr(type, buf, sizeof buf));
  DlcShape shape = dlcShapeOf(type);
  MlirType stated = sig->givenResultTypes ? sig->givenResultTypes[0] : (MlirType){NULL};
  if (!mlirTypeIsNull(stated)) {
    DlcShape s = dlcShapeOf(stated);
    if (!sameType(&s, &shape))
      return dlcRuleError(sig, "result type %s differs from the type %s of 'value'",
                          dlcTypeStr(stated, given, sizeof given), dlcTypeStr(type, buf, sizeof buf));
  }
  sig->resultTypes[0] = dlcShapeType(&shape);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferIota(DlcOpSig *sig) {
  DlcShape result;
  int64_t dim = 0;
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, &result)) ||
      mlirLogicalResultIsFailure(dlcSigI64(sig, "iota_dimension", true, &dim)))
    return mlirLogicalResultFailure();
  if (dim < 0 || dim >= result.rank)
    return dlcRuleError(sig, "iota_dimension %lld is out of range [0, %lld) of the result's rank",
                        (long long)dim, (long long)result.rank);
  if (mlirLogicalResultIsFailure(checkClass(sig, "result ", result.element, C_NUMBER)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

/* Any supported element type to any other; the shape stays. */
static MlirLogicalResult inferConvert(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result;
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, &result)))
    return mlirLogicalResultFailure();
  if (!dlcShapeDimsEqual(&operand, &result)) {
    char a[64], b[64];
    return dlcRuleError(sig, "changes the shape from [%s] to [%s]; convert changes only the "
                        "element type",
                        dlcDimsStr(operand.dims, operand.rank, a, sizeof a),
                        dlcDimsStr(result.dims, result.rank, b, sizeof b));
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

/* Reads string attribute `name` and checks it is one of `allowed` (NULL-terminated). */
static MlirLogicalResult checkEnumAttr(const DlcOpSig *sig, const char *name, bool required,
                                       const char *const *allowed, const char *list,
                                       MlirStringRef *out) {
  if (mlirLogicalResultIsFailure(dlcSigString(sig, name, required, out)))
    return mlirLogicalResultFailure();
  if (!out->data)
    return mlirLogicalResultSuccess();
  for (const char *const *a = allowed; *a; ++a)
    if (dlcStrEq(*out, *a))
      return mlirLogicalResultSuccess();
  return dlcRuleError(sig, "%s \"%.*s\" is not one of %s", name, (int)out->length, out->data,
                      list);
}

static const char *const directions[] = {"EQ", "NE", "GE", "GT", "LE", "LT", NULL};
static const char *const compareTypes[] = {"FLOAT", "TOTALORDER", "SIGNED", "UNSIGNED", NULL};

/* Result: i1 of the operands' shape. The optional compare_type must agree with the element
 * type as StableHLO requires: FLOAT or TOTALORDER for floats, SIGNED for signless
 * integers, UNSIGNED for unsigned integers and i1. */
static MlirLogicalResult inferCompare(DlcOpSig *sig) {
  MlirStringRef dir = {0}, kind = {0};
  if (mlirLogicalResultIsFailure(checkEnumAttr(sig, "comparison_direction", true, directions,
                                               "EQ, NE, GE, GT, LE, LT", &dir)) ||
      mlirLogicalResultIsFailure(checkEnumAttr(sig, "compare_type", false, compareTypes,
                                               "FLOAT, TOTALORDER, SIGNED, UNSIGNED", &kind)) ||
      mlirLogicalResultIsFailure(sameOperandTypes(sig, C_ANY)))
    return mlirLogicalResultFailure();
  DlcShape shape = dlcShapeOf(sig->resultTypes[0]);
  if (kind.data) {
    unsigned cls = classOf(shape.element);
    unsigned allowed = dlcStrEq(kind, "SIGNED")   ? C_SINT
                       : dlcStrEq(kind, "UNSIGNED") ? C_UINT | C_BOOL
                                                    : C_FLOAT;
    char buf[64];
    if (!(cls & allowed))
      return dlcRuleError(sig, "compare_type \"%.*s\" does not fit element type %s",
                          (int)kind.length, kind.data,
                          dlcTypeStr(shape.element, buf, sizeof buf));
  }
  shape.element = mlirIntegerTypeGet(sig->ctx, 1);
  sig->resultTypes[0] = dlcShapeType(&shape);
  return mlirLogicalResultSuccess();
}

/* A scalar operand (rank 0) broadcasts; any other must have the dims of `shape`. */
static bool scalarOrSameDims(const DlcShape *operand, const DlcShape *shape) {
  return operand->rank == 0 || dlcShapeDimsEqual(operand, shape);
}

static MlirLogicalResult inferSelect(DlcOpSig *sig) {
  DlcShape pred = dlcOperandShape(sig, 0), onTrue = dlcOperandShape(sig, 1),
           onFalse = dlcOperandShape(sig, 2);
  char buf[64];
  if (!dlcIsBoolType(pred.element))
    return dlcRuleError(sig, "predicate must have element type i1, got %s",
                        dlcTypeStr(pred.element, buf, sizeof buf));
  if (!sameType(&onTrue, &onFalse))
    return dlcRuleError(sig, "on_true and on_false must have the same type");
  if (!scalarOrSameDims(&pred, &onTrue))
    return dlcRuleError(sig, "predicate must be a scalar or have the shape of on_true");
  sig->resultTypes[0] = dlcShapeType(&onTrue);
  return mlirLogicalResultSuccess();
}

/* min(max(operand, min), max); i1 is ordered false < true, as StableHLO's clamp allows. */
static MlirLogicalResult inferClamp(DlcOpSig *sig) {
  DlcShape min = dlcOperandShape(sig, 0), operand = dlcOperandShape(sig, 1),
           max = dlcOperandShape(sig, 2);
  if (!mlirTypeEqual(min.element, operand.element) || !mlirTypeEqual(max.element, operand.element))
    return dlcRuleError(sig, "min, operand and max must have the same element type");
  if (!scalarOrSameDims(&min, &operand) || !scalarOrSameDims(&max, &operand))
    return dlcRuleError(sig, "min and max must be scalars or have the shape of the operand");
  sig->resultTypes[0] = dlcShapeType(&operand);
  return mlirLogicalResultSuccess();
}

/* select and clamp are elementwise with a broadcast: a rank-0 predicate or bound of a
 * higher-rank op stands for every element. */
#define EW DLC_TRAIT_ELEMENTWISE
const DlcOpRule dlcElementwiseRules[] = {
    {"dhlo.constant", inferConstant, 0},
    {"dhlo.iota", inferIota, 0},
    /* unary */
    {"dhlo.negate", numberType, EW},
    {"dhlo.abs", signedType, EW},
    {"dhlo.sign", signedType, EW},
    {"dhlo.exponential", floatType, EW},
    {"dhlo.log", floatType, EW},
    {"dhlo.log_plus_one", floatType, EW},
    {"dhlo.tanh", floatType, EW},
    {"dhlo.logistic", floatType, EW},
    {"dhlo.sqrt", floatType, EW},
    {"dhlo.rsqrt", floatType, EW},
    {"dhlo.sine", floatType, EW},
    {"dhlo.cosine", floatType, EW},
    {"dhlo.floor", floatType, EW},
    {"dhlo.ceil", floatType, EW},
    {"dhlo.not", logicalType, EW},
    {"dhlo.convert", inferConvert, EW},
    /* binary */
    {"dhlo.add", anyType, EW},
    {"dhlo.subtract", numberType, EW},
    {"dhlo.multiply", anyType, EW},
    {"dhlo.divide", numberType, EW},
    {"dhlo.remainder", numberType, EW},
    {"dhlo.maximum", anyType, EW},
    {"dhlo.minimum", anyType, EW},
    {"dhlo.power", numberType, EW},
    {"dhlo.and", logicalType, EW},
    {"dhlo.or", logicalType, EW},
    {"dhlo.xor", logicalType, EW},
    {"dhlo.compare", inferCompare, EW},
    {"dhlo.select", inferSelect, EW},
    {"dhlo.clamp", inferClamp, EW},
    {NULL, NULL, 0},
};
#undef EW
