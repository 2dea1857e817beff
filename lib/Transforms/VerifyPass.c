/* VerifyPass.c: `dhlo-verify`, dlc's semantic verifier as a pass, so a pipeline can
 * check the IR between any two steps. */
#include "Transforms/PassRegistry.h"
#include "dlc/Dialects.h"

static void runVerify(MlirOperation op, MlirExternalPass pass, const DlcPassOptionValue *options) {
  dlcPassCheck(pass, dlcVerify(op));
}

const DlcPassDef dlcVerifyPass = {
    .info = {.argument = "dhlo-verify",
             .summary = "Check dhlo/dtensor op semantics (shapes, dimension numbers, types)",
             .anchor = "", .numOptions = 0, .options = NULL},
    .run = runVerify,
};
