// An exception nobody caught leaves the server in a state nobody can vouch for. Say why, with the
// stack, then exit non-zero so that the client starts a fresh server (vscode-languageclient restarts a
// crashed server up to 4 times in 3 minutes).
import { writeSync } from "node:fs";
import type { Connection } from "vscode-languageserver/node";

export function exitOnUncaught(connection: Connection): void {
  process.on("uncaughtException", (err) => {
    const text = `Semantic Search server: ${(err as Error | undefined)?.stack ?? String(err)}\nThe server exits (code 1); the client may start it again.`;
    // stderr first and synchronously (process.stderr is asynchronous on POSIX pipes and would be lost
    // on exit); the log message goes out over the connection asynchronously, hence the short wait.
    try {
      writeSync(2, `${text}\n`);
    } catch {
      // stderr is gone
    }
    try {
      connection.console.error(text);
    } catch {
      // so is the connection
    }
    setTimeout(() => process.exit(1), 200);
  });
  // A rejection nobody handled: rethrown (its stack in the message), so the handler above logs it and exits.
  process.on("unhandledRejection", (reason) => {
    throw new Error(`unhandled promise rejection: ${(reason as Error | undefined)?.stack ?? String(reason)}`);
  });
}
