#!/usr/bin/env bash
# Installs the peers that bench/run.py compares dlc with, when they are missing: Debian's
# numpy on OpenBLAS (pthread flavour), PyTorch CPU, onnx (to write the ONNX models) and
# threadpoolctl (to report which BLAS numpy runs), with apt-get (sudo when not root); ONNX
# Runtime from the onnxruntime-node npm package into bench/node/ (its native CPU library is
# inside the package). Safe to run again: it only does what is left.
set -euo pipefail
cd "$(dirname "$0")"

packages=(python3-numpy libopenblas0-pthread python3-torch python3-onnx python3-threadpoolctl)
# Node.js from any source will do (NodeSource's nodejs ships npm inside it).
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "dlc bench setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# The post-install script of onnxruntime-node otherwise downloads GPU add-ons (CUDA,
# TensorRT), which fails without a route to them; the CPU provider needs none.
if [ ! -d node/node_modules/onnxruntime-node ]; then
  echo "dlc bench setup: installing onnxruntime-node into bench/node"
  (cd node && ONNXRUNTIME_NODE_INSTALL=skip \
     npm install --no-audit --no-fund --loglevel=error)
fi
