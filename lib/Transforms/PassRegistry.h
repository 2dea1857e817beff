/* PassRegistry.h: how a dlc pass is described. One DlcPassDef per pass (in the pass's
 * own file) holds its public info (name, summary, typed options) and its run function;
 * Registry.c lists the defs and turns one into an MLIR external pass with parsed option
 * values. A pass instance owns its option values (strings are heap copies); MLIR owns
 * the instance and frees it through the external pass's destruct callback. */
#ifndef DLC_LIB_TRANSFORMS_PASSREGISTRY_H
#define DLC_LIB_TRANSFORMS_PASSREGISTRY_H

#include "dlc/Passes.h"

#include <stdbool.h>
#include <stdint.h>

/// The value of one option, by the kind its DlcPassOptionInfo declares.
typedef union DlcPassOptionValue {
  bool b;
  int64_t i;
  char *s; /* NUL-terminated, owned by the pass instance */
} DlcPassOptionValue;

typedef struct DlcPassDef {
  DlcPassInfo info;
  /// Runs the pass on `op`; `options` has info.numOptions values in declaration order.
  /// Signals failure with mlirExternalPassSignalFailure after emitting a diagnostic.
  void (*run)(MlirOperation op, MlirExternalPass pass, const DlcPassOptionValue *options);
  /// Dialects whose ops the pass creates, NULL-terminated (NULL: none beyond dhlo). MLIR
  /// loads them before the pipeline runs; an op of a dialect not yet loaded would be
  /// created unregistered.
  MlirDialectHandle (*const *dependentDialects)(void);
} DlcPassDef;

/* Every pass def, each defined in its own file. */
extern const DlcPassDef dlcVerifyPass;
extern const DlcPassDef dlcCanonicalizePass;
extern const DlcPassDef dlcBf16RewritePass;
extern const DlcPassDef dlcDeadCodePass;
extern const DlcPassDef dlcFusionPass;
extern const DlcPassDef dlcLayoutAssignmentPass;
extern const DlcPassDef dlcMaterializeLayoutsPass;
extern const DlcPassDef dlcCommonSubexpressionsPass;
/* Conversions (lib/Conversion/). */
extern const DlcPassDef dlcConvertDhloToLinalgPass;
extern const DlcPassDef dlcEmitCInterfacePass;
extern const DlcPassDef dlcStridedCopyToLinalgPass;
extern const DlcPassDef dlcPackMatmulRhsPass;
extern const DlcPassDef dlcVectorizeMemoryBoundPass;
extern const DlcPassDef dlcVectorizeConvolutionsPass;
extern const DlcPassDef dlcTileAndVectorizePass;
extern const DlcPassDef dlcParallelizePass;
extern const DlcPassDef dlcFuseEpiloguesPass;
extern const DlcPassDef dlcApproximateMathPass;
extern const DlcPassDef dlcDefineBf16TruncationPass;
extern const DlcPassDef dlcGpuFuseElementwisePass;
extern const DlcPassDef dlcGpuLibraryDotPass;
extern const DlcPassDef dlcGpuTileMatmulPass;
extern const DlcPassDef dlcGpuFuseKernelsPass;
extern const DlcPassDef dlcGpuMapReductionsPass;
extern const DlcPassDef dlcGpuMapLoopsPass;
extern const DlcPassDef dlcGpuDeviceMemoryPass;
extern const DlcPassDef dlcGpuModuleToBinaryPass;

/// Option values of a pass or named pipeline: `values` has one slot per option, zeroed
/// before the defaults are set; string values are heap copies freed by dlcFreeOptionValues.
void dlcSetDefaultOptionValues(intptr_t numOptions, const DlcPassOptionInfo *options,
                               DlcPassOptionValue *values);
/// Parses MLIR option text (`a=1 b={x y} c`) into `values`; on an unknown option or a bad
/// value writes why, naming `what` ("pass", "pipeline") and `owner`, and returns false.
bool dlcParseOptionValues(const char *what, const char *owner, intptr_t numOptions,
                          const DlcPassOptionInfo *options, DlcPassOptionValue *values,
                          MlirStringRef text, MlirStringCallback errorCallback, void *userData);
void dlcFreeOptionValues(intptr_t numOptions, const DlcPassOptionInfo *options,
                         DlcPassOptionValue *values);

/// Signals failure of `pass` when `result` failed; returns nothing so passes can end with it.
void dlcPassCheck(MlirExternalPass pass, MlirLogicalResult result);

#endif
