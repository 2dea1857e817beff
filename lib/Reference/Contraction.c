/* Contraction.c: the reference semantics of dot_general and convolution, after StableHLO:
 * each result element is a plain sum of products, summed in the operands' widest form
 * (floats in double, also for bf16/f16 operands with an f32 result; integers in 64 bits,
 * wrapping as the narrow type; i1 as or of ands) and rounded once on store. An
 * accumulation_type attribute asks for at least some precision; double is at least that.
 * Nothing here allocates. */
#include "Reference/Evaluator.h"

typedef struct {
  RefClass cls;
  RefScalar sum;
} Accum;

static void accumulate(Accum *a, RefScalar x, RefScalar y) {
  switch (a->cls) {
  case RefFloat: a->sum.f += x.f * y.f; break;
  case RefBool: a->sum.u |= x.u & y.u; break;
  default: a->sum.u += x.u * y.u; break; /* two's complement: signed products alike */
  }
}

static Accum accumZero(DlcElementType type) {
  Accum a = {dlcRefClassOf(type), {.u = 0}};
  if (a.cls == RefFloat)
    a.sum.f = 0.0;
  return a;
}

/* ---- dot_general ------------------------------------------------------------------------ */

typedef struct {
  DlcI64Array batching, contracting;
  intptr_t numFree;
  int64_t free[DLC_MAX_RANK]; /* the dimensions neither batching nor contracting, in order */
  int64_t strides[DLC_MAX_RANK];
} DotSide;

static MlirLogicalResult readDotSide(RefOp *op, intptr_t k, const char *batching,
                                     const char *contracting, DotSide *side) {
  if (mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, batching, true, &side->batching)) ||
      mlirLogicalResultIsFailure(dlcSigI64Array(&op->sig, contracting, true, &side->contracting)))
    return mlirLogicalResultFailure();
  const RefTensor *t = op->operands[k];
  bool used[DLC_MAX_RANK] = {false};
  for (intptr_t i = 0; i < side->batching.size; ++i)
    used[side->batching.data[i]] = true;
  for (intptr_t i = 0; i < side->contracting.size; ++i)
    used[side->contracting.data[i]] = true;
  side->numFree = 0;
  for (intptr_t d = 0; d < t->rank; ++d)
    if (!used[d])
      side->free[side->numFree++] = d;
  dlcRefStrides(t->dims, t->rank, side->strides);
  return mlirLogicalResultSuccess();
}

/* The offset of one side's element for the result index's batching and free parts;
 * `freeAt` is where this side's free dimensions start in the result index. */
static int64_t dotBase(const DotSide *side, const int64_t *index, intptr_t freeAt) {
  int64_t offset = 0;
  for (intptr_t i = 0; i < side->batching.size; ++i)
    offset += index[i] * side->strides[side->batching.data[i]];
  for (intptr_t i = 0; i < side->numFree; ++i)
    offset += index[freeAt + i] * side->strides[side->free[i]];
  return offset;
}

static int64_t dotContracted(const DotSide *side, const int64_t *c) {
  int64_t offset = 0;
  for (intptr_t j = 0; j < side->contracting.size; ++j)
    offset += c[j] * side->strides[side->contracting.data[j]];
  return offset;
}

/* result[batch..., lhs free..., rhs free...] = sum over the contracting index c of
 * lhs[batch, lhs free, c] * rhs[batch, rhs free, c]. */
static MlirLogicalResult runDotGeneral(RefOp *op) {
  const RefTensor *lhs = op->operands[0], *rhs = op->operands[1];
  RefTensor *out = op->results[0];
  DotSide l, r;
  if (mlirLogicalResultIsFailure(readDotSide(op, 0, "lhs_batching_dimensions",
                                             "lhs_contracting_dimensions", &l)) ||
      mlirLogicalResultIsFailure(readDotSide(op, 1, "rhs_batching_dimensions",
                                             "rhs_contracting_dimensions", &r)))
    return mlirLogicalResultFailure();
  int64_t sizes[DLC_MAX_RANK], count = 1;
  for (intptr_t j = 0; j < l.contracting.size; ++j)
    count *= sizes[j] = lhs->dims[l.contracting.data[j]];
  int64_t index[DLC_MAX_RANK] = {0}, c[DLC_MAX_RANK] = {0};
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank)) {
    int64_t lhsBase = dotBase(&l, index, l.batching.size);
    int64_t rhsBase = dotBase(&r, index, l.batching.size + l.numFree);
    Accum acc = accumZero(lhs->type);
    for (int64_t m = 0; m < count; ++m, dlcRefNextIndex(c, sizes, l.contracting.size))
      accumulate(&acc, dlcRefLoad(lhs, lhsBase + dotContracted(&l, c)),
                 dlcRefLoad(rhs, rhsBase + dotContracted(&r, c)));
    dlcRefStore(out, n, acc.sum);
  }
  return mlirLogicalResultSuccess();
}

/* ---- convolution ------------------------------------------------------------------------ */

/* Where each role sits in one tensor, from one part of dimension_numbers ("b01f"): `outer`
 * is b (input, output) or i (kernel), `inner` f or o, spatial[k] the digit k. */
typedef struct {
  int64_t outer, inner, spatial[DLC_MAX_RANK];
} Labels;

