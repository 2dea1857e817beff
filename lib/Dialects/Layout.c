/* Layout.c: the `#dtensor.layout<[...]>` attribute. IRDL attributes have no C accessors
 * for their parameters in MLIR 22, so the layout is built by parsing its text and read by
 * printing it; both stay behind these three functions. */
#include "dlc/Dialects.h"
#include "OpRules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char layoutPrefix[] = "#dtensor.layout<[";

MlirAttribute dlcLayoutAttrGet(MlirContext ctx, intptr_t rank, const int64_t *minorToMajor) {
  if (rank < 0 || rank > DLC_MAX_RANK)
    return mlirAttributeGetNull();
  bool seen[DLC_MAX_RANK] = {false};
  char text[sizeof layoutPrefix + DLC_MAX_RANK * 8 + 4];
  size_t used = (size_t)snprintf(text, sizeof text, "%s", layoutPrefix);
  for (intptr_t i = 0; i < rank; ++i) {
    int64_t d = minorToMajor[i];
    if (d < 0 || d >= rank || seen[d])
      return mlirAttributeGetNull();
    seen[d] = true;
    used += (size_t)snprintf(text + used, sizeof text - used, i ? ", %lld" : "%lld", (long long)d);
  }
  snprintf(text + used, sizeof text - used, "]>");
  return mlirAttributeParseGet(ctx, mlirStringRefCreateFromCString(text));
}

bool dlcAttributeIsALayout(MlirAttribute attr) {
  char text[64];
  if (mlirAttributeIsNull(attr))
    return false;
  dlcAttrStr(attr, text, sizeof text);
  return strncmp(text, layoutPrefix, sizeof layoutPrefix - 1) == 0;
}

intptr_t dlcLayoutAttrGetMinorToMajor(MlirAttribute attr, int64_t *out, intptr_t cap) {
  char text[sizeof layoutPrefix + DLC_MAX_RANK * 24 + 4];
  if (!dlcAttributeIsALayout(attr))
    return -1;
  dlcAttrStr(attr, text, sizeof text);
  const char *p = text + sizeof layoutPrefix - 1;
  intptr_t n = 0;
  while (*p && *p != ']') {
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p || n >= cap)
      return -1;
    out[n++] = v;
    p = end;
    while (*p == ' ')
      ++p;
    if (*p == ':') /* elements may print with a type suffix: "1 : i32" */
      while (*p && *p != ',' && *p != ']')
        ++p;
    while (*p == ',' || *p == ' ')
      ++p;
  }
  return *p == ']' ? n : -1;
}
