import { EmbeddingService } from "../../embedding/embedding-service";
import { describeVector } from "../../search/vector-math";
import { modelSpecFrom, parse, UsageError } from "../args";
import { usage } from "./index-command";

export const EMBED_USAGE = `semsearch embed <text> [--model ID|bundled] [--json]`;

/** The seed's "Peeping Inside": the numbers one sentence becomes. */
export async function embedCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (values.help) return usage(EMBED_USAGE);
  const text = positionals.join(" ");
  if (!text.trim()) throw new UsageError(`embed needs a text.\nusage: ${EMBED_USAGE}`);
  const { spec, fallback } = modelSpecFrom(values, "one-shot");
  const service = new EmbeddingService();
  try {
    const model = await service.load(spec, fallback);
    if (model.fallbackReason) process.stderr.write(`semsearch: ${model.fallbackReason}\n`);
    const [vector] = await service.embed([text], "query");
    const result = describeVector(model.modelId, vector);
    // The documented --json shape stays as it is; the note goes to stderr.
    const truncated = await service.truncation(text);
    if (truncated) process.stderr.write(`semsearch: ${truncated.message}\n`);
    if (values.json) {
      process.stdout.write(JSON.stringify(result) + "\n");
      return 0;
    }
    const { stats } = result;
    const lines = [`Sentence : ${JSON.stringify(text)}`, `Model    : ${result.model}`, `Vector   : ${result.dimensions} numbers (showing first 20)`];
    result.vector.slice(0, 20).forEach((v, i) => {
      const sign = v > 0 ? "+" : v < 0 ? "-" : " ";
      lines.push(`[${String(i).padStart(3)}] ${sign}${Math.abs(v).toFixed(6)}  ${v > 0 ? "(positive)" : v < 0 ? "(negative)" : ""}`.trimEnd());
    });
    const signed = (x: number) => `${x >= 0 ? "+" : "-"}${Math.abs(x).toFixed(6)}`;
    lines.push("...", `Smallest: ${signed(stats.min)}  Largest: ${signed(stats.max)}  Average: ${signed(stats.mean)}  Norm: ${stats.norm.toFixed(6)}`);
    process.stdout.write(lines.join("\n") + "\n");
    return 0;
  } finally {
    await service.dispose();
  }
}
