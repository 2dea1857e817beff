// A negative thread count is refused with a located error.
// RUN: not dlc-opt %s --dlc-parallelize=threads=-2 2>&1 | FileCheck %s
// CHECK: error: dlc-parallelize: threads must be 0 (all cores) or a positive count
func.func @f() {
  return
}
