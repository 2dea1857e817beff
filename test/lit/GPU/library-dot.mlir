// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-gpu-library-dot,cse)' | FileCheck %s
// RUN: dlc-opt %s --split-input-file --pass-pipeline='builtin.module(dlc-gpu-library-dot{dot-backend=codegen})' | FileCheck %s --check-prefix=CODEGEN
// dlc-gpu-library-dot: contractions on buffers (and the epilogue after each, when cuBLASLt
// has it) become calls of dlcCublasLtMatmul(epilogue, input type, output type, transA,
// transB, accumulate, m, n, k, batch, A, lda, strideA, B, ldb, strideB, C, D, ldd,
// strideD, bias). Epilogues: 1 DEFAULT, 2 RELU, 4 BIAS, 6 RELU_BIAS, 32 GELU, 36 GELU_BIAS.
// With dot-backend=codegen the pass changes nothing.

// The runtime entry is declared once per module, with the ABI of dlc/CudaRuntime.h.
// CHECK: func.func private @dlcCublasLtMatmul(i32, i32, i32, i32, i32, i32, i64, i64, i64, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i64, !llvm.ptr, !llvm.ptr, i64, i64, !llvm.ptr)

// A zero-filled 8x16 * 16x32 matmul: no epilogue, C not read (accumulate 0, C null), the
// fill and the generic gone; row strides 16 and 32, no batch strides.
// CHECK-LABEL: func.func @mm(
// CHECK-SAME: %[[A:.*]]: memref<8x16xf32>, %[[B:.*]]: memref<16x32xf32>, %[[C:.*]]: memref<8x32xf32>)
// CHECK-NOT: linalg.generic
// CHECK: memref.extract_aligned_pointer_as_index %[[A]]
// CHECK: %[[PA:.*]] = llvm.inttoptr
// CHECK: memref.extract_aligned_pointer_as_index %[[B]]
// CHECK: %[[PB:.*]] = llvm.inttoptr
// CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: memref.extract_aligned_pointer_as_index %[[C]]
// CHECK: %[[PC:.*]] = llvm.inttoptr
// CHECK: call @dlcCublasLtMatmul(%c1_i32, %c0_i32, %c0_i32, %c0_i32, %c0_i32, %c0_i32, %c8_i64, %c32_i64, %c16_i64, %c1_i64, %[[PA]], %c16_i64, %c0_i64, %[[PB]], %c32_i64, %c0_i64, %[[NULL]], %[[PC]], %c32_i64, %c0_i64, %[[NULL]])
// CHECK-NOT: linalg.generic
// CHECK: return
// CODEGEN-LABEL: func.func @mm(
// CODEGEN-COUNT-2: linalg.generic
// CODEGEN-NOT: call
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#scalar2 = affine_map<(d0, d1) -> ()>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %c: memref<8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#scalar2, #id2], iterator_types = ["parallel", "parallel"]} ins(%zero : f32) outs(%c : memref<8x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%c : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Without a zero fill, the product is added to what C holds: accumulate 1, C is D.
// CHECK-LABEL: func.func @mm_accumulate(
// CHECK-SAME: %[[C:[^:]*]]: memref<8x32xf32>)
// CHECK: memref.extract_aligned_pointer_as_index %[[C]]
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: %[[PC:.*]] = llvm.inttoptr
// CHECK: call @dlcCublasLtMatmul(%c1_i32, %c0_i32, %c0_i32, %c0_i32, %c0_i32, %c1_i32, {{.*}}, %[[PC]], %[[PC]], %c32_i64, %c0_i64, %{{.*}})
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_accumulate(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %c: memref<8x32xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%c : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// matmul + bias (a vector along the rows, indexed by the column loop): epilogue BIAS (4),
// D is the epilogue's output, the bias is the last argument; the product's own buffer,
// its fill and both generics are gone.
// CHECK-LABEL: func.func @mm_bias(
// CHECK-SAME: %[[BIAS:[^:]*]]: memref<32xf32>, %[[OUT:[^:]*]]: memref<8x32xf32>)
// CHECK-NOT: memref.alloc
// CHECK: memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: %[[PD:.*]] = llvm.inttoptr
// CHECK-NEXT: memref.extract_aligned_pointer_as_index %[[BIAS]]
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: %[[PBIAS:.*]] = llvm.inttoptr
// CHECK-NEXT: call @dlcCublasLtMatmul(%c4_i32, %c0_i32, %c0_i32, %c0_i32, %c0_i32, %c0_i32, {{.*}}, %[[PD]], %c32_i64, %c0_i64, %[[PBIAS]])
// CHECK-NOT: linalg.generic
// CHECK-NOT: memref.dealloc
// CHECK: return
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#scalar2 = affine_map<(d0, d1) -> ()>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_bias(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %bias: memref<32xf32>, %out: memref<8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#scalar2, #id2], iterator_types = ["parallel", "parallel"]} ins(%zero : f32) outs(%t : memref<8x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  }
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%t : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%t, %bias : memref<8x32xf32>, memref<32xf32>) outs(%out : memref<8x32xf32>) {
  ^bb0(%x: f32, %v: f32, %o: f32):
    %s = arith.addf %x, %v : f32
    linalg.yield %s : f32
  }
  memref.dealloc %t : memref<8x32xf32>
  return
}

