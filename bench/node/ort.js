// The ONNX Runtime peer of bench/run.py (onnxruntime-node, CPU execution provider):
//   node ort.js MODEL.onnx RUNS THREADS OUT.npy IN.npy...
// Feeds the .npy inputs (f32, C order) to the model's inputs in order, runs it once (warm-up,
// whose first output goes to OUT.npy), times RUNS more runs and prints 'median X ms', the line
// run.py reads. Threads: intraOpNumThreads; inter-op parallelism off (sequential execution).
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

// numpy's format 1.0-3.0: magic, version, header length, a Python dict literal, the data.
function readNpy(path) {
  const buf = fs.readFileSync(path);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, start);
  if (!header.includes("'<f4'") || header.includes("'fortran_order': True"))
    throw new Error(`${path}: not a C-order float32 array: ${header}`);
  const dims = header.match(/'shape': \(([^)]*)\)/)[1].split(',').filter((s) => s.trim())
    .map(Number);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
  return new ort.Tensor('float32', data, dims);
}

function writeNpy(path, tensor) {
  const shape = tensor.dims.length === 1 ? `(${tensor.dims[0]},)` : `(${tensor.dims.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  fs.writeFileSync(path, Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
}

async function main() {
  const [model, runsText, threadsText, out, ...inputs] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: Number(threadsText),
    interOpNumThreads: 1,
  });
  const feeds = {};
  session.inputNames.forEach((name, i) => { feeds[name] = readNpy(inputs[i]); });
  const first = await session.run(feeds);
  writeNpy(out, first[session.outputNames[0]]);
  const times = [];
  for (let i = 0; i < Number(runsText); ++i) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  console.log(`median ${median.toFixed(3)} ms`);
}

main().catch((err) => {
  console.error(`ort.js: ${err.message}`);
  process.exit(1);
});
