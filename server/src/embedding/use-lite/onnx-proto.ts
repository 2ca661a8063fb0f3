// Just enough of onnx.proto to write a model: nodes with int/float/ints attributes, float and int
// initialisers as raw bytes, and typed graph inputs and outputs with named (dynamic) dimensions.
// Field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
// ValueInfoProto). The reader lives in ../../inspect/onnx-model.ts; this is its small writer side.
import { concat, encodeVarint, Wire } from "../../inspect/protobuf";

/**
 * A message as the list of byte strings it is made of, written out once at the end: the weights
 * (28 MB) are copied once into the model's bytes, not once per level of nesting.
 */
class Parts {
  readonly list: Uint8Array[] = [];
  size = 0;
  constructor(items: (Uint8Array | Parts)[] = []) {
    for (const item of items) this.add(item);
  }
  add(item: Uint8Array | Parts): void {
    if (item instanceof Parts) this.list.push(...item.list);
    else this.list.push(item);
    this.size += item instanceof Parts ? item.size : item.length;
  }
}

/** Tag + length + payload of a length-delimited field, the payload not copied. */
function bytesField(no: number, payload: Uint8Array | Parts): Parts {
  const size = payload instanceof Parts ? payload.size : payload.length;
  return new Parts([Uint8Array.from([...encodeVarint(no * 8 + Wire.Bytes), ...encodeVarint(size)]), payload]);
}

export const ElemType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;

export type Attr = number | number[] | { float: number };

export interface NodeSpec {
  op: string;
  /** Operator set domain ("com.microsoft" for onnxruntime's own ops); the default one when absent. */
  domain?: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
}

export interface InitSpec {
  name: string;
  dims: number[];
  type: (typeof ElemType)[keyof typeof ElemType];
  /** Little-endian values, as ONNX's raw_data wants them. */
  bytes: Uint8Array;
}

export interface IoSpec {
  name: string;
  type: (typeof ElemType)[keyof typeof ElemType];
  /** A number is a fixed size; a string names a dimension that varies per call. */
  dims: (number | string)[];
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const str = (no: number, s: string) => bytesField(no, utf8(s));
/** A varint field; negatives as 10-byte two's complement, as int64 fields want them. */
function varintField(no: number, n: number): Uint8Array {
  return Uint8Array.from([...encodeVarint(no * 8), ...int64Varint(n)]);
}
function int64Varint(n: number): number[] {
  if (n >= 0) return encodeVarint(n);
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(n));
  for (let i = 0; i < 10; i++) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? b : b | 0x80);
    if (v === 0n) break;
  }
  return out;
}

function attribute(name: string, value: Attr): Parts {
  const ATTR = { name: 1, f: 2, i: 3, ints: 8, type: 20 };
  const TYPE = { FLOAT: 1, INT: 2, INTS: 7 };
  if (Array.isArray(value)) {
    return new Parts([str(ATTR.name, name), ...value.map((v) => varintField(ATTR.ints, v)), varintField(ATTR.type, TYPE.INTS)]);
  }
  if (typeof value === "object") {
    const f = new Uint8Array(5);
    f[0] = ATTR.f * 8 + 5; // fixed32
    new DataView(f.buffer).setFloat32(1, value.float, true);
    return new Parts([str(ATTR.name, name), f, varintField(ATTR.type, TYPE.FLOAT)]);
  }
  return new Parts([str(ATTR.name, name), varintField(ATTR.i, value), varintField(ATTR.type, TYPE.INT)]);
}

function node(n: NodeSpec, name: string): Parts {
  const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 };
  return new Parts([
    ...n.inputs.map((i) => str(NODE.input, i)),
    ...n.outputs.map((o) => str(NODE.output, o)),
    str(NODE.name, name),
    str(NODE.opType, n.op),
    ...Object.entries(n.attrs ?? {}).map(([k, v]) => bytesField(NODE.attribute, attribute(k, v))),
    ...(n.domain ? [str(NODE.domain, n.domain)] : []),
  ]);
}

// Single fields for splicing into an existing model (embedding/graph-fusion): tag and length included.

/** A GraphProto.node field. */
export function encodeNodeField(n: NodeSpec, name: string): Uint8Array {
  return concat(bytesField(1, node(n, name)).list);
}

/** A GraphProto.initializer field. */
export function encodeInitializerField(t: InitSpec): Uint8Array {
  return concat(bytesField(5, tensor(t)).list);
}

/** A ModelProto.opset_import field. */
export function encodeOpsetImportField(domain: string, version: number): Uint8Array {
  return concat(bytesField(8, new Parts([str(1, domain), varintField(2, version)])).list);
}

function tensor(t: InitSpec): Parts {
  const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 };
  return new Parts([...t.dims.map((d) => varintField(TENSOR.dims, d)), varintField(TENSOR.dataType, t.type), str(TENSOR.name, t.name), bytesField(TENSOR.rawData, t.bytes)]);
}

function valueInfo(io: IoSpec): Parts {
  const dims = io.dims.map((d) => bytesField(1, typeof d === "number" ? varintField(1, d) : str(2, d)));
  const tensorType = new Parts([varintField(1, io.type), bytesField(2, new Parts(dims))]);
  return new Parts([str(1, io.name), bytesField(2, bytesField(1, tensorType))]);
}

/** A whole ModelProto (IR version 8, the default opset at `opset`). */
export function encodeModel(graph: { name: string; nodes: NodeSpec[]; initializers: InitSpec[]; inputs: IoSpec[]; outputs: IoSpec[] }, opset = 17): Uint8Array {
  const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 };
  const body = new Parts([
    ...graph.nodes.map((n, i) => bytesField(GRAPH.node, node(n, `${n.op}_${i}`))),
    str(GRAPH.name, graph.name),
    ...graph.initializers.map((t) => bytesField(GRAPH.initializer, tensor(t))),
    ...graph.inputs.map((io) => bytesField(GRAPH.input, valueInfo(io))),
    ...graph.outputs.map((io) => bytesField(GRAPH.output, valueInfo(io))),
  ]);
  const MODEL = { irVersion: 1, producerName: 2, graph: 7, opsetImport: 8 };
  return concat(new Parts([varintField(MODEL.irVersion, 8), str(MODEL.producerName, "semsearch use-lite"), bytesField(MODEL.graph, body), bytesField(MODEL.opsetImport, varintField(2, opset))]).list);
}
