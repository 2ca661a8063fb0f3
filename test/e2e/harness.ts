// End-to-end harness: a real VS Code (code-server from npm, on Node 24) driven by playwright-core
// in Debian's Chromium. Install the tools first with `bash scripts/e2e/setup.sh`.
//
//   const cs = await startCodeServer({ workspace, extensionVsix });
//   const { page, close } = await openBrowser(cs.url);
//   try { await waitForWorkbench(page); await runCommand(page, "My: Command"); ... }
//   finally { await close(); await cs.stop(); }
//
// Environment:
//   SEMSEARCH_E2E_HOME         cache folder of setup.sh (default ~/.cache/semsearch-e2e)
//   SEMSEARCH_E2E_NODE24       Node 24 binary       } default: read from $SEMSEARCH_E2E_HOME/paths.json,
//   SEMSEARCH_E2E_CODE_SERVER  code-server entry.js } written by setup.sh
//   SEMSEARCH_E2E_CHROMIUM     browser binary (default /usr/bin/chromium)
//   SEMSEARCH_E2E_KEEP=1       keep the temp folders (user data, extensions) after stop()
//   SEMSEARCH_E2E_HEADED=1     show the browser (needs a display)
//   SEMSEARCH_E2E_SLOWMO=ms    slow every browser action down

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// playwright-core lives in test/e2e/node_modules (installed by scripts/e2e/setup.sh). The root
// `npm run typecheck` runs before that install on a fresh clone: the ts-ignore keeps it green then
// (the types degrade to `any`), and the full types apply once test/e2e/node_modules exists.
// @ts-ignore -- resolved from test/e2e/node_modules after scripts/e2e/setup.sh
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";

export type { Browser, BrowserContext, Frame, Page };

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(E2E_DIR, "../..");
export const SCREENSHOT_DIR = join(E2E_DIR, "screenshots");
export const LOG_DIR = join(E2E_DIR, "logs");

/** Default wait for UI conditions. VS Code on a 2-core machine is slow to start: be generous. */
export const DEFAULT_TIMEOUT = Number(process.env.SEMSEARCH_E2E_TIMEOUT ?? 30_000);

// ------------------------------------------------------------------------------------ tool paths

export interface ToolPaths {
  node24: string;
  codeServer: string;
  chromium: string;
}

export function toolPaths(): ToolPaths {
  const home = process.env.SEMSEARCH_E2E_HOME ?? join(homedir(), ".cache", "semsearch-e2e");
  let fromFile: Partial<ToolPaths> = {};
  const pathsFile = join(home, "paths.json");
  if (existsSync(pathsFile)) fromFile = JSON.parse(readFileSync(pathsFile, "utf8"));
  const paths: ToolPaths = {
    node24: process.env.SEMSEARCH_E2E_NODE24 ?? fromFile.node24 ?? "",
    codeServer: process.env.SEMSEARCH_E2E_CODE_SERVER ?? fromFile.codeServer ?? "",
    chromium: process.env.SEMSEARCH_E2E_CHROMIUM ?? fromFile.chromium ?? "/usr/bin/chromium",
  };
  for (const [name, p] of Object.entries(paths)) {
    if (!p || !existsSync(p)) {
      throw new Error(`e2e: ${name} not found (${p || "no path"}); run \`bash scripts/e2e/setup.sh\` first (looked in ${pathsFile})`);
    }
  }
  return paths;
}

// ------------------------------------------------------------------------------------ processes

/** Every code-server process group still running, with its temp folders: cleaned up hard if this process exits without stop(). */
const liveGroups = new Map<number, string[]>();
/** Temp folders to remove when this process exits (browser profiles of sessions not closed). */
const exitDirs = new Set<string>();
let exitHookInstalled = false;
function cleanupNow(): void {
  for (const [pgid, dirs] of liveGroups) {
    try { process.kill(-pgid, "SIGKILL"); } catch { /* already gone */ }
    if (process.env.SEMSEARCH_E2E_KEEP !== "1") for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  liveGroups.clear();
  for (const d of exitDirs) rmSync(d, { recursive: true, force: true });
  exitDirs.clear();
}
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", cleanupNow);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      cleanupNow();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[sig]);
    });
  }
}

/**
 * A tiny watchdog in its own process group, one per test process, holding the read end of a pipe
 * from it. This process tells it, line by line, which process groups and temp folders are live.
 * When this process dies in any way (even SIGKILL, where no exit hook runs) the pipe closes and
 * the watchdog kills the live groups (code-server with its extension host) and removes the live
 * folders (code-server's temp folder, browser profile, tempDir() workspaces).
 */
