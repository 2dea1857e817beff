/* FusionDot.c: the `dot-file` picture of dhlo-fusion's decisions in Graphviz DOT: one
 * cluster per function, inside it one cluster per fusion, an edge per use. */
#include "Transforms/Fusion.h"
#include "dlc/Support.h"

#include "mlir-c/BuiltinAttributes.h"

#include <stdlib.h>

void fusionDotBegin(FILE *file) {
  fputs("digraph dhlo_fusion {\n  compound=true;\n"
        "  node [shape=box, fontname=\"monospace\", fontsize=10];\n",
        file);
}

void fusionDotEnd(FILE *file) { fputs("}\n", file); }

static void printEscaped(MlirStringRef text, void *userData) {
  FILE *file = userData;
  for (size_t i = 0; i < text.length; ++i) {
    if (text.data[i] == '"' || text.data[i] == '\\')
      fputc('\\', file);
    fputc(text.data[i], file);
  }
}

/* A node's label: the op name and, for one result, its type. */
static void printNode(FILE *file, const FusionGraph *g, int node, int index, const char *indent) {
  MlirOperation op = g->nodes[node].op;
  fprintf(file, "%sf%d_n%d [label=\"", indent, index, node);
  printEscaped(mlirIdentifierStr(mlirOperationGetName(op)), file);
  if (mlirOperationGetNumResults(op) == 1) {
    fputs("\\n", file);
    mlirTypePrint(mlirValueGetType(mlirOperationGetResult(op, 0)), printEscaped, file);
  }
  fputs("\"];\n", file);
}

/* Where a value comes from: a node, or (function bodies are isolated) an argument. */
static void printSource(FILE *file, const FusionGraph *g, MlirValue value, int index) {
  int def = fusionDefNode(g, value);
  if (def >= 0)
    fprintf(file, "f%d_n%d", index, def);
  else
    fprintf(file, "f%d_arg%d", index, (int)mlirBlockArgumentGetArgNumber(value));
}

void fusionDotFunction(FILE *file, const FusionGraph *g, const FusionOutline *outline, int index) {
  MlirAttribute name = mlirOperationGetAttributeByName(g->func, dlcStr("sym_name"));
  fprintf(file, "  subgraph cluster_f%d {\n    label=\"@", index);
  printEscaped(mlirStringAttrGetValue(name), file);
  fputs("\";\n", file);
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(g->body); ++i)
    fprintf(file, "    f%d_arg%d [shape=ellipse, label=\"%%arg%d\"];\n", index, (int)i, (int)i);
  fprintf(file, "    f%d_return [shape=ellipse, label=\"return\"];\n", index);
  int *nodes = NULL, capacity = 0;
  for (int c = 0; c < g->numClusters; ++c) {
    const FusionCluster *cluster = &g->clusters[c];
    bool fused = outline->names && outline->names[c];
    if (fused)
      fprintf(file,
              "    subgraph cluster_f%d_c%d {\n      label=\"@%s (%s)\"; style=filled; "
              "color=lightgrey;\n",
              index, c, outline->names[c], outline->kinds[c]);
    int size = 0;
    for (int i = 0; i < cluster->size; ++i)
      fusionPushInt(&nodes, &size, &capacity, cluster->nodes[i]);
    fusionSortByOrder(g, nodes, size);
    for (int i = 0; i < size; ++i)
      printNode(file, g, nodes[i], index, fused ? "      " : "    ");
    if (fused)
      fputs("    }\n", file);
  }
  free(nodes);
  for (int n = 0; n < g->numNodes; ++n) {
    if (g->nodes[n].cluster < 0)
      continue;
    MlirOperation op = g->nodes[n].op;
    for (intptr_t j = 0; j < mlirOperationGetNumOperands(op); ++j) {
      fputs("    ", file);
      printSource(file, g, mlirOperationGetOperand(op, j), index);
      fprintf(file, " -> f%d_n%d;\n", index, n);
    }
  }
  MlirOperation terminator = mlirBlockGetTerminator(g->body);
  for (intptr_t j = 0; j < mlirOperationGetNumOperands(terminator); ++j) {
    fputs("    ", file);
    printSource(file, g, mlirOperationGetOperand(terminator, j), index);
    fprintf(file, " -> f%d_return;\n", index);
  }
  fputs("  }\n", file);
}
