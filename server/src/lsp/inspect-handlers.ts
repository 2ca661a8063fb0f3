// The model inspector's LSP requests (the seed's "Peeping Inside"): weights, one tensor, a text's
// journey through the layers, attention, and comparing sentences. All of them look at the model
// the workspace has loaded. Runs of the model go to the embedding worker; weights are read here.
import { isAbsolute } from "node:path";
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type RequestHandler, type RequestType } from "vscode-languageserver/node";
import {
  CompareRequest,
  ExportTensorCsvRequest,
  InspectAttentionRequest,
  InspectJourneyRequest,
  InspectTensorRequest,
  InspectWeightsRequest,
  type AttentionParams,
  type CompareParams,
  type ExportTensorCsvParams,
  type JourneyParams,
  type TensorValuesParams,
} from "../../../shared/src/protocol";
import { BUNDLED_MODEL_ID } from "../embedding/bundled";
import { EmbeddingService } from "../embedding/embedding-service";
import { isBundled, type ModelSpec } from "../embedding/model-spec";
import { compareTexts } from "../inspect/compare";
import { writeTensorCsvFile } from "../inspect/csv";
import { traceText } from "../inspect/inspect-client";
import { attentionFrom, journeyFrom } from "../inspect/journey";
import { locateModel } from "../inspect/model-files";
import { findTensor, loadWeights, weightsSummary } from "../inspect/weights";
import type { Workspace } from "./workspace";

const MAX_TEXT = 10_000;
const MAX_TEXTS = 100;
const MAX_VALUES = 4096;
const MAX_TENSOR_VALUES = 100_000;

export function registerInspectHandlers(connection: Connection, workspace: () => Workspace): void {
  // Registered by their RequestType: `check` must give the type's params and `run` its result, so a
  // change in shared/src/protocol.ts that the handler no longer fits breaks the build here. The params
  // are still checked at run time: the type says what a client should send, not what it did. (The cast
  // only bridges HandlerResult's conditional type, which TypeScript cannot resolve for a generic R.)
  const handle = <P, R>(type: RequestType<P, R, void>, check: (raw: unknown) => NoInfer<P>, run: (spec: ModelSpec, p: NoInfer<P>) => Promise<NoInfer<R>>) =>
    connection.onRequest(type, (async (raw: unknown, token: CancellationToken): Promise<R> => {
      const p = check(raw);
      const spec = loadedSpec(workspace());
      let result: R;
      try {
        result = await run(spec, p);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        throw new ResponseError(LSPErrorCodes.RequestFailed, `${type.method}: ${(err as Error).message}`);
      }
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "request cancelled");
      return result;
    }) as RequestHandler<P, R, void>);

  handle(InspectWeightsRequest.type, (raw) => optionalObject(InspectWeightsRequest.method, raw), (spec) => weightsSummary(locateModel(spec)));

  handle(InspectTensorRequest.type, tensorParams, async (spec, p) => {
    const tensor = findTensor(await loadWeights(locateModel(spec)), p.name);
    const offset = p.offset ?? 0;
    const end = Math.min(tensor.size, offset + (p.limit ?? 1000));
    const values: number[] = [];
    for (let i = offset; i < end; i++) values.push(tensor.at(i));
    return { model: spec.model, name: tensor.name, shape: tensor.shape, total: tensor.size, offset, values };
  });

  handle(ExportTensorCsvRequest.type, exportParams, async (spec, p) => {
    const tensor = findTensor(await loadWeights(locateModel(spec)), p.name);
    return { path: p.path, ...(await writeTensorCsvFile(tensor, p.path)) };
  });

  handle(InspectJourneyRequest.type, journeyParams, async (spec, p) => journeyFrom(await traceText(spec, p.text), p.text, { values: p.values, token: p.token }));

  handle(InspectAttentionRequest.type, attentionParams, async (spec, p) => attentionFrom(await traceText(spec, p.text), p.text, p.layer, p.token));

  handle(CompareRequest.type, compareParams, async (spec, p) => {
    const service = new EmbeddingService();
    try {
      // The same spec as the loaded engine's, so the worker reuses that model rather than load another.
      const model = await service.load(spec, false);
      return await compareTexts(model.modelId, (t) => service.embed(t, "query"), p.anchor, p.texts, p.values);
    } finally {
      await service.dispose();
    }
  });
}

