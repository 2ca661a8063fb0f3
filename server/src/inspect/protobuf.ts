// Just enough of the protobuf wire format to walk an ONNX file: fields are returned with their
// byte offsets, so that large payloads (weight tensors) are never copied, only pointed at.

export const enum Wire {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

export interface Field {
  no: number;
  wire: Wire;
  /** Offset of the field's tag: where the field begins in the buffer. */
  tagStart: number;
  /** Varint value (for Wire.Varint). */
  value: number;
  /** Payload span: the bytes of a length-delimited field, or the 4/8 bytes of a fixed field. */
  start: number;
  end: number;
}

/** Reads a varint at `pos`; returns [value, next position]. int64 negatives come back negative. */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  // Low and high 32 bits kept apart: doubles cannot hold 64-bit two's complement exactly.
  let lo = 0;
  let hi = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error("protobuf: truncated varint");
    const b = buf[pos++];
    if (shift < 28) lo |= (b & 0x7f) << shift;
    else if (shift === 28) {
      lo |= (b & 0x0f) << 28;
      hi |= (b & 0x7f) >> 4;
    } else hi |= (b & 0x7f) << (shift - 32);
    shift += 7;
    if (!(b & 0x80)) break;
    if (shift > 70) throw new Error("protobuf: varint too long");
  }
  lo >>>= 0;
  hi >>>= 0;
  if (hi & 0x80000000) return [-((~hi >>> 0) * 2 ** 32 + (~lo >>> 0) + 1), pos];
  return [hi * 2 ** 32 + lo, pos];
}

/** The fields of one message occupying buf[start, end). */
export function* fields(buf: Uint8Array, start = 0, end = buf.length): Generator<Field> {
  let pos = start;
  while (pos < end) {
    const tagStart = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const no = Math.floor(tag / 8);
    const wire = (tag & 7) as Wire;
    let value = 0;
    let s = pos;
    let e = pos;
    switch (wire) {
      case Wire.Varint:
        [value, pos] = readVarint(buf, pos);
        e = pos;
        break;
      case Wire.Fixed64:
        e = pos = pos + 8;
        break;
      case Wire.Fixed32:
        e = pos = pos + 4;
        break;
      case Wire.Bytes: {
        const [len, p] = readVarint(buf, pos);
        s = p;
        e = pos = p + len;
        break;
      }
      default:
        throw new Error(`protobuf: unsupported wire type ${wire} at byte ${tagStart}`);
    }
    if (e > end) throw new Error(`protobuf: field ${no} runs past its message (byte ${tagStart})`);
    yield { no, wire, tagStart, value, start: s, end: e };
  }
}

const decoder = new TextDecoder();

export function text(buf: Uint8Array, f: Field): string {
  return decoder.decode(buf.subarray(f.start, f.end));
}

/** A repeated varint field, packed (one Bytes field) or not (one Varint field per element). */
export function pushVarints(buf: Uint8Array, f: Field, out: number[]): void {
  if (f.wire === Wire.Varint) {
    out.push(f.value);
    return;
  }
  let pos = f.start;
  while (pos < f.end) {
    const [v, next] = readVarint(buf, pos);
    out.push(v);
    pos = next;
  }
}

export function encodeVarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** Tag + length + payload of a length-delimited field. */
export function bytesField(no: number, payload: Uint8Array): Uint8Array {
  const head = [...encodeVarint(no * 8 + Wire.Bytes), ...encodeVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
