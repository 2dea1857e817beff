#!/usr/bin/env bash
# The main job: set-up and build, then build the bundled example model (a two-layer MLP)
# with dlc's C API builder, run the default optimizing pipeline (dhlo-optimize) on it with
# dlc-opt, and print the result.
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
