// semsearch compare: the seed's "Similar Sentences Produce Similar Vectors" (Part 2) and "Two
// Similar Sentences Side by Side" (Part 3), with the embeddings the search uses.
import type { CompareResult } from "../../../../shared/src/protocol";
import { EmbeddingService } from "../../embedding/embedding-service";
import { compareTexts } from "../../inspect/compare";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { usage } from "./index-command";

export const COMPARE_USAGE = `semsearch compare <anchor> <text>... [--values N] [--model ID|bundled] [--json]`;

export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { values: { type: "string" } });
  if (values.help) return usage(COMPARE_USAGE);
  const [anchor, ...texts] = positionals;
  if (!anchor?.trim() || !texts.length || texts.some((t) => !t.trim())) {
    throw new UsageError(`compare needs an anchor sentence and at least one more (quote each sentence).\nusage: ${COMPARE_USAGE}`);
  }
  const n = numberOption(values, "values", 10)!;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--values takes a whole number of at least 1; got ${values.values}.`);
  const { spec, fallback } = modelSpecFrom(values, "one-shot");
  const service = new EmbeddingService();
  try {
    const model = await service.load(spec, fallback);
    if (model.fallbackReason) process.stderr.write(`semsearch: ${model.fallbackReason}\n`);
    const result = await compareTexts(model.modelId, (t) => service.embed(t, "query"), anchor, texts, n);
    process.stdout.write(values.json ? JSON.stringify(result) + "\n" : formatCompare(result));
    return 0;
  } finally {
    await service.dispose();
  }
}

const signed = (x: number) => `${x >= 0 ? "+" : "-"}${Math.abs(x).toFixed(6)}`;

export function formatCompare(r: CompareResult): string {
  const lines = [`Model: ${r.model} (${r.dimensions} dimensions)`, "", `Anchor sentence: ${JSON.stringify(r.anchor)}`];
  for (const x of r.results) lines.push(`${`${(x.score * 100).toFixed(1)}%`.padStart(7)}  ${x.text}`);
  const s = r.sideBySide;
  lines.push("", "Two sentences side by side:", `Sentence A: ${JSON.stringify(s.a)}`, `Sentence B: ${JSON.stringify(s.b)}`, `Cosine similarity: ${(s.score * 100).toFixed(1)}%`, "");
  lines.push(`Index      Vector A   Vector B  Difference`);
  for (const row of s.rows) lines.push(`[${String(row.index).padStart(3)}]   ${signed(row.a)}  ${signed(row.b)}  ${row.difference.toFixed(6).padStart(10)}`);
  if (s.rows.length < r.dimensions) lines.push(`... (${r.dimensions - s.rows.length} more dimensions; --values N shows more)`);
  return lines.join("\n") + "\n";
}
