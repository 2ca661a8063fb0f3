// Lookups over a parsed ONNX graph for pattern matching: who produces a value, who reads it, and
// the value of a constant (an initialiser or a Constant node's tensor), decoded from the file.
import { DataType, type OnnxGraph, type OnnxInitializer, type OnnxNode } from "../../inspect/onnx-model";
import { reader } from "../../inspect/onnx-weights";

export interface ConstantValue {
  dims: number[];
  dataType: number;
  /** Values as numbers (small tensors: scales, zero points, biases, shapes). */
  values: number[];
  /** The stored bytes of an int8/uint8 tensor (weights), not copied. */
  bytes?: Uint8Array;
}

/** Raw-stored types a pattern reads: float scales and biases, int64 shapes, 8-bit weights. */
const RAW_TYPES = new Set<number>([DataType.FLOAT, DataType.INT64, DataType.INT8, DataType.UINT8]);
/** 8-bit tensors up to this many values have them decoded (zero points); larger ones are weights. */
const SMALL_8BIT = 4096;

export class GraphIndex {
  private readonly producers = new Map<string, number>();
  private readonly readers = new Map<string, number[]>();
  private readonly initializers = new Map<string, OnnxInitializer>();

  constructor(
    readonly buf: Uint8Array,
    readonly graph: OnnxGraph,
  ) {
    graph.nodes.forEach((n, i) => {
      for (const o of n.outputs) if (o) this.producers.set(o, i);
      for (const input of n.inputs) if (input) this.readers.set(input, [...(this.readers.get(input) ?? []), i]);
    });
    for (const t of graph.initializers) this.initializers.set(t.name, t);
  }

  producer(value: string, op?: string): OnnxNode | undefined {
    const i = this.producers.get(value);
    const node = i === undefined ? undefined : this.graph.nodes[i];
    return node && (op === undefined || (node.opType === op && !node.domain)) ? node : undefined;
  }

  /** Indices of the nodes that read `value`. */
  readersOf(value: string): number[] {
    return this.readers.get(value) ?? [];
  }

  /**
   * Indices of the nodes that read `value`'s numbers: a Shape node reads only its dimensions (a torch
   * export computes each reshape's target from the tensor it reshapes), and goes when that reshape does.
   */
  dataReaders(value: string): number[] {
    return this.readersOf(value).filter((i) => this.graph.nodes[i].opType !== "Shape");
  }

  /** The one node that reads `value`'s numbers (dataReaders), when exactly one does and the graph does not output it. */
  soleReader(value: string, op: string): OnnxNode | undefined {
    const r = this.dataReaders(value);
    if (r.length !== 1 || this.graph.outputs.includes(value)) return undefined;
    const node = this.graph.nodes[r[0]];
    return node.opType === op && !node.domain ? node : undefined;
  }

  isConstant(value: string): boolean {
    return this.initializers.has(value) || this.producer(value, "Constant") !== undefined;
  }

  /** A constant's value, or undefined for a computed value or one stored outside the file. */
  constant(value: string): ConstantValue | undefined {
    const t = this.initializers.get(value) ?? this.producer(value, "Constant")?.tensor;
    if (!t || t.external) return undefined;
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (t.decoded) return { dims: t.dims, dataType: t.dataType, values: t.decoded.slice(0, count) };
    if (!t.raw) return count === 0 ? { dims: t.dims, dataType: t.dataType, values: [] } : undefined;
    if (!RAW_TYPES.has(t.dataType)) return undefined;
    const eightBit = t.dataType === DataType.INT8 || t.dataType === DataType.UINT8;
    let at: (i: number) => number;
    try {
      at = reader(this.buf, t);
    } catch {
      return undefined; // raw data shorter than its shape
    }
    // Weights can be large: an 8-bit tensor's numbers are read only when it is small (zero points),
    // and its bytes are handed over as they are.
    const values = eightBit && count > SMALL_8BIT ? [] : Array.from({ length: count }, (_, i) => at(i));
    return { dims: t.dims, dataType: t.dataType, values, ...(eightBit ? { bytes: this.buf.subarray(t.raw.start, t.raw.end) } : {}) };
  }

  /** Whether `value` is computed (only) from graph input `input` and constants. */
  dependsOnlyOn(value: string, input: string): boolean {
    const seen = new Set<string>();
    let reachesInput = false;
    const visit = (v: string): boolean => {
      if (seen.has(v)) return true;
      seen.add(v);
      if (v === input) return (reachesInput = true);
      if (this.isConstant(v)) return true;
      const i = this.producers.get(v);
      if (i === undefined) return false; // another graph input
      return this.graph.nodes[i].inputs.filter((x) => x).every(visit);
    };
    return visit(value) && reachesInput;
  }
}