const WATCHDOG_SRC = `
const groups = new Set(), dirs = new Set();
let buf = "";
process.stdin.on("data", (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf("\\n")) >= 0) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    const [op, ...rest] = line.split(" "); const arg = rest.join(" ");
    if (op === "+group") groups.add(Number(arg)); else if (op === "-group") groups.delete(Number(arg));
    else if (op === "+dir") dirs.add(arg); else if (op === "-dir") dirs.delete(arg);
  }
});
process.stdin.on("end", () => {
  for (const g of groups) { try { process.kill(-g, "SIGKILL"); } catch {} }
  setTimeout(() => {
    for (const d of dirs) { try { require("fs").rmSync(d, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  }, groups.size ? 500 : 0);
});
process.stdin.on("error", () => {});
process.stdin.resume();
`;
let watchdogStdin: { write(s: string): unknown } | undefined;
function watchdog(line: string): void {
  if (!watchdogStdin) {
    const wd = spawn(process.execPath, ["-e", WATCHDOG_SRC], {
      detached: true, stdio: ["pipe", "ignore", "ignore"], env: { PATH: process.env.PATH ?? "" },
    });
    wd.unref();
    const stdin = wd.stdin!;
    stdin.on("error", () => {});
    (stdin as unknown as { unref?(): void }).unref?.();
    watchdogStdin = stdin;
  }
  try { watchdogStdin.write(`${line}\n`); } catch { /* watchdog gone */ }
}
function watchDir(dir: string, live: boolean): void {
  if (process.env.SEMSEARCH_E2E_KEEP === "1") return;
  watchdog(`${live ? "+" : "-"}dir ${dir}`);
}

function groupAlive(pgid: number): boolean {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/** SIGTERM the whole process group, wait up to graceMs, then SIGKILL it. */
async function killGroup(pgid: number, graceMs = 5000): Promise<void> {
  try { process.kill(-pgid, "SIGTERM"); } catch { liveGroups.delete(pgid); return; }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pgid)) await sleep(100);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, "SIGKILL"); } catch { /* gone */ }
    const hard = Date.now() + 3000;
    while (Date.now() < hard && groupAlive(pgid)) await sleep(50);
  }
  liveGroups.delete(pgid);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** An environment for code-server without anything that would make it talk to another VS Code or write to $HOME. */
function cleanEnv(base: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith("VSCODE_") || k.startsWith("ELECTRON_") || k.startsWith("npm_") || k === "NODE_OPTIONS" || k === "TSX_TSCONFIG_PATH") continue;
    env[k] = v;
  }
  env.XDG_CONFIG_HOME = join(base, "xdg-config");
  env.XDG_DATA_HOME = join(base, "xdg-data");
  env.XDG_CACHE_HOME = join(base, "xdg-cache");
  env.DONT_PROMPT_WSL_INSTALL = "1";
  return { ...env, ...extra };
}

// ------------------------------------------------------------------------------------ code-server

export interface StartOptions {
  /** Folder (or .code-workspace file) to open. */
  workspace: string;
  /** A .vsix to install with `code-server --install-extension` into the fresh extensions dir. */
  extensionVsix?: string;
  /**
   * An unpacked extension: either an extension folder (holding package.json), which is linked into
   * the fresh extensions dir as <publisher>.<name>-<version>, or a folder of such extension folders,
   * which is used as --extensions-dir as it is.
   */
  extensionDir?: string;
  /**
   * Merged over the defaults (workspace trust off, telemetry off, no welcome page, ...). `null`: no
   * settings.json at all, the profile a new user starts with (VS Code creates the file when
   * something writes a user setting).
   */
  userSettings?: Record<string, unknown> | null;
  /** Extra environment for code-server and so its extension host (and the processes it starts, e.g. a language server). */
  env?: Record<string, string>;
  /** Name used for the log file test/e2e/logs/<name>.log (default: code-server-<port>). */
  name?: string;
  /** How long to wait for HTTP (default 60 s). */
  startTimeoutMs?: number;
  /** code-server shuts itself down after this many idle seconds without a browser (a safety net if this process is SIGKILLed). 0 = never. Default 120 (counted from start-up, paused while a browser is connected, and it restarts ~60 s after the last one leaves). */
  idleTimeoutSeconds?: number;
  /** Extra code-server arguments. */
  args?: string[];
}

export interface CodeServer {
  url: string;
  port: number;
  /** Temp folder holding user-data, extensions, config (removed by stop() unless SEMSEARCH_E2E_KEEP=1). */
  baseDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's stdout+stderr. */
  logFile: string;
  process: ChildProcess;
  /** The text of code-server's own log (stdout+stderr). */
  readLog(): string;
  /**
   * VS Code's logs under user-data-dir/logs (server, extension host, extensions' output channels),
   * concatenated with a header per file; `filter` keeps files whose path contains it
   * (e.g. "exthost", or an output channel's name).
   */
  readVSCodeLogs(filter?: string): string;
  /** Stops code-server and its whole process group; copies VS Code's logs next to the log file. Safe to call twice. */
  stop(): Promise<void>;
}

