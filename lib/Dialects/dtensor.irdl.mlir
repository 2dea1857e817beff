// dtensor: the physical side of tensors. `#dtensor.layout<[...]>` is a minor-to-major
// dimension order (XLA's `{1,0}` is `#dtensor.layout<[1, 0]>`) used as the builtin
// tensor encoding; `dtensor.relayout` changes a value's layout without changing what
// it holds. The C verifier checks that a layout is a permutation of the tensor's rank.
irdl.dialect @dtensor {
  irdl.attribute @layout {
    %minor_to_major = irdl.base "#builtin.array"
    irdl.parameters(minor_to_major: %minor_to_major)
  }
  irdl.operation @relayout {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
}
