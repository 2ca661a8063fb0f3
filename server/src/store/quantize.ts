// 8-bit scalar quantization of one vector: each component becomes a byte code c in 0..255 with
// value = min + c * step, where min and step are the vector's own (per-vector, not per-dataset,
// so a row can be decoded alone and no training pass over the corpus is needed). A 384-d vector
// takes 384 + 16 bytes instead of 1,536; each component is off by at most step / 2.

/** Codes and the affine map back to floats. */
export interface Quantized {
  min: number;
  step: number;
  codes: Uint8Array;
}

export function quantize(v: Float32Array): Quantized {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
  }
  if (!v.length) return { min: 0, step: 0, codes: new Uint8Array(0) };
  // Stored as float32: compute the codes against the float32-rounded header so decode matches.
  const fmin = Math.fround(min);
  const step = Math.fround((max - fmin) / 255);
  const codes = new Uint8Array(v.length);
  if (step > 0) {
    for (let i = 0; i < v.length; i++) {
      const c = Math.round((v[i] - fmin) / step);
      codes[i] = c < 0 ? 0 : c > 255 ? 255 : c;
    }
  }
  return { min: fmin, step, codes };
}

export function dequantize(q: Quantized): Float32Array {
  const out = new Float32Array(q.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = q.min + q.codes[i] * q.step;
  return out;
}
