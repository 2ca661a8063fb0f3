// One tensor in full as the seed's one_layer_full.csv (`index,weight_value`), produced in chunks so
// that the 11.7 million rows of a word-embedding table never sit in memory as text.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { WeightTensor } from "./tensor-stats";

const ROWS_PER_CHUNK = 16_384;

/**
 * A float32 in the fewest of 7, 8 or 9 significant digits that read back as the same float32
 * (9 always do), trailing zeros trimmed: fround(0.1) prints as "0.1", not 0.100000001490116.
 * Integers (int32 constants) print as they are.
 */
export function formatValue(x: number): string {
  if (Number.isInteger(x)) return String(x);
  let s = x.toPrecision(9);
  for (const p of [7, 8]) {
    const t = x.toPrecision(p);
    if (Math.fround(Number(t)) === x) {
      s = t;
      break;
    }
  }
  if (s.includes("e")) return s.replace(/\.?0+e/, "e");
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** The CSV text, header first, in chunks of rows. */
export function* tensorCsvChunks(t: WeightTensor, rowsPerChunk = ROWS_PER_CHUNK): Generator<string> {
  yield "index,weight_value\n";
  for (let start = 0; start < t.size; start += rowsPerChunk) {
    const end = Math.min(t.size, start + rowsPerChunk);
    const rows = new Array<string>(end - start);
    for (let i = start; i < end; i++) rows[i - start] = `${i},${formatValue(t.at(i))}`;
    yield rows.join("\n") + "\n";
  }
}

/** Writes the CSV to a stream, waiting whenever it is full; resolves with rows and bytes written. */
export async function writeTensorCsv(t: WeightTensor, out: Writable): Promise<{ rows: number; bytes: number }> {
  let bytes = 0;
  for (const chunk of tensorCsvChunks(t)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  return { rows: t.size, bytes };
}

export async function writeTensorCsvFile(t: WeightTensor, path: string): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(path);
  const failed = once(out, "error").then(([err]) => Promise.reject(err as Error));
  try {
    const result = await Promise.race([writeTensorCsv(t, out), failed]);
    out.end();
    await Promise.race([once(out, "finish"), failed]);
    return result;
  } finally {
    failed.catch(() => undefined);
    if (!out.writableFinished) out.destroy();
  }
}
