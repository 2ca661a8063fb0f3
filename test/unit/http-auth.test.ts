// Authentication of the HTTP service: static tokens (hashed on disk), JWTs against a JWKS, scopes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { AuthError, Authenticator, type Identity } from "../../server/src/http/auth";
import { addToken, hashToken } from "../../server/src/http/tokens";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "bin", "semsearch");
const dir = mkdtempSync(join(tmpdir(), "http-auth-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const ISSUER = "https://idp.bank.test";
const AUDIENCE = "semsearch-api";

/** Asserts that `run` rejects with an AuthError of this status, and returns it. */
async function authError(run: () => Promise<unknown> | unknown, status: 401 | 403): Promise<AuthError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof AuthError, `expected an AuthError, got ${err}`);
    assert.equal(err.status, status, err.message);
    return err;
  }
  assert.fail(`expected an AuthError(${status})`);
}

describe("static tokens", () => {
  const file = join(dir, "tokens.json");
  let searchToken = "";
  let auth: Authenticator;
  before(async () => {
    searchToken = addToken(file, "ci-bot", ["search"]);
    addToken(file, "ops", ["search", "write", "admin"]);
    auth = await Authenticator.create({ tokensFile: file });
  });

  test("the file holds hashes only and is created with mode 0600", () => {
    const text = readFileSync(file, "utf8");
    assert.ok(!text.includes(searchToken), "the token itself must not be on disk");
    assert.ok(text.includes(hashToken(searchToken)));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(searchToken, /^ss_[A-Za-z0-9_-]{43}$/);
    assert.ok(auth.enabled);
  });

  test("a missing Authorization header is 401 with a bare Bearer challenge", async () => {
    const err = await authError(() => auth.authenticate(undefined), 401);
    assert.equal(err.wwwAuthenticate, 'Bearer realm="semsearch"');
  });

  test("another scheme is 401", async () => {
    const err = await authError(() => auth.authenticate("Basic dXNlcjpwYXNz"), 401);
    assert.match(err.wwwAuthenticate ?? "", /^Bearer realm="semsearch"/);
  });

  test("a wrong token is 401 with error=invalid_token", async () => {
    const err = await authError(() => auth.authenticate(`Bearer ss_${"A".repeat(43)}`), 401);
    assert.match(err.wwwAuthenticate ?? "", /^Bearer realm="semsearch", error="invalid_token", error_description="[^"]+"$/);
  });

  test("the right token gives its name and scopes; the scheme is case-insensitive", async () => {
    assert.deepEqual(await auth.authenticate(`Bearer ${searchToken}`), { id: "ci-bot", kind: "token", scopes: ["search"] });
    assert.equal((await auth.authenticate(`bearer ${searchToken}`)).id, "ci-bot");
  });

  test("require() passes a held scope and is 403 insufficient_scope otherwise", async () => {
    const id = await auth.authenticate(`Bearer ${searchToken}`);
    Authenticator.require(id, "search");
    const err = await authError(() => Authenticator.require(id, "write"), 403);
    assert.match(err.message, /needs the "write" scope/);
    assert.match(err.wwwAuthenticate ?? "", /error="insufficient_scope".*scope="write"/);
  });

  test("a JWT-shaped token is 401 when no JWKS is configured", async () => {
    const err = await authError(() => auth.authenticate("Bearer aaa.bbb.ccc"), 401);
    assert.match(err.message, /no JWKS/);
  });

  test("a duplicate name is refused and the file is unchanged", () => {
    const before = readFileSync(file, "utf8");
    assert.throws(() => addToken(file, "ci-bot", ["admin"]), /already exists/);
    assert.equal(readFileSync(file, "utf8"), before);
  });

  test("a tokens file holding plaintext tokens is refused, naming the file", async () => {
    const bad = join(dir, "plain.json");
    writeFileSync(bad, JSON.stringify({ tokens: [{ name: "x", token: "ss_secret", scopes: ["search"] }] }));
    await assert.rejects(Authenticator.create({ tokensFile: bad }), (e: Error) => e.message.includes(bad) && /plaintext token/.test(e.message));
    writeFileSync(bad, JSON.stringify({ tokens: [{ name: "x", hash: "ss_secret", scopes: ["search"] }] }));
    await assert.rejects(Authenticator.create({ tokensFile: bad }), /plaintext token/);
  });

  test("a tokens file with bad JSON, a bad hash or an unknown scope is refused clearly", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"tokens": [');
    await assert.rejects(Authenticator.create({ tokensFile: bad }), (e: Error) => e.message.startsWith(`tokens file ${bad}: not valid JSON`));
    writeFileSync(bad, JSON.stringify({ tokens: [{ name: "x", hash: "sha256:abc", scopes: ["search"] }] }));
    await assert.rejects(Authenticator.create({ tokensFile: bad }), /entry 1 \("x"\): "hash" must be/);
    writeFileSync(bad, JSON.stringify({ tokens: [{ name: "x", hash: hashToken("t"), scopes: ["serch"] }] }));
    await assert.rejects(Authenticator.create({ tokensFile: bad }), /unknown scope "serch"/);
    await assert.rejects(Authenticator.create({ tokensFile: join(dir, "missing.json") }), /cannot read it/);
  });
});

