/* RulesContraction.c: placeholder table, filled in by its family's rules. */
#include "OpRules.h"

const DlcOpRule dlcContractionRules[] = {
    {NULL, NULL, 0},
};
