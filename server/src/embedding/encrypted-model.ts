// Loading a model folder made by `semsearch model encrypt`: its files are decrypted into memory and
// handed to transformers.js through its custom-cache hook, so the tokenizer and the ONNX session
// are built from buffers and no plaintext is ever written to disk. The buffers are zeroed once the
// model is loaded (onnxruntime and the tokenizer keep their own parsed copies).
import { isAbsolute, relative, resolve, sep } from "node:path";
import { decryptModelFolder, readPrivateKey } from "../crypto/model-encryption";

interface TransformersEnv {
  useCustomCache: boolean;
  customCache: unknown;
  useFSCache: boolean;
}

export async function withDecryptedModel<T>(env: TransformersEnv, dir: string, privateKeyFile: string, load: () => Promise<T>): Promise<T> {
  const files = decryptModelFolder(dir, readPrivateKey(privateKeyFile));
  const root = resolve(dir);
  const saved = { useCustomCache: env.useCustomCache, customCache: env.customCache, useFSCache: env.useFSCache };
  env.useCustomCache = true;
  // Without the file-system cache transformers.js asks for bytes rather than a path to the file.
  env.useFSCache = false;
  env.customCache = {
    async match(key: string) {
      if (typeof key !== "string" || !isAbsolute(resolve(key))) return undefined;
      const rel = relative(root, resolve(key));
      const bytes = rel.startsWith("..") ? undefined : files.get(rel.split(sep).join("/"));
      return bytes ? new Response(bytes) : undefined;
    },
    async put() {
      // Nothing decrypted is ever stored anywhere.
    },
  };
  try {
    return await load();
  } finally {
    Object.assign(env, saved);
    for (const bytes of files.values()) bytes.fill(0);
    files.clear();
  }
}
