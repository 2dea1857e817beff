// A dynamic shape: the runner cannot make inputs for it.
func.func @main(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}
