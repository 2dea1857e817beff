// A transformer encoder block in dhlo (pre-layer-norm, as GPT-2 writes it): batch 1,
// sequence 128, hidden 256, 4 attention heads of 64, MLP 256 -> 1024 -> 256 with the
// tanh approximation of gelu, and two residual connections. Weights are arguments.
//   dlc-opt examples/transformer_block.mlir --dhlo-fusion
// fuses its 88 compute ops (and 13 constants) into 11 kernels; see
// test/lit/Transforms/fusion-transformer.mlir.

// The reducers, called computations of dhlo.reduce.
func.func private @add_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
func.func private @max_f32(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = "dhlo.maximum"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

func.func @transformer_block(%x: tensor<1x128x256xf32>,
    %ln1_gamma: tensor<256xf32>, %ln1_beta: tensor<256xf32>,
    %wq: tensor<256x256xf32>, %bq: tensor<256xf32>,
    %wk: tensor<256x256xf32>, %bk: tensor<256xf32>,
    %wv: tensor<256x256xf32>, %bv: tensor<256xf32>,
    %wo: tensor<256x256xf32>, %bo: tensor<256xf32>,
    %ln2_gamma: tensor<256xf32>, %ln2_beta: tensor<256xf32>,
    %w1: tensor<256x1024xf32>, %b1: tensor<1024xf32>,
    %w2: tensor<1024x256xf32>, %b2: tensor<256xf32>) -> tensor<1x128x256xf32> {
  // The init value of every sum.
  %zero = "dhlo.constant"() {value = dense<0.000000e+00> : tensor<f32>} : () -> tensor<f32>

  // Layer norm 1: mean and variance over the hidden dimension, then scale and shift.
  %ln1_sum = "dhlo.reduce"(%x, %zero) {dimensions = array<i64: 2>, to_apply = @add_f32} : (tensor<1x128x256xf32>, tensor<f32>) -> tensor<1x128xf32>
  %ln1_n = "dhlo.constant"() {value = dense<256.0> : tensor<f32>} : () -> tensor<f32>
  %ln1_nb = "dhlo.broadcast_in_dim"(%ln1_n) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128xf32>
  %ln1_mean = "dhlo.divide"(%ln1_sum, %ln1_nb) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln1_meanb = "dhlo.broadcast_in_dim"(%ln1_mean) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x128xf32>) -> tensor<1x128x256xf32>
  %ln1_xc = "dhlo.subtract"(%x, %ln1_meanb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln1_sq = "dhlo.multiply"(%ln1_xc, %ln1_xc) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln1_sqsum = "dhlo.reduce"(%ln1_sq, %zero) {dimensions = array<i64: 2>, to_apply = @add_f32} : (tensor<1x128x256xf32>, tensor<f32>) -> tensor<1x128xf32>
  %ln1_n2 = "dhlo.constant"() {value = dense<256.0> : tensor<f32>} : () -> tensor<f32>
  %ln1_n2b = "dhlo.broadcast_in_dim"(%ln1_n2) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128xf32>
  %ln1_var = "dhlo.divide"(%ln1_sqsum, %ln1_n2b) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln1_eps = "dhlo.constant"() {value = dense<9.99999974E-6> : tensor<f32>} : () -> tensor<f32>
  %ln1_epsb = "dhlo.broadcast_in_dim"(%ln1_eps) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128xf32>
  %ln1_vareps = "dhlo.add"(%ln1_var, %ln1_epsb) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln1_rstd = "dhlo.rsqrt"(%ln1_vareps) : (tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln1_rstdb = "dhlo.broadcast_in_dim"(%ln1_rstd) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x128xf32>) -> tensor<1x128x256xf32>
  %ln1_norm = "dhlo.multiply"(%ln1_xc, %ln1_rstdb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln1_gb = "dhlo.broadcast_in_dim"(%ln1_gamma) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %ln1_scaled = "dhlo.multiply"(%ln1_norm, %ln1_gb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln1_bb = "dhlo.broadcast_in_dim"(%ln1_beta) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %ln1 = "dhlo.add"(%ln1_scaled, %ln1_bb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>

  // Attention: Q, K and V projections, split into 4 heads of 64.
  %q_mm = "dhlo.dot_general"(%ln1, %wq) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
  %q_bb = "dhlo.broadcast_in_dim"(%bq) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %q_biased = "dhlo.add"(%q_mm, %q_bb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %q_split = "dhlo.reshape"(%q_biased) : (tensor<1x128x256xf32>) -> tensor<1x128x4x64xf32>
  %q = "dhlo.transpose"(%q_split) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x128x4x64xf32>) -> tensor<1x4x128x64xf32>
  %k_mm = "dhlo.dot_general"(%ln1, %wk) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
  %k_bb = "dhlo.broadcast_in_dim"(%bk) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %k_biased = "dhlo.add"(%k_mm, %k_bb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %k_split = "dhlo.reshape"(%k_biased) : (tensor<1x128x256xf32>) -> tensor<1x128x4x64xf32>
  %k = "dhlo.transpose"(%k_split) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x128x4x64xf32>) -> tensor<1x4x128x64xf32>
  %v_mm = "dhlo.dot_general"(%ln1, %wv) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
  %v_bb = "dhlo.broadcast_in_dim"(%bv) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %v_biased = "dhlo.add"(%v_mm, %v_bb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %v_split = "dhlo.reshape"(%v_biased) : (tensor<1x128x256xf32>) -> tensor<1x128x4x64xf32>
  %v = "dhlo.transpose"(%v_split) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x128x4x64xf32>) -> tensor<1x4x128x64xf32>
  // Scores Q.K^T / sqrt(64), per head.
  %scores_mm = "dhlo.dot_general"(%q, %k) {lhs_batching_dimensions = array<i64: 0, 1>, lhs_contracting_dimensions = array<i64: 3>, rhs_batching_dimensions = array<i64: 0, 1>, rhs_contracting_dimensions = array<i64: 3>} : (tensor<1x4x128x64xf32>, tensor<1x4x128x64xf32>) -> tensor<1x4x128x128xf32>
  %scale = "dhlo.constant"() {value = dense<1.250000e-01> : tensor<f32>} : () -> tensor<f32>
  %scaleb = "dhlo.broadcast_in_dim"(%scale) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x4x128x128xf32>
  %scores = "dhlo.multiply"(%scores_mm, %scaleb) : (tensor<1x4x128x128xf32>, tensor<1x4x128x128xf32>) -> tensor<1x4x128x128xf32>
  // Softmax over the keys: subtract the row maximum, exponentiate, divide by the row sum.
  %ninf = "dhlo.constant"() {value = dense<0xFF800000> : tensor<f32>} : () -> tensor<f32>
  %rowmax = "dhlo.reduce"(%scores, %ninf) {dimensions = array<i64: 3>, to_apply = @max_f32} : (tensor<1x4x128x128xf32>, tensor<f32>) -> tensor<1x4x128xf32>
  %rowmaxb = "dhlo.broadcast_in_dim"(%rowmax) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x128xf32>) -> tensor<1x4x128x128xf32>
  %shifted = "dhlo.subtract"(%scores, %rowmaxb) : (tensor<1x4x128x128xf32>, tensor<1x4x128x128xf32>) -> tensor<1x4x128x128xf32>
  %exps = "dhlo.exponential"(%shifted) : (tensor<1x4x128x128xf32>) -> tensor<1x4x128x128xf32>
  %rowsum = "dhlo.reduce"(%exps, %zero) {dimensions = array<i64: 3>, to_apply = @add_f32} : (tensor<1x4x128x128xf32>, tensor<f32>) -> tensor<1x4x128xf32>
  %rowsumb = "dhlo.broadcast_in_dim"(%rowsum) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<1x4x128xf32>) -> tensor<1x4x128x128xf32>
  %probs = "dhlo.divide"(%exps, %rowsumb) : (tensor<1x4x128x128xf32>, tensor<1x4x128x128xf32>) -> tensor<1x4x128x128xf32>
  // Weighted sum of V, heads merged back, output projection and the first residual.
  %ctx_mm = "dhlo.dot_general"(%probs, %v) {lhs_batching_dimensions = array<i64: 0, 1>, lhs_contracting_dimensions = array<i64: 3>, rhs_batching_dimensions = array<i64: 0, 1>, rhs_contracting_dimensions = array<i64: 2>} : (tensor<1x4x128x128xf32>, tensor<1x4x128x64xf32>) -> tensor<1x4x128x64xf32>
  %ctx_t = "dhlo.transpose"(%ctx_mm) {permutation = array<i64: 0, 2, 1, 3>} : (tensor<1x4x128x64xf32>) -> tensor<1x128x4x64xf32>
  %ctx = "dhlo.reshape"(%ctx_t) : (tensor<1x128x4x64xf32>) -> tensor<1x128x256xf32>
  %attn_mm = "dhlo.dot_general"(%ctx, %wo) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x128x256xf32>, tensor<256x256xf32>) -> tensor<1x128x256xf32>
  %attn_bb = "dhlo.broadcast_in_dim"(%bo) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %attn_biased = "dhlo.add"(%attn_mm, %attn_bb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %resid1 = "dhlo.add"(%x, %attn_biased) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>

  // Layer norm 2: mean and variance over the hidden dimension, then scale and shift.
  %ln2_sum = "dhlo.reduce"(%resid1, %zero) {dimensions = array<i64: 2>, to_apply = @add_f32} : (tensor<1x128x256xf32>, tensor<f32>) -> tensor<1x128xf32>
  %ln2_n = "dhlo.constant"() {value = dense<256.0> : tensor<f32>} : () -> tensor<f32>
  %ln2_nb = "dhlo.broadcast_in_dim"(%ln2_n) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128xf32>
  %ln2_mean = "dhlo.divide"(%ln2_sum, %ln2_nb) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln2_meanb = "dhlo.broadcast_in_dim"(%ln2_mean) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x128xf32>) -> tensor<1x128x256xf32>
  %ln2_xc = "dhlo.subtract"(%resid1, %ln2_meanb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln2_sq = "dhlo.multiply"(%ln2_xc, %ln2_xc) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln2_sqsum = "dhlo.reduce"(%ln2_sq, %zero) {dimensions = array<i64: 2>, to_apply = @add_f32} : (tensor<1x128x256xf32>, tensor<f32>) -> tensor<1x128xf32>
  %ln2_n2 = "dhlo.constant"() {value = dense<256.0> : tensor<f32>} : () -> tensor<f32>
  %ln2_n2b = "dhlo.broadcast_in_dim"(%ln2_n2) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128xf32>
  %ln2_var = "dhlo.divide"(%ln2_sqsum, %ln2_n2b) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln2_eps = "dhlo.constant"() {value = dense<9.99999974E-6> : tensor<f32>} : () -> tensor<f32>
  %ln2_epsb = "dhlo.broadcast_in_dim"(%ln2_eps) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128xf32>
  %ln2_vareps = "dhlo.add"(%ln2_var, %ln2_epsb) : (tensor<1x128xf32>, tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln2_rstd = "dhlo.rsqrt"(%ln2_vareps) : (tensor<1x128xf32>) -> tensor<1x128xf32>
  %ln2_rstdb = "dhlo.broadcast_in_dim"(%ln2_rstd) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x128xf32>) -> tensor<1x128x256xf32>
  %ln2_norm = "dhlo.multiply"(%ln2_xc, %ln2_rstdb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln2_gb = "dhlo.broadcast_in_dim"(%ln2_gamma) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %ln2_scaled = "dhlo.multiply"(%ln2_norm, %ln2_gb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  %ln2_bb = "dhlo.broadcast_in_dim"(%ln2_beta) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %ln2 = "dhlo.add"(%ln2_scaled, %ln2_bb) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>

  // MLP: 256 -> 1024, gelu(h) = 0.5 h (1 + tanh(sqrt(2/pi) (h + 0.044715 h^3))), 1024 -> 256.
  %h_mm = "dhlo.dot_general"(%ln2, %w1) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x128x256xf32>, tensor<256x1024xf32>) -> tensor<1x128x1024xf32>
  %b1b = "dhlo.broadcast_in_dim"(%b1) {broadcast_dimensions = array<i64: 2>} : (tensor<1024xf32>) -> tensor<1x128x1024xf32>
  %h = "dhlo.add"(%h_mm, %b1b) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %h2 = "dhlo.multiply"(%h, %h) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %h3 = "dhlo.multiply"(%h2, %h) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %c_cube = "dhlo.constant"() {value = dense<4.471500e-02> : tensor<f32>} : () -> tensor<f32>
  %c_cubeb = "dhlo.broadcast_in_dim"(%c_cube) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128x1024xf32>
  %cubic = "dhlo.multiply"(%c_cubeb, %h3) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %inner = "dhlo.add"(%h, %cubic) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %c_sqrt2pi = "dhlo.constant"() {value = dense<0.797884583> : tensor<f32>} : () -> tensor<f32>
  %c_sqrt2pib = "dhlo.broadcast_in_dim"(%c_sqrt2pi) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128x1024xf32>
  %arg = "dhlo.multiply"(%c_sqrt2pib, %inner) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %th = "dhlo.tanh"(%arg) : (tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %one = "dhlo.constant"() {value = dense<1.000000e+00> : tensor<f32>} : () -> tensor<f32>
  %oneb = "dhlo.broadcast_in_dim"(%one) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128x1024xf32>
  %onept = "dhlo.add"(%oneb, %th) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %half = "dhlo.constant"() {value = dense<5.000000e-01> : tensor<f32>} : () -> tensor<f32>
  %halfb = "dhlo.broadcast_in_dim"(%half) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<1x128x1024xf32>
  %halfh = "dhlo.multiply"(%halfb, %h) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %gelu = "dhlo.multiply"(%halfh, %onept) : (tensor<1x128x1024xf32>, tensor<1x128x1024xf32>) -> tensor<1x128x1024xf32>
  %y_mm = "dhlo.dot_general"(%gelu, %w2) {lhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x128x1024xf32>, tensor<1024x256xf32>) -> tensor<1x128x256xf32>
  %b2b = "dhlo.broadcast_in_dim"(%b2) {broadcast_dimensions = array<i64: 2>} : (tensor<256xf32>) -> tensor<1x128x256xf32>
  %y = "dhlo.add"(%y_mm, %b2b) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  // Second residual.
  %out = "dhlo.add"(%resid1, %y) : (tensor<1x128x256xf32>, tensor<1x128x256xf32>) -> tensor<1x128x256xf32>
  return %out : tensor<1x128x256xf32>
}
