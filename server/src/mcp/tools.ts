// The MCP server's four tools over a backend, on the official SDK: input and output schemas (zod,
// published as JSON Schema), descriptions written for an agent choosing between this and grep, and
// refusals as error results (isError) that say what to do, so a bad call never ends the server.
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { SEARCH_MODES, type MetadataFilter } from "../../../shared/src/types";
import { ToolInputError, type McpAnswer, type McpBackend, type McpHit, type McpStatus } from "./backend";
import { bandsLegend, DEFAULT_MAX_CHARS, MAX_MAX_CHARS, MIN_MAX_CHARS, renderAnswer } from "./render";
import { placeFile, searchPathFilter } from "./workspace-paths";

/** More results than anyone reads; the CLI's --k cap too. */
export const MAX_K = 1000;
export const TOOL_NAMES = ["search", "similar", "status", "reindex"] as const;

export interface McpServerOptions {
  version: string;
  /** Why this caller may not reindex (the HTTP endpoint needs the admin scope), or undefined. */
  reindexRefusal?: () => string | undefined;
  /** How long reindex waits for the pass before answering with the status (default 30 s). */
  reindexWaitSeconds?: number;
}

const SCORES =
  "Each hit has `score`, the cosine similarity of its passage to the query (-1..1, shown as a percentage), and `band`: strong (on topic, trust it), possible (related, check it), weak (probably unrelated). The thresholds depend on the model (75% and 40% for all-MiniLM-L6-v2); each answer's first line states them. Hits come in the mode's order: in hybrid mode (the default) meaning and keyword ranks are fused, so scores need not decrease down the list.";
const WHEN =
  "Use it to find code or docs by MEANING - a concept, a behaviour, a question in plain words (\"where do we retry failed uploads\", \"how is the session token validated\") - when you do not know the exact identifiers. For an exact string, symbol or regex, grep/ripgrep is faster and exhaustive; use this first when a grep would need guessing.";
const ANSWER =
  "The text answer lists each hit as `path:startLine-endLine (87% strong)` (lines 1-based, inclusive) with a trimmed snippet, within `maxChars`; structuredContent has every hit in full (folder, path, startLine, endLine, score, band, text, metadata).";

const k = z
  .number({ error: `k must be a whole number from 1 to ${MAX_K}` })
  .int({ error: `k must be a whole number from 1 to ${MAX_K}` })
  .min(1, { error: `k must be at least 1` })
  .max(MAX_K, { error: `k is at most ${MAX_K}; ask for fewer hits (10-30 is plenty) and narrow the search with filter or path instead` })
  .optional()
  .describe(`How many hits (default 10, at most ${MAX_K}).`);
const maxChars = z
  .number({ error: `maxChars must be a whole number from ${MIN_MAX_CHARS} to ${MAX_MAX_CHARS}` })
  .int({ error: `maxChars must be a whole number` })
  .min(MIN_MAX_CHARS, { error: `maxChars is at least ${MIN_MAX_CHARS}` })
  .max(MAX_MAX_CHARS, { error: `maxChars is at most ${MAX_MAX_CHARS}` })
  .optional()
  .describe(`Budget in characters for the text answer (default ${DEFAULT_MAX_CHARS}, about ${DEFAULT_MAX_CHARS / 4} tokens): locations first, snippets share the rest.`);

const searchInput = {
  query: z.string({ error: "query must be a string: what you are looking for, in words" }).trim().min(1, { error: "query is empty: say what you are looking for, in words" }).max(4000, { error: "query is at most 4000 characters; summarize it" }).describe("What you are looking for, in plain words or a code fragment."),
  k,
  filter: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: 'filter must be an object of key: value pairs, for example {"language": "typescript"}' })
    .optional()
    .describe(
      'Exact-match filters, all of which must hold (case-insensitive): `language` (typescript, python, markdown, ...), `kind` (code, markdown, text), `symbol` (the function or class a code chunk is in), any key of a markdown file\'s YAML front matter (e.g. `category`, `tags` - a list matches when any element does), and `path` (a glob). Example: {"language": "python"}.',
    ),
  mode: z.enum(SEARCH_MODES as [string, ...string[]], { error: `mode is one of ${SEARCH_MODES.join(", ")}` }).optional().describe("hybrid (default: meaning and keywords, fused), semantic (meaning only), lexical (keywords only, BM25). The score is the cosine similarity whatever the mode."),
  path: z.string({ error: 'path must be a string: a folder, a file or a glob, e.g. "src/" or "**/*.md"' }).optional().describe('Only hits under this path: a folder or file relative to the workspace ("src/server", "README.md"), a glob ("src/**/*.ts"), or an absolute path inside the workspace.'),
  maxChars,
};

