/* Format.h: printf-style text written through an MlirStringCallback, whatever its length
 * (help text, messages, generated headers). Nothing is kept: long text is formatted into a
 * temporary buffer freed before returning. */
#ifndef DLC_LIB_SUPPORT_FORMAT_H
#define DLC_LIB_SUPPORT_FORMAT_H

#include "mlir-c/Support.h"

/// Formats `fmt` and hands the text to `callback` in one piece.
void dlcFormat(MlirStringCallback callback, void *userData, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
