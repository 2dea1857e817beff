/* Cost.c: the work one call of the entry does, for --benchmark's rates, counted on the
 * dhlo program as written (before any pipeline, so fusion or layout changes do not change
 * it). FLOPs: dot_general 2 per multiply-add (2 * result elements * contracted size, batch
 * included), convolution likewise (2 * output elements * kernel elements per output
 * feature), 1 per result element of every elementwise op (convert, compare and select
 * included), 1 per operand element of reduce, 1 per window element of each reduce_window
 * result, 4 per element of batch_norm_inference; constants and data movement are free, and
 * a fusion costs its fused computation. Any other op (custom_call, collectives, ops of
 * other dialects) makes the FLOP count unknown. Bytes: every argument and result, once.
 * Nothing here allocates. */
#include "DlcRun.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#include <string.h>

typedef enum CostKind {
  CostFree,
  CostPerElement,    /* `weight` per result element */
  CostPerOperand,    /* `weight` per element of operand 0 */
  CostDot,
  CostConvolution,
  CostReduceWindow,
  CostFusion,
} CostKind;

typedef struct CostRule {
  const char *name; /* without "dhlo." */
  CostKind kind;
  double weight;
} CostRule;

static const CostRule rules[] = {
    {"constant", CostFree, 0},         {"iota", CostFree, 0},
    {"broadcast_in_dim", CostFree, 0}, {"reshape", CostFree, 0},
    {"transpose", CostFree, 0},        {"reverse", CostFree, 0},
    {"concatenate", CostFree, 0},      {"slice", CostFree, 0},
    {"dynamic_slice", CostFree, 0},    {"dynamic_update_slice", CostFree, 0},
    {"gather", CostFree, 0},           {"pad", CostFree, 0},
    {"negate", CostPerElement, 1},     {"abs", CostPerElement, 1},
    {"exponential", CostPerElement, 1}, {"log", CostPerElement, 1},
    {"log_plus_one", CostPerElement, 1}, {"tanh", CostPerElement, 1},
    {"logistic", CostPerElement, 1},   {"sqrt", CostPerElement, 1},
    {"rsqrt", CostPerElement, 1},      {"sine", CostPerElement, 1},
    {"cosine", CostPerElement, 1},     {"floor", CostPerElement, 1},
    {"ceil", CostPerElement, 1},       {"sign", CostPerElement, 1},
    {"not", CostPerElement, 1},        {"convert", CostPerElement, 1},
    {"add", CostPerElement, 1},        {"subtract", CostPerElement, 1},
    {"multiply", CostPerElement, 1},   {"divide", CostPerElement, 1},
    {"remainder", CostPerElement, 1},  {"maximum", CostPerElement, 1},
    {"minimum", CostPerElement, 1},    {"power", CostPerElement, 1},
    {"and", CostPerElement, 1},        {"or", CostPerElement, 1},
    {"xor", CostPerElement, 1},        {"compare", CostPerElement, 1},
    {"select", CostPerElement, 1},     {"clamp", CostPerElement, 1},
    {"batch_norm_inference", CostPerElement, 4},
    {"reduce", CostPerOperand, 1},     {"reduce_window", CostReduceWindow, 1},
    {"dot_general", CostDot, 2},       {"convolution", CostConvolution, 2},
    {"fusion", CostFusion, 0},
};

static const CostRule *lookupRule(MlirStringRef name) {
  static const char prefix[] = "dhlo.";
  if (name.length < sizeof prefix || memcmp(name.data, prefix, sizeof prefix - 1))
    return NULL;
  MlirStringRef op = mlirStringRefCreate(name.data + sizeof prefix - 1,
                                         name.length - (sizeof prefix - 1));
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; ++i)
    if (mlirStringRefEqual(op, dlcStr(rules[i].name)))
      return &rules[i];
  return NULL;
}

static double numElements(MlirType type) {
  double n = 1;
  for (intptr_t i = 0, rank = mlirShapedTypeGetRank(type); i < rank; ++i)
    n *= (double)mlirShapedTypeGetDimSize(type, i);
  return n;
}

static double bytesOf(MlirType type) {
  DlcElementType element;
  if (!dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(type), &element))
    return 0;
  return numElements(type) * (double)dlcElementTypeGetByteSize(element);
}

static MlirType operandType(MlirOperation op, intptr_t i) {
  return mlirValueGetType(mlirOperationGetOperand(op, i));
}

