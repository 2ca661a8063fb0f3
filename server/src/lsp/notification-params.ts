// Checks of notification parameters. A notification has no answer to carry an error, so a malformed
// one is dropped with a log line that says what was wrong, instead of failing inside a handler (ours,
// or vscode-languageserver's own document sync, which trusts its input).
import { FileChangeType } from "vscode-languageserver/node";

const isString = (v: unknown): v is string => typeof v === "string";
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isVersion = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

function isPosition(v: unknown): boolean {
  return isObject(v) && isCount(v.line) && isCount(v.character);
}

function isRange(v: unknown): boolean {
  return isObject(v) && isPosition(v.start) && isPosition(v.end);
}

function isDocumentId(v: unknown): v is { uri: string } {
  return isObject(v) && isString(v.uri);
}

/**
 * What is wrong with a notification that the library's handlers take as they come (document sync,
 * $/setTrace, $/progress, $/cancelRequest), or undefined when it is well formed (or not one of them).
 */
export function malformedNotification(method: string, params: unknown): string | undefined {
  const p = params as Record<string, unknown> | undefined;
  switch (method) {
    case "textDocument/didOpen": {
      const d = isObject(p) ? p.textDocument : undefined;
      if (!isObject(d) || !isString(d.uri) || !isString(d.languageId) || !isVersion(d.version) || !isString(d.text)) {
        return "textDocument must be {uri, languageId, version, text} (strings, and a whole-number version)";
      }
      return undefined;
    }
    case "textDocument/didChange": {
      if (!isObject(p) || !isObject(p.textDocument) || !isString(p.textDocument.uri) || !isVersion(p.textDocument.version)) return "textDocument must be {uri, version}";
      if (!Array.isArray(p.contentChanges)) return "contentChanges must be an array";
      const bad = p.contentChanges.findIndex((c) => !isObject(c) || !isString(c.text) || (c.range !== undefined && !isRange(c.range)));
      return bad >= 0 ? `contentChanges[${bad}] must be {text} or {range, text} with positions of whole numbers of at least 0` : undefined;
    }
    case "textDocument/didClose":
    case "textDocument/didSave":
      return isObject(p) && isDocumentId(p.textDocument) ? undefined : "textDocument must be {uri: string}";
    case "$/setTrace":
      return isObject(p) && isString(p.value) ? undefined : "value must be a string";
    case "$/progress":
      return isObject(p) && (isString(p.token) || typeof p.token === "number") ? undefined : "token must be a string or a number";
    case "workspace/didChangeWorkspaceFolders":
      return isObject(p) && isObject(p.event) ? undefined : "event must be {added, removed}";
    case "$/cancelRequest":
      return isObject(p) && (isString(p.id) || typeof p.id === "number") ? undefined : "id must be a string or a number";
    default:
      return undefined;
  }
}

const CHANGE_TYPES = new Set<unknown>([FileChangeType.Created, FileChangeType.Changed, FileChangeType.Deleted]);

/** workspace/didChangeWatchedFiles' changes that are well formed; the rest are left out (and counted). */
export function watchedChanges(raw: unknown): { changes: { uri: string; type: FileChangeType }[]; dropped: number } {
  const list = isObject(raw) && Array.isArray(raw.changes) ? raw.changes : [];
  const changes = list.filter((c): c is { uri: string; type: FileChangeType } => isObject(c) && isString(c.uri) && CHANGE_TYPES.has(c.type));
  return { changes, dropped: (isObject(raw) && Array.isArray(raw.changes) ? list.length : 1) - changes.length };
}

/** workspace/didRenameFiles' renames that are well formed. */
export function renamedFiles(raw: unknown): { oldUri: string; newUri: string }[] {
  const list = isObject(raw) && Array.isArray(raw.files) ? raw.files : [];
  return list.filter((f): f is { oldUri: string; newUri: string } => isObject(f) && isString(f.oldUri) && isString(f.newUri));
}

/** A workspace/didChangeWorkspaceFolders event, with only the folders that are {uri: string}. */
export function folderChanges(event: unknown): { added: { uri: string; name?: string }[]; removed: { uri: string }[] } {
  if (!isObject(event)) return { added: [], removed: [] };
  const folders = (v: unknown) => (Array.isArray(v) ? v.filter((f): f is { uri: string; name?: string } => isDocumentId(f)) : []);
  return { added: folders(event.added), removed: folders(event.removed) };
}
