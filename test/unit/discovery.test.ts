import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import {
  DEFAULT_EXCLUDES,
  decodeText,
  discover,
  formatSize,
  isBinary,
  languageOf,
  readIndexableFile,
} from "../../server/src/discovery";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** A temp folder holding `files` (path -> content), removed after `fn`. */
async function withTree(files: Record<string, string | Buffer>, fn: (root: string) => Promise<void>): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "semsearch-discovery-"));
  try {
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(root, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
    await fn(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const relPaths = (r: { files: Array<{ relPath: string }> }) => r.files.map((f) => f.relPath);
const reasonOf = (r: { skipped: Array<{ relPath: string; reason: string }> }, rel: string) =>
  r.skipped.find((s) => s.relPath === rel)?.reason;

test("languageOf maps extensions to language ids and chunk kinds", () => {
  const cases: Array<[string, string, string]> = [
    ["README.md", "markdown", "markdown"],
    ["docs/a.markdown", "markdown", "markdown"],
    ["page.mdx", "markdown", "markdown"],
    ["notes.txt", "plaintext", "text"],
    ["guide.rst", "restructuredtext", "text"],
    ["book.adoc", "asciidoc", "text"],
    ["a.ts", "typescript", "code"],
    ["a.tsx", "typescript", "code"],
    ["a.js", "javascript", "code"],
    ["a.jsx", "javascript", "code"],
    ["a.mjs", "javascript", "code"],
    ["a.cjs", "javascript", "code"],
    ["a.py", "python", "code"],
    ["a.go", "go", "code"],
    ["a.rs", "rust", "code"],
    ["A.java", "java", "code"],
    ["a.c", "c", "code"],
    // As VS Code's built-in cpp language claims it: a filter on cpp finds a C++ project's headers.
    ["a.h", "cpp", "code"],
    ["a.ixx", "cpp", "code"],
    ["a.cpp", "cpp", "code"],
    ["a.cc", "cpp", "code"],
    ["a.hpp", "cpp", "code"],
    ["a.cs", "csharp", "code"],
    ["a.rb", "ruby", "code"],
    ["a.php", "php", "code"],
    ["a.sh", "shellscript", "code"],
    ["a.bash", "shellscript", "code"],
    ["a.zsh", "shellscript", "code"],
    ["a.kt", "kotlin", "code"],
    ["a.swift", "swift", "code"],
    ["a.scala", "scala", "code"],
    ["a.lua", "lua", "code"],
    ["deep/dir/UPPER.MD", "markdown", "markdown"],
  ];
  for (const [file, language, kind] of cases) {
    assert.deepEqual(languageOf(file), { language, kind }, file);
  }
  for (const file of ["image.png", "data.json", "Makefile.bak", ".bashrc", "noext", "archive.tar.gz", "a.md.bak"]) {
    assert.equal(languageOf(file), undefined, file);
  }
});

test("discover lists indexable files sorted by posix relPath with their metadata", async () => {
  await withTree(
    {
      "b.md": "# B\n",
      "a.ts": "export const a = 1;\n",
      "src/z/deep.py": "print(1)\n",
      "src/main.go": "package main\n",
      "notes.txt": "hello\n",
      "image.png": "not really an image",
      "data.json": "{}",
    },
    async (root) => {
      const result = await discover(root);
      assert.deepEqual(relPaths(result), ["a.ts", "b.md", "notes.txt", "src/main.go", "src/z/deep.py"]);
      assert.deepEqual(result.skipped, []);
      const deep = result.files.find((f) => f.relPath === "src/z/deep.py")!;
      assert.equal(deep.absPath, path.join(root, "src", "z", "deep.py"));
      assert.equal(deep.size, 9);
      assert.equal(deep.language, "python");
      assert.equal(deep.kind, "code");
      assert.ok(Math.abs(deep.mtimeMs - fs.statSync(deep.absPath).mtimeMs) < 1);
      assert.equal(result.files.find((f) => f.relPath === "b.md")!.kind, "markdown");
      assert.equal(result.files.find((f) => f.relPath === "notes.txt")!.kind, "text");
    },
  );
});

test("discover returns empty lists for an empty folder", async () => {
  await withTree({}, async (root) => {
    assert.deepEqual(await discover(root), { files: [], skipped: [] });
  });
});

test("discover rejects a missing root with a clear message, and a file root too", async () => {
  const missing = path.join(os.tmpdir(), `semsearch-missing-${process.pid}-${Date.now()}`);
  await assert.rejects(discover(missing), (err: Error) => {
    assert.equal(err.message, `folder not found: ${missing}`);
    return true;
  });
  await withTree({ "file.md": "x" }, async (root) => {
    await assert.rejects(discover(path.join(root, "file.md")), /not a folder/);
  });
});

test("root .gitignore is honoured for files, folders and negations", async () => {
  await withTree(
    {
      ".gitignore": "# comment\n*.log.md\ngenerated/\n/only-root.md\ndrafts/*\n!drafts/keep.md\n",
      "a.md": "a",
      "debug.log.md": "x",
      "generated/out.ts": "x",
      "nested/generated/out.ts": "x",
      "only-root.md": "x",
      "nested/only-root.md": "kept: the leading slash anchors the pattern to the root",
      "drafts/wip.md": "x",
      "drafts/keep.md": "x",
    },
    async (root) => {
      const result = await discover(root);
      assert.deepEqual(relPaths(result), ["a.md", "drafts/keep.md", "nested/only-root.md"]);
    },
  );
});

test("nested .gitignore rules apply relative to their folder and override their parents", async () => {
  await withTree(
    {
      ".gitignore": "*.secret.md\n",
      "top.md": "x",
      "local.md": "root local.md is not ignored by pkg/.gitignore",
      "pkg/.gitignore": "/local.md\ntmp/\n!special.secret.md\n",
      "pkg/local.md": "x",
      "pkg/other.md": "x",
      "pkg/tmp/t.md": "x",
      "pkg/sub/local.md": "anchored pattern only matches pkg/local.md",
      "pkg/a.secret.md": "x",
      "pkg/special.secret.md": "re-included by the nested negation",
      "b.secret.md": "x",
      "sibling/tmp/t.md": "pkg rules do not leak into siblings",
    },
    async (root) => {
      const result = await discover(root);
      assert.deepEqual(relPaths(result), [
        "local.md",
        "pkg/other.md",
        "pkg/special.secret.md",
        "pkg/sub/local.md",
        "sibling/tmp/t.md",
        "top.md",
      ]);
    },
  );
});

test("generated and tool folders are excluded by default", async () => {
  const generated = [
    "node_modules/lib/index.js",
    "web/node_modules/lib/index.js",
    "dist/bundle.js",
    "build/out.js",
    "out/main.js",
    ".git/HEAD.md",
    ".semsearch/index.md",
    ".venv/lib/site.py",
    "__pycache__/mod.py",
    "pkg/__pycache__/mod.py",
    "target/debug/build.rs",
    "vendor/github.com/x/y.go",
    "coverage/lcov.js",
    "static/app.min.js",
    "myenv/pyvenv.cfg",
    "myenv/lib/python3.12/site.py",
  ];
  const files: Record<string, string> = { "src/app.ts": "x", "docs/build-notes.md": "not a build folder" };
  for (const g of generated) files[g] = "x";
  await withTree(files, async (root) => {
    assert.deepEqual(relPaths(await discover(root)), ["docs/build-notes.md", "src/app.ts"]);
  });
  // A folder named build is output at the root and beside a build manifest; elsewhere it is code
  // (live-build keeps its scripts in lib/live/build).
  const builds = {
    "web/package.json": "{}",
    "web/build/main.js": "x",
    "android/app/build.gradle": "x",
    "android/app/build/gen.kt": "x",
    "tools/App.csproj": "x",
    "tools/build/out.cs": "x",
    "lib/live/build/binary_iso.sh": "x",
  };
  await withTree(builds, async (root) => {
    assert.deepEqual(relPaths(await discover(root)), ["lib/live/build/binary_iso.sh"]);
  });
  for (const pattern of ["**/node_modules/**", "**/.git/**", "**/*.min.js", "**/vendor/**"]) {
    assert.ok(DEFAULT_EXCLUDES.includes(pattern), pattern);
  }
});

test("exclude and include options filter by glob", async () => {
  await withTree(
    {
      "docs/a.md": "x",
      "docs/private/b.md": "x",
      "src/c.ts": "x",
      "src/c.test.ts": "x",
      "notes.txt": "x",
      "src/notes.txt": "x",
    },
    async (root) => {
      const excluded = await discover(root, { exclude: ["docs/private/**", "*.test.ts"] });
      assert.deepEqual(relPaths(excluded), ["docs/a.md", "notes.txt", "src/c.ts", "src/notes.txt"]);

      // A leading slash anchors to the root; without it a name matches anywhere.
      assert.deepEqual(relPaths(await discover(root, { exclude: ["/notes.txt"] })), [
        "docs/a.md",
        "docs/private/b.md",
        "src/c.test.ts",
        "src/c.ts",
        "src/notes.txt",
      ]);
      assert.deepEqual(relPaths(await discover(root, { exclude: ["notes.txt", "private"] })), ["docs/a.md", "src/c.test.ts", "src/c.ts"]);

      const included = await discover(root, { include: ["docs/**"] });
      assert.deepEqual(relPaths(included), ["docs/a.md", "docs/private/b.md"]);

      // A pattern without a slash matches at any depth, as in .gitignore.
      const byName = await discover(root, { include: ["*.ts"], exclude: ["*.test.ts"] });
      assert.deepEqual(relPaths(byName), ["src/c.ts"]);
    },
  );
});

test("binary files are skipped with a reason", async () => {
  await withTree(
    {
      "real.md": "# Fine\n",
      "nul.md": Buffer.from([0x23, 0x20, 0x41, 0x00, 0x42]),
      "controls.txt": Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x01))),
    },
    async (root) => {
      const result = await discover(root);
      assert.deepEqual(relPaths(result), ["real.md"]);
      assert.equal(reasonOf(result, "nul.md"), "binary file");
      assert.equal(reasonOf(result, "controls.txt"), "binary file");
    },
  );
});