export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
  "security.workspace.trust.enabled": false,
  "security.workspace.trust.startupPrompt": "never",
  "telemetry.telemetryLevel": "off",
  "telemetry.feedback.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.layoutControl.enabled": false,
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "update.mode": "none",
  "update.showReleaseNotes": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "git.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "npm.fetchOnlinePackageInfo": false,
  "window.restoreWindows": "none",
  "files.hotExit": "off",
  "editor.accessibilitySupport": "off",
};

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const tools = toolPaths();
  installExitHook();
  const workspace = resolve(opts.workspace);
  if (!existsSync(workspace)) throw new Error(`e2e: workspace ${workspace} does not exist`);

  const baseDir = mkdtempSync(join(tmpdir(), "semsearch-e2e-"));
  watchDir(baseDir, true);
  const userDataDir = join(baseDir, "user-data");
  let extensionsDir = join(baseDir, "extensions");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (opts.userSettings !== null) {
    writeFileSync(join(userDataDir, "User", "settings.json"), JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...opts.userSettings }, null, 2));
  }
  const configFile = join(baseDir, "config.yaml");
  writeFileSync(configFile, "auth: none\ncert: false\n");

  const port = await freePort();
  const name = opts.name ?? `code-server-${port}`;
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${name}.log`);
  writeFileSync(logFile, "");
  const env = cleanEnv(baseDir, opts.env);
  const common = ["--config", configFile, "--user-data-dir", userDataDir];

  if (opts.extensionDir) {
    const dir = resolve(opts.extensionDir);
    if (existsSync(join(dir, "package.json"))) {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const id = `${pkg.publisher}.${pkg.name}-${pkg.version}`;
      symlinkSync(dir, join(extensionsDir, id), "dir");
    } else if (existsSync(dir) && statSync(dir).isDirectory()) {
      extensionsDir = dir;
    } else {
      throw new Error(`e2e: extensionDir ${dir} is neither an extension folder nor a folder of extensions`);
    }
  }

  if (opts.extensionVsix) {
    const vsix = resolve(opts.extensionVsix);
    if (!existsSync(vsix)) throw new Error(`e2e: ${vsix} does not exist`);
    const r = spawnSync(tools.node24, [tools.codeServer, ...common, "--extensions-dir", extensionsDir, "--force", "--install-extension", vsix], {
      env, encoding: "utf8", timeout: 120_000,
    });
    writeFileSync(logFile, `$ code-server --install-extension ${vsix}\n${r.stdout ?? ""}${r.stderr ?? ""}\n`, { flag: "a" });
    if (r.status !== 0 || r.error || !/was successfully installed/.test(`${r.stdout}${r.stderr}`)) {
      throw new Error(`e2e: installing ${vsix} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ""}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const args = [
    tools.codeServer, ...common,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    // an extension host whose browser went away lingers this long (VS Code's default: 3 hours)
    "--reconnection-grace-time", "60",
    "--extensions-dir", extensionsDir,
    ...(opts.idleTimeoutSeconds === 0 ? [] : ["--idle-timeout-seconds", String(opts.idleTimeoutSeconds ?? 120)]),
    ...(opts.args ?? []),
    workspace,
  ];
  const logFd = openSync(logFile, "a");
  writeFileSync(logFd, `$ ${tools.node24} ${args.join(" ")}\n`);
  // detached: its own process group, so stop() can kill code-server with its extension host, pty host, ...
  const child = spawn(tools.node24, args, { env, cwd: workspace, detached: true, stdio: ["ignore", logFd, logFd] });
  closeSync(logFd);
  const pgid = child.pid!;
  liveGroups.set(pgid, [baseDir]);
  watchdog(`+group ${pgid}`);
  let exited: string | undefined;
  child.on("exit", (code, signal) => { exited = `exited with ${signal ?? code}`; });

  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const readVSCodeLogs = (filter?: string) => {
    const root = join(userDataDir, "logs");
    if (!existsSync(root)) return "";
    return listFiles(root)
      .filter((f) => f.endsWith(".log") && (!filter || f.includes(filter)))
      .map((f) => `===== ${relative(root, f)}\n${readFileSync(f, "utf8")}`)
      .join("\n");
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killGroup(pgid);
    watchdog(`-group ${pgid}`);
    try {
      const logs = join(userDataDir, "logs");
      if (existsSync(logs)) cpSync(logs, join(LOG_DIR, `${name}-vscode-logs`), { recursive: true });
    } catch { /* best effort */ }
    if (process.env.SEMSEARCH_E2E_KEEP !== "1") rmSync(baseDir, { recursive: true, force: true, maxRetries: 3 });
    watchDir(baseDir, false);
  };

  const url = `http://127.0.0.1:${port}/`;
  const timeout = opts.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeout;
  try {
    for (;;) {
      if (exited) throw new Error(`e2e: code-server ${exited} before answering HTTP`);
      try {
        const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch { /* not yet */ }
      if (Date.now() > deadline) throw new Error(`e2e: code-server did not answer ${url}healthz within ${timeout} ms`);
      await sleep(200);
    }
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- ${logFile} (tail):\n${tail(readLog(), 40)}`);
  }
  return { url, port, baseDir, userDataDir, extensionsDir, logFile, process: child, readLog, readVSCodeLogs, stop };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

function tail(text: string, lines: number): string {
  return text.split("\n").slice(-lines).join("\n");
}

// ------------------------------------------------------------------------------------ browser

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--disable-breakpad",
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (useful in assertion messages). */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile and opens `url` (waits for the DOM, not for VS Code: use waitForWorkbench). */
export async function openBrowser(url: string, opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const tools = toolPaths();
  // Chromium's crash handler writes to $XDG_CONFIG_HOME/chromium even with a temp profile: keep $HOME clean
  const xdg = mkdtempSync(join(tmpdir(), "semsearch-e2e-chromium-"));
  installExitHook();
  exitDirs.add(xdg);
  watchDir(xdg, true);
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: tools.chromium,
      env: { ...process.env, XDG_CONFIG_HOME: join(xdg, "config"), XDG_CACHE_HOME: join(xdg, "cache") },
      headless: process.env.SEMSEARCH_E2E_HEADED !== "1",
      args: CHROMIUM_ARGS,
      slowMo: process.env.SEMSEARCH_E2E_SLOWMO ? Number(process.env.SEMSEARCH_E2E_SLOWMO) : undefined,
      timeout: 60_000,
    });
  } catch (e) {
    rmSync(xdg, { recursive: true, force: true });
    exitDirs.delete(xdg);
    watchDir(xdg, false);
    throw new Error(`e2e: launching ${tools.chromium} failed: ${(e as Error).message}`);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => {});
    rmSync(xdg, { recursive: true, force: true });
    exitDirs.delete(xdg);
    watchDir(xdg, false);
  };
  try {
    const context: BrowserContext = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    context.setDefaultTimeout(DEFAULT_TIMEOUT);
    const page: Page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m: { type(): string; text(): string }) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    page.on("pageerror", (e: Error) => consoleErrors.push(String(e)));
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60_000 });
    return { browser, context, page, consoleErrors, close };
  } catch (e) {
    await close();
    throw e;
  }
}

// ------------------------------------------------------------------------------------ workbench helpers

async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as Error;
    err.message = `e2e: ${what}: ${err.message}`;
    throw err;
  }
}

/** VS Code renders spaces in the editor as U+00A0; normalise for comparisons. */
export function normalizeText(s: string): string {
  return s.replace(/\u00a0/g, " ");
}

/** Waits until the workbench is up: status bar, activity bar and editor area rendered, the workspace folder in the explorer. */
export async function waitForWorkbench(page: Page, timeout = 90_000): Promise<void> {
  await step("waiting for the VS Code workbench", async () => {
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout });
    await page.locator(".monaco-workbench .part.statusbar").waitFor({ state: "visible", timeout });
    await page.locator(".monaco-workbench .part.editor").waitFor({ state: "visible", timeout });
    // the explorer shows the folder once the remote file system is connected
    await page.locator(".explorer-folders-view, .explorer-viewlet .monaco-list").first().waitFor({ state: "attached", timeout });
  });
  // let the first burst of restoring / extension activation settle
  await page.waitForTimeout(500);
}

async function quickInput(page: Page) {
  const widget = page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible", timeout: 10_000 });
  return { widget, input: widget.locator("input").first() };
}

/** Closes whatever quick input / menu is open. */
export async function escape(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press("Escape");
}

/**
 * Runs a command by its palette title ("Category: Title", as shown in the palette).
 * Fails clearly if no palette entry matches.
 */
export async function runCommand(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await step(`running command "${title}"`, async () => {
    const deadline = Date.now() + timeout;
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press("F1");
      const { widget, input } = await quickInput(page);
      await input.fill(`>${title}`);
      const row = widget.locator(".monaco-list-row", { has: page.locator(".label-name", { hasText: exactText(title) }) }).first();
      try {
        // contributed commands appear only once the extension host has registered them
        await row.waitFor({ state: "visible", timeout: Math.min(5000, Math.max(1000, deadline - Date.now())) });
      } catch {
        const shown = await widget.locator(".monaco-list-row .label-name").allInnerTexts().catch(() => []);
        await escape(page);
        if (Date.now() > deadline) throw new Error(`no palette entry "${title}" after ${attempt} tries; the palette showed: ${JSON.stringify(shown.slice(0, 10))}`);
        await page.waitForTimeout(500);
        continue;
      }
      await row.click();
      // the palette closes, or the command opens a quick input of its own in the same widget
      for (const until = Date.now() + 5000; Date.now() < until; await page.waitForTimeout(50)) {
        if (!(await widget.isVisible().catch(() => false))) break;
        if ((await input.inputValue().catch(() => "")) !== `>${title}`) break;
      }
      return;
    }
  });
}

function exactText(s: string): RegExp {
  return new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}

/** Opens a workspace file by its path relative to the workspace root with Quick Open (Ctrl+P); waits for its editor tab. */
export async function openFile(page: Page, relPath: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await step(`opening ${relPath}`, async () => {
    const base = relPath.split("/").pop()!;
    const dir = relPath.includes("/") ? relPath.slice(0, relPath.lastIndexOf("/")) : "";
    // The active editor's .monaco-editor carries the file's URI in data-uri. With the workspace
    // folder from the page URL (?folder=...) the whole path is known; else match the end only.
    const folder = new URL(page.url()).searchParams.get("folder");
    const wanted = folder ? `${folder.replace(/\/$/, "")}/${relPath}` : `/${relPath}`;
    const editor = page.locator(".editor-group-container.active .monaco-editor[data-uri]").first();
    const opened = async (): Promise<boolean> => {
      const uri: string | null = await editor.getAttribute("data-uri", { timeout: 1000 }).catch(() => null);
      if (!uri) return false;
      const path = decodeURIComponent(new URL(uri).pathname);
      return folder ? path === wanted : path.endsWith(wanted);
    };
    const deadline = Date.now() + timeout;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`not the active editor within ${timeout} ms`);
      await page.keyboard.press("Control+P");
      const { widget, input } = await quickInput(page);
      await input.fill(relPath);
      // a row shows the file name, and its folder as description (none for the workspace root):
      // match both, to tell same-named files apart
      const rows = widget.locator(".monaco-list-row");
      const findRow = () => rows.evaluateAll(
        (els: any[], a: { base: string; dir: string }) => els.findIndex((e: any) =>
          (e.querySelector(".label-name")?.textContent ?? "").trim() === a.base &&
          (e.querySelector(".label-description")?.textContent ?? "").trim() === a.dir),
        { base, dir },
      );
      let idx = -1;
      // file search needs the workspace indexed: retry until it is
      for (const until = Date.now() + 5000; Date.now() < until; await page.waitForTimeout(200)) {
        idx = await findRow();
        if (idx >= 0) break;
      }
      if (idx < 0) {
        const shown = await rows.evaluateAll((els: any[]) => els.map((e: any) => e.getAttribute("aria-label")));
        await escape(page);
        if (Date.now() > deadline) throw new Error(`Quick Open found no "${relPath}"; it showed: ${JSON.stringify(shown)}`);
        await page.waitForTimeout(500);
        continue;
      }
      // results stream in and re-render the list: settle, then take the row again
      await page.waitForTimeout(300);
      idx = await findRow();
      if (idx < 0) { await escape(page); continue; }
      await rows.nth(idx).click();
      for (const until = Date.now() + 5000; Date.now() < until; await page.waitForTimeout(100)) {
        if (await opened()) {
          await editor.locator(".view-lines").waitFor({ state: "visible" });
          return;
        }
      }
      // a wrong row was clicked (the list changed under the click) or the editor is slow: again
    }
  });
}

/** Text of the visible lines of the active text editor (only what is rendered: VS Code virtualises long files). */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator(".editor-group-container.active .monaco-editor .view-lines .view-line");
  // view-lines are absolutely positioned and not in DOM order: sort by their `top`
  const items: { top: number; text: string }[] = await lines.evaluateAll((els: any[]) =>
    els.map((el: any) => ({ top: parseFloat(el.style.top || "0"), text: el.textContent ?? "" })),
  );
  return normalizeText(items.sort((a, b) => a.top - b.top).map((l) => l.text).join("\n"));
}

/** Saves a PNG of the page to test/e2e/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, "_")}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Messages of the notification toasts currently shown (bottom right). */
export async function readNotifications(page: Page): Promise<string[]> {
  const texts: string[] = await page.locator(".notifications-toasts .notification-toast .notification-list-item-message").allInnerTexts();
  return texts.map((t) => normalizeText(t).trim());
}

/** Waits for a notification toast whose message contains `text`; returns its full message. */
export async function waitForNotification(page: Page, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<string> {
  return step(`waiting for a notification ${text}`, async () => {
    const loc = page.locator(".notifications-toasts .notification-toast .notification-list-item-message", { hasText: text }).first();
    try {
      await loc.waitFor({ state: "visible", timeout });
    } catch {
      throw new Error(`not shown within ${timeout} ms; toasts shown: ${JSON.stringify(await readNotifications(page))}`);
    }
    return normalizeText(await loc.innerText()).trim();
  });
}

/** The notification toast whose message contains `text` (a playwright locator; it may not exist yet). */
export function notificationToast(page: Page, text: string | RegExp) {
  return page.locator(".notifications-toasts .notification-toast", {
    has: page.locator(".notification-list-item-message", { hasText: text }),
  }).first();
}

/**
 * The labels of the buttons of the toast whose message contains `text`, in order (waits for the
 * toast). A toast shows its buttons only when expanded: a collapsed one is expanded first.
 */
export async function notificationButtons(page: Page, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<string[]> {
  return step(`reading the buttons of the notification ${text}`, async () => {
    const toast = notificationToast(page, text);
    await toast.waitFor({ state: "visible", timeout });
    const buttons = toast.locator(".notification-list-item-buttons-container .monaco-button");
    if (!(await buttons.count())) {
      const expand = toast.locator(".codicon-notifications-expand, .codicon-chevron-up").first();
      if (await expand.isVisible().catch(() => false)) await expand.click();
      await buttons.first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {});
    }
    return (await buttons.allInnerTexts()).map((t: string) => normalizeText(t).trim());
  });
}

/** Clicks the button `label` of the toast whose message contains `text`; waits for the toast to go. */
export async function clickNotificationButton(page: Page, text: string | RegExp, label: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await step(`clicking "${label}" in the notification ${text}`, async () => {
    const labels = await notificationButtons(page, text, timeout);
    if (!labels.includes(label)) throw new Error(`the notification has no button "${label}"; its buttons: ${JSON.stringify(labels)}`);
    const toast = notificationToast(page, text);
    await toast.locator(".notification-list-item-buttons-container .monaco-button", { hasText: exactText(label) }).first().click();
    await toast.waitFor({ state: "hidden", timeout });
  });
}

/** Clears all notifications (command "Notifications: Clear All Notifications"). */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, "Notifications: Clear All Notifications");
}

/** Waits until `text` is visible anywhere in the page (not inside webviews: use webviewFrame). */
export async function waitForText(page: Page | Frame, text: string | RegExp, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await step(`waiting for text ${text}`, async () => {
    await page.getByText(text).first().waitFor({ state: "visible", timeout });
  });
}

/**
 * Hovers the first occurrence of `token` in the active editor's rendered lines and returns the
 * text of the hover widget that appears (waits for it to contain `expect` when given).
 * Moves the mouse onto the middle of the token's characters, measured with a DOM Range.
 */
export async function hoverText(page: Page, token: string, opts: { expect?: string | RegExp; timeout?: number; occurrence?: number } = {}): Promise<string> {
  return step(`hovering "${token}"`, async () => {
    const timeout = opts.timeout ?? DEFAULT_TIMEOUT;
    await page.locator(".monaco-hover").first().waitFor({ state: "hidden", timeout: 1000 }).catch(() => {});
    const box = await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().evaluate(
      // runs in the browser; the project's tsconfig has no DOM lib, hence the `any`s
      (root: any, args: { token: string; occurrence: number }) => {
        const doc = (globalThis as any).document;
        const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
        const lines: any[] = Array.from(root.querySelectorAll(".view-line"));
        lines.sort((a, b) => parseFloat(a.style.top || "0") - parseFloat(b.style.top || "0"));
        let seen = 0;
        for (const line of lines) {
          // the line's text nodes, and the token's offset in their concatenation
          const walker = doc.createTreeWalker(line, SHOW_TEXT);
          const nodes: { data: string }[] = [];
          let full = "";
          for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n); full += n.data; }
          const norm = full.replace(/\u00a0/g, " ");
          let idx = norm.indexOf(args.token);
          while (idx >= 0 && seen < args.occurrence) { seen++; idx = norm.indexOf(args.token, idx + 1); }
          if (idx < 0) continue;
          // map the token's middle character back to its text node and measure it
          const mid = idx + Math.floor(args.token.length / 2);
          let off = 0;
          for (const node of nodes) {
            if (mid < off + node.data.length) {
              const range = doc.createRange();
              range.setStart(node, mid - off);
              range.setEnd(node, mid - off + 1);
              const r = range.getBoundingClientRect();
              return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
            }
            off += node.data.length;
          }
        }
        return null;
      },
      { token, occurrence: opts.occurrence ?? 0 },
    );
    if (!box) throw new Error(`"${token}" is not among the rendered lines of the active editor: ${JSON.stringify((await editorText(page)).slice(0, 400))}`);
    await page.mouse.move(box.x - 20, box.y + 40);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    const hover = page.locator(".monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents").first();
    if (opts.expect) {
      await page.locator(".monaco-hover:not(.hidden)", { hasText: opts.expect }).first().waitFor({ state: "visible", timeout });
    } else {
      await hover.waitFor({ state: "visible", timeout });
    }
    return normalizeText(await page.locator(".monaco-hover:not(.hidden)").first().innerText()).trim();
  });
}

/**
 * The content frame of a webview (VS Code nests it: iframe.webview → iframe#active-frame).
 * With `hasText`, waits for the webview whose body contains that text (several may be open).
 */
export async function webviewFrame(page: Page, opts: { hasText?: string | RegExp; timeout?: number } = {}): Promise<Frame> {
  return step("finding the webview frame", async () => {
    const timeout = opts.timeout ?? DEFAULT_TIMEOUT;
    const deadline = Date.now() + timeout;
    for (;;) {
      const candidates = page.frames().filter((f: Frame) => {
        const parent = f.parentFrame();
        return !!parent && /webview/.test(parent.url()) && (f.name() === "active-frame" || /fake\.html/.test(f.url()));
      });
      for (const f of candidates) {
        if (!opts.hasText) {
          if (await f.locator("body").count().catch(() => 0)) return f;
          continue;
        }
        const body = await f.locator("body").innerText({ timeout: 1000 }).catch(() => "");
        if (typeof opts.hasText === "string" ? body.includes(opts.hasText) : opts.hasText.test(body)) return f;
      }
      if (Date.now() > deadline) {
        const urls = page.frames().map((f: Frame) => f.url());
        throw new Error(`no webview${opts.hasText ? ` containing ${opts.hasText}` : ""} within ${timeout} ms; frames: ${JSON.stringify(urls)}`);
      }
      await page.waitForTimeout(250);
    }
  });
}

/** Text of the body of the (first, or matching) webview. */
export async function webviewText(page: Page, opts: { hasText?: string | RegExp; timeout?: number } = {}): Promise<string> {
  const f = await webviewFrame(page, opts);
  return normalizeText(await f.locator("body").innerText());
}

// ------------------------------------------------------------------------------------ views, trees, quick picks

/**
 * Selects whole lines of the active editor by clicking the line number `from` and shift-clicking
 * `to` (1-based, both rendered). The selection ends at the start of the line after `to`, as
 * clicking the gutter does in VS Code.
 */
export async function selectLines(page: Page, from: number, to = from): Promise<void> {
  await step(`selecting lines ${from}–${to}`, async () => {
    const gutter = (n: number) => page.locator(".editor-group-container.active .monaco-editor .margin-view-overlays .line-numbers", { hasText: new RegExp(`^\\s*${n}\\s*$`) }).first();
    await gutter(from).click();
    if (to !== from) await gutter(to).click({ modifiers: ["Shift"] });
    await page.waitForTimeout(150);
  });
}

/** A status bar item by its id (an extension's item is `<publisher>.<name>.<id>` in the DOM: the suffix is enough). */
export async function statusBarItem(page: Page, id: string): Promise<{ text: string; label: string } | undefined> {
  const item = page.locator(`.part.statusbar .statusbar-item[id="${id}"], .part.statusbar .statusbar-item[id$=".${id}"]`).first();
  if (!(await item.count())) return undefined;
  // Both read in one turn of the page: read one after the other, an update between them gave the
  // new label ("State: ready") with the old text ("indexing").
  const read = await item.evaluate((el: any) => ({ text: String(el.innerText ?? ""), label: String(el.getAttribute("aria-label") ?? "") })).catch(() => ({ text: "", label: "" }));
  return { text: normalizeText(read.text).trim(), label: normalizeText(read.label).trim() };
}

/** Opens a view container of the activity bar (e.g. an extension's sidebar) by its title; waits for the side bar to show it. */
export async function openViewContainer(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await step(`opening the view container "${title}"`, async () => {
    // the label is the title, plus " (keybinding)" or " - <badge>" ("Semantic Search - 5 results")
    const label = page.locator([`="${title}"`, `^="${title} ("`, `^="${title} - "`].map((a) => `.action-label[aria-label${a}]`).join(", "));
    // the item, not its label: a badge on top of the label takes the click
    const icon = page.locator(".part.activitybar .action-item", { has: label }).first();
    await icon.waitFor({ state: "visible", timeout });
    const header = page.locator(".part.sidebar .composite.title", { hasText: title }).first();
    // clicking the icon of the container already shown would close the side bar
    if (!(await header.isVisible().catch(() => false))) await icon.click();
    await header.waitFor({ state: "visible", timeout });
  });
}

/** Makes the primary side bar wider (or narrower) by dragging its sash `dx` pixels. */
export async function resizeSideBar(page: Page, dx: number): Promise<void> {
  const sash = page.locator(".monaco-sash.primary-sidebar-sash").first();
  const box = await sash.boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx / 2, y, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + dx, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(200);
}

/** The pane (a view in a side bar or panel) whose header title starts with `title`. */
export function viewPane(page: Page, title: string) {
  return page.locator(".pane", { has: page.locator(`.pane-header[aria-label^="${title.replace(/"/g, '\\"')}"]`) }).first();
}

