// The parts of an ONNX ModelProto the inspector needs: the graph's nodes, inputs and outputs,
// and its initialisers as pointers into the file's bytes (field numbers from onnx.proto).
// Also the one edit the journey needs: extra graph outputs, spliced into the original bytes.
import { bytesField, concat, encodeVarint, fields, pushVarints, readVarint, text, Wire } from "./protobuf";

/** TensorProto.DataType values. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  BFLOAT16: 16,
} as const;

/** Data type names as numpy/TF.js spell them ("float32", not ONNX's "FLOAT"). */
export const DATA_TYPE_NAMES: Record<number, string> = {
  ...Object.fromEntries(Object.entries(DataType).map(([k, v]) => [v, k.toLowerCase()])),
  [DataType.FLOAT]: "float32",
  [DataType.DOUBLE]: "float64",
};

export interface OnnxInitializer {
  name: string;
  dims: number[];
  dataType: number;
  /** raw_data span in the file, when the values are stored that way (the usual case). */
  raw?: { start: number; end: number };
  /** Values from the typed repeated fields (float_data, int32_data, ...), decoded: these are small. */
  decoded?: number[];
  /** Set when the values live in a separate file (external data), which we do not read. */
  external?: string;
  /** Where the TensorProto field sits in the file, tag included (graph initialisers). */
  span?: { start: number; end: number };
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  /** Integer attributes (axis, ...). */
  ints: Record<string, number>;
  /** Integer-list attributes (perm, ...): for graph rewrites. */
  intLists?: Record<string, number[]>;
  /** A Constant node's value (its `value` tensor attribute). */
  tensor?: OnnxInitializer;
  /** Where the NodeProto field sits in the file, tag included: a rewrite drops or keeps it whole. */
  span?: { start: number; end: number };
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: string[];
  outputs: string[];
  /** Where ModelProto.graph sits in the file: its tag, and its payload span. */
  graphField: { tagStart: number; start: number; end: number };
}

// Field numbers of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ...).
const MODEL_GRAPH = 7;
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12 };
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 };
const ATTR = { name: 1, i: 3, t: 5, ints: 8 };
const TENSOR = { dims: 1, dataType: 2, floatData: 4, int32Data: 5, int64Data: 7, name: 8, rawData: 9, doubleData: 10, uint64Data: 11, externalData: 13, dataLocation: 14 };
const VALUE_INFO = { name: 1, type: 2 };
const TYPE = { tensorType: 1 };
const TENSOR_TYPE = { elemType: 1 };

export function parseOnnx(buf: Uint8Array): OnnxGraph {
  for (const f of fields(buf)) {
    if (f.no === MODEL_GRAPH && f.wire === Wire.Bytes) {
      return { ...parseGraph(buf, f.start, f.end), graphField: { tagStart: f.tagStart, start: f.start, end: f.end } };
    }
  }
  throw new Error("not an ONNX model: no graph found");
}

function parseGraph(buf: Uint8Array, start: number, end: number): Omit<OnnxGraph, "graphField"> {
  const graph: Omit<OnnxGraph, "graphField"> = { nodes: [], initializers: [], inputs: [], outputs: [] };
  for (const f of fields(buf, start, end)) {
    if (f.wire !== Wire.Bytes) continue;
    if (f.no === GRAPH.node) graph.nodes.push({ ...parseNode(buf, f.start, f.end), span: { start: f.tagStart, end: f.end } });
    else if (f.no === GRAPH.initializer) graph.initializers.push({ ...parseTensor(buf, f.start, f.end), span: { start: f.tagStart, end: f.end } });
    else if (f.no === GRAPH.input) graph.inputs.push(valueInfoName(buf, f.start, f.end));
    else if (f.no === GRAPH.output) graph.outputs.push(valueInfoName(buf, f.start, f.end));
  }
  return graph;
}

