// Settings arrive through workspace/configuration under `semanticSearch` (asked once per folder), or,
// from a client that cannot be asked, through initializationOptions.settings and
// didChangeConfiguration. Anything missing or of the wrong type falls back to its default, so a typo
// in settings.json never stops the server.
import { DEFAULT_SETTINGS, type InitOptions, type ServerSettings } from "../../../shared/src/protocol";
import { SEARCH_MODES, STORE_TEXT_MODES, type BandThresholds, type SearchMode, type StoreTextMode } from "../../../shared/src/types";

export function readSettings(raw: unknown, init: InitOptions = {}): ServerSettings {
  const r = (raw ?? {}) as Record<string, any>;
  const str = (v: unknown, d: string) => (typeof v === "string" && v.trim() ? v.trim() : d);
  const bool = (v: unknown, d: boolean) => (typeof v === "boolean" ? v : d);
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);
  const int = (v: unknown, min: number, d: number) => (typeof v === "number" && Number.isInteger(v) && v >= min ? v : d);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const trace = r.trace?.server;
  return {
    model: init.offline && !r.model ? "bundled" : str(r.model, init.model ?? DEFAULT_SETTINGS.model),
    localModelPath: str(r.localModelPath, DEFAULT_SETTINGS.localModelPath),
    modelKeyFile: str(r.modelKeyFile, DEFAULT_SETTINGS.modelKeyFile),
    allowModelDownload: init.offline ? false : bool(r.allowModelDownload, DEFAULT_SETTINGS.allowModelDownload),
    fallbackToBundled: bool(r.fallbackToBundled, DEFAULT_SETTINGS.fallbackToBundled),
    include: list(r.include),
    exclude: list(r.exclude),
    maxFileSize: num(r.maxFileSize, DEFAULT_SETTINGS.maxFileSize),
    thresholds: {
      strong: num(r.thresholds?.strong, DEFAULT_SETTINGS.thresholds.strong),
      possible: num(r.thresholds?.possible, DEFAULT_SETTINGS.thresholds.possible),
    },
    hover: { enabled: bool(r.hover?.enabled, DEFAULT_SETTINGS.hover.enabled) },
    trace: { server: trace === "messages" || trace === "verbose" ? trace : DEFAULT_SETTINGS.trace.server },
    searchMode: SEARCH_MODES.includes(r.searchMode) ? (r.searchMode as SearchMode) : DEFAULT_SETTINGS.searchMode,
    hnsw: {
      m: int(r.hnsw?.m, 2, DEFAULT_SETTINGS.hnsw.m),
      efConstruction: int(r.hnsw?.efConstruction, 1, DEFAULT_SETTINGS.hnsw.efConstruction),
      efSearch: int(r.hnsw?.efSearch, 0, DEFAULT_SETTINGS.hnsw.efSearch),
    },
    vectorStorage: r.vectorStorage === "int8" || r.vectorStorage === "float32" ? r.vectorStorage : DEFAULT_SETTINGS.vectorStorage,
    // Kept as written: an invalid one stops the folder from opening, with the reason (folder-index.ts).
    secrets: { extraPatterns: list(r.secrets?.extraPatterns) },
    // A list replaces the default demotions (an empty list demotes nothing); anything else keeps them.
    ranking: {
      demote: Array.isArray(r.ranking?.demote) ? list(r.ranking.demote) : [...DEFAULT_SETTINGS.ranking.demote],
      demoteGenerated: typeof r.ranking?.demoteGenerated === "boolean" ? r.ranking.demoteGenerated : DEFAULT_SETTINGS.ranking.demoteGenerated,
    },
    // Not given: each store keeps its own mode (ServerSettings.storeText), so a client or `serve`
    // that does not say cannot turn an index that keeps no text back into one that does.
    storeText: STORE_TEXT_MODES.includes(r.storeText) ? (r.storeText as StoreTextMode) : undefined,
  };
}

/**
 * Raw `semanticSearch` sections laid over one another, later ones winning key by key (objects are
 * merged, anything else replaced): initializationOptions.settings under what the client says now.
 */
export function layerSettings(...layers: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      out[key] = isPlainObject(value) && isPlainObject(out[key]) ? layerSettings(out[key], value) : value;
    }
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/**
 * Settings that change what a folder's index stores (which model, which files, the HNSW graph, the
 * vector format): a change means the folder is opened (and maybe indexed) again. Everything else
 * (thresholds, hnsw.efSearch, searchMode, hover, trace) is read per request and needs no reopen.
 */
export function needsReopen(a: ServerSettings, b: ServerSettings): boolean {
  const key = (s: ServerSettings) =>
    JSON.stringify([s.model, s.localModelPath, s.modelKeyFile, s.allowModelDownload, s.fallbackToBundled, s.include, s.exclude, s.maxFileSize, s.hnsw.m, s.hnsw.efConstruction, s.vectorStorage, s.secrets.extraPatterns, s.storeText]);
  return key(a) !== key(b);
}

/** The query-time settings a search or similar request passes to its folder's engine. */
export function queryOptions(s: ServerSettings): { bands: BandThresholds; efSearch: number; ranking: { demote: string[]; demoteGenerated: boolean } } {
  return { bands: { ...s.thresholds }, efSearch: s.hnsw.efSearch, ranking: { demote: [...s.ranking.demote], demoteGenerated: s.ranking.demoteGenerated } };
}
