/* Registry.c: dlc's pass registry: the list of pass defs, `--help` text, option parsing in
 * MLIR's `{name=value ...}` syntax, and the MLIR external passes made from them. */
#include "Transforms/PassRegistry.h"
#include "Support/Alloc.h"
#include "Support/Format.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const DlcPassDef *const passDefs[] = {
    &dlcVerifyPass,
    &dlcCanonicalizePass,
    &dlcBf16RewritePass,
    &dlcDeadCodePass,
    &dlcFusionPass,
    &dlcLayoutAssignmentPass,
    &dlcMaterializeLayoutsPass,
    &dlcCommonSubexpressionsPass,
    &dlcConvertDhloToLinalgPass,
    &dlcEmitCInterfacePass,
    &dlcStridedCopyToLinalgPass,
    &dlcPackMatmulRhsPass,
    &dlcVectorizeMemoryBoundPass,
    &dlcVectorizeConvolutionsPass,
    &dlcTileAndVectorizePass,
    &dlcParallelizePass,
    &dlcFuseEpiloguesPass,
    &dlcApproximateMathPass,
    &dlcDefineBf16TruncationPass,
    &dlcGpuFuseElementwisePass,
    &dlcGpuLibraryDotPass,
    &dlcGpuTileMatmulPass,
    &dlcGpuFuseKernelsPass,
    &dlcGpuMapReductionsPass,
    &dlcGpuMapLoopsPass,
    &dlcGpuDeviceMemoryPass,
    &dlcGpuModuleToBinaryPass,
};
enum { numPassDefs = sizeof passDefs / sizeof passDefs[0] };

/* MLIR identifies a pass class by TypeID; each def gets one for the process lifetime. */
static MlirTypeIDAllocator typeIDAllocator; /* lives as long as the process */
static MlirTypeID passTypeIDs[numPassDefs];
static pthread_once_t typeIDsOnce = PTHREAD_ONCE_INIT;

static void allocateTypeIDs(void) {
  typeIDAllocator = mlirTypeIDAllocatorCreate();
  for (int i = 0; i < numPassDefs; ++i)
    passTypeIDs[i] = mlirTypeIDAllocatorAllocateTypeID(typeIDAllocator);
}

intptr_t dlcGetNumPasses(void) { return numPassDefs; }

const DlcPassInfo *dlcGetPass(intptr_t index) {
  return index >= 0 && index < numPassDefs ? &passDefs[index]->info : NULL;
}

static int lookupIndex(MlirStringRef argument) {
  for (int i = 0; i < numPassDefs; ++i)
    if (mlirStringRefEqual(argument, mlirStringRefCreateFromCString(passDefs[i]->info.argument)))
      return i;
  return -1;
}

const DlcPassInfo *dlcLookupPass(MlirStringRef argument) {
  int i = lookupIndex(argument);
  return i < 0 ? NULL : &passDefs[i]->info;
}

static const char *kindName(DlcPassOptionKind kind) {
  return kind == DlcPassOptionBool ? "bool" : kind == DlcPassOptionInt ? "int" : "string";
}

static void printOptionHelp(intptr_t numOptions, const DlcPassOptionInfo *options,
                            MlirStringCallback callback, void *userData) {
  for (intptr_t j = 0; j < numOptions; ++j)
    dlcFormat(callback, userData, "      %s=<%s> (default %s) - %s\n", options[j].name,
              kindName(options[j].kind), options[j].defaultValue, options[j].description);
}

void dlcPrintPassHelp(MlirStringCallback callback, void *userData) {
  dlcFormat(callback, userData, "dlc passes:\n");
  for (int i = 0; i < numPassDefs; ++i) {
    const DlcPassInfo *info = &passDefs[i]->info;
    dlcFormat(callback, userData, "  --%-28s - %s\n", info->argument, info->summary);
    printOptionHelp(info->numOptions, info->options, callback, userData);
  }
  dlcFormat(callback, userData, "dlc pipelines:\n");
  for (intptr_t i = 0; i < dlcGetNumNamedPipelines(); ++i) {
    const DlcNamedPipeline *named = dlcGetNamedPipeline(i);
    dlcFormat(callback, userData, "  --%-28s - %s\n", named->name, named->summary);
    printOptionHelp(named->numOptions, named->options, callback, userData);
    dlcFormat(callback, userData, "      = %s\n", named->pipeline);
  }
}