export interface ListRow {
  /** Tree depth from aria-level (1 = top); 0 in flat lists. */
  level: number;
  /** The label's main text (`.label-name`). */
  name: string;
  /** The label's description (`.label-description`), "" if none. */
  description: string;
  /** aria-label of the row (trees: the item's accessibility label or its tooltip). */
  ariaLabel: string;
  /** The whole visible text of the row. */
  text: string;
}

async function listRows(rows: ReturnType<Page["locator"]>): Promise<ListRow[]> {
  const raw: { top: number; level: number; name: string; description: string; ariaLabel: string; text: string }[] = await rows.evaluateAll((els: any[]) =>
    // rows of a hidden list (a quick input keeps the previous picker's list in the DOM) have no layout
    els.filter((e: any) => e.getClientRects().length > 0).map((e: any) => ({
      top: parseFloat(e.style.top || "0"),
      level: Number(e.getAttribute("aria-level") ?? 0),
      name: e.querySelector(".label-name")?.textContent ?? "",
      description: e.querySelector(".label-description")?.textContent ?? "",
      ariaLabel: e.getAttribute("aria-label") ?? "",
      text: e.innerText ?? "",
    })),
  );
  // list rows are absolutely positioned: DOM order is not row order
  return raw.sort((a, b) => a.top - b.top).map(({ top: _top, ...r }) => ({
    ...r, name: normalizeText(r.name).trim(), description: normalizeText(r.description).trim(), ariaLabel: normalizeText(r.ariaLabel).trim(), text: normalizeText(r.text).trim(),
  }));
}