/* Product of the lhs's contracting dimension sizes. */
static double contractedSize(MlirOperation op) {
  MlirAttribute dims = mlirOperationGetAttributeByName(op, dlcStr("lhs_contracting_dimensions"));
  MlirType lhs = operandType(op, 0);
  double size = 1;
  for (intptr_t i = 0, n = mlirDenseArrayGetNumElements(dims); i < n; ++i)
    size *= (double)mlirShapedTypeGetDimSize(lhs, mlirDenseI64ArrayGetElement(dims, i));
  return size;
}

/* Kernel elements per output feature: the kernel's size over its 'o' dimension, found in
 * dimension_numbers ("b01f_01io->b01f"). */
static double kernelPerOutput(MlirOperation op) {
  MlirStringRef numbers =
      mlirStringAttrGetValue(mlirOperationGetAttributeByName(op, dlcStr("dimension_numbers")));
  const char *underscore = memchr(numbers.data, '_', numbers.length);
  const char *end = numbers.data + numbers.length;
  const char *o = underscore ? memchr(underscore, 'o', (size_t)(end - underscore)) : NULL;
  MlirType kernel = operandType(op, 1);
  if (!o)
    return numElements(kernel);
  int64_t outputs = mlirShapedTypeGetDimSize(kernel, o - underscore - 1);
  return outputs ? numElements(kernel) / (double)outputs : 0;
}

static double windowSize(MlirOperation op) {
  MlirAttribute dims = mlirOperationGetAttributeByName(op, dlcStr("window_dimensions"));
  double size = 1;
  for (intptr_t i = 0, n = mlirDenseArrayGetNumElements(dims); i < n; ++i)
    size *= (double)mlirDenseI64ArrayGetElement(dims, i);
  return size;
}

static MlirOperation lookupFunc(MlirOperation module, MlirAttribute symbol) {
  MlirSymbolTable symbols = mlirSymbolTableCreate(module);
  MlirOperation func = mlirSymbolTableLookup(symbols, mlirFlatSymbolRefAttrGetValue(symbol));
  mlirSymbolTableDestroy(symbols);
  return func;
}

static void countFunc(MlirOperation module, MlirOperation func, Cost *cost, int depth);

static void countOp(MlirOperation module, MlirOperation op, Cost *cost, int depth) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (mlirStringRefEqual(name, dlcStr("func.return")))
    return;
  const CostRule *rule = lookupRule(name);
  if (!rule) {
    if (cost->flopsKnown)
      cost->unknownOp = name;
    cost->flopsKnown = false;
    return;
  }
  double results = mlirOperationGetNumResults(op)
                       ? numElements(mlirValueGetType(mlirOperationGetResult(op, 0)))
                       : 0;
  switch (rule->kind) {
  case CostFree:
    break;
  case CostPerElement:
    cost->flops += rule->weight * results;
    break;
  case CostPerOperand:
    cost->flops += rule->weight * numElements(operandType(op, 0));
    break;
  case CostDot:
    cost->flops += rule->weight * results * contractedSize(op);
    break;
  case CostConvolution:
    cost->flops += rule->weight * results * kernelPerOutput(op);
    break;
  case CostReduceWindow:
    cost->flops += rule->weight * results * windowSize(op);
    break;
  case CostFusion: {
    MlirOperation callee = lookupFunc(module, mlirOperationGetAttributeByName(op, dlcStr("calls")));
    /* A fusion's computation is called once; the depth bound stops a malformed cycle. */
    if (!mlirOperationIsNull(callee) && depth < 16) {
      countFunc(module, callee, cost, depth + 1);
    } else {
      if (cost->flopsKnown)
        cost->unknownOp = name;
      cost->flopsKnown = false;
    }
    break;
  }
  }
}

static void countFunc(MlirOperation module, MlirOperation func, Cost *cost, int depth) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    countOp(module, op, cost, depth);
}

Cost countCost(MlirOperation module, MlirOperation func) {
  Cost cost = {.flopsKnown = true};
  countFunc(module, func, &cost, 0);
  MlirType type = entryType(func);
  for (intptr_t i = 0, n = mlirFunctionTypeGetNumInputs(type); i < n; ++i)
    cost.bytes += bytesOf(mlirFunctionTypeGetInput(type, i));
  for (intptr_t i = 0, n = mlirFunctionTypeGetNumResults(type); i < n; ++i)
    cost.bytes += bytesOf(mlirFunctionTypeGetResult(type, i));
  return cost;
}
