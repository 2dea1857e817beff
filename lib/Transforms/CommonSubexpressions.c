/* CommonSubexpressions.c: common-subexpression elimination for dhlo ops, and the
 * `dhlo-cse` pass. IRDL ops carry no memory effects in MLIR 22, so upstream `cse` never
 * merges them. Two pure dhlo/dtensor ops are duplicates when they have the same name,
 * operands, attributes (compared by name, in any order) and result types; the later one
 * is replaced by the earlier. MLIR uniques types and attributes, so identity of their
 * pointers is equality, and an op hashes by pointers.
 * Scope: one block at a time, in order, so the earlier op dominates the later one. An op
 * is not merged with one of an enclosing block (which would need to know whether the
 * region in between is isolated from above, or a graph region). */
#include "Transforms/PassRegistry.h"
#include "Transforms/Transforms.h"
#include "Support/Alloc.h"

#include <stdlib.h>

static uint64_t mix(uint64_t h, uint64_t word) {
  h ^= word;
  h *= UINT64_C(0x100000001b3); /* FNV-1a prime */
  return h ^ (h >> 29);
}

static uint64_t hashOp(MlirOperation op) {
  uint64_t h = mix(UINT64_C(0xcbf29ce484222325), (uintptr_t)mlirOperationGetName(op).ptr);
  for (intptr_t i = 0, n = mlirOperationGetNumOperands(op); i < n; ++i)
    h = mix(h, (uintptr_t)mlirOperationGetOperand(op, i).ptr);
  for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
    h = mix(h, (uintptr_t)mlirValueGetType(mlirOperationGetResult(op, i)).ptr);
  /* A sum is independent of the attributes' order. */
  uint64_t attrs = 0;
  for (intptr_t i = 0, n = mlirOperationGetNumDiscardableAttributes(op); i < n; ++i) {
    MlirNamedAttribute a = mlirOperationGetDiscardableAttribute(op, i);
    attrs += mix(mix(0, (uintptr_t)a.name.ptr), (uintptr_t)a.attribute.ptr);
  }
  return mix(h, attrs);
}

static bool sameAttributes(MlirOperation a, MlirOperation b) {
  intptr_t n = mlirOperationGetNumDiscardableAttributes(a);
  if (n != mlirOperationGetNumDiscardableAttributes(b))
    return false;
  for (intptr_t i = 0; i < n; ++i) {
    MlirNamedAttribute attr = mlirOperationGetDiscardableAttribute(a, i);
    MlirAttribute other =
        mlirOperationGetDiscardableAttributeByName(b, mlirIdentifierStr(attr.name));
    if (mlirAttributeIsNull(other) || !mlirAttributeEqual(attr.attribute, other))
      return false;
  }
  return true;
}

static bool sameOp(MlirOperation a, MlirOperation b) {
  intptr_t numOperands = mlirOperationGetNumOperands(a), numResults = mlirOperationGetNumResults(a);
  if (!mlirIdentifierEqual(mlirOperationGetName(a), mlirOperationGetName(b)) ||
      numOperands != mlirOperationGetNumOperands(b) ||
      numResults != mlirOperationGetNumResults(b))
    return false;
  for (intptr_t i = 0; i < numOperands; ++i)
    if (!mlirValueEqual(mlirOperationGetOperand(a, i), mlirOperationGetOperand(b, i)))
      return false;
  for (intptr_t i = 0; i < numResults; ++i)
    if (!mlirTypeEqual(mlirValueGetType(mlirOperationGetResult(a, i)),
                       mlirValueGetType(mlirOperationGetResult(b, i))))
      return false;
  return sameAttributes(a, b);
}

/* An open-addressing hash set of the ops seen in one block. */
typedef struct OpTable {
  MlirOperation *slots;
  uint64_t *hashes;
  size_t capacity, size; /* capacity: a power of two, at most half full */
} OpTable;

static void tableInit(OpTable *t, size_t capacity) {
  t->capacity = capacity;
  t->size = 0;
  t->slots = dlcAllocZeroed(capacity, sizeof *t->slots);
  t->hashes = dlcAlloc(capacity * sizeof *t->hashes);
}

static void tableFree(OpTable *t) {
  free(t->slots);
  free(t->hashes);
}

static void tablePut(OpTable *t, MlirOperation op, uint64_t hash) {
  size_t i = hash & (t->capacity - 1);
  while (!mlirOperationIsNull(t->slots[i]))
    i = (i + 1) & (t->capacity - 1);
  t->slots[i] = op;
  t->hashes[i] = hash;
  ++t->size;
}

/* Returns an op equal to `op` already in the table, or inserts `op` and returns null. */
static MlirOperation tableFindOrInsert(OpTable *t, MlirOperation op) {
  uint64_t hash = hashOp(op);
  for (size_t i = hash & (t->capacity - 1); !mlirOperationIsNull(t->slots[i]);
       i = (i + 1) & (t->capacity - 1))
    if (t->hashes[i] == hash && sameOp(t->slots[i], op))
      return t->slots[i];
  if (2 * (t->size + 1) > t->capacity) {
    OpTable grown;
    tableInit(&grown, 2 * t->capacity);
    for (size_t i = 0; i < t->capacity; ++i)
      if (!mlirOperationIsNull(t->slots[i]))
        tablePut(&grown, t->slots[i], t->hashes[i]);
    tableFree(t);
    *t = grown;
  }
  tablePut(t, op, hash);
  return (MlirOperation){NULL};
}

static int eliminateInRegions(MlirOperation op);

static int eliminateInBlock(MlirBlock block) {
  OpTable table;
  tableInit(&table, 64);
  int merged = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(block), next; !mlirOperationIsNull(op);
       op = next) {
    next = mlirOperationGetNextInBlock(op);
    merged += eliminateInRegions(op);
    if (!dlcIsPureDlcOp(op) || mlirOperationGetNumRegions(op) != 0)
      continue;
    MlirOperation earlier = tableFindOrInsert(&table, op);
    if (mlirOperationIsNull(earlier))
      continue;
    for (intptr_t i = 0, n = mlirOperationGetNumResults(op); i < n; ++i)
      mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, i),
                                    mlirOperationGetResult(earlier, i));
    mlirOperationDestroy(op);
    ++merged;
  }
  tableFree(&table);
  return merged;
}

static int eliminateInRegions(MlirOperation op) {
  int merged = 0;
  for (intptr_t r = 0, n = mlirOperationGetNumRegions(op); r < n; ++r)
    for (MlirBlock b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
         !mlirBlockIsNull(b); b = mlirBlockGetNextInRegion(b))
      merged += eliminateInBlock(b);
  return merged;
}

int dlcEliminateCommonSubexpressions(MlirOperation root) { return eliminateInRegions(root); }

static void runCommonSubexpressions(MlirOperation op, MlirExternalPass pass,
                                    const DlcPassOptionValue *options) {
  dlcEliminateCommonSubexpressions(op);
}

const DlcPassDef dlcCommonSubexpressionsPass = {
    .info = {.argument = "dhlo-cse",
             .summary = "Merge duplicate side-effect-free dhlo/dtensor ops within each block",
             .anchor = "", .numOptions = 0, .options = NULL},
    .run = runCommonSubexpressions,
};