test("files over the size cap are skipped without being read", async () => {
  await withTree({ "small.md": "# small\n" }, async (root) => {
    const big = path.join(root, "big.md");
    fs.writeFileSync(big, "");
    // Sparse: 50 MB on paper, nothing on disk, instant to create.
    fs.truncateSync(big, 50 * 1024 * 1024);
    const started = Date.now();
    const result = await discover(root);
    assert.ok(Date.now() - started < 2000, "the big file must not be read");
    assert.deepEqual(relPaths(result), ["small.md"]);
    assert.equal(reasonOf(result, "big.md"), "larger than 1 MB (52.4 MB)");

    const custom = await discover(root, { maxFileSize: 4 });
    assert.equal(reasonOf(custom, "small.md"), "larger than 4 bytes (8 bytes)");

    assert.deepEqual(await readIndexableFile(big), { skip: "larger than 1 MB (52.4 MB)" });
  });
});

test("a file without an extension is indexed when its #! line names a language we index, quietly left out otherwise", async () => {
  const program = Buffer.alloc(2048);
  program.write("\x7fELF", 0, "latin1");
  await withTree(
    {
      "bin/deploy": "#!/usr/bin/env bash\nset -e\nrsync -a dist/ host:/srv\n",
      "bin/migrate": "#!/usr/bin/env python3.11\nimport sys\n",
      "bin/serve": "#!/usr/bin/env -S node --enable-source-maps\nrequire('./server')\n",
      "hooks/pre-commit": "#! /bin/sh -e\nnpm test\n",
      "bin/report": "#!/usr/bin/perl\nprint 1;\n",
      "bin/tool": program,
      "Makefile": "all:\n\tcc -o tool tool.c\n",
      "notes": "just words, no shebang\n",
    },
    async (root) => {
      const result = await discover(root);
      assert.deepEqual(
        result.files.map((f) => [f.relPath, f.language, f.kind]),
        [
          ["bin/deploy", "shellscript", "code"],
          ["bin/migrate", "python", "code"],
          ["bin/serve", "javascript", "code"],
          ["hooks/pre-commit", "shellscript", "code"],
        ],
      );
      assert.deepEqual(result.skipped, [], "a Perl script, a program, a Makefile and a note are none of ours, and not reported");
    },
  );
});

