// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-approximate-math)' | FileCheck %s
// RUN: dlc-opt %s --pass-pipeline='builtin.module(dlc-approximate-math{fast-math=false})' | FileCheck %s --check-prefix=EXACT

// f32 tanh, exp and erf, scalar and vector, become arith ops and fused multiply-adds; f64
// keeps libm (only f32 is approximated). fast-math=false leaves everything (EXACT).
// CHECK-LABEL: func.func @f32
// CHECK-NOT: math.tanh
// CHECK-NOT: math.exp
// CHECK-NOT: math.erf
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: arith.divf {{.*}} : vector<16xf32>
// CHECK: arith.shli {{.*}} : i32
// CHECK: arith.bitcast {{.*}} : i32 to f32
// CHECK: math.fma {{.*}} : f32
// CHECK: return
// EXACT-LABEL: func.func @f32
// EXACT: math.tanh
// EXACT: math.exp
// EXACT: math.erf
func.func @f32(%v: vector<16xf32>, %s: f32) -> (vector<16xf32>, f32, f32) {
  %0 = math.tanh %v : vector<16xf32>
  %1 = math.exp %s : f32
  %2 = math.erf %s : f32
  return %0, %1, %2 : vector<16xf32>, f32, f32
}

// CHECK-LABEL: func.func @f64
// CHECK: math.tanh {{.*}} : f64
func.func @f64(%x: f64) -> f64 {
  %0 = math.tanh %x : f64
  return %0 : f64
}