// -----

// bias + relu, relu written as a compare and select: RELU_BIAS (6).
// CHECK-LABEL: func.func @mm_bias_relu(
// CHECK: call @dlcCublasLtMatmul(%c6_i32,
// CHECK-NOT: linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_bias_relu(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %bias: memref<32xf32>, %out: memref<8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%t : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%t, %bias : memref<8x32xf32>, memref<32xf32>) outs(%out : memref<8x32xf32>) {
  ^bb0(%x: f32, %v: f32, %o: f32):
    %s = arith.addf %x, %v : f32
    %p = arith.cmpf ogt, %s, %zero : f32
    %r = arith.select %p, %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// relu alone, max with a zero made inside the body: RELU (2), no bias (a null pointer).
// CHECK-LABEL: func.func @mm_relu(
// CHECK: %[[NULL:.*]] = llvm.mlir.zero
// CHECK: call @dlcCublasLtMatmul(%c2_i32, {{.*}}, %[[NULL]])
// CHECK-NOT: linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_relu(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %out: memref<8x32xf32>) {
  %t = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%t : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%t : memref<8x32xf32>) outs(%out : memref<8x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %r = arith.maximumf %x, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// bias + gelu in dhlo's tanh form (0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))):
// GELU_BIAS (36); no kernel is left.
// CHECK-LABEL: func.func @mm_bias_gelu(
// CHECK: call @dlcCublasLtMatmul(%c36_i32,
// CHECK-NOT: linalg.generic
// CHECK-NOT: math.tanh
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_bias_gelu(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %bias: memref<32xf32>, %out: memref<8x32xf32>) {
  %half = arith.constant 5.000000e-01 : f32
  %one = arith.constant 1.000000e+00 : f32
  %k = arith.constant 0.797884583 : f32
  %c3 = arith.constant 4.471500e-02 : f32
  %t = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%t : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%t, %bias : memref<8x32xf32>, memref<32xf32>) outs(%out : memref<8x32xf32>) {
  ^bb0(%x: f32, %v: f32, %o: f32):
    %0 = arith.addf %x, %v : f32
    %1 = arith.mulf %0, %0 : f32
    %2 = arith.mulf %1, %0 : f32
    %3 = arith.mulf %2, %c3 : f32
    %4 = arith.addf %0, %3 : f32
    %5 = arith.mulf %4, %k : f32
    %6 = math.tanh %5 : f32
    %7 = arith.addf %6, %one : f32
    %8 = arith.mulf %0, %half : f32
    %9 = arith.mulf %8, %7 : f32
    linalg.yield %9 : f32
  }
  return
}

// -----

