/* Patterns.c: freezing rewrite pattern sets without the leak MLIR 22's C API leaves. */
#include "Transforms/Transforms.h"

MlirFrozenRewritePatternSet dlcFreezePatterns(MlirRewritePatternSet set) {
  MlirFrozenRewritePatternSet frozen = mlirFreezeRewritePattern(set);
  /* mlirFreezeRewritePattern moves the patterns out but never deletes the set object
   * itself; destroying the now-empty shell frees it. */
  mlirRewritePatternSetDestroy(set);
  return frozen;
}
