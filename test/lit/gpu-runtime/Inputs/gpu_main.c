/* gpu_main.c: a C program that runs the MLP of examples/mlp.mlir compiled ahead of time for
 * the GPU (mlp_gpu.o and mlp_gpu.h, made by aot-gpu-mlp.test), with dlc's CUDA runtime and
 * no MLIR or LLVM. It fills the inputs with a fixed formula, calls mlp_run and compares the
 * output with the same MLP computed here in double. Without a CUDA driver or device it
 * prints the runtime's error and exits with status 1.
 * Every buffer is this program's; mlp_run frees the device buffers it made. */
#include "mlp_gpu.h"

#include <math.h>
#include <stdio.h>

enum { Batch = 8, In = 64, Hidden = 128, Out = 32 };

/* Element i of input `salt`: small multiples of 1/64 in [-14/64, 14/64], exact in f32. */
static void fill(float *data, size_t n, unsigned salt) {
  for (size_t i = 0; i < n; ++i)
    data[i] = (float)((int)((i * salt + 7) % 29) - 14) / 64.0f;
}

static double gelu(double h) {
  return 0.5 * h * (1 + tanh(0.7978845608028654 * (h + 0.044715 * h * h * h)));
}

/* out[b][o] = gelu(sum_k in[b][k] w[k][o] + bias[o]) */
static void layer(const float *in, const float *w, const float *bias, int k, int n,
                  double *out) {
  for (int b = 0; b < Batch; ++b)
    for (int o = 0; o < n; ++o) {
      double sum = bias[o];
      for (int i = 0; i < k; ++i)
        sum += (double)in[b * k + i] * w[i * n + o];
      out[b * n + o] = gelu(sum);
    }
}

static float x[Batch * In], w1[In * Hidden], b1[Hidden], w2[Hidden * Out], b2[Out];
static float y[Batch * Out], hidden[Batch * Hidden];
static double h[Batch * Hidden], ref[Batch * Out];

int main(void) {
  fill(x, Batch * In, 3);
  fill(w1, In * Hidden, 5);
  fill(b1, Hidden, 7);
  fill(w2, Hidden * Out, 11);
  fill(b2, Out, 13);
  if (mlp_run(x, w1, b1, w2, b2, y)) {
    fprintf(stderr, "mlp_run failed: %s\n", dlcCudaGetLastError());
    return 1;
  }
  layer(x, w1, b1, In, Hidden, h);
  for (int i = 0; i < Batch * Hidden; ++i)
    hidden[i] = (float)h[i];
  layer(hidden, w2, b2, Hidden, Out, ref);
  double maxDiff = 0;
  for (int i = 0; i < Batch * Out; ++i)
    maxDiff = fmax(maxDiff, fabs(ref[i] - y[i]));
  printf("mlp_run on %s: max |gpu - reference| = %.3g\n", dlcCudaGetDeviceName(), maxDiff);
  return maxDiff <= 1e-4 ? 0 : 1;
}