/** The rendered rows of a tree or list view (only what is rendered: lists are virtualised). */
export async function viewRows(page: Page, viewTitle: string): Promise<ListRow[]> {
  return listRows(viewPane(page, viewTitle).locator(".monaco-list-row"));
}

/** Clicks the first row of a tree/list view whose text matches. */
export async function clickViewRow(page: Page, viewTitle: string, hasText: string | RegExp): Promise<void> {
  await step(`clicking "${hasText}" in the view "${viewTitle}"`, async () => {
    const row = viewPane(page, viewTitle).locator(".monaco-list-row", { hasText }).first();
    await row.waitFor({ state: "visible" });
    await row.click();
  });
}

/** The rows of the open quick input (quick pick / command palette), in order; `detail` is the second line. */
export async function quickPickRows(page: Page): Promise<(ListRow & { detail: string })[]> {
  const rows = await listRows(page.locator(".quick-input-widget .monaco-list-row"));
  return rows.map((r) => ({ ...r, detail: r.text.split("\n").slice(1).join(" ").trim() }));
}

/** Writes a file tree: { "a/b.md": "text" } under `root`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** A fresh temp folder, removed by the returned cleanup (or when the process exits) unless SEMSEARCH_E2E_KEEP=1. */
export function tempDir(prefix = "semsearch-e2e-ws-"): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const keep = process.env.SEMSEARCH_E2E_KEEP === "1";
  if (!keep) { installExitHook(); exitDirs.add(dir); watchDir(dir, true); }
  return {
    dir,
    cleanup: () => {
      if (keep) return;
      rmSync(dir, { recursive: true, force: true });
      exitDirs.delete(dir);
      watchDir(dir, false);
    },
  };
}

