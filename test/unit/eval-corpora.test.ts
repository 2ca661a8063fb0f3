// The evaluation's corpora and query files: the pinned Debian source packages (a local fake .deb
// built here with dpkg-deb, never a download) and npm tarballs (a local fake .tgz), and the labelled queries: every label of the corpora
// that need no download resolves against the pinned files, and every query file has the categories
// and sizes the evaluation promises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPORA, CorpusError, materialise, sha256File, type CorpusSpec, type DebSource, type TarballSource } from "../../eval/corpora";
import { HELD_OUT } from "../../eval/held-out";
import { integrityOf, tarballFileName } from "../../eval/npm-tarball";
import { CATEGORIES, CODE_CATEGORIES, defaultCategory, loadQueries, resolveQueries } from "../../eval/labels";

const QUERIES = join(__dirname, "..", "..", "eval", "queries");

/** Builds fake-src_1.0-1_all.deb holding usr/share/fake/{src/a.py, src/b.go, README} and usr/src/fake/fake.tar.gz; returns its path. */
function fakeDeb(dir: string): string {
  const pkg = join(dir, "pkg");
  mkdirSync(join(pkg, "DEBIAN"), { recursive: true });
  mkdirSync(join(pkg, "usr", "share", "fake", "src"), { recursive: true });
  writeFileSync(
    join(pkg, "DEBIAN", "control"),
    "Package: fake-src\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Nobody <nobody@example.org>\nDescription: sources for a test\n",
  );
  writeFileSync(join(pkg, "usr", "share", "fake", "src", "a.py"), "def merge_setting(a, b):\n    return b or a\n");
  writeFileSync(join(pkg, "usr", "share", "fake", "src", "b.go"), "package fake\n");
  writeFileSync(join(pkg, "usr", "share", "fake", "README"), "not source\n");
  // Sources shipped packed, as bsh-src ships BeanShell's: usr/src/fake/fake.tar.gz holding fake-1.0/lib/c.java.
  const packed = join(dir, "packed");
  mkdirSync(join(packed, "fake-1.0", "lib"), { recursive: true });
  writeFileSync(join(packed, "fake-1.0", "lib", "c.java"), "class Packed {}\n");
  mkdirSync(join(pkg, "usr", "src", "fake"), { recursive: true });
  execFileSync("tar", ["-czf", join(pkg, "usr", "src", "fake", "fake.tar.gz"), "-C", packed, "fake-1.0"]);
  const deb = join(dir, "fake-src_1.0-1_all.deb");
  execFileSync("dpkg-deb", ["--root-owner-group", "--build", pkg, deb], { stdio: "ignore" });
  return deb;
}

