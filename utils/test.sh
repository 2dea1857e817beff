#!/usr/bin/env bash
# The whole test suite: set-up and build (utils/setup.sh), then ctest runs the lit suite
# and the check unit tests. Ends with ctest's summary; exits non-zero on any failure.
#   utils/test.sh [--sanitize]      --sanitize: the same suite on the ASan+UBSan build
set -euo pipefail
cd "$(dirname "$0")/.."
utils/setup.sh "$@"
build_dir="${DLC_BUILD_DIR:-build}"
[ "${1:-}" = "--sanitize" ] && build_dir="${DLC_BUILD_DIR:-build-asan}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/utils/lsan.supp:print_suppressions=0}"
exec ctest --test-dir "$build_dir" --output-on-failure -j "${DLC_JOBS:-2}"
