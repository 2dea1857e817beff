// One mismatch of --verify-diagnostics per chunk, for verify-diagnostics-errors.test.
func.func @unexpected(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// -----
func.func @not_produced(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{this never happens}}
  return %a : tensor<2xf32>
}
// -----
func.func @wrong_severity(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-warning @+1 {{operand types differ}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// -----
func.func @wrong_line(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{operand types differ}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// -----
func.func @wrong_message(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand shapes differ}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// -----
func.func @regex_without_re(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{operand {{.*}} differ}}
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// -----
func.func @unexpected_note(%a: tensor<2xf32>) {
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  // expected-error @+1 {{redefinition}}
  %0 = "dhlo.negate"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}
// -----
func.func @other_file(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x3xf32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32> loc("elsewhere.mlir":7:3)
  return %0 : tensor<2x3xf32>
}
// -----
func.func @bad_regex(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error-re @+1 {{unclosed {{regex}}
  // expected-error-re @+1 {{invalid {{[a-}}}}
  return %a : tensor<2xf32>
}