/**
 * Packages an extension folder into a .vsix with @vscode/vsce (from test/e2e/node_modules), offline.
 * Returns the .vsix path. The folder needs package.json with publisher, name, version and
 * engines.vscode. By default runs `vsce package --no-dependencies --allow-missing-repository
 * --skip-license` (pass `dependencies: true` to let vsce run `npm list` and bundle node_modules).
 */
export function packageVsix(extensionDir: string, opts: { out?: string; dependencies?: boolean; args?: string[] } = {}): string {
  const vsce = join(E2E_DIR, "node_modules", "@vscode", "vsce", "vsce");
  if (!existsSync(vsce)) throw new Error(`e2e: ${vsce} not found; run \`bash scripts/e2e/setup.sh\``);
  const pkg = JSON.parse(readFileSync(join(extensionDir, "package.json"), "utf8"));
  const out = resolve(opts.out ?? join(extensionDir, `${pkg.name}-${pkg.version}.vsix`));
  const args = [vsce, "package", opts.dependencies ? "--dependencies" : "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", out, ...(opts.args ?? [])];
  const r = spawnSync(process.execPath, args, {
    cwd: extensionDir, encoding: "utf8", timeout: 300_000, input: "", env: { ...process.env, VSCE_TELEMETRY: "off" },
  });
  if (r.status !== 0 || !existsSync(out)) {
    throw new Error(`e2e: vsce package failed (status ${r.status}${r.error ? `, ${r.error.message}` : ""}):\n${r.stdout}\n${r.stderr}`);
  }
  return out;
}

