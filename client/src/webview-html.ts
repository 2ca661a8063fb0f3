// HTML of the two webviews (the sidebar's search panel and the embedding view). Pure (no `vscode`):
// the extension passes in the webview's CSP source and resource URIs. Every page has a strict CSP:
// nothing remote, no inline script or style; scripts run only with the page's nonce.
import { randomBytes } from "node:crypto";
import { INDEX_LANGUAGE_IDS } from "../../shared/src/languages";
import type { Band, BandThresholds, EmbedResult } from "../../shared/src/types";
import { bandOf, formatPercent } from "./format";
import type { VectorComparison } from "./vector-compare";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function makeNonce(): string {
  return randomBytes(18).toString("base64").replace(/[^A-Za-z0-9]/g, "");
}

export interface PageResources {
  /** `webview.cspSource` */
  cspSource: string;
  nonce: string;
  /** Stylesheets, in order. */
  styleUris: string[];
  /** Scripts, in the order they run. */
  scriptUris: string[];
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join("; ");
}

export function page(res: PageResources, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(res.cspSource, res.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${res.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join("\n")}
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
${res.scriptUris.map((u) => `<script nonce="${escapeHtml(res.nonce)}" src="${escapeHtml(u)}"></script>`).join("\n")}
</body>
</html>`;
}

// ------------------------------------------------------------------------------- search panel

export function searchPanelBody(): string {
  // The menu offers the languages as the index stores them (typescript, not typescriptreact): its
  // value is the filter itself.
  const langs = INDEX_LANGUAGE_IDS.map((l) => `<option value="${escapeHtml(l)}">${escapeHtml(l)}</option>`).join("");
  return `<form id="search-form" class="search-form" autocomplete="off">
  <label class="sr-only" for="query">Query</label>
  <input id="query" name="query" type="text" placeholder="Search by meaning, e.g. how do plants make food" aria-describedby="hint">
  <details id="filters">
    <summary>Filters</summary>
    <div class="fields">
      <label for="category">Category</label>
      <input id="category" name="category" type="text" placeholder="any, e.g. science">
      <label for="language">Language</label>
      <select id="language" name="language"><option value="">any</option>${langs}</select>
      <label for="kind">Kind</label>
      <select id="kind" name="kind"><option value="">any</option><option value="markdown">markdown</option><option value="code">code</option><option value="text">text</option></select>
      <label for="path">Path</label>
      <input id="path" name="path" type="text" placeholder="glob, e.g. docs/**">
    </div>
  </details>
  <div class="actions">
    <button id="search-button" type="submit">Search</button>
    <button id="clear-button" type="button" class="secondary">Clear</button>
  </div>
  <p id="hint" class="hint">Filters can also be typed in the query: category:science lang:python path:docs/** kind:code</p>
  <p id="status" class="status" role="status" aria-live="polite"></p>
</form>`;
}

// ------------------------------------------------------------------------------- embedding view

const fmt = (x: number, digits = 4) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

/**
 * Bars for a vector: one per dimension, up for positive and down for negative values, scaled to
 * `scale` (the largest |value| shown, so two charts can share a scale). The SVG stretches to the
 * width of its box; colours come from the theme through CSS classes.
 */
export function barChartSvg(values: readonly number[], opts: { label: string; scale?: number; height?: number; cls?: string }): string {
  const n = Math.max(1, values.length);
  const height = opts.height ?? 100;
  const mid = height / 2;
  const scale = opts.scale ?? (Math.max(...values.map(Math.abs), 0) || 1);
  const bars: string[] = [];
  values.forEach((v, i) => {
    const h = Math.min(mid, (Math.abs(v) / scale) * (mid - 1));
    const y = v >= 0 ? mid - h : mid;
    bars.push(`<rect x="${i}" y="${y.toFixed(2)}" width="0.8" height="${Math.max(h, 0.3).toFixed(2)}" class="${v >= 0 ? "pos" : "neg"}"><title>dim ${i}: ${fmt(v)}</title></rect>`);
  });
  return `<svg class="chart ${opts.cls ?? ""}" viewBox="0 0 ${n} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(opts.label)}">
<line class="axis" x1="0" x2="${n}" y1="${mid}" y2="${mid}" vector-effect="non-scaling-stroke"/>
${bars.join("")}
</svg>`;
}

function statsTable(r: EmbedResult): string {
  const s = r.stats;
  const cell = (k: string, v: string) => `<div class="stat"><span class="stat-label">${k}</span><span class="stat-value">${v}</span></div>`;
  return `<div class="stats">${cell("dimensions", String(r.dimensions))}${cell("min", fmt(s.min))}${cell("max", fmt(s.max))}${cell("mean", fmt(s.mean))}${cell("norm", fmt(s.norm))}</div>`;
}

function quote(text: string, max = 400): string {
  const t = text.length > max ? `${text.slice(0, max)}…` : text;
  return `<blockquote class="source-text">${escapeHtml(t)}</blockquote>`;
}

export interface EmbeddedText {
  text: string;
  result: EmbedResult;
}

/** The whole content area of the embedding view: one vector, or two compared side by side. */
/** A text longer than the model reads was embedded from its start: the panel says how much. */
function cutNote(r: EmbedResult): string {
  return r.truncated ? `<p class="note" role="note">${escapeHtml(r.truncated.message)}</p>` : "";
}

export function embeddingContent(first: EmbeddedText, second?: { embedded: EmbeddedText; comparison: VectorComparison }, thresholds?: BandThresholds): string {
  if (!second) {
    const r = first.result;
    const rows = r.vector.map((v, i) => `<tr><td>${i}</td><td class="${v >= 0 ? "pos" : "neg"}">${fmt(v, 6)}</td></tr>`).join("");
    return `<section class="vector" aria-label="Embedding">
${quote(first.text)}
<p class="muted">Model <code>${escapeHtml(r.model)}</code> · ${r.dimensions} dimensions</p>
${cutNote(r)}
${statsTable(r)}
<h2>Values</h2>
${barChartSvg(r.vector, { label: `Values of the ${r.dimensions} dimensions` })}
<details class="table-wrap" open><summary>Table of ${r.dimensions} values</summary>
<table class="values"><thead><tr><th>dim</th><th>value</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</section>`;
  }
  const a = first.result;
  const b = second.embedded.result;
  const c = second.comparison;
  const scale = Math.max(...a.vector.map(Math.abs), ...b.vector.map(Math.abs), 0) || 1;
  const band: Band = bandOf(c.cosine, thresholds);
  const side = (label: string, e: EmbeddedText) => `<div class="side">
<h2>${label}</h2>
${quote(e.text, 240)}
${cutNote(e.result)}
${statsTable(e.result)}
${barChartSvg(e.result.vector, { label: `${label}: values of the ${e.result.dimensions} dimensions`, scale })}
</div>`;
  const topRows = c.top.map((d) => `<tr><td>${d.dim}</td><td>${fmt(d.a)}</td><td>${fmt(d.b)}</td><td class="${d.diff >= 0 ? "pos" : "neg"}">${fmt(d.diff)}</td></tr>`).join("");
  const rows = a.vector
    .map((v, i) => `<tr><td>${i}</td><td>${fmt(v, 6)}</td><td>${fmt(b.vector[i], 6)}</td><td class="${c.diffs[i] >= 0 ? "pos" : "neg"}">${fmt(c.diffs[i], 6)}</td></tr>`)
    .join("");
  return `<section class="comparison" aria-label="Comparison">
<div class="summary">
  <div class="stat big band-${band}"><span class="stat-label">cosine similarity</span><span class="stat-value" id="cosine">${formatPercent(c.cosine)}</span><span class="stat-note">${band} (${fmt(c.cosine)})</span></div>
  <div class="stat"><span class="stat-label">euclidean distance</span><span class="stat-value">${fmt(c.distance)}</span></div>
  <div class="stat"><span class="stat-label">mean |A − B|</span><span class="stat-value">${fmt(c.meanAbsDiff)}</span></div>
  <div class="stat"><span class="stat-label">max |A − B|</span><span class="stat-value">${fmt(c.maxAbsDiff)}</span></div>
</div>
<p class="muted">Model <code>${escapeHtml(a.model)}</code> · ${a.dimensions} dimensions · both charts share one scale (±${fmt(scale, 3)})</p>
<div class="side-by-side">
${side("A (selection)", first)}
${side("B", second.embedded)}
</div>
<h2>Per-dimension difference A − B</h2>
${barChartSvg(c.diffs, { label: "Per-dimension difference A minus B", cls: "diff" })}
<h3>Dimensions that differ most</h3>
<table class="values top"><thead><tr><th>dim</th><th>A</th><th>B</th><th>A − B</th></tr></thead><tbody>${topRows}</tbody></table>
<details class="table-wrap"><summary>Table of all ${a.dimensions} dimensions</summary>
<table class="values"><thead><tr><th>dim</th><th>A</th><th>B</th><th>A − B</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</section>`;
}

export function embeddingPageBody(initialContent: string): string {
  return `<header><h1>Embedding</h1></header>
<main id="content">${initialContent}</main>
<form id="compare-form" class="compare-form" autocomplete="off">
  <label for="second-text">Compare with a second text</label>
  <textarea id="second-text" rows="3" placeholder="Type a second text, e.g. The Eiffel Tower is in Paris."></textarea>
  <div class="actions">
    <button id="compare-button" type="submit">Compare</button>
    <button id="single-button" type="button" class="secondary">Show selection only</button>
  </div>
  <p id="compare-status" class="status" role="status" aria-live="polite"></p>
</form>`;
}

export function errorContent(message: string): string {
  return `<p class="error">${escapeHtml(message)}</p>`;
}
