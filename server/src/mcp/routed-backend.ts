// The index of `semsearch mcp`: through a running server's local socket when one holds the folder
// (no second index, no model in this process), else this process's own engine. Asked per call, so a
// server that exits mid-session costs the agent nothing: the next call opens the own index (once)
// and answers from it, and status says so; a server that comes back answers again.
//
// The own engine never writes a database a live server writes: when a server holds it but does not
// answer (still opening, another model, too slow) it is opened read-only and not indexed; when no
// server listens it is opened as usual (the store's writer lock keeps two writers apart) and brought
// up to date in the background.
import { resolve } from "node:path";
import type { ModelSpec } from "../embedding/model-spec";
import { Engine } from "../engine/engine";
import { ToolInputError, type McpAnswer, type McpBackend, type McpFolder, type McpSearchRequest, type McpSimilarRequest, type McpStatus } from "./backend";
import { EngineBackend } from "./engine-backend";
import { ownedByServer, ServerUnavailable, SocketBackend } from "./socket-backend";

export interface OwnIndexOptions {
  root: string;
  /** --db: the database to open; else the one a server last answered from, else <root>/.semsearch/index.db. */
  db?: string;
  model: ModelSpec;
  fallback: boolean;
  /** Bring the own index up to date when it is opened as a writer (not with --no-index). */
  index: boolean;
  log: (message: string) => void;
  /** The key of an encrypted store, and whether encryption is required (--encrypt; store/cipher.ts). */
  databaseKey?: string;
  encrypt?: boolean;
}

interface OwnIndex {
  engine: Engine;
  backend: EngineBackend;
  readOnly: boolean;
}

export class RoutedBackend implements McpBackend {
  private own: OwnIndex | undefined;
  private opening: Promise<OwnIndex> | undefined;
  /** Why the own index answers, for status (undefined when no server ever held the folder). */
  private why: string | undefined;

  constructor(
    private readonly socket: SocketBackend,
    private readonly opts: OwnIndexOptions,
  ) {}

  /** At start: who answers. With no server, the own index is opened (and indexed) now, as before sockets. */
  async start(): Promise<string> {
    const s = await this.status();
    return s.via === "own index" ? `own index (${this.own?.engine.options.dbPath}${this.own?.readOnly ? ", read-only" : ""})` : `the server of ${s.server?.dbPath} (process ${s.server?.pid}) over its local socket`;
  }

  folders(): McpFolder[] {
    return this.socket.folders();
  }

  search(r: McpSearchRequest): Promise<McpAnswer> {
    return this.route((b) => b.search(r));
  }

  similar(r: McpSimilarRequest): Promise<McpAnswer> {
    return this.route((b) => b.similar(r));
  }

  async status(): Promise<McpStatus> {
    return this.route(async (b, own) => {
      const s = await b.status();
      if (!own) return s;
      const notes = [this.why, own.readOnly && "Opened read-only: the running server writes this index.", s.message].filter(Boolean);
      return { ...s, ...(notes.length ? { message: notes.join(" ") } : {}), via: "own index" };
    });
  }

  reindex(rebuild: boolean): Promise<void> {
    return this.route((b, own) => {
      if (own?.readOnly) throw new ToolInputError(ownedByServer(own.engine.options.dbPath, this.why ?? "it did not answer"));
      return b.reindex(rebuild);
    });
  }

  /** Waits for the own index's pass and closes it (at exit). */
  async close(): Promise<void> {
    const own = this.own ?? (await this.opening?.catch(() => undefined));
    this.own = undefined;
    if (!own) return;
    await own.backend.settle();
    await own.engine.close();
  }

  /** The socket first; when no server answers, the own index (opened on first need). */
  private async route<T>(call: (backend: McpBackend, own?: OwnIndex) => T | Promise<T>): Promise<T> {
    let unavailable: ServerUnavailable;
    try {
      return await call(this.socket);
    } catch (err) {
      if (!(err instanceof ServerUnavailable)) throw err;
      unavailable = err;
    }
    const own = await this.ownIndex(unavailable);
    return call(own.backend, own);
  }

  /** The own index, in the mode the moment needs: read-only beside a live server, else a writer. */
  private async ownIndex(unavailable: ServerUnavailable): Promise<OwnIndex> {
    const readOnly = unavailable.live !== undefined;
    const served = unavailable.live?.dbPath ?? this.socket.lastServed;
    if (served) {
      const reason = unavailable.live ? `did not answer: ${unavailable.live.outcome.message}` : `is gone (${unavailable.failures.find((f) => f.dbPath === served)?.outcome.message ?? unavailable.message})`;
      this.why = `The running server that holds ${served} ${reason}; answering from this process's own index.`;
    }
    while (this.opening) await this.opening.catch(() => undefined);
    // A writer serves every moment; a read-only index only while a server still holds the database.
    if (this.own && (!this.own.readOnly || readOnly)) return this.own;
    this.opening = this.open(readOnly, served);
    try {
      return await this.opening;
    } finally {
      this.opening = undefined;
    }
  }

  private async open(readOnly: boolean, served: string | undefined): Promise<OwnIndex> {
    const { root, db, model, fallback, log, index, databaseKey, encrypt } = this.opts;
    const previous = this.own;
    this.own = undefined;
    if (previous) {
      // The read-only index of a server that is gone: this process becomes the writer.
      await previous.engine.close();
    }
    // Its database stays the one first opened: the server's when one answered before, so that the own
    // index is the same index, not a second one.
    const dbPath = previous?.engine.options.dbPath ?? (db ? resolve(db) : served);
    const options = { root, dbPath, model, fallback, log, rebuildInBackground: true, databaseKey, encrypt };
    let engine: Engine;
    try {
      engine = readOnly ? await Engine.openLazy({ ...options, readOnly: true }) : await Engine.open(options);
    } catch (err) {
      // Beside a live server that is still opening the folder, say so: the next call may go through it.
      if (readOnly) throw new ToolInputError(`${this.why ?? "the running server did not answer"} Its index cannot be read here either (${(err as Error).message}); try again in a moment, or call status.`);
      throw err;
    }
    const backend = new EngineBackend(engine, log);
    this.own = { engine, backend, readOnly };
    log(`answering from this process's own index ${engine.options.dbPath}${readOnly ? " (read-only: a running server writes it)" : ""}`);
    if (!readOnly && index) void backend.reindex(false);
    return this.own;
  }
}
