/* ValueIndex.c: DlcValueIndex (Transforms.h), dense numbers for values over a DlcPointerMap. */
#include "Transforms/Transforms.h"

intptr_t dlcValueIndexFind(const DlcValueIndex *index, MlirValue value) {
  return dlcPointerMapGet(&index->map, value.ptr);
}

intptr_t dlcValueIndexAdd(DlcValueIndex *index, MlirValue value) {
  intptr_t i = dlcValueIndexFind(index, value);
  if (i >= 0)
    return i;
  dlcPointerMapPut(&index->map, value.ptr, (int)index->count);
  return (intptr_t)index->count++;
}

void dlcValueIndexDestroy(DlcValueIndex *index) {
  dlcPointerMapDestroy(&index->map);
  index->count = 0;
}
