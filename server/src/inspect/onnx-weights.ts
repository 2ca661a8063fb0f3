// The weight tensors of an ONNX model: its initialisers, read in place from the file's bytes.
// Quantised weights (int8/uint8 with a scale and zero point, as onnxruntime's quantiser and
// transformers.js's q8 files store them) are shown dequantised, scale * (q - zero point), under
// the weight's own name, with their scale and zero point folded in rather than listed apart.
import { bfloat16ToNumber, halfToNumber, type WeightTensor } from "./tensor-stats";
import { DATA_TYPE_NAMES, DataType, type OnnxGraph, type OnnxInitializer } from "./onnx-model";

const BYTES: Record<number, number> = {
  [DataType.FLOAT]: 4, [DataType.UINT8]: 1, [DataType.INT8]: 1, [DataType.UINT16]: 2, [DataType.INT16]: 2,
  [DataType.INT32]: 4, [DataType.INT64]: 8, [DataType.BOOL]: 1, [DataType.FLOAT16]: 2, [DataType.DOUBLE]: 8,
  [DataType.UINT32]: 4, [DataType.UINT64]: 8, [DataType.BFLOAT16]: 2,
};

const QUANTIZED_TYPES = new Set<number>([DataType.INT8, DataType.UINT8, DataType.INT16, DataType.UINT16, DataType.INT32]);

export function onnxWeightTensors(buf: Uint8Array, graph: OnnxGraph): { tensors: WeightTensor[]; notes: string[] } {
  const notes: string[] = [];
  const byName = new Map(graph.initializers.map((t) => [t.name, t]));
  const quantized = findQuantized(graph, byName);
  const folded = new Set<string>();
  for (const q of quantized.values()) for (const n of [q.scale.name, q.zeroPoint?.name]) if (n) folded.add(n);

  const tensors: WeightTensor[] = [];
  for (const init of graph.initializers) {
    if (folded.has(init.name)) continue;
    if (init.external) {
      notes.push(`${init.name}: values are stored in an external file (${init.external}), which is not read.`);
      continue;
    }
    if (init.dataType === DataType.STRING) continue;
    const q = quantized.get(init.name);
    tensors.push(q ? dequantized(buf, init, q) : plain(buf, init));
  }
  if (quantized.size) notes.push(`${quantized.size} quantized weight tensors are shown dequantized: scale * (q - zero point).`);
  return { tensors, notes };
}

interface Quantization {
  name: string;
  scale: OnnxInitializer;
  zeroPoint?: OnnxInitializer;
  axis?: number;
}

/** Quantised initialiser name -> its scale and zero point. */
function findQuantized(graph: OnnxGraph, byName: Map<string, OnnxInitializer>): Map<string, Quantization> {
  const found = new Map<string, Quantization>();
  const weightName = (q: string) => q.replace(/_quantized$/, "");
  // 1. A DequantizeLinear node reading the initialiser says exactly which scale and zero point.
  for (const node of graph.nodes) {
    if (node.opType !== "DequantizeLinear") continue;
    const [x, s, z] = node.inputs.map((n) => byName.get(n));
    if (!x || !s || !QUANTIZED_TYPES.has(x.dataType)) continue;
    found.set(x.name, { name: weightName(x.name), scale: s, zeroPoint: z, axis: node.ints.axis });
  }
  // 2. onnxruntime's dynamic quantiser (MatMulInteger, ...) applies the scale later in the graph;
  //    it names the three initialisers <w>_quantized, <w>_scale, <w>_zero_point.
  for (const init of graph.initializers) {
    if (found.has(init.name) || !init.name.endsWith("_quantized") || !QUANTIZED_TYPES.has(init.dataType)) continue;
    const base = weightName(init.name);
    const scale = byName.get(`${base}_scale`);
    if (scale) found.set(init.name, { name: base, scale, zeroPoint: byName.get(`${base}_zero_point`) });
  }
  return found;
}

function size(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Random access to an initialiser's values, wherever they are stored. */
export function reader(buf: Uint8Array, t: OnnxInitializer): (i: number) => number {
  const type = t.dataType;
  if (t.decoded) {
    const d = t.decoded;
    if (type === DataType.FLOAT16) return (i) => halfToNumber(d[i]);
    if (type === DataType.BFLOAT16) return (i) => bfloat16ToNumber(d[i]);
    return (i) => d[i];
  }
  if (!t.raw) return () => 0; // a tensor with no data: all zeros, as onnx reads it
  const view = new DataView(buf.buffer, buf.byteOffset + t.raw.start, t.raw.end - t.raw.start);
  const width = BYTES[type];
  if (!width) throw new Error(`${t.name}: data type ${DATA_TYPE_NAMES[type] ?? type} is not supported`);
  if (view.byteLength < size(t.dims) * width) throw new Error(`${t.name}: raw data is shorter than its shape`);
  switch (type) {
    case DataType.FLOAT:
      return (i) => view.getFloat32(i * 4, true);
    case DataType.DOUBLE:
      return (i) => view.getFloat64(i * 8, true);
    case DataType.INT8:
      return (i) => view.getInt8(i);
    case DataType.UINT8:
    case DataType.BOOL:
      return (i) => view.getUint8(i);
    case DataType.INT16:
      return (i) => view.getInt16(i * 2, true);
    case DataType.UINT16:
      return (i) => view.getUint16(i * 2, true);
    case DataType.INT32:
      return (i) => view.getInt32(i * 4, true);
    case DataType.UINT32:
      return (i) => view.getUint32(i * 4, true);
    case DataType.INT64:
      return (i) => Number(view.getBigInt64(i * 8, true));
    case DataType.UINT64:
      return (i) => Number(view.getBigUint64(i * 8, true));
    case DataType.FLOAT16:
      return (i) => halfToNumber(view.getUint16(i * 2, true));
    default:
      return (i) => bfloat16ToNumber(view.getUint16(i * 2, true));
  }
}

function plain(buf: Uint8Array, t: OnnxInitializer): WeightTensor {
  return { name: t.name, shape: t.dims, size: size(t.dims), dtype: DATA_TYPE_NAMES[t.dataType] ?? String(t.dataType), at: reader(buf, t) };
}

function dequantized(buf: Uint8Array, t: OnnxInitializer, q: Quantization): WeightTensor {
  const value = reader(buf, t);
  const scale = reader(buf, q.scale);
  const zero = q.zeroPoint ? reader(buf, q.zeroPoint) : () => 0;
  const channels = size(q.scale.dims);
  let at: (i: number) => number;
  if (channels <= 1) {
    const s = scale(0);
    const z = zero(0);
    // fround: DequantizeLinear computes in float32, so the values match what the model uses.
    at = (i) => Math.fround((value(i) - z) * s);
  } else {
    // Per-channel: one scale per index along `axis` (DequantizeLinear's attribute, default 1;
    // without a node, the last axis of that length, as for MatMulInteger's per-column scales).
    let axis = q.axis ?? -1;
    if (axis < 0) axis = q.axis !== undefined ? t.dims.length + axis : t.dims.lastIndexOf(channels);
    if (axis < 0 || t.dims[axis] !== channels) throw new Error(`${t.name}: cannot match ${channels} scales to shape [${t.dims.join(", ")}]`);
    const stride = size(t.dims.slice(axis + 1));
    at = (i) => {
      const c = Math.floor(i / stride) % channels;
      return Math.fround((value(i) - zero(c)) * scale(c));
    };
  }
  return { name: q.name, shape: t.dims, size: size(t.dims), dtype: `${DATA_TYPE_NAMES[t.dataType]} (dequantized)`, at };
}
