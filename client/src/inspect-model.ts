// Pure helpers of the "Inspect Model" and "Layer Journey" views (no `vscode`): histogram binning,
// sorting the layer table, and the shape of the exported weights_summary.json.
import type { WeightTensorSummary, WeightsSummaryResult } from "../../shared/src/protocol";

export interface Histogram {
  min: number;
  max: number;
  /** Lower edge of each bin; bin i covers [edges[i], edges[i] + width). */
  edges: number[];
  width: number;
  counts: number[];
  /** Finite values binned. */
  total: number;
}

/** Bins the finite values into `bins` equal-width bins from min to max (the max falls in the last bin; one bin when all are equal). */
export function histogram(values: ArrayLike<number>, bins = 50): Histogram {
  const n = Math.max(1, Math.floor(bins));
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    total++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!total) return { min: 0, max: 0, edges: [], width: 0, counts: [], total: 0 };
  // All values equal: one bin.
  if (max === min) return { min, max, edges: [min], width: 0, counts: [total], total };
  const width = (max - min) / n;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(n - 1, Math.floor((v - min) / width))]++;
  }
  return { min, max, edges: counts.map((_, i) => min + i * width), width, counts, total };
}

/** Which pages of a tensor to fetch so that at most `maxValues` values are read, spread evenly over it. */
export function samplePages(total: number, maxValues = 200_000, pageSize = 100_000): { offset: number; limit: number }[] {
  if (total <= 0) return [];
  const size = Math.max(1, Math.min(pageSize, 100_000));
  if (total <= maxValues) {
    const pages: { offset: number; limit: number }[] = [];
    for (let offset = 0; offset < total; offset += size) pages.push({ offset, limit: Math.min(size, total - offset) });
    return pages;
  }
  const count = Math.max(1, Math.ceil(maxValues / size));
  const limit = Math.min(size, Math.floor(maxValues / count));
  const stride = (total - limit) / Math.max(1, count - 1);
  const pages: { offset: number; limit: number }[] = [];
  for (let i = 0; i < count; i++) pages.push({ offset: count === 1 ? 0 : Math.round(i * stride), limit });
  return pages;
}

export type TensorColumn = "layer_name" | "shape" | "total_weights" | "minimum" | "maximum" | "mean" | "std_deviation";

/** A tensor's row in the layer table: its summary without the sample values, and its position in file order. */
export type TableRow = Omit<WeightTensorSummary, "first_10_values"> & { index: number };

/** Rows sorted by a column (stable; names by text, shapes by size then dimensions, the rest numerically). */
export function sortRows<T extends TableRow>(rows: readonly T[], column: TensorColumn, descending = false): T[] {
  const sign = descending ? -1 : 1;
  const cmp = (a: T, b: T): number => {
    if (column === "layer_name") return a.layer_name.localeCompare(b.layer_name);
    if (column === "shape") {
      const d = a.total_weights - b.total_weights;
      if (d) return d;
      for (let i = 0; i < Math.max(a.shape.length, b.shape.length); i++) {
        const e = (a.shape[i] ?? -1) - (b.shape[i] ?? -1);
        if (e) return e;
      }
      return 0;
    }
    const x = a[column];
    const y = b[column];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x - y;
  };
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => sign * cmp(a.row, b.row) || a.i - b.i)
    .map((e) => e.row);
}

/** The seed's weights_summary.json: a list of tensors in its field names. */
export function weightsSummaryJson(result: WeightsSummaryResult): string {
  const list = result.tensors.map((t) => ({
    layer_name: t.layer_name,
    shape: t.shape,
    total_weights: t.total_weights,
    minimum: t.minimum,
    maximum: t.maximum,
    mean: t.mean,
    std_deviation: t.std_deviation,
    first_10_values: t.first_10_values,
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

/** A file name for a tensor's CSV: its name with path characters replaced. */
export function tensorCsvFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "");
  return `${safe || "tensor"}.csv`;
}

/** Table rows (file order) of a weights result. */
export function tableRows(result: WeightsSummaryResult): TableRow[] {
  return result.tensors.map(({ first_10_values: _values, ...summary }, index) => ({ index, ...summary }));
}
