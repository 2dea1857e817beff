// dhlo: the HLO-like graph dialect of dlc, defined in IRDL and loaded at run time.
// IRDL checks arity, operand/result kinds and required attributes; the semantic
// rules (shapes, dimension numbers, element types) live in C (lib/Dialects/Rules*.c).
// Every operand and result gets its own constraint variable: IRDL unifies all uses
// of one variable, including all values of a variadic group, so ops whose variadic
// values may differ in type split them into several variadic groups (see
// docs/dialects.md, "Variadic operands").
irdl.dialect @dhlo {
  // ---- Constants and iota ----
  irdl.operation @constant {
    %result = irdl.base "!builtin.tensor"
    %value = irdl.base "#builtin.dense_int_or_fp_elements"
    irdl.results(result: %result)
    irdl.attributes {"value" = %value}
  }
  irdl.operation @iota {
    %result = irdl.base "!builtin.tensor"
    %iota_dimension = irdl.base "#builtin.integer"
    irdl.results(result: %result)
    irdl.attributes {"iota_dimension" = %iota_dimension}
  }
  // ---- Elementwise unary ----
  irdl.operation @negate {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @abs {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @exponential {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @log {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @log_plus_one {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @tanh {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @logistic {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @sqrt {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @rsqrt {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @sine {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @cosine {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @floor {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @ceil {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @sign {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @not {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @convert {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  // ---- Elementwise binary ----
  irdl.operation @add {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @subtract {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @multiply {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @divide {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @remainder {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @maximum {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @minimum {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @power {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @and {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @or {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @xor {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
  }
  irdl.operation @compare {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %comparison_direction = irdl.base "#builtin.string"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
    irdl.attributes {"comparison_direction" = %comparison_direction}
  }
  irdl.operation @select {
    %pred = irdl.base "!builtin.tensor"
    %on_true = irdl.base "!builtin.tensor"
    %on_false = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(pred: %pred, on_true: %on_true, on_false: %on_false)
    irdl.results(result: %result)
  }
  irdl.operation @clamp {
    %min = irdl.base "!builtin.tensor"
    %operand = irdl.base "!builtin.tensor"
    %max = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(min: %min, operand: %operand, max: %max)
    irdl.results(result: %result)
  }
  // ---- Shape and data movement ----
  irdl.operation @broadcast_in_dim {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %broadcast_dimensions = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
    irdl.attributes {"broadcast_dimensions" = %broadcast_dimensions}
  }
  irdl.operation @reshape {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
  }
  irdl.operation @transpose {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %permutation = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
    irdl.attributes {"permutation" = %permutation}
  }
  irdl.operation @reverse {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %dimensions = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
    irdl.attributes {"dimensions" = %dimensions}
  }
  // Up to 8 distinct operand types (one variadic group each); see the header.
  irdl.operation @concatenate {
    %inputs0 = irdl.base "!builtin.tensor"
    %inputs1 = irdl.base "!builtin.tensor"
    %inputs2 = irdl.base "!builtin.tensor"
    %inputs3 = irdl.base "!builtin.tensor"
    %inputs4 = irdl.base "!builtin.tensor"
    %inputs5 = irdl.base "!builtin.tensor"
    %inputs6 = irdl.base "!builtin.tensor"
    %inputs7 = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %dimension = irdl.base "#builtin.integer"
    irdl.operands(inputs0: variadic %inputs0, inputs1: variadic %inputs1, inputs2: variadic %inputs2, inputs3: variadic %inputs3, inputs4: variadic %inputs4, inputs5: variadic %inputs5, inputs6: variadic %inputs6, inputs7: variadic %inputs7)
    irdl.results(result: %result)
    irdl.attributes {"dimension" = %dimension}
  }
  irdl.operation @slice {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %start_indices = irdl.base "#builtin.dense_array"
    %limit_indices = irdl.base "#builtin.dense_array"
    %strides = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
    irdl.attributes {"start_indices" = %start_indices, "limit_indices" = %limit_indices, "strides" = %strides}
  }
  irdl.operation @dynamic_slice {
    %operand = irdl.base "!builtin.tensor"
    %start_indices = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %slice_sizes = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand, start_indices: variadic %start_indices)
    irdl.results(result: %result)
    irdl.attributes {"slice_sizes" = %slice_sizes}
  }
  irdl.operation @dynamic_update_slice {
    %operand = irdl.base "!builtin.tensor"
    %update = irdl.base "!builtin.tensor"
    %start_indices = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(operand: %operand, update: %update, start_indices: variadic %start_indices)
    irdl.results(result: %result)
  }
  irdl.operation @gather {
    %operand = irdl.base "!builtin.tensor"
    %start_indices = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %offset_dims = irdl.base "#builtin.dense_array"
    %collapsed_slice_dims = irdl.base "#builtin.dense_array"
    %start_index_map = irdl.base "#builtin.dense_array"
    %index_vector_dim = irdl.base "#builtin.integer"
    %slice_sizes = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand, start_indices: %start_indices)
    irdl.results(result: %result)
    irdl.attributes {"offset_dims" = %offset_dims, "collapsed_slice_dims" = %collapsed_slice_dims, "start_index_map" = %start_index_map, "index_vector_dim" = %index_vector_dim, "slice_sizes" = %slice_sizes}
  }
  irdl.operation @pad {
    %operand = irdl.base "!builtin.tensor"
    %padding_value = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %edge_padding_low = irdl.base "#builtin.dense_array"
    %edge_padding_high = irdl.base "#builtin.dense_array"
    %interior_padding = irdl.base "#builtin.dense_array"
    irdl.operands(operand: %operand, padding_value: %padding_value)
    irdl.results(result: %result)
    irdl.attributes {"edge_padding_low" = %edge_padding_low, "edge_padding_high" = %edge_padding_high, "interior_padding" = %interior_padding}
  }
  // ---- Contractions ----
  irdl.operation @dot_general {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %lhs_batching_dimensions = irdl.base "#builtin.dense_array"
    %rhs_batching_dimensions = irdl.base "#builtin.dense_array"
    %lhs_contracting_dimensions = irdl.base "#builtin.dense_array"
    %rhs_contracting_dimensions = irdl.base "#builtin.dense_array"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
    irdl.attributes {"lhs_batching_dimensions" = %lhs_batching_dimensions, "rhs_batching_dimensions" = %rhs_batching_dimensions, "lhs_contracting_dimensions" = %lhs_contracting_dimensions, "rhs_contracting_dimensions" = %rhs_contracting_dimensions}
  }
  irdl.operation @convolution {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %dimension_numbers = irdl.base "#builtin.string"
    irdl.operands(lhs: %lhs, rhs: %rhs)
    irdl.results(result: %result)
    irdl.attributes {"dimension_numbers" = %dimension_numbers}
  }
  // ---- Reductions and normalization ----
  irdl.operation @reduce {
    %operand = irdl.base "!builtin.tensor"
    %init_value = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %dimensions = irdl.base "#builtin.dense_array"
    %to_apply = irdl.base "#builtin.symbol_ref"
    irdl.operands(operand: %operand, init_value: %init_value)
    irdl.results(result: %result)
    irdl.attributes {"dimensions" = %dimensions, "to_apply" = %to_apply}
  }
  irdl.operation @reduce_window {
    %operand = irdl.base "!builtin.tensor"
    %init_value = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %window_dimensions = irdl.base "#builtin.dense_array"
    %to_apply = irdl.base "#builtin.symbol_ref"
    irdl.operands(operand: %operand, init_value: %init_value)
    irdl.results(result: %result)
    irdl.attributes {"window_dimensions" = %window_dimensions, "to_apply" = %to_apply}
  }
  irdl.operation @batch_norm_inference {
    %operand = irdl.base "!builtin.tensor"
    %scale = irdl.base "!builtin.tensor"
    %offset = irdl.base "!builtin.tensor"
    %mean = irdl.base "!builtin.tensor"
    %variance = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %epsilon = irdl.base "#builtin.float"
    %feature_index = irdl.base "#builtin.integer"
    irdl.operands(operand: %operand, scale: %scale, offset: %offset, mean: %mean, variance: %variance)
    irdl.results(result: %result)
    irdl.attributes {"epsilon" = %epsilon, "feature_index" = %feature_index}
  }
  // ---- Calls: fusion and custom_call ----
  // Up to 16 distinct input types and 4 distinct result types.
  irdl.operation @fusion {
    %inputs0 = irdl.base "!builtin.tensor"
    %inputs1 = irdl.base "!builtin.tensor"
    %inputs2 = irdl.base "!builtin.tensor"
    %inputs3 = irdl.base "!builtin.tensor"
    %inputs4 = irdl.base "!builtin.tensor"
    %inputs5 = irdl.base "!builtin.tensor"
    %inputs6 = irdl.base "!builtin.tensor"
    %inputs7 = irdl.base "!builtin.tensor"
    %inputs8 = irdl.base "!builtin.tensor"
    %inputs9 = irdl.base "!builtin.tensor"
    %inputs10 = irdl.base "!builtin.tensor"
    %inputs11 = irdl.base "!builtin.tensor"
    %inputs12 = irdl.base "!builtin.tensor"
    %inputs13 = irdl.base "!builtin.tensor"
    %inputs14 = irdl.base "!builtin.tensor"
    %inputs15 = irdl.base "!builtin.tensor"
    %results0 = irdl.base "!builtin.tensor"
    %results1 = irdl.base "!builtin.tensor"
    %results2 = irdl.base "!builtin.tensor"
    %results3 = irdl.base "!builtin.tensor"
    %kind = irdl.base "#builtin.string"
    %calls = irdl.base "#builtin.symbol_ref"
    irdl.operands(inputs0: variadic %inputs0, inputs1: variadic %inputs1, inputs2: variadic %inputs2, inputs3: variadic %inputs3, inputs4: variadic %inputs4, inputs5: variadic %inputs5, inputs6: variadic %inputs6, inputs7: variadic %inputs7, inputs8: variadic %inputs8, inputs9: variadic %inputs9, inputs10: variadic %inputs10, inputs11: variadic %inputs11, inputs12: variadic %inputs12, inputs13: variadic %inputs13, inputs14: variadic %inputs14, inputs15: variadic %inputs15)
    irdl.results(results0: variadic %results0, results1: variadic %results1, results2: variadic %results2, results3: variadic %results3)
    irdl.attributes {"kind" = %kind, "calls" = %calls}
  }
  irdl.operation @custom_call {
    %inputs0 = irdl.base "!builtin.tensor"
    %inputs1 = irdl.base "!builtin.tensor"
    %inputs2 = irdl.base "!builtin.tensor"
    %inputs3 = irdl.base "!builtin.tensor"
    %inputs4 = irdl.base "!builtin.tensor"
    %inputs5 = irdl.base "!builtin.tensor"
    %inputs6 = irdl.base "!builtin.tensor"
    %inputs7 = irdl.base "!builtin.tensor"
    %results0 = irdl.base "!builtin.tensor"
    %results1 = irdl.base "!builtin.tensor"
    %results2 = irdl.base "!builtin.tensor"
    %results3 = irdl.base "!builtin.tensor"
    %call_target_name = irdl.base "#builtin.string"
    irdl.operands(inputs0: variadic %inputs0, inputs1: variadic %inputs1, inputs2: variadic %inputs2, inputs3: variadic %inputs3, inputs4: variadic %inputs4, inputs5: variadic %inputs5, inputs6: variadic %inputs6, inputs7: variadic %inputs7)
    irdl.results(results0: variadic %results0, results1: variadic %results1, results2: variadic %results2, results3: variadic %results3)
    irdl.attributes {"call_target_name" = %call_target_name}
  }
  // ---- Collectives ----
  irdl.operation @all_reduce {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %replica_groups = irdl.base "#builtin.dense_int_or_fp_elements"
    %to_apply = irdl.base "#builtin.symbol_ref"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
    irdl.attributes {"replica_groups" = %replica_groups, "to_apply" = %to_apply}
  }
  irdl.operation @all_gather {
    %operand = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %replica_groups = irdl.base "#builtin.dense_int_or_fp_elements"
    %all_gather_dim = irdl.base "#builtin.integer"
    irdl.operands(operand: %operand)
    irdl.results(result: %result)
    irdl.attributes {"replica_groups" = %replica_groups, "all_gather_dim" = %all_gather_dim}
  }
}