function parseNode(buf: Uint8Array, start: number, end: number): OnnxNode {
  const node: OnnxNode = { name: "", opType: "", domain: "", inputs: [], outputs: [], ints: {} };
  for (const f of fields(buf, start, end)) {
    if (f.no === NODE.input) node.inputs.push(text(buf, f));
    else if (f.no === NODE.output) node.outputs.push(text(buf, f));
    else if (f.no === NODE.name) node.name = text(buf, f);
    else if (f.no === NODE.opType) node.opType = text(buf, f);
    else if (f.no === NODE.domain) node.domain = text(buf, f);
    else if (f.no === NODE.attribute) {
      let name = "";
      let value: number | undefined;
      let tensor: OnnxInitializer | undefined;
      const list: number[] = [];
      for (const a of fields(buf, f.start, f.end)) {
        if (a.no === ATTR.name) name = text(buf, a);
        else if (a.no === ATTR.i && a.wire === Wire.Varint) value = a.value;
        else if (a.no === ATTR.ints) pushVarints(buf, a, list);
        else if (a.no === ATTR.t && a.wire === Wire.Bytes) tensor = parseTensor(buf, a.start, a.end);
      }
      if (!name) continue;
      if (value !== undefined) node.ints[name] = value;
      if (list.length) (node.intLists ??= {})[name] = list;
      if (tensor && name === "value") node.tensor = tensor;
    }
  }
  return node;
}

function parseTensor(buf: Uint8Array, start: number, end: number): OnnxInitializer {
  const t: OnnxInitializer = { name: "", dims: [], dataType: 0 };
  const decoded: number[] = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (const f of fields(buf, start, end)) {
    switch (f.no) {
      case TENSOR.dims:
        pushVarints(buf, f, t.dims);
        break;
      case TENSOR.dataType:
        t.dataType = f.value;
        break;
      case TENSOR.name:
        t.name = text(buf, f);
        break;
      case TENSOR.rawData:
        t.raw = { start: f.start, end: f.end };
        break;
      case TENSOR.int32Data:
      case TENSOR.int64Data:
      case TENSOR.uint64Data:
        pushVarints(buf, f, decoded);
        break;
      case TENSOR.floatData:
        if (f.wire === Wire.Fixed32) decoded.push(view.getFloat32(f.start, true));
        else for (let p = f.start; p < f.end; p += 4) decoded.push(view.getFloat32(p, true));
        break;
      case TENSOR.doubleData:
        if (f.wire === Wire.Fixed64) decoded.push(view.getFloat64(f.start, true));
        else for (let p = f.start; p < f.end; p += 8) decoded.push(view.getFloat64(p, true));
        break;
      case TENSOR.externalData:
        for (const kv of fields(buf, f.start, f.end)) {
          // StringStringEntryProto {key = 1, value = 2}: keep the location for the message.
          const parts = [...fields(buf, kv.start, kv.end)].map((x) => text(buf, x));
          if (parts[0] === "location") t.external = parts[1];
        }
        break;
      case TENSOR.dataLocation:
        if (f.value === 1) t.external ??= "(external file)";
        break;
    }
  }
  if (!t.raw && decoded.length) t.decoded = decoded;
  return t;
}

function valueInfoName(buf: Uint8Array, start: number, end: number): string {
  for (const f of fields(buf, start, end)) if (f.no === VALUE_INFO.name) return text(buf, f);
  return "";
}

/**
 * A copy of the model with `names` added as float graph outputs. The new ValueInfoProto entries
 * are appended inside the graph message and the graph's length prefix rewritten; everything
 * else is byte-for-byte the original. onnxruntime infers their shapes.
 */
export function withExtraOutputs(buf: Uint8Array, graph: OnnxGraph, names: string[]): Uint8Array {
  const extra = names
    .filter((n) => !graph.outputs.includes(n))
    .map((name) => {
      const elemType = concat([new Uint8Array(encodeVarint(TENSOR_TYPE.elemType * 8 + Wire.Varint)), new Uint8Array(encodeVarint(DataType.FLOAT))]);
      const type = bytesField(TYPE.tensorType, elemType);
      return bytesField(GRAPH.output, concat([bytesField(VALUE_INFO.name, new TextEncoder().encode(name)), bytesField(VALUE_INFO.type, type)]));
    });
  const { tagStart, start, end } = graph.graphField;
  const payload = concat([buf.subarray(start, end), ...extra]);
  const [tag] = readVarint(buf, tagStart);
  return concat([buf.subarray(0, tagStart), new Uint8Array(encodeVarint(tag)), new Uint8Array(encodeVarint(payload.length)), payload, buf.subarray(end)]);
}
