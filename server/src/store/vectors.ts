// Vector BLOBs. The seed's format is raw little-endian Float32 bytes, and every row written before
// quantization existed is exactly that, so it stays the untagged default. A quantized row starts
// with a marker that no float32 vector can start with: the bit pattern of a NaN (an embedding
// holding NaN is unusable anyway), followed by a kind byte. Rows of both formats can share a
// table: switching the storage option needs no migration, old rows keep reading.
import { dequantize, quantize } from "./quantize";

export type VectorStorage = "float32" | "int8";

/** A quiet NaN whose payload spells "Q8"; never produced by arithmetic on real numbers. */
const MARKER = 0x7fc05138;
const KIND_INT8 = 1;
/** marker (4) + kind (1) + reserved (3) + min (float32) + step (float32); codes follow. */
const INT8_HEADER = 16;

export function vectorToBlob(v: Float32Array, storage: VectorStorage = "float32"): Buffer {
  if (storage === "float32") return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const q = quantize(v);
  const blob = Buffer.alloc(INT8_HEADER + q.codes.length);
  blob.writeUInt32LE(MARKER, 0);
  blob.writeUInt8(KIND_INT8, 4);
  blob.writeFloatLE(q.min, 8);
  blob.writeFloatLE(q.step, 12);
  blob.set(q.codes, INT8_HEADER);
  return blob;
}

export function vectorFromBlob(blob: Buffer): Float32Array {
  if (blobStorage(blob) === "int8") {
    const codes = new Uint8Array(blob.byteLength - INT8_HEADER);
    codes.set(blob.subarray(INT8_HEADER));
    return dequantize({ min: blob.readFloatLE(8), step: blob.readFloatLE(12), codes });
  }
  // Copy: a Buffer's offset into its pool need not be 4-byte aligned.
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

/** Which format a stored BLOB is in. */
export function blobStorage(blob: Buffer): VectorStorage {
  return blob.byteLength >= INT8_HEADER && blob.readUInt32LE(0) === MARKER && blob.readUInt8(4) === KIND_INT8 ? "int8" : "float32";
}