// bias plus a residual of the product's shape, written with a leading unit dim through a
// view of the product's buffer (as the transformer block's projections are): the
// residual is C (accumulate 1), the epilogue BIAS; the view, the fill, the buffer and its
// dealloc are gone.
// CHECK-LABEL: func.func @mm_bias_residual(
// CHECK-SAME: %[[BIAS:[^:]*]]: memref<32xf32>, %[[R:[^:]*]]: memref<1x8x32xf32>, %[[OUT:[^:]*]]: memref<1x8x32xf32>)
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.expand_shape
// CHECK: memref.extract_aligned_pointer_as_index %[[R]]
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: %[[PR:.*]] = llvm.inttoptr
// CHECK-NEXT: memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK-NEXT: arith.index_cast
// CHECK-NEXT: %[[PD:.*]] = llvm.inttoptr
// CHECK: call @dlcCublasLtMatmul(%c4_i32, %c0_i32, %c0_i32, %c0_i32, %c0_i32, %c1_i32, {{.*}}, %[[PR]], %[[PD]], %c32_i64, %c0_i64, %{{.*}})
// CHECK-NOT: linalg.generic
// CHECK-NOT: memref.dealloc
// CHECK: return
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row3 = affine_map<(d0, d1, d2) -> (d2)>
#scalar2 = affine_map<(d0, d1) -> ()>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_bias_residual(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %bias: memref<32xf32>, %r: memref<1x8x32xf32>, %out: memref<1x8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %t = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#scalar2, #id2], iterator_types = ["parallel", "parallel"]} ins(%zero : f32) outs(%t : memref<8x32xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  }
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%t : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  %v = memref.expand_shape %t [[0, 1], [2]] output_shape [1, 8, 32] : memref<8x32xf32> into memref<1x8x32xf32>
  linalg.generic {indexing_maps = [#id3, #id3, #row3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%r, %v, %bias : memref<1x8x32xf32>, memref<1x8x32xf32>, memref<32xf32>) outs(%out : memref<1x8x32xf32>) {
  ^bb0(%x: f32, %p: f32, %w: f32, %o: f32):
    %0 = arith.addf %p, %w : f32
    %1 = arith.addf %x, %0 : f32
    linalg.yield %1 : f32
  }
  memref.dealloc %t : memref<8x32xf32>
  return
}

// -----

// gelu in its erf form (0.5 x (1 + erf(x / sqrt 2))) is not cuBLASLt's tanh gelu (up to
// 5e-4 apart, more than f32 allows): the epilogue stays a generic, reading the product
// the call wrote into C (epilogue DEFAULT, D = C).
// CHECK-LABEL: func.func @mm_erf_gelu(
// CHECK: %[[T:.*]] = memref.alloc
// CHECK: memref.extract_aligned_pointer_as_index %[[T]]
// CHECK: call @dlcCublasLtMatmul(%c1_i32,
// CHECK: linalg.generic {{.*}} ins(%[[T]]
// CHECK: math.erf
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @mm_erf_gelu(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %out: memref<8x32xf32>) {
  %half = arith.constant 5.000000e-01 : f32
  %one = arith.constant 1.000000e+00 : f32
  %rsqrt2 = arith.constant 0.707106769 : f32
  %t = memref.alloc() : memref<8x32xf32>
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%t : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%t : memref<8x32xf32>) outs(%out : memref<8x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %0 = arith.mulf %x, %rsqrt2 : f32
    %1 = math.erf %0 : f32
    %2 = arith.addf %1, %one : f32
    %3 = arith.mulf %x, %half : f32
    %4 = arith.mulf %3, %2 : f32
    linalg.yield %4 : f32
  }
  return
}

// -----

// A batch matmul (batch 3) of f16 inputs with an f32 output, B read transposed ([b, j, k]):
// input type 2 (CUDA_R_16F), output 0 (f32), transB 1, batch strides of one item each.
// CHECK-LABEL: func.func @bmm_f16(
// CHECK: call @dlcCublasLtMatmul(%c1_i32, %c2_i32, %c0_i32, %c0_i32, %c1_i32, %c1_i32, %c8_i64, %c32_i64, %c16_i64, %c3_i64, %{{.*}}, %c16_i64, %c128_i64, %{{.*}}, %c16_i64, %c512_i64, %{{.*}}, %{{.*}}, %c32_i64, %c256_i64, %{{.*}})
// CHECK-NOT: linalg.generic
#a = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#b = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
#c = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
func.func @bmm_f16(%a: memref<3x8x16xf16>, %b: memref<3x32x16xf16>, %c: memref<3x8x32xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : memref<3x8x16xf16>, memref<3x32x16xf16>) outs(%c : memref<3x8x32xf32>) {
  ^bb0(%x: f16, %y: f16, %o: f32):
    %xe = arith.extf %x : f16 to f32
    %ye = arith.extf %y : f16 to f32
    %m = arith.mulf %xe, %ye : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Not a plain multiply-add (a max-plus product): left for the kernels.
// CHECK-LABEL: func.func @max_plus(
// CHECK-NOT: call
// CHECK: linalg.generic
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @max_plus(%a: memref<8x16xf32>, %b: memref<16x32xf32>, %c: memref<8x32xf32>) {
  linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%c : memref<8x32xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %m = arith.addf %x, %y : f32
    %s = arith.maximumf %o, %m : f32
    linalg.yield %s : f32
  }
  return
}
