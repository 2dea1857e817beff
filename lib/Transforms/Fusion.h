/* Fusion.h: the graph the dhlo-fusion pass works on, shared by its files:
 *   Fusion.c           the pass: options, candidate decisions, the priority queue, remarks
 *   FusionGraph.c      nodes (the ops of one function body), clusters, merging and copying
 *   FusionCostModel.c  the roofline estimate of one kernel's time
 *   FusionLegality.c   which sets of ops may form one kernel, and the cycle check
 *   FusionOutline.c    the fused func.func callees, the dhlo.fusion ops, the final op order
 *   FusionDot.c        the Graphviz picture
 * A node is one op of the function body. A cluster is a set of nodes that becomes one
 * kernel: a dhlo.fusion when it holds two or more ops, the op itself otherwise. Every live
 * node belongs to exactly one cluster; a cluster with no nodes is dead. The IR is changed
 * only by copying producers (FusionGraph.c) and by the outlining at the end. */
#ifndef DLC_LIB_TRANSFORMS_FUSION_H
#define DLC_LIB_TRANSFORMS_FUSION_H

#include "Transforms/Transforms.h"
#include "mlir-c/IR.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct FusionOptions {
  double bandwidthGBs; /* memory-bandwidth-gbs */
  double peakGflops;   /* peak-gflops */
  int maxOps;          /* max-fusion-ops */
  int maxDuplication;  /* max-duplication: extra copies allowed of any one op */
} FusionOptions;

/* What an op can be in a fused kernel. */
typedef enum FusionRole {
  FusionRoleOpaque,      /* not fusible: stays a kernel (or a non-dhlo op) of its own */
  FusionRoleConstant,    /* dhlo.constant: data, no kernel while unfused */
  FusionRoleLoop,        /* elementwise ops, convert, iota, broadcast_in_dim, reshape, transpose */
  FusionRoleReduce,      /* dhlo.reduce: the hero of an input fusion */
  FusionRoleContraction, /* dot_general, convolution: the hero of an output fusion */
} FusionRole;

typedef struct FusionNode {
  MlirOperation op;
  char name[48]; /* the op's name, for messages */
  FusionRole role;
  bool broadcast; /* dhlo.broadcast_in_dim: reads each operand element many times */
  bool expensive; /* never duplicated: dot_general, convolution, reduce, reduce_window, gather */
  bool splat;     /* a splat constant: a literal, free to copy */
  int64_t elems;  /* elements of result #0 (0 if it is not a tensor) */
  double flops;   /* to compute the whole result once */
  int cluster;    /* -1 once the op is erased */
  int origin;     /* the node this one is a copy of; itself for original ops */
  int copies;     /* copies made so far (kept on the origin) */
  int order;      /* position in the body: producers come before their users */
  /* Scratch of the set evaluation (FusionCostModel.c, FusionLegality.c), valid while
   * setStamp equals the graph's. */
  unsigned setStamp;
  unsigned char setMark;
  double evals; /* how many times the kernel computes each element of this result */
  int hero;     /* the reduce or contraction this node's value depends on in the set, or -1 */
  /* Scratch of slices and outlining. */
  unsigned visitStamp;
  MlirOperation clone;
} FusionNode;

typedef struct FusionCluster {
  int *nodes; /* in no particular order */
  int size, capacity;
  unsigned visitStamp;
} FusionCluster;

typedef struct FusionValues {
  MlirValue *data;
  int size, capacity;
} FusionValues;

typedef struct FusionGraph {
  MlirOperation func;
  MlirBlock body;
  const FusionOptions *options;
  FusionNode *nodes;
  int numNodes, nodeCapacity;
  FusionCluster *clusters;
  int numClusters;
  DlcPointerMap map; /* op -> node; erased ops map to -1 */
  unsigned setStamp, visitStamp;
  /* The set being evaluated: node indices (fusionSummarize sorts them by order). */
  int *set;
  int setSize, setCapacity;
  /* Its boundary, filled by fusionSummarize: values read from outside the set, values
   * used outside it, each once, in the order of the body. */
  FusionValues inputs, outputs;
} FusionGraph;

/* A priority queue: the largest key first; equal keys by smaller a, then smaller b (so
 * decisions do not depend on the heap's shape). */
typedef struct FusionQueueEntry {
  double key;
  int a, b;
} FusionQueueEntry;

typedef struct FusionQueue {
  FusionQueueEntry *data;
  int size, capacity;
} FusionQueue;

/* ---- FusionGraph.c ------------------------------------------------------------------ */

void fusionQueuePush(FusionQueue *queue, FusionQueueEntry entry);
/// Takes the first entry into `*out`; false if the queue is empty.
bool fusionQueuePop(FusionQueue *queue, FusionQueueEntry *out);

void fusionValuesPush(FusionValues *values, MlirValue value);
bool fusionValuesContain(const FusionValues *values, MlirValue value);
/// Appends `value` to a growable int array.
void fusionPushInt(int **data, int *size, int *capacity, int value);

