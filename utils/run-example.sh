#!/usr/bin/env bash
# The main job: set-up and build, then build the bundled example model (a two-layer MLP)
# with dlc's C API builder, run the default optimizing pipeline (dhlo-optimize) on it with
# dlc-opt, and print the result; then compile the example transformer block for the CPU
# with dlc-run's default pipeline, check it against the reference evaluator and time it.
set -euo pipefail
cd "$(dirname "$0")/.."
utils/setup.sh
bin="${DLC_BUILD_DIR:-build}/bin"
echo "== examples/mlp_builder.c: a 2-layer MLP built with the dlc C API =="
"$bin/mlp_builder" > "${TMPDIR:-/tmp}/dlc-mlp.mlir"
cat "${TMPDIR:-/tmp}/dlc-mlp.mlir"
echo
echo "== dlc-opt --pass-pipeline='builtin.module(dhlo-optimize)' =="
"$bin/dlc-opt" --pass-pipeline='builtin.module(dhlo-optimize)' "${TMPDIR:-/tmp}/dlc-mlp.mlir"
echo
# The block's output reaches ~500 in magnitude and its dot products sum up to 1024 products
# in f32 (the reference sums in double): f32 tolerances rtol 1e-4, atol 1e-2 (see
# test/lit/dlc-run/transformer-block.test and docs/dlc-run.md).
echo "== dlc-run examples/transformer_block.mlir: compile (dhlo-optimize, dlc-lower-to-cpu), =="
echo "== run on random inputs, --check against the reference evaluator, --benchmark=5 =="
"$bin/dlc-run" examples/transformer_block.mlir --check --rtol=1e-4 --atol=1e-2 --benchmark=5
