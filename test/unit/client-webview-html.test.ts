import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { EmbedResult } from "../../shared/src/types";
import { compareVectors, vectorStats } from "../../client/src/vector-compare";
import { barChartSvg, contentSecurityPolicy, embeddingContent, escapeHtml, makeNonce, page, searchPanelBody } from "../../client/src/webview-html";

const res = { cspSource: "https://file+.vscode-resource.vscode-cdn.net", nonce: "abc123", styleUris: ["https://x/webview.css"], scriptUris: ["https://x/embedding.js"] };
const embedded = (vector: number[], model = "Xenova/all-MiniLM-L6-v2"): EmbedResult => ({ model, dimensions: vector.length, vector, stats: vectorStats(vector) });

test("pages have a strict CSP: no remote or inline script, scripts only with the nonce", () => {
  const html = page(res, "T", "<p>body</p>");
  const csp = contentSecurityPolicy(res.cspSource, res.nonce);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/(?!file\+)/);
  assert.ok(html.includes(`content="${escapeHtml(csp)}"`));
  assert.match(html, /<script nonce="abc123" src="https:\/\/x\/embedding.js"><\/script>/);
  // Exactly one script, and no inline style attribute anywhere.
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.doesNotMatch(html + searchPanelBody(), /\sstyle=/);
});

test("a page's stylesheets and scripts come in the order given, every script with the nonce", () => {
  const html = page({ ...res, styleUris: ["https://x/a.css", "https://x/b.css"], scriptUris: ["https://x/lib.js", "https://x/view.js"] }, "T", "");
  assert.ok(html.indexOf("https://x/a.css") < html.indexOf("https://x/b.css"));
  assert.deepEqual([...html.matchAll(/<script nonce="abc123" src="([^"]+)"><\/script>/g)].map((m) => m[1]), ["https://x/lib.js", "https://x/view.js"]);
});

test("nonces are fresh and alphanumeric", () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9]{16,}$/);
});

test("text is escaped", () => {
  assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
  const html = embeddingContent({ text: "<script>alert(1)</script>", result: embedded([0.1, -0.2]) });
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test("the bar chart has one bar per dimension, positive up and negative down from the axis", () => {
  const svg = barChartSvg([1, -0.5, 0], { label: "v", height: 100 });
  const rects = [...svg.matchAll(/<rect x="(\d+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" class="(pos|neg)">/g)];
  assert.equal(rects.length, 3);
  const [up, down] = rects;
  assert.equal(up[4], "pos");
  assert.equal(Number(up[2]) + Number(up[3]), 50); // ends at the axis
  assert.equal(down[4], "neg");
  assert.equal(Number(down[2]), 50); // starts at the axis
  assert.ok(Number(up[3]) > Number(down[3]), "the larger value has the longer bar");
  assert.match(svg, /<title>dim 1: -0.5000<\/title>/);
  assert.match(svg, /viewBox="0 0 3 100"/);
});

test("one vector: dimensions, min, max, mean, norm, a chart and a table row per dimension", () => {
  const html = embeddingContent({ text: "The Eiffel Tower is in Paris.", result: embedded([0.6, -0.8, 0]) });
  for (const label of ["dimensions", "min", "max", "mean", "norm"]) assert.match(html, new RegExp(`<span class="stat-label">${label}</span>`));
  assert.match(html, /<span class="stat-value">1.0000<\/span>/); // the norm
  assert.equal(html.match(/<tr><td>\d+<\/td>/g)?.length, 3);
  assert.match(html, /<svg class="chart/);
});

test("a text longer than the model reads: the panel says how much was embedded; a short one has no note", () => {
  const message = "The text has 395 tokens (1,500 characters), and the model reads only its first 128 tokens: the first 487 characters were embedded, the rest was not.";
  const cut = embeddingContent({ text: "long <passage>", result: { ...embedded([0.6, -0.8]), truncated: { usedChars: 487, totalChars: 1500, tokens: 395, readTokens: 128, message } } });
  assert.match(cut, /<p class="note" role="note">The text has 395 tokens \(1,500 characters\)/);
  assert.doesNotMatch(embeddingContent({ text: "short", result: embedded([0.6, -0.8]) }), /class="note"/);
});

test("two vectors: cosine similarity with its band, both charts and the per-dimension differences", () => {
  const a = embedded([1, 0, 0, 0]);
  const b = embedded([0.8, 0.6, 0, 0]);
  const html = embeddingContent({ text: "A", result: a }, { embedded: { text: "B", result: b }, comparison: compareVectors(a.vector, b.vector) });
  assert.match(html, /<span class="stat-value" id="cosine">80.0%<\/span>/);
  assert.match(html, /band-strong/);
  assert.equal(html.match(/<svg class="chart/g)?.length, 3); // A, B and the difference
  assert.match(html, /Per-dimension difference A − B/);
  assert.match(html, /<td>1<\/td><td>0.0000<\/td><td>0.6000<\/td><td class="neg">-0.6000<\/td>/);
  const weak = embeddingContent({ text: "A", result: a }, { embedded: { text: "C", result: embedded([0, 1, 0, 0]) }, comparison: compareVectors(a.vector, [0, 1, 0, 0]) });
  assert.match(weak, /band-weak/);
});

test("the search panel has the query box and the four filter fields", () => {
  const html = searchPanelBody();
  for (const id of ["query", "category", "language", "kind", "path"]) assert.match(html, new RegExp(`id="${id}"`));
  assert.match(html, /<option value="python">python<\/option>/);
});

test("pure client modules do not import vscode (they run under node:test)", () => {
  const pure = ["query-parser.ts", "format.ts", "results-model.ts", "vector-compare.ts", "webview-html.ts", "runtime.ts"];
  const dir = join(import.meta.dirname ?? __dirname, "../../client/src");
  assert.ok(readdirSync(dir).includes("extension.ts"));
  for (const f of pure) assert.doesNotMatch(readFileSync(join(dir, f), "utf8"), /from "vscode"|require\("vscode"\)/, f);
});
