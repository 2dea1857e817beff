/* BuildElementwise.c: builders of constants, iota and the elementwise ops. The op kinds of
 * Builder.h's enums name their ops through tables indexed by the enum, so one body serves
 * every unary and every binary op. */
#include "BuilderInternal.h"

static const char *const unaryNames[] = {
    [DlcUnaryNegate] = "dhlo.negate",
    [DlcUnaryAbs] = "dhlo.abs",
    [DlcUnaryExponential] = "dhlo.exponential",
    [DlcUnaryLog] = "dhlo.log",
    [DlcUnaryLogPlusOne] = "dhlo.log_plus_one",
    [DlcUnaryTanh] = "dhlo.tanh",
    [DlcUnaryLogistic] = "dhlo.logistic",
    [DlcUnarySqrt] = "dhlo.sqrt",
    [DlcUnaryRsqrt] = "dhlo.rsqrt",
    [DlcUnarySine] = "dhlo.sine",
    [DlcUnaryCosine] = "dhlo.cosine",
    [DlcUnaryFloor] = "dhlo.floor",
    [DlcUnaryCeil] = "dhlo.ceil",
    [DlcUnarySign] = "dhlo.sign",
    [DlcUnaryNot] = "dhlo.not",
};

static const char *const binaryNames[] = {
    [DlcBinaryAdd] = "dhlo.add",
    [DlcBinarySubtract] = "dhlo.subtract",
    [DlcBinaryMultiply] = "dhlo.multiply",
    [DlcBinaryDivide] = "dhlo.divide",
    [DlcBinaryRemainder] = "dhlo.remainder",
    [DlcBinaryMaximum] = "dhlo.maximum",
    [DlcBinaryMinimum] = "dhlo.minimum",
    [DlcBinaryPower] = "dhlo.power",
    [DlcBinaryAnd] = "dhlo.and",
    [DlcBinaryOr] = "dhlo.or",
    [DlcBinaryXor] = "dhlo.xor",
};

static const char *const directionNames[] = {
    [DlcCompareEQ] = "EQ", [DlcCompareNE] = "NE", [DlcCompareGE] = "GE",
    [DlcCompareGT] = "GT", [DlcCompareLE] = "LE", [DlcCompareLT] = "LT",
};

#define COUNT(table) (sizeof table / sizeof table[0])

/* A kind from outside its enum (a frontend's bad cast) is reported, never used as an index. */
static const char *nameOfKind(DlcBuilder b, const char *api, const char *const *names, size_t n,
                              int kind) {
  if (kind < 0 || (size_t)kind >= n) {
    dlcBuilderError(b, api, "got unknown kind %d", kind);
    return NULL;
  }
  return names[kind];
}

const char *dlcBinaryOpName(DlcBuilder b, DlcBinaryOpKind kind) {
  return nameOfKind(b, "dlcBuildBinary", binaryNames, COUNT(binaryNames), (int)kind);
}

MlirValue dlcBuildConstant(DlcBuilder b, MlirAttribute value) {
  MlirNamedAttribute attr = dlcNamedAttr(unwrap(b)->ctx, "value", value);
  return dlcBuildOne(b, "dhlo.constant", 0, NULL, 1, &attr, (MlirType){NULL});
}

static bool isStaticTensor(MlirType type) {
  return !mlirTypeIsNull(type) && mlirTypeIsARankedTensor(type) &&
         mlirShapedTypeHasStaticShape(type);
}

static MlirValue badConstantType(DlcBuilder b, MlirType type, const char *expected) {
  char buf[256];
  dlcBuilderError(b, "dhlo.constant", "cannot be made of type %s: expects %s",
                  mlirTypeIsNull(type) ? "<null>" : dlcTypeStr(type, buf, sizeof buf), expected);
  return dlcNullValue();
}

