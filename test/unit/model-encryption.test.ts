// Model files encrypted at rest (seed, banking section): AES-256-GCM per file under a fresh key,
// the key wrapped with RSA-OAEP-SHA256; loaded by decrypting into memory only.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decryptModelFolder, encryptModelFolder, MANIFEST, readPrivateKey, readPublicKey } from "../../server/src/crypto/model-encryption";
import { loadTransformersProvider } from "../../server/src/embedding/transformers";
import { ModelLoadError } from "../../server/src/embedding/provider";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const MODEL = join(ROOT, "test", "fixtures", "tiny-model", "semsearch", "tiny-bert");
const work = mkdtempSync(join(tmpdir(), "model-enc-"));
after(() => rmSync(work, { recursive: true, force: true }));

function keyPair(name: string) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pub = join(work, `${name}-pub.pem`);
  const priv = join(work, `${name}-priv.pem`);
  writeFileSync(pub, publicKey.export({ type: "spki", format: "pem" }));
  writeFileSync(priv, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  return { pub, priv };
}

const alice = keyPair("alice");
const mallory = keyPair("mallory");
const encrypted = join(work, "tiny-bert-encrypted");
encryptModelFolder(MODEL, encrypted, readPublicKey(alice.pub));

function filesUnder(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(under, e.name)) : [join(under, e.name)],
  );
}

test("every model file is encrypted: no plaintext file and no plaintext bytes in the output folder", () => {
  const originals = filesUnder(MODEL);
  const written = filesUnder(encrypted);
  assert.deepEqual(written.sort(), [...originals.map((f) => `${f}.enc`), MANIFEST].sort());
  for (const file of originals) {
    const plain = readFileSync(join(MODEL, file));
    const sealed = readFileSync(join(encrypted, `${file}.enc`));
    assert.equal(sealed.length, plain.length, "GCM keeps the length; the tag lives in the manifest");
    assert.notDeepEqual(sealed, plain);
  }
  const manifest = JSON.parse(readFileSync(join(encrypted, MANIFEST), "utf8"));
  const keys = new Set(manifest.files.map((f: { wrappedKey: string }) => f.wrappedKey));
  assert.equal(keys.size, originals.length, "each file has its own key");
});

test("decrypting in memory gives back exactly the original bytes", () => {
  const files = decryptModelFolder(encrypted, readPrivateKey(alice.priv));
  for (const file of filesUnder(MODEL)) assert.deepEqual(files.get(file.split("\\").join("/")), readFileSync(join(MODEL, file)));
});

test("an encrypted model loads from memory and embeds exactly as the plaintext model does", async () => {
  const before = filesUnder(encrypted).map((f) => [f, statSync(join(encrypted, f)).mtimeMs]);
  const plain = await loadTransformersProvider({ modelId: MODEL });
  const sealed = await loadTransformersProvider({ modelId: encrypted, modelKeyFile: alice.priv });
  try {
    const texts = ["The Eiffel Tower is in Paris.", "Photosynthesis turns light into sugar."];
    const [a, b] = [await plain.embed(texts), await sealed.embed(texts)];
    assert.equal(sealed.dimensions, plain.dimensions);
    for (let i = 0; i < texts.length; i++) assert.deepEqual(Array.from(b[i]), Array.from(a[i]));
  } finally {
    await plain.dispose?.();
    await sealed.dispose?.();
  }
  const afterLoad = filesUnder(encrypted).map((f) => [f, statSync(join(encrypted, f)).mtimeMs]);
  assert.deepEqual(afterLoad, before, "loading wrote nothing into the model folder");
});

test("without the key, with the wrong key, or with an altered file, loading fails and says why", async () => {
  await assert.rejects(loadTransformersProvider({ modelId: encrypted }), (err: Error) => err instanceof ModelLoadError && /encrypted.*--model-key/s.test(err.message));
  await assert.rejects(loadTransformersProvider({ modelId: encrypted, modelKeyFile: mallory.priv }), /private key does not match/);
  const tampered = join(work, "tampered");
  cpSync(encrypted, tampered, { recursive: true });
  const onnx = join(tampered, "onnx", "model_quantized.onnx.enc");
  const bytes = readFileSync(onnx);
  bytes[bytes.length >> 1] ^= 0xff;
  writeFileSync(onnx, bytes);
  await assert.rejects(loadTransformersProvider({ modelId: tampered, modelKeyFile: alice.priv }), /altered, truncated or swapped/);
});

test("semsearch model encrypt and decrypt round-trip through the CLI, and index uses --model-key", () => {
  const out = join(work, "cli-encrypted");
  const enc = spawnSync(CLI, ["model", "encrypt", MODEL, "--public-key", alice.pub, "--out", out], { encoding: "utf8" });
  assert.equal(enc.status, 0, enc.stderr);
  assert.match(enc.stdout, /encrypted \d+ files/);
  const back = join(work, "cli-decrypted");
  const dec = spawnSync(CLI, ["model", "decrypt", out, "--private-key", alice.priv, "--out", back], { encoding: "utf8" });
  assert.equal(dec.status, 0, dec.stderr);
  for (const file of filesUnder(MODEL)) assert.deepEqual(readFileSync(join(back, file)), readFileSync(join(MODEL, file)));

  const wrong = spawnSync(CLI, ["model", "decrypt", out, "--private-key", mallory.priv, "--out", join(work, "nope")], { encoding: "utf8" });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /private key does not match/);

  const folder = join(work, "kb");
  cpSync(join(ROOT, "examples", "knowledge-base"), folder, { recursive: true });
  const index = spawnSync(CLI, ["index", folder, "--model", out, "--model-key", alice.priv, "--no-fallback"], { encoding: "utf8" });
  assert.equal(index.status, 0, index.stderr);
  assert.match(index.stdout, /Indexed 20 files/);
  const noKey = spawnSync(CLI, ["index", folder, "--model", out, "--no-fallback"], { encoding: "utf8" });
  assert.equal(noKey.status, 1);
  assert.match(noKey.stderr, /encrypted.*--model-key/s);
});