/**
 * The vsce target of this machine, computed as client/scripts/package.mjs does: `<os>-<arch>`
 * with `alpine` for musl Linux (`linux-x64`, `alpine-x64`, `darwin-arm64`, `win32-x64`, ...).
 */
export function vsixTarget(): string {
  let os: string = process.platform;
  if (os === "linux") {
    const report = (process.report?.getReport?.() ?? {}) as { header?: { glibcVersionRuntime?: string } };
    if (!report.header?.glibcVersionRuntime) os = "alpine";
  }
  return `${os}-${process.arch}`;
}

/**
 * The names `npm run package` may give the project's .vsix for `target`, preferred first:
 * `semantic-search-<version>-<target>.vsix` (one .vsix per target) and the older
 * `semantic-search-<version>.vsix`. Absolute paths at the repository root.
 */
export function projectVsixNames(target = vsixTarget()): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
  return [`${pkg.name}-${pkg.version}-${target}.vsix`, `${pkg.name}-${pkg.version}.vsix`].map((n) => join(REPO_ROOT, n));
}

/**
 * The project's packaged .vsix for `target` (default: this machine's) at the repository root:
 * the per-target name when present, else the plain name; with `newerThan` (ms since the epoch)
 * only a file written since then counts. `undefined` if there is none.
 */
