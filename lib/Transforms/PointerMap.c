/* PointerMap.c: DlcPointerMap (Transforms.h), a hash map from IR handles to ints for passes
 * that number ops or values. Linear probing over a power-of-two table kept half empty. */
#include "Transforms/Transforms.h"
#include "Support/Alloc.h"

#include <stdint.h>
#include <stdlib.h>

/* Handles are aligned pointers: the multiply spreads their middle bits over the table. */
static size_t slotOf(const DlcPointerMap *map, const void *key) {
  size_t h = (size_t)(uintptr_t)key;
  h ^= h >> 17;
  h *= 0x9E3779B97F4A7C15ull;
  size_t i = (h >> 7) & (map->capacity - 1);
  while (map->keys[i] && map->keys[i] != key)
    i = (i + 1) & (map->capacity - 1);
  return i;
}

void dlcPointerMapPut(DlcPointerMap *map, const void *key, int value) {
  if (2 * (map->size + 1) > map->capacity) {
    DlcPointerMap grown = {NULL, NULL, map->capacity ? 2 * map->capacity : 64, 0};
    grown.keys = dlcAllocZeroed(grown.capacity, sizeof *grown.keys);
    grown.values = dlcAlloc(grown.capacity * sizeof *grown.values);
    for (size_t i = 0; i < map->capacity; ++i)
      if (map->keys[i])
        dlcPointerMapPut(&grown, map->keys[i], map->values[i]);
    dlcPointerMapDestroy(map);
    *map = grown;
  }
  size_t i = slotOf(map, key);
  map->size += !map->keys[i];
  map->keys[i] = key;
  map->values[i] = value;
}

int dlcPointerMapGet(const DlcPointerMap *map, const void *key) {
  if (!map->capacity)
    return -1;
  size_t i = slotOf(map, key);
  return map->keys[i] ? map->values[i] : -1;
}

void dlcPointerMapDestroy(DlcPointerMap *map) {
  free(map->keys);
  free(map->values);
  *map = (DlcPointerMap){NULL, NULL, 0, 0};
}
