// dlc-translate --emit-c-header: the C header of an entry point, made from the dhlo module
// before lowering. It declares one descriptor struct per rank used, the _mlir_ciface_
// prototype and <entry>_run over row-major buffers, and compiles as self-contained C11 (and
// C++).

// RUN: rm -rf %t && mkdir %t
// RUN: dlc-translate --emit-c-header --entry=affine %s -o %t/affine.h
// RUN: FileCheck %s < %t/affine.h
// RUN: printf '#include "affine.h"\n#include "affine.h"\nint main(void) { return 0; }\n' > %t/use.c
// RUN: cc -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only -I%t %t/use.c

// CHECK: C interface of `affine`
// CHECK: Ownership:
// CHECK: #ifndef DLC_ENTRY_AFFINE_H
// CHECK: #include <stdint.h>
// CHECK-NEXT: #include <stdlib.h>
// CHECK-NEXT: #include <string.h>
// CHECK-NOT: #include
// CHECK: #ifndef DLC_MEMREF1_DEFINED
// CHECK: typedef struct DlcMemRef1 {
// CHECK-NEXT:   void *allocated;
// CHECK-NEXT:   void *aligned;
// CHECK-NEXT:   int64_t offset;
// CHECK-NEXT:   int64_t sizes[1];
// CHECK-NEXT:   int64_t strides[1];
// CHECK-NEXT: } DlcMemRef1;
// CHECK: typedef struct DlcMemRef2 {
// CHECK:   int64_t sizes[2];
// CHECK-NEXT:   int64_t strides[2];
// CHECK-NEXT: } DlcMemRef2;
// CHECK-NOT: DlcMemRef3 {
// CHECK: void _mlir_ciface_affine(DlcMemRef1 *result,
// CHECK-NEXT:     DlcMemRef2 *in0,
// CHECK-NEXT:     DlcMemRef1 *in1,
// CHECK-NEXT:     DlcMemRef1 *in2);
// CHECK: static inline int affine_run(float *in0,
// CHECK-NEXT:     float *in1,
// CHECK-NEXT:     float *in2,
// CHECK-NEXT:     float *out0) {
// CHECK-NEXT:   DlcMemRef2 a0 = {in0, in0, 0, {4, 3}, {3, 1}};
// CHECK-NEXT:   DlcMemRef1 a1 = {in1, in1, 0, {3}, {1}};
// CHECK-NEXT:   DlcMemRef1 a2 = {in2, in2, 0, {4}, {1}};
// CHECK-NEXT:   DlcMemRef1 r0;
// CHECK-NEXT:   _mlir_ciface_affine(&r0, &a0, &a1, &a2);
// CHECK:   dlcAotCopyOut(r0.aligned, r0.offset, 1, r0.sizes, r0.strides, sizeof(float), out0);
// CHECK-NEXT:   void *results[] = {r0.allocated};
// CHECK-NEXT:   const void *inputs[] = {in0, in1, in2};
// CHECK-NEXT:   dlcAotFreeResults(results, 1, inputs, 3, free);
// CHECK-NEXT:   return status;
func.func @affine(%m: tensor<4x3xf32>, %v: tensor<3xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.dot_general"(%m, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4xf32>
  %1 = "dhlo.add"(%0, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// Several results come back in a struct of descriptors; element types map to C types
// (i1 as a byte, bf16 and f16 as their 16 bits); rank 0 has no sizes or strides. The
// headers of two entries can be included together.
// RUN: dlc-translate --emit-c-header --entry=several %s -o %t/several.h
// RUN: FileCheck %s --check-prefix=SEVERAL < %t/several.h
// RUN: printf '#include "affine.h"\n#include "several.h"\nint main(void) { return 0; }\n' > %t/both.c
// RUN: cc -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only -I%t %t/both.c
// RUN: c++ -std=c++11 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c++ -I%t %t/both.c
// SEVERAL: typedef struct DlcMemRef0 {
// SEVERAL-NEXT:   void *allocated;
// SEVERAL-NEXT:   void *aligned;
// SEVERAL-NEXT:   int64_t offset;
// SEVERAL-NEXT: } DlcMemRef0;
// SEVERAL: typedef struct several_results {
// SEVERAL-NEXT:   DlcMemRef1 r0;
// SEVERAL-NEXT:   DlcMemRef0 r1;
// SEVERAL-NEXT:   DlcMemRef2 r2;
// SEVERAL-NEXT: } several_results;
// SEVERAL-NEXT: void _mlir_ciface_several(several_results *results,
// SEVERAL-NEXT:     DlcMemRef1 *in0,
// SEVERAL-NEXT:     DlcMemRef0 *in1,
// SEVERAL-NEXT:     DlcMemRef2 *in2);
// SEVERAL: static inline int several_run(uint8_t *in0,
// SEVERAL-NEXT:     int32_t *in1,
// SEVERAL-NEXT:     uint16_t *in2,
// SEVERAL-NEXT:     uint8_t *out0,
// SEVERAL-NEXT:     int32_t *out1,
// SEVERAL-NEXT:     uint16_t *out2) {
// SEVERAL:   DlcMemRef0 a1 = {in1, in1, 0};
// SEVERAL:   several_results r;
// SEVERAL-NEXT:   _mlir_ciface_several(&r, &a0, &a1, &a2);
// SEVERAL:   dlcAotCopyOut(r.r1.aligned, r.r1.offset, 0, NULL, NULL, sizeof(int32_t), out1);
// SEVERAL:   void *results[] = {r.r0.allocated, r.r1.allocated, r.r2.allocated};
func.func @several(%p: tensor<5xi1>, %s: tensor<i32>, %h: tensor<2x2xbf16>) -> (tensor<5xi1>, tensor<i32>, tensor<2x2xbf16>) {
  return %p, %s, %h : tensor<5xi1>, tensor<i32>, tensor<2x2xbf16>
}

// With one public function --entry may be left out; private functions do not count.
// RUN: dlc-translate --emit-c-header %S/Inputs/one-public.mlir | FileCheck %s --check-prefix=ONLY
// ONLY: void _mlir_ciface_only(DlcMemRef1 *result,
