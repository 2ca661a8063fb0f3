// The checks both transports must pass (stdio.test.ts: `semsearch mcp`; http.test.ts: /mcp on
// `semsearch serve`), run with the SDK's own Client against the built CLI over examples/knowledge-base.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export interface Hit {
  folder: string;
  path: string;
  startLine: number;
  endLine: number;
  score: number;
  band: string;
  text: string;
  metadata: Record<string, unknown>;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult & { text: string; hits: Hit[] }> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
  const hits = ((r.structuredContent as { results?: Hit[] } | undefined)?.results ?? []) as Hit[];
  return { ...r, text, hits };
}

/** Registers the shared tests; `client()` is the connected client, `folder` the served folder's name. */
export function toolChecks(client: () => Client, folder: string): void {
  test("lists the four tools, each with an input and an output schema and a description that says when to use it", async () => {
    const { tools } = await client().listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ["reindex", "search", "similar", "status"]);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, "object", t.name);
      assert.equal(t.outputSchema?.type, "object", `${t.name} has an output schema`);
      assert.ok((t.description ?? "").length > 80, `${t.name} is described`);
    }
    const search = tools.find((t) => t.name === "search")!;
    const input = search.inputSchema.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(search.inputSchema.required, ["query"]);
    assert.deepEqual(Object.keys(input).sort(), ["filter", "k", "maxChars", "mode", "path", "query"]);
    assert.equal(input.k.maximum, 1000);
    assert.deepEqual(input.mode.enum, ["semantic", "lexical", "hybrid"]);
    assert.match(search.description!, /grep/);
    assert.match(search.description!, /cosine similarity/);
    // The thresholds depend on the model; the description says where an answer states them.
    assert.match(search.description!, /strong \(on topic/);
    assert.match(search.description!, /first line states them/);
    assert.match(String(input.filter.description), /language.*front matter/s);
    const hitSchema = ((search.outputSchema!.properties as Record<string, { items?: { properties: object; required: string[] } }>).results.items)!;
    for (const key of ["folder", "path", "startLine", "endLine", "score", "band", "text", "metadata"]) assert.ok(hitSchema.required.includes(key), `hits have ${key}`);
    const similar = tools.find((t) => t.name === "similar")!;
    assert.deepEqual([...(similar.inputSchema.required ?? [])].sort(), ["endLine", "path", "startLine"]);
    const status = tools.find((t) => t.name === "status")!;
    assert.ok((status.outputSchema!.properties as object as Record<string, unknown>).folders);
  });

  test("search: the Eiffel Tower fact ranks first, with its line range, as structured content and as text", async () => {
    const r = await call(client(), "search", { query: "When was the Eiffel Tower built?" });
    assert.ok(!r.isError, r.text);
    const top = r.hits[0];
    assert.equal(top.path, "05-eiffel-tower.md");
    assert.equal(top.folder, folder);
    assert.deepEqual([top.startLine, top.endLine], [6, 6]);
    assert.match(top.text, /constructed in 1889/);
    assert.ok(top.score > 0 && top.score <= 1);
    assert.ok(["strong", "possible", "weak"].includes(top.band));
    assert.equal(r.hits.length, 10);
    // The text answer locates the hit so that an agent can open the lines without another call.
    assert.match(r.text, new RegExp(`^[^\\n]*05-eiffel-tower\\.md:6-6 \\(${Math.round(top.score * 100)}% ${top.band}\\)\\n  The Eiffel Tower`, "m"));
    // The legend states the thresholds the hits were banded with: the model's own (90/70 for the
    // bundled model), not the seed's 75/40 that a 48% "weak" hit would contradict.
    const legend = /strong >= (\d+)%, possible >= (\d+)%, weak below/.exec(r.text);
    assert.ok(legend, r.text.split("\n")[0]);
    const [strong, possible] = [Number(legend[1]) / 100, Number(legend[2]) / 100];
    assert.deepEqual([strong, possible], [0.9, 0.7]);
    for (const h of r.hits) assert.equal(h.band, h.score >= strong ? "strong" : h.score >= possible ? "possible" : "weak", `${h.score} ${h.band}`);
  });

  test("search: maxChars bounds the text answer, which still lists every location that fits", async () => {
    const r = await call(client(), "search", { query: "history of Paris", k: 10, maxChars: 600 });
    assert.ok(!r.isError, r.text);
    assert.ok(r.text.length <= 600, `text answer is ${r.text.length} chars`);
    assert.ok(r.text.split("\n").filter((l) => /\.md:\d+-\d+ \(\d+% (strong|possible|weak)\)$/.test(l)).length >= 3);
    assert.equal(r.hits.length, 10, "structured content keeps every hit");
    const wide = await call(client(), "search", { query: "history of Paris", k: 10, maxChars: 20_000 });
    assert.ok(wide.text.length > r.text.length);
  });

  test("search: a front matter filter, a path prefix and a glob narrow the hits", async () => {
    const byCategory = await call(client(), "search", { query: "famous places", k: 20, filter: { category: "geography" } });
    assert.ok(byCategory.hits.length > 0);
    for (const h of byCategory.hits) assert.equal(String(h.metadata.category).toLowerCase(), "geography", h.path);
    assert.ok(!byCategory.hits.some((h) => h.path === "15-python.md"));
    const none = await call(client(), "search", { query: "famous places", filter: { category: "no-such-category" } });
    assert.equal(none.hits.length, 0);
    assert.match(none.text, /No hit passes the filters/);
    const onlyFile = await call(client(), "search", { query: "tall structures", path: "07-mount-everest.md" });
    assert.deepEqual([...new Set(onlyFile.hits.map((h) => h.path))], ["07-mount-everest.md"]);
    const glob = await call(client(), "search", { query: "science", k: 20, path: "1*.md" });
    assert.ok(glob.hits.length > 0);
    for (const h of glob.hits) assert.match(h.path, /^1\d-/);
    const lexical = await call(client(), "search", { query: "Gutenberg", mode: "lexical", k: 3 });
    assert.equal(lexical.hits[0]?.path, "13-printing-press.md");
  });

  test("similar: passages like a range of a file, the range itself left out", async () => {
    const r = await call(client(), "similar", { path: "05-eiffel-tower.md", startLine: 6, endLine: 6, k: 5 });
    assert.ok(!r.isError, r.text);
    assert.equal(r.hits.length, 5);
    assert.ok(!r.hits.some((h) => h.path === "05-eiffel-tower.md" && h.startLine === 6));
    for (const h of r.hits) assert.equal(h.folder, folder);
    assert.match(r.text, /\.md:\d+-\d+ \(-?\d+% (strong|possible|weak)\)/);
  });

  test("status: the folder, its files and chunks, the model", async () => {
    const r = await call(client(), "status");
    assert.ok(!r.isError, r.text);
    const s = r.structuredContent as { state: string; chunks: number; files: number; model: string; folders: { name: string; chunks: number }[] };
    assert.ok(s.chunks >= 20, JSON.stringify(s));
    assert.equal(s.model, "bundled:use-lite");
    assert.ok(s.folders.some((f) => f.name === folder && f.chunks === 20));
    assert.match(r.text, /20 chunks/);
    assert.match(r.text, /strong >= 90%, possible >= 70%/);
  });

  test("bad input: unknown tool, wrong types, a huge k, paths outside the workspace: error results that say what to do", async () => {
    const unknown = await call(client(), "grep", { pattern: "x" });
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /no tool "grep".*search, similar, status, reindex/);
    const wrongType = await call(client(), "search", { query: "towers", k: "ten" });
    assert.equal(wrongType.isError, true);
    assert.match(wrongType.text, /k must be a whole number from 1 to 1000/);
    const noQuery = await call(client(), "search", { k: 3 });
    assert.equal(noQuery.isError, true);
    assert.match(noQuery.text, /query/);
    const huge = await call(client(), "search", { query: "towers", k: 100_000 });
    assert.equal(huge.isError, true);
    assert.match(huge.text, /k is at most 1000; ask for fewer hits/);
    const badMode = await call(client(), "search", { query: "towers", mode: "fuzzy" });
    assert.equal(badMode.isError, true);
    assert.match(badMode.text, /mode is one of semantic, lexical, hybrid/);
    const badFilter = await call(client(), "search", { query: "towers", filter: "category=geography" });
    assert.equal(badFilter.isError, true);
    assert.match(badFilter.text, /filter must be an object/);
    for (const path of ["../../etc", "/etc/passwd", "..\\secrets"]) {
      const out = await call(client(), "search", { query: "password", path });
      assert.equal(out.isError, true, path);
      assert.match(out.text, /outside the workspace/, path);
    }
    const similarOutside = await call(client(), "similar", { path: "/etc/hosts", startLine: 1, endLine: 2 });
    assert.equal(similarOutside.isError, true);
    assert.match(similarOutside.text, /outside the workspace/);
    const notIndexed = await call(client(), "similar", { path: "no-such-file.md", startLine: 1, endLine: 3 });
    assert.equal(notIndexed.isError, true);
    assert.match(notIndexed.text, /nothing is indexed at no-such-file\.md:1-3/);
    const backwards = await call(client(), "similar", { path: "05-eiffel-tower.md", startLine: 9, endLine: 2 });
    assert.equal(backwards.isError, true);
    assert.match(backwards.text, /endLine \(2\) is before startLine \(9\)/);
    // And the server still answers.
    const after = await call(client(), "search", { query: "Eiffel Tower", k: 1 });
    assert.equal(after.hits[0]?.path, "05-eiffel-tower.md");
  });
}
