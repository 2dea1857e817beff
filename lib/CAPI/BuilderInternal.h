/* BuilderInternal.h: what the builder's files (lib/CAPI/Build*.c) share: the builder's
 * state, errors in the name of an op, named-attribute makers and the single-result build
 * that every typed builder ends in. */
#ifndef DLC_LIB_CAPI_BUILDERINTERNAL_H
#define DLC_LIB_CAPI_BUILDERINTERNAL_H

#include "Dialects/OpRules.h"
#include "dlc/Builder.h"

typedef struct Builder {
  MlirContext ctx;
  MlirBlock block;
  MlirLocation loc;
} Builder;

static inline Builder *unwrap(DlcBuilder b) { return (Builder *)b.ptr; }

/* Emits "'<opName>' op <message>" at the builder's location, as a rule would, and
 * evaluates to a failed MlirLogicalResult. */
#define dlcBuilderError(b, opName, ...)                                                            \
  dlcRuleError(&(DlcOpSig){.ctx = unwrap(b)->ctx, .loc = unwrap(b)->loc, .name = (opName)},        \
               __VA_ARGS__)

static inline MlirValue dlcNullValue(void) { return (MlirValue){NULL}; }

/// Builds a one-result op through dlcBuilderBuildOp; `resultType` may be null (inferred).
MlirValue dlcBuildOne(DlcBuilder b, const char *name, intptr_t nOperands, const MlirValue *operands,
                      intptr_t nAttributes, const MlirNamedAttribute *attributes,
                      MlirType resultType);

/// Builds a one-result op whose result has the stated shape `shape` (NULL: operand 0's),
/// element type `element` (null: operand 0's) and `encoding` (may be null), for ops whose
/// result type is an argument. A type MLIR rejects is reported at the builder's location.
MlirValue dlcBuildShaped(DlcBuilder b, const char *name, intptr_t nOperands,
                         const MlirValue *operands, intptr_t nAttributes,
                         const MlirNamedAttribute *attributes, intptr_t rank, const int64_t *shape,
                         MlirType element, MlirAttribute encoding);

/// The name of binary op `kind`, or NULL after reporting a kind outside the enum.
const char *dlcBinaryOpName(DlcBuilder b, DlcBinaryOpKind kind);

/// Checks that the builder has an insertion point and that no operand is null (a value
/// whose build failed); reports the first problem in the name of `opName`.
MlirLogicalResult dlcBuilderCheckOperands(DlcBuilder b, const char *opName, intptr_t n,
                                          const MlirValue *operands);

/// Inserts `op` at the builder's insertion point (before the block's terminator, if any).
void dlcBuilderInsert(DlcBuilder b, MlirOperation op);

/// The builtin.module that holds the insertion block, or a null op.
MlirOperation dlcBuilderEnclosingModule(DlcBuilder b);

/// The op that symbol table `tableOp` (a module) defines as `name`, or a null op.
MlirOperation dlcLookupSymbol(MlirOperation tableOp, MlirStringRef name);

/* Named attributes of the kinds dhlo ops take. */
MlirNamedAttribute dlcNamedAttr(MlirContext ctx, const char *name, MlirAttribute attr);
MlirNamedAttribute dlcNamedI64(MlirContext ctx, const char *name, int64_t value);
MlirNamedAttribute dlcNamedI64Array(MlirContext ctx, const char *name, intptr_t n,
                                    const int64_t *values);
MlirNamedAttribute dlcNamedString(MlirContext ctx, const char *name, MlirStringRef value);
MlirNamedAttribute dlcNamedSymbol(MlirContext ctx, const char *name, MlirStringRef symbol);
/// Appends `name = array<i64: values>` to `attrs[n]` if `values` is not NULL (an optional
/// attribute left at its default); returns the new count.
intptr_t dlcAppendOptionalList(MlirContext ctx, MlirNamedAttribute *attrs, intptr_t n,
                               const char *name, intptr_t size, const int64_t *values);

#endif
