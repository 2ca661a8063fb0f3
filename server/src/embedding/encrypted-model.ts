// Loading a model folder made by `semsearch model encrypt`: its files are decrypted into memory and
// handed to transformers.js through its custom-cache hook (in-memory-model-files.ts), so the
// tokenizer and the ONNX session are built from buffers and no plaintext is ever written to disk.
// The buffers are zeroed once the model is loaded (onnxruntime and the tokenizer keep their own
// parsed copies).
import { decryptModelFolder, readPrivateKey } from "../crypto/model-encryption";
import { withModelFilesInMemory, type TransformersEnv } from "./in-memory-model-files";

export async function withDecryptedModel<T>(env: TransformersEnv, dir: string, privateKeyFile: string, load: () => Promise<T>): Promise<T> {
  const files = decryptModelFolder(dir, readPrivateKey(privateKeyFile));
  try {
    return await withModelFilesInMemory(env, dir, files, load);
  } finally {
    for (const bytes of files.values()) bytes.fill(0);
    files.clear();
  }
}
