// REQUIRES: ptxas
// RUN: rm -rf %t && mkdir -p %t/bin && ln -s %ptxas %t/bin/ptxas
// RUN: env PATH=%t/bin:%dlc_tools dlc-opt %s --pass-pipeline='builtin.module(dlc-lower-to-gpu{format=cubin})' | FileCheck %s
// A ptxas on PATH that is a symbolic link (a /usr/local/bin/ptxas, say) names its real
// toolkit: the folder above the link's bin holds no libdevice, the link's target's does.
// CHECK: gpu.binary @exp_kernel [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}bin = "\7FELF
func.func @exp(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "dhlo.exponential"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
