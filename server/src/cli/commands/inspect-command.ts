// semsearch inspect: the seed's "Peeping Inside" on the command line: the model's weights, one
// tensor in full, a text's journey through the layers, and one token's attention.
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { once } from "node:events";
import type { AttentionResult, JourneyResult, WeightsSummaryResult } from "../../../../shared/src/protocol";
import { writeTensorCsv } from "../../inspect/csv";
import { traceText } from "../../inspect/inspect-client";
import { attentionFrom, DEFAULT_VALUES, journeyFrom } from "../../inspect/journey";
import { resolveInspectModel } from "../../inspect/resolve";
import { seedWeightsSummary, summarize } from "../../inspect/tensor-stats";
import { findTensor, loadWeights, weightsSummary } from "../../inspect/weights";
import { modelSpecFrom, numberOption, parse, UsageError } from "../args";
import { usage } from "./index-command";

export const INSPECT_USAGE = [
  "semsearch inspect weights [--out weights_summary.json] [--json]",
  "  semsearch inspect tensor <name> [--csv] [--out FILE]",
  "  semsearch inspect journey <text> [--values N] [--token T] [--json]",
  "  semsearch inspect attention <text> --layer L --token T [--json]",
].join("\n");

const OPTIONS = {
  out: { type: "string" },
  csv: { type: "boolean", default: false },
  values: { type: "string" },
  token: { type: "string" },
  layer: { type: "string" },
  dtype: { type: "string" },
} as const;

const warn = (m: string) => process.stderr.write(`semsearch: ${m}\n`);