/** The spec of the model the workspace's engines run (the bundled one when they fell back to it). */
function loadedSpec(ws: Workspace): ModelSpec {
  const engine = ws.folders.find((f) => f.engine)?.engine;
  if (!engine) throw new ResponseError(LSPErrorCodes.ServerCancelled, `No model is loaded yet: ${ws.status().message ?? "the server is still starting"}`);
  if (isBundled(engine.modelId)) return { model: BUNDLED_MODEL_ID };
  const s = ws.settings;
  return { model: engine.modelId, localModelPath: s.localModelPath || undefined, modelKeyFile: s.modelKeyFile || undefined, allowDownload: s.allowModelDownload };
}

// ---------------------------------------------------------------- parameter checks (as ./params.ts)
function invalid(method: string, message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${message}`);
}

function object(method: string, raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw invalid(method, "params must be an object");
  return raw as Record<string, unknown>;
}

function optionalObject(method: string, raw: unknown): Record<string, never> {
  if (raw !== undefined && raw !== null) object(method, raw);
  return {};
}

function text(method: string, v: unknown, name: string): string {
  if (typeof v !== "string" || !v.trim()) throw invalid(method, `${name} must be a non-empty string`);
  if (v.length > MAX_TEXT) throw invalid(method, `${name} is longer than ${MAX_TEXT.toLocaleString("en-US")} characters`);
  return v;
}

function whole(method: string, v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw invalid(method, `${name} must be a whole number from ${min} to ${max}`);
  return v;
}

function tokenRef(method: string, v: unknown): number | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === "string" && v.trim()) return v;
  throw invalid(method, "token must be a token index (a whole number from 0) or a token's text");
}

export function tensorParams(raw: unknown): TensorValuesParams {
  const method = InspectTensorRequest.method;
  const p = object(method, raw);
  return {
    name: text(method, p.name, "name"),
    offset: whole(method, p.offset, "offset", 0, Number.MAX_SAFE_INTEGER),
    limit: whole(method, p.limit, "limit", 1, MAX_TENSOR_VALUES),
  };
}

export function exportParams(raw: unknown): ExportTensorCsvParams {
  const method = ExportTensorCsvRequest.method;
  const p = object(method, raw);
  const path = text(method, p.path, "path");
  if (!isAbsolute(path)) throw invalid(method, "path must be an absolute file path");
  return { name: text(method, p.name, "name"), path };
}

export function journeyParams(raw: unknown): JourneyParams {
  const method = InspectJourneyRequest.method;
  const p = object(method, raw);
  return { text: text(method, p.text, "text"), values: whole(method, p.values, "values", 1, MAX_VALUES), token: tokenRef(method, p.token) };
}

export function attentionParams(raw: unknown): AttentionParams {
  const method = InspectAttentionRequest.method;
  const p = object(method, raw);
  const layer = whole(method, p.layer, "layer", 1, 1000);
  const token = tokenRef(method, p.token);
  if (layer === undefined) throw invalid(method, "layer is required (1 is the first transformer layer)");
  if (token === undefined) throw invalid(method, "token is required (an index or a token's text)");
  return { text: text(method, p.text, "text"), layer, token };
}

export function compareParams(raw: unknown): CompareParams {
  const method = CompareRequest.method;
  const p = object(method, raw);
  if (!Array.isArray(p.texts) || !p.texts.length || p.texts.length > MAX_TEXTS) throw invalid(method, `texts must be an array of 1 to ${MAX_TEXTS} strings`);
  return {
    anchor: text(method, p.anchor, "anchor"),
    texts: p.texts.map((t, i) => text(method, t, `texts[${i}]`)),
    values: whole(method, p.values, "values", 1, MAX_VALUES),
  };
}
