# Shrinks examples/transformer_block.mlir to sequence 16, hidden 32, 2 heads of 16 and an
# MLP of 64 (from 128, 256, 4 x 64 and 1024), so numerics tests run it in a fraction of a
# second. Placeholders first, so that a new size is not rewritten again.
s/1024/MLPDIM/g
s/256/HIDDEN/g
s/128/SEQ/g
s/4x64/2xHEAD/g
s/1x4xSEQ/1x2xSEQ/g
s/x64xf32/xHEADxf32/g
s/MLPDIM/64/g
s/HIDDEN/32/g
s/SEQ/16/g
s/HEAD/16/g
