// One weight tensor as the inspector sees it, whatever file it came from, and its statistics.
import type { WeightTensorSummary } from "../../../shared/src/protocol";

export interface WeightTensor {
  name: string;
  shape: number[];
  size: number;
  /** As stored, e.g. "float32", or "int8 (dequantized)" when `at` returns scale * (q - zero point). */
  dtype: string;
  /** The i-th value in row-major order, as a number (float32 values come back exactly). */
  at(i: number): number;
}

export type TensorSummary = WeightTensorSummary & { dtype: string };

/**
 * min, max, mean and population standard deviation (numpy's default, ddof = 0) in one pass.
 * Welford's update keeps the variance accurate even when the mean is large next to the spread
 * (LayerNorm scales sit around 1 with a small spread).
 */
export function summarize(t: WeightTensor): TensorSummary {
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < t.size; i++) {
    const x = t.at(i);
    if (x < min) min = x;
    if (x > max) max = x;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  const first: number[] = [];
  for (let i = 0; i < Math.min(10, t.size); i++) first.push(t.at(i));
  return {
    layer_name: t.name,
    shape: t.shape,
    total_weights: t.size,
    minimum: t.size ? min : 0,
    maximum: t.size ? max : 0,
    mean: t.size ? mean : 0,
    std_deviation: t.size ? Math.sqrt(m2 / t.size) : 0,
    first_10_values: first,
    dtype: t.dtype,
  };
}

/** The seed's weights_summary.json: exactly its field names, in its order. */
export function seedWeightsSummary(tensors: TensorSummary[]): WeightTensorSummary[] {
  return tensors.map(({ layer_name, shape, total_weights, minimum, maximum, mean, std_deviation, first_10_values }) => ({
    layer_name,
    shape,
    total_weights,
    minimum,
    maximum,
    mean,
    std_deviation,
    first_10_values,
  }));
}

/** IEEE half precision to a number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** bfloat16 is the top half of a float32. */
export function bfloat16ToNumber(b: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, b << 16);
  return view.getFloat32(0);
}
