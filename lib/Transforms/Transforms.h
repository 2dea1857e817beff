/* Transforms.h: IR utilities shared by dlc's passes. */
#ifndef DLC_LIB_TRANSFORMS_TRANSFORMS_H
#define DLC_LIB_TRANSFORMS_TRANSFORMS_H

#include "mlir-c/IR.h"
#include "mlir-c/Rewrite.h"

#include <stdbool.h>
#include <stddef.h>

/// True if `op` is a dhlo/dtensor op without side effects (erasable, mergeable).
bool dlcIsPureDlcOp(MlirOperation op);

/// Erases every pure dhlo/dtensor op nested in `root` whose results are unused, including
/// chains that become unused. MLIR 22 gives IRDL ops no memory effects, so neither the
/// greedy driver nor upstream DCE will. Returns the number of erased ops.
int dlcEraseDeadOps(MlirOperation root);

/// Prints a remark to stderr as MLIR's diagnostics print one: "FILE:LINE:COL: remark: ...",
/// at the first file location inside `loc`. MLIR 22's C API can only emit errors.
void dlcRemark(MlirLocation loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/// A map from handles (an MlirOperation's or MlirValue's ptr) to ints, by open addressing.
/// Zero-initialize to start; putting a key again overwrites its value.
typedef struct DlcPointerMap {
  const void **keys;
  int *values;
  size_t capacity, size;
} DlcPointerMap;

void dlcPointerMapPut(DlcPointerMap *map, const void *key, int value);
/// The value of `key`, or -1.
int dlcPointerMapGet(const DlcPointerMap *map, const void *key);
void dlcPointerMapDestroy(DlcPointerMap *map);

/// Numbers values densely, 0, 1, ... in the order they are added (ValueIndex.c).
/// Zero-initialize to start.
typedef struct DlcValueIndex {
  DlcPointerMap map;
  size_t count; /* values numbered so far */
} DlcValueIndex;

/// The number of `value`, or -1.
intptr_t dlcValueIndexFind(const DlcValueIndex *index, MlirValue value);
/// The number of `value`, giving it the next one if it has none.
intptr_t dlcValueIndexAdd(DlcValueIndex *index, MlirValue value);
void dlcValueIndexDestroy(DlcValueIndex *index);

/// Merges duplicate pure dhlo/dtensor ops within each block nested in `root` (see
/// CommonSubexpressions.c). Returns the number of merged ops.
int dlcEliminateCommonSubexpressions(MlirOperation root);

/// Freezes `set` (taking it over) for the greedy driver; the caller destroys the result
/// with mlirFrozenRewritePatternSetDestroy.
MlirFrozenRewritePatternSet dlcFreezePatterns(MlirRewritePatternSet set);

#endif