static void parseLabels(const char *s, size_t n, char outer, Labels *out) {
  for (size_t p = 0; p < n; ++p) {
    if (s[p] == outer)
      out->outer = (int64_t)p;
    else if (s[p] >= '0' && s[p] <= '9')
      out->spatial[s[p] - '0'] = (int64_t)p;
    else
      out->inner = (int64_t)p;
  }
}

typedef struct {
  Labels input, kernel, output;
  DlcWindow window;
  int64_t featureGroups, batchGroups;
} Conv;

/* The verifier has checked the attributes; this only reads them. */
static MlirLogicalResult readConv(RefOp *op, Conv *conv) {
  static const DlcWindowAttrNames names = {"window_strides", "padding", "lhs_dilation",
                                           "rhs_dilation"};
  MlirStringRef dn = {NULL, 0};
  conv->featureGroups = conv->batchGroups = 1;
  if (mlirLogicalResultIsFailure(dlcSigString(&op->sig, "dimension_numbers", true, &dn)) ||
      mlirLogicalResultIsFailure(dlcSigI64(&op->sig, "feature_group_count", false,
                                           &conv->featureGroups)) ||
      mlirLogicalResultIsFailure(dlcSigI64(&op->sig, "batch_group_count", false,
                                           &conv->batchGroups)))
    return mlirLogicalResultFailure();
  /* "<input>_<kernel>-><output>", each part as long as the rank. */
  size_t rank = (size_t)op->operands[0]->rank;
  parseLabels(dn.data, rank, 'b', &conv->input);
  parseLabels(dn.data + rank + 1, rank, 'i', &conv->kernel);
  parseLabels(dn.data + 2 * rank + 3, rank, 'b', &conv->output);
  conv->window.rank = (intptr_t)rank - 2;
  for (intptr_t k = 0; k < conv->window.rank; ++k)
    conv->window.size[k] = op->operands[1]->dims[conv->kernel.spatial[k]];
  return dlcSigWindow(&op->sig, &names, &conv->window);
}

/* StableHLO's convolution with its feature and batch groups unrolled: output feature o
 * belongs to feature group o / (O / feature_group_count), which reads that group's input
 * features, and to batch group o / (O / batch_group_count), which reads that group's slice
 * of the input batch. Spatially, kernel element k of output position s reads the padded,
 * lhs-dilated input at s * stride + k * rhs_dilation - pad_low; holes and padding are 0. */
static MlirLogicalResult runConvolution(RefOp *op) {
  const RefTensor *in = op->operands[0], *ker = op->operands[1];
  RefTensor *out = op->results[0];
  Conv conv;
  if (mlirLogicalResultIsFailure(readConv(op, &conv)))
    return mlirLogicalResultFailure();
  const DlcWindow *w = &conv.window;
  int64_t kernelInputs = ker->dims[conv.kernel.outer];
  int64_t outFeatures = out->dims[conv.output.inner], outBatch = out->dims[conv.output.outer];
  int64_t inStrides[DLC_MAX_RANK], kerStrides[DLC_MAX_RANK];
  dlcRefStrides(in->dims, in->rank, inStrides);
  dlcRefStrides(ker->dims, ker->rank, kerStrides);
  /* The reduction runs over (kernel input feature, window position...). */
  int64_t space[DLC_MAX_RANK + 1] = {kernelInputs}, spaceCount = kernelInputs;
  for (intptr_t k = 0; k < w->rank; ++k)
    spaceCount *= space[k + 1] = w->size[k];

  int64_t index[DLC_MAX_RANK] = {0}, at[DLC_MAX_RANK + 1] = {0};
  for (int64_t n = 0; n < out->count; ++n, dlcRefNextIndex(index, out->dims, out->rank)) {
    int64_t o = index[conv.output.inner];
    int64_t featureGroup = o / (outFeatures / conv.featureGroups);
    int64_t batchGroup = o / (outFeatures / conv.batchGroups);
    int64_t inIndex[DLC_MAX_RANK], kerIndex[DLC_MAX_RANK];
    inIndex[conv.input.outer] = batchGroup * outBatch + index[conv.output.outer];
    kerIndex[conv.kernel.inner] = o;
    Accum acc = accumZero(in->type);
    for (int64_t m = 0; m < spaceCount; ++m, dlcRefNextIndex(at, space, w->rank + 1)) {
      inIndex[conv.input.inner] = featureGroup * kernelInputs + at[0];
      kerIndex[conv.kernel.outer] = at[0];
      bool inside = true;
      for (intptr_t k = 0; inside && k < w->rank; ++k) {
        int64_t q = index[conv.output.spatial[k]] * w->stride[k] +
                    at[k + 1] * w->windowDilation[k] - w->padLow[k];
        int64_t x = q / w->baseDilation[k];
        inside = q >= 0 && q % w->baseDilation[k] == 0 && x < in->dims[conv.input.spatial[k]];
        inIndex[conv.input.spatial[k]] = x;
        kerIndex[conv.kernel.spatial[k]] = at[k + 1];
      }
      if (inside)
        accumulate(&acc, dlcRefLoad(in, dlcRefOffset(inIndex, inStrides, in->rank)),
                   dlcRefLoad(ker, dlcRefOffset(kerIndex, kerStrides, ker->rank)));
    }
    dlcRefStore(out, n, acc.sum);
  }
  return mlirLogicalResultSuccess();
}

const RefOpImpl dlcRefContractionOps[] = {
    {"dhlo.dot_general", runDotGeneral},
    {"dhlo.convolution", runConvolution},
    {NULL, NULL},
};
