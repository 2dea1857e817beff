/* FusionCostModel.h: dhlo-fusion's estimate of a kernel's time, a roofline over the bytes
 * it moves and the flops it computes:
 *   time(kernel) = max(bytes / memory-bandwidth, flops / peak-flops)
 *   bytes        = each value read from outside the kernel, once
 *                + each value used outside the kernel (written), once
 *                + the data of non-splat constants it holds
 *   flops        = sum over its ops of flops(op) x evals(op)
 * evals(op) counts how often the kernel computes each element of op's result: 1 for a
 * result that leaves the kernel, and for a value used inside, the most its users need,
 * where a broadcast_in_dim needs each operand element once per output element it feeds.
 * So fusing an expensive op into a broadcast recomputes it, as XLA's cost model says,
 * except for a row value of a kernel with a reduction: broadcast from the reduction's
 * result shape to its operand's (FusionLegality.c's row broadcast), it is computed once
 * per row, as the reduction itself.
 * An unfused constant costs nothing: it is data, not a kernel. */
#ifndef DLC_LIB_TRANSFORMS_FUSIONCOSTMODEL_H
#define DLC_LIB_TRANSFORMS_FUSIONCOSTMODEL_H

#include "Transforms/Fusion.h"

/// The current set of a FusionGraph seen as one kernel.
typedef struct FusionSummary {
  int numOps;
  int numContractions, numReduces;
  int contraction, reduce; /* a node of each hero kind, or -1 */
  bool onlyConstants;
  double bytes, flops, micros;
} FusionSummary;

/// Flops to compute the whole result of `op` once (a reduce counts one per input element,
/// a contraction two per multiply-add; data movement is free).
double fusionOpFlops(MlirOperation op, FusionRole role);
/// Summarizes the current set (sorting it) and fills its boundary, g->inputs/g->outputs.
void fusionSummarize(FusionGraph *g, FusionSummary *s);
typedef struct FusionCost {
  double micros, bytes;
} FusionCost;

/// The estimated time and traffic of clusters `a` and `b`, each as its own kernel.
FusionCost fusionClusterCost(FusionGraph *g, int a, int b);

#endif
