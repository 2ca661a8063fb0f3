// The throughput table of bench/throughput.ts, shared with bench/report.ts.
import type { RateResult } from "./onnx-matmul";

export interface Row {
  model: string;
  dtype: string;
  threads: number | string;
  callSize: number;
  lengthSorted: boolean;
  seconds: number;
  chunksPerSecond: number;
  tokensPerSecond: number;
  achievedGflops: number;
  limitChunksPerSecond: number;
  ratio: number;
  limitFrom: string;
}

export function throughputTable(rows: Row[], rates: RateResult[]): string {
  const r = rates.map((x) => `${x.op} ${x.threads} thread(s): ${x.gigaOpsPerSecond} G ops/s`).join("; ");
  const head = "| model | dtype | threads | call | sorted | chunks/s | tokens/s | achieved GFLOP/s | limit chunks/s | ratio |";
  const lines = rows.map((x) => `| ${x.model} | ${x.dtype} | ${x.threads} | ${x.callSize} | ${x.lengthSorted ? "yes" : "no"} | ${x.chunksPerSecond} | ${x.tokensPerSecond} | ${x.achievedGflops} | ${x.limitChunksPerSecond} | ${x.ratio} |`);
  return [`machine: ${r}`, "", head, head.replace(/[^|]+/g, "---"), ...lines].join("\n");
}
