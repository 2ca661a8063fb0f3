// The set-up every extension suite shares: a temporary workspace, the packaged .vsix installed in
// code-server with the bundled model (the server runs on the extension host's own Node, as it does
// for users), a browser on it, and scenarios that leave a screenshot and the extension's output
// when they fail.
import { after, before, test } from "node:test";
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
}

export function extensionSuite(opts: {
  name: string;
  /** Writes the workspace's files (runs in the before hook, so a missing fixture fails the suite). */
  prepare(dir: string): void;
  /** Added to the suite's settings: the bundled model, no minimap. (Nothing sets the server's Node:
   * it runs on code-server's extension-host Node 24, as with default settings.) */
  userSettings?: Record<string, unknown>;
}): ExtensionSuite {
  const ws = tempDir(`semsearch-e2e-${opts.name}-ws-`);
  let cs: CodeServer | undefined;
  let browser: BrowserSession | undefined;

  before(async () => {
    opts.prepare(ws.dir);
    cs = await startCodeServer({
      workspace: ws.dir,
      extensionVsix: packageProjectExtension(),
      name: opts.name,
      userSettings: {
        "semanticSearch.model": "bundled",
        "editor.minimap.enabled": false,
        ...opts.userSettings,
      },
    });
    browser = await openBrowser(cs.url);
    await waitForWorkbench(browser.page);
  }, { timeout: 420_000 });

  after(async () => {
    await browser?.close();
    await cs?.stop();
    ws.cleanup();
  });

  const page = (): Page => {
    if (!browser) throw new Error("e2e: the browser did not start (see the before hook's error)");
    return browser.page;
  };

  return {
    dir: ws.dir,
    page,
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
