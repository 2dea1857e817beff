/* RulesCall.c: placeholder table, filled in by its family's rules. */
#include "OpRules.h"

const DlcOpRule dlcCallRules[] = {
    {NULL, NULL, 0},
};
