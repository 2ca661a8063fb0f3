import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MODEL_BANDS } from "../../shared/src/bands";
import { BUNDLED_MODEL_ID } from "../../server/src/embedding/bundled";
import { DEFAULT_SETTINGS } from "../../shared/src/protocol";

const root = join(import.meta.dirname ?? __dirname, "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const properties: Record<string, { default: unknown; enum?: unknown[] }> = pkg.contributes.configuration.properties;

function flatten(o: object, prefix = ""): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] =>
    v && typeof v === "object" && !Array.isArray(v) ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}

test("every server setting is contributed, with the server's default", () => {
  for (const [key, value] of flatten(DEFAULT_SETTINGS)) {
    const p = properties[`semanticSearch.${key}`];
    assert.ok(p, `semanticSearch.${key} is not in contributes.configuration`);
    assert.deepEqual(p.default, value, `default of semanticSearch.${key}`);
  }
  assert.deepEqual(properties["semanticSearch.trace.server"].enum, ["off", "messages", "verbose"]);
  assert.equal(properties["semanticSearch.server.runtime"].default, "");
});

test("the thresholds' description quotes the bands each model gets at the defaults", () => {
  const text = (properties["semanticSearch.thresholds.strong"] as unknown as { markdownDescription: string }).markdownDescription;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  for (const [model, label] of [["Xenova/all-MiniLM-L6-v2", "all-MiniLM-L6-v2"], [BUNDLED_MODEL_ID, "the bundled offline model"]]) {
    const b = MODEL_BANDS[model];
    assert.ok(text.includes(`${pct(b.strong)} / ${pct(b.possible)} for ${label}`), `${model}: ${text}`);
  }
});

test("the restricted settings of untrusted workspaces exist", () => {
  const trust = pkg.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, "limited");
  for (const key of trust.restrictedConfigurations) assert.ok(properties[key], key);
});

test("every contributed command is registered by the extension, and every menu entry names a contributed command", () => {
  const source = ["extension.ts"].map((f) => readFileSync(join(root, "client/src", f), "utf8")).join("\n");
  const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const id of contributed) assert.match(source, new RegExp(`registerCommand\\("${id.replace(".", "\\.")}"`), id);
  for (const entries of Object.values(pkg.contributes.menus) as { command: string }[][]) {
    for (const e of entries) assert.ok(contributed.has(e.command), `menu entry ${e.command}`);
  }
  assert.equal(pkg.main, "./dist/extension.js");
});
