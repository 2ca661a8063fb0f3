// Sentence pooling done by us rather than by transformers.js's pipeline, so that it is plain,
// testable arithmetic and matches sentence-transformers: mean over the real (unmasked) tokens,
// then L2 normalisation so that a dot product is a cosine similarity.

/**
 * Mean of the token vectors of each sequence, counting only positions whose mask is non-zero.
 * `hidden` is the row-major [batch, seq, hidden] output of the model; `attentionMask` is
 * [batch, seq] (the tokenizer gives BigInt64Array). A row with no unmasked token gives zeros.
 */
export function meanPool(
  hidden: Float32Array,
  dims: readonly [number, number, number],
  attentionMask: ArrayLike<number | bigint>,
): Float32Array[] {
  const [batch, seq, width] = dims;
  if (hidden.length !== batch * seq * width) {
    throw new Error(`meanPool: hidden has ${hidden.length} values, dims [${dims.join(", ")}] need ${batch * seq * width}`);
  }
  if (attentionMask.length !== batch * seq) {
    throw new Error(`meanPool: attention mask has ${attentionMask.length} values, expected ${batch * seq}`);
  }
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    // Sum in float64: long sequences of float32 additions drift measurably.
    const sum = new Float64Array(width);
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(attentionMask[b * seq + s]) === 0) continue;
      count++;
      const base = (b * seq + s) * width;
      for (let h = 0; h < width; h++) sum[h] += hidden[base + h];
    }
    const row = new Float32Array(width);
    if (count > 0) for (let h = 0; h < width; h++) row[h] = sum[h] / count;
    out.push(row);
  }
  return out;
}

/** Returns a new vector of unit length; a zero vector stays zero (there is no direction to keep). */
export function l2Normalize(v: Float32Array): Float32Array {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i] * v[i];
  const out = new Float32Array(v.length);
  if (sq === 0) return out;
  const inv = 1 / Math.sqrt(sq);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv;
  return out;
}