export function findProjectVsix(opts: { target?: string; newerThan?: number } = {}): string | undefined {
  return projectVsixNames(opts.target).find((f) => existsSync(f) && (opts.newerThan === undefined || statSync(f).mtimeMs >= opts.newerThan));
}

/**
 * The project's own extension packaged the way it ships: `npm run package` at the repository root
 * (builds the bundles, then vsce with the production node_modules, native modules included; about
 * a minute). Returns the .vsix path for this machine's target: `semantic-search-<version>-<target>.vsix`
 * (e.g. `-linux-x64`) when the packager wrote one, else `semantic-search-<version>.vsix`; only a file
 * written by this run counts. The output goes to test/e2e/logs/package.log.
 * SEMSEARCH_E2E_VSIX=<file> skips packaging and uses that .vsix.
 */
export function packageProjectExtension(opts: { timeoutMs?: number } = {}): string {
  const given = process.env.SEMSEARCH_E2E_VSIX;
  if (given) {
    const vsix = resolve(given);
    if (!existsSync(vsix)) throw new Error(`e2e: SEMSEARCH_E2E_VSIX=${given}: no such file`);
    return vsix;
  }
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (k !== "NODE_OPTIONS" && k !== "TSX_TSCONFIG_PATH") env[k] = v;
  const started = Date.now();
  const r = spawnSync("npm", ["run", "package"], { cwd: REPO_ROOT, env, encoding: "utf8", timeout: opts.timeoutMs ?? 300_000, input: "" });
  mkdirSync(LOG_DIR, { recursive: true });
  const log = join(LOG_DIR, "package.log");
  writeFileSync(log, `$ npm run package (in ${REPO_ROOT}, ${((Date.now() - started) / 1000).toFixed(1)} s, status ${r.status})\n${r.stdout ?? ""}\n${r.stderr ?? ""}`);
  // (a second's slack: some file systems keep mtimes in whole seconds)
  const out = r.status === 0 && !r.error ? findProjectVsix({ newerThan: started - 1000 }) : undefined;
  if (!out) {
    const why = r.status === 0 && !r.error ? `; it wrote none of ${projectVsixNames().map((f) => relative(REPO_ROOT, f)).join(", ")}` : "";
    throw new Error(`e2e: npm run package failed (status ${r.status}${r.error ? `, ${r.error.message}` : ""}${why}; full output in ${log}):\n${tail(`${r.stdout ?? ""}\n${r.stderr ?? ""}`, 30)}`);
  }
  return out;
}
