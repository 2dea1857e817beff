/* Npy.c: numpy's .npy format (numpy.lib.format), versions 1.0 to 3.0: the magic
 * "\x93NUMPY", a version, a little-endian header length (2 bytes in 1.0, 4 later), a
 * Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded
 * with spaces to a multiple of 64 bytes and ending in '\n', then the raw elements.
 * dlc reads and writes little-endian, C-order data of the dtypes below. numpy has no
 * bfloat16: a bf16 tensor is exchanged as its raw 16 bits, '<u2' (ml_dtypes' '<V2' is read
 * too); view it in numpy with `.view(ml_dtypes.bfloat16)`. Big-endian data and Fortran
 * order are refused with a message.
 * Ownership: the file's bytes are read into a Buf freed here; tensors are the caller's. */
#include "DlcRun.h"

#include "mlir-c/BuiltinTypes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct Dtype {
  char kind, size; /* descr without its byte order: 'f', '4' */
  DlcElementType type;
  const char *name; /* numpy's name */
} Dtype;

static const Dtype dtypes[] = {
    {'f', '2', DlcElementF16, "float16"}, {'f', '4', DlcElementF32, "float32"},
    {'f', '8', DlcElementF64, "float64"}, {'b', '1', DlcElementI1, "bool"},
    {'i', '1', DlcElementI8, "int8"},     {'i', '2', DlcElementI16, "int16"},
    {'i', '4', DlcElementI32, "int32"},   {'i', '8', DlcElementI64, "int64"},
    {'u', '1', DlcElementUI8, "uint8"},   {'u', '2', DlcElementUI16, "uint16"},
    {'u', '4', DlcElementUI32, "uint32"}, {'u', '8', DlcElementUI64, "uint64"},
    /* bf16 travels as raw 16 bits; '<u2' is what dlc writes for it. */
    {'u', '2', DlcElementBF16, "uint16, the raw bits of bfloat16"},
};
enum { NumDtypes = sizeof dtypes / sizeof dtypes[0] };

/* The dtype dlc writes for, and wants in a file for, an element type. */
static const Dtype *dtypeOf(DlcElementType type) {
  for (size_t i = 0; i < NumDtypes; ++i)
    if (dtypes[i].type == type)
      return &dtypes[i];
  return NULL;
}

/* "<f4" (or "|b1" for one-byte dtypes, as numpy spells them). */
static void descrStr(const Dtype *d, char out[4]) {
  out[0] = d->size == '1' ? '|' : '<';
  out[1] = d->kind;
  out[2] = d->size;
  out[3] = '\0';
}

/* ---- Reading ----------------------------------------------------------------------------- */

/// What a header says.
typedef struct Header {
  char descr[16];
  bool fortranOrder;
  intptr_t rank;
  int64_t dims[DLC_MAX_RANK];
  size_t dataOffset;
} Header;

/* The text after key `'name':` in the dict, spaces skipped; NULL if absent. */
static const char *findKey(const char *dict, const char *name) {
  char quoted[32];
  snprintf(quoted, sizeof quoted, "'%s'", name);
  const char *p = strstr(dict, quoted);
  if (!p)
    return NULL;
  p += strlen(quoted);
  while (isspace((unsigned char)*p))
    ++p;
  if (*p++ != ':')
    return NULL;
  while (isspace((unsigned char)*p))
    ++p;
  return p;
}

static bool parseShape(const char *p, Header *h) {
  if (!p || *p++ != '(')
    return false;
  for (h->rank = 0;; ++h->rank) {
    while (isspace((unsigned char)*p))
      ++p;
    if (*p == ')')
      return true;
    if (h->rank == DLC_MAX_RANK || !isdigit((unsigned char)*p))
      return false;
    char *end;
    h->dims[h->rank] = strtoll(p, &end, 10);
    p = end;
    while (isspace((unsigned char)*p))
      ++p;
    if (*p == ',')
      ++p;
    else if (*p != ')')
      return false;
  }
}

/* Parses the magic, version and dict of `bytes`; returns NULL or why it cannot. */
static const char *parseHeader(const Buf *bytes, Header *h) {
  const unsigned char *b = (const unsigned char *)bytes->data;
  if (bytes->len < 10 || memcmp(b, "\x93NUMPY", 6))
    return "not an .npy file (no \\x93NUMPY magic)";
  unsigned major = b[6];
  if (major < 1 || major > 3)
    return "unsupported .npy version (dlc reads 1.0 to 3.0)";
  size_t lenBytes = major == 1 ? 2 : 4, start = 8 + lenBytes;
  if (bytes->len < start)
    return "truncated header";
  size_t len = 0;
  for (size_t i = 0; i < lenBytes; ++i)
    len |= (size_t)b[8 + i] << (8 * i);
  if (len > bytes->len - start)
    return "truncated header";
  h->dataOffset = start + len;
  /* The dict as a NUL-terminated string. */
  char *dict = xrealloc(NULL, len + 1);
  memcpy(dict, b + start, len);
  dict[len] = '\0';
  const char *descr = findKey(dict, "descr"), *fortran = findKey(dict, "fortran_order");
  const char *why = NULL;
  size_t descrLen = descr && *descr == '\'' ? strcspn(descr + 1, "'") : 0;
  if (!descrLen || descrLen >= sizeof h->descr || descr[1 + descrLen] != '\'')
    why = "malformed header: no 'descr' string (structured dtypes are not supported)";
  else if (!fortran || (strncmp(fortran, "True", 4) && strncmp(fortran, "False", 5)))
    why = "malformed header: no 'fortran_order'";
  else if (!parseShape(findKey(dict, "shape"), h))
    why = "malformed header: no 'shape' tuple of at most 16 sizes";
  if (!why) {
    memcpy(h->descr, descr + 1, descrLen);
    h->descr[descrLen] = '\0';
    h->fortranOrder = fortran[0] == 'T';
  }
  free(dict);
  return why;
}

