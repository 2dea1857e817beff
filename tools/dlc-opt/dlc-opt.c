/* dlc-opt (bootstrap): parse, verify, print. */
#include "dlc/Dialects.h"
#include "mlir-c/Diagnostics.h"
#include <stdio.h>
#include <stdlib.h>
static void out(MlirStringRef s, void *u) { fwrite(s.data, 1, s.length, stdout); }
static void err(MlirStringRef s, void *u) { fwrite(s.data, 1, s.length, stderr); }
static MlirLogicalResult diag(MlirDiagnostic d, void *u) {
  mlirLocationPrint(mlirDiagnosticGetLocation(d), err, 0); fprintf(stderr, ": error: ");
  mlirDiagnosticPrint(d, err, 0); fprintf(stderr, "\n"); return mlirLogicalResultSuccess(); }
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f); rewind(f);
  char *b = malloc(n + 1); fread(b, 1, n, f); b[n] = 0; fclose(f);
  MlirContext ctx = dlcContextCreate();
  mlirContextAttachDiagnosticHandler(ctx, diag, 0, 0);
  MlirOperation m = mlirOperationCreateParse(ctx, mlirStringRefCreateFromCString(b), mlirStringRefCreateFromCString(argv[1]));
  if (mlirOperationIsNull(m) || mlirLogicalResultIsFailure(dlcVerify(m))) return 1;
  mlirOperationPrint(m, out, 0); printf("\n");
  mlirOperationDestroy(m); mlirContextDestroy(ctx); free(b); return 0;
}
