/* Descriptor.c: memref descriptors (see Runner.h) over host tensors, and results copied out
 * of the descriptors the compiled code returns. Nothing here allocates. */
#include "Runner/Runner.h"

#include <string.h>

size_t dlcDescriptorWords(intptr_t rank) { return 3 + 2 * (size_t)rank; }

void dlcDescriptorOfTensor(DlcHostTensor t, int64_t *words) {
  intptr_t rank = dlcHostTensorGetRank(t);
  const int64_t *dims = dlcHostTensorGetDims(t);
  void *data = dlcHostTensorGetData(t);
  memcpy(&words[0], &data, sizeof data);
  memcpy(&words[1], &data, sizeof data);
  words[2] = 0;
  int64_t stride = 1;
  for (intptr_t d = rank - 1; d >= 0; --d) {
    words[3 + d] = dims[d];
    words[3 + rank + d] = stride;
    stride *= dims[d];
  }
}

void *dlcDescriptorAllocated(const int64_t *words) {
  void *allocated;
  memcpy(&allocated, &words[0], sizeof allocated);
  return allocated;
}

void dlcDescriptorCopyOut(const int64_t *words, DlcHostTensor t) {
  intptr_t rank = dlcHostTensorGetRank(t);
  size_t size = dlcElementTypeGetByteSize(dlcHostTensorGetElementType(t));
  const char *aligned;
  memcpy(&aligned, &words[1], sizeof aligned);
  char *out = dlcHostTensorGetData(t);
  const int64_t *sizes = words + 3, *strides = words + 3 + rank;
  int64_t count = dlcHostTensorGetNumElements(t), index[DLC_MAX_RANK] = {0};
  for (int64_t n = 0; n < count; ++n) {
    int64_t offset = words[2];
    for (intptr_t d = 0; d < rank; ++d)
      offset += index[d] * strides[d];
    memcpy(out + (size_t)n * size, aligned + offset * (int64_t)size, size);
    for (intptr_t d = rank - 1; d >= 0 && ++index[d] == sizes[d]; --d)
      index[d] = 0;
  }
}