test("a file whose name says no language is indexed when an editor's mode line names one", async () => {
  await withTree(
    {
      // backupninja's handlers and wizard modules: sourced by a script, so no #! line.
      "share/rsync": "# -*- mode: sh; sh-basic-offset: 3; indent-tabs-mode: nil; -*-\n# vim: set filetype=sh sw=3:\nrotate_long() {\n  :\n}\n",
      "share/borg.helper": "# vim: set filetype=sh sw=3 sts=3 expandtab autoindent:\nborg_wizard() { :; }\n",
      "share/deploy.in": "#!/bin/sh\nexec ./configure\n",
      "lib/parseini": "# -*- mode: awk; indent-tabs-mode: nil; -*-\nBEGIN { FS = \"=\" }\n",
      "conf/app.cfg": "# settings\nmode = fast\n",
      "img/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    },
    async (root) => {
      const result = await discover(root);
      assert.deepEqual(
        result.files.map((f) => [f.relPath, f.language]),
        [
          ["share/borg.helper", "shellscript"],
          ["share/deploy.in", "shellscript"],
          ["share/rsync", "shellscript"],
        ],
      );
      assert.deepEqual(result.skipped, [], "an awk script, a config file and an image are none of ours, and not reported");
    },
  );
});

test("scriptLanguage reads the interpreter of a #! line, through env and without its version", async () => {
  const { scriptLanguage, mayBeScript } = await import("../../server/src/discovery");
  const lang = (text: string) => scriptLanguage(text)?.language;
  assert.equal(lang("#!/bin/sh\n"), "shellscript");
  assert.equal(lang("\uFEFF#!/bin/bash -eu\n"), "shellscript", "after a byte-order mark");
  assert.equal(lang("#!/usr/bin/env zsh\n"), "shellscript");
  assert.equal(lang("#!/usr/bin/python3\n"), "python");
  assert.equal(lang("#!/usr/bin/env ruby3.1 -w\n"), "ruby");
  assert.equal(lang("#!/usr/bin/env -S deno run\n"), undefined, "deno is not an interpreter we know");
  assert.equal(lang("#!/usr/bin/env\n"), undefined);
  assert.equal(lang("# a comment\n#!/bin/sh\n"), undefined, "only the first line");
  assert.equal(lang("#!/usr/bin/perl\n"), undefined);
  // Emacs's mode line, on the first line or after the #! line, with or without `mode:`.
  assert.equal(lang("# -*- mode: sh; indent-tabs-mode: nil; -*-\nfoo\n"), "shellscript");
  assert.equal(lang("#!/usr/bin/awk -f\n# -*- mode: Shell-script -*-\n"), "shellscript");
  assert.equal(lang("/* -*- C++ -*- */\n"), "cpp");
  assert.equal(lang("# -*- coding: utf-8 -*-\n"), undefined, "a coding cookie names no mode");
  assert.equal(lang("# first\n# -*- mode: sh -*-\n"), undefined, "Emacs reads only the first line, or the second after #!");
  // Vim's modeline, on any of the first five lines.
  assert.equal(lang("# vim: set filetype=sh sw=3:\n"), "shellscript");
  assert.equal(lang("-- a module\n--\n-- vi: ft=lua\n"), "lua");
  assert.equal(lang("1\n2\n3\n4\n5\n# vim: ft=sh\n"), undefined, "past the fifth line");
  assert.equal(lang("# vim: set sw=3 ts=8:\n"), undefined, "a modeline without a filetype");
  assert.equal(lang("# vim: ft=perl\n"), undefined, "a filetype we do not index");
  assert.equal(mayBeScript("bin/deploy"), true);
  assert.equal(mayBeScript("share/borg.helper"), true, "an extension we do not index says nothing");
  assert.equal(mayBeScript("man/man1/ls.1.gz"), false, "a compressed file is not opened");
  assert.equal(mayBeScript("img/Logo.PNG"), false, "nor an image");
  assert.equal(mayBeScript("bin/deploy.sh"), false, "an extension says the language");
  assert.equal(mayBeScript(".envrc"), false, "a hidden file");
  assert.equal(mayBeScript("Rakefile"), false, "a known name");
});

test("formatSize uses decimal units", () => {
  assert.equal(formatSize(1_000_000), "1 MB");
  assert.equal(formatSize(52_428_800), "52.4 MB");
  assert.equal(formatSize(1500), "1.5 KB");
  assert.equal(formatSize(12), "12 bytes");
  assert.equal(formatSize(3_000_000_000), "3 GB");
});

test("isBinary looks for NUL bytes and control characters in the first 8 KB", () => {
  const enc = new TextEncoder();
  assert.equal(isBinary(enc.encode("plain text\n\twith tabs\r\n")), false);
  assert.equal(isBinary(new Uint8Array(0)), false);
  assert.equal(isBinary(enc.encode("\x1b[31mred\x1b[0m log line\n")), false);
  assert.equal(isBinary(Uint8Array.from([0x41, 0x00, 0x42])), true);
  assert.equal(isBinary(Uint8Array.from([1, 2, 3, 4, 5, 0x41, 0x42])), true);
  // Beyond the first 8 KB a NUL is not looked at.
  const late = new Uint8Array(10_000).fill(0x41);
  late[9_000] = 0;
  assert.equal(isBinary(late), false);
  // UTF-16 with a BOM is text, although full of NULs.
  assert.equal(isBinary(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00])), false);
});

