// --print writes each result on its own line, as dlcHostTensorPrint does; literal inputs
// give the arguments exact values, one --input per argument in order.

// RUN: dlc-run %S/Inputs/add.mlir --input='[[1, 2], [3, 4]]' --input='[[10,20],[30,40.5]]' --print \
// RUN:   | FileCheck %s --check-prefix=ADD
// ADD: tensor<2x2xf32> {{\[\[}}11, 22], [33, 44.5]]
// ADD-NOT: dlc-run

// A single number fills every element of its argument.
// RUN: dlc-run %S/Inputs/add.mlir --input=2.5 --input='[[0, 1], [2, 3]]' --print \
// RUN:   | FileCheck %s --check-prefix=SPLAT
// SPLAT: tensor<2x2xf32> {{\[\[}}2.5, 3.5], [4.5, 5.5]]

// Every element type reads and prints exactly: integers wrap as the type does (ui8 255 + 255
// is 254), i1 takes true/false or 1/0, a bf16 literal rounds to nearest even (0.1 is
// 0.10009765625 in bf16; doubled, 0.2002 is the shortest text that reads back), 0-d
// tensors take and print a bare number.
// RUN: dlc-run %s --print --input='[1, -2, 3]' --input='[true, false, 1]' \
// RUN:   --input='[255, 0, 7]' --input=0.1 --input='[[1e3], [-9223372036854775808]]' \
// RUN:   | FileCheck %s --check-prefix=TYPES
// TYPES:      tensor<3xi32> [1, 4, 9]
// TYPES-NEXT: tensor<3xi1> [false, true, false]
// TYPES-NEXT: tensor<3xui8> [254, 0, 14]
// TYPES-NEXT: tensor<bf16> 0.2002
// TYPES-NEXT: tensor<2x1xi64> {{\[\[}}1000], [-9223372036854775808]]
func.func @main(%i: tensor<3xi32>, %p: tensor<3xi1>, %u: tensor<3xui8>, %h: tensor<bf16>,
                %l: tensor<2x1xi64>)
    -> (tensor<3xi32>, tensor<3xi1>, tensor<3xui8>, tensor<bf16>, tensor<2x1xi64>) {
  %0 = "dhlo.multiply"(%i, %i) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %1 = "dhlo.not"(%p) : (tensor<3xi1>) -> tensor<3xi1>
  %2 = "dhlo.add"(%u, %u) : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  %3 = "dhlo.add"(%h, %h) : (tensor<bf16>, tensor<bf16>) -> tensor<bf16>
  return %0, %1, %2, %3, %l : tensor<3xi32>, tensor<3xi1>, tensor<3xui8>, tensor<bf16>, tensor<2x1xi64>
}
