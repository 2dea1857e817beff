// Entry points --emit-c-header cannot describe, each a located error, exit status 1 and no
// output. Each case is its own entry, chosen with --entry.

// dhlo shapes are static, but the header also reads memref signatures, which may not be.
// RUN: not dlc-translate --emit-c-header --entry=dynamic %s 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: header-errors.mlir:[[@LINE+1]]:1: error: cannot emit a C header: input 0 has type memref<?x4xf32>; the header needs a static shape
func.func @dynamic(%a: memref<?x4xf32>) {
  return
}

// RUN: not dlc-translate --emit-c-header --entry=complex %s 2>&1 | FileCheck %s --check-prefix=COMPLEX
// COMPLEX: header-errors.mlir:[[@LINE+1]]:1: error: cannot emit a C header: input 1 has type tensor<2xcomplex<f32>>; the header needs one of dlc's element types
func.func @complex(%a: tensor<2xf32>, %b: tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>> {
  return %b : tensor<2xcomplex<f32>>
}

// RUN: not dlc-translate --emit-c-header --entry=scalar %s 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: header-errors.mlir:[[@LINE+1]]:1: error: cannot emit a C header: input 0 has type f32; the header needs a ranked tensor or memref
func.func @scalar(%a: f32) -> f32 {
  return %a : f32
}

// An entry whose name C cannot spell.
// RUN: not dlc-translate --emit-c-header --entry=not.c %s 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: header-errors.mlir:[[@LINE+1]]:1: error: cannot emit a C header: entry name 'not.c' is not a C identifier
func.func @not.c(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}

// No such function; several public ones and no --entry.
// RUN: not dlc-translate --emit-c-header --entry=missing %s 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: header-errors.mlir:0:0: error: cannot emit a C header: no func.func @missing in the module (the header is made from the module before lowering)
// RUN: not dlc-translate --emit-c-header %s 2>&1 | FileCheck %s --check-prefix=SEVERAL
// SEVERAL: header-errors.mlir:0:0: error: cannot emit a C header: the module has 4 public functions; name the entry point

// A module already lowered to the LLVM dialect has lost the signature.
// RUN: dlc-opt --dlc-lower-to-cpu %S/Inputs/mul.mlir -o %t.lowered.mlir
// RUN: not dlc-translate --emit-c-header %t.lowered.mlir -o %t.h 2>&1 | FileCheck %s --check-prefix=LOWERED
// LOWERED: lowered.mlir:1:1: error: cannot emit a C header: no public func.func in the module (the header is made from the module before lowering)
// RUN: test ! -e %t.h
