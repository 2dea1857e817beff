// One argument of every element type dlc supports, each returned as it came: the compiled
// code hands back the arguments' own buffers.
func.func @main(%f16: tensor<2xf16>, %bf16: tensor<2xbf16>, %f32: tensor<2x3xf32>,
                %f64: tensor<f64>, %i1: tensor<3xi1>, %i8: tensor<2xi8>, %i16: tensor<2xi16>,
                %i32: tensor<2xi32>, %i64: tensor<2xi64>, %ui8: tensor<2xui8>,
                %ui16: tensor<2xui16>, %ui32: tensor<2xui32>, %ui64: tensor<2xui64>)
    -> (tensor<2xf16>, tensor<2xbf16>, tensor<2x3xf32>, tensor<f64>, tensor<3xi1>, tensor<2xi8>,
        tensor<2xi16>, tensor<2xi32>, tensor<2xi64>, tensor<2xui8>, tensor<2xui16>,
        tensor<2xui32>, tensor<2xui64>) {
  return %f16, %bf16, %f32, %f64, %i1, %i8, %i16, %i32, %i64, %ui8, %ui16, %ui32, %ui64
      : tensor<2xf16>, tensor<2xbf16>, tensor<2x3xf32>, tensor<f64>, tensor<3xi1>, tensor<2xi8>,
        tensor<2xi16>, tensor<2xi32>, tensor<2xi64>, tensor<2xui8>, tensor<2xui16>,
        tensor<2xui32>, tensor<2xui64>
}
