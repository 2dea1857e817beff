// RUN: dlc-opt %s --split-input-file --dlc-parallelize=threads=1 | FileCheck %s --check-prefix=SEQ
// RUN: dlc-opt %s --split-input-file --dlc-parallelize=threads=2 | FileCheck %s --check-prefix=PAR
// RUN: dlc-opt %s --split-input-file --dlc-parallelize | FileCheck %s --check-prefix=ALL

// threads=1: an scf.forall becomes an scf.for, and nothing of OpenMP appears.
// SEQ-LABEL: func.func @forall
// SEQ: scf.for %{{.*}} = %c0 to %c4 step %c1
// SEQ-NOT: scf.forall
// SEQ-NOT: omp.

// threads=2: the forall is an OpenMP parallel region of 2 threads sharing its iterations.
// PAR-LABEL: func.func @forall
// PAR: %[[N:.*]] = llvm.mlir.constant(2 : i32) : i32
// PAR: omp.parallel num_threads(%[[N]] : i32)
// PAR-NEXT: omp.wsloop
// PAR-NEXT: omp.loop_nest (%{{.*}}) : index = (%{{.*}}) to (%{{.*}}) step (%{{.*}})
// PAR: memref.store
// PAR-NOT: scf.forall

// threads=0 (the default): OpenMP's own thread count, no num_threads clause.
// ALL-LABEL: func.func @forall
// ALL: omp.parallel {
// ALL-NEXT: omp.wsloop
func.func @forall(%m: memref<4xf32>, %v: f32) {
  scf.forall (%i) in (4) {
    memref.store %v, %m[%i] : memref<4xf32>
  }
  return
}

// -----

// An scf.parallel stays one for threads=1 (convert-scf-to-cf makes it sequential later) and
// is an OpenMP region otherwise.
// SEQ-LABEL: func.func @parallel
// SEQ: scf.parallel
// SEQ-NOT: omp.
// PAR-LABEL: func.func @parallel
// PAR: omp.parallel
// PAR-NOT: scf.parallel
// ALL-LABEL: func.func @parallel
// ALL: omp.parallel
func.func @parallel(%m: memref<4xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %v, %m[%i] : memref<4xf32>
  }
  return
}
