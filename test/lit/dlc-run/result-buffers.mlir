// Results the compiled code does not own come back right and are not freed (under
// AddressSanitizer a wrong free or a leak fails this test): an argument returned as is, a
// reshape that bufferizes to a view of an argument, one buffer returned twice, and a
// constant (a global). The same program runs again without dhlo-optimize.
// RUN: dlc-run %s --print --input='[1, 2, 3, 4]' | FileCheck %s
// RUN: dlc-run %s --print --input='[1, 2, 3, 4]' --no-optimize | FileCheck %s
// RUN: dlc-run %s --check --benchmark=2 | FileCheck %s --check-prefix=CHECK-ALL
// CHECK:      tensor<4xf32> [1, 2, 3, 4]
// CHECK-NEXT: tensor<2x2xf32> {{\[\[}}1, 2], [3, 4]]
// CHECK-NEXT: tensor<4xf32> [2, 4, 6, 8]
// CHECK-NEXT: tensor<4xf32> [2, 4, 6, 8]
// CHECK-NEXT: tensor<4xf32> [0.5, 0.25, 0.125, 0]
// CHECK-ALL-COUNT-5: matches (max abs error 0)
// CHECK-ALL: dlc-run: benchmark @main: 2 runs
func.func @main(%a: tensor<4xf32>)
    -> (tensor<4xf32>, tensor<2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %view = "dhlo.reshape"(%a) : (tensor<4xf32>) -> tensor<2x2xf32>
  %twice = "dhlo.add"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %c = "dhlo.constant"() {value = dense<[0.5, 0.25, 0.125, 0.0]> : tensor<4xf32>}
     : () -> tensor<4xf32>
  return %a, %view, %twice, %twice, %c
      : tensor<4xf32>, tensor<2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
