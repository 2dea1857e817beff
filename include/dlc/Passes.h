/* dlc/Passes.h: dlc's pass registry and MLIR-syntax pipeline parsing.
 * dlc passes are MLIR external passes created from a static registry; pipelines mix them
 * with upstream passes in MLIR's textual syntax, e.g.
 *   builtin.module(func.func(dhlo-canonicalize{max-constant-size=64}),cse)
 * Ownership: passes created here are owned by the pass manager they are added to. Error
 * messages go to the caller's MlirStringCallback; nothing is returned for the caller to free. */
#ifndef DLC_PASSES_H
#define DLC_PASSES_H

#include "dlc/Support.h"
#include "mlir-c/Pass.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum DlcPassOptionKind {
  DlcPassOptionBool,
  DlcPassOptionInt,
  DlcPassOptionString,
} DlcPassOptionKind;

/// One typed option of a pass, as `--help` lists it.
typedef struct DlcPassOptionInfo {
  const char *name;
  DlcPassOptionKind kind;
  const char *defaultValue; /* textual default */
  const char *description;
} DlcPassOptionInfo;

/// A registered dlc pass (borrowed from a static table).
typedef struct DlcPassInfo {
  const char *argument; /* pipeline name, e.g. "dhlo-canonicalize" */
  const char *summary;
  const char *anchor;   /* op the pass runs on ("func.func", "builtin.module"), "" for any */
  intptr_t numOptions;
  const DlcPassOptionInfo *options;
} DlcPassInfo;

/// Number of registered dlc passes and the i-th one (in registration order).
DLC_API intptr_t dlcGetNumPasses(void);
DLC_API const DlcPassInfo *dlcGetPass(intptr_t index);
/// The pass registered as `argument`, or NULL.
DLC_API const DlcPassInfo *dlcLookupPass(MlirStringRef argument);

/// A named pipeline: a name that expands to pipeline text wherever it is used. Its options
/// (`dhlo-optimize{max-fusion-ops=8}`) are substituted for `${option}` in the text.
typedef struct DlcNamedPipeline {
  const char *name;
  const char *summary;
  const char *pipeline; /* elements in MLIR syntax, anchored where the name appears */
  intptr_t numOptions;
  const DlcPassOptionInfo *options;
} DlcNamedPipeline;

/// Number of named pipelines, the i-th one, and lookup by name (NULL if none).
DLC_API intptr_t dlcGetNumNamedPipelines(void);
DLC_API const DlcNamedPipeline *dlcGetNamedPipeline(intptr_t index);
DLC_API const DlcNamedPipeline *dlcLookupNamedPipeline(MlirStringRef name);

/// Writes the registry as `--help` text (name, summary, options with defaults).
DLC_API void dlcPrintPassHelp(MlirStringCallback callback, void *userData);

/// Creates dlc pass `argument` with options in MLIR's form ("a=1 b=true c=text"). On an
/// unknown pass, unknown option or bad value, writes a message to `errorCallback` and
/// returns a null pass.
DLC_API MlirPass dlcCreatePass(MlirStringRef argument, MlirStringRef options,
                               MlirStringCallback errorCallback, void *userData);

/// Parses `pipeline` in MLIR's textual syntax and adds it to `pm`: dlc passes come from
/// dlc's registry, every other element goes to MLIR's upstream registry. A bare list
/// ("cse,dhlo-dce") is anchored on pm's own op. Errors go to `errorCallback`.
DLC_API MlirLogicalResult dlcParsePassPipeline(MlirOpPassManager pm, MlirStringRef pipeline,
                                               MlirStringCallback errorCallback, void *userData);

/// Parses `pipeline`, runs it on `op` (usually a builtin.module) and verifies the result
/// with dlcVerify. Pipeline errors go to `errorCallback`; IR errors are diagnostics on
/// op's context.
DLC_API MlirLogicalResult dlcRunPassPipeline(MlirOperation op, MlirStringRef pipeline,
                                             MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif
