// Type-checking is tsc's job (npm run typecheck); this bundles each entry point with esbuild so that
// imports across server/, shared/ and client/ resolve at run time. Dependencies stay in node_modules:
// several are native (better-sqlite3, hnswlib-node, onnxruntime-node).
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";

const entries = [
  { in: "server/src/cli/main.ts", out: "cli" },
  { in: "server/src/embedding/embed-worker.ts", out: "embed-worker" },
  { in: "server/src/engine/engine-thread.ts", out: "engine-thread" },
  { in: "server/src/lsp/server.ts", out: "server" },
  { in: "server/src/mcp/main.ts", out: "mcp" },
].filter((e) => existsSync(e.in));

await build({
  entryPoints: entries,
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

if (existsSync("client/src/extension.ts")) {
  await build({
    entryPoints: [{ in: "client/src/extension.ts", out: "extension" }],
    outdir: "dist",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    external: ["vscode"],
    sourcemap: true,
    logLevel: "warning",
  });
}
// Chart.js (MIT, its licence header kept) for the inspect webviews: copied where the .vsix packages it.
if (existsSync("node_modules/chart.js/dist/chart.umd.js")) {
  mkdirSync("client/media/vendor", { recursive: true });
  copyFileSync("node_modules/chart.js/dist/chart.umd.js", "client/media/vendor/chart.umd.js");
}
console.log(`built ${entries.length + (existsSync("client/src/extension.ts") ? 1 : 0)} bundles into dist/`);
