// How the extension starts the language server (client/src/server-launch.ts): the index key goes in
// the server's environment, SEMSEARCH_DB_KEY, and nowhere in initializationOptions (which a client
// tracing the protocol prints); with encryption off, a key the editor inherited is unset for the
// server. And the server's side (server/src/lsp/env-key.ts): the key is taken out of process.env.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { DB_KEY_ENV, serverLaunch } from "../../client/src/server-launch";
import { KEY_ENV } from "../../server/src/cli/db-key";
import { databaseKeyFor, takeEnvKey } from "../../server/src/lsp/env-key";

const KEY = `x'${"c3".repeat(32)}'`;

/** The environment vscode-languageclient gives a server it forks: the host's, with NodeModule options.env laid over it. */
function childEnv(host: NodeJS.ProcessEnv, env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...host, ...env };
}

/** What a child process started with `env` sees of the key. */
function keySeenByChild(env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, ["-e", `process.stdout.write(process.env.${DB_KEY_ENV} ?? "<unset>")`], { env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test("the client's variable is the one the CLI and the server read", () => {
  assert.equal(DB_KEY_ENV, KEY_ENV);
});

test("with encryption on, the key is in the server's environment and nowhere in its initializationOptions", () => {
  const launch = serverLaunch({ storagePath: "/tmp/storage", model: "bundled", databaseKey: KEY });
  assert.equal(launch.env[DB_KEY_ENV], KEY);
  const wire = JSON.stringify(launch.initializationOptions);
  assert.equal(wire.includes(KEY), false, wire);
  assert.equal(wire.includes("c3c3c3c3"), false, wire);
  assert.equal("databaseKey" in launch.initializationOptions, false);
  assert.deepEqual(launch.initializationOptions, { storagePath: "/tmp/storage", model: "bundled", askForMissingModel: true });
  assert.equal(keySeenByChild(childEnv({ PATH: process.env.PATH }, launch.env)), KEY);
});

test("with encryption off, a key the editor inherited from its shell does not reach the server", () => {
  const launch = serverLaunch({ storagePath: "/tmp/storage", model: "" });
  assert.ok(DB_KEY_ENV in launch.env, "the variable is unset explicitly");
  assert.equal(launch.env[DB_KEY_ENV], undefined);
  assert.equal(launch.initializationOptions.model, undefined, "an empty model setting is the server's default");
  assert.equal(keySeenByChild(childEnv({ PATH: process.env.PATH, [DB_KEY_ENV]: "exported for the CLI" }, launch.env)), "<unset>");
});

test("the server takes the key out of its environment, so that its threads and processes never inherit it", () => {
  const env: NodeJS.ProcessEnv = { PATH: "/bin", [KEY_ENV]: KEY };
  assert.equal(takeEnvKey(env), KEY);
  assert.equal(KEY_ENV in env, false);
  assert.deepEqual(env, { PATH: "/bin" });
  assert.equal(takeEnvKey(env), undefined, "taken once");
  const empty: NodeJS.ProcessEnv = { [KEY_ENV]: "" };
  assert.equal(takeEnvKey(empty), undefined);
  assert.equal(KEY_ENV in empty, false);
});

test("initializationOptions.databaseKey still works, and wins over the environment's; the log never holds a key", () => {
  const logs: string[] = [];
  const log = (m: string) => logs.push(m);
  assert.equal(databaseKeyFor({}, KEY, log), KEY);
  assert.equal(databaseKeyFor({ databaseKey: "from init" }, undefined, log), "from init");
  assert.equal(logs.length, 0);
  assert.equal(databaseKeyFor({ databaseKey: "from init" }, KEY, log), "from init");
  assert.match(logs.join("\n"), /differ/);
  assert.equal(databaseKeyFor({}, undefined, log), undefined);
  // A malformed key is kept (the folders then refuse to open, saying why) and named by where it came from.
  logs.length = 0;
  assert.equal(databaseKeyFor({}, "x'abc'", log), "x'abc'");
  assert.match(logs.join("\n"), new RegExp(`${KEY_ENV}: a raw database key is written`));
  assert.equal(logs.some((l) => l.includes(KEY) || l.includes("x'abc'") || l.includes("from init")), false, logs.join("\n"));
});
