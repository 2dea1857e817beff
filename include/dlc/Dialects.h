/* dlc/Dialects.h: the dhlo and dtensor dialects (IRDL, loaded at run time), dlc's
 * semantic verifier, and the dtensor layout encoding.
 * Ownership: dlcContextCreate returns a context owned by the caller (mlirContextDestroy).
 * Attributes and types returned here belong to the context. */
#ifndef DLC_DIALECTS_H
#define DLC_DIALECTS_H

#include "dlc/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Largest tensor rank dlc handles.
#define DLC_MAX_RANK 16

/// Creates a context with every upstream dialect registered, dhlo and dtensor loaded, and
/// every upstream pass registered. Returns a null context if loading fails.
DLC_API MlirContext dlcContextCreate(void);

/// Loads dhlo and dtensor (from their embedded IRDL) into `ctx`; idempotent.
DLC_API MlirLogicalResult dlcLoadDialects(MlirContext ctx);

/// Verifies `op` and everything nested in it: MLIR's verifier (structure and IRDL
/// constraints), then dlc's rules for every dhlo/dtensor op (shapes, dimension numbers,
/// element types, called computations). Errors are emitted as located diagnostics.
DLC_API MlirLogicalResult dlcVerify(MlirOperation op);

/// True if `op` belongs to the dhlo or dtensor dialect.
DLC_API bool dlcIsDlcOp(MlirOperation op);

/// Returns `#dtensor.layout<[minorToMajor...]>`. Null attribute if `rank` is out of range
/// or the list is not a permutation of [0, rank).
DLC_API MlirAttribute dlcLayoutAttrGet(MlirContext ctx, intptr_t rank,
                                       const int64_t *minorToMajor);

/// True if `attr` is a `#dtensor.layout`.
DLC_API bool dlcAttributeIsALayout(MlirAttribute attr);

/// Reads a layout's minor-to-major order into `out` (capacity `cap`); returns its length,
/// or -1 if `attr` is not a layout or does not fit.
DLC_API intptr_t dlcLayoutAttrGetMinorToMajor(MlirAttribute attr, int64_t *out, intptr_t cap);

#ifdef __cplusplus
}
#endif

#endif
