// Calibrates a model's score bands (server/src/search/bands.ts MODEL_BANDS) from the cosine
// similarities of pairs known to be unrelated: each of the seed's one-fact notes
// (examples/knowledge-base, 20 topics from photosynthesis to Tokyo) against the chunks of code bases
// that share no topic with them (semver's classes, and this repository's search and index code: rank
// fusion, BM25, HNSW). Not note against note: the notes are related in pairs (artificial
// intelligence and machine learning score 0.91 with the bundled model, photosynthesis and DNA 0.84).
// Prints the distribution and the bands calibrateBands gives.
//
//   node --import tsx eval/calibrate-bands.ts [--model bundled]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { EmbeddingService } from "../server/src/embedding/embedding-service";
import { calibrateBands, unrelatedQuantile } from "../server/src/search/bands";
import { cosine } from "../server/src/search/vector-math";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({ options: { model: { type: "string", default: "bundled" } } });

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

/** Pieces of about 1000 characters (the default chunk size), cut at blank lines where possible. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const para of text.split(/\n\s*\n/)) {
    if (cur && cur.length + para.length > 1000) {
      out.push(cur);
      cur = "";
    }
    cur += (cur ? "\n\n" : "") + para;
  }
  if (cur.trim()) out.push(cur);
  return out.map((p) => p.slice(0, 1000)).filter((p) => p.trim().length > 40);
}

async function main(): Promise<void> {
  const notes = files(join(ROOT, "examples", "knowledge-base"), /\.md$/);
  const code = [
    ...files(join(ROOT, "node_modules", "semver", "classes"), /\.js$/),
    ...files(join(ROOT, "server", "src", "search"), /\.ts$/),
    ...files(join(ROOT, "server", "src", "index"), /\.ts$/),
  ].flatMap(pieces);
  const service = new EmbeddingService();
  try {
    const model = await service.load({ model: values.model! }, false);
    const embed = (texts: string[]) => service.embed(texts, "index");
    const codeVectors: Float32Array[] = [];
    for (let i = 0; i < code.length; i += 16) codeVectors.push(...(await embed(code.slice(i, i + 16))));
    const noteQueries = await service.embed(notes, "query");
    const unrelated: number[] = [];
    // A note as a query (the hover's case) against code.
    for (const q of noteQueries) for (const v of codeVectors) unrelated.push(cosine(q, v));
    unrelated.sort((a, b) => a - b);
    const q = (p: number) => unrelatedQuantile(unrelated, p);
    process.stdout.write(
      `model ${model.modelId}: ${unrelated.length} unrelated pairs (${notes.length} notes × ${codeVectors.length} code chunks)\n` +
        `  min ${unrelated[0].toFixed(3)}  median ${q(0.5).toFixed(3)}  p90 ${q(0.9).toFixed(3)}  p99 ${q(0.99).toFixed(3)}  max ${unrelated[unrelated.length - 1].toFixed(3)}\n` +
        `  calibrated bands: ${JSON.stringify(calibrateBands(unrelated))}\n`,
    );
  } finally {
    await service.dispose();
  }
}

main().catch((err) => {
  process.stderr.write(`calibrate-bands: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
