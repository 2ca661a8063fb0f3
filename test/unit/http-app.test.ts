// The HTTP app in process (Fastify's inject, no port): it fails closed when the audit trail cannot
// be written, and its OpenAPI document comes from the schemas that validate requests.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { AuditLog } from "../../server/src/http/audit";
import { Authenticator } from "../../server/src/http/auth";
import { buildApp } from "../../server/src/http/app";
import type { ServedWorkspace } from "../../server/src/http/served-workspace";

/** Just enough of a served workspace for /v1/status. */
const served = {
  workspace: { folders: [], status: () => ({ state: "idle", files: 0, chunks: 0, model: "bundled:use-lite", storagePath: "" }) },
  folderNames: () => [],
  nameOf: () => "kb",
  status: () => ({ state: "idle", model: "bundled:use-lite", files: 0, chunks: 0, folders: [] }),
} as unknown as ServedWorkspace;

test("when an audit line cannot be written the answer is 503, and so is every API request after it", async () => {
  let appended = 0;
  const failing = {
    append() {
      appended++;
      throw new Error("ENOSPC: no space left on device");
    },
  } as unknown as AuditLog;
  const app = await buildApp({ served, auth: await Authenticator.create({}), audit: failing });
  const first = await app.inject({ method: "GET", url: "/v1/status" });
  assert.equal(first.statusCode, 503);
  assert.match(first.json().message, /audit trail cannot be written/);
  const second = await app.inject({ method: "GET", url: "/v1/status" });
  assert.equal(second.statusCode, 503);
  assert.match(second.json().message, /ENOSPC/);
  assert.equal((await app.inject({ method: "GET", url: "/health" })).statusCode, 200, "liveness still answers");
  assert.ok(appended >= 1);
  await app.close();
});

test("with a working audit trail the same request is answered and recorded", async () => {
  const lines: unknown[] = [];
  const audit = { append: (r: unknown) => void lines.push(r) } as unknown as AuditLog;
  const app = await buildApp({ served, auth: await Authenticator.create({}), audit });
  const r = await app.inject({ method: "GET", url: "/v1/status" });
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().model, "bundled:use-lite");
  assert.equal(lines.length, 1);
  assert.deepEqual(Object.keys(lines[0] as object).sort(), ["identity", "method", "ms", "remote", "route", "status"]);
  const spec = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
  assert.equal(spec.paths["/v1/search"].post.requestBody.content["application/json"].schema.additionalProperties, false);
  await app.close();
});

test("the server's own address, opened in a browser, leads to the API's pages", async () => {
  const app = await buildApp({ served, auth: await Authenticator.create({}) });
  const root = await app.inject({ method: "GET", url: "/" });
  assert.equal(root.statusCode, 302);
  assert.equal(root.headers.location, "/docs");
  const docs = await app.inject({ method: "GET", url: "/docs" });
  assert.ok(docs.statusCode < 400, `${docs.statusCode}`);
  await app.close();
});
