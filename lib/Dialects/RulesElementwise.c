/* RulesElementwise.c: rules of constant, iota and the elementwise ops (unary, binary,
 * compare, select, clamp, convert), after the StableHLO specification. Elementwise ops
 * take operands of one shape (select and clamp also accept scalar tensors) and produce
 * that shape. */
#include "OpRules.h"

/* Which element types an elementwise op accepts. */
typedef enum { ANY_NUMBER, FLOAT_ONLY, INTEGER_ONLY, SIGNED_NUMBER } ElementClass;

static MlirLogicalResult checkElementClass(const DlcOpSig *sig, MlirType element,
                                           ElementClass cls) {
  char buf[64];
  bool ok = cls == ANY_NUMBER      ? true
            : cls == FLOAT_ONLY    ? dlcIsFloatType(element)
            : cls == INTEGER_ONLY  ? dlcIsIntegerType(element)
                                   : !dlcIsBoolType(element);
  if (!ok)
    return dlcRuleError(sig, "does not accept element type %s (expects %s)",
                        dlcTypeStr(element, buf, sizeof buf),
                        cls == FLOAT_ONLY     ? "a float type"
                        : cls == INTEGER_ONLY ? "an integer or i1 type"
                                              : "a numeric type other than i1");
  return mlirLogicalResultSuccess();
}

/* All operands have the same shape and element type; the result is that type. */
static MlirLogicalResult sameOperandTypes(DlcOpSig *sig, ElementClass cls) {
  DlcShape first = dlcOperandShape(sig, 0);
  for (intptr_t i = 1; i < sig->numOperands; ++i) {
    DlcShape s = dlcOperandShape(sig, i);
    if (!dlcShapeDimsEqual(&first, &s) || !mlirTypeEqual(first.element, s.element)) {
      char a[256], b[256];
      return dlcRuleError(sig, "operand types differ: %s vs %s",
                          dlcTypeStr(dlcShapeType(&first), a, sizeof a),
                          dlcTypeStr(dlcShapeType(&s), b, sizeof b));
    }
  }
  if (mlirLogicalResultIsFailure(checkElementClass(sig, first.element, cls)))
    return mlirLogicalResultFailure();
  sig->resultTypes[0] = dlcShapeType(&first);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult anyNumber(DlcOpSig *sig) { return sameOperandTypes(sig, ANY_NUMBER); }
static MlirLogicalResult floatOnly(DlcOpSig *sig) { return sameOperandTypes(sig, FLOAT_ONLY); }
static MlirLogicalResult integerOnly(DlcOpSig *sig) { return sameOperandTypes(sig, INTEGER_ONLY); }
static MlirLogicalResult signedNumber(DlcOpSig *sig) { return sameOperandTypes(sig, SIGNED_NUMBER); }

static MlirLogicalResult inferConstant(DlcOpSig *sig) {
  MlirAttribute value = dlcSigAttr(sig, "value");
  if (mlirAttributeIsNull(value) || !mlirAttributeIsADenseElements(value))
    return dlcRuleError(sig, "requires a dense elements attribute 'value'");
  MlirType type = mlirAttributeGetType(value);
  char buf[256];
  if (!mlirTypeIsARankedTensor(type) || !mlirShapedTypeHasStaticShape(type) ||
      !dlcIsSupportedElementType(mlirShapedTypeGetElementType(type)))
    return dlcRuleError(sig, "'value' has unsupported type %s", dlcTypeStr(type, buf, sizeof buf));
  DlcShape shape = dlcShapeOf(type);
  sig->resultTypes[0] = dlcShapeType(&shape);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferIota(DlcOpSig *sig) {
  DlcShape result;
  int64_t dim = 0;
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, &result)) ||
      mlirLogicalResultIsFailure(dlcSigI64(sig, "iota_dimension", true, &dim)))
    return mlirLogicalResultFailure();
  if (result.rank == 0)
    return dlcRuleError(sig, "result must have rank >= 1");
  if (dim < 0 || dim >= result.rank)
    return dlcRuleError(sig, "iota_dimension %lld is out of range [0, %lld)", (long long)dim,
                        (long long)result.rank);
  if (dlcIsBoolType(result.element))
    return dlcRuleError(sig, "result element type must not be i1");
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferConvert(DlcOpSig *sig) {
  DlcShape operand = dlcOperandShape(sig, 0), result;
  if (mlirLogicalResultIsFailure(dlcGivenResultShape(sig, 0, &result)))
    return mlirLogicalResultFailure();
  if (!dlcShapeDimsEqual(&operand, &result)) {
    char a[64], b[64];
    return dlcRuleError(sig, "changes the shape from %s to %s; convert changes only the element type",
                        dlcDimsStr(operand.dims, operand.rank, a, sizeof a),
                        dlcDimsStr(result.dims, result.rank, b, sizeof b));
  }
  sig->resultTypes[0] = dlcShapeType(&result);
  return mlirLogicalResultSuccess();
}

