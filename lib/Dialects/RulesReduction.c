/* RulesReduction.c: placeholder table, filled in by its family's rules. */
#include "OpRules.h"

const DlcOpRule dlcReductionRules[] = {
    {NULL, NULL, 0},
};
