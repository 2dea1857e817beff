/* TransformScript.h: transform-dialect scripts written as MLIR text and applied to a payload
 * (the CPU schedules: dlc-vectorize-memory-bound). A DlcScript owns its text (free
 * `data` with free()); the parsed script is a module of its own, destroyed after use. */
#ifndef DLC_LIB_CONVERSION_TRANSFORMSCRIPT_H
#define DLC_LIB_CONVERSION_TRANSFORMSCRIPT_H

#include "mlir-c/IR.h"

#include <stddef.h>
#include <stdint.h>

typedef struct DlcScript {
  char *data;
  size_t length, capacity;
} DlcScript;

/// The dialects whose ops a CPU schedule creates (NULL-terminated): a pass's
/// DlcPassDef.dependentDialects.
extern MlirDialectHandle (*const dlcScriptDialects[])(void);

/// Appends printf-formatted text to `script`.
void dlcScriptf(DlcScript *script, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/// Appends `[s0, s1, ...]` to `script`.
void dlcScriptSizes(DlcScript *script, const int64_t *sizes, intptr_t count);

/// True when an op named `name` is nested in `root` (or is `root`).
bool dlcContainsOp(MlirOperation root, const char *name);

/// Inserts before `before` a memref.reinterpret_cast of `source` to `type`, a static memref
/// type (of rank 16 at most) whose strides and offset say which bytes it views; returns it.
MlirValue dlcBuildReinterpretCast(MlirOperation before, MlirValue source, MlirType type);

/// Replaces every memref.expand_shape of static shape and identity layout in `root` by the
/// memref.reinterpret_cast that views the same bytes. A schedule's lowering folds views
/// into vector transfers with upstream's fold_memref_alias_ops, whose expand_shape folder
/// (LLVM 22) builds index ops before it refuses a transfer of more dimensions than the
/// source has or a permuted one, so the greedy rewrites never converge (a head split hung
/// both CPU schedules); a cast is left alone by that folder and lowers the same way.
void dlcCastExpandedBuffers(MlirOperation root);

/// The text `script` holds (valid until it grows or is freed).
static inline MlirStringRef dlcScriptText(const DlcScript *script) {
  return mlirStringRefCreate(script->data, script->length);
}

/// Parses `script` and applies its entry (the first op: @__transform_main) to `root`; a
/// script that does not parse is an internal error of `passName`, reported on `root`.
MlirLogicalResult dlcScriptApply(MlirOperation root, MlirStringRef script, const char *passName);

#endif
