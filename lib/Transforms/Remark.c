/* Remark.c: remarks in MLIR's diagnostic format, for passes that explain their decisions
 * (MLIR 22's C API has mlirEmitError only). */
#include "Transforms/Transforms.h"
#include "Support/Alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The file location a diagnostic would print: names, call sites (the callee) and fused
 * locations (the first one) are looked through. Null if there is none. */
static MlirLocation fileLocation(MlirLocation loc) {
  while (!mlirLocationIsNull(loc) && !mlirLocationIsAFileLineColRange(loc)) {
    if (mlirLocationIsAName(loc)) {
      loc = mlirLocationNameGetChildLoc(loc);
    } else if (mlirLocationIsACallSite(loc)) {
      loc = mlirLocationCallSiteGetCallee(loc);
    } else if (mlirLocationIsAFused(loc) && mlirLocationFusedGetNumLocations(loc) > 0) {
      unsigned n = mlirLocationFusedGetNumLocations(loc);
      MlirLocation *all = dlcAlloc(n * sizeof *all);
      mlirLocationFusedGetLocations(loc, all);
      loc = all[0];
      free(all);
    } else {
      return (MlirLocation){NULL};
    }
  }
  return loc;
}

void dlcRemark(MlirLocation loc, const char *fmt, ...) {
  MlirLocation file = fileLocation(loc);
  if (mlirLocationIsNull(file)) {
    fputs("<unknown>:0:0", stderr);
  } else {
    MlirStringRef name = mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(file));
    fprintf(stderr, "%.*s:%d:%d", (int)name.length, name.data,
            mlirLocationFileLineColRangeGetStartLine(file),
            mlirLocationFileLineColRangeGetStartColumn(file));
  }
  fputs(": remark: ", stderr);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}