static const char *const directions[] = {"EQ", "NE", "GE", "GT", "LE", "LT"};

static MlirLogicalResult inferCompare(DlcOpSig *sig) {
  MlirStringRef dir = {0};
  if (mlirLogicalResultIsFailure(dlcSigString(sig, "comparison_direction", true, &dir)))
    return mlirLogicalResultFailure();
  bool known = false;
  for (size_t i = 0; i < sizeof directions / sizeof directions[0]; ++i)
    known |= dlcStrEq(dir, directions[i]);
  if (!known)
    return dlcRuleError(sig, "comparison_direction \"%.*s\" is not one of EQ, NE, GE, GT, LE, LT",
                        (int)dir.length, dir.data);
  if (mlirLogicalResultIsFailure(sameOperandTypes(sig, ANY_NUMBER)))
    return mlirLogicalResultFailure();
  DlcShape shape = dlcShapeOf(sig->resultTypes[0]);
  shape.element = mlirIntegerTypeGet(sig->ctx, 1);
  sig->resultTypes[0] = dlcShapeType(&shape);
  return mlirLogicalResultSuccess();
}

/* A scalar operand (rank 0) broadcasts; any other must match `shape` exactly. */
static bool scalarOrSameDims(const DlcShape *operand, const DlcShape *shape) {
  return operand->rank == 0 || dlcShapeDimsEqual(operand, shape);
}

static MlirLogicalResult inferSelect(DlcOpSig *sig) {
  DlcShape pred = dlcOperandShape(sig, 0), onTrue = dlcOperandShape(sig, 1),
           onFalse = dlcOperandShape(sig, 2);
  if (!dlcIsBoolType(pred.element))
    return dlcRuleError(sig, "predicate must have element type i1");
  if (!dlcShapeDimsEqual(&onTrue, &onFalse) || !mlirTypeEqual(onTrue.element, onFalse.element))
    return dlcRuleError(sig, "on_true and on_false must have the same type");
  if (!scalarOrSameDims(&pred, &onTrue))
    return dlcRuleError(sig, "predicate must be a scalar or have the shape of on_true");
  sig->resultTypes[0] = dlcShapeType(&onTrue);
  return mlirLogicalResultSuccess();
}

static MlirLogicalResult inferClamp(DlcOpSig *sig) {
  DlcShape min = dlcOperandShape(sig, 0), operand = dlcOperandShape(sig, 1),
           max = dlcOperandShape(sig, 2);
  if (!mlirTypeEqual(min.element, operand.element) || !mlirTypeEqual(max.element, operand.element))
    return dlcRuleError(sig, "min, operand and max must have the same element type");
  if (!scalarOrSameDims(&min, &operand) || !scalarOrSameDims(&max, &operand))
    return dlcRuleError(sig, "min and max must be scalars or have the shape of the operand");
  if (dlcIsBoolType(operand.element))
    return dlcRuleError(sig, "does not accept element type i1");
  sig->resultTypes[0] = dlcShapeType(&operand);
  return mlirLogicalResultSuccess();
}

#define EW DLC_TRAIT_ELEMENTWISE
const DlcOpRule dlcElementwiseRules[] = {
    {"dhlo.constant", inferConstant, 0},
    {"dhlo.iota", inferIota, 0},
    /* unary */
    {"dhlo.negate", signedNumber, EW},
    {"dhlo.abs", signedNumber, EW},
    {"dhlo.sign", signedNumber, EW},
    {"dhlo.exponential", floatOnly, EW},
    {"dhlo.log", floatOnly, EW},
    {"dhlo.log_plus_one", floatOnly, EW},
    {"dhlo.tanh", floatOnly, EW},
    {"dhlo.logistic", floatOnly, EW},
    {"dhlo.sqrt", floatOnly, EW},
    {"dhlo.rsqrt", floatOnly, EW},
    {"dhlo.sine", floatOnly, EW},
    {"dhlo.cosine", floatOnly, EW},
    {"dhlo.floor", floatOnly, EW},
    {"dhlo.ceil", floatOnly, EW},
    {"dhlo.not", integerOnly, EW},
    {"dhlo.convert", inferConvert, EW},
    /* binary */
    {"dhlo.add", anyNumber, EW},
    {"dhlo.subtract", signedNumber, EW},
    {"dhlo.multiply", anyNumber, EW},
    {"dhlo.divide", signedNumber, EW},
    {"dhlo.remainder", signedNumber, EW},
    {"dhlo.maximum", anyNumber, EW},
    {"dhlo.minimum", anyNumber, EW},
    {"dhlo.power", signedNumber, EW},
    {"dhlo.and", integerOnly, EW},
    {"dhlo.or", integerOnly, EW},
    {"dhlo.xor", integerOnly, EW},
    {"dhlo.compare", inferCompare, EW},
    {"dhlo.select", inferSelect, EW},
    {"dhlo.clamp", inferClamp, EW},
    {NULL, NULL, 0},
};
