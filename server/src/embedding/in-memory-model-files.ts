// Hands transformers.js some of a model folder's files from memory, through its custom-cache hook:
// a request for one of `files` (paths relative to `dir`) is answered with those bytes, and any other
// request falls through to the folder on disk. Used for a decrypted model (every file) and for a
// fused graph (the ONNX file alone).
import { isAbsolute, relative, resolve, sep } from "node:path";

export interface TransformersEnv {
  useCustomCache: boolean;
  customCache: unknown;
  useFSCache: boolean;
}

export async function withModelFilesInMemory<T>(env: TransformersEnv, dir: string, files: Map<string, Uint8Array>, load: () => Promise<T>): Promise<T> {
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
      // Nothing handed over here is ever stored anywhere.
    },
  };
  try {
    return await load();
  } finally {
    Object.assign(env, saved);
  }
}
