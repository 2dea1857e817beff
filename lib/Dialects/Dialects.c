/* Dialects.c: loads dhlo and dtensor from their IRDL text (embedded at build time) and
 * sets up a context the way every dlc tool wants it. */
#include "dlc/Dialects.h"

#include "mlir-c/Dialect/IRDL.h"
#include "mlir-c/RegisterEverything.h"

#include <pthread.h>

extern const char dlc_dhlo_irdl_text[];
extern const char dlc_dtensor_irdl_text[];

static MlirLogicalResult loadIrdl(MlirContext ctx, const char *text) {
  MlirModule module = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  if (mlirModuleIsNull(module))
    return mlirLogicalResultFailure();
  MlirLogicalResult result = mlirLoadIRDLDialects(module);
  mlirModuleDestroy(module);
  return result;
}

MlirLogicalResult dlcLoadDialects(MlirContext ctx) {
  if (!mlirDialectIsNull(mlirContextGetOrLoadDialect(ctx, dlcStr("dhlo"))))
    return mlirLogicalResultSuccess();
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__irdl__(), ctx);
  if (mlirLogicalResultIsFailure(loadIrdl(ctx, dlc_dtensor_irdl_text)) ||
      mlirLogicalResultIsFailure(loadIrdl(ctx, dlc_dhlo_irdl_text)))
    return mlirLogicalResultFailure();
  return mlirLogicalResultSuccess();
}

static pthread_once_t passesRegistered = PTHREAD_ONCE_INIT;

MlirContext dlcContextCreate(void) {
  pthread_once(&passesRegistered, mlirRegisterAllPasses);
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  mlirRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  mlirRegisterAllLLVMTranslations(ctx);
  if (mlirLogicalResultIsFailure(dlcLoadDialects(ctx))) {
    mlirContextDestroy(ctx);
    return (MlirContext){NULL};
  }
  return ctx;
}
