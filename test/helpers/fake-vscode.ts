// Client modules import "vscode", which only an editor provides. Unit tests of the client hand them a
// fake: after installFakeVscode, `import * as vscode from "vscode"` (and require) resolve to it.
import Module from "node:module";

export function installFakeVscode(fake: object): void {
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === "vscode" ? "vscode" : resolveFilename.call(this, request, ...rest);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: fake } as unknown as NodeJS.Module;
}

/** vscode.CancellationTokenSource's shape: cancel() sets the token's flag. */
export class FakeTokenSource {
  token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  cancel() {
    this.token.isCancellationRequested = true;
  }
  dispose() {}
}