/** Runs `fn` with a new temporary folder, removed afterwards whatever happens. */
function inTempDir(prefix: string, fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const debSpec = (sha256: string, overrides: Partial<DebSource> = {}): CorpusSpec => ({
  name: "fake",
  kind: "code",
  description: "a fake source package",
  sources: [{ kind: "deb", package: "fake-src", version: "1.0-1", sha256, root: "usr/share/fake", as: "fake", files: ["src/*"], exclude: ["src/*.go"], ...overrides }],
});

test("a pinned .deb in the cache is checked, unpacked once and its source files copied", () =>
  inTempDir("eval-deb-", (dir) => {
    const cache = join(dir, "cache");
    mkdirSync(cache);
    const built = fakeDeb(dir);
    const deb = join(cache, "fake-src_1.0-1_all.deb");
    writeFileSync(deb, readFileSync(built));
    const sha = sha256File(deb);
    const m = materialise(debSpec(sha), join(dir, "out1"), { cacheDir: cache, fetch: false });
    assert.deepEqual(m.files, ["fake/src/a.py"], "only the globbed files, less the excluded ones");
    assert.match(readFileSync(join(m.dir, "fake", "src", "a.py"), "utf8"), /def merge_setting/);
    assert.equal(m.packages["fake-src"], `1.0-1 (sha256 ${sha})`);
    assert.ok(existsSync(join(cache, "fake-src_1.0-1", "usr", "share", "fake", "src", "a.py")), "unpacked into the cache");
    // Unpacked once: later runs need only the unpacked folder.
    rmSync(deb);
    assert.deepEqual(materialise(debSpec(sha), join(dir, "out2"), { cacheDir: cache, fetch: false }).files, ["fake/src/a.py"]);
    const kept = materialise(debSpec(sha), join(dir, "out3"), { cacheDir: cache, fetch: false, keepExcluded: true }).files;
    assert.equal(kept.length, 2, "keepExcluded copies the excluded files too, as a checkout has them");
    assert.ok(kept.includes("fake/src/a.py") && kept.some((f) => f.endsWith(".go")), kept.join(", "));
    // A root the package does not have is named.
    assert.throws(() => materialise(debSpec(sha, { root: "usr/lib/nothing" }), join(dir, "out3"), { cacheDir: cache }), /has no folder usr\/lib\/nothing/);
  }),
);

test("sources shipped as a tarball inside the .deb are unpacked once, and their root is inside it", () =>
  inTempDir("eval-deb-", (dir) => {
    const cache = join(dir, "cache");
    mkdirSync(cache);
    writeFileSync(join(cache, "fake-src_1.0-1_all.deb"), readFileSync(fakeDeb(dir)));
    const sha = sha256File(join(cache, "fake-src_1.0-1_all.deb"));
    const packed = { archive: "usr/src/fake/fake.tar.gz", root: "fake-1.0", files: ["lib/*.java"], exclude: [] };
    const m = materialise(debSpec(sha, packed), join(dir, "out1"), { cacheDir: cache, fetch: false });
    assert.deepEqual(m.files, ["fake/lib/c.java"]);
    assert.match(readFileSync(join(m.dir, "fake", "lib", "c.java"), "utf8"), /class Packed/);
    assert.throws(() => materialise(debSpec(sha, { ...packed, root: "fake-2.0" }), join(dir, "out2"), { cacheDir: cache }), /usr\/src\/fake\/fake\.tar\.gz of fake-src 1\.0-1 has no folder fake-2\.0/);
    // An archive the package does not have is named, and nothing is left half unpacked.
    rmSync(join(cache, "fake-src_1.0-1"), { recursive: true });
    assert.throws(() => materialise(debSpec(sha, { ...packed, archive: "usr/src/fake/other.tar.gz" }), join(dir, "out3"), { cacheDir: cache }), /has no file usr\/src\/fake\/other\.tar\.gz/);
    assert.deepEqual(readdirSync(cache), ["fake-src_1.0-1_all.deb"]);
  }),
);

test("a .deb whose SHA-256 is not the pinned one is refused, and nothing is unpacked", () =>
  inTempDir("eval-deb-", (dir) => {
    const cache = join(dir, "cache");
    mkdirSync(cache);
    writeFileSync(join(cache, "fake-src_1.0-1_all.deb"), readFileSync(fakeDeb(dir)));
    const wrong = "0".repeat(64);
    assert.throws(
      () => materialise(debSpec(wrong), join(dir, "out"), { cacheDir: cache, fetch: false }),
      (e: unknown) => e instanceof CorpusError && /has SHA-256 [0-9a-f]{64}, but eval\/corpora\.ts pins fake-src 1\.0-1 to 0{64}/.test((e as Error).message) && /apt-get download fake-src=1\.0-1/.test((e as Error).message),
    );
    assert.ok(!existsSync(join(cache, "fake-src_1.0-1")), "a refused package is not unpacked");
  }),
);

test("a missing .deb, when fetching is off, is an error that says what to run", () =>
  inTempDir("eval-deb-", (dir) => {
    assert.throws(
      () => materialise(debSpec("a".repeat(64)), join(dir, "out"), { cacheDir: join(dir, "cache"), fetch: false }),
      (e: unknown) => e instanceof CorpusError && /fake-src 1\.0-1, which is not in .*cache: run cd .*cache && apt-get download fake-src=1\.0-1/.test((e as Error).message),
    );
  }),
);

/** Builds fake-pkg-2.0.0.tgz as npm packs it (package/android/A.kt, package/ios/B.swift, package/README.md) in `cache`. */
function fakeTarball(dir: string, cache: string): string {
  const src = join(dir, "tgz");
  mkdirSync(join(src, "package", "android"), { recursive: true });
  mkdirSync(join(src, "package", "ios"), { recursive: true });
  writeFileSync(join(src, "package", "android", "A.kt"), "class ModuleRegistry {\n}\n");
  writeFileSync(join(src, "package", "ios", "B.swift"), "public final class AppContext {\n}\n");
  writeFileSync(join(src, "package", "README.md"), "# fake\n");
  mkdirSync(cache, { recursive: true });
  const file = join(cache, tarballFileName({ package: "fake-pkg", version: "2.0.0" }));
  execFileSync("tar", ["-czf", file, "-C", src, "package"]);
  return file;
}

const tarballSpec = (integrity: string, overrides: Partial<TarballSource> = {}): CorpusSpec => ({
  name: "fake",
  kind: "code",
  description: "a fake npm tarball",
  sources: [{ kind: "tarball", package: "fake-pkg", version: "2.0.0", integrity, root: "package", as: "fake", files: ["**/*.kt", "**/*.swift"], exclude: ["ios/**"], ...overrides }],
});

test("a pinned npm tarball in the cache is checked against its integrity, unpacked once and its files copied", () =>
  inTempDir("eval-tgz-", (dir) => {
    const cache = join(dir, "cache");
    const file = fakeTarball(dir, cache);
    const integrity = integrityOf(file);
    assert.match(integrity, /^sha512-[A-Za-z0-9+/]{86}==$/);
    const m = materialise(tarballSpec(integrity), join(dir, "out1"), { cacheDir: cache, fetch: false });
    assert.deepEqual(m.files, ["fake/android/A.kt"], "only the globbed files, less the excluded ones");
    assert.match(readFileSync(join(m.dir, "fake", "android", "A.kt"), "utf8"), /class ModuleRegistry/);
    assert.equal(m.packages["fake-pkg"], `2.0.0 (npm tarball, ${integrity})`);
    // Unpacked once: later runs need only the unpacked folder.
    rmSync(file);
    assert.deepEqual(materialise(tarballSpec(integrity, { exclude: [] }), join(dir, "out2"), { cacheDir: cache, fetch: false }).files, ["fake/android/A.kt", "fake/ios/B.swift"]);
    assert.throws(() => materialise(tarballSpec(integrity, { root: "package/none" }), join(dir, "out3"), { cacheDir: cache }), /tarball has no folder package\/none \(it holds package\)/);
  }),
);

test("an npm tarball whose integrity is not the pinned one is refused; a missing one says what to run", () =>
  inTempDir("eval-tgz-", (dir) => {
    const cache = join(dir, "cache");
    fakeTarball(dir, cache);
    const wrong = `sha512-${"A".repeat(86)}==`;
    assert.throws(
      () => materialise(tarballSpec(wrong), join(dir, "out"), { cacheDir: cache, fetch: false }),
      (e: unknown) => e instanceof CorpusError && /has integrity sha512-\S+, but eval\/corpora\.ts pins fake-pkg@2\.0\.0 to sha512-A+==/.test((e as Error).message) && /npm pack fake-pkg@2\.0\.0/.test((e as Error).message),
    );
    assert.deepEqual(readdirSync(cache), ["fake-pkg-2.0.0.tgz"], "a refused tarball is not unpacked");
    assert.throws(
      () => materialise(tarballSpec(wrong), join(dir, "out"), { cacheDir: join(dir, "empty"), fetch: false }),
      (e: unknown) => e instanceof CorpusError && /npm tarball of fake-pkg@2\.0\.0, which is not in .*empty: run cd .*empty && npm pack fake-pkg@2\.0\.0/.test((e as Error).message),
    );
  }),
);

test("every npm tarball is pinned by an exact version and the registry's SHA-512 integrity", () => {
  const tarballs = CORPORA.flatMap((c) => c.sources).filter((s): s is TarballSource => s.kind === "tarball");
  for (const t of tarballs) {
    assert.match(t.version, /^\d+\.\d+\.\d+$/, `${t.package}: version`);
    assert.match(t.integrity, /^sha512-[A-Za-z0-9+/]{86}==$/, `${t.package}: integrity`);
  }
});

test("every Debian source is pinned by a SHA-256 and an exact version", () => {
  const debs = CORPORA.flatMap((c) => c.sources).filter((s): s is DebSource => s.kind === "deb");
  assert.ok(debs.length >= 4, "Python, Go, Rust and Ruby come from Debian packages");
  for (const d of debs) {
    assert.match(d.sha256, /^[0-9a-f]{64}$/, `${d.package}: sha256`);
    assert.match(d.version, /^[0-9][\w.+~:-]*$/, `${d.package}: version`);
  }
});

test("every label of the corpora that need no download resolves against the pinned files", () => {
  const local = CORPORA.filter((c) => c.sources.every((s) => s.kind !== "deb" && s.kind !== "tarball"));
  assert.deepEqual(local.map((c) => c.name).sort(), ["ajv2", "code", "commander", "docs", "paraphrase", "typescript"]);
  for (const spec of local) {
    const m = materialise(spec);
    try {
      const resolved = resolveQueries(loadQueries(join(QUERIES, `${spec.name}.jsonl`), defaultCategory(spec.kind)), m.dir);
      assert.ok(resolved.length >= 19, `${spec.name}: ${resolved.length} queries`);
      for (const q of resolved) {
        assert.ok(q.answers.length > 0, q.id);
        for (const a of q.answers) assert.ok(m.files.includes(a.path), `${q.id}: ${a.path} is a corpus file`);
      }
    } finally {
      rmSync(m.dir, { recursive: true, force: true });
    }
  }
});

test("the query files: categories, grades, corpus folders and the promised sizes", () => {
  const byCorpus = new Map(CORPORA.map((spec) => [spec.name, loadQueries(join(QUERIES, `${spec.name}.jsonl`), defaultCategory(spec.kind))]));
  const code = CORPORA.filter((c) => c.kind === "code");
  assert.ok(new Set(code.map((c) => c.language)).size >= 5, "code in at least five languages");
  let codeQueries = 0;
  for (const spec of code) {
    const qs = byCorpus.get(spec.name)!;
    codeQueries += qs.length;
    for (const cat of ["symbol", "semantic", "architecture"]) assert.ok(qs.some((q) => q.category === cat), `${spec.name} has ${cat} queries`);
    // Labels point into the corpus's own folders.
    const folders = spec.sources.map((s) => ("as" in s ? s.as : s.package));
    for (const q of qs) for (const a of q.answers) assert.ok(folders.some((f) => a.path.startsWith(`${f}/`)), `${q.id}: ${a.path}`);
    // A docs question asked of the repository is answered by its docs.
    for (const q of qs.filter((q) => q.category === "repo-docs")) for (const a of q.answers) assert.match(a.path, /\.(md|txt|rst)$/, q.id);
    // New code queries are graded, with a defining (grade 3) answer.
    const codeSearch = qs.filter((q) => CODE_CATEGORIES.includes(q.category!));
    for (const q of codeSearch.filter((q) => q.category !== "semantic" || q.answers[0].grade !== undefined)) {
      assert.ok(q.answers.some((a) => a.grade === 3), `${q.id} has a grade-3 answer`);
    }
  }
  assert.ok(codeQueries >= 100, `${codeQueries} code queries`);
  for (const qs of byCorpus.values()) for (const q of qs) assert.ok(CATEGORIES.includes(q.category!), `${q.id}: ${q.category}`);
  const para = byCorpus.get("paraphrase")!;
  assert.ok(para.length >= 19);
  const internet = para.find((q) => q.query === "How do computers around the world talk to each other?");
  assert.deepEqual(internet?.answers.map((a) => a.path), ["knowledge-base/17-internet.md"]);
});

test("the held-out sets are code corpora, each named once, and leave sets to tune on", () => {
  const code = new Set(CORPORA.filter((c) => c.kind === "code").map((c) => c.name));
  for (const name of HELD_OUT) assert.ok(code.has(name), `${name} is a code corpus`);
  assert.equal(new Set(HELD_OUT).size, HELD_OUT.length, "no set named twice");
  // A sweep that chooses on the rest needs enough of them, in every language the held-out sets use.
  const tuning = CORPORA.filter((c) => code.has(c.name) && !HELD_OUT.includes(c.name));
  assert.ok(tuning.length >= 50, `${tuning.length} code sets to tune on`);
  for (const spec of CORPORA.filter((c) => HELD_OUT.includes(c.name))) assert.ok(tuning.some((t) => t.language === spec.language), `a ${spec.language} set to tune on`);
});

test("a query file with a bad category or partial grades is refused with its line", () =>
  inTempDir("eval-q-", (dir) => {
    const file = join(dir, "q.jsonl");
    writeFileSync(file, JSON.stringify({ id: "a", category: "guess", query: "x", answers: [{ path: "a.py" }] }) + "\n");
    assert.throws(() => loadQueries(file), /q\.jsonl:1: category "guess" is not one of symbol, semantic/);
    writeFileSync(file, JSON.stringify({ id: "a", query: "x", answers: [{ path: "a.py", grade: 3 }, { path: "b.py" }] }) + "\n");
    assert.throws(() => loadQueries(file), /grades some answers but not all/);
    writeFileSync(file, JSON.stringify({ id: "a", query: "x", answers: [{ path: "a.py", grade: 5 }] }) + "\n");
    assert.throws(() => loadQueries(file), /grade 5 is not 1, 2 or 3/);
    writeFileSync(file, JSON.stringify({ id: "a", query: "x", answers: [{ path: "a.py" }] }) + "\n");
    assert.equal(loadQueries(file, "docs")[0].category, "docs", "a query without a category takes the corpus's");
  }),
);