export async function inspectCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, OPTIONS);
  if (values.help || !sub || sub === "help" || sub === "--help" || sub === "-h") return usage(INSPECT_USAGE);
  const { spec: wanted, fallback } = modelSpecFrom(values, "one-shot");
  const dtype = values.dtype;
  if (dtype !== undefined && dtype !== "q8" && dtype !== "fp32") throw new UsageError(`--dtype takes q8 or fp32; got "${dtype}".`);
  const arg = positionals.join(" ");
  const need = (what: string, line: string) => {
    if (!arg.trim()) throw new UsageError(`inspect ${sub} needs ${what}.\nusage: ${line}`);
  };
  switch (sub) {
    case "weights": {
      const { location } = await resolveInspectModel(wanted, fallback, warn);
      const summary = await weightsSummary(location);
      if (values.out) {
        await writeFile(values.out, JSON.stringify(seedWeightsSummary(summary.tensors), null, 2) + "\n");
        warn(`wrote ${summary.tensors.length} tensors to ${values.out}`);
      }
      if (values.json) process.stdout.write(JSON.stringify(summary) + "\n");
      else if (!values.out) process.stdout.write(formatWeights(summary));
      return 0;
    }
    case "tensor": {
      need("a tensor name (see: semsearch inspect weights)", "semsearch inspect tensor <name> [--csv] [--out FILE]");
      const { location } = await resolveInspectModel(wanted, fallback, warn);
      const tensor = findTensor(await loadWeights(location), arg);
      if (!values.csv) {
        const s = summarize(tensor);
        process.stdout.write(`${s.layer_name}  shape (${s.shape.join(", ")})  ${s.total_weights.toLocaleString("en-US")} weights  ${s.dtype}\n` +
          `min ${s.minimum}  max ${s.maximum}  mean ${s.mean}  std ${s.std_deviation}\nfirst values: ${s.first_10_values.join(", ")}\n` +
          `Every value: semsearch inspect tensor ${JSON.stringify(arg)} --csv --out one_layer_full.csv\n`);
        return 0;
      }
      const out = values.out ? createWriteStream(values.out) : process.stdout;
      const { rows } = await writeTensorCsv(tensor, out);
      if (values.out) {
        out.end();
        await once(out, "finish");
        warn(`wrote ${rows.toLocaleString("en-US")} rows of ${tensor.name} to ${values.out}`);
      }
      return 0;
    }
    case "journey": {
      need("a text", "semsearch inspect journey <text> [--values N] [--token T] [--json]");
      const n = numberOption(values, "values", DEFAULT_VALUES)!;
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--values takes a whole number of at least 1; got ${values.values}.`);
      const { spec } = await resolveInspectModel(wanted, fallback, warn);
      const journey = journeyFrom(await traceText(spec, arg, dtype as "q8" | "fp32" | undefined), arg, { values: n, token: values.token });
      process.stdout.write(values.json ? JSON.stringify(journey) + "\n" : formatJourney(journey));
      return 0;
    }
    case "attention": {
      need("a text", "semsearch inspect attention <text> --layer L --token T [--json]");
      const layer = numberOption(values, "layer");
      if (layer === undefined || values.token === undefined) throw new UsageError("inspect attention needs --layer L (1 is the first transformer layer) and --token T (an index or a token's text).");
      const { spec } = await resolveInspectModel(wanted, fallback, warn);
      const result = attentionFrom(await traceText(spec, arg, dtype as "q8" | "fp32" | undefined), arg, layer, values.token);
      process.stdout.write(values.json ? JSON.stringify(result) + "\n" : formatAttention(result));
      return 0;
    }
    default:
      throw new UsageError(`unknown inspect command "${sub}".\nusage: ${INSPECT_USAGE}`);
  }
}

const signed = (x: number, digits = 6) => `${x >= 0 ? "+" : "-"}${Math.abs(x).toFixed(digits)}`;
const count = (n: number) => n.toLocaleString("en-US");
/** Means of weight tables sit near 0: show their digits rather than 0.0000. */
const small = (x: number) => (x === 0 || Math.abs(x) >= 1e-3 ? x.toFixed(4) : x.toExponential(3));

export function formatWeights(s: WeightsSummaryResult): string {
  const lines = [`Model   : ${s.model} (${s.format})`, `Folder  : ${s.directory}`];
  for (const f of s.files) lines.push(`  ${f.path.padEnd(40)} ${count(f.bytes).padStart(14)} bytes`);
  lines.push(...s.notes.map((n) => `Note    : ${n}`), "");
  for (const t of s.tensors) {
    lines.push(
      `Layer : ${t.layer_name}`,
      `Shape : (${t.shape.join(", ")})  (${count(t.total_weights)} weights, ${t.dtype})`,
      `Stats : min ${t.minimum.toFixed(4)}  max ${t.maximum.toFixed(4)}  mean ${small(t.mean)}  std ${t.std_deviation.toFixed(4)}`,
      `Sample values: [${t.first_10_values.slice(0, 5).map((v) => v.toFixed(4)).join(", ")}${t.total_weights > 5 ? ", ..." : ""}]`,
      "",
    );
  }
  lines.push(`TOTAL weights in this model: ${count(s.total_weights)} in ${s.tensors.length} tensors`);
  return lines.join("\n") + "\n";
}

export function formatJourney(j: JourneyResult): string {
  const focus = j.focus.kind === "mean" ? `the mean over its ${j.tokens.length} tokens` : `token ${j.focus.index} "${j.focus.token}"`;
  const n = Math.max(...j.stops.map((s) => s.values.length));
  const lines = [
    `Sentence : ${JSON.stringify(j.text)}`,
    `Model    : ${j.model} (${j.layers} transformer layers)`,
    `Tokens   : ${j.tokens.map((t, i) => `${i}:${t}`).join(" ")}`,
    `Following: ${focus}`,
    `Stops    : ${j.stops.map((s, i) => `${i}=${s.name} (${s.width})`).join(", ")}`,
    "",
    `Travel of the first ${n} values:`,
    `index ${j.stops.map((_, i) => `stop ${i}`.padStart(10)).join("")}`,
  ];
  for (let v = 0; v < n; v++) lines.push(`[${String(v).padStart(3)}]${j.stops.map((s) => (v < s.values.length ? signed(s.values[v], 4) : "").padStart(10)).join("")}`);
  lines.push(`norm  ${j.stops.map((s) => s.stats.norm.toFixed(3).padStart(10)).join("")}`);
  lines.push("", `Source: ${j.source}`, ...j.notes.map((x) => `Note: ${x}`));
  return lines.join("\n") + "\n";
}

export function formatAttention(a: AttentionResult): string {
  const width = Math.max(...a.tokens.map((t) => t.length));
  const top = Math.max(...a.weights.map((w) => w.weight));
  const lines = [
    `Sentence : ${JSON.stringify(a.text)}`,
    `Model    : ${a.model}; layer ${a.layer} of ${a.layers}, ${a.heads} heads averaged`,
    `Token ${a.token.index} "${a.token.token}" pays attention to:`,
  ];
  for (const w of a.weights) {
    const bar = "#".repeat(Math.round((w.weight / (top || 1)) * 30));
    lines.push(`  [${String(w.index).padStart(2)}] ${w.token.padEnd(width)} ${(w.weight * 100).toFixed(1).padStart(5)}%  ${bar}`);
  }
  return lines.join("\n") + "\n";
}