/// Builds the graph of `func`'s single-block body: one node and one cluster per op.
void fusionGraphBuild(FusionGraph *g, MlirOperation func, const FusionOptions *options);
void fusionGraphDestroy(FusionGraph *g);

/// The node defining `value`, or -1 for block arguments and values from outside the body.
int fusionDefNode(const FusionGraph *g, MlirValue value);
/// The node of the body op that holds `use` (nested uses count for their ancestor), or -1
/// for the terminator.
int fusionUserNode(const FusionGraph *g, MlirOpOperand use);
/// Elements of a ranked tensor value, 0 for anything else.
int64_t fusionValueElems(MlirValue value);

/* Set marks: how a node takes part in the set being evaluated. */
enum {
  FusionMarkNone,
  FusionMarkIn,   /* computed by the kernel */
  FusionMarkCopy, /* computed by the kernel as a private copy: none of its uses leaves it */
  FusionMarkGone, /* not in the kernel, and its uses of the kernel's values do not count */
};

/// Starts a new, empty set.
void fusionSetBegin(FusionGraph *g);
/// Adds `cluster`'s nodes with `mark` (FusionMarkGone only marks them).
void fusionSetAddCluster(FusionGraph *g, int cluster, int mark);
void fusionSetAddNodes(FusionGraph *g, const int *nodes, int count, int mark);
/// The mark of `node` in the current set.
int fusionSetMark(const FusionGraph *g, int node);
/// True if `node` is computed by the current set's kernel (FusionMarkIn or FusionMarkCopy).
bool fusionSetComputes(const FusionGraph *g, int node);

/// Sorts `nodes` by their order in the body.
void fusionSortByOrder(const FusionGraph *g, int *nodes, int count);
/// The nodes of `producer` that `consumer` reads, directly or through other nodes of
/// `producer`, sorted by order: what a copy of the producer must hold. Returns the count;
/// `*out` is reallocated as needed (free it).
int fusionSlice(FusionGraph *g, int producer, int consumer, int **out);
/// True if a value of `producer` has a user outside `producer` and `consumer` (the
/// terminator included).
bool fusionHasOtherUsers(const FusionGraph *g, int producer, int consumer);
/// True if `consumer` reads a value of `producer`.
bool fusionConsumes(const FusionGraph *g, int producer, int consumer);

/// Moves every node of `from` into `into`; `from` dies.
void fusionMerge(FusionGraph *g, int into, int from);
/// Gives `consumer` its own copy of the slice of `producer` it reads: the ops are cloned in
/// the IR next to their originals and `consumer` is rewired to the clones; ops of
/// `producer` that nothing uses any more are erased.
void fusionDuplicate(FusionGraph *g, int producer, int consumer);

/* ---- FusionLegality.c ---------------------------------------------------------------- */

typedef struct FusionSummary FusionSummary;

/// Writes why a fusion is refused into `reason` (printf-style) and returns false.
bool fusionRefuse(char *reason, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/// True if `op`'s DenseI64ArrayAttr `name` holds `first`, `first + 1`, ... (`count` values).
bool fusionIsRange(MlirOperation op, const char *name, int64_t first, intptr_t count);
/// Checks that the current set, summarized in `s`, can be one kernel; otherwise writes why
/// not into `reason` and returns false. Cycles are checked by fusionPathExists.
bool fusionCheckKernel(FusionGraph *g, const FusionSummary *s, char *reason, size_t size);
/// True if a path of uses leads from cluster `from` to cluster `to`. With `viaOthers`,
/// only paths through at least one other cluster count (direct uses do not).
bool fusionPathExists(FusionGraph *g, int from, int to, bool viaOthers);

/* ---- FusionOutline.c ----------------------------------------------------------------- */

/// The kind attribute of a fused kernel: "output", "input" or "loop".
const char *fusionKindName(const FusionSummary *s);

typedef struct FusionOutline {
  MlirSymbolTable symbols; /* of the module */
  MlirOperation after;     /* the op after which the next callee goes */
  int counter;             /* the N of the next @fused_N */
  /* Per cluster of the graph being outlined: its callee's name and kind (NULL: no fusion). */
  int numClusters;
  char **names;
  const char **kinds;
} FusionOutline;

/// Creates one private func.func per cluster of two or more ops (the fused computation),
/// recording its name and kind in `outline`.
void fusionCreateCallees(FusionGraph *g, FusionOutline *outline);
/// Replaces each such cluster by a dhlo.fusion calling its callee, erases the fused ops and
/// restores a valid order of the body.
void fusionReplaceClusters(FusionGraph *g, const FusionOutline *outline);
void fusionOutlineReset(FusionOutline *outline);

/* ---- FusionDot.c --------------------------------------------------------------------- */

void fusionDotBegin(FILE *file);
/// Writes the graph of one function, one subgraph cluster per fusion.
void fusionDotFunction(FILE *file, const FusionGraph *g, const FusionOutline *outline, int index);
void fusionDotEnd(FILE *file);

#endif
