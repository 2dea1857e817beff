/* Runner.h: the inside of dlc/Jit.h, shared by its files. Jit.c compiles (signature,
 * pipeline, ExecutionEngine) and owns the Jit struct; Descriptor.c moves host tensors in and
 * out of memref descriptors; Call.c checks arguments, invokes the entry and releases the
 * buffers the compiled code handed back. Messages go out through dlcFormat.
 *
 * The calling convention is the one `dlc-emit-c-interface` asks for: the packed wrapper of
 * `_mlir_ciface_<entry>` takes an array of pointers, one per argument of the C interface
 * function. With results, the first of those is a pointer to the result (one memref
 * descriptor, or a struct of them, all 64-bit words, for several); then each input is a
 * pointer to a pointer to its descriptor. A descriptor of rank r is, in 64-bit words:
 * allocated pointer, aligned pointer, offset, r sizes, r strides.
 * Ownership: a Jit owns its engine, entry name and type arrays (the types themselves belong
 * to the context). Descriptor arrays are owned by whoever allocated them in Call.c. */
#ifndef DLC_LIB_RUNNER_RUNNER_H
#define DLC_LIB_RUNNER_RUNNER_H

#include "Dialects/OpRules.h"
#include "Support/Format.h"
#include "dlc/Jit.h"

#include "mlir-c/ExecutionEngine.h"

#include <stddef.h>
#include <stdint.h>

typedef struct Jit {
  MlirExecutionEngine engine;
  void (*invoke)(void **); /* the packed wrapper of _mlir_ciface_<entry> */
  char *entry;             /* NUL-terminated */
  intptr_t numInputs, numResults;
  MlirType *inputTypes, *resultTypes;
  size_t resultWords; /* words of all result descriptors together */
} Jit;

static inline Jit *dlcJitUnwrap(DlcJit jit) { return (Jit *)jit.ptr; }

/* ---- Descriptor.c ------------------------------------------------------------------------ */

/// Words of a memref descriptor of `rank`.
size_t dlcDescriptorWords(intptr_t rank);
/// Fills `words` with a descriptor over host tensor `t`'s own row-major buffer (allocated
/// and aligned pointer both its data).
void dlcDescriptorOfTensor(DlcHostTensor t, int64_t *words);
/// The allocated pointer of a descriptor.
void *dlcDescriptorAllocated(const int64_t *words);
/// Copies the elements descriptor `words` shows (any offset and strides) into row-major
/// `t`, which has the descriptor's rank and sizes.
void dlcDescriptorCopyOut(const int64_t *words, DlcHostTensor t);

#endif
