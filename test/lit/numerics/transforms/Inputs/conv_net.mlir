// A small conv net written NCHW/OIHW, as frameworks export it: convolution, bias add, relu,
// 2x2 max pooling (reduce_window), flatten and a dense layer with bias. Batch 2, 3 -> 8
// channels of 10x10, 3x3 filters, 10 classes.
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @conv_net(%x: tensor<2x3x10x10xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf32>,
                    %wd: tensor<128x10xf32>, %bd: tensor<10xf32>) -> tensor<2x10xf32> {
  %c = "dhlo.convolution"(%x, %w) {dimension_numbers = "bf01_oi01->bf01"} : (tensor<2x3x10x10xf32>, tensor<8x3x3x3xf32>) -> tensor<2x8x8x8xf32>
  %bb = "dhlo.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 1>} : (tensor<8xf32>) -> tensor<2x8x8x8xf32>
  %a = "dhlo.add"(%c, %bb) : (tensor<2x8x8x8xf32>, tensor<2x8x8x8xf32>) -> tensor<2x8x8x8xf32>
  %zero = "dhlo.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %zb = "dhlo.broadcast_in_dim"(%zero) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<2x8x8x8xf32>
  %r = "dhlo.maximum"(%a, %zb) : (tensor<2x8x8x8xf32>, tensor<2x8x8x8xf32>) -> tensor<2x8x8x8xf32>
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %p = "dhlo.reduce_window"(%r, %ninf) {to_apply = @max_f32, window_dimensions = array<i64: 1, 1, 2, 2>, window_strides = array<i64: 1, 1, 2, 2>} : (tensor<2x8x8x8xf32>, tensor<f32>) -> tensor<2x8x4x4xf32>
  %f = "dhlo.reshape"(%p) : (tensor<2x8x4x4xf32>) -> tensor<2x128xf32>
  %d = "dhlo.dot_general"(%f, %wd) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x128xf32>, tensor<128x10xf32>) -> tensor<2x10xf32>
  %bdb = "dhlo.broadcast_in_dim"(%bd) {broadcast_dimensions = array<i64: 1>} : (tensor<10xf32>) -> tensor<2x10xf32>
  %y = "dhlo.add"(%d, %bdb) : (tensor<2x10xf32>, tensor<2x10xf32>) -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}
