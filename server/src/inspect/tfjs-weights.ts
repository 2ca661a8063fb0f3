// The weight tensors of a TensorFlow.js graph model (the bundled Universal Sentence Encoder Lite):
// model.json's weightsManifest names each tensor, its shape and dtype; the values are the
// group's shard files laid end to end, in manifest order.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { halfToNumber, type WeightTensor } from "./tensor-stats";

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: "uint8" | "uint16" | "float16"; scale?: number; min?: number };
}
export interface TfjsModelJson {
  modelTopology: { node: { name: string; op: string; input?: string[] }[] };
  weightsManifest: { paths: string[]; weights: ManifestEntry[] }[];
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

export async function readTfjsModelJson(dir: string): Promise<TfjsModelJson> {
  return JSON.parse(await readFile(join(dir, "model.json"), "utf8")) as TfjsModelJson;
}

export async function tfjsWeightTensors(dir: string, model: TfjsModelJson): Promise<{ tensors: WeightTensor[]; notes: string[] }> {
  const tensors: WeightTensor[] = [];
  const notes: string[] = [];
  for (const group of model.weightsManifest) {
    const data = Buffer.concat(await Promise.all(group.paths.map((p) => readFile(join(dir, p)))));
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let offset = 0;
    for (const w of group.weights) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      const stored = w.quantization?.dtype ?? w.dtype;
      const width = BYTES[stored];
      if (!width) throw new Error(`${w.name}: dtype ${stored} is not supported`);
      if (offset + count * width > data.length) throw new Error(`${w.name}: the shard files are shorter than the manifest says`);
      tensors.push({ name: w.name, shape: w.shape, size: count, dtype: w.quantization ? `${stored} (dequantized)` : w.dtype, at: accessor(view, offset, w) });
      offset += count * width;
    }
    if (offset !== data.length) notes.push(`the shards of ${group.paths[0]}... hold ${data.length - offset} bytes more than the manifest describes`);
  }
  if (tensors.some((t) => t.dtype.includes("dequantized"))) notes.push("quantized weights are shown dequantized: q * scale + min.");
  return { tensors, notes };
}

function accessor(view: DataView, offset: number, w: ManifestEntry): (i: number) => number {
  const q = w.quantization;
  if (q?.dtype === "float16") return (i) => halfToNumber(view.getUint16(offset + i * 2, true));
  if (q) {
    const scale = q.scale ?? 1;
    const min = q.min ?? 0;
    const read = q.dtype === "uint8" ? (i: number) => view.getUint8(offset + i) : (i: number) => view.getUint16(offset + i * 2, true);
    return (i) => Math.fround(read(i) * scale + min);
  }
  if (w.dtype === "int32") return (i) => view.getInt32(offset + i * 4, true);
  if (w.dtype === "bool") return (i) => view.getUint8(offset + i);
  return (i) => view.getFloat32(offset + i * 4, true);
}