const similarInput = {
  path: z.string({ error: "path must be a string: the file, relative to the workspace as search hits show it" }).describe("The file, relative to the workspace as search hits show it (or absolute, inside the workspace)."),
  startLine: z.number({ error: "startLine must be a line number (1-based)" }).int({ error: "startLine must be a whole number" }).min(1, { error: "startLine starts at 1" }).describe("First line of the passage, 1-based."),
  endLine: z.number({ error: "endLine must be a line number (1-based)" }).int({ error: "endLine must be a whole number" }).min(1, { error: "endLine starts at 1" }).describe("Last line of the passage, 1-based, inclusive."),
  k,
  maxChars,
};

const reindexInput = {
  rebuild: z.boolean({ error: "rebuild must be true or false" }).optional().describe("Re-embed every file, not only the changed ones (slow; for a changed model or a damaged index). Default false."),
  waitSeconds: z.number({ error: "waitSeconds must be a number of seconds" }).min(0, { error: "waitSeconds is at least 0" }).max(600, { error: "waitSeconds is at most 600; call status to follow a long pass" }).optional().describe("How long to wait for the pass to finish before answering with the status (default 30); the pass goes on either way."),
};

const hit = z.object({
  folder: z.string().describe("The indexed folder the hit comes from."),
  path: z.string().describe("Relative to the folder's root."),
  startLine: z.number().int(),
  endLine: z.number().int(),
  score: z.number().describe("Cosine similarity to the query, -1..1."),
  band: z.enum(["strong", "possible", "weak"]),
  text: z.string(),
  metadata: z.record(z.string(), z.unknown()),
});
const answerOutput = {
  query: z.string(),
  model: z.string(),
  candidates: z.number().int().describe("Chunks that passed the filters."),
  partial: z.string().optional().describe("Set when the vector index is being rebuilt and results by meaning may miss passages."),
  results: z.array(hit),
};
const folderStatus = z.object({ name: z.string(), root: z.string(), state: z.string(), files: z.number().int(), chunks: z.number().int() });
const statusOutput = {
  state: z.string().describe("idle, indexing, error or needs-model."),
  model: z.string(),
  files: z.number().int(),
  chunks: z.number().int(),
  message: z.string().optional(),
  progress: z.object({ done: z.number(), total: z.number(), current: z.string().optional() }).optional(),
  folders: z.array(folderStatus),
  via: z.enum(["language server socket", "own index"]).optional().describe("Who answers: a running language server or `semsearch serve` over its local socket (sharing the editor's index), or this process's own index."),
  server: z.object({ pid: z.number().int(), dbPath: z.string() }).optional().describe("The running server that answers, when via the socket."),
};
const reindexOutput = { ...statusOutput, finished: z.boolean().describe("Whether the pass ended before the answer (else it goes on: call status).") };

