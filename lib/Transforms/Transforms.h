/* Transforms.h: IR utilities shared by dlc's passes. */
#ifndef DLC_LIB_TRANSFORMS_TRANSFORMS_H
#define DLC_LIB_TRANSFORMS_TRANSFORMS_H

#include "mlir-c/IR.h"

#include <stdbool.h>

/// True if `op` is a dhlo/dtensor op without side effects (erasable, mergeable).
bool dlcIsPureDlcOp(MlirOperation op);

/// Erases every pure dhlo/dtensor op nested in `root` whose results are unused, including
/// chains that become unused. MLIR 22 gives IRDL ops no memory effects, so neither the
/// greedy driver nor upstream DCE will. Returns the number of erased ops.
int dlcEraseDeadOps(MlirOperation root);

/// Merges duplicate pure dhlo/dtensor ops within each block nested in `root` (see
/// CommonSubexpressions.c). Returns the number of merged ops.
int dlcEliminateCommonSubexpressions(MlirOperation root);

#endif
