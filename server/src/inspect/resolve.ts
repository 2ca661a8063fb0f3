// Which model the CLI's inspect and compare commands look at: the one the search would load,
// with the same fallback to the bundled model (and the same "say so") when it is not there.
import { BUNDLED_MODEL_ID } from "../embedding/bundled";
import { EmbeddingService } from "../embedding/embedding-service";
import { isBundled, type ModelSpec } from "../embedding/model-spec";
import { locateModel, type ModelLocation } from "./model-files";

export async function resolveInspectModel(
  spec: ModelSpec,
  fallback: boolean,
  warn: (message: string) => void,
): Promise<{ spec: ModelSpec; location: ModelLocation }> {
  try {
    return { spec, location: locateModel(spec) };
  } catch (notOnDisk) {
    let failure = notOnDisk as Error;
    if (spec.allowDownload && !isBundled(spec.model)) {
      // Not on disk but downloads are allowed: loading it as the search does fetches its files.
      const service = new EmbeddingService();
      try {
        await service.load(spec, false);
        return { spec, location: locateModel(spec) };
      } catch (err) {
        failure = err as Error;
      } finally {
        await service.dispose();
      }
    }
    if (!fallback || isBundled(spec.model)) throw failure;
    warn(`${failure.message} Using the bundled offline model instead.`);
    const bundled: ModelSpec = { model: BUNDLED_MODEL_ID };
    return { spec: bundled, location: locateModel(bundled) };
  }
}
