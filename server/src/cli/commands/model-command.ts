// `semsearch model encrypt|decrypt`: model files protected at rest, as the seed's banking section
// asks. Loading an encrypted folder needs only `--model-key` on the commands that load a model.
import { DecryptionError } from "../../crypto/hybrid-encryption";
import { encryptModelFolder, readPrivateKey, readPublicKey, writeDecryptedFolder } from "../../crypto/model-encryption";
import { parseOptions, UsageError } from "../args";
import { usage } from "./index-command";

export const MODEL_USAGE =
  "semsearch model encrypt <model-dir> --public-key pub.pem --out <dir>   |   semsearch model decrypt <encrypted-dir> --private-key priv.pem --out <dir>";

export async function modelCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    "public-key": { type: "string" },
    "private-key": { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return usage(MODEL_USAGE);
  const [action, dir, ...extra] = positionals;
  if (!dir || extra.length || (action !== "encrypt" && action !== "decrypt")) throw new UsageError(`usage: ${MODEL_USAGE}`);
  if (!values.out) throw new UsageError(`model ${action} needs --out <dir>: a new folder for the result.\nusage: ${MODEL_USAGE}`);
  try {
    if (action === "encrypt") {
      if (!values["public-key"]) throw new UsageError(`model encrypt needs --public-key pub.pem (RSA, 2048 bits or more).`);
      const { files, bytes } = encryptModelFolder(dir, values.out, readPublicKey(values["public-key"]));
      process.stdout.write(`encrypted ${files} files (${bytes} bytes) into ${values.out}; load it with --model ${values.out} --model-key priv.pem\n`);
    } else {
      if (!values["private-key"]) throw new UsageError(`model decrypt needs --private-key priv.pem.`);
      const { files, bytes } = writeDecryptedFolder(dir, values.out, readPrivateKey(values["private-key"]));
      process.stdout.write(`decrypted ${files} files (${bytes} bytes) into ${values.out}\n`);
    }
  } catch (err) {
    if (err instanceof DecryptionError) {
      process.stderr.write(`semsearch: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  return 0;
}
