// The set-up every extension suite shares: a temporary workspace, the packaged .vsix installed in
// code-server with the bundled model (the server runs on the extension host's own Node, as it does
// for users), a browser on it, and scenarios that leave a screenshot and the extension's output
// when they fail.
import { after, before, test } from "node:test";
import { copyFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  escape, openBrowser, packageProjectExtension, runCommand, screenshot, startCodeServer, tempDir, waitForWorkbench,
  type BrowserSession, type CodeServer, type Page,
} from "./harness";

export interface ExtensionSuite {
  /** The workspace folder VS Code has open. */
  readonly dir: string;
  page(): Page;
  /** A test that leaves `<suite>-<name>-FAILED.png` and the tail of the extension's output when it fails. */
  scenario(name: string, fn: (page: Page) => Promise<void>, timeout?: number): void;
  /** The code-server the suite started (its profile folders, its logs). */
  codeServer(): CodeServer;
  /** The suite's own copy of the packaged .vsix that was installed. */
  vsix(): string;
}

export function extensionSuite(opts: {
  name: string;
  /** Writes the workspace's files (runs in the before hook, so a missing fixture fails the suite). */
  prepare(dir: string): void;
  /** Added to the suite's settings: the bundled model, no minimap. (Nothing sets the server's Node:
   * it runs on code-server's extension-host Node 24, as with default settings.) null: a fresh
   * profile with no settings file at all, as a new user has. */
  userSettings?: Record<string, unknown> | null;
  /** Added to code-server's environment (the extension host and the server inherit it). */
  env?: Record<string, string>;
}): ExtensionSuite {
  const ws = tempDir(`semsearch-e2e-${opts.name}-ws-`);
  // A private copy of the .vsix: `npm run package` elsewhere may replace the one at the root meanwhile.
  const vsixDir = tempDir(`semsearch-e2e-${opts.name}-vsix-`);
  let vsix = "";
  let cs: CodeServer | undefined;
  let browser: BrowserSession | undefined;

  before(async () => {
    opts.prepare(ws.dir);
    const packaged = packageProjectExtension();
    vsix = join(vsixDir.dir, basename(packaged));
    copyFileSync(packaged, vsix);
    cs = await startCodeServer({
      workspace: ws.dir,
      extensionVsix: vsix,
      name: opts.name,
      userSettings: opts.userSettings === null ? null : { "semanticSearch.model": "bundled", "editor.minimap.enabled": false, ...opts.userSettings },
      env: opts.env,
    });
    browser = await openBrowser(cs.url);
    await waitForWorkbench(browser.page);
  }, { timeout: 420_000 });

  after(async () => {
    await browser?.close();
    await cs?.stop();
    ws.cleanup();
    vsixDir.cleanup();
  });

  const page = (): Page => {
    if (!browser) throw new Error("e2e: the browser did not start (see the before hook's error)");
    return browser.page;
  };

  return {
    dir: ws.dir,
    page,
    codeServer() {
      if (!cs) throw new Error("e2e: code-server did not start (see the before hook's error)");
      return cs;
    },
    vsix: () => vsix,
    scenario(name, fn, timeout = 180_000) {
      test(name, { timeout }, async () => {
        const p = page();
        try {
          await fn(p);
        } catch (err) {
          const slug = name.replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
          await screenshot(p, `${opts.name}-${slug}-FAILED`).catch(() => undefined);
          const output = cs?.readVSCodeLogs("Semantic Search") ?? "";
          if (err instanceof Error) err.message += `\n--- Semantic Search output (tail):\n${output.split("\n").slice(-25).join("\n")}`;
          throw err;
        }
      });
    },
  };
}

/** Closes quick inputs and every editor (webview panels included): each test starts from a clean window. */
export async function resetWindow(p: Page): Promise<void> {
  await escape(p, 2);
  await runCommand(p, "View: Close All Editors");
  await p.waitForTimeout(300);
}