/* ---- Option values ------------------------------------------------------------------ */

typedef struct PassInstance {
  const DlcPassDef *def;
  DlcPassOptionValue values[]; /* def->info.numOptions */
} PassInstance;

static PassInstance *instanceCreate(const DlcPassDef *def) {
  PassInstance *inst = dlcAllocZeroed(
      1, sizeof(PassInstance) + sizeof(DlcPassOptionValue) * (size_t)def->info.numOptions);
  inst->def = def;
  return inst;
}

static void instanceDestroy(void *userData) {
  PassInstance *inst = userData;
  dlcFreeOptionValues(inst->def->info.numOptions, inst->def->info.options, inst->values);
  free(inst);
}

static void *instanceClone(void *userData) {
  const PassInstance *inst = userData;
  PassInstance *copy = instanceCreate(inst->def);
  for (intptr_t i = 0; i < inst->def->info.numOptions; ++i) {
    copy->values[i] = inst->values[i];
    if (inst->def->info.options[i].kind == DlcPassOptionString)
      copy->values[i].s = dlcStrndup(inst->values[i].s, strlen(inst->values[i].s));
  }
  return copy;
}

static void instanceRun(MlirOperation op, MlirExternalPass pass, void *userData) {
  PassInstance *inst = userData;
  inst->def->run(op, pass, inst->values);
}

/* Parses `text` as a value of `opt`'s kind into `value`; false on a malformed value. */
static bool parseValue(const DlcPassOptionInfo *opt, const char *text, size_t len,
                       DlcPassOptionValue *value) {
  char *copy = dlcStrndup(text, len);
  bool ok = true;
  switch (opt->kind) {
  case DlcPassOptionBool:
    if (!strcmp(copy, "true") || !strcmp(copy, "1"))
      value->b = true;
    else if (!strcmp(copy, "false") || !strcmp(copy, "0"))
      value->b = false;
    else
      ok = false;
    break;
  case DlcPassOptionInt: {
    char *end;
    errno = 0;
    long long v = strtoll(copy, &end, 0);
    ok = len > 0 && *end == '\0' && errno == 0;
    value->i = v;
    break;
  }
  case DlcPassOptionString:
    free(value->s);
    value->s = copy;
    return true;
  }
  free(copy);
  return ok;
}

static size_t skipSpaces(const char *s, size_t i, size_t n) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
    ++i;
  return i;
}

/* Parses MLIR pass options: `key=value` pairs separated by spaces; a bare `key` sets a
 * bool option; values may be quoted ("a b", 'a b') or braced ({a b}). */