export function createMcpServer(backend: McpBackend, opts: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: "semsearch", title: "Semantic Search", version: opts.version },
    {
      instructions:
        "Local semantic search over this workspace's files (code, markdown, text), by meaning rather than exact strings. Use `search` for concepts and questions, `similar` for code or prose like a passage you have, `status` to see what is indexed. Use grep for exact identifiers.",
    },
  );
  const folders = () => backend.folders();
  // One folder: paths as they are (relative to it, where the agent works); several: absolute.
  const where = (h: McpHit) => (folders().length === 1 ? h.path : join(folders().find((f) => f.name === h.folder)?.root ?? "", h.path));

  const answer = (a: McpAnswer, maxCharsArg: number | undefined, notes: string[] = []): CallToolResult => ({
    content: [{ type: "text", text: renderAnswer(a, { maxChars: maxCharsArg ?? DEFAULT_MAX_CHARS, where, notes }) }],
    structuredContent: { ...a },
  });

  server.registerTool(
    "search",
    {
      title: "Semantic search",
      description: `Searches the workspace's indexed files by meaning and returns the passages (chunks of about 10-40 lines) that best match a query. ${WHEN} Narrow with \`path\` (a folder, file or glob) and \`filter\` (language, kind, symbol, front matter keys). ${SCORES} ${ANSWER}`,
      inputSchema: searchInput,
      outputSchema: answerOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => {
      const filter: MetadataFilter = Object.create(null);
      for (const [key, value] of Object.entries(args.filter ?? {})) filter[key] = String(value);
      const notes: string[] = [];
      let only: string[] | undefined;
      if (args.path !== undefined) {
        if (filter.path !== undefined) throw new ToolInputError(`give the path restriction once: in path ("${args.path}") or in filter.path ("${filter.path}"), not both.`);
        const { glob, folder } = searchPathFilter(args.path, folders());
        if (glob) filter.path = glob;
        if (folder) only = [folder];
      }
      const a = await backend.search({ query: args.query, k: args.k ?? 10, filter, mode: args.mode as McpAnswerMode, folders: only });
      // A hit means something is indexed: the status (a round trip over the socket) is only asked when there is none.
      const s = a.results.length ? undefined : await backend.status();
      if (s && s.chunks === 0) notes.push(`Nothing is indexed yet (state: ${s.state}); ${s.state === "indexing" ? "indexing is under way: call status, then search again" : "call reindex"}.`);
      else if (!a.results.length && Object.keys(filter).length) notes.push(`No hit passes the filters ${JSON.stringify(filter)}; loosen them or check the keys (language, kind, symbol, front matter keys, path).`);
      return answer(a, args.maxChars, notes);
    },
  );

  server.registerTool(
    "similar",
    {
      title: "Find similar passages",
      description: `Finds passages elsewhere in the workspace that mean the same as lines of an indexed file: duplicated logic, other implementations of a pattern, related docs. Give the file (as search hits show it) and a line range; the range's own passages are left out. ${SCORES} ${ANSWER}`,
      inputSchema: similarInput,
      outputSchema: answerOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => {
      if (args.endLine < args.startLine) throw new ToolInputError(`endLine (${args.endLine}) is before startLine (${args.startLine}); give the range first line first.`);
      const { folder, rel } = placeFile(args.path, folders());
      const a = await backend.similar({ folder: folder.name, path: rel, startLine: args.startLine, endLine: args.endLine, k: args.k ?? 10 });
      if (!a.results.length && a.candidates === 0) {
        throw new ToolInputError(
          `nothing is indexed at ${rel}:${args.startLine}-${args.endLine} in ${folder.root}; check the path (relative to the workspace, as search hits give it) and the lines, or call reindex if the file is new.`,
        );
      }
      return answer(a, args.maxChars);
    },
  );

  server.registerTool(
    "status",
    {
      title: "Index status",
      description:
        "What the semantic index covers: its state (idle, indexing, error), the embedding model, how many files and chunks per folder, indexing progress, and who answers (`via`: a running editor's language server or `semsearch serve` over its local socket, or this process's own index). Call it when search returns nothing, or to follow a reindex.",
      inputSchema: {},
      outputSchema: statusOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const s = await backend.status();
      return { content: [{ type: "text", text: statusText(s) }], structuredContent: { ...s } };
    },
  );

  server.registerTool(
    "reindex",
    {
      title: "Re-index the workspace",
      description:
        "Brings the semantic index up to date with the files on disk: changed and new files are embedded again, deleted ones dropped (rebuild: true re-embeds everything). The index also follows file changes by itself; call this after large changes (a branch switch, generated files) or when status shows missing files. Waits up to waitSeconds, then answers with the status.",
      inputSchema: reindexInput,
      outputSchema: reindexOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const refusal = opts.reindexRefusal?.();
      if (refusal) throw new ToolInputError(refusal);
      let finished = false;
      let failed: unknown;
      // A refusal (the running server owns the index) comes at once; one after the wait is only logged by the backend.
      const pass = backend.reindex(args.rebuild ?? false).then(
        () => (finished = true),
        (err) => (failed = err),
      );
      const waitMs = (args.waitSeconds ?? opts.reindexWaitSeconds ?? 30) * 1000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pass, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
      if (failed) throw failed;
      const s = await backend.status();
      const text = `${finished ? "Re-indexed." : `Still indexing after ${waitMs / 1000} s; it goes on: call status to follow it.`}\n${statusText(s)}`;
      return { content: [{ type: "text", text }], structuredContent: { ...s, finished } };
    },
  );

  explainUnknownTools(server);
  return server;
}

type McpAnswerMode = Parameters<McpBackend["search"]>[0]["mode"];

function statusText(s: McpStatus): string {
  const lines = [`${s.state}: ${s.files} files, ${s.chunks} chunks indexed with ${s.model}`];
  if (s.via) lines.push(`answered via ${s.via === "own index" ? "this process's own index" : `the language server socket (process ${s.server?.pid}, ${s.server?.dbPath})`}`);
  if (s.progress) lines.push(`indexing: ${s.progress.done} of ${s.progress.total} files${s.progress.current ? ` (${s.progress.current})` : ""}`);
  if (s.message) lines.push(s.message);
  for (const f of s.folders) lines.push(`${f.name} (${f.root}): ${f.state}, ${f.files} files, ${f.chunks} chunks`);
  lines.push(`Scores are cosine similarities: ${bandsLegend(s.model)}.`);
  return lines.join("\n");
}

/**
 * The SDK answers a call to an unknown tool with "Tool x not found"; this says which tools there are.
 * It wraps the SDK's own tools/call handler (kept in the protocol's handler map), so everything else
 * about a call is the SDK's.
 */
function explainUnknownTools(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, (request: unknown, extra: unknown) => Promise<unknown>> })._requestHandlers;
  const sdkHandler = handlers?.get("tools/call");
  if (!sdkHandler) return;
  server.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    if (!(TOOL_NAMES as readonly string[]).includes(name)) {
      return { content: [{ type: "text", text: `There is no tool "${name}"; the tools are ${TOOL_NAMES.join(", ")} (call tools/list for their arguments).` }], isError: true };
    }
    return (await sdkHandler(request, extra)) as CallToolResult;
  });
}
