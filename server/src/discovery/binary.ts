const SNIFF_BYTES = 8192;
// Above this share of control bytes a file is not prose or source code, even
// without a NUL (e.g. some legacy encodings of binary formats).
const CONTROL_RATIO = 0.1;

function hasUtf16Bom(buf: Uint8Array): boolean {
  return buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

/** True when the first 8 KB look like binary data: a NUL byte or many control characters. */
export function isBinary(buf: Uint8Array): boolean {
  // UTF-16 text is full of NULs; its BOM tells it apart and decodeText reads it.
  if (hasUtf16Bom(buf)) return false;
  const n = Math.min(buf.length, SNIFF_BYTES);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are ordinary in text.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
    else if (b === 0x7f) control++;
  }
  return control / n > CONTROL_RATIO;
}

/**
 * Decodes UTF-8 (or BOM-marked UTF-16), replacing bad sequences with U+FFFD
 * rather than failing, and reports whether any were replaced so the caller can
 * tell the user the file was not clean.
 */
export function decodeText(buf: Uint8Array): { text: string; invalidUtf8: boolean } {
  if (hasUtf16Bom(buf)) {
    const encoding = buf[0] === 0xff ? "utf-16le" : "utf-16be";
    const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(buf);
    return { text, invalidUtf8: false };
  }
  // ignoreBOM: false makes the decoder drop a leading UTF-8 BOM.
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(buf);
  // A U+FFFD in the output is either a replaced sequence or a literal U+FFFD in
  // the file (EF BF BD); only decode strictly when we need to tell them apart.
  if (!text.includes("\uFFFD")) return { text, invalidUtf8: false };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return { text, invalidUtf8: false };
  } catch {
    return { text, invalidUtf8: true };
  }
}