describe("JWTs", () => {
  let key: CryptoKey;
  let otherKey: CryptoKey;
  const jwksFile = join(dir, "jwks.json");
  let auth: Authenticator;
  const now = () => Math.floor(Date.now() / 1000);

  /** A token signed with `signer` (kid k1), valid for an hour unless `claims` say otherwise. */
  function jwt(claims: JWTPayload, signer: CryptoKey = key): Promise<string> {
    const payload = { iss: ISSUER, aud: AUDIENCE, sub: "alice@bank.test", scope: "search write", iat: now(), exp: now() + 3600, ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: "k1" }).sign(signer);
  }

  before(async () => {
    const signing = await generateKeyPair("ES256");
    key = signing.privateKey;
    otherKey = (await generateKeyPair("ES256")).privateKey;
    const decoy = (await generateKeyPair("ES256")).publicKey; // a second key in the set, with another kid
    const jwks = {
      keys: [
        { ...(await exportJWK(signing.publicKey)), kid: "k1", alg: "ES256", use: "sig" },
        { ...(await exportJWK(decoy)), kid: "k0", alg: "ES256", use: "sig" },
      ],
    };
    writeFileSync(jwksFile, JSON.stringify(jwks));
    auth = await Authenticator.create({ jwks: jwksFile, issuer: ISSUER, audience: AUDIENCE });
  });

  test("a valid JWT gives sub and its known scopes", async () => {
    const id = await auth.authenticate(`Bearer ${await jwt({ scope: "search write openid profile" })}`);
    assert.deepEqual(id, { id: "alice@bank.test", kind: "jwt", scopes: ["search", "write"] } satisfies Identity);
  });

  test("scopes also come from an scp array, and client_id stands in for sub", async () => {
    const token = await new SignJWT({ scp: ["admin", "unknown"], client_id: "batch-job" })
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime(now() + 60)
      .sign(key);
    assert.deepEqual(await auth.authenticate(`Bearer ${token}`), { id: "batch-job", kind: "jwt", scopes: ["admin"] });
  });

  test("an expired JWT is 401", async () => {
    const err = await authError(async () => auth.authenticate(`Bearer ${await jwt({ exp: now() - 60 })}`), 401);
    assert.match(err.message, /expired/);
    assert.match(err.wwwAuthenticate ?? "", /error="invalid_token"/);
  });

  test("a JWT not yet valid (nbf) is 401", async () => {
    const err = await authError(async () => auth.authenticate(`Bearer ${await jwt({ nbf: now() + 60 })}`), 401);
    assert.match(err.message, /not valid yet/);
  });

  test("a JWT without exp is 401", async () => {
    const token = await new SignJWT({ scope: "search" }).setProtectedHeader({ alg: "ES256", kid: "k1" }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject("s").sign(key);
    const err = await authError(() => auth.authenticate(`Bearer ${token}`), 401);
    assert.match(err.message, /"exp"/);
  });

  test("a JWT from another issuer is 401", async () => {
    const err = await authError(async () => auth.authenticate(`Bearer ${await jwt({ iss: "https://evil.test" })}`), 401);
    assert.match(err.message, /"iss"/);
  });

  test("a JWT for another audience is 401", async () => {
    const err = await authError(async () => auth.authenticate(`Bearer ${await jwt({ aud: "other-api" })}`), 401);
    assert.match(err.message, /"aud"/);
  });

  test("a JWT signed by another key is 401", async () => {
    const err = await authError(async () => auth.authenticate(`Bearer ${await jwt({}, otherKey)}`), 401);
    assert.match(err.message, /signature/);
  });

  test("a JWT whose scope claim lacks a scope is 403 through require()", async () => {
    const id = await auth.authenticate(`Bearer ${await jwt({ scope: "search" })}`);
    Authenticator.require(id, "search");
    await authError(() => Authenticator.require(id, "admin"), 403);
  });

  test("a JWKS without issuer or audience is refused at create()", async () => {
    await assert.rejects(Authenticator.create({ jwks: jwksFile, audience: AUDIENCE }), /needs both an issuer and an audience/);
    await assert.rejects(Authenticator.create({ jwks: jwksFile, issuer: ISSUER }), /needs both an issuer and an audience/);
  });

  test("a JWKS file with a private key, or a plain-http remote JWKS, is refused", async () => {
    const priv = join(dir, "priv-jwks.json");
    writeFileSync(priv, JSON.stringify({ keys: [await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey)] }));
    await assert.rejects(Authenticator.create({ jwks: priv, issuer: ISSUER, audience: AUDIENCE }), /private or symmetric key/);
    await assert.rejects(Authenticator.create({ jwks: "http://idp.example.com/jwks", issuer: ISSUER, audience: AUDIENCE }), /must be https/);
  });

  describe("from a remote JWKS", () => {
    let server: Server;
    let url = "";
    let served = 0;
    before(async () => {
      const body = readFileSync(jwksFile);
      server = createServer((req, res) => {
        served++;
        if (req.url !== "/.well-known/jwks.json") return void res.writeHead(404).end();
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      });
      await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    after(() => new Promise<void>((ok) => server.close(() => ok())));

    test("a valid JWT verifies against keys fetched over http from loopback", async () => {
      const remote = await Authenticator.create({ jwks: url, issuer: ISSUER, audience: AUDIENCE });
      const id = await remote.authenticate(`Bearer ${await jwt({ scope: "admin" })}`);
      assert.deepEqual(id, { id: "alice@bank.test", kind: "jwt", scopes: ["admin"] });
      assert.ok(served >= 1, "the JWKS was fetched");
      await authError(async () => remote.authenticate(`Bearer ${await jwt({}, otherKey)}`), 401);
    });

    test("an unreachable JWKS is a 503 Error (a server fault), not a 401", async () => {
      const broken = await Authenticator.create({ jwks: url.replace("jwks.json", "nothing.json"), issuer: ISSUER, audience: AUDIENCE });
      const err = await broken.authenticate(`Bearer ${await jwt({})}`).then(
        () => assert.fail("should not verify"),
        (e: Error) => e,
      );
      assert.ok(!(err instanceof AuthError), `got ${err}`);
      assert.equal((err as Error & { statusCode?: number }).statusCode, 503);
      assert.match(err.message, /JWKS\) are unavailable/);
      assert.match(String((err.cause as Error)?.message), /200 OK/, "the detail is kept in cause");
    });
  });
});

describe("semsearch token (built CLI)", () => {
  const file = join(dir, "cli-tokens.json");
  const run = (...args: string[]) => spawnSync(CLI, args, { encoding: "utf8" });

  test("create prints the token once, refuses a duplicate; list shows names and scopes only", async () => {
    const made = run("token", "create", "--name", "reporting", "--scopes", "search,write", "--tokens", file);
    assert.equal(made.status, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^ss_[A-Za-z0-9_-]{43}$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const auth = await Authenticator.create({ tokensFile: file });
    assert.deepEqual(await auth.authenticate(`Bearer ${token}`), { id: "reporting", kind: "token", scopes: ["search", "write"] });

    const again = run("token", "create", "--name", "reporting", "--scopes", "search", "--tokens", file);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal(again.stdout, "");

    const listed = run("token", "list", "--tokens", file);
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.stdout, "reporting\tsearch,write\n");
    assert.ok(!listed.stdout.includes("sha256"));

    const badScope = run("token", "create", "--name", "x", "--scopes", "root", "--tokens", file);
    assert.equal(badScope.status, 2);
    assert.match(badScope.stderr, /unknown scope "root"/);
  });
});