test("decodeText strips a BOM and reports invalid UTF-8", () => {
  assert.deepEqual(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69])), { text: "hi", invalidUtf8: false });
  const bad = decodeText(Uint8Array.from([0x6f, 0x6b, 0x20, 0xff, 0x20, 0xc3]));
  assert.equal(bad.invalidUtf8, true);
  assert.equal(bad.text, "ok \uFFFD \uFFFD");
  // A real U+FFFD in the file is not an encoding error.
  assert.deepEqual(decodeText(new TextEncoder().encode("a\uFFFDb")), { text: "a\uFFFDb", invalidUtf8: false });
  assert.deepEqual(decodeText(new TextEncoder().encode("héllo ✓")), { text: "héllo ✓", invalidUtf8: false });
  assert.deepEqual(decodeText(Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00])), { text: "hi", invalidUtf8: false });
});

test("readIndexableFile decodes invalid UTF-8 with a note and clean files without one", async () => {
  await withTree(
    { "bad.txt": Buffer.from([0x61, 0x62, 0xff, 0xfe, 0x63]), "good.md": "\uFEFF# Title\n", "bin.md": Buffer.from([1, 0, 2]) },
    async (root) => {
      const found = await discover(root);
      assert.ok(relPaths(found).includes("bad.txt"), "invalid UTF-8 is still text");
      assert.deepEqual(await readIndexableFile(path.join(root, "bad.txt")), { text: "ab\uFFFD\uFFFDc", note: "invalid UTF-8 replaced" });
      assert.deepEqual(await readIndexableFile(path.join(root, "good.md")), { text: "# Title\n" });
      assert.deepEqual(await readIndexableFile(path.join(root, "bin.md")), { skip: "binary file" });
    },
  );
});

