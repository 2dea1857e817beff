// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(convert-dhlo-to-linalg,dlc-gpu-fuse-elementwise{dot-backend=library})' | FileCheck %s
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(convert-dhlo-to-linalg,dlc-gpu-fuse-elementwise{dot-backend=codegen})' | FileCheck %s --check-prefix=CODEGEN
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-lower-to-gpu{dot-backend=library})' | FileCheck %s --check-prefix=CALL
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(convert-dhlo-to-linalg,dlc-gpu-fuse-elementwise{dot-backend=library},dlc-emit-c-interface,one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map},buffer-deallocation-pipeline,convert-bufferization-to-memref,dlc-gpu-library-dot{dot-backend=library})' | FileCheck %s --check-prefix=EPILOGUE
// The rewrite keeps the numbers: the same linalg through the CPU pipeline, against the
// reference evaluator.
// RUN: dlc-run %s --entry=conv_bias_relu --check --atol=1e-5 --rtol=1e-5 --pipeline='builtin.module(convert-dhlo-to-linalg,dlc-gpu-fuse-elementwise{dot-backend=library},dlc-lower-to-cpu)' | FileCheck %s --check-prefix=NUMBERS
// RUN: dlc-run %s --entry=conv_strided --check --pipeline='builtin.module(convert-dhlo-to-linalg,dlc-gpu-fuse-elementwise{dot-backend=library},dlc-lower-to-cpu)' | FileCheck %s --check-prefix=NUMBERS
// NUMBERS: dlc-run: output #0 matches
// With dot-backend=library, an NHWC/HWIO convolution becomes an image-to-columns copy
// ([n, oh*ow, kh*kw*c]) and a contraction with the filter as one [kh*kw*c, f] matrix,
// which dlc-gpu-library-dot makes a cuBLASLt call; the zero fill of the output moves right
// before the contraction (so the call writes C with beta = 0) and the bias + relu epilogue
// runs on the product's [n, oh*ow, f] with the expand_shape after it, so that the call
// carries it (RELU_BIAS = 6) and no kernel but the copy is left. The codegen backend keeps
// the convolution one generic.

// CHECK-LABEL: func.func @conv_bias_relu
// CHECK:      %[[FILTER:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]] : tensor<3x3x8x16xf32> into tensor<72x16xf32>
// CHECK:      %[[COLUMNS:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2x10x10x8xf32>) outs(%{{.*}} : tensor<2x64x72xf32>)
// CHECK:      %[[ZERO:.*]] = linalg.generic {{.*}} ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x64x16xf32>)
// CHECK-NEXT:   ^bb0
// CHECK-NEXT:   linalg.yield
// CHECK-NEXT: }
// CHECK-NEXT: %[[PRODUCT:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[COLUMNS]], %[[FILTER]] : tensor<2x64x72xf32>, tensor<72x16xf32>) outs(%[[ZERO]] : tensor<2x64x16xf32>)
// CHECK:      %[[BIASED:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[PRODUCT]], %{{.*}} : tensor<2x64x16xf32>, tensor<16xf32>) outs(%{{.*}} : tensor<2x64x16xf32>)
// CHECK:      arith.maximumf
// CHECK:      %[[OUT:.*]] = tensor.expand_shape %[[BIASED]] {{\[}}[0], [1, 2], [3]] output_shape [2, 8, 8, 16]
// CHECK-NEXT: return %[[OUT]]
// CHECK-NOT:  linalg.conv_2d
// CODEGEN-LABEL: func.func @conv_bias_relu
// CODEGEN-NOT:   tensor.collapse_shape
// CODEGEN:       linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
// CALL-LABEL: llvm.func @conv_bias_relu(
// CALL-COUNT-1: gpu.launch_func
// CALL:         llvm.call @dlcCublasLtMatmul(
// CALL-NOT:     gpu.launch_func
// CALL-NOT:     llvm.call @dlcCublasLtMatmul(
// EPILOGUE-LABEL: func.func @conv_bias_relu(
// EPILOGUE:       %[[KIND:.*]] = arith.constant 6 : i32
// EPILOGUE:       call @dlcCublasLtMatmul(%[[KIND]],
// EPILOGUE-NOT:   linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : memref<2x8x8x16xf32>
func.func @conv_bias_relu(%x: tensor<2x10x10x8xf32>, %w: tensor<3x3x8x16xf32>, %b: tensor<16xf32>) -> tensor<2x8x8x16xf32> {
  %c = "dhlo.convolution"(%x, %w) {dimension_numbers = "b01f_01io->b01f"} : (tensor<2x10x10x8xf32>, tensor<3x3x8x16xf32>) -> tensor<2x8x8x16xf32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 3>} : (tensor<16xf32>) -> tensor<2x8x8x16xf32>
  %s = "dhlo.add"(%c, %bb) : (tensor<2x8x8x16xf32>, tensor<2x8x8x16xf32>) -> tensor<2x8x8x16xf32>
  %z = "dhlo.constant"() {value = dense<0.0> : tensor<2x8x8x16xf32>} : () -> tensor<2x8x8x16xf32>
  %r = "dhlo.maximum"(%s, %z) : (tensor<2x8x8x16xf32>, tensor<2x8x8x16xf32>) -> tensor<2x8x8x16xf32>
  return %r : tensor<2x8x8x16xf32>
}

// -----

// Strides go into the copy's indexing.
// CHECK-LABEL: func.func @conv_strided
// CHECK:       linalg.generic {{.*}} outs(%{{.*}} : tensor<1x16x36xf32>)
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x16x36xf32>, tensor<36x8xf32>)
// CHECK-NOT:   linalg.conv_2d
// CALL-LABEL:  llvm.func @conv_strided(
// CALL-COUNT-1: llvm.call @dlcCublasLtMatmul(
func.func @conv_strided(%x: tensor<1x9x9x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %c = "dhlo.convolution"(%x, %w) {dimension_numbers = "b01f_01io->b01f", window_strides = array<i64: 2, 2>} : (tensor<1x9x9x4xf32>, tensor<3x3x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %c : tensor<1x4x4x8xf32>
}
