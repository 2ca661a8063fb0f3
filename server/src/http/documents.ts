// The seed's "add a fact": documents posted over HTTP are kept as markdown files in one folder of
// their own (front matter for the metadata), which the service indexes like any folder. So a document
// is stored, embedded, searchable and filterable exactly as a file's chunks are, and a re-index of
// the served folders never touches it.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseFrontMatter, type FrontMatterValue } from "../chunking/front-matter";

export type DocumentMetadata = Record<string, string | number | boolean>;

export interface StoredDocument {
  id: string;
  text: string;
  metadata: DocumentMetadata;
}

/** Ids become file names: letters, digits, ".", "_" and "-", not starting with a dot. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export class DocumentFolder {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  /** The file's path relative to the folder, as the index knows it. */
  relPath(id: string): string {
    return `${id}.md`;
  }

  /** Writes (or replaces) a document; the caller has the index pick it up. */
  put(doc: { id?: string; text: string; metadata?: DocumentMetadata }): StoredDocument {
    const id = doc.id ?? randomUUID();
    if (!DOCUMENT_ID.test(id)) throw new Error(`document id "${id}" may hold only letters, digits, ".", "_" and "-" (at most 128, not starting with ".")`);
    const metadata = { ...doc.metadata, id };
    const front = Object.entries(metadata).map(([k, v]) => `${k}: ${typeof v === "string" ? JSON.stringify(v) : String(v)}`);
    const file = join(this.root, this.relPath(id));
    // Written beside and renamed into place: a crash never leaves half a document for the index.
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, `---\n${front.join("\n")}\n---\n\n${doc.text}\n`);
    renameSync(tmp, file);
    return { id, text: doc.text, metadata };
  }

  get(id: string): StoredDocument | undefined {
    if (!DOCUMENT_ID.test(id)) return undefined;
    const file = join(this.root, this.relPath(id));
    if (!existsSync(file)) return undefined;
    const lines = readFileSync(file, "utf8").split("\n");
    const { data, bodyStart } = parseFrontMatter(lines);
    const text = lines.slice(bodyStart).join("\n").replace(/^\n/, "").replace(/\n$/, "");
    return { id, text, metadata: scalars(data) };
  }

  /** True when there was such a document. */
  delete(id: string): boolean {
    if (!DOCUMENT_ID.test(id)) return false;
    const file = join(this.root, this.relPath(id));
    if (!existsSync(file)) return false;
    rmSync(file);
    return true;
  }
}

function scalars(data: Record<string, FrontMatterValue>): DocumentMetadata {
  const out: DocumentMetadata = {};
  for (const [k, v] of Object.entries(data)) if (!Array.isArray(v)) out[k] = v;
  return out;
}
