// The bundled model (USE Lite) reads 128 tokens of a text. How long are the indexer's chunks in its
// tokens, and what does each way of reading the rest cost (embedding/bundled.ts, LongTexts)?
// - "first": the first 128 tokens only (as before);
// - "split": chunks past 128 tokens split at line ends into parts that fit (the indexer's fitChunks);
// - "windows": each chunk read in windows of 128 tokens, its vector their mean.
// On the eval corpora (eval/corpora.ts), chunked as the indexer chunks them (1,000 characters), in one
// process: each mode embeds every chunk (split: every part) in the indexer's calls of 4, length-sorted,
// twice, the modes' rounds interleaved (first, split, windows, windows, split, first) on a machine
// shared with other jobs. Quality is eval/run.ts's to measure (docs/search-quality.md).
// Run: node --import tsx bench/bundled-long-texts.ts [--corpora docs,code,python,go,rust,ruby] [--offline]
// (writes bench/results/bundled-long-texts.json)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { CORPORA, materialise } from "../eval/corpora";
import { chunkFile } from "../server/src/chunking";
import { splitToFit } from "../server/src/chunking/token-fit";
import { languageOf } from "../server/src/discovery/languages";
import { loadBundledProvider, USE_LITE_WINDOW, type LongTexts } from "../server/src/embedding/bundled";
import type { EmbeddingProvider } from "../server/src/embedding/provider";
import { embedSortedByLength } from "../server/src/engine/embed-calls";
import { readUseLiteVocabulary } from "../server/src/embedding/use-lite/package-files";
import { UseLiteTokenizer } from "../server/src/embedding/use-lite/tokenizer";
import { windowRanges } from "../server/src/embedding/use-lite/windows";

const { values } = parseArgs({
  options: {
    corpora: { type: "string", default: "docs,code,python,go,rust,ruby" },
    offline: { type: "boolean", default: false },
    out: { type: "string", default: join(__dirname, "results", "bundled-long-texts.json") },
  },
});

const MODES: LongTexts[] = ["first", "split", "windows"];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const tokenizer = new UseLiteTokenizer(await readUseLiteVocabulary());
  const chunks: string[] = [];
  for (const name of values.corpora!.split(",")) {
    const spec = CORPORA.find((c) => c.name === name.trim());
    if (!spec) throw new Error(`unknown corpus ${name}; known: ${CORPORA.map((c) => c.name).join(", ")}`);
    const m = materialise(spec, undefined, { fetch: !values.offline });
    try {
      for (const rel of m.files) {
        const lang = languageOf(rel);
        if (!lang) continue;
        chunks.push(...chunkFile(rel, readFileSync(join(m.dir, rel), "utf8"), lang.language, lang.kind, { maxChars: 1000 }).map((c) => c.text));
      }
    } finally {
      rmSync(m.dir, { recursive: true, force: true });
    }
  }
  const tokens = chunks.map((c) => tokenizer.encode(c).length);
  const sorted = [...tokens].sort((a, b) => a - b);
  const windows = tokens.reduce((n, t) => n + windowRanges(t, USE_LITE_WINDOW).length, 0);
  // The parts the split mode embeds: the indexer's fit (engine/indexer.ts fitChunks), its counts per line.
  const parts = chunks.flatMap((text, i) => {
    if (tokens[i] <= USE_LITE_WINDOW) return [text];
    const lineTokens = text.split("\n").map((l) => tokenizer.encode(l).length);
    return splitToFit({ startLine: 1, endLine: text.split("\n").length, text }, lineTokens, USE_LITE_WINDOW).map((p) => p.text);
  });
  const lengths = {
    chunks: chunks.length,
    meanTokens: round(tokens.reduce((a, b) => a + b, 0) / tokens.length),
    medianTokens: sorted[Math.floor(sorted.length / 2)],
    p90Tokens: sorted[Math.floor(sorted.length * 0.9)],
    over128: round((100 * tokens.filter((t) => t > USE_LITE_WINDOW).length) / tokens.length),
    tokensUnread: round((100 * tokens.reduce((n, t) => n + Math.max(0, t - USE_LITE_WINDOW), 0)) / tokens.reduce((a, b) => a + b, 0)),
    windows,
    splitParts: parts.length,
  };
  log(`${lengths.chunks} chunks: ${lengths.meanTokens} tokens on average (median ${lengths.medianTokens}, 90th percentile ${lengths.p90Tokens}); ${lengths.over128}% past 128 tokens, ${lengths.tokensUnread}% of all tokens past the 128th of their chunk`);
  log(`windows: ${windows} (${round(windows / chunks.length, 2)} a chunk); split: ${parts.length} parts (${round(parts.length / chunks.length, 2)} a chunk)`);

  const providers = new Map<LongTexts, EmbeddingProvider>();
  for (const mode of MODES) providers.set(mode, await loadBundledProvider({ runtime: "onnx", longTexts: mode }));
  const seconds: Record<LongTexts, number[]> = { first: [], split: [], windows: [] };
  try {
    for (const mode of [...MODES, ...[...MODES].reverse()]) {
      const p = providers.get(mode)!;
      const texts = mode === "split" ? parts : chunks;
      const t0 = performance.now();
      await embedSortedByLength(texts, (batch) => p.embed(batch));
      seconds[mode].push((performance.now() - t0) / 1000);
      log(`${mode}: ${texts.length} texts in ${seconds[mode].at(-1)!.toFixed(1)} s`);
    }
  } finally {
    for (const p of providers.values()) await p.dispose();
  }
  const modes = Object.fromEntries(
    MODES.map((mode) => {
      const best = Math.min(...seconds[mode]);
      const stored = mode === "split" ? parts.length : chunks.length;
      return [mode, { storedChunks: stored, seconds: seconds[mode].map((s) => round(s, 2)), chunksPerSecond: round(chunks.length / best), storedPerSecond: round(stored / best) }];
    }),
  );
  for (const [mode, m] of Object.entries(modes)) log(`${mode}: ${m.storedChunks} stored chunks; the corpus's ${chunks.length} chunks at ${m.chunksPerSecond}/s (best of two)`);
  const result = { generatedAt: new Date().toISOString(), corpora: values.corpora, machine: { cpus: cpus().length, cpu: cpus()[0]?.model, load: loadavg().map((l) => round(l, 2)) }, lengths, modes };
  mkdirSync(dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, JSON.stringify(result, null, 2) + "\n");
  log(`wrote ${values.out}`);
}

function log(message: string): void {
  process.stdout.write(message + "\n");
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exit(1);
});