/* Whether the file's descr holds what `want` (the argument's dtype) needs. */
static bool descrMatches(const char *descr, const Dtype *want) {
  if (strlen(descr) != 3 || !strchr("<|=", descr[0]))
    return false;
  if (descr[1] == want->kind && descr[2] == want->size)
    return true;
  /* ml_dtypes saves bfloat16 as a two-byte void. */
  return want->type == DlcElementBF16 && descr[1] == 'V' && descr[2] == '2';
}

static const char *dtypeName(const char *descr) {
  if (strlen(descr) == 3 && descr[1] == 'V' && descr[2] == '2')
    return "two-byte void";
  for (size_t i = 0; i < NumDtypes; ++i)
    if (strlen(descr) == 3 && descr[1] == dtypes[i].kind && descr[2] == dtypes[i].size)
      return dtypes[i].name;
  return "unsupported";
}

/* "'x.npy' holds '<f8' (float64) of shape (2, 3), but argument #0 of @main,
 * tensor<2x3xf32>, needs '<f4' of shape (2, 3)". */
static void reportMismatch(const InputSpec *spec, const Header *h, const Dtype *want) {
  Buf msg = {0};
  char wantDescr[4];
  descrStr(want, wantDescr);
  bufPrintf(&msg, "dlc-run: input #%ld: '%s' holds '%s' (%s) of shape ", (long)spec->index,
            spec->text, h->descr, dtypeName(h->descr));
  appendDims(&msg, h->rank, h->dims, true);
  bufAppendStr(&msg, ", but ");
  describeArgument(spec, &msg);
  bufPrintf(&msg, ", needs '%s' of shape ", wantDescr);
  int64_t dims[DLC_MAX_RANK];
  intptr_t rank = mlirShapedTypeGetRank(spec->type);
  for (intptr_t i = 0; i < rank; ++i)
    dims[i] = mlirShapedTypeGetDimSize(spec->type, i);
  appendDims(&msg, rank, dims, true);
  fprintf(stderr, "%s\n", msg.data);
  bufFree(&msg);
}

DlcHostTensor readNpy(const InputSpec *spec) {
  Buf bytes = {0};
  if (!readInput(spec->text, &bytes))
    return (DlcHostTensor){NULL};
  DlcElementType element;
  dlcElementTypeFromMlirType(mlirShapedTypeGetElementType(spec->type), &element);
  const Dtype *want = dtypeOf(element);
  Header h = {0};
  const char *why = parseHeader(&bytes, &h);
  DlcHostTensor t = {NULL};
  if (why) {
    fprintf(stderr, "dlc-run: input #%ld: cannot read '%s': %s\n", (long)spec->index,
            spec->text, why);
  } else if (!descrMatches(h.descr, want) || !hasShape(spec->type, h.rank, h.dims)) {
    if (h.descr[0] == '>' && h.descr[2] != '1')
      fprintf(stderr, "dlc-run: input #%ld: '%s' is big-endian ('%s'): save it little-endian\n",
              (long)spec->index, spec->text, h.descr);
    else
      reportMismatch(spec, &h, want);
  } else if (h.fortranOrder && h.rank > 1) {
    fprintf(stderr,
            "dlc-run: input #%ld: '%s' is in Fortran order: save a C-ordered array "
            "(numpy.ascontiguousarray)\n",
            (long)spec->index, spec->text);
  } else {
    t = dlcHostTensorCreate(spec->type);
    size_t size = (size_t)dlcHostTensorGetNumElements(t) * dlcElementTypeGetByteSize(element);
    size_t available = bytes.len - h.dataOffset;
    if (available != size) {
      fprintf(stderr, "dlc-run: input #%ld: '%s' has %zu bytes of data, its header says %zu\n",
              (long)spec->index, spec->text, available, size);
      dlcHostTensorDestroy(t);
      t = (DlcHostTensor){NULL};
    } else {
      unsigned char *data = dlcHostTensorGetData(t);
      memcpy(data, bytes.data + h.dataOffset, size);
      for (size_t i = 0; element == DlcElementI1 && i < size; ++i)
        data[i] = data[i] != 0;
    }
  }
  bufFree(&bytes);
  return t;
}

/* ---- Writing ----------------------------------------------------------------------------- */

bool writeNpy(const char *path, DlcHostTensor t) {
  const Dtype *d = dtypeOf(dlcHostTensorGetElementType(t));
  char descr[4];
  descrStr(d, descr);
  Buf header = {0};
  bufPrintf(&header, "{'descr': '%s', 'fortran_order': False, 'shape': ", descr);
  appendDims(&header, dlcHostTensorGetRank(t), dlcHostTensorGetDims(t), true);
  bufAppendStr(&header, ", }");
  /* Magic, version and length take 10 bytes; numpy aligns the data to 64. */
  size_t total = (10 + header.len + 1 + 63) / 64 * 64;
  bufAppendRepeated(&header, ' ', total - 10 - header.len - 1);
  bufAppendStr(&header, "\n");
  unsigned char prefix[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                              (unsigned char)(header.len & 0xff), (unsigned char)(header.len >> 8)};
  size_t size = (size_t)dlcHostTensorGetNumElements(t) *
                dlcElementTypeGetByteSize(dlcHostTensorGetElementType(t));
  Output out;
  bool ok = outputOpen(&out, path);
  if (ok) {
    fwrite(prefix, 1, sizeof prefix, out.file);
    fwrite(header.data, 1, header.len, out.file);
    fwrite(dlcHostTensorGetData(t), 1, size, out.file);
    ok = outputCommit(&out);
  }
  bufFree(&header);
  return ok;
}
