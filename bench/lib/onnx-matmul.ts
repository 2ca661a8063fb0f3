// The machine's measured arithmetic rate, through the same runtime that runs the models: one ONNX
// MatMul (fp32) or MatMulInteger (uint8 x int8, what q8 models multiply with) of a transformer
// layer's shape, run repeatedly by onnxruntime-node. The graph is written here as protobuf bytes,
// so the benchmark needs no Python and no file.
import { onnxruntime, type Ort } from "../../server/src/embedding/onnxruntime";

// ---- a minimal protobuf writer: enough of onnx.proto for a one-node graph
const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const int = (field: number, n: number) => [...varint(field << 3), ...varint(n)];
const bytes = (field: number, body: number[]) => [...varint((field << 3) | 2), ...varint(body.length), ...body];
const str = (field: number, s: string) => bytes(field, [...Buffer.from(s, "utf8")]);

const ELEM = { float: 1, uint8: 2, int8: 3, int32: 6 } as const;
type Elem = keyof typeof ELEM;

/** ValueInfoProto{name, type: TypeProto{tensor_type{elem_type, shape{dim{dim_value}}}}}. */
function valueInfo(name: string, elem: Elem, dims: number[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, int(1, d)));
  return [...str(1, name), ...bytes(2, bytes(1, [...int(1, ELEM[elem]), ...bytes(2, shape)]))];
}

function matmulModel(op: "MatMul" | "MatMulInteger", m: number, k: number, n: number): Uint8Array {
  const [a, b, c]: Elem[] = op === "MatMul" ? ["float", "float", "float"] : ["uint8", "int8", "int32"];
  const node = [...str(1, "A"), ...str(1, "B"), ...str(2, "C"), ...str(3, op), ...str(4, op)];
  const graph = [...bytes(1, node), ...str(2, "bench"), ...bytes(11, valueInfo("A", a, [m, k])), ...bytes(11, valueInfo("B", b, [k, n])), ...bytes(12, valueInfo("C", c, [m, n]))];
  // ModelProto{ir_version 8, graph, opset_import{domain "", version 17}}
  return Uint8Array.from([...int(1, 8), ...bytes(7, graph), ...bytes(8, [...str(1, ""), ...int(2, 17)])]);
}

export interface RateResult {
  op: "MatMul" | "MatMulInteger";
  shape: [number, number, number];
  threads: number;
  runs: number;
  /** Multiply-adds count two operations. */
  gigaOpsPerSecond: number;
}

/** Runs [m,k] x [k,n] for about `seconds` after a warm-up and reports operations per second. */
export async function measureRate(op: "MatMul" | "MatMulInteger", threads: number, shape: [number, number, number] = [256, 384, 1536], seconds = 3): Promise<RateResult> {
  const ort = onnxruntime();
  const [m, k, n] = shape;
  const session = await ort.InferenceSession.create(matmulModel(op, m, k, n), { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const feeds =
    op === "MatMul"
      ? { A: new ort.Tensor("float32", Float32Array.from({ length: m * k }, (_, i) => ((i * 7) % 13) / 13 - 0.5), [m, k]), B: new ort.Tensor("float32", Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 11) / 11 - 0.5), [k, n]) }
      : { A: new ort.Tensor("uint8", Uint8Array.from({ length: m * k }, (_, i) => (i * 7) % 251), [m, k]), B: new ort.Tensor("int8", Int8Array.from({ length: k * n }, (_, i) => ((i * 5) % 255) - 127), [k, n]) };
  for (let i = 0; i < 5; i++) await session.run(feeds);
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    await session.run(feeds);
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  await session.release();
  return { op, shape, threads, runs, gigaOpsPerSecond: Math.round(((2 * m * k * n * runs) / elapsed / 1e9) * 10) / 10 };
}

/**
 * The best rate over the shapes a MiniLM-sized layer multiplies ([tokens, 384] by 384x1536, 1536x384
 * and 384x384): onnxruntime splits some shapes across threads better than others (two threads gave
 * 106 to 163 G ops/s here depending on the shape), and the limit is what the CPU can reach.
 */
export async function measurePeak(op: RateResult["op"], threads: number, seconds = 2): Promise<RateResult> {
  const shapes: [number, number, number][] = [[256, 384, 1536], [1024, 384, 1536], [512, 1536, 384], [2048, 384, 384]];
  let best: RateResult | undefined;
  for (const shape of shapes) {
    const r = await measureRate(op, threads, shape, seconds);
    if (!best || r.gigaOpsPerSecond > best.gigaOpsPerSecond) best = r;
  }
  return best!;
}