test("readIndexableFile reports a file deleted after discovery", async () => {
  await withTree({ "gone.md": "# soon gone\n" }, async (root) => {
    const { files } = await discover(root);
    assert.equal(files.length, 1);
    fs.unlinkSync(files[0].absPath);
    const read = await readIndexableFile(files[0].absPath);
    assert.ok("skip" in read && /deleted/.test(read.skip), JSON.stringify(read));
  });
});

test("readIndexableFile re-checks the size of a file that grew after discovery", async () => {
  await withTree({ "grows.md": "small" }, async (root) => {
    const { files } = await discover(root, { maxFileSize: 100 });
    assert.equal(files.length, 1);
    fs.writeFileSync(files[0].absPath, "x".repeat(500));
    assert.deepEqual(await readIndexableFile(files[0].absPath, 100), { skip: "larger than 100 bytes (500 bytes)" });
  });
});

test("symlink loops terminate and are reported; links inside the root are followed, outside ones are not", async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "semsearch-outside-"));
  try {
    fs.writeFileSync(path.join(outside, "elsewhere.md"), "# not ours\n");
    await withTree({ "a.md": "# A\n", "sub/b.md": "# B\n" }, async (root) => {
      fs.symlinkSync("..", path.join(root, "sub", "up"), "dir");
      fs.symlinkSync(root, path.join(root, "sub", "root-link"), "dir");
      fs.symlinkSync("self.md", path.join(root, "self.md"));
      fs.symlinkSync("a.md", path.join(root, "alias.md"));
      fs.symlinkSync(path.join(outside, "elsewhere.md"), path.join(root, "outside.md"));
      fs.symlinkSync(outside, path.join(root, "outside-dir"), "dir");
      fs.symlinkSync("missing.md", path.join(root, "dangling.md"));

      const result = await discover(root);
      assert.deepEqual(relPaths(result), ["a.md", "alias.md", "sub/b.md"]);
      assert.equal(reasonOf(result, "sub/up"), "symlink loop");
      assert.equal(reasonOf(result, "sub/root-link"), "symlink loop");
      assert.equal(reasonOf(result, "self.md"), "symlink loop");
      assert.equal(reasonOf(result, "outside.md"), "symlink points outside the folder");
      assert.equal(reasonOf(result, "outside-dir"), "symlink points outside the folder");
      assert.equal(reasonOf(result, "dangling.md"), "broken symlink");
      // The alias keeps its own path but reads the target.
      assert.deepEqual(await readIndexableFile(result.files[1].absPath), { text: "# A\n" });
    });
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test("unreadable entries are reported in skipped instead of throwing", async () => {
  await withTree({ "ok.md": "# ok\n", "locked.md": "# locked\n", "dir.md/inner.md": "# inner\n" }, async (root) => {
    // A FIFO would block forever if opened: it must be skipped, never read.
    execFileSync("mkfifo", [path.join(root, "pipe.md")]);
    fs.symlinkSync("loop.md", path.join(root, "loop.md"));
    fs.chmodSync(path.join(root, "locked.md"), 0o000);
    try {
      const result = await discover(root);
      assert.equal(reasonOf(result, "pipe.md"), "not a regular file");
      assert.equal(reasonOf(result, "loop.md"), "symlink loop");
      assert.ok(relPaths(result).includes("ok.md"));
      assert.ok(relPaths(result).includes("dir.md/inner.md"), "a folder named like a file is walked");
      if (isRoot) {
        // chmod 000 does not stop root; the error paths are checked through readIndexableFile below.
        assert.ok(relPaths(result).includes("locked.md"));
      } else {
        assert.equal(reasonOf(result, "locked.md"), "unreadable: permission denied");
        assert.deepEqual(await readIndexableFile(path.join(root, "locked.md")), { skip: "unreadable: permission denied" });
      }

      assert.deepEqual(await readIndexableFile(path.join(root, "dir.md")), { skip: "unreadable: is a directory" });
      assert.deepEqual(await readIndexableFile(path.join(root, "pipe.md")), { skip: "not a regular file" });
      assert.deepEqual(await readIndexableFile(path.join(root, "loop.md")), { skip: "unreadable: symlink loop" });
      assert.deepEqual(await readIndexableFile(path.join(root, "ok.md", "child.md")), { skip: "unreadable: ENOTDIR" });
    } finally {
      fs.chmodSync(path.join(root, "locked.md"), 0o644);
    }
  });
});

test("an unreadable or vanished folder is reported, not thrown", async () => {
  await withTree({ "open/a.md": "x", "closed/b.md": "x" }, async (root) => {
    const closed = path.join(root, "closed");
    if (isRoot) {
      // Root reads any folder, so make the folder vanish mid-walk instead: replace it with a dangling link.
      fs.rmSync(closed, { recursive: true });
      fs.symlinkSync("nowhere", closed);
      const result = await discover(root);
      assert.deepEqual(relPaths(result), ["open/a.md"]);
      assert.equal(reasonOf(result, "closed"), "broken symlink");
    } else {
      fs.chmodSync(closed, 0o000);
      try {
        const result = await discover(root);
        assert.deepEqual(relPaths(result), ["open/a.md"]);
        assert.equal(reasonOf(result, "closed"), "unreadable: permission denied");
      } finally {
        fs.chmodSync(closed, 0o755);
      }
    }
  });
});

test("an aborted signal stops discovery", async () => {
  await withTree({ "a.md": "x" }, async (root) => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(discover(root, { signal: controller.signal }), (err: Error) => err.name === "AbortError");
  });
});

