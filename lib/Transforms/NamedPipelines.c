/* NamedPipelines.c: dlc's named pipelines, in one place so each reads as a list of steps
 * (as QBE's main.c does). A name used as a pipeline element expands to its text, parsed
 * in the pass manager where it appears. */
#include "Transforms/PassRegistry.h"

#include <string.h>

static const DlcNamedPipeline namedPipelines[] = {
    {"dhlo-optimize",
     "Default graph optimization pipeline: simplify, drop dead code, verify",
     "func.func(dhlo-canonicalize),"
     "dhlo-cse,"
     "dhlo-dce,"
     "dhlo-verify"},
};

const DlcNamedPipeline *dlcLookupNamedPipeline(MlirStringRef name) {
  for (size_t i = 0; i < sizeof namedPipelines / sizeof namedPipelines[0]; ++i)
    if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(namedPipelines[i].name)))
      return &namedPipelines[i];
  return NULL;
}

intptr_t dlcGetNumNamedPipelines(void) {
  return (intptr_t)(sizeof namedPipelines / sizeof namedPipelines[0]);
}

const DlcNamedPipeline *dlcGetNamedPipeline(intptr_t index) {
  return index >= 0 && index < dlcGetNumNamedPipelines() ? &namedPipelines[index] : NULL;
}
