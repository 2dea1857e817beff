/* RulesMovement.c: placeholder table, filled in by its family's rules. */
#include "OpRules.h"

const DlcOpRule dlcMovementRules[] = {
    {NULL, NULL, 0},
};
