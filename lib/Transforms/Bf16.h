/* Bf16.h: the two halves of `dhlo-bf16-rewrite`. Bf16Policy.c decides which ops of a
 * function take or produce bf16 (the table of numerically sensitive ops, the softmax
 * pattern, propagation through data movement); Bf16Rewrite.c owns the pass and changes the
 * IR to match: converts at the boundaries of bf16 regions, rebuilt ops, signatures. */
#ifndef DLC_LIB_TRANSFORMS_BF16_H
#define DLC_LIB_TRANSFORMS_BF16_H

#include "Transforms/Layouts.h" /* DlcValueIndex */

#include <stdbool.h>
#include <stddef.h>

/// What the pass may do to an op with f32 tensor operands.
typedef enum DlcBf16Role {
  DlcBf16Contract, /* dot_general, convolution: bf16 operands, f32 accumulation and result */
  DlcBf16Compute,  /* elementwise arithmetic: runs in bf16 in mode=all */
  DlcBf16Move,     /* data movement: runs in bf16 in mode=all where that costs no precision */
} DlcBf16Role;

/// The ops of one function that the pass may change, in pre-order, each with its decision.
typedef struct DlcBf16Plan {
  MlirOperation *ops;
  DlcBf16Role *roles;
  bool *inBf16; /* Contract: narrow the operands; Compute, Move: run in bf16 */
  size_t size, capacity;
  DlcValueIndex index; /* the first result of ops[i] -> i */
  bool bf16Results;    /* the function returns bf16 (bf16-signature) */
} DlcBf16Plan;

/// Plans `func` (whose signature is already final): contractions only, or with `all` also
/// elementwise and movement ops. `bf16Results` says whether its func.return takes bf16.
void dlcBf16PlanFunction(DlcBf16Plan *plan, MlirOperation func, bool all, bool bf16Results);
/// True if the plan changes `op`, which must be alive; sets `*role`.
bool dlcBf16PlanChanges(const DlcBf16Plan *plan, MlirOperation op, DlcBf16Role *role);
void dlcBf16PlanDestroy(DlcBf16Plan *plan);

/// True for a ranked tensor of f32, or of bf16.
bool dlcIsF32Tensor(MlirType type);
bool dlcIsBf16Tensor(MlirType type);
/// A ranked tensor type with `type`'s shape and encoding and bf16 elements.
MlirType dlcBf16TensorLike(MlirType type);

#endif
