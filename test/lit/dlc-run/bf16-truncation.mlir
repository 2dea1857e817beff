// RUN: dlc-run %s --no-optimize --print \
// RUN:   --input='[1.00390625, 1.01171875, 1.0078125, -0.0, 3.4028235e38, inf, -nan, 1.0e-40]' \
// RUN:   | FileCheck %s
// RUN: dlc-run %s --no-optimize --print --aot \
// RUN:   --input='[1.00390625, 1.01171875, 1.0078125, -0.0, 3.4028235e38, inf, -nan, 1.0e-40]' \
// RUN:   | FileCheck %s
// The __truncsfbf2 that dlc-define-bf16-truncation defines (the JIT and AOT objects have no
// other: it is what LLVM calls on x86 without AVX512-BF16), called on every input and its
// bf16 bits printed as i16: ties to even (0x3f80, 0x3f82), exact (0x3f81), -0.0 (0x8000),
// overflow and inf to inf (0x7f80), NaN kept negative and quiet (0xffc0), a denormal (0x0001).
// CHECK: tensor<8xi16> [16256, 16258, 16257, -32768, 32640, 32640, -64, 1]
func.func @truncate(%x: tensor<8xf32>) -> tensor<8xi16> {
  %init = tensor.empty() : tensor<8xi16>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<8xf32>) outs(%init : tensor<8xi16>) {
  ^bb0(%in: f32, %out: i16):
    %b = llvm.call @__truncsfbf2(%in) : (f32) -> bf16
    %i = arith.bitcast %b : bf16 to i16
    linalg.yield %i : i16
  } -> tensor<8xi16>
  return %r : tensor<8xi16>
}
llvm.func @__truncsfbf2(f32) -> bf16
