// RUN: dlc-opt %s --split-input-file --dlc-fuse-epilogues='cache-tile=32x64x64 register-block=8x32' | FileCheck %s
// RUN: not dlc-opt %s --split-input-file --dlc-fuse-epilogues=register-block=8 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: dlc-fuse-epilogues: cache-tile must be MxNxK and register-block MxN or host

// A matmul and its bias epilogue: one forall over the 2 x 2 cache tiles of 32x64, each
// computing the fill, the tile's product and the tile's epilogue; nothing outside it.
// CHECK-LABEL: func.func @bias
// CHECK-NOT: linalg.matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (2, 2) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<64x128xf32>)
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<32x64xf32>)
// CHECK: %[[M:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<32x16xf32>, tensor<16x64xf32>) outs(%[[F]] : tensor<32x64xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[M]], %{{.*}} : tensor<32x64xf32>, tensor<64xf32>) outs(%{{.*}} : tensor<32x64xf32>)
// CHECK: tensor.parallel_insert_slice
// CHECK-NOT: dlc.epilogue
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @bias(%a: tensor<64x16xf32>, %b: tensor<16x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %m = linalg.matmul ins(%a, %b : tensor<64x16xf32>, tensor<16x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  %e2 = tensor.empty() : tensor<64x128xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%m, %bias : tensor<64x128xf32>, tensor<128xf32>) outs(%e2 : tensor<64x128xf32>) {
  ^bb0(%x: f32, %c: f32, %o: f32):
    %s = arith.addf %x, %c : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %y : tensor<64x128xf32>
}

// -----

// The copy of a batch_matmul out to a 4-d result with a unit dim: the forall runs over
// batches and m x n tiles (n is one tile), the epilogue's unit loop is not tiled.
// CHECK-LABEL: func.func @batched
// CHECK: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) in (2, 2, 1)
// CHECK: linalg.batch_matmul ins(%{{.*}}, %{{.*}} : tensor<1x32x16xf32>, tensor<1x16x64xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x32x64xf32>)
#in = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @batched(%a: tensor<2x64x16xf32>, %b: tensor<2x16x64xf32>) -> tensor<1x2x64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x64x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x64x64xf32>) -> tensor<2x64x64xf32>
  %m = linalg.batch_matmul ins(%a, %b : tensor<2x64x16xf32>, tensor<2x16x64xf32>) outs(%f : tensor<2x64x64xf32>) -> tensor<2x64x64xf32>
  %e2 = tensor.empty() : tensor<1x2x64x64xf32>
  %y = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%m : tensor<2x64x64xf32>) outs(%e2 : tensor<1x2x64x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<1x2x64x64xf32>
  return %y : tensor<1x2x64x64xf32>
}

// -----

// A matmul with a partial register tile (n = 40) is left alone.
// CHECK-LABEL: func.func @partial
// CHECK-NOT: scf.forall
func.func @partial(%a: tensor<64x16xf32>, %b: tensor<16x40xf32>) -> tensor<64x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x40xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x40xf32>) -> tensor<64x40xf32>
  %m = linalg.matmul ins(%a, %b : tensor<64x16xf32>, tensor<16x40xf32>) outs(%f : tensor<64x40xf32>) -> tensor<64x40xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%m : tensor<64x40xf32>) outs(%e : tensor<64x40xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %x : f32
    linalg.yield %s : f32
  } -> tensor<64x40xf32>
  return %y : tensor<64x40xf32>
}

// -----

// A bias broadcast to the product's shape (dhlo's broadcast_in_dim, read by the epilogue
// through the identity) is computed per tile inside the forall, not materialized whole.
// CHECK-LABEL: func.func @broadcast_bias
// CHECK-NOT: linalg.generic
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (2, 2)
// CHECK: linalg.matmul
// CHECK: %[[B:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<64xf32>) outs(%{{.*}} : tensor<32x64xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[B]] : tensor<32x64xf32>, tensor<32x64xf32>)
// CHECK: tensor.parallel_insert_slice
#bid = affine_map<(d0, d1) -> (d0, d1)>
#brow = affine_map<(d0, d1) -> (d1)>
func.func @broadcast_bias(%a: tensor<64x16xf32>, %b: tensor<16x128xf32>, %bias: tensor<128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %m = linalg.matmul ins(%a, %b : tensor<64x16xf32>, tensor<16x128xf32>) outs(%f : tensor<64x128xf32>) -> tensor<64x128xf32>
  %bb = linalg.generic {indexing_maps = [#brow, #bid], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<128xf32>) outs(%e : tensor<64x128xf32>) {
  ^bb0(%c: f32, %o: f32):
    linalg.yield %c : f32
  } -> tensor<64x128xf32>
  %e2 = tensor.empty() : tensor<64x128xf32>
  %y = linalg.generic {indexing_maps = [#bid, #bid, #bid], iterator_types = ["parallel", "parallel"]} ins(%m, %bb : tensor<64x128xf32>, tensor<64x128xf32>) outs(%e2 : tensor<64x128xf32>) {
  ^bb0(%x: f32, %c: f32, %o: f32):
    %s = arith.addf %x, %c : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  return %y : tensor<64x128xf32>
}
