#!/usr/bin/env bash
# Installs what dlc needs from Debian's packages when it is missing (apt-get; sudo when not
# root), then configures and builds dlc. Safe to run again: it only does what is left.
#   utils/setup.sh [--sanitize]     build in build/ (or build-asan/ with ASan+UBSan)
# Environment: DLC_BUILD_DIR overrides the build directory; DLC_JOBS the parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools check pkg-config cmake
          ninja-build gcc g++ python3 libomp-22-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "dlc setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

sanitize=OFF
build_dir="${DLC_BUILD_DIR:-build}"
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=ON
  build_dir="${DLC_BUILD_DIR:-build-asan}"
fi
if [ ! -f "$build_dir/build.ninja" ] || ! grep -q "DLC_ENABLE_SANITIZERS:BOOL=$sanitize" "$build_dir/CMakeCache.txt"; then
  cmake -G Ninja -S . -B "$build_dir" -DDLC_ENABLE_SANITIZERS="$sanitize" -DDLC_WERROR=ON >/dev/null
fi
ninja -C "$build_dir" --quiet ${DLC_JOBS:+-j "$DLC_JOBS"}
