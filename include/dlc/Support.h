/* dlc/Support.h: the export macro and small helpers shared by dlc's public headers.
 * Nothing here allocates. */
#ifndef DLC_SUPPORT_H
#define DLC_SUPPORT_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DLC_API __attribute__((visibility("default")))

/// Wraps a NUL-terminated string as an MlirStringRef (borrowed, no copy).
static inline MlirStringRef dlcStr(const char *s) { return mlirStringRefCreateFromCString(s); }

#ifdef __cplusplus
}
#endif

#endif
