// Starts, stops and restarts the language server (dist/server.js) and tracks what the status bar and
// the results view show about it. The server runs on the extension host's Node unless
// `semanticSearch.server.runtime` names another one.
import * as vscode from "vscode";
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type NodeModule,
  type ServerOptions,
} from "vscode-languageclient/node";
import { EDITOR_LANGUAGE_IDS } from "../../shared/src/languages";
import { WorkDoneProgress, type RequestParam, type RequestType, type RequestType0, type WorkDoneProgressReport } from "vscode-languageclient";
import { DownloadModelRequest, StatusNotification, StatusRequest, type DownloadModelResult, type StatusResult } from "../../shared/src/protocol";
import { abiSummary, isAbiMismatch, isNodeTooOld, type ClientPhase } from "./format";
import { indexKey, restartOnEncryptChange } from "./index-key";
import { serverLaunch } from "./server-launch";
import { findOnPath, resolveRuntime } from "./runtime";
import { serverStoragePath } from "./server-storage";

/** The VS Code language ids whose buffers the server indexes (typescriptreact included): from the shared list. */
export const SERVER_LANGUAGES: readonly string[] = EDITOR_LANGUAGE_IDS;

/** Thrown by requests when the server is not running; the message says what to do. */
export class ServerNotRunning extends Error {}

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private _phase: ClientPhase = { kind: "stopped" };
  private readonly phaseEmitter = new vscode.EventEmitter<ClientPhase>();
  readonly onDidChangePhase = this.phaseEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** Listeners of the current client, dropped with it. */
  private clientDisposables: vscode.Disposable[] = [];
  /** One ABI warning per session is enough. */
  private abiWarned = false;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this.phaseEmitter, restartOnEncryptChange(() => void this.restart(), (m) => this.output.appendLine(m)));
  }

  get phase(): ClientPhase {
    return this._phase;
  }

  private setPhase(phase: ClientPhase): void {
    this._phase = phase;
    this.phaseEmitter.fire(phase);
  }

  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    const config = vscode.workspace.getConfiguration("semanticSearch");
    const runtimeSetting = config.get<string>("server.runtime", "");
    const runtime = resolveRuntime(runtimeSetting);
    if (runtime.kind === "missing") {
      const message = `semanticSearch.server.runtime: ${runtime.reason}.`;
      this.output.appendLine(message);
      this.setPhase({ kind: "failed", message });
      void this.showStartError(message, true);
      return;
    }
    let databaseKey: string | undefined;
    try {
      databaseKey = await indexKey(this.context.secrets);
    } catch (err) {
      const message = (err as Error).message;
      this.output.appendLine(message);
      this.setPhase({ kind: "failed", message });
      return;
    }
    // semanticSearch.encryptIndex (index-key.ts): every folder's store is encrypted under the key,
    // which reaches the server in its environment, never in initializationOptions (server-launch.ts).
    const launch = serverLaunch({ storagePath: serverStoragePath(this.context), model: config.get<string>("model"), databaseKey });
    const serverModule = this.context.asAbsolutePath("dist/server.js");
    const node: NodeModule = {
      module: serverModule,
      transport: TransportKind.ipc,
      runtime: runtime.kind === "path" ? runtime.path : undefined,
      options: { env: launch.env },
    };
    const serverOptions: ServerOptions = { run: node, debug: { ...node } };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SERVER_LANGUAGES.map((language) => ({ scheme: "file", language })),
      initializationOptions: launch.initializationOptions,
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      middleware: {
        // The server honours the setting too; dropping the request here saves the round trip.
        provideHover: (document, position, token, next) =>
          vscode.workspace.getConfiguration("semanticSearch", document.uri).get<boolean>("hover.enabled", true) ? next(document, position, token) : undefined,
      },
    };
    // The id makes the client read `semanticSearch.trace.server` by itself.
    const client = new LanguageClient("semanticSearch", "Semantic Search", serverOptions, clientOptions);
    this.client = client;
    this.setPhase({ kind: "starting" });
    this.clientDisposables.push(
      client.onNotification(StatusNotification.type, (status) => {
        if (this.client === client) this.onStatus(status);
      }),
      client.onDidChangeState((e) => {
        if (this.client !== client) return;
        if (e.newState === State.Stopped && this._phase.kind === "running") {
          this.setPhase({ kind: "failed", message: "the server stopped; see the Semantic Search output" });
        }
        if (e.newState === State.Running && this._phase.kind === "failed") this.setPhase({ kind: "running" });
      }),
    );
    this.output.appendLine(`Starting the server: ${node.runtime ?? `${process.execPath} (the extension host's Node ${process.version})`} ${serverModule}`);
    try {
      await client.start();
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      this.output.appendLine(`The server failed to start: ${message}`);
      if (this.client === client) {
        this.client = undefined;
        for (const d of this.clientDisposables) d.dispose();
        this.clientDisposables = [];
      }
      try {
        await client.dispose();
      } catch {
        // it never ran
      }
      this.setPhase({ kind: "failed", message });
      void this.showStartError(message, !!node.runtime);
      return;
    }
    if (this.client !== client) return;
    this.setPhase({ kind: "running" });
    try {
      this.onStatus(await client.sendRequest(StatusRequest.type));
    } catch (err) {
      this.output.appendLine(`status request failed: ${(err as Error).message}`);
    }
  }

  private onStatus(status: StatusResult): void {
    if (!this.client) return;
    this.setPhase({ kind: "running", status });
    if (status.state === "error" && (isAbiMismatch(status.message) || isNodeTooOld(status.message)) && !this.abiWarned) {
      this.abiWarned = true;
      void this.showAbiError(status.message!);
    }
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables) d.dispose();
    this.clientDisposables = [];
    if (client) {
      try {
        await client.stop(5000);
      } catch (err) {
        this.output.appendLine(`stopping the server: ${(err as Error).message}`);
      }
      await Promise.resolve(client.dispose()).catch(() => undefined);
    }
    this.setPhase({ kind: "stopped" });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.abiWarned = false;
    await this.start();
  }

  /**
   * A request to the running server, typed by its RequestType in shared/src/protocol.ts: the params
   * and the result come from the type object, so a change there breaks every call site that no longer
   * fits. Throws ServerNotRunning (with advice) when there is no server.
   */
  request<R>(type: RequestType0<R, void>, token?: vscode.CancellationToken): Promise<R>;
  request<P, R>(type: RequestType<P, R, void>, params: NoInfer<RequestParam<P>>, token?: vscode.CancellationToken): Promise<R>;
  async request<P, R>(
    type: RequestType0<R, void> | RequestType<P, R, void>,
    paramsOrToken?: RequestParam<P> | vscode.CancellationToken,
    lastToken?: vscode.CancellationToken,
  ): Promise<R> {
    if (this.starting) await this.starting;
    const client = this.client;
    if (!client || !client.isRunning()) {
      const why = this._phase.kind === "failed" ? `: ${this._phase.message}` : "";
      throw new ServerNotRunning(`The Semantic Search server is not running${why}. Run "Semantic Search: Restart Server" or see the Semantic Search output.`);
    }
    // The token only when there is one, as the client's overloads have it. (By method name, a trailing
    // `undefined` went out as a second parameter, [params, null]; with a type object vscode-jsonrpc sends
    // exactly the type's number of params, but an explicit undefined argument is still best avoided.)
    if (type.numberOfParams === 0) {
      const token = paramsOrToken as vscode.CancellationToken | undefined;
      const type0 = type as RequestType0<R, void>;
      return token ? client.sendRequest(type0, token) : client.sendRequest(type0);
    }
    const type1 = type as RequestType<P, R, void>;
    const params = paramsOrToken as RequestParam<P>;
    return lastToken ? client.sendRequest(type1, params, lastToken) : client.sendRequest(type1, params);
  }

  /** Downloads a model through the server, reporting its progress; cancelling the token stops it. */
  async downloadModel(model: string, onProgress: (report: WorkDoneProgressReport) => void, token: vscode.CancellationToken): Promise<DownloadModelResult> {
    if (this.starting) await this.starting;
    const client = this.client;
    if (!client || !client.isRunning()) throw new ServerNotRunning("The Semantic Search server is not running. Run \"Semantic Search: Restart Server\".");
    const workDoneToken = `semanticSearch/download/${Date.now()}`;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === "report") onProgress(value);
    });
    try {
      return await client.sendRequest(DownloadModelRequest.type, { model, workDoneToken }, token);
    } finally {
      listener.dispose();
    }
  }

  private async showStartError(message: string, runtimeSet: boolean): Promise<void> {
    if (isAbiMismatch(message)) return this.showAbiError(message);
    const advice = runtimeSet
      ? "Check semanticSearch.server.runtime: it must be a Node.js 22.14 (or later) executable."
      : "See the Semantic Search output for details.";
    const pick = await vscode.window.showErrorMessage(`Semantic Search: the language server could not start: ${message} ${advice}`, "Show Output", "Open Settings", "Retry");
    if (pick === "Show Output") this.output.show(true);
    else if (pick === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "semanticSearch.server.runtime");
    else if (pick === "Retry") void this.restart();
  }

  /**
   * The server's Node cannot load the database addon (too old for Node-API 10, or an addon bound to
   * another ABI): offer to run the server with another Node.
   */
  private async showAbiError(message: string): Promise<void> {
    this.output.error(`Native module built for another Node.js: ${message}`);
    const onPath = findOnPath("node");
    const current = vscode.workspace.getConfiguration("semanticSearch").get<string>("server.runtime", "").trim();
    const offerPath = onPath && onPath !== process.execPath && onPath !== current ? onPath : undefined;
    const { module, builtFor, needs } = abiSummary(message);
    const runner = current ? `the Node.js at ${current}` : `VS Code's own Node.js ${process.version}`;
    const abis = builtFor && needs ? ` (built for NODE_MODULE_VERSION ${builtFor}, this Node.js needs ${needs})` : "";
    const advice = `Set semanticSearch.server.runtime to a Node.js 22.14+ executable${offerPath ? ` (e.g. ${offerPath}, found on PATH)` : ""}`;
    const text = isNodeTooOld(message)
      ? `${message} ${advice}.`
      : `Semantic Search: the server's native module ${module ?? "better-sqlite3"} was built for a different Node.js than ${runner}${abis}. ${advice}, or rebuild the module for this Node.js.`;
    const USE = "Use Node on PATH";
    const CHOOSE = "Choose Node…";
    const SETTINGS = "Settings";
    const OUTPUT = "Output";
    const actions = [offerPath ? USE : undefined, CHOOSE, SETTINGS, OUTPUT].filter((a): a is string => !!a);
    const pick = await vscode.window.showErrorMessage(text, ...actions);
    if (pick === USE && offerPath) await this.setRuntime(offerPath);
    else if (pick === CHOOSE) {
      const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: "Use this Node.js", title: "Node.js executable for the Semantic Search server" });
      if (chosen?.[0]) await this.setRuntime(chosen[0].fsPath);
    } else if (pick === SETTINGS) void vscode.commands.executeCommand("workbench.action.openSettings", "semanticSearch.server.runtime");
    else if (pick === OUTPUT) this.output.show(true);
  }

  /** Saves the runtime in the user settings; the configuration listener restarts the server. */
  private async setRuntime(path: string): Promise<void> {
    await vscode.workspace.getConfiguration("semanticSearch").update("server.runtime", path, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }
}