test("isIndexablePath makes the walk's decision for one path", async () => {
  const { isIndexablePath } = await import("../../server/src/discovery");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pathfilter-"));
  try {
    fs.writeFileSync(path.join(root, ".gitignore"), "secret/\n*.log.md\n");
    fs.mkdirSync(path.join(root, "docs"));
    fs.writeFileSync(path.join(root, "docs", ".gitignore"), "drafts/\n");
    assert.equal(isIndexablePath(root, "docs/guide.md"), true);
    assert.equal(isIndexablePath(root, "src/app.ts"), true);
    assert.equal(isIndexablePath(root, "image.png"), false);
    assert.equal(isIndexablePath(root, "bin/deploy"), true, "a file without an extension may be a script: its first line decides");
    assert.equal(isIndexablePath(root, "share/borg.helper"), true, "so may one whose extension says no language");
    assert.equal(isIndexablePath(root, "node_modules/x/readme.md"), false);
    assert.equal(isIndexablePath(root, "secret/plan.md"), false);
    assert.equal(isIndexablePath(root, "notes.log.md"), false);
    assert.equal(isIndexablePath(root, "docs/drafts/a.md"), false);
    assert.equal(isIndexablePath(root, "drafts/a.md"), true, "a nested .gitignore applies only below its folder");
    assert.equal(isIndexablePath(root, "docs/guide.md", { exclude: ["docs/**"] }), false);
    assert.equal(isIndexablePath(root, "src/app.ts", { include: ["docs/**"] }), false);
    assert.equal(isIndexablePath(root, "../outside.md"), false);
    // A build folder is output at the root or beside a build manifest, and code elsewhere.
    fs.mkdirSync(path.join(root, "packages", "app", "build"), { recursive: true });
    fs.writeFileSync(path.join(root, "packages", "app", "package.json"), "{}");
    fs.mkdirSync(path.join(root, "lib", "live", "build"), { recursive: true });
    assert.equal(isIndexablePath(root, "build/out.js"), false);
    assert.equal(isIndexablePath(root, "packages/app/build/index.js"), false);
    assert.equal(isIndexablePath(root, "lib/live/build/binary_iso"), true);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
