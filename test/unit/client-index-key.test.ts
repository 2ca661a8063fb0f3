// The extension's index key (client/src/index-key.ts) against a fake `vscode` module: off by default,
// created once in SecretStorage on first use and reused, what another window stored wins, and the
// setting restarts the server. Plus the manifest entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installFakeVscode } from "../helpers/fake-vscode";

type Listener = (e: { affectsConfiguration(section: string): boolean }) => void;
const settings: Record<string, unknown> = {};
const configListeners: Listener[] = [];
const fakeVscode = {
  workspace: {
    getConfiguration: (section: string) => ({ get: (key: string, fallback?: unknown) => settings[`${section}.${key}`] ?? fallback }),
    onDidChangeConfiguration: (l: Listener) => (configListeners.push(l), { dispose() {} }),
  },
};
installFakeVscode(fakeVscode);
const { indexKey, restartOnEncryptChange, KEY_SECRET } = require("../../client/src/index-key") as typeof import("../../client/src/index-key");

class FakeSecrets {
  values = new Map<string, string>();
  stores = 0;
  /** Another window storing its own key between this one's store and get. */
  race: string | undefined;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.stores++;
    this.values.set(key, this.race ?? value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
  onDidChange = () => ({ dispose() {} });
}

test("off by default: no key, nothing stored", async () => {
  delete settings["semanticSearch.encryptIndex"];
  const secrets = new FakeSecrets();
  assert.equal(await indexKey(secrets as never), undefined);
  assert.equal(secrets.stores, 0);
});

test("on: a random 32-byte raw key is created once in SecretStorage and reused", async () => {
  settings["semanticSearch.encryptIndex"] = true;
  const secrets = new FakeSecrets();
  const key = await indexKey(secrets as never);
  assert.match(key ?? "", /^x'[0-9a-f]{64}'$/);
  assert.equal(secrets.values.get(KEY_SECRET), key);
  assert.equal(await indexKey(secrets as never), key, "the same key next time");
  assert.equal(secrets.stores, 1);
  const other = await indexKey(new FakeSecrets() as never);
  assert.notEqual(other, key, "each profile's key is its own random one");
});

test("a key another window stored at the same moment is the one used", async () => {
  settings["semanticSearch.encryptIndex"] = true;
  const secrets = new FakeSecrets();
  secrets.race = `x'${"1".repeat(64)}'`;
  assert.equal(await indexKey(secrets as never), secrets.race);
});

test("changing semanticSearch.encryptIndex restarts the server; other settings do not", () => {
  let restarts = 0;
  const logs: string[] = [];
  restartOnEncryptChange(() => restarts++, (m) => logs.push(m));
  const fire = (changed: string) => configListeners.forEach((l) => l({ affectsConfiguration: (s) => s === changed }));
  fire("semanticSearch.model");
  assert.equal(restarts, 0);
  fire("semanticSearch.encryptIndex");
  assert.equal(restarts, 1);
  assert.match(logs[0], /encryptIndex changed: restarting the server/);
});

test("the manifest declares the setting: boolean, off, machine scope", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8"));
  const s = pkg.contributes.configuration.properties["semanticSearch.encryptIndex"];
  assert.deepEqual({ type: s.type, default: s.default, scope: s.scope }, { type: "boolean", default: false, scope: "machine" });
});