MlirValue dlcBuildConstantSplatF32(DlcBuilder b, MlirType type, float v) {
  MlirType element = isStaticTensor(type) ? mlirShapedTypeGetElementType(type) : (MlirType){NULL};
  MlirAttribute scalar = {NULL};
  if (!mlirTypeIsNull(element) && dlcIsFloatType(element))
    scalar = mlirFloatAttrDoubleGet(unwrap(b)->ctx, element, v);
  else if (!mlirTypeIsNull(element) && dlcIsIntegerType(element))
    scalar = mlirIntegerAttrGet(element, dlcIsBoolType(element) ? v != 0 : (int64_t)v);
  if (mlirAttributeIsNull(scalar))
    return badConstantType(b, type, "a static tensor type of floats or integers");
  return dlcBuildConstant(b, mlirDenseElementsAttrSplatGet(type, scalar));
}

MlirValue dlcBuildConstantF32(DlcBuilder b, MlirType type, intptr_t n, const float *values) {
  if (!isStaticTensor(type) || !mlirTypeIsAF32(mlirShapedTypeGetElementType(type)))
    return badConstantType(b, type, "a static tensor type of f32");
  DlcShape shape = dlcShapeOf(type);
  if (shape.rank > DLC_MAX_RANK || dlcShapeNumElements(&shape) != n) {
    char buf[256];
    dlcBuilderError(b, "dhlo.constant", "got %lld values for %s", (long long)n,
                    dlcTypeStr(type, buf, sizeof buf));
    return dlcNullValue();
  }
  return dlcBuildConstant(b, mlirDenseElementsAttrFloatGet(type, n, values));
}

MlirValue dlcBuildIota(DlcBuilder b, MlirType resultType, int64_t iotaDimension) {
  MlirNamedAttribute attr = dlcNamedI64(unwrap(b)->ctx, "iota_dimension", iotaDimension);
  return dlcBuildOne(b, "dhlo.iota", 0, NULL, 1, &attr, resultType);
}

MlirValue dlcBuildUnary(DlcBuilder b, DlcUnaryOpKind kind, MlirValue x) {
  const char *name = nameOfKind(b, "dlcBuildUnary", unaryNames, COUNT(unaryNames), (int)kind);
  return name ? dlcBuildOne(b, name, 1, &x, 0, NULL, (MlirType){NULL}) : dlcNullValue();
}

MlirValue dlcBuildBinary(DlcBuilder b, DlcBinaryOpKind kind, MlirValue lhs, MlirValue rhs) {
  const char *name = dlcBinaryOpName(b, kind);
  MlirValue operands[] = {lhs, rhs};
  return name ? dlcBuildOne(b, name, 2, operands, 0, NULL, (MlirType){NULL}) : dlcNullValue();
}

MlirValue dlcBuildCompare(DlcBuilder b, DlcComparisonDirection direction, MlirValue lhs,
                          MlirValue rhs) {
  const char *dir =
      nameOfKind(b, "dlcBuildCompare", directionNames, COUNT(directionNames), (int)direction);
  if (!dir)
    return dlcNullValue();
  MlirNamedAttribute attr = dlcNamedString(unwrap(b)->ctx, "comparison_direction", dlcStr(dir));
  MlirValue operands[] = {lhs, rhs};
  return dlcBuildOne(b, "dhlo.compare", 2, operands, 1, &attr, (MlirType){NULL});
}

MlirValue dlcBuildSelect(DlcBuilder b, MlirValue pred, MlirValue onTrue, MlirValue onFalse) {
  MlirValue operands[] = {pred, onTrue, onFalse};
  return dlcBuildOne(b, "dhlo.select", 3, operands, 0, NULL, (MlirType){NULL});
}

MlirValue dlcBuildClamp(DlcBuilder b, MlirValue min, MlirValue x, MlirValue max) {
  MlirValue operands[] = {min, x, max};
  return dlcBuildOne(b, "dhlo.clamp", 3, operands, 0, NULL, (MlirType){NULL});
}

MlirValue dlcBuildConvert(DlcBuilder b, MlirValue x, MlirType elementType) {
  return dlcBuildShaped(b, "dhlo.convert", 1, &x, 0, NULL, 0, NULL, elementType,
                        mlirAttributeGetNull());
}
