// Prints the markdown tables of bench/RESULTS.md from the JSON files in bench/results/, so the
// figures in the prose are the measured ones. Usage: node --import tsx bench/report.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { throughputTable } from "./lib/throughput-table";

const dir = join(__dirname, "results");
const load = (name: string) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : undefined);
const mib = (b: number) => (b / 2 ** 20).toFixed(1);

function sweep(name: string) {
  const s = load(name);
  if (!s) return;
  console.log(`\n### ${name} (${s.date}, ${s.queries} queries x ${s.passes} passes; load ${s.machineAtStart.loadAverage1m} -> ${s.machineAtEnd.loadAverage1m})\n`);
  const sizes = [...new Set(s.rows.map((r: any) => r.n))] as number[];
  const head = `| M | efC | efS | ${sizes.map((n) => `${n / 1000}k build s | ${n / 1000}k p50 ms | ${n / 1000}k p95 ms | ${n / 1000}k recall@10`).join(" | ")} |`;
  console.log(head);
  console.log(head.replace(/[^|]+/g, "---"));
  const keys = [...new Set(s.rows.map((r: any) => `${r.m}/${r.efConstruction}/${r.efSearch}`))] as string[];
  for (const key of keys) {
    const [m, efc, ef] = key.split("/");
    const cells = sizes.map((n) => {
      const r = s.rows.find((x: any) => x.n === n && `${x.m}/${x.efConstruction}/${x.efSearch}` === key);
      if (!r) return " | | | ";
      const rec = r.recallAt10 >= 0.98 ? `**${r.recallAt10}**` : String(r.recallAt10);
      return `${r.buildSeconds} | ${r.p50Ms} | ${r.p95Ms} | ${rec}`;
    });
    console.log(`| ${m} | ${efc} | ${ef} | ${cells.join(" | ")} |`);
  }
  console.log(`\nchosen by the rule: ${JSON.stringify({ m: s.chosen.m, efConstruction: s.chosen.efConstruction, efSearch: s.chosen.efSearch })}`);
}

function stores(name: string) {
  const s = load(name);
  if (!s) return;
  console.log(`\n### ${name} (${s.date}; command args: ${s.command || "(none)"}; load ${s.machineAtStart.loadAverage1m} -> ${s.machineAtEnd?.loadAverage1m})\n`);
  for (const d of s.datasets) console.log(`- ${d.name}: ${d.n} vectors x ${d.dims} dims, ${d.queries} queries, exact ground truth in ${d.groundTruthSeconds} s`);
  console.log("");
  const head = "| dataset | store | build s | p50 ms | p95 ms | QPS | recall@10 | RSS querying MiB (store's share) | build peak RSS MiB | disk MiB | build / ours | p50 / ours | QPS / ours | RSS / ours | disk / ours |";
  console.log(head);
  console.log(head.replace(/[^|]+/g, "---"));
  for (const r of s.rows) {
    if (r.failed) {
      console.log(`| ${r.dataset} | ${r.store} | failed (exit ${r.exitCode}) | | | | | | | | | | | | |`);
      continue;
    }
    const v = r.vsOurs ?? {};
    console.log(`| ${r.dataset} | ${r.store} | ${r.buildSeconds} | ${r.p50Ms} | ${r.p95Ms} | ${r.qps} | ${r.recallAt10} | ${r.queryRssMiB} (${r.storeRssMiB}) | ${r.buildPeakRssMiB} | ${mib(r.diskBytes)} | ${v.build ?? ""} | ${v.p50 ?? ""} | ${v.qps ?? ""} | ${v.memory ?? ""} | ${v.disk ?? ""} |`);
  }
  console.log("\nstores:");
  const seen = new Set<string>();
  for (const r of s.rows) if (!seen.has(r.store)) seen.add(r.store) && console.log(`- ${r.store}: ${r.what}`);
}

function scale() {
  const s = load("scale.json");
  if (!s) return;
  const { samples: vs, ...v } = s.vectors ?? {};
  const { samples: ws, ...w } = s.workspace ?? {};
  console.log("\n### scale.json\n");
  console.log("```json\n" + JSON.stringify({ vectors: v, workspace: w }, null, 2) + "\n```");
  if (vs) console.log(`vector samples (s: RSS MiB @ rows): ${vs.filter((_: unknown, i: number) => i % Math.max(1, Math.floor(vs.length / 12)) === 0).map((x: any) => `${x.s}: ${x.rssMiB} @ ${x.rows}`).join("; ")}`);
  if (ws) console.log(`workspace samples (s: RSS MiB, phase): ${ws.filter((_: unknown, i: number) => i % Math.max(1, Math.floor(ws.length / 16)) === 0).map((x: any) => `${x.s}: ${x.rssMiB} ${x.phase}`).join("; ")}`);
}

function throughput() {
  const t = load("throughput.json");
  if (!t) return;
  console.log(`\n### throughput.json (${t.date}; ${t.command}; load ${t.machineAtStart.loadAverage1m} -> ${t.machineAtEnd.loadAverage1m})\n`);
  console.log(`corpus: ${JSON.stringify(t.corpus)}; bundled: ${JSON.stringify(t.bundled)}; minilm-shaped: ${JSON.stringify({ ...t.minilmShaped, modelDir: undefined })}\n`);
  console.log(throughputTable(t.rows, t.rates));
}

sweep("hnsw-sweep.json");
sweep("hnsw-confirm.json");
for (const f of ["stores.json", "stores-1m.json"]) stores(f);
scale();
throughput();