bool dlcParseOptionValues(const char *what, const char *owner, intptr_t numOptions,
                          const DlcPassOptionInfo *options, DlcPassOptionValue *values,
                          MlirStringRef text, MlirStringCallback errorCallback, void *userData) {
  const char *s = text.data;
  size_t n = text.length, i = skipSpaces(s, 0, n);
  while (i < n) {
    size_t keyStart = i;
    while (i < n && s[i] != '=' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
      ++i;
    size_t keyLen = i - keyStart;
    const DlcPassOptionInfo *opt = NULL;
    intptr_t index = -1;
    for (intptr_t j = 0; j < numOptions; ++j)
      if (strlen(options[j].name) == keyLen && !strncmp(options[j].name, s + keyStart, keyLen))
        opt = &options[index = j];
    if (!opt) {
      dlcFormat(errorCallback, userData, "%s '%s' has no option '%.*s'", what, owner, (int)keyLen,
                s + keyStart);
      return false;
    }
    const char *value = "true";
    size_t valueLen = 4;
    if (i < n && s[i] == '=') {
      ++i;
      char close = s[i] == '"' ? '"' : s[i] == '\'' ? '\'' : s[i] == '{' ? '}' : 0;
      size_t start = close ? i + 1 : i;
      size_t end = start;
      int depth = 0;
      while (end < n && (close ? (s[end] != close || depth > 0)
                               : (s[end] != ' ' && s[end] != '\t' && s[end] != '\n'))) {
        depth += close == '}' && s[end] == '{';
        depth -= close == '}' && s[end] == '}' && depth > 0;
        ++end;
      }
      if (close && end >= n) {
        dlcFormat(errorCallback, userData, "%s '%s': unterminated value of option '%s'", what,
                  owner, opt->name);
        return false;
      }
      value = s + start;
      valueLen = end - start;
      i = close ? end + 1 : end;
    } else if (opt->kind != DlcPassOptionBool) {
      dlcFormat(errorCallback, userData, "%s '%s': option '%s' needs a value (%s=<%s>)", what,
                owner, opt->name, opt->name, kindName(opt->kind));
      return false;
    }
    if (!parseValue(opt, value, valueLen, &values[index])) {
      dlcFormat(errorCallback, userData, "%s '%s': invalid %s value '%.*s' for option '%s'", what,
                owner, kindName(opt->kind), (int)valueLen, value, opt->name);
      return false;
    }
    i = skipSpaces(s, i, n);
  }
  return true;
}

void dlcSetDefaultOptionValues(intptr_t numOptions, const DlcPassOptionInfo *options,
                               DlcPassOptionValue *values) {
  for (intptr_t i = 0; i < numOptions; ++i)
    parseValue(&options[i], options[i].defaultValue, strlen(options[i].defaultValue), &values[i]);
}

void dlcFreeOptionValues(intptr_t numOptions, const DlcPassOptionInfo *options,
                         DlcPassOptionValue *values) {
  for (intptr_t i = 0; i < numOptions; ++i)
    if (options[i].kind == DlcPassOptionString)
      free(values[i].s);
}

MlirPass dlcCreatePass(MlirStringRef argument, MlirStringRef options,
                       MlirStringCallback errorCallback, void *userData) {
  int index = lookupIndex(argument);
  if (index < 0) {
    dlcFormat(errorCallback, userData, "'%.*s' is not a dlc pass", (int)argument.length,
              argument.data);
    return (MlirPass){NULL};
  }
  const DlcPassDef *def = passDefs[index];
  PassInstance *inst = instanceCreate(def);
  dlcSetDefaultOptionValues(def->info.numOptions, def->info.options, inst->values);
  if (!dlcParseOptionValues("pass", def->info.argument, def->info.numOptions, def->info.options,
                            inst->values, options, errorCallback, userData)) {
    instanceDestroy(inst);
    return (MlirPass){NULL};
  }
  pthread_once(&typeIDsOnce, allocateTypeIDs);
  MlirDialectHandle dialects[16];
  intptr_t numDialects = 0;
  for (MlirDialectHandle (*const *get)(void) = def->dependentDialects;
       get && *get && numDialects < 16; ++get)
    dialects[numDialects++] = (*get)();
  MlirExternalPassCallbacks callbacks = {
      .construct = NULL, .destruct = instanceDestroy, .initialize = NULL,
      .clone = instanceClone, .run = instanceRun};
  return mlirCreateExternalPass(passTypeIDs[index], mlirStringRefCreateFromCString(def->info.argument),
                                mlirStringRefCreateFromCString(def->info.argument),
                                mlirStringRefCreateFromCString(def->info.summary),
                                mlirStringRefCreateFromCString(def->info.anchor), numDialects, dialects,
                                callbacks, inst);
}

void dlcPassCheck(MlirExternalPass pass, MlirLogicalResult result) {
  if (mlirLogicalResultIsFailure(result))
    mlirExternalPassSignalFailure(pass);
}
