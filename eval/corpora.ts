// The evaluation corpora: documentation and source code nobody on the team wrote, so the labelled
// queries cannot be tuned to our own prose. Three kinds of source, each pinned:
//   npm:  a package this project already installs (package-lock.json, so `npm ci` brings it back),
//         pinned by version;
//   deb:  a Debian package that ships a project's sources (Python, Go, Rust, Ruby, C++, PHP, Java, Lua, C, shell), fetched once with
//         `apt-get download` into eval/.cache/ (gitignored) and pinned by the .deb's SHA-256;
//   tarball: an npm package's published tarball, fetched with `npm pack` into eval/.cache/ and
//         pinned by the registry's SHA-512 integrity, for sources a package ships but this project
//         must not install (Kotlin and Swift inside an Expo package; npm-tarball.ts);
//   repo: files of this repository (the seed's knowledge base), for the paraphrase questions.
// The labels in eval/queries/ point at lines of those exact files, so a different version fails
// loudly instead of scoring against moved text.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import picomatch from "picomatch";
import { tarballRoot, type TarballSource } from "./npm-tarball";

const ROOT = join(__dirname, "..");
const NODE_MODULES = join(ROOT, "node_modules");
/** Where .deb files and npm tarballs are downloaded and unpacked, once (gitignored). */
export const DEB_CACHE = join(__dirname, ".cache");

export interface NpmSource {
  kind?: "npm";
  /** npm package name, as installed at node_modules/<package>; also the folder in the corpus. */
  package: string;
  version: string;
  /** Globs relative to the package folder. */
  files: string[];
}

export interface DebSource {
  kind: "deb";
  /** Debian binary package name and exact version (`apt-cache policy <package>` lists them). */
  package: string;
  version: string;
  /** SHA-256 of the .deb file. */
  sha256: string;
  /**
   * A tarball (or a jar or zip) inside the package that holds the sources, for packages that ship them
   * packed (bsh-src ships usr/src/bsh-src/bsh.tar.gz, plm its Scala in usr/share/java/plm-2.9.2.jar). It is unpacked once, beside itself, into `<archive>.d/`, and
   * `root` is then a folder inside that.
   */
  archive?: string;
  /** The folder inside the package (or its archive) that holds the project (e.g. usr/lib/python3/dist-packages/requests). */
  root: string;
  /** The project's folder in the corpus (paths in the labels start with it). */
  as: string;
  /** Globs relative to `root`. */
  files: string[];
  /** Globs relative to `root` that are left out (generated tables, huge fixtures). */
  exclude?: string[];
}

export interface RepoSource {
  kind: "repo";
  /** A folder of this repository. */
  dir: string;
  /** The folder in the corpus. */
  as: string;
  files: string[];
}

export type Source = NpmSource | DebSource | TarballSource | RepoSource;
export type { TarballSource };

export interface CorpusSpec {
  name: string;
  kind: "docs" | "code" | "notes";
  /** The language of the code (code corpora), for the report. */
  language?: string;
  description: string;
  sources: Source[];
}

/** react-native-vision-camera 4.7.2: its iOS Swift and its Android Kotlin are two corpora, each with its own set. */
const VISION_CAMERA = "sha512-C+5PvlSunN6I4aYplSask+v3jfhgduZumIVw6H6lG+Afpf8boIcG3uFSsSfVgj+hxI7fx6qM6bsciEhzgxEUYg==";

/** python3-requests 2.28.1+dfsg-1: its sources, and its docs, are two sources of one corpus. */
const REQUESTS_DEB = { kind: "deb", package: "python3-requests", version: "2.28.1+dfsg-1", sha256: "c75b5c05d8d4a813bd83c3d432ffe65a2ca13e771bc91d4b9787690097598603" } as const;
/** php-monolog 2.9.1-1: its sources, and its docs, are two sources of one corpus. */
const MONOLOG_DEB = { kind: "deb", package: "php-monolog", version: "2.9.1-1", sha256: "f8a26688b521e33cf6ef73b75ae5eac0cb026d986a336161456dd37dbb710681" } as const;

/** expo-modules-core 2.5.0 from the npm registry: its Android (Kotlin) and iOS (Swift) sources are two corpora. */
const EXPO_TARBALL = {
  kind: "tarball",
  package: "expo-modules-core",
  version: "2.5.0",
  integrity: "sha512-aIbQxZE2vdCKsolQUl6Q9Farlf8tjh/ROR4hfN1qT7QBGPl1XrJGnaOKkcgYaGrlzCPg/7IBe0Np67GzKMZKKQ==",
} as const;

export const CORPORA: CorpusSpec[] = [
  {
    name: "docs",
    kind: "docs",
    description: "README manuals of ten runtime dependencies (markdown: API references, option lists, FAQs)",
    sources: [
      { package: "tar", version: "7.5.23", files: ["README.md"] },
      { package: "minipass", version: "7.1.3", files: ["README.md"] },
      { package: "node-fetch", version: "2.6.13", files: ["README.md"] },
      { package: "picomatch", version: "4.0.7", files: ["README.md"] },
      { package: "ignore", version: "7.0.16", files: ["README.md"] },
      { package: "semver", version: "7.8.6", files: ["README.md"] },
      { package: "global-agent", version: "3.0.0", files: ["README.md"] },
      { package: "roarr", version: "2.15.4", files: ["README.md"] },
      { package: "seedrandom", version: "3.0.5", files: ["README.md"] },
      { package: "protobufjs", version: "7.6.6", files: ["README.md"] },
    ],
  },
  {
    name: "code",
    kind: "code",
    language: "JavaScript",
    description: "JavaScript sources of semver (the whole library and its CLI) and picomatch (lib/), each with its README",
    sources: [
      { package: "semver", version: "7.8.6", files: ["README.md", "index.js", "bin/*.js", "classes/*.js", "functions/*.js", "internal/*.js", "ranges/*.js"] },
      { package: "picomatch", version: "4.0.7", files: ["README.md", "lib/*.js"] },
    ],
  },
  {
    name: "python",
    kind: "code",
    language: "Python",
    description: "requests 2.28.1, the HTTP library (the whole package, and its README)",
    sources: [
      {
        ...REQUESTS_DEB,
        root: "usr/lib/python3/dist-packages/requests",
        as: "requests",
        files: ["*.py"],
      },
      {
        ...REQUESTS_DEB,
        root: "usr/share/doc/python3-requests",
        as: "requests-doc",
        files: ["*.md"],
      },
    ],
  },
  {
    name: "go",
    kind: "code",
    language: "Go",
    description: "cobra 1.6.1, the CLI framework (library, doc generators and their tests)",
    sources: [
      {
        kind: "deb",
        package: "golang-github-spf13-cobra-dev",
        version: "1.6.1-1",
        sha256: "4f5d20855133319beef3c5b49d3c21a0406f270bf94fb4b6f4d406b691283cb2",
        root: "usr/share/gocode/src/github.com/spf13/cobra",
        as: "cobra",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "rust",
    kind: "code",
    language: "Rust",
    description: "regex 1.7.1, the crate (src/, examples/ and tests/ but the generated crates_regex.rs, and its README, CHANGELOG, HACKING, PERFORMANCE and UNICODE notes)",
    sources: [
      {
        kind: "deb",
        package: "librust-regex-dev",
        version: "1.7.1-1",
        sha256: "9b8c87bb5aa87c0095f4cc36ed829c80e815c2f71337325bd6e25f8de1fba7f7",
        root: "usr/share/cargo/registry/regex-1.7.1",
        as: "regex",
        files: ["*.md", "src/**/*.rs", "tests/*.rs", "examples/*.rs"],
        // 126 KB of machine-generated test cases, one per crates.io regex: bulk, not code to search.
        exclude: ["tests/crates_regex.rs"],
      },
    ],
  },
  {
    name: "ruby",
    kind: "code",
    language: "Ruby",
    description: "rack 2.2.22, the web server interface (lib/)",
    sources: [
      {
        kind: "deb",
        package: "ruby-rack",
        version: "2.2.22-0+deb12u2",
        sha256: "7ba26a66f6981b48ac604c9b829de51bdfc5d5ec8f329cf823b0aab72f718354",
        root: "usr/share/rubygems-integration/all/gems/rack-2.2.22",
        as: "rack",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "typescript",
    kind: "code",
    language: "TypeScript",
    description: "ajv 8.20.0, the JSON Schema validator (its TypeScript sources, lib/, and its README)",
    sources: [{ package: "ajv", version: "8.20.0", files: ["README.md", "lib/**/*.ts"] }],
  },
  {
    name: "cpp",
    kind: "code",
    language: "C++",
    description: "{fmt} 9.1.0, the formatting library (its headers, which hold the implementation too)",
    sources: [
      {
        kind: "deb",
        package: "libfmt-dev",
        version: "9.1.0+ds1-2",
        sha256: "c8fa00dd0269e6eda9fd06668df3d720de4b5a1f647dcd3c6e0ba63f0cbf2150",
        root: "usr/include/fmt",
        as: "fmt",
        files: ["*.h"],
      },
    ],
  },
  {
    name: "php",
    kind: "code",
    language: "PHP",
    description: "Monolog 2.9.1, the logging library (the whole package: handlers, formatters, processors; and the docs Debian ships)",
    sources: [
      {
        ...MONOLOG_DEB,
        root: "usr/share/php/Monolog",
        as: "monolog",
        files: ["**/*.php"],
      },
      {
        ...MONOLOG_DEB,
        root: "usr/share/doc/php-monolog",
        as: "monolog-doc",
        files: ["*.md"],
      },
    ],
  },
  {
    name: "java",
    kind: "code",
    language: "Java",
    description: "BeanShell 2.0b4, the Java interpreter (src/, but the parser JavaCC generated)",
    sources: [
      {
        kind: "deb",
        package: "bsh-src",
        version: "2.0b4-20",
        sha256: "8bc67e9514560ef9e15beff101ed1ffb54a448588c2403987f407cd11547c00d",
        archive: "usr/src/bsh-src/bsh.tar.gz",
        root: "src",
        as: "bsh",
        files: ["**/*.java"],
        exclude: [
          "bsh/{Parser,ParserTokenManager,ParserConstants,ParserTreeConstants,JJTParserState,JavaCharStream,Token,TokenMgrError,ParseException}.java",
        ],
      },
    ],
  },
  {
    name: "click",
    kind: "code",
    language: "Python",
    description: "Click 8.1.3, the command-line interface library (the whole package), a second Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-click",
        version: "8.1.3-2",
        sha256: "c3af7e231d711f7fdb9a2fac4954061fe423ea517279bc30bf95a0920738279b",
        root: "usr/lib/python3/dist-packages/click",
        as: "click",
        files: ["*.py"],
      },
    ],
  },
  {
    name: "commander",
    kind: "code",
    language: "JavaScript",
    description: "commander 12.1.0, the command-line library (lib/, its README and its type declarations), a second JavaScript set written blind",
    sources: [{ package: "commander", version: "12.1.0", files: ["index.js", "lib/*.js", "Readme.md", "typings/index.d.ts"] }],
  },
  {
    name: "ignore",
    kind: "code",
    language: "Rust",
    description: "ignore 0.4.18, ripgrep's crate for gitignore rules and parallel directory walks (src/, examples/, tests/ and its README), a second Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-ignore-dev",
        version: "0.4.18-2+b1",
        sha256: "9b193694e88b3c8533c4fe1553ed0f3aae8bd06ff1f3ee652ca3b738d2959204",
        root: "usr/share/cargo/registry/ignore-0.4.18",
        as: "ignore",
        files: ["README.md", "src/*.rs", "tests/*.rs", "examples/*.rs"],
      },
    ],
  },
  {
    name: "mux",
    kind: "code",
    language: "Go",
    description: "gorilla/mux 1.8.0, the HTTP router (the whole package: its code, its package docs and its tests, which are two thirds of it), a second Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-gorilla-mux-dev",
        version: "1.8.0-1",
        sha256: "0880a4019fe68496a0e0a749c2948c029e489f49edd448bed2fedaba33f848c2",
        root: "usr/share/gocode/src/github.com/gorilla/mux",
        as: "mux",
        files: ["*.go"],
      },
    ],
  },
  {
    name: "lua",
    kind: "code",
    language: "Lua",
    description: "Penlight 1.13.1, the general-purpose Lua libraries (the whole package), a Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-penlight",
        version: "1.13.1-3",
        sha256: "69918434ee650d06aa470d49ba05a1a16ae43e66b8216e135cc5075f7d5d9ff3",
        root: "usr/share/lua/5.1/pl",
        as: "pl",
        files: ["*.lua"],
      },
    ],
  },
  {
    name: "libxcrypt",
    kind: "code",
    language: "C",
    description: "libxcrypt 4.4.33, the password-hashing library behind crypt(3) (its library sources, tests and README, without the generated DES and GOST tables), a C set written blind",
    sources: [
      {
        kind: "deb",
        package: "libxcrypt-source",
        version: "1:4.4.33-2",
        sha256: "2ceb03c27d8c0471f7a3ad5dd34265d93f6daad32cf6ca6c0eace7d60b1507df",
        root: "usr/src/libxcrypt",
        as: "libxcrypt",
        files: ["README.md", "lib/*.c", "lib/*.h", "test/*.c"],
        exclude: ["lib/alg-des-tables.c", "lib/alg-gost3411-2012-precalc.h", "lib/alg-gost3411-2012-const.h"],
      },
    ],
  },
  {
    name: "dracut",
    kind: "code",
    language: "shell",
    description: "dracut 059, the initramfs generator (its shell library and every module's .sh scripts: about a hundred module-setup.sh with the same four functions), a shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "dracut-core",
        version: "059-4",
        sha256: "d0598a5f7b5dcdd1172303a9da4c156a2b6df75fd85a97bc3d228bfafa5f39f9",
        root: "usr/lib/dracut",
        as: "dracut",
        files: ["*.sh", "modules.d/*/*.sh"],
      },
    ],
  },
  {
    name: "kotlin",
    kind: "code",
    language: "Kotlin",
    description: "expo-modules-core 2.5.0, Expo's native module runtime: its Android sources (Kotlin, some Java), a Kotlin set written blind",
    sources: [{ ...EXPO_TARBALL, root: "package/android/src/main/java", as: "android", files: ["**/*.kt", "**/*.java"] }],
  },
  {
    name: "swift",
    kind: "code",
    language: "Swift",
    description: "expo-modules-core 2.5.0, Expo's native module runtime: its iOS sources (Swift, with their tests), a Swift set written blind",
    sources: [{ ...EXPO_TARBALL, root: "package/ios", as: "ios", files: ["**/*.swift"] }],
  },
  {
    name: "csharp",
    kind: "code",
    language: "C#",
    description: "react-native-windows 0.84.0's managed layer: Microsoft.ReactNative.Managed and its code generator (C#), a C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-windows",
        version: "0.84.0",
        integrity: "sha512-VmtJqtIRTYNo5jx+qrQJCT/mvNk3fONPssxWQham8OsaDl2VH4QUhBpifaK9HTbKpWMK5qLcBwh8YDSrFQA5zQ==",
        root: "package",
        as: "rnw",
        files: ["Microsoft.ReactNative.Managed/**/*.cs", "Microsoft.ReactNative.Managed.CodeGen/**/*.cs"],
      },
    ],
  },
  {
    name: "rxjs",
    kind: "code",
    language: "TypeScript",
    description: "RxJS 7.8.2, reactive streams (its TypeScript sources: operators, creation functions, subjects, schedulers, and its README), a second TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "rxjs",
        version: "7.8.2",
        integrity: "sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==",
        root: "package",
        as: "rxjs",
        files: ["README.md", "src/**/*.ts"],
      },
    ],
  },
  {
    name: "flask",
    kind: "code",
    language: "Python",
    description: "Flask 2.2.2, the web framework (the whole package), a third Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-flask",
        version: "2.2.2-3",
        sha256: "2c8c9a408c2373d8b42f0d3434f17fc1a710bc81e52273b96597b25c57b399d7",
        root: "usr/lib/python3/dist-packages/flask",
        as: "flask",
        files: ["*.py", "json/*.py"],
      },
    ],
  },
  {
    name: "express",
    kind: "code",
    language: "JavaScript",
    description: "Express 4.22.3, the web framework (lib/, its index.js and Readme), a third JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "express",
        version: "4.22.3",
        integrity: "sha512-Bdcs4+3qlpVlx2NRn6fgX2Ue2/gGRaPeawebgclM0ERSCqDpA+owF1fdPwjJUTAJWMTuAaxjDf+hzb0/4eKvvw==",
        root: "package",
        as: "express",
        files: ["index.js", "Readme.md", "lib/*.js", "lib/*/*.js"],
      },
    ],
  },
  {
    name: "gin",
    kind: "code",
    language: "Go",
    description: "Gin 1.8.1, the HTTP web framework (the whole package with its tests, binding, render and internal folders), a third Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-gin-gonic-gin-dev",
        version: "1.8.1-1",
        sha256: "66d916769bcd36a6722b0c92a81719b8faca56f69662b17d1ef7ba257c85367a",
        root: "usr/share/gocode/src/github.com/gin-gonic/gin",
        as: "gin",
        files: ["*.go", "binding/*.go", "render/*.go", "ginS/*.go", "internal/*/*.go"],
      },
    ],
  },
  {
    name: "sinatra",
    kind: "code",
    language: "Ruby",
    description: "Sinatra 3.0.5, the web DSL (lib/: most of it one 2,000-line base.rb), a second Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-sinatra",
        version: "3.0.5-3+deb12u1",
        sha256: "7980ec9e78c5e48bf9062111c68296c183c8fb2bb0b522f85e3dc04129221323",
        root: "usr/share/rubygems-integration/all/gems/sinatra-3.0.5",
        as: "sinatra",
        files: ["lib/*.rb", "lib/sinatra/*.rb"],
      },
    ],
  },
  {
    name: "serde_json",
    kind: "code",
    language: "Rust",
    description: "serde_json 1.0.87, the JSON crate (src/ with its float-parsing internals, tests/, and its README), a third Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-serde-json-dev",
        version: "1.0.87-1",
        sha256: "2d053de630af6649c40a39d9ab6268d5469385289016a1205d0dec196e7b77d2",
        root: "usr/share/cargo/registry/serde_json-1.0.87",
        as: "serde_json",
        files: ["README.md", "src/*.rs", "src/*/*.rs", "tests/*.rs"],
      },
    ],
  },
  {
    name: "spdlog",
    kind: "code",
    language: "C++",
    description: "spdlog 1.10.0, the logging library (its headers: the -inl.h files hold the implementation), a second C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "libspdlog-dev",
        version: "1:1.10.0+ds-0.4",
        sha256: "4e19d647fe9bc9ec6a1fae81be00a69b1796b41660e8a7a4cf567264b463dcfb",
        root: "usr/include/spdlog",
        as: "spdlog",
        files: ["*.h", "cfg/*.h", "details/*.h", "fmt/*.h", "sinks/*.h"],
      },
    ],
  },
  {
    name: "jinja2",
    kind: "code",
    language: "Python",
    description: "Jinja2 3.1.2, the template engine (the whole package), a fourth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-jinja2",
        version: "3.1.2-1+deb12u3",
        sha256: "914e3a26742b488bca661dd12dc06198262c3a99b68f2f20ef7310aecdf82cae",
        root: "usr/lib/python3/dist-packages/jinja2",
        as: "jinja2",
        files: ["*.py"],
      },
    ],
  },
  {
    name: "symfony_console",
    kind: "code",
    language: "PHP",
    description: "Symfony Console 5.4.53, the command-line component (every PHP file of it), a second PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-symfony-console",
        version: "5.4.53+dfsg-0+deb12u1",
        sha256: "64bd4cbdd9556ee3fd212e444a8df4aa0af00e09c81abb8634eff819a7bab62b",
        root: "usr/share/php/Symfony/Component/Console",
        as: "Console",
        files: ["**/*.php"],
      },
    ],
  },
  {
    name: "logrus",
    kind: "code",
    language: "Go",
    description: "logrus 1.9.0, the structured logger (every Go file, its tests and hooks included), a fourth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-sirupsen-logrus-dev",
        version: "1.9.0-1",
        sha256: "51fb87b05452e96be38b97c03d5f997f6ce3a144421f911338d6c4ea2e8aa118",
        root: "usr/share/gocode/src/github.com/sirupsen/logrus",
        as: "logrus",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "itertools",
    kind: "code",
    language: "Rust",
    description: "itertools 0.10.3, the iterator adaptors crate (src/ and its README), a fourth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-itertools-dev",
        version: "0.10.3-1",
        sha256: "3e13fc328508275c2c84270133f41a300ffb58b9b77001b89373ba7f7ab57fde",
        root: "usr/share/cargo/registry/itertools-0.10.3",
        as: "itertools",
        files: ["README.md", "src/**/*.rs"],
      },
    ],
  },
  {
    name: "attrs",
    kind: "code",
    language: "Python",
    description: "attrs 22.2.0, classes without boilerplate (the attr and attrs packages with their .pyi stubs), a fifth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-attr",
        version: "22.2.0-1",
        sha256: "6a12ea96a8a909445a982975279f96d7b9a1ff96c912efff39abc8d92372694a",
        root: "usr/lib/python3/dist-packages",
        as: "attrs",
        files: ["attr/*.py", "attr/*.pyi", "attrs/*.py", "attrs/*.pyi"],
      },
    ],
  },
  {
    name: "axios",
    kind: "code",
    language: "JavaScript",
    description: "axios 1.21.1, the HTTP client (lib/, its index.js and README), a fourth JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "axios",
        version: "1.21.1",
        integrity: "sha512-6eI5Q/Y4u/Um9dDlsRoq5pY2rxnUTv+L4PpLitnbk/i4jb3MxLZ5CsN5Ih3IysbeRYK4pR+P7qfMsOQl9fwwFQ==",
        root: "package",
        as: "axios",
        files: ["index.js", "README.md", "lib/**/*.js"],
      },
    ],
  },
  {
    name: "query_core",
    kind: "code",
    language: "TypeScript",
    description: "TanStack Query core 5.59.0, data fetching and caching (its TypeScript src/ with its tests), a third TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@tanstack/query-core",
        version: "5.59.0",
        integrity: "sha512-WGD8uIhX6/deH/tkZqPNcRyAhDUqs729bWKoByYHSogcshXfFbppOdTER5+qY7mFvu8KEFJwT0nxr8RfPTVh0Q==",
        root: "package",
        as: "query-core",
        files: ["src/**/*.ts", "src/**/*.tsx"],
      },
    ],
  },
  {
    name: "cordova",
    kind: "code",
    language: "Java",
    description: "cordova-android 13.0.0, the Android platform of Apache Cordova (its Java framework and README), a second Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "cordova-android",
        version: "13.0.0",
        integrity: "sha512-uQG+cSyrB1NMi2aIzihldIupHB9WGpZVvrMMMAAtnyc6tDlEk7gweSSaFsEONyGAnteRYpIvrzg/YwDW08PcUg==",
        root: "package",
        as: "cordova-android",
        files: ["README.md", "framework/src/**/*.java"],
      },
    ],
  },
  {
    name: "thor",
    kind: "code",
    language: "Ruby",
    description: "thor 1.2.1, the toolkit for command-line interfaces (its lib/), a third Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-thor",
        version: "1.2.1-2",
        sha256: "509715d16039ee7336531718e2497d0f81ae125b9ee53f321dd909c2f03fd2e1",
        root: "usr/share/rubygems-integration/all/gems/thor-1.2.1",
        as: "thor",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "trpc",
    kind: "code",
    language: "TypeScript",
    description: "tRPC server 10.45.2, typesafe APIs (its TypeScript src/: routers, procedures, middlewares, adapters; and its README), a fourth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@trpc/server",
        version: "10.45.2",
        integrity: "sha512-wOrSThNNE4HUnuhJG6PfDRp4L2009KDVxsd+2VYH8ro6o/7/jwYZ8Uu5j+VaW+mOmc8EHerHzGcdbGNQSAUPgg==",
        root: "package",
        as: "trpc-server",
        files: ["README.md", "src/**/*.ts"],
      },
    ],
  },
  {
    name: "cli11",
    kind: "code",
    language: "C++",
    description: "CLI11 2.1.2, the header-only command-line parser (its headers), a third C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "libcli11-dev",
        version: "2.1.2+ds-1",
        sha256: "f1f6ee9ec053e0e0bcec47345e241b6a8ee006321248b4329e9ce88d2b4b64a8",
        root: "usr/include/CLI",
        as: "CLI",
        files: ["*.hpp"],
      },
    ],
  },
  {
    name: "werkzeug",
    kind: "code",
    language: "Python",
    description: "Werkzeug 2.2.2, the WSGI toolkit (the whole package), a sixth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-werkzeug",
        version: "2.2.2-3+deb12u1",
        sha256: "283e2d849e93531581948b0c49ebdd3831c0a5fc22edb7bc08efd3c38ae055b8",
        root: "usr/lib/python3/dist-packages/werkzeug",
        as: "werkzeug",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "toml",
    kind: "code",
    language: "Rust",
    description: "toml 0.5.11, the TOML crate (src/, examples/, tests/ and its README), a fifth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-toml-dev",
        version: "0.5.11-1",
        sha256: "4c06a670fa97eda975b02781e4fa7aa3a529afb8ad3bef047496fdd464cc021b",
        root: "usr/share/cargo/registry/toml-0.5.11",
        as: "toml",
        files: ["README.md", "src/*.rs", "examples/*.rs", "tests/*.rs"],
      },
    ],
  },
  {
    name: "capacitor",
    kind: "code",
    language: "Java",
    description: "Capacitor Android 6.1.2, the Android runtime of Capacitor (its Java sources), a third Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@capacitor/android",
        version: "6.1.2",
        integrity: "sha512-Yh0gQDY1bgRrL25J6ecIlvvs2kF8iNSwIPXjyw6Yz9mnwYxBazF5KZbjpKtGPnJgicJhFkYGsqOkEtxrve0EoQ==",
        root: "package/capacitor",
        as: "capacitor",
        files: ["src/**/*.java"],
      },
    ],
  },
  {
    name: "go_plugin",
    kind: "code",
    language: "Go",
    description: "go-plugin 1.0.1, HashiCorp's plugin system over RPC (every Go file, its tests and the gRPC stubs protoc generated beside the hand-written broker and controller), a fifth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-hashicorp-go-plugin-dev",
        version: "1.0.1-4",
        sha256: "6e6aabe6dcd8ed719cfe1b87d07218ff94946f660e1563d759ebad24c22e48ee",
        root: "usr/share/gocode/src/github.com/hashicorp/go-plugin",
        as: "go-plugin",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "markdown",
    kind: "code",
    language: "Python",
    description: "Python-Markdown 3.4.1 (the whole package: its block, inline and tree processors, and its extensions), a seventh Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-markdown",
        version: "3.4.1-2+deb12u1",
        sha256: "7f98e975cf0cc5d6b63d1ea76f1e1f2c88df91d873eac58eef8bc89a25a25d93",
        root: "usr/lib/python3/dist-packages/markdown",
        as: "markdown",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "addressable",
    kind: "code",
    language: "Ruby",
    description: "Addressable 2.8.1, URI parsing, normalization, IDNA and URI templates (its lib/), a fourth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-addressable",
        version: "2.8.1-1",
        sha256: "4d6027d0bd7c2d63e965a2f728d30aba0f64e2745742c2ac861f163b7aa887fb",
        root: "usr/share/rubygems-integration/all/gems/addressable-2.8.1",
        as: "addressable",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "psr7",
    kind: "code",
    language: "PHP",
    description: "guzzlehttp/psr7 2.4.5, PSR-7 HTTP messages, URIs and streams (the whole package), a third PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-guzzlehttp-psr7",
        version: "2.4.5-1+deb12u1",
        sha256: "62a536ac1e6f7fc47e6f36562e0049da3023b3adeac1be114c9fda2fbc08eb52",
        root: "usr/share/php/GuzzleHttp/Psr7",
        as: "psr7",
        files: ["**/*.php"],
      },
    ],
  },
  {
    name: "ldoc",
    kind: "code",
    language: "Lua",
    description: "LDoc 1.4.6, the Lua documentation generator (its ldoc/ modules: parsing, markup, HTML, the built-in library docs), a second Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-ldoc",
        version: "1.4.6-2",
        sha256: "b2fd6c5d66e3e50587dba36ea1e2da9eac10dbea5836625c6b8c3e955bf6c78f",
        root: "usr/share/lua/5.1/ldoc",
        as: "ldoc",
        files: ["**/*.lua"],
      },
    ],
  },
  {
    name: "hiredis",
    kind: "code",
    language: "C",
    description: "hiredis, the minimal C client for Redis, as the npm package hiredis 0.5.0 vendors it (deps/hiredis: the reply parser, sds strings, dict, networking, the async API and its event-loop adapters, tests and examples, and its README), a second C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "hiredis",
        version: "0.5.0",
        integrity: "sha512-fKf2yLN2hTiXWGPiJUhDFyBQ5arMb500QfF+xEodoMK/G+WxYU+ckDoMIjHK7+IDWCex1QfJz3QVCfsu557XgQ==",
        root: "package/deps/hiredis",
        as: "hiredis",
        files: ["README.md", "**/*.c", "**/*.h"],
      },
    ],
  },
  {
    name: "notifications",
    kind: "code",
    language: "Kotlin",
    description: "expo-notifications 0.32.16, Expo's local and push notifications: its Android sources (Kotlin, a third of them Java: scheduling, presentation, channels, categories, badges, permissions, tokens, the service and its delegates), a second Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-notifications",
        version: "0.32.16",
        integrity: "sha512-QQD/UA6v7LgvwIJ+tS7tSvqJZkdp0nCSj9MxsDk/jU1GttYdK49/5L2LvE/4U0H7sNBz1NZAyhDZozg8xgBLXw==",
        root: "package/android/src/main/java/expo/modules/notifications",
        as: "notifications",
        files: ["**/*.kt", "**/*.java"],
      },
    ],
  },
  {
    name: "capacitor_ios",
    kind: "code",
    language: "Swift",
    description: "Capacitor iOS 6.1.2, the iOS runtime of Capacitor (its Swift sources: the bridge, plugin calls, the web view and its delegate, configuration, the scheme handler, the cookie and HTTP plugins), a second Swift set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@capacitor/ios",
        version: "6.1.2",
        integrity: "sha512-HaeW68KisBd/7TmavzPDlL2bpoDK5AjR2ZYrqU4TlGwM88GtQfvduBCAlSCj20X0w/4+rWMkseD9dAAkacjiyQ==",
        root: "package/Capacitor/Capacitor",
        as: "capacitor",
        files: ["**/*.swift"],
      },
    ],
  },
  {
    name: "viper",
    kind: "code",
    language: "Go",
    description: "viper 1.10.1, the configuration library (every Go file, its tests included: most of it one 2,000-line viper.go, with flags, file systems, watching, remote providers and the internal codecs), a sixth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-spf13-viper-dev",
        version: "1.10.1-1",
        sha256: "2506cd72663b1ea239207546697dc4151517813a9c87f606897b84c9e1d19e73",
        root: "usr/share/gocode/src/github.com/spf13/viper",
        as: "viper",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "rnmaps",
    kind: "code",
    language: "Java",
    description: "react-native-maps 1.29.11, maps for React Native: its Android sources (Java: the map view, markers, shapes, tile overlays, the manager and module, and the new-architecture view managers and events), a fourth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-maps",
        version: "1.29.11",
        integrity: "sha512-fZNc6AINuPdHS2puudanNPd9ZMPPuerTHfy9HU6LbpOD+kB03SuOZRbOEYIOE2eSuUPYwLHvU8ys1RcSIxLYhA==",
        root: "package/android/src/main/java/com/rnmaps",
        as: "rnmaps",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "bytes",
    kind: "code",
    language: "Rust",
    description: "bytes 1.2.1, the byte-buffer crate (src/: Bytes, BytesMut, the Buf and BufMut traits and their adapters; tests/, benches/ and its README), a sixth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-bytes-dev",
        version: "1.2.1-1",
        sha256: "86fbba5fe9d10f1eeb28944e52cfc8caa75f9a509c3603b70f8107f151744fcc",
        root: "usr/share/cargo/registry/bytes-1.2.1",
        as: "bytes",
        files: ["src/**/*.rs", "tests/**/*.rs", "benches/**/*.rs", "README.md"],
      },
    ],
  },
  {
    name: "ws",
    kind: "code",
    language: "JavaScript",
    description: "ws 8.18.0, the Node.js WebSocket library (lib/: the client, the server, the frame receiver and sender, permessage-deflate; its index.js and README), a fifth JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "ws",
        version: "8.18.0",
        integrity: "sha512-8VbfWfHLbbwu3+N6OKsOMpBdT4kXPDDB9cJk2bJ6mh9ucxdlnNvH1e+roYkKmN9Nxw2yjz7VzeO9oOz2zJ04Pw==",
        root: "package",
        as: "ws",
        files: ["lib/*.js", "index.js", "README.md"],
      },
    ],
  },
  {
    name: "immer",
    kind: "code",
    language: "TypeScript",
    description: "immer 10.1.1, immutable state by writing to drafts (its TypeScript src/: produce, proxies, scopes, finalization, the patches and Map/Set plugins), a fifth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "immer",
        version: "10.1.1",
        integrity: "sha512-s2MPrmjovJcoMaHtx6K11Ra7oD05NT97w1IC5zpMkT6Atjr7H8LjaDd81iIxUYpMKSRRNMJE703M1Fhr/TctHw==",
        root: "package/src",
        as: "immer",
        files: ["**/*.ts"],
      },
    ],
  },
  {
    name: "httpx",
    kind: "code",
    language: "Python",
    description: "httpx 0.23.3, the HTTP client (the whole package: the sync and async clients, models, URLs, auth, config, transports, decoders, multipart), an eighth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-httpx",
        version: "0.23.3-1",
        sha256: "0df52e319bc11e77d2b9ff6b40824f4af4169ca0ec613ee541f65893222d6645",
        root: "usr/lib/python3/dist-packages/httpx",
        as: "httpx",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "faraday",
    kind: "code",
    language: "Ruby",
    description: "Faraday 1.1.0, the HTTP client library (its lib/: the connection, the middleware stack, request and response middleware, adapters, options, encoders), a fifth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-faraday",
        version: "1.1.0-7",
        sha256: "67e17b9012a198443552c9df47a8cbcea4285aba06c48cc2b772792d3c57e4c0",
        root: "usr/share/rubygems-integration/all/gems/faraday-1.1.0/lib",
        as: "faraday",
        files: ["**/*.rb"],
      },
    ],
  },
  {
    name: "urllib3",
    kind: "code",
    language: "Python",
    description: "urllib3 1.26.12, the HTTP client library (the whole package: connection pools, the pool manager and proxies, retries, timeouts, responses, fields and multipart encoding, util/ and the contrib/ backends), a ninth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-urllib3",
        version: "1.26.12-1+deb12u4",
        sha256: "9dd6fef10317e437f2195cb5ea8b38d8e39e02106c5fda7b16d58b4bb9a85886",
        root: "usr/lib/python3/dist-packages/urllib3",
        as: "urllib3",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "websocket",
    kind: "code",
    language: "Go",
    description: "gorilla/websocket 1.5.0, the WebSocket implementation (every Go file, its tests and examples included), a seventh Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-gorilla-websocket-dev",
        version: "1.5.0-2",
        sha256: "c43a1b15cf1446303e8683b3c877c04c88ea813c6b201876eac9388d60240ff1",
        root: "usr/share/gocode/src/github.com/gorilla/websocket",
        as: "websocket",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "anyhow",
    kind: "code",
    language: "Rust",
    description: "anyhow 1.0.69, the error-handling crate (src/: the error type, its vtable, context, backtraces, the macros; tests/ and its README), a seventh Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-anyhow-dev",
        version: "1.0.69-1",
        sha256: "f877f024d95d8af3c3f62e2cf74e6ba5eb976a3cf27c920bda786cd32029b79d",
        root: "usr/share/cargo/registry/anyhow-1.0.69",
        as: "anyhow",
        files: ["src/**/*.rs", "tests/**/*.rs", "README.md"],
      },
    ],
  },
  {
    name: "i18n",
    kind: "code",
    language: "Ruby",
    description: "the i18n gem 1.10.0, internationalization for Ruby (its lib/: the I18n module, backends, interpolation, locale fallbacks, pluralization, gettext support and its test helpers), a sixth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-i18n",
        version: "1.10.0-2",
        sha256: "ad7d40173fa8b64baffd4b792eaf5a329f80f395580e79beb6c12777b6a80fa3",
        root: "usr/share/rubygems-integration/all/gems/i18n-1.10.0",
        as: "i18n",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "busted",
    kind: "code",
    language: "Lua",
    description: "busted 2.1.1, the unit-testing framework (its busted/ modules: the runner, the test execution core, output handlers, language files, file loaders), a third Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-busted",
        version: "2.1.1-1",
        sha256: "2bd80d74768b090024c3c6852032c681d323fc0a94506a727d17809e9c9a69b3",
        root: "usr/share/lua/5.1/busted",
        as: "busted",
        files: ["**/*.lua"],
      },
    ],
  },
  {
    name: "twig",
    kind: "code",
    language: "PHP",
    description: "Twig 3.5.1, the template engine (every PHP file: the lexer, parser, nodes, token parsers, the compiler, extensions, loaders, the sandbox, runtime), a fourth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-twig",
        version: "3.5.1-1+deb12u3",
        sha256: "a0ac1c8c28830e506ed8bd035d7dde4a2e9481adc7ce0138305576cab4c277c1",
        root: "usr/share/php/Twig",
        as: "twig",
        files: ["**/*.php"],
      },
    ],
  },
  {
    name: "koa",
    kind: "code",
    language: "JavaScript",
    description: "Koa 3.3.0, the web framework (lib/: application, context, request and response; and its Readme), a sixth JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "koa",
        version: "3.3.0",
        integrity: "sha512-NdsWJYxVzUuYt718DtEQRhUXqqsAPA4VlaUGrlidjh/T2TP/4OQXqQg4ouUHfHD9f+tgmwLZWPm+JQLgqM9YbA==",
        root: "package",
        as: "koa",
        files: ["lib/**/*.js", "Readme.md"],
      },
    ],
  },
  {
    name: "leveldb",
    kind: "code",
    language: "C++",
    description: "LevelDB 1.20, the key-value store, as the npm package leveldown 6.1.1 vendors it (deps/leveldb: db/, table/, util/, port/, helpers/ and include/, with its tests, and its README), a fourth C++ set written blind",
    sources: [
      {
        kind: "tarball",
        package: "leveldown",
        version: "6.1.1",
        integrity: "sha512-88c+E+Eizn4CkQOBHwqlCJaTNEjGpaEIikn1S+cINc5E9HEvJ77bqY4JY/HxT5u0caWqsc3P3DcFIKBI1vHt+A==",
        root: "package/deps/leveldb/leveldb-1.20",
        as: "leveldb",
        files: ["**/*.cc", "**/*.h", "README.md"],
      },
    ],
  },
  {
    name: "bats",
    kind: "code",
    language: "shell",
    description: "bats-core 1.13.0, the Bash Automated Testing System: its commands (libexec/bats-core, no file extension) and libraries (lib/bats-core/*.bash), a second shell set written blind",
    sources: [
      {
        kind: "tarball",
        package: "bats",
        version: "1.13.0",
        integrity: "sha512-giSYKGTOcPZyJDbfbTtzAedLcNWdjCLbXYU3/MwPnjyvDXzu6Dgw8d2M+8jHhZXSmsCMSQqCp+YBsJ603UO4vQ==",
        root: "package",
        as: "bats",
        files: ["libexec/bats-core/*", "lib/bats-core/*.bash"],
      },
    ],
  },
  {
    name: "treesitter",
    kind: "code",
    language: "C",
    description: "the tree-sitter 0.25.1 C runtime (parser, lexer, parse stack, query engine, tree cursor, subtrees), as the npm package tree-sitter vendors it, a third C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "tree-sitter",
        version: "0.25.1",
        integrity: "sha512-mrcEdkYtHfrK1A6fs3O6FxkBo0Qig5XUXqHhxUOQu0bmPo00QF4XaSx4edpazdHwxnSCjlGKGgIqWdaN4dvTLA==",
        root: "package/vendor/tree-sitter/lib",
        as: "tree-sitter",
        files: ["src/**/*.c", "src/**/*.h", "include/**/*.h"],
        exclude: ["src/unicode/**", "src/wasm/**"],
      },
    ],
  },
  {
    name: "rnscreens",
    kind: "code",
    language: "Kotlin",
    description: "react-native-screens 4.30.1, native navigation containers for React Native: its Android sources (Kotlin), a third Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-screens",
        version: "4.30.1",
        integrity: "sha512-wLzZSQpvMx3FxIlDnb6raDJjsv2x45tFLGFz8RFUvxHzsKU9dWOkZYv9fy2siWtFf3eWGcRh66hL+o+dHhRJLQ==",
        root: "package/android/src",
        as: "screens",
        files: ["**/*.kt"],
      },
    ],
  },
  {
    name: "expocamera",
    kind: "code",
    language: "Swift",
    description: "expo-camera 57.0.6, Expo's camera module: its iOS sources (Swift), a third Swift set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-camera",
        version: "57.0.6",
        integrity: "sha512-eswB77bOzQ2OEvll/hV5VnzywaICFnYF21HIwcyokebFcSTSMfGQk8+VW06DRec9JnWuRExs0QXlfxyMPjS6KQ==",
        root: "package/ios",
        as: "camera",
        files: ["**/*.swift"],
      },
    ],
  },
  {
    name: "edgejs",
    kind: "code",
    language: "C#",
    description: "Edge.js 26.1.0 (npm edge-js), which runs .NET inside Node.js: its C# sources (CoreCLR and Mono embeddings, the .NET Framework bridge, a semantic-version parser), a second C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "edge-js",
        version: "26.1.0",
        integrity: "sha512-7FJNViJHNd3yKTvCaw5uKDb90QeQNItYMlpbFaAVqc+jWNmInCDbi7st3nXG8IJ3sETneVfGK0r2CopNPcPFDw==",
        root: "package",
        as: "edge",
        files: ["src/**/*.cs"],
      },
    ],
  },
  {
    name: "dateutil",
    kind: "code",
    language: "Python",
    description: "python-dateutil 2.8.2, extensions to Python's datetime (parser, ISO parser, relativedelta, rrule, tz, easter), a tenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-dateutil",
        version: "2.8.2-2",
        sha256: "59d696282ffeaf54395452e012715410dc414c6baaa54d4cdae56ac7c217eb31",
        root: "usr/lib/python3/dist-packages/dateutil",
        as: "dateutil",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "testify",
    kind: "code",
    language: "Go",
    description: "testify 1.8.1, the Go testing toolkit (assert, require, mock, suite, http, the code generator; with its tests), an eighth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-stretchr-testify-dev",
        version: "1.8.1-1",
        sha256: "214a31391cf60e1d1abd9f218cb5134a1fd646340a147a04c2d95a981024a305",
        root: "usr/share/gocode/src/github.com/stretchr/testify",
        as: "testify",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "url",
    kind: "code",
    language: "Rust",
    description: "rust-url 2.3.1 (the url crate), WHATWG URL parsing: its sources, tests and README, an eighth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-url-dev",
        version: "2.3.1-1",
        sha256: "408d745032921069d1d7b2f43490b67418d50c0275789cef35adad7789ba27af",
        root: "usr/share/cargo/registry/url-2.3.1",
        as: "url",
        files: ["src/**/*.rs", "tests/**/*.rs", "README.md"],
      },
    ],
  },
  {
    name: "kramdown",
    kind: "code",
    language: "Ruby",
    description: "kramdown 2.4.0, the Markdown parser and converter (lib/: parsers, converters, utilities), a seventh Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-kramdown",
        version: "2.4.0-2",
        sha256: "2508d1b422c5f3d49df0814cbf3097c3f63d9d6a1eef3709542caeb8883b9e89",
        root: "usr/share/rubygems-integration/all/gems/kramdown-2.4.0",
        as: "kramdown",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "symfony_yaml",
    kind: "code",
    language: "PHP",
    description: "Symfony's Yaml component 5.4.53 (parser, inline parser, dumper, escaper, unescaper, lint command), a fifth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-symfony-yaml",
        version: "5.4.53+dfsg-0+deb12u1",
        sha256: "5da32cb55aef9c3c5a427cd3db0d8aa26f7fbb6836cdefe65d8b978a66b5d1b3",
        root: "usr/share/php/Symfony/Component/Yaml",
        as: "Yaml",
        files: ["**/*.php"],
      },
    ],
  },
  {
    name: "chi",
    kind: "code",
    language: "Go",
    description: "chi 5.0.7, the lightweight HTTP router (its router, radix tree, request context and middleware package, with their tests), a ninth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-go-chi-chi-dev",
        version: "5.0.7-1",
        sha256: "70beea5ca4f20af122e8083c91b56b6055df895595c7d9dcf286fadd4ad26f9b",
        root: "usr/share/gocode/src/github.com/go-chi/chi",
        as: "chi",
        files: ["*.go", "middleware/*.go"],
      },
    ],
  },
  {
    name: "clap",
    kind: "code",
    language: "Rust",
    description: "clap 4.0.32, the command-line argument parser (src/: the builder API, the parser and its matches, help and usage output, errors; not its tutorial and cookbook modules), a ninth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-clap-dev",
        version: "4.0.32-1",
        sha256: "00922f24c3eb5a899ae4438ebf7be2e82085559ee45055dbc856cdb113de9ebb",
        root: "usr/share/cargo/registry/clap-4.0.32",
        as: "clap",
        files: ["src/*.rs", "src/builder/*.rs", "src/parser/**/*.rs", "src/output/**/*.rs", "src/error/*.rs", "src/util/*.rs"],
      },
    ],
  },
  {
    name: "guzzle",
    kind: "code",
    language: "PHP",
    description: "Guzzle 7.4.5, the HTTP client (the client, handlers and their stack, middleware, retries, redirects, cookies, exceptions), a sixth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-guzzlehttp-guzzle",
        version: "7.4.5-1",
        sha256: "9d9bf1da6497cc3d6b3b1b28093a9ffd13621f6e2854ffd4f2d07d54fc836a06",
        root: "usr/share/php/GuzzleHttp",
        as: "guzzle",
        files: ["*.php", "*/*.php"],
      },
    ],
  },
  {
    name: "pyyaml",
    kind: "code",
    language: "Python",
    description: "PyYAML 6.0, the YAML library (its pure-Python package: scanner, parser, composer, constructor, representer, emitter, resolver, loaders and dumpers), an eleventh Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-yaml",
        version: "6.0-3+b2",
        sha256: "8d0db0b3099298fe039b94e4c52a6987798a90d23b80de3ac13c3cb75cf622a2",
        root: "usr/lib/python3/dist-packages/yaml",
        as: "yaml",
        files: ["*.py"],
      },
    ],
  },
  {
    name: "rspec",
    kind: "code",
    language: "Ruby",
    description: "rspec-core 3.12.0, the testing framework's core (lib/: example groups, hooks, metadata and filtering, configuration, the runner, formatters, bisect), an eighth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-rspec-core",
        version: "3.12.0c0e1m1s0-1",
        sha256: "67a0563cc9b164b8c1209468e24bd6e3c8d84a7ea5ad03c755a19ef988b40bd2",
        root: "usr/share/rubygems-integration/all/gems/rspec-core-3.12.0",
        as: "rspec_core",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "zod",
    kind: "code",
    language: "TypeScript",
    description: "Zod 4.1.12, schema validation (its TypeScript sources: src/v4/core, the schemas, checks, parsing, errors and JSON Schema conversion; and src/v4/classic, the API users call), a sixth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "zod",
        version: "4.1.12",
        integrity: "sha512-JInaHOamG8pt5+Ey8kGmdcAcg3OL9reK8ltczgHTAwNhMys/6ThXHityHxVV2p3fkw/c+MAvBHFVYHFZDmjMCQ==",
        root: "package",
        as: "zod",
        files: ["src/v4/core/*.ts", "src/v4/classic/*.ts"],
      },
    ],
  },
  {
    name: "byobu",
    kind: "code",
    language: "shell",
    description: "Byobu 5.133, a text-based window manager wrapper around tmux and GNU screen: its commands in bin plus the status-bar item scripts and shared shell libraries in lib/byobu, a third shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "byobu",
        version: "5.133-1.1",
        sha256: "b3e539a4a9c46a0964361a73d859e1d0d6ea9d3c8e6278e9a157db2f172dec68",
        root: "usr",
        as: "byobu",
        files: ["bin/byobu*", "bin/col1", "bin/ctail", "bin/manifest", "bin/purge-old-kernels", "bin/vigpg", "bin/wifi-status", "lib/byobu/**"],
        // Two Python helpers and a Perl one; byobu-screen and byobu-tmux are symlinks to bin/byobu.
        exclude: ["bin/byobu-screen", "bin/byobu-tmux", "lib/byobu/include/*.py", "lib/byobu/include/notify_osd"],
      },
    ],
  },
  {
    name: "unitask",
    kind: "code",
    language: "C#",
    description: "UniTask 2.2.5, Cysharp's allocation-free async/await library for Unity (runtime core, internals, compiler services, triggers and the editor tracker window, without the LINQ folder and generated files), a third C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "com.cysharp.unitask",
        version: "2.2.5",
        integrity: "sha512-OEJc4HumXjKXXtr2TUjgA7YOcPOaLyV9kuWcp7SylFfe1Rzes0UPCJI1a4LtV3Mhg7oxf8FHoLGWr/cHIKHWsw==",
        root: "package",
        as: "unitask",
        files: ["Runtime/*.cs", "Runtime/Internal/*.cs", "Runtime/CompilerServices/*.cs", "Runtime/Triggers/*.cs", "Editor/*.cs"],
        exclude: ["Runtime/*.Generated.cs", "Runtime/UniTaskExtensions.Shorthand.cs", "Runtime/Triggers/MonoBehaviourMessagesTriggers.cs"],
      },
    ],
  },
  {
    name: "libusb",
    kind: "code",
    language: "C",
    description: "libusb 1.0.27 (vendored in the npm package usb 2.14.0), the cross-platform USB device access library: the core library plus its Linux usbfs/netlink/udev backend and POSIX event and thread support, a fourth C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "usb",
        version: "2.14.0",
        integrity: "sha512-I3lzVOH21BsO6qPYvx1C7Ji08lbuM0qmsEtNGAphqlhNME5cz/vExY+jIXZl+HQIRybI/sTxdyLab5tALsL69w==",
        root: "package/libusb/libusb",
        as: "libusb",
        files: ["core.c", "descriptor.c", "hotplug.c", "io.c", "strerror.c", "sync.c", "libusb.h", "libusbi.h", "version.h", "version_nano.h", "os/linux_*.c", "os/linux_*.h", "os/events_posix.*", "os/threads_posix.*"],
      },
    ],
  },
  {
    name: "luarocks",
    kind: "code",
    language: "Lua",
    description: "LuaRocks 3.8.0, the Lua package manager's own Lua modules (CLI commands, build, fetch, deps, manifests, fs layer; vendored argparse and tools/ left out), a fourth Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "luarocks",
        version: "3.8.0+dfsg1-1",
        sha256: "269cf79d76b67d55a540ae1de55f8420fb46e2f867d5309da4f1ee38bd07a1db",
        root: "usr/share/lua/5.1/luarocks",
        as: "luarocks",
        files: ["**/*.lua"],
        exclude: ["argparse.lua", "tools/**"],
      },
    ],
  },
  {
    name: "updates_android",
    kind: "code",
    language: "Kotlin",
    description: "expo-updates 57.0.24, the Expo over-the-air update client for React Native: all its Android Kotlin sources (loaders, launchers, Room database, selection policies, code signing, error recovery, state machine), a fourth Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-updates",
        version: "57.0.24",
        integrity: "sha512-6n7rBuAn+yjfxGjVf9hPUiMcEW4ggxwlimfO7CJg+OLOJssWsKB1qyp9cj/InHc2XGolpvgigZzECNNFUkv3zA==",
        root: "package/android/src/main/java/expo/modules/updates",
        as: "expo_updates",
        files: ["**/*.kt"],
      },
    ],
  },
  {
    name: "updates_ios",
    kind: "code",
    language: "Swift",
    description: "expo-updates 57.0.24, the iOS side of Expo's over-the-air update client (EXUpdates Swift sources, the vendored ASN1Decoder left out), a fourth Swift set written blind, by another hand than the Kotlin set over the same package",
    sources: [
      {
        kind: "tarball",
        package: "expo-updates",
        version: "57.0.24",
        integrity: "sha512-6n7rBuAn+yjfxGjVf9hPUiMcEW4ggxwlimfO7CJg+OLOJssWsKB1qyp9cj/InHc2XGolpvgigZzECNNFUkv3zA==",
        root: "package/ios/EXUpdates",
        as: "expo_updates",
        files: ["**/*.swift"],
        exclude: ["ASN1Decoder/**"],
      },
    ],
  },
  {
    name: "morphir",
    kind: "code",
    language: "Scala",
    description: "Morphir's Scala SDK (shipped in morphir-elm 2.100.0), a Scala runtime mirroring Elm's core modules (Basics, Maybe, Result, List, Dict, Set, String, Char, Decimal, LocalDate, Regex, Rule, Aggregate) for generated code, with its circe JSON codecs, test specs and the Spark/ZIO test harness; the Scala 2.11 and 2.12 copies of the compatibility folder left out; a first Scala set, written blind",
    sources: [
      {
        kind: "tarball",
        package: "morphir-elm",
        version: "2.100.0",
        integrity: "sha512-0JFVV1CnxppfC90NrOqSlXS7LVqqTQCLCMpTvBTu95EHQoJwQgUkWbK3N2QwOnCI9fqt8jJJsqQ5fonU3PWpAQ==",
        root: "package/redistributable/Scala/sdk",
        as: "morphir",
        files: ["**/*.scala"],
        exclude: ["core/src-2.11/**", "core/src-2.12/**"],
      },
    ],
  },
  {
    name: "rnsvg",
    kind: "code",
    language: "Java",
    description: "react-native-svg 12.5.1, an SVG renderer for React Native: its Android Java sources (path-data parser, viewBox, lengths and units, shapes, groups, gradients and patterns, masks, clip paths, markers, text layout, hit-testing, view managers), a fifth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-svg",
        version: "12.5.1",
        integrity: "sha512-c374ENsq2MWCfr+7jC7TGwSeOAuC1Dp0osh2pw8PjpYFxmmB/toFIwcnCLz+SgBd6iLJClRhbATealqM05HOGg==",
        root: "package/android/src/main/java/com/horcrux/svg",
        as: "rnsvg",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "unirx",
    kind: "code",
    language: "C#",
    description: "UniRx 7.1.0, Reactive Extensions for Unity: operators, schedulers, subjects, disposables and internal utilities, plus the Unity bridge (main-thread dispatcher, micro-coroutines, reactive properties and commands, frame-based operators); the boilerplate trigger files, the WinRT bridge and a copied Tuple left out; a fourth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "com.neuecc.unirx",
        version: "7.1.0",
        integrity: "sha512-UpgdeFz60ZvD8jR1slG4X+Yuym8gP3FHWXczJbnXYJzSjr57X1Tz6dZee8twU+Qk4ld8QeFjdhj8PlCBsgHx1g==",
        root: "package",
        as: "unirx",
        files: ["**/*.cs"],
        exclude: ["UnityEngineBridge/Triggers/**", "UnityWinRTBridge/**", "System/Tuple.cs"],
      },
    ],
  },
  {
    name: "tlp",
    kind: "code",
    language: "shell",
    description: "TLP 1.5.0, the Linux laptop power-management tool in POSIX shell: the tlp, tlp-stat, bluetooth and run-on-ac commands, the base function library, the feature modules (CPU, disk, USB, PCIe and runtime PM, radios, battery, GPU, stat helpers), the vendor battery plugins and the bash completion; its Perl helpers left out; a fourth shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "tlp",
        version: "1.5.0-2",
        sha256: "404d28b8446e8ce2a1dd797a4c3d4aad13fd66beda77adcb5d2ca5cfb6d023a2",
        root: "usr",
        as: "tlp",
        files: ["sbin/tlp", "bin/bluetooth", "bin/run-on-ac", "bin/tlp-stat", "share/tlp/tlp-func-base", "share/tlp/func.d/*", "share/tlp/bat.d/*", "share/bash-completion/completions/tlp"],
        exclude: ["share/tlp/bat.d/TEMPLATE"],
      },
    ],
  },
  {
    name: "capsqlite",
    kind: "code",
    language: "Swift",
    description: "@capacitor-community/sqlite 8.1.1, a Capacitor plugin giving iOS apps SQLite and SQLCipher databases: all its Swift sources (the plugin bridge, connections and the Database class, encryption and re-keying, keychain secrets, JSON import and export with sync, soft delete, version upgrades, file, asset and zip handling), a fifth Swift set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@capacitor-community/sqlite",
        version: "8.1.1",
        integrity: "sha512-wsqscMOMveDeIvB9WHLm38jkUV2317LmuWvvbhvmOB1REdr8GH6weFZpAiKmLimbpP2CQ2eVs8nmRcrTqbd9ng==",
        root: "package/ios/Plugin",
        as: "capsqlite",
        files: ["**/*.swift"],
      },
    ],
  },
  {
    name: "luahttp",
    kind: "code",
    language: "Lua",
    description: "lua-http 0.4, an HTTP/1 and HTTP/2 client and server library for Lua on cqueues (WebSockets, HPACK, cookies, HSTS, SOCKS5, proxies): all its modules under http/, with the luasocket and prosody compatibility adapters, a fifth Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-http",
        version: "0.4-1",
        sha256: "a574f84929c66390be24ff09e8c6ec70b853b12fe347a0b654f08393eda116ff",
        root: "usr/share/lua/5.1",
        as: "luahttp",
        files: ["http/*.lua", "http/compat/*.lua"],
      },
    ],
  },
  {
    name: "rngh",
    kind: "code",
    language: "Kotlin",
    description: "React Native Gesture Handler 3.5.0, the Android gesture-recognition engine for React Native: all Kotlin sources of its main source set (tap, pan, pinch, rotation, fling, long-press, hover and native-view handlers, the orchestrator that runs them, the React module, registry, root and detector views, the button view manager and the gesture events), a fifth Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-gesture-handler",
        version: "3.5.0",
        integrity: "sha512-bm8yepwMBUhEOSeU7WQbNNrstD0Hbv6i+XsApARBJSlb+WlRvyaQsobi+tZ5Uyr5kDVgXzg6kPb+CWY9zvyfEw==",
        root: "package/android/src/main/java/com/swmansion/gesturehandler",
        as: "rngh",
        files: ["**/*.kt"],
      },
    ],
  },
  {
    name: "sqlparser",
    kind: "code",
    language: "PHP",
    description: "phpMyAdmin SQL Parser 5.7.0, a validating MySQL and MariaDB SQL lexer, parser, formatter and query-analysis library (lexer, parser, tokens, SQL modes, statement parsers, clause components, formatter, statement splitter, query flags, command-line tools); the generated keyword lists per server version and Debian's autoloader left out; a seventh PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-phpmyadmin-sql-parser",
        version: "5.7.0-2",
        sha256: "3954b8d72ba589cf8c9bb910432dc771ffa744626b2344dca25607545ac36760",
        root: "usr/share/php/PhpMyAdmin/SqlParser",
        as: "sqlparser",
        files: ["**/*.php"],
        exclude: ["Contexts/**", "autoload.php"],
      },
    ],
  },
  {
    name: "toml11",
    kind: "code",
    language: "C++",
    description: "toml11 3.7.1, a header-only C++11 TOML parser and serializer: all its headers (the character-matcher lexer, the parser, the value type, get and find conversions, the serializer, date-time types, comments and error messages), a fifth C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "libtoml11-dev",
        version: "3.7.1-3",
        sha256: "db87743e7840a1956c172961a21e5f1e0928524ed9a97c48d6152bbb778fe6ca",
        root: "usr/include",
        as: "toml11",
        files: ["toml.hpp", "toml/*.hpp"],
      },
    ],
  },
  {
    name: "mobx",
    kind: "code",
    language: "TypeScript",
    description: "MobX 7.1.3, the state-management library that tracks which values depend on which and updates them: its whole TypeScript source (core derivations, reactions and batching, observable types, the API, utils and errors), a seventh TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "mobx",
        version: "7.1.3",
        integrity: "sha512-H2NcS5ylMsqYn7v4WpSdzv5YWPmw5XTV6pG2NvY0qYbh95FXbswZJ7pn7wU0rOtUvRzk+3t4AOX2eircoN+vBg==",
        root: "package",
        as: "mobx",
        files: ["src/**/*.ts"],
        exclude: ["src/**/*.d.ts"],
      },
    ],
  },
  {
    name: "liquid",
    kind: "code",
    language: "Ruby",
    description: "Liquid 5.4.0, Shopify's safe template language for Ruby: the whole library (lexer and parser, tokenizer and block parsing, rendering context, conditions, filters, drops, resource limits, partials from a file system, the profiler and the standard tags), a ninth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-liquid",
        version: "5.4.0-3",
        sha256: "ffda912f722a2eb5470c6cf90baf7319222d47d6131be6a0b62a1330534e9cf9",
        root: "usr/share/rubygems-integration/all/gems/liquid-5.4.0",
        as: "liquid",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "secp256k1",
    kind: "code",
    language: "C",
    description: "libsecp256k1 (bundled in the npm addon secp256k1 5.0.1), Bitcoin Core's C library for secp256k1 elliptic-curve cryptography: field, scalar and group arithmetic, point multiplication, ECDSA, SHA-256 and RFC 6979 nonces, the ECDH and recovery modules, public headers, lenient DER parsing, with its tests and benchmarks; the Java bindings left out; a fifth C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "secp256k1",
        version: "5.0.1",
        integrity: "sha512-lDFs9AAIaWP9UCdtWrotXWWF9t8PWgQDcxqgAnpM9rMqxb3Oaq2J0thzPVSxBwdJgyQtkU/sYtFtbM1RSt/iYA==",
        root: "package/src/secp256k1",
        as: "secp256k1",
        files: ["**/*.c", "**/*.h"],
        exclude: ["src/java/**"],
      },
    ],
  },
  {
    name: "mako",
    kind: "code",
    language: "Python",
    description: "Mako 1.2.4, a Python template engine: lexer, parse tree, code generator and indenting printer, templates and lookups, runtime (context, namespaces, inheritance, loops), cache and plugins, exceptions and traceback mapping, filters and the ext plugins; its test helpers and a vendored ast module left out; a twelfth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-mako",
        version: "1.2.4+ds-1",
        sha256: "00b313e4a545b15d5c931210b664f3410daf7c47f2f9b6c1d44619565a412b7a",
        root: "usr/lib/python3/dist-packages",
        as: "mako",
        files: ["mako/**/*.py"],
        exclude: ["mako/testing/**", "mako/_ast_util.py"],
      },
    ],
  },
  {
    name: "raft",
    kind: "code",
    language: "Go",
    description: "HashiCorp Raft 1.1.2, a Go implementation of the Raft consensus protocol: the node API, elections, log replication and pipelining, commitment, the state-machine runner, snapshots, transports, the log cache and observers, with its test harness and tests, a tenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-hashicorp-raft-dev",
        version: "1.1.2-1",
        sha256: "f34877bf2e6d361137752e477ed94bb92556fd43a6ed29fa6135cc010f7d1954",
        root: "usr/share/gocode/src/github.com/hashicorp/raft",
        as: "raft",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "tera",
    kind: "code",
    language: "Rust",
    description: "Tera 1.17.1, a Jinja2-style template engine for Rust: the pest-based parser and AST, whitespace trimming, the renderer (processor, call stack, frames, loops, macros), the built-in filters, testers and functions, context, errors and utilities (unit tests inside the sources kept, the tests folders left out), a tenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-tera-dev",
        version: "1.17.1-1",
        sha256: "2a77babe59911b68e48a7e09840b39c30b6344deb67e5d0ffd52693e90a1b853",
        root: "usr/share/cargo/registry/tera-1.17.1",
        as: "tera",
        files: ["src/**/*.rs"],
        exclude: ["src/**/tests/**"],
      },
    ],
  },
  {
    name: "mdit",
    kind: "code",
    language: "JavaScript",
    description: "markdown-it 14.1.0, a CommonMark Markdown parser and HTML renderer in plain ES-module JavaScript: the main class, rule manager, core, block and inline parsers and their rules, renderer, tokens, helpers, presets and the command-line tool; the bundled dist left out; an eighth JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "markdown-it",
        version: "14.1.0",
        integrity: "sha512-a54IwgWPaeBCAAsv13YgmALOF1elABB08FxO9i+r4VFk5Vl4pKokRPeX8u5TCgSsPi6ec1otfLjdOpVcgbpshg==",
        root: "package",
        as: "mdit",
        files: ["index.mjs", "bin/*.mjs", "lib/**/*.mjs"],
      },
    ],
  },
  {
    name: "livebuild",
    kind: "code",
    language: "shell",
    description: "live-build 20230502, Debian's POSIX-shell tool for building live system images: the lb front end, the stage scripts (bootstrap, chroot, binary, installer, source, config, clean, build), the shared function library, the Packages helper and the bundled chroot hooks, a fifth shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "live-build",
        version: "1:20230502",
        sha256: "a863905724e7b69d45066ebab113cb6de12a11984349847ad49f6151c10f017d",
        root: "usr",
        as: "livebuild",
        files: ["bin/lb", "bin/live-build", "lib/live/build.sh", "lib/live/build/*", "share/live/build/functions/*.sh", "share/live/build/bin/Packages", "share/live/build/hooks/**"],
      },
    ],
  },
  {
    name: "rngh_java",
    kind: "code",
    language: "Java",
    description: "React Native Gesture Handler 1.10.3, the native gesture-recognition library for React Native: its Android Java sources (the recognizers and the orchestrator that coordinates them, and the React Native bridge), a sixth Java set written blind, by another hand than the Kotlin set over the same library's 3.5.0",
    sources: [
      {
        kind: "tarball",
        package: "react-native-gesture-handler",
        version: "1.10.3",
        integrity: "sha512-cBGMi1IEsIVMgoox4RvMx7V2r6bNKw0uR1Mu1o7NbuHS6BRSVLq0dP34l2ecnPlC+jpWd3le6Yg1nrdCjby2Mw==",
        root: "package/android",
        as: "rngh",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "marshmallow",
    kind: "code",
    language: "Python",
    description: "marshmallow 3.18.0, object serialization and validation: the Schema class and its metaclass, fields, validators, hook decorators, the error store, the class registry and helpers; its vendored OrderedSet recipe left out; a thirteenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-marshmallow",
        version: "3.18.0-1",
        sha256: "b7262199c9480f36e161611a37ceb39059be4bf11264f27f42d9d6440f672388",
        root: "usr/lib/python3/dist-packages/marshmallow",
        as: "marshmallow",
        files: ["**/*.py"],
        exclude: ["orderedset.py"],
      },
    ],
  },
  {
    name: "ajv2",
    kind: "code",
    language: "TypeScript",
    description: "ajv 8.20.0 again (lib/**/*.ts, without the README), a second set over the same sources written blind by another hand than the held-out TypeScript set: compiling schemas, keywords, $ref resolution, JTD, standalone code",
    sources: [{ package: "ajv", version: "8.20.0", files: ["lib/**/*.ts"] }],
  },
  {
    name: "hcl",
    kind: "code",
    language: "Go",
    description: "HashiCorp HCL 1.0.0 (HCL v1): the HCL scanner, parser and syntax tree, a JSON scanner and parser to the same tree, the printer and hclfmt's core, string unquoting, decoding into Go structs, with its tests; an eleventh Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-hashicorp-hcl-dev",
        version: "1.0.0-1.1",
        sha256: "be4123b5032261eb35e7420331064cfbc58c76b9b11a7c9c8d2209700fe062f8",
        root: "usr/share/gocode/src/github.com/hashicorp/hcl",
        as: "hcl",
        files: ["**/*.go"],
        exclude: ["**/test-fixtures/**"],
      },
    ],
  },
  {
    name: "similar",
    kind: "code",
    language: "Rust",
    description: "similar 2.2.1, a diff library: Myers, patience and LCS diffs with a deadline, the hooks that reshape their output, text diffs by line, word and character, inline highlighting, unified diff output and close matches, with its inline tests; a tenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-similar-dev",
        version: "2.2.1-1",
        sha256: "4b5791e2827e75580bd88769392f5bacbd3b0fdb3096463ac0743419fd3ab0e3",
        root: "usr/share/cargo/registry/similar-2.2.1",
        as: "similar",
        files: ["src/**/*.rs"],
        exclude: ["src/**/snapshots/**"],
      },
    ],
  },
  {
    name: "blobutil",
    kind: "code",
    language: "Java",
    description: "react-native-blob-util 0.25.1, its Android Java sources: HTTP fetches through OkHttp (uploads, downloads, multipart forms, progress, the download manager, certificates), file-system access and media-store helpers; a seventh Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-blob-util",
        version: "0.25.1",
        integrity: "sha512-HMzab2SL8h48pvfufji0TKdet/jnNvamxYmYyNqTV5YOge00V28ycdc3S4leHjGXMJ1+fS2j2SrQ3aG5pzbx1w==",
        root: "package/android/src",
        as: "react-native-blob-util",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "cereal",
    kind: "code",
    language: "C++",
    description: "cereal 1.3.2, a header-only serialization library: the archive classes and how a call reaches the right save or load, the binary, portable-binary, JSON and XML archives, and the code for standard types, smart pointers and polymorphic types; its vendored rapidxml and base64 left out; a sixth C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "libcereal-dev",
        version: "1.3.2+dfsg-4",
        sha256: "a31814cd89642ed86147d674c28e68869764fb1fb8747db98e5fee050d50631e",
        root: "usr/include/cereal",
        as: "cereal",
        files: ["**/*.hpp"],
        exclude: ["external/**"],
      },
    ],
  },
  {
    name: "tzinfo",
    kind: "code",
    language: "Ruby",
    description: "TZInfo 2.0.5, time zones for Ruby: zones, offsets and transitions, the zoneinfo file reader and POSIX TZ string parser, the data sources, countries, and the proxies; a tenth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-tzinfo",
        version: "2.0.5-1",
        sha256: "801949209ad6022c5805d67d2a6de0a7e0262e19497cd3adab79b524c76210f5",
        root: "usr/share/rubygems-integration/all/gems/tzinfo-2.0.5",
        as: "tzinfo",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "html5php",
    kind: "code",
    language: "PHP",
    description: "Masterminds html5-php 2.7.6, an HTML5 parser and serializer: the input scanner, tokenizer, tree builder and DOM events, the serializer's rules and output; its generated entity tables and Debian's autoloader left out; an eighth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-masterminds-html5",
        version: "2.7.6+dfsg-1",
        sha256: "e63ec1faaa12db37f84a1a858e1b14d4230cacedb2668c9f324b76c17993076c",
        root: "usr/share/php/Masterminds",
        as: "html5-php",
        files: ["HTML5.php", "HTML5/**/*.php"],
        exclude: ["HTML5/Entities.php", "HTML5/Serializer/HTML5Entities.php", "HTML5/autoload.php"],
      },
    ],
  },
  {
    name: "cmark",
    kind: "code",
    language: "C",
    description: "cmark-gfm 0.29.0.gfm.0, GitHub's CommonMark parser in C, as vendored by the npm package cmark-gfm 0.9.0: the block and inline parsers, the node tree and iterator, six renderers and the GFM extensions (tables, strikethrough, autolinks, tag filter, task lists, footnotes); its generated re2c scanners and CMake probes left out; a sixth C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "cmark-gfm",
        version: "0.9.0",
        integrity: "sha512-zt++V303Zh+kqS3PERSq1knHT21TpKjbVUF/U63QhLktEH+eeZymv+mHz+6IhcTN5Hy85LdkgdKlroa/Jc6Wvg==",
        root: "package/vendor/cmark",
        as: "cmark-gfm",
        files: ["*.c", "*.h"],
        exclude: ["scanners.c", "ext_scanners.c", "CMakeCCompilerId.c", "CheckFileOffsetBits.c", "feature_tests.c"],
      },
    ],
  },
  {
    name: "onnxunity",
    kind: "code",
    language: "C#",
    description: "ONNX Runtime's C# API as packaged for Unity (com.github.asus4.onnxruntime 0.4.9): sessions, tensors and values, options, the environment, allocators, half floats, the native bindings, the compile and training APIs, and an iOS build step; a fourth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "com.github.asus4.onnxruntime",
        version: "0.4.9",
        integrity: "sha512-BkzxduSZ9IkeDP6Q8lz2TFU2ie7hSSvS7ZIfzMooExoq0CNzJnuuGaUJ7IsojBgqO4ouD1jXah8OYyJbCN29Fg==",
        root: "package",
        as: "onnxruntime-unity",
        files: ["Runtime/**/*.cs", "Editor/**/*.cs"],
      },
    ],
  },
  {
    name: "visioncam_ios",
    kind: "code",
    language: "Swift",
    description: "react-native-vision-camera 4.7.2, its iOS Swift sources: the AVFoundation session that reapplies only what changed, photo capture, video recording with pause and resume, orientation, the code scanner, location tags, and the React Native view; a sixth Swift set written blind",
    sources: [{ kind: "tarball", package: "react-native-vision-camera", version: "4.7.2", integrity: VISION_CAMERA, root: "package", as: "vision-camera", files: ["ios/**/*.swift"] }],
  },
  {
    name: "visioncam_android",
    kind: "code",
    language: "Kotlin",
    description: "react-native-vision-camera 4.7.2, its Android Kotlin sources: the CameraX session configured by difference, the preview, photo, video, frame-processor and code-scanner outputs, devices and formats, orientation, location, focus, and the React Native view and module; a sixth Kotlin set written blind, by another hand than the Swift set over the same package",
    sources: [{ kind: "tarball", package: "react-native-vision-camera", version: "4.7.2", integrity: VISION_CAMERA, root: "package/android/src/main/java/com/mrousavy/camera", as: "vision-camera", files: ["**/*.kt"] }],
  },
  {
    name: "luacheck",
    kind: "code",
    language: "Lua",
    description: "Luacheck 1.1.0, a linter for Lua: lexer, parser, linearization and data-flow stages, the warning detectors, options and config, filtering, formatters, cache and the command-line runner; its vendored sha1, a generated Unicode table and three data-only globals tables left out; a sixth Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-check",
        version: "1.1.0-1",
        sha256: "a6452188de53a22d0bef3e4aa2aaacd9427e656844c9338bec2ce4aad7951aa9",
        root: "usr/share/lua/5.1/luacheck",
        as: "luacheck",
        files: ["**/*.lua"],
        exclude: ["vendor/**", "unicode_printability_boundaries.lua", "builtin_standards/love.lua", "builtin_standards/playdate.lua", "builtin_standards/ngx.lua"],
      },
    ],
  },
  {
    name: "ltsp",
    kind: "code",
    language: "shell",
    description: "LTSP 23.02, the Linux Terminal Server Project, in POSIX sh: the ltsp entry script and its applet dispatch, the common libraries, the server applets (image, kernel, ipxe, dnsmasq, nfs, initrd) and the client applets (initrd-bottom, init, login, session, remoteapps); its Python helpers and config templates left out; a fifth shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "ltsp",
        version: "23.02-1+deb12u1",
        sha256: "2021ac26111765d737b95ede41d995ebecf0fe390b95112ac02427a83dae9505",
        root: "usr/share/ltsp",
        as: "ltsp",
        files: ["ltsp", "**/*.sh", "client/init/init", "client/login/pamltsp", "client/login/ssh-askpass", "client/remoteapps/ltsp-remoteapps", "client/initrd-bottom/initramfs-tools/ltsp-hook.conf"],
      },
    ],
  },
  {
    name: "jsyaml",
    kind: "code",
    language: "JavaScript",
    description: "js-yaml 4.1.0, the YAML 1.2 parser and serializer (hand-written CommonJS: lib/, the CLI and index.js); its built dist/ bundles left out; a tenth JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "js-yaml",
        version: "4.1.0",
        integrity: "sha512-wpxZs9NoxZaJESJGIZTyDEaYpl0FKSA+FB9aJiyemKhMwkxQg63h4T1KJgUGHpTqPDNRcmmYLugrRjJlBtWvRA==",
        root: "package",
        as: "js-yaml",
        files: ["index.js", "bin/js-yaml.js", "lib/**/*.js"],
      },
    ],
  },
  {
    name: "plm",
    kind: "code",
    language: "Scala",
    description: "PLM 2.9.2, the Programmer's Learning Machine, its Scala sources (kept as text in its jar): the lander lesson's world, physics and view, and the Scala model answers to the exercises (mazes, recursion, sorting, turmites, turtle art); lesson code, not a library; a second Scala set written blind",
    sources: [
      {
        kind: "deb",
        package: "plm",
        version: "2.9.2-1",
        sha256: "6a49e6e3487fc735366e427ea9d1aa24f07b4e5db17a280ef4ddb0216f3089b9",
        archive: "usr/share/java/plm-2.9.2.jar",
        root: "",
        as: "plm",
        files: ["**/*.scala"],
      },
    ],
  },
  {
    name: "feedparser",
    kind: "code",
    language: "Python",
    description: "feedparser 6.0.10, the Universal Feed Parser: fetching over HTTP, working out the encoding, the strict and the forgiving parsers, the namespace mixins (Dublin Core, iTunes, MediaRSS, GeoRSS, podcast chapters), HTML sanitizing, relative links and dates; the whole package; a fourteenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-feedparser",
        version: "6.0.10-1",
        sha256: "e704ce021d48850098b36d1220a9775b19a18724bb35285c013cbac122e095a8",
        root: "usr/lib/python3/dist-packages/feedparser",
        as: "feedparser",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "ureq",
    kind: "code",
    language: "Rust",
    description: "ureq 2.6.2, a blocking HTTP client: agents, the request builder, the connection pool, redirects and retries, proxies, TLS backends, cookies, middleware, chunked and compressed bodies, with its in-crate tests; its examples left out; a twelfth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-ureq-dev",
        version: "2.6.2-3",
        sha256: "68bcf04ef9e8fa9ab3e91ef1f2e5a591501e855bada609557e263235224b2004",
        root: "usr/share/cargo/registry/ureq-2.6.2",
        as: "ureq",
        files: ["src/**/*.rs", "tests/**/*.rs"],
        exclude: ["examples/**"],
      },
    ],
  },
  {
    name: "luxon",
    kind: "code",
    language: "JavaScript",
    description: "luxon 3.7.2, dates and times: DateTime, Duration, Interval, Info, Settings, the zones, and the parsers, formatter, locale and calendar conversions of its hand-written ES modules; its built bundles left out; a ninth JavaScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "luxon",
        version: "3.7.2",
        integrity: "sha512-vtEhXh/gNjI9Yg1u4jX/0YVPMvxzHuGgCm6tC5kZyb08yjGWGnqAjGJvcXbqQR2P3MyMEFnRbpcdFS6PBcLqew==",
        root: "package",
        as: "luxon",
        files: ["src/**/*.js"],
      },
    ],
  },
  {
    name: "chevrotain",
    kind: "code",
    language: "TypeScript",
    description: "Chevrotain 11.0.3, a toolkit for lexers and LL(k) parsers: the lexer, token types, the parser's traits, grammar analysis, lookahead and validation, CST building and visitors, error recovery; its compiled lib/ and its sibling @chevrotain packages left out; a ninth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "chevrotain",
        version: "11.0.3",
        integrity: "sha512-ci2iJH6LeIkvP9eJW6gpueU8cnZhv85ELY8w8WiFtNjMHA5ad6pQLaJo9mEly/9qUyCpvqX8/POVUTf18/HFdw==",
        root: "package",
        as: "chevrotain",
        files: ["src/**/*.ts"],
      },
    ],
  },
  {
    name: "bbolt",
    kind: "code",
    language: "Go",
    description: "bbolt 1.3.6, an embedded key/value store: DB, transactions, buckets and cursors, node split and rebalance, the two freelists, pages, compaction and the per-platform mmap and file locks, with its tests; a twelfth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-coreos-bbolt-dev",
        version: "1.3.6-2",
        sha256: "e6fdfbe2b6e6a3ca4bfeb13d0ed50087821d54e2e51c116e8d1a886b412b62fa",
        root: "usr/share/gocode/src/go.etcd.io/bbolt",
        as: "bbolt",
        files: ["*.go"],
      },
    ],
  },
  {
    name: "bleplx",
    kind: "code",
    language: "Java",
    description: "react-native-ble-plx 3.5.1, its Android Java: the Bluetooth Low Energy layer over RxAndroidBle (BleModule, the models, advertisement parsing, errors, UUID and id utilities) and the React Native bridge; its TypeScript and iOS code left out; an eighth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-ble-plx",
        version: "3.5.1",
        integrity: "sha512-SxksmrUt9jG6DOarrrdkb5c/HBLSfZOKauo/9VQSSi3WJA4bmF78GkrtXrgSoGNk0m1ksacFTjB5DuL39xZq/g==",
        root: "package/android/src/main/java",
        as: "react-native-ble-plx",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "libmagic",
    kind: "code",
    language: "C",
    description: "libmagic 5.32, the library behind file(1), as vendored by the npm package mmmagic 0.5.3: loading and compiling the magic rules, matching them, and the built-in detectors for text encodings, compressed data, tar, ELF and CDF documents, with the file CLI; its vendored regex library and platform config headers left out; a seventh C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "mmmagic",
        version: "0.5.3",
        integrity: "sha512-xLqCu7GJYTzJczg0jafXFuh+iPzQL/ru0YYf4GiTTz8Cehru/wiXtUS8Pp8Xi77zNaiVndJ0OO1yAFci6iHyFg==",
        root: "mscdex-mmmagic-bb6c2bc/deps/libmagic",
        as: "libmagic",
        files: ["src/*.c", "src/*.h"],
      },
    ],
  },
  {
    name: "tomlpp",
    kind: "code",
    language: "C++",
    description: "toml++ 3.3.0, a header-only C++17 TOML library: the UTF-8 reader and parser, the node, table, array and value tree, dates and times, path lookup, and the TOML, JSON and YAML formatters, in .h and .inl files; its generated Unicode tables left out; a seventh C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "libtomlplusplus-dev",
        version: "3.3.0+ds-1",
        sha256: "2779cce0001466dcf60eb6262ff68a888d49f9e30aee80c499d1d4f6f9f6e12e",
        root: "usr/include/toml++",
        as: "tomlplusplus",
        files: ["**/*.h", "**/*.inl"],
        exclude: ["impl/unicode_autogenerated.h"],
      },
    ],
  },
  {
    name: "rubyzip",
    kind: "code",
    language: "Ruby",
    description: "rubyzip 2.3.2, reading and writing zip archives: the File and its central directory, entries and their extra fields, the input and output streams, deflate and store, encryption, and the File- and Dir-like filesystem API; its sample scripts left out; an eleventh Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-zip",
        version: "2.3.2-1",
        sha256: "6e573012d55717a33154299e864c7d482f611fb44e1615075b8dedd2a0f3d07c",
        root: "usr/share/rubygems-integration/all/gems/rubyzip-2.3.2",
        as: "rubyzip",
        files: ["lib/**/*.rb"],
      },
    ],
  },
  {
    name: "monolog2",
    kind: "code",
    language: "PHP",
    description: "Monolog 2.9.1 again (the whole library but Debian's autoloader: the Logger, the error and signal handlers, about sixty handlers, formatters and processors), a second set over the same package as the php set, written blind by another hand",
    sources: [{ ...MONOLOG_DEB, root: "usr/share/php/Monolog", as: "monolog", files: ["**/*.php"], exclude: ["autoload.php"] }],
  },
  {
    name: "expoimage",
    kind: "code",
    language: "Kotlin",
    description: "expo-image 58.0.19, its Android Kotlin over Glide: the module and view, the loading target, downsampling, the disk cache, the OkHttp progress and cache-key loaders, blurhash and thumbhash, data URLs, and the SVG decoder with tinting; a seventh Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-image",
        version: "58.0.19",
        integrity: "sha512-coIyqT5vv1wAcHnfqMyKeeyqj2vjGvVhihf5BTbcyf1sqLVU7tkCWyO+AA9ilmqCF0/1NkhevNLW/iu6bGaaVg==",
        root: "package/android/src/main/java",
        as: "expo-image",
        files: ["**/*.kt"],
      },
    ],
  },
  {
    name: "expocore_ios",
    kind: "code",
    language: "Swift",
    description: "expo-modules-core 58.2.0, its iOS Swift: the app context, module registry, function definitions, dynamic types and conversions, records, shared objects, events, views, app-delegate subscribers, network DevTools and file permissions; its benchmarks and worklets tests left out; a seventh Swift set written blind, over a later release than the swift set's",
    sources: [
      {
        kind: "tarball",
        package: "expo-modules-core",
        version: "58.2.0",
        integrity: "sha512-Xt8rjT+so/SzQCB0q7MFpz/SlazIfy4MLid/tKIjp6nKQz/kpT0zDVp8LofSs3penSYOzot9ZB023LMWL58dUg==",
        root: "package",
        as: "expo-modules-core",
        files: ["ios/**/*.swift"],
        exclude: ["ios/Benchmarks/**", "ios/WorkletsTests/**"],
      },
    ],
  },
  {
    name: "crowdin",
    kind: "code",
    language: "C#",
    description: "the Crowdin plugin for Unity 0.12.0, syncing Unity's localization tables with Crowdin: the REST API services, the push and pull helpers, settings and editor windows; a sixth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "com.crowdin.unity-plugin",
        version: "0.12.0",
        integrity: "sha512-Vr/9/BN0/K/Y9rGWZfFkuLaq6xxKm/99m3hR+iLFCCsMzlkhe25nE9flEOMaIk+YvrRqXy44pwiFPXBr9E9sXw==",
        root: "package",
        as: "crowdin-unity",
        files: ["**/*.cs"],
      },
    ],
  },
  {
    name: "lgi",
    kind: "code",
    language: "Lua",
    description: "lgi 0.9.2, Lua's binding for GObject-Introspection, its Lua modules: classes, records, enums, namespaces, callable marshalling helpers and the overrides for GLib, Gio, Gtk and cairo; its C core (shipped compiled) left out; a seventh Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-lgi",
        version: "0.9.2-3",
        sha256: "19bf475ca40cce4e7c1cbe7a0d07fd5943ae6c8e4c21d6c1819e3c522e118420",
        // The 5.2 and 5.3 trees link to these files.
        root: "usr/share/lua/5.1",
        as: "lgi",
        files: ["lgi.lua", "lgi/**/*.lua"],
      },
    ],
  },
  {
    name: "gitextras",
    kind: "code",
    language: "shell",
    description: "git-extras 6.5.0, about seventy git subcommands as bash scripts without an extension (changelog, summary, effort, bulk, scp, release, feature, standup, ...), with their bash and zsh completions; git-rscp, a copy of git-scp, left out; a seventh shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "git-extras",
        version: "6.5.0-1",
        sha256: "6abea9af191fb92a6a605e20be9f55a5307d9a6f9234f3e580ddd21fe03ac146",
        root: "usr",
        as: "git-extras",
        files: ["bin/git-*", "share/bash-completion/completions/git-extras", "share/zsh/vendor-completions/_git-extras"],
        exclude: ["bin/git-rscp"],
      },
    ],
  },
  {
    name: "expr",
    kind: "code",
    language: "Go",
    description: "expr 1.8.9, an expression language for Go: lexer, parser, type checker, optimizer, bytecode compiler and VM, with its tests; its generated vm/helpers.go left out; a thirteenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-antonmedv-expr-dev",
        version: "1.8.9-2",
        sha256: "4a9a05fc47aa8066853aac175f47633edba4cf20025ffd00efaf7d96c67b9eed",
        root: "usr/share/gocode/src/github.com/antonmedv/expr",
        as: "expr",
        files: ["**/*.go"],
        exclude: ["vm/helpers.go"],
      },
    ],
  },
  {
    name: "expat",
    kind: "code",
    language: "C",
    description: "libexpat 2.2.1 as vendored in node-expat 2.4.1, the Expat XML parser and its xmlwf tool: the parser's processors and prolog state machine, tokenizers per encoding, namespaces, entities, the hash tables and string pools; its generated character tables, tests and examples left out; a fifth C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "node-expat",
        version: "2.4.1",
        integrity: "sha512-uWgvQLgo883NKIL+66oJsK9ysKK3ej0YjVCPBZzO/7wMAuH68/Yb7+JwPWNaVq0yPaxrb48AoEXfYEc8gsmFbg==",
        root: "package/deps/libexpat",
        as: "expat",
        files: ["lib/*.c", "lib/*.h", "xmlwf/*.c", "xmlwf/*.h"],
        exclude: ["lib/asciitab.h", "lib/iasciitab.h", "lib/latin1tab.h", "lib/utf8tab.h", "lib/nametab.h"],
      },
    ],
  },
  {
    name: "valijson",
    kind: "code",
    language: "C++",
    description: "valijson 1.0, a header-only JSON Schema validator (drafts 3, 4 and 7): the schema parser, schema and constraint classes, the validation visitor, JSON Pointer and reference resolution, and adapters for a dozen JSON libraries; its vendored optional polyfill left out; a seventh C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "libvalijson-dev",
        version: "1.0+repack-2",
        sha256: "36974bd3ff53c05c2c686ecfa094ee437ff3f520e9ab67e552f1a56f19897643",
        root: "usr/include/valijson",
        as: "valijson",
        files: ["**/*.hpp"],
        exclude: ["internal/compat-optional.hpp"],
      },
    ],
  },
  {
    name: "justtrack",
    kind: "code",
    language: "C#",
    description: "the justtrack Unity SDK 8.0.0, its C#: a static front end over one agent per platform (Android through JNI, iOS through P/Invoke, WebGL, the Editor), events, remote config, main-thread dispatch, and the Editor's settings, API-token check, native dependency file, define symbols and build post-processors; a fifth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "io.justtrack.justtrack-unity-sdk",
        version: "8.0.0",
        integrity: "sha512-q72/seHVu1uPRxuwmt67q30Uh9h/fPgWBGD3e8jejmSxcMMXUhv5nK+3dRHRntathodNJHI2bQkjHKwvBxAkAw==",
        root: "package",
        as: "justtrack-unity-sdk",
        files: ["**/*.cs"],
      },
    ],
  },
  {
    name: "stripe_android",
    kind: "code",
    language: "Kotlin",
    description: "stripe-react-native 0.78.0, its Android Kotlin: the bridge from JavaScript to Stripe's Android SDK (payment sheet, payment launcher, Google Pay, card views, customer sheet, embedded payment element, checkout sessions, push provisioning, Financial Connections, the crypto onramp); its tests left out; an eighth Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@stripe/stripe-react-native",
        version: "0.78.0",
        integrity: "sha512-EvBhp0OepWncyYSXG3np1O/yPUlzfpoFlXIx5H3lr7A1cIt6sVdru66OTNxSOkLWkHmy65OzHURr+WHpBLdkJg==",
        root: "package/android",
        as: "stripe-rn",
        files: ["src/main/**/*.kt", "src/onramp/**/*.kt"],
      },
    ],
  },
  {
    name: "stripe_ios",
    kind: "code",
    language: "Swift",
    description: "stripe-react-native 0.78.0, its iOS Swift: payment sheet, customer sheet, embedded payment element, Apple Pay, card views, push provisioning, Financial Connections, checkout sessions, the crypto onramp, and the mappers and errors between JavaScript and native; an eighth Swift set written blind, over the same package as the stripe_android set",
    sources: [
      {
        kind: "tarball",
        package: "@stripe/stripe-react-native",
        version: "0.78.0",
        integrity: "sha512-EvBhp0OepWncyYSXG3np1O/yPUlzfpoFlXIx5H3lr7A1cIt6sVdru66OTNxSOkLWkHmy65OzHURr+WHpBLdkJg==",
        root: "package/ios",
        as: "stripe-react-native",
        files: ["**/*.swift"],
      },
    ],
  },
  {
    name: "restycore",
    kind: "code",
    language: "Lua",
    description: "lua-resty-core 0.1.25, OpenResty's LuaJIT FFI implementations of the ngx_lua APIs (regex, shared dictionaries, request and response headers, ngx.ctx, ngx.var, time, hashes, base64, URI escaping) and the ngx.* modules (balancer, ssl, OCSP, semaphore, pipe, errlog, process); an eighth Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-resty-core",
        version: "0.1.25-1",
        sha256: "ec3474d16db332c6deb9c35c13ff3e09f10773705e3b42c0e80cb318b67dc9e5",
        root: "usr/share/lua/5.1",
        as: "lua-resty-core",
        files: ["**/*.lua"],
      },
    ],
  },
  {
    name: "glob",
    kind: "code",
    language: "Go",
    description: "gobwas/glob 0.2.3 (git 19c076c), a glob compiler: the lexer, the parser to a tree, the compiler that simplifies it and picks matchers, the matchers (prefix, suffix, contains, any-of, every-of, row, a binary tree of them, pooled segment slices) and a Graphviz debug view, with its tests; a fourteenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-gobwas-glob-dev",
        version: "0.2.3+git20180208.19c076c-2",
        sha256: "a3d0ba6c1ff0760f85ecd740483926bc2bb2738735ad93f79dfc69c4f69f9d7f",
        root: "usr/share/gocode/src/github.com/gobwas/glob",
        as: "glob",
        files: ["**/*.go"],
      },
    ],
  },
  {
    name: "commonmark",
    kind: "code",
    language: "PHP",
    description: "league/commonmark 2.3.9, a CommonMark and GitHub-flavoured Markdown parser and renderer: the block and inline parsers, the delimiter stack, the environment and its extensions (tables, autolinks, footnotes, front matter, table of contents, heading permalinks, smart punctuation, attributes, mentions, embeds), the HTML and XML renderers and utilities, without Debian's generated autoloader; a tenth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-league-commonmark",
        version: "2.3.9-1+deb12u1",
        sha256: "c702ba9fbe6727f011f25eba2bdb89871b56f37d811092e51089816df8eecd81",
        root: "usr/share/php/League/CommonMark",
        as: "commonmark",
        files: ["**/*.php"],
        exclude: ["autoload.php"],
      },
    ],
  },
  {
    name: "msw",
    kind: "code",
    language: "TypeScript",
    description: "Mock Service Worker 3.0.5, API mocking by interception: request handlers for HTTP, GraphQL, WebSocket and server-sent events, network frames and sources, the browser's Service Worker setup and Node's setupServer, without its unit tests and declaration files; a tenth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "msw",
        version: "3.0.5",
        integrity: "sha512-RkzyWIaG+T2jYf9KOUrNOZuXl4sCpz35m13nVlt1ACFQhl/WjHU9zKMwlrR/6NatgKjL5U84UmVXOz9/+mvGsw==",
        root: "package",
        as: "msw",
        files: ["src/**/*.ts"],
        exclude: ["src/**/*.test.ts", "src/**/*.d.ts"],
      },
    ],
  },
  {
    name: "backupninja",
    kind: "code",
    language: "shell",
    description: "backupninja 1.2.2, a backup coordinator in bash: the driver that runs one handler per job, the handlers (borg, duplicity, rdiff, restic, rsync, tar, MySQL, PostgreSQL, maildir, svn, trac, sys, makecd), their shared tools and ini parser (awk), and the ninjahelper wizard with its helper modules, most files without an extension; an eighth shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "backupninja",
        version: "1.2.2-1",
        sha256: "b69bf2bfd4a5744d133f679c60a78516a934801b08e978a28cdead90f1bea28b",
        root: "usr",
        as: "backupninja",
        files: ["sbin/*", "lib/backupninja/*", "share/backupninja/*"],
      },
    ],
  },
  {
    name: "rncamera",
    kind: "code",
    language: "Java",
    description: "react-native-camera 4.2.1, its Android Java: the React Native module, view manager and events, a heavily modified copy of Google's cameraview (Camera1, Camera2, CameraView), the legacy RCTCamera, and ML Kit face, barcode and text detectors in two build flavours; a ninth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-camera",
        version: "4.2.1",
        integrity: "sha512-+Vkql24PFYQfsPRznJCvPwJQfyzCnjlcww/iZ4Ej80bgivKjL9eU0IMQIXp4yi6XCrKi4voWXxIDPMupQZKeIQ==",
        root: "package",
        as: "react-native-camera",
        files: ["android/src/**/*.java"],
      },
    ],
  },
  {
    name: "cordovawp8",
    kind: "code",
    language: "C#",
    description: "cordova-wp8 3.8.2, the C# runtime of Cordova's Windows Phone 8 platform: the WebBrowser-hosting CordovaView, the bridge from JavaScript commands to native plugins (command calls, the command factory, native execution, plugin results), config.xml and its allow-list, the browser shims (local XHR, console, orientation) and small helpers; an eighth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "cordova-wp8",
        version: "3.8.2",
        integrity: "sha512-7DcTk05ybZRmeT4YP9YONl8yJ2ZP1ElRL4I8OYqxnuN0a9OrVdFpwFRXPVXkvLEDpSlNilgGTOz+R33zDqOKxg==",
        root: "package",
        as: "cordova-wp8",
        files: ["**/*.cs"],
        exclude: ["node_modules/**"],
      },
    ],
  },
  {
    name: "lz4",
    kind: "code",
    language: "C",
    description: "LZ4 1.9.2 as the lz4 0.6.5 npm binding ships it: the block compressor, the high-compression match finder and levels, the frame format with checksums and dictionaries, and the command-line tool (file I/O, sparse writes, pass-through, benchmark), without the vendored xxHash, tests and examples; a ninth C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "lz4",
        version: "0.6.5",
        integrity: "sha512-KSZcJU49QZOlJSItaeIU3p8WoAvkTmD9fJqeahQXNu1iQ/kR0/mQLdbrK8JY9MY8f6AhJoMrihp1nu1xDbscSQ==",
        root: "package/deps/lz4",
        as: "lz4",
        files: ["lib/*.c", "lib/*.h", "programs/*.c", "programs/*.h"],
        exclude: ["lib/xxhash.c", "lib/xxhash.h"],
      },
    ],
  },
  {
    name: "tinydnn",
    kind: "code",
    language: "C++",
    description: "tiny-dnn 1.0.0a3, a header-only deep-learning library: networks and graph nodes, layers (convolution, pooling, fully connected, batch norm, dropout, quantized), activations, losses, optimizers, compute kernels and backends, serialization, data parsers and the Caffe importer, whole; a ninth C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "tiny-dnn",
        version: "1.0.0a3+ds-3",
        sha256: "c2de6dce69c971e363f8742df0d501367dda5456324b1dd16b5c30f04f397f7f",
        root: "usr/include/tiny_dnn",
        as: "tiny_dnn",
        files: ["**/*.h"],
      },
    ],
  },
  {
    name: "expovideo",
    kind: "code",
    language: "Kotlin",
    description: "expo-video 58.0.1, its Android Kotlin on Media3/ExoPlayer: the module's JavaScript bindings, the player and its view, fullscreen, picture-in-picture, audio focus, keep-awake, the playback service and notification, subtitle and audio tracks, thumbnails and a disk cache keyed by request headers, without the vendored Java load control; a ninth Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-video",
        version: "58.0.1",
        integrity: "sha512-IZM856hT2NlSgAwUfFWEtVy77kqQbREkHyqRtmh8rubD50Lgdi68KMMHo1uM9QDM4b2X/dE5U8+yEIG5zA2h4w==",
        root: "package/android/src/main/java/expo/modules/video",
        as: "expo-video",
        files: ["**/*.kt"],
      },
    ],
  },
  {
    name: "rnvideo",
    kind: "code",
    language: "Swift",
    description: "react-native-video 6.19.0, its iOS Swift on AVPlayer: loading a source and queued source changes, the observers that turn player changes into events, FairPlay DRM, the audio session, lock-screen controls, picture-in-picture, fullscreen, IMA ads, caching and export, without the Objective-C bridge; a ninth Swift set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-video",
        version: "6.19.0",
        integrity: "sha512-JVojWIxwuH5C3RjVrF4UyuweuOH/Guq/W2xeN9zugePXZI8Xn/j6/oU94gCWHaFzkR/HGeJpqMq+l9aEHSnpIQ==",
        root: "package/ios",
        as: "react-native-video",
        files: ["**/*.swift"],
      },
    ],
  },
  {
    name: "ljsyscall",
    kind: "code",
    language: "Lua",
    description: "ljsyscall 0.12, Unix system calls for LuaJIT in pure Lua over its FFI: the generic and Linux call wrappers, ctypes and metatypes, flag and constant helpers, netlink, ioctl encoding, perf and bpf, a luafilesystem-compatible layer and utilities, without the per-architecture call-number tables; a ninth Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "lua-ljsyscall",
        version: "0.12-1.1",
        sha256: "15e0dba8ac36d0b54b42f0125b6909409adf8a9fbb7043af80dd495a31d77eb6",
        root: "usr/share/lua/5.1",
        as: "ljsyscall",
        files: ["syscall.lua", "syscall/**/*.lua"],
        exclude: ["syscall/linux/*/nr.lua"],
      },
    ],
  },
  {
    name: "initramfs",
    kind: "code",
    language: "shell",
    description: "initramfs-tools 0.142 (Debian's initramfs-tools-core), in POSIX sh: mkinitramfs with its hook library and hooks, the boot-time init and its scripts for a local or NFS root, fsck, resume and networking, and the unmkinitramfs and lsinitramfs extractors, most library files without an extension or #! line; a ninth shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "initramfs-tools-core",
        version: "0.142+deb12u3",
        sha256: "1171f80eb08188bec636fbf0f7d5598045395150c9666e4af093b170066fa9f0",
        root: ".",
        as: "initramfs-tools",
        files: ["usr/sbin/mkinitramfs", "usr/bin/lsinitramfs", "usr/bin/unmkinitramfs", "usr/share/initramfs-tools/**", "etc/initramfs-tools/initramfs.conf"],
        exclude: ["usr/share/initramfs-tools/modules"],
      },
    ],
  },
  {
    name: "parso",
    kind: "code",
    language: "Python",
    description: "parso 0.8.3, a Python parser that keeps going through broken code: tokenizer, pgen2 parser generator and its DFA parser with error recovery, tree classes, the incremental diff parser, the pickle cache, the normalizer framework with its syntax-error finder and PEP 8 checker, whole (Debian ships no tests); a fifteenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-parso",
        version: "0.8.3-1",
        sha256: "ec4d950fa9f78e45bdd3f64b7d6778d7b19c07a13a2c4db515f92b840152a3d4",
        root: "usr/lib/python3/dist-packages/parso",
        as: "parso",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "goflags",
    kind: "code",
    language: "Go",
    description: "jessevdk/go-flags 1.4.0, a command-line option parser driven by struct tags: options, groups, subcommands, positional arguments, help and man output, INI read and write, shell completion, POSIX and Windows option styles, with its tests and examples; a fifteenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-jessevdk-go-flags-dev",
        version: "1.4.0-6",
        sha256: "07e5113363bbd888833f54f93b70905b35f8863466d4de1818a28818a498bc44",
        root: "usr/share/gocode/src/github.com/jessevdk/go-flags",
        as: "go-flags",
        files: ["*.go", "examples/*.go"],
      },
    ],
  },
  {
    name: "ron",
    kind: "code",
    language: "Rust",
    description: "RON 0.7.1 (Rusty Object Notation), a serde format: the hand-written byte parser, the deserializer, the serializer with pretty printing, the dynamic Value, extensions and options, with the crate's tests and examples, without its .ron fixtures and docs; a thirteenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-ron-dev",
        version: "0.7.1-1",
        sha256: "046e192f1ab8703c012e5b21b56ececb47eb587de1ca80b2340a45857a119345",
        root: "usr/share/cargo/registry/ron-0.7.1",
        as: "ron",
        files: ["src/**/*.rs", "tests/**/*.rs", "examples/**/*.rs"],
      },
    ],
  },
  {
    name: "webmock",
    kind: "code",
    language: "Ruby",
    description: "WebMock 3.18.1, stubbing and checking HTTP requests in Ruby tests: the stub and request registries, request patterns (method, URL, query, body, headers), fake responses, the adapters for Net::HTTP, http.rb, HTTPClient, Curb, em-http-request, Typhoeus, Excon, Manticore, async-http and Patron, and the RSpec, minitest and test-unit hooks, without the package's own tests; an eleventh Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-webmock",
        version: "3.18.1-2",
        sha256: "6c70711fb2790002e9a6f1c99b36c12e0b83b99d7809df94abb0bef7bacb8f93",
        root: "usr/share/rubygems-integration/all/gems/webmock-3.18.1",
        as: "webmock",
        files: ["lib/**/*.rb"],
        exclude: ["minitest/**"],
      },
    ],
  },
  {
    name: "pmview",
    kind: "code",
    language: "TypeScript",
    description: "prosemirror-view 1.44.0, ProseMirror's editor view: view descriptions that draw the document, the DOM observer and the parser of the user's edits, selection syncing, keys, clipboard and drag-and-drop, decorations and coordinate mapping, its TypeScript sources only; an eleventh TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "prosemirror-view",
        version: "1.44.0",
        integrity: "sha512-Ga7889C0DYI1AI0zzgXBNVElPRLh6B2+K87XLjza90Bm/02XyEGXUr0gnla+Oefv7krvo3VIUDwM+YHKU9xGxg==",
        root: "package",
        as: "prosemirror-view",
        files: ["src/**/*.ts"],
      },
    ],
  },
  {
    name: "rnnav",
    kind: "code",
    language: "Java",
    description: "react-native-navigation 7.40.1's Android Java: the bridge module, the navigator and its view controllers (stack, bottom tabs, side menu, top tabs, modals, external components), presenters, the option models and their parsers, and utilities, without the Kotlin beside them and the per-React-Native-version folders; a tenth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-navigation",
        version: "7.40.1",
        integrity: "sha512-GQ6Azdhf6EtkUVdYv/3hbid3tDiEQnJf47TL6Joc0R92DUEA3c1tpXG0z9Y/D7lzYFOaIBPg3efnMHrpk74GeA==",
        root: "package/lib/android/app/src/main/java",
        as: "react-native-navigation",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "sqlparse",
    kind: "code",
    language: "Python",
    description: "sqlparse 0.4.2, a non-validating SQL parser and formatter: the lexer and its keyword tables, the statement splitter, grouping tokens into a parse tree, the filters that reindent, align, change case, strip comments and whitespace and write Python or PHP, and the sqlformat command, whole (Debian ships no tests); a sixteenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-sqlparse",
        version: "0.4.2-1+deb12u1",
        sha256: "edd31cf6974984723034321451333ff375d0551baf375e8bc0ececaff661eabb",
        root: "usr/lib/python3/dist-packages/sqlparse",
        as: "sqlparse",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "kong",
    kind: "code",
    language: "Go",
    description: "alecthomas/kong 0.7.1, a command-line parser built from annotated structs: the model built from struct tags, the scanner and the trace of arguments, resolvers for environment, configuration and defaults, the mapper registry that turns text into values, hooks and help output, without its tests, examples and test data; a sixteenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-alecthomas-kong-dev",
        version: "0.7.1-1",
        sha256: "a6fbeefe064c72d58950a2928a6eb6c860ee63ae4b1159bbfe7a240cb672095d",
        root: "usr/share/gocode/src/github.com/alecthomas/kong",
        as: "kong",
        files: ["*.go"],
        exclude: ["*_test.go"],
      },
    ],
  },
  {
    name: "indicatif",
    kind: "code",
    language: "Rust",
    description: "indicatif 0.17.3, progress bars and spinners for Rust command lines: ProgressBar and its state, the style template engine, MultiProgress, draw targets and their rate limit, human-readable formatters, the iterator, io, rayon and tokio wrappers, with the crate's tests and examples; a fourteenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-indicatif-dev",
        version: "0.17.3-2",
        sha256: "adfc83e1c0dc6952d33daee3f46f8891d42d1c5f73c21fbee56c16d53b32a0dc",
        root: "usr/share/cargo/registry/indicatif-0.17.3",
        as: "indicatif",
        files: ["src/**/*.rs", "tests/**/*.rs", "examples/**/*.rs"],
      },
    ],
  },
  {
    name: "tablecore",
    kind: "code",
    language: "TypeScript",
    description: "@tanstack/table-core 8.21.3, a headless table and datagrid engine: column definitions and headers, the feature plugins (sorting, filtering, grouping, expanding, pagination, selection, pinning, sizing, faceting) and the row models they chain, its TypeScript sources only; a twelfth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@tanstack/table-core",
        version: "8.21.3",
        integrity: "sha512-ldZXEhOBb8Is7xLs01fR3YEc3DERiz5silj8tnGkFZytt1abEvl/GhUmCE0PMLaMPTa3Jk4HbKmRlHmu+gCftg==",
        root: "package",
        as: "table-core",
        files: ["src/**/*.ts"],
      },
    ],
  },
  {
    name: "taojson",
    kind: "code",
    language: "C++",
    description: "taocpp/json (snapshot of 4 June 2020), a header-only C++17 JSON library: the value type, JSON Pointer, Patch and diff, JSON Schema, event-based readers and writers for JSON, JAXN, CBOR, MessagePack and UBJSON, event transformers and struct binding, without its vendored PEGTL, ryu, double-conversion and itoa; a tenth C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "tao-json-dev",
        version: "0.0+git20200604.f357d72-2",
        sha256: "e7b556ff57cbcbcf20cb2dc6037509edebf1cbeaae87c41d36911fa0105a72c0",
        root: "usr/include/tao/json",
        as: "taojson",
        files: ["**/*.hpp"],
        exclude: ["external/**"],
      },
    ],
  },
  {
    name: "rnwebrtc",
    kind: "code",
    language: "Java",
    description: "react-native-webrtc 124.0.8's Android Java: the React Native bridge to libwebrtc (the module and its peer connections, offer and answer, transceivers, data channels, camera capture and screen sharing, stats, the video view), without its JavaScript and Objective-C; an eleventh Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-webrtc",
        version: "124.0.8",
        integrity: "sha512-uuQxvmk+mvnk5U0tr+1N42sKZqgm41fJrBA+fmCvML9J9P4roSh2So82t5RHAlu/vE9vxu5AKgivAiH61clCBg==",
        root: "package/android/src/main/java",
        as: "react-native-webrtc",
        files: ["**/*.java"],
      },
    ],
  },
  {
    name: "lark",
    kind: "code",
    language: "Python",
    description: "lark 1.1.5, a parsing toolkit for context-free grammars: the grammar loader and EBNF-to-BNF compiler, the basic and contextual lexers, the LALR table builder and parser with interactive error recovery, the Earley and CYK parsers with their shared packed forest, trees, transformers and visitors, the indenter, the reconstructor and the standalone tools, without its PyInstaller hook; a seventeenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-lark",
        version: "1.1.5-1",
        sha256: "1555b1d017621215e91a7a1443845b0307705130b98ced8fa6a96c309d22ba42",
        root: "usr/lib/python3/dist-packages/lark",
        as: "lark",
        files: ["**/*.py"],
        exclude: ["__pyinstaller/**"],
      },
    ],
  },
  {
    name: "zerolog",
    kind: "code",
    language: "Go",
    description: "rs/zerolog 1.26.1, a zero-allocation structured logger writing JSON or CBOR: the Logger, Event and child-logger Context builders, levels, samplers and hooks, the JSON and CBOR encoders with the CBOR-to-JSON decoder, the console writer, syslog, journald, diode and multi writers, the hlog HTTP middleware and pkgerrors, without its tests and its vendored go-diodes and goji copies; a seventeenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-rs-zerolog-dev",
        version: "1.26.1-2",
        sha256: "2a2b1684b3f4f35d1f5b9f510aabda2aa36c60bb01b18ced7a4deefd4dc492e7",
        root: "usr/share/gocode/src/github.com/rs/zerolog",
        as: "zerolog",
        files: ["**/*.go"],
        exclude: ["**/*_test.go", "diode/internal/diodes/**", "hlog/internal/mutil/**", "internal/cbor/examples/**"],
      },
    ],
  },
  {
    name: "petgraph",
    kind: "code",
    language: "Rust",
    description: "petgraph 0.6.2, graph data structures for Rust: the Graph, StableGraph, GraphMap, MatrixGraph, Csr and adjacency-list storages, the visit traits with DFS, BFS and topological walkers and filtered or reversed views, the algorithms (shortest paths, strongly connected components, isomorphism, dominators, matching, spanning trees, feedback arc sets), Graphviz output, union-find and serde support, its src folder only; a fifteenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-petgraph-dev",
        version: "0.6.2-1",
        sha256: "69b0c1b7e23fb76ec9178dd3a56bc5a0bfef902a19b25b05c825c17685d318b6",
        root: "usr/share/cargo/registry/petgraph-0.6.2/src",
        as: "petgraph",
        files: ["**/*.rs"],
      },
    ],
  },
  {
    name: "rtk",
    kind: "code",
    language: "TypeScript",
    description: "@reduxjs/toolkit 2.16.0, the official Redux toolset: configureStore and its default middleware and auto-batch enhancer, createSlice, createReducer, createAction, createAsyncThunk and matchers, the entity adapter, combineSlices, the dynamic and listener middleware, and RTK Query (the createApi core, its thunks, cache slice, polling, cache collection, tag invalidation and lifecycles, fetchBaseQuery, retry and the React hooks), its TypeScript sources only; a thirteenth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@reduxjs/toolkit",
        version: "2.16.0",
        integrity: "sha512-MZAZNNvsNJrMttw/+rfBhay3+/zxPZNmuK/lFmahE+SAJTemxW643i+USptYg69guUohrtUu/4/XXbocOxVFIA==",
        root: "package/src",
        as: "rtk",
        files: ["**/*.ts", "**/*.tsx"],
      },
    ],
  },
  {
    name: "rake",
    kind: "code",
    language: "Ruby",
    description: "rake 13.0.6, Ruby's make-like build tool: the application and its options, the task manager with namespaces and rules, tasks, file tasks and multitasks with their thread pool and promises, invocation chains, task arguments, FileList and String#pathmap, the FileUtils extensions, the makefile loader and the clean, test and package task libraries; a twelfth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "rake",
        version: "13.0.6-3",
        sha256: "9818519ad01d850db5b52c35bddee7571764cb6838f9ba4b1efab76613a4b9f9",
        root: "usr/share/rubygems-integration/all/gems/rake-13.0.6/lib",
        as: "rake",
        files: ["**/*.rb"],
      },
    ],
  },
  {
    name: "reanimated",
    kind: "code",
    language: "Java",
    description: "react-native-reanimated 3.16.7's Android Java: the frame loop and prop updates, the JNI proxy to the worklet runtime, layout animations with their snapshots and hierarchy hooks, shared element transitions, keyboard and sensor tracking, and the latest React Native version's patches, without its C++ and JavaScript; a twelfth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-reanimated",
        version: "3.16.7",
        integrity: "sha512-qoUUQOwE1pHlmQ9cXTJ2MX9FQ9eHllopCLiWOkDkp6CER95ZWeXhJCP4cSm6AD4jigL5jHcZf/SkWrg8ttZUsw==",
        root: "package/android/src",
        as: "reanimated",
        files: ["main/java/**/*.java", "fabric/java/**/*.java", "paper/java/**/*.java", "reactNativeVersionPatch/*/latest/**/*.java"],
      },
    ],
  },
  {
    name: "rich",
    kind: "code",
    language: "Python",
    description: "Textualize/rich 13.3.1, a library for rich text and formatting in the terminal: the Console's render and print pipeline, segments, styles, colors and palettes, console markup and ANSI decoding, text wrapping and cell widths, tables, layouts, the live display and progress bars, syntax highlighting, markdown, pretty printing, tracebacks and the logging handler (the package ships no tests); an eighteenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-rich",
        version: "13.3.1-1",
        sha256: "4922761342dd42eb989dcc148e7a251401caf0266796f9fb0907be262d4a4083",
        root: "usr/lib/python3/dist-packages/rich",
        as: "rich",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "echo",
    kind: "code",
    language: "Go",
    description: "labstack/echo 4.2.1, a minimalist HTTP web framework: the Echo instance and server startup, the radix-tree router with parameter and wildcard backtracking, the request Context and Response wrapper, route groups, the struct binder and fluent ValueBinder, real-IP extraction, and the middleware package (CORS, CSRF, JWT, key and basic auth, gzip and decompress, body limit and dump, logger, recover, rate limiter, proxy with balancers, rewrite, redirects, trailing slash, secure headers, static files, timeout, request ID), without its tests; an eighteenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-labstack-echo-dev",
        version: "4.2.1-3",
        sha256: "3ec383b8cb239c415d9ab83b3e8871524931f6da13e75e41baf580b74b3599ef",
        root: "usr/share/gocode/src/github.com/labstack/echo",
        as: "echo",
        files: ["**/*.go"],
        exclude: ["**/*_test.go"],
      },
    ],
  },
  {
    name: "quickxml",
    kind: "code",
    language: "Rust",
    description: "tafia/quick-xml 0.26.0, a streaming XML reader and writer with serde support: the pull reader and its state machine over buffered, borrowed and async sources, the event parser, namespace resolution, attributes, escaping, encoding detection, the indenting writer, and the serde deserializer and serializer, with the unit tests that sit inside the source files; a sixteenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-quick-xml-dev",
        version: "0.26.0-3",
        sha256: "d6b3e80b1dbaacb7a406699db815fd87d337d0794f85aa246cb97c3f3dec6006",
        root: "usr/share/cargo/registry/quick-xml-0.26.0",
        as: "quick-xml",
        files: ["src/**/*.rs"],
      },
    ],
  },
  {
    name: "router_core",
    kind: "code",
    language: "TypeScript",
    description: "@tanstack/router-core 1.171.39, the framework-independent core of TanStack Router: the RouterCore class (parsing and building locations, navigation, invalidation, redirects), route definitions, the segment-trie route matcher, path and search-parameter utilities and middlewares, the client and server loading pipelines, scroll restoration and the server-rendering layer (request handler, dehydration, hydration scripts, stream transform, serializer plugins), its TypeScript sources only; a fourteenth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@tanstack/router-core",
        version: "1.171.39",
        integrity: "sha512-qUhoJ0meuSUqGYQbHbcJYdASr06YtK+bulbj6vtrhKYFkLgkSsZ6tXmMyym7sFxiSJSPYgasgozrL01LyyR/6A==",
        root: "package/src",
        as: "router-core",
        files: ["**/*.ts"],
        exclude: ["**/*.d.ts"],
      },
    ],
  },
  {
    name: "highline",
    kind: "code",
    language: "Ruby",
    description: "JEG2/highline 2.0.3, interactive command-line input and output: the HighLine facade (ask, agree, choose, say), questions with validation, answer conversion and gathering of several answers, menus, terminal back ends (io/console, stty, ncurses), ANSI styles, RGB colors and color schemes, string color extensions, ERB templating of statements, word wrapping, paging and column list layout (the package ships no tests); a thirteenth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-highline",
        version: "2.0.3-2",
        sha256: "1d2a0d482fb3d414e2bf0b43b693d817a81cccf9e7e7073730d9924452260984",
        root: "usr/lib/ruby/vendor_ruby",
        as: "highline",
        files: ["highline.rb", "highline/**/*.rb"],
      },
    ],
  },
  {
    name: "slim",
    kind: "code",
    language: "PHP",
    description: "slimphp/Slim 3.12.4, a micro-framework for HTTP apps and APIs: the App with its route helpers and run-and-respond cycle, the FastRoute-backed router, routes and route groups, the middleware stack, callable resolution and the Pimple-based container with its default services, the PSR-7 message classes (request, response, URI, headers, cookies, streams, uploaded files, environment) and the not-found, not-allowed and error handlers (the package ships no tests), without Debian's generated autoload.php; an eleventh PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-slim",
        version: "3.12.4-1",
        sha256: "96aa8faec0c5ade234f3e9bf6deae8ca6badbe417c49e545d9dc55cda324bfe9",
        root: "usr/share/php/Slim",
        as: "slim",
        files: ["**/*.php"],
        exclude: ["autoload.php"],
      },
    ],
  },
  {
    name: "paraphrase",
    kind: "notes",
    description: "the seed's knowledge base (examples/knowledge-base: 20 one-fact notes), asked in other words",
    sources: [{ kind: "repo", dir: "examples/knowledge-base", as: "knowledge-base", files: ["*.md"] }],
  },
  {
    name: "zlib",
    kind: "code",
    language: "C",
    description: "zlib 1.3.1 (madler/zlib) as vendored by the npm package zlib-sync 0.1.10, the general-purpose deflate compression library: the deflate compressor (match finding, lazy evaluation, window sliding), Huffman tree building and bit output, the inflate decompressor's state machine with its fast decoder and code-table builder, the callback-driven inflateBack, the CRC-32 and Adler-32 checksums, the one-shot compress and uncompress helpers and the gzip file layer (gzopen, gzread, gzwrite, gzseek), with no tests; a tenth C set written blind",
    sources: [
      {
        kind: "tarball",
        package: "zlib-sync",
        version: "0.1.10",
        integrity: "sha512-t7/pYg5tLBznL1RuhmbAt8rNp5tbhr+TSrJFnMkRtrGIaPJZ6Dc0uR4u3OoQI2d6cGlVI62E3Gy6gwkxyIqr/w==",
        root: "package/deps/zlib",
        as: "zlib",
        files: ["*.c", "*.h"],
      },
    ],
  },
  {
    name: "hypersdk",
    kind: "code",
    language: "C#",
    description: "HyperSDK 1.10.0 (npm app.hypergames.hypersdk), a Unity package for WebGL games on the Hyper platform: the public SDK facade and its adapters, the runtime and loader bootstrap, the game, backend, data, event and timer managers (WebSocket sessions, batched encrypted score streaming, final score submission, session timers), a seeded random generator, a small tween engine and UI components, and the editor tooling (build pipeline, post-build manifest injector, migration tool, installer); the package ships no tests; a ninth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "app.hypergames.hypersdk",
        version: "1.10.0",
        integrity: "sha512-UyBbFm/ecZSUnXMd0klpcqjfpWV1GU8bKdcjTJm42CLEkIaCg+oM5eVpkHIIX4qiJJSmoK4K47tG/0Bu5s2qvQ==",
        root: "package",
        as: "hypersdk",
        files: ["**/*.cs"],
      },
    ],
  },
  {
    name: "luakit",
    kind: "code",
    language: "Lua",
    description: "luakit 2.3.3, a WebKitGTK browser whose interface is written in Lua: its Lua library of window and webview classes, modes and key, buffer and command bindings (lousy.bind), signals, settings, session save and restore, adblock, follow hints, userscripts and styles, downloads, history and bookmarks, the luakit:// pages and the web-process modules, without the vendored markdown.lua (the package ships no tests); a tenth Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "luakit",
        version: "1:2.3.3-1",
        sha256: "8579e5403878f4368ae1c57048a3f713b3b5663bb9412b18dd6721298d0041c5",
        root: "usr/share/luakit/lib",
        as: "luakit",
        files: ["**/*.lua"],
        exclude: ["markdown.lua"],
      },
    ],
  },
  {
    name: "rnmapbox",
    kind: "code",
    language: "Swift",
    description: "@rnmapbox/maps 10.3.5, the React Native wrapper around the Mapbox Maps SDK, its iOS side in Swift: the map view with its events and gestures, camera and viewport, style sources and layers with the generated style-property setters, point annotations and marker views, images and their download queue, user location and custom location providers, shape animators, snapshots, logging, custom HTTP headers and the offline and tile-store modules (the package ships no Swift tests); a tenth Swift set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@rnmapbox/maps",
        version: "10.3.5",
        integrity: "sha512-ShQppktl1H4HHPp/aninsEVK7+tsHmN48ULxpB1rfmx7W3WogB21Q1NAEw7CzxERnLZveijyutszJG2y3EBn2Q==",
        root: "package/ios/RNMBX",
        as: "rnmapbox",
        files: ["**/*.swift"],
      },
    ],
  },
  {
    name: "devlauncher",
    kind: "code",
    language: "Kotlin",
    description: "expo-dev-launcher 57.0.20, the Android side of Expo's development-client launcher in Kotlin: the controller that handles deep links and loads an app from a dev server, a published update or the embedded bundle (manifest parser, app loaders, dev-support injection by reflection), discovery and health checks of local dev servers, crash handling and error screens, recently opened apps, Expo account services, the Jetpack Compose launcher UI and the Gradle plugin that instruments OkHttp, without two near-verbatim copies of React Native's dev-support managers (the package ships no tests); a tenth Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-dev-launcher",
        version: "57.0.20",
        integrity: "sha512-F6oAHaDn9j3L/gyMGE+OalriX6PHZWnZLxpN5jc6crTrp8f6hSwGhmsHpAvdOzijfMjyi3R2UkcISFsCIIQYFA==",
        root: "package",
        as: "devlauncher",
        files: ["android/**/*.kt", "expo-dev-launcher-gradle-plugin/**/*.kt"],
        exclude: ["android/src/debug/java/com/facebook/react/devsupport/NonFinalBridgeDevSupportManager.kt", "android/src/debug/java/com/facebook/react/devsupport/NonFinalBridgelessDevSupportManager.kt"],
      },
    ],
  },
  {
    name: "bgloc",
    kind: "code",
    language: "Java",
    description: "mauron85/react-native-background-geolocation 0.6.3, background location tracking for React Native, its Android sources in Java: the shared library (facade, location service and its command proxy, distance-filter, activity-recognition and raw location providers, SQLite and content-provider storage, HTTP posting with batch sync through a sync adapter, post templates, headless tasks, notifications, logging) and the React Native bridge module, without tests and without vendored copies of commons-io, Chromium's ThreadUtils, an SQL builder and map and array helpers; a thirteenth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@mauron85/react-native-background-geolocation",
        version: "0.6.3",
        integrity: "sha512-Q4o6OcCooYC4WrddrXS73pqAzowbxwuI3xOjOo2eYYWhNZCs+mioR2T5tij/pqUoJEfzt1h52Yn1a3rhRflKLQ==",
        root: "package/android",
        as: "bgloc",
        files: ["**/src/main/java/**/*.java"],
        exclude: ["**/org/apache/**", "**/org/chromium/**", "**/ru/andremoniy/**", "**/com/iodine/**"],
      },
    ],
  },
  {
    name: "paramiko",
    kind: "code",
    language: "Python",
    description: "paramiko 2.12.0, a pure-Python SSHv2 client and server library: the transport thread with key exchange (group1/14/16, group exchange, ECDH, curve25519, GSS-API), the packetizer with ciphers, MACs and rekeying, user authentication, channels with flow control, the high-level SSHClient and host-key policies, known_hosts and ssh_config parsing, RSA, DSS, ECDSA and Ed25519 keys and the agent, and the SFTP client, file and server (the package ships no tests); a nineteenth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-paramiko",
        version: "2.12.0-2",
        sha256: "4fdca80fc2e93c58f707146ae2186ad0ed185c6002ff7df1667c50acc3fc5044",
        root: "usr/lib/python3/dist-packages/paramiko",
        as: "paramiko",
        files: ["**/*.py"],
      },
    ],
  },
  {
    name: "memberlist",
    kind: "code",
    language: "Go",
    description: "hashicorp/memberlist 0.2.2, cluster membership and failure detection over a SWIM-style gossip protocol: the probe, suspect and dead state machine, suspicion timers and local health awareness, the packet and stream message handlers with compound messages, compression, CRC and AES-GCM encryption, the keyring, the retransmit-limited broadcast queue, push/pull state sync, the network and mock transports, config defaults and delegate interfaces, without its tests and its vendored seed package; a nineteenth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-hashicorp-memberlist-dev",
        version: "0.2.2-2",
        sha256: "14a28da5591dfe2c7ce1c8279836a3b0e0bd6c4659d5b7e905c82ae6129fef38",
        root: "usr/share/gocode/src/github.com/hashicorp/memberlist",
        as: "memberlist",
        files: ["**/*.go"],
        exclude: ["**/*_test.go", "vendor/**"],
      },
    ],
  },
  {
    name: "mio",
    kind: "code",
    language: "Rust",
    description: "tokio-rs/mio 0.8.4, non-blocking I/O and event notification for Rust: the Poll, Registry, Events, Token and Interest API, the Waker, the IoSource wrapper, non-blocking TCP, UDP and Unix-socket types and pipes, and the platform selectors (epoll, kqueue, WASI poll_oneoff, and Windows IOCP with AFD and named pipes), with its small in-file test modules and without its examples; a seventeenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-mio-dev",
        version: "0.8.4-1",
        sha256: "1fb9aaa8e0f4ddff55917fe3181dbbc85d0fa03ffc5ba43dbc939e70dd0460c9",
        root: "usr/share/cargo/registry/mio-0.8.4",
        as: "mio",
        files: ["src/**/*.rs"],
      },
    ],
  },
  {
    name: "mswjs_interceptors",
    kind: "code",
    language: "TypeScript",
    description: "@mswjs/interceptors 0.45.12, the HTTP and WebSocket request interception library behind MSW: the interceptor base class and batch interceptor, the request controller and request-handling pipeline, the socket-level interceptor (net and TLS socket controllers) with its llhttp-based request parsing, the fetch, XMLHttpRequest and ClientRequest interceptors, the WebSocket interceptor with its transport and connections, the remote (child-process) interceptor, and helpers for patching globals, raw headers and cloning responses, without its tests; a fifteenth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@mswjs/interceptors",
        version: "0.45.12",
        integrity: "sha512-LLttQ/SSmseGFD/sNiHv9q34hd4gmPLN9uQdIIsU/V/o2AgTJm3dWoKHA4KTj0BzAans6CoEmpHYmp80yp69VA==",
        root: "package/src",
        as: "mswjs_interceptors",
        files: ["**/*.ts"],
        exclude: ["**/*.test.ts", "**/*.d.ts"],
      },
    ],
  },
  {
    name: "mustermann",
    kind: "code",
    language: "Ruby",
    description: "sinatra/mustermann 3.0.0, string-matching patterns (Sinatra-style routes, regexps, identity) used like regular expressions: the Mustermann.new factory and type registry, the Pattern base with its params, peek and expansion API, the AST pipeline (StringScanner parser, transformer, boundaries, validation, regexp compiler, expander, template generator) built on a translator DSL, composite and concatenated patterns, the caster and mapper (the package ships no tests); a fourteenth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-mustermann",
        version: "3.0.0-2",
        sha256: "951ce99726f797e9d28e4f64175733e007930109d295e8070e46ecf6f862c892",
        root: "usr/share/rubygems-integration/all/gems/mustermann-3.0.0/lib",
        as: "mustermann",
        files: ["**/*.rb"],
      },
    ],
  },
  {
    name: "jsonschema",
    kind: "code",
    language: "PHP",
    description: "justinrainbow/json-schema 5.2.12, a JSON Schema (draft-03 and draft-04) validator for PHP: the Validator entry point, the constraint classes for types, objects, arrays, strings, numbers, enums and formats made by a factory, strict and loose type checks, schema storage with $ref resolution, JSON pointers, URI resolving and retrieval (file, cURL, predefined) and its exceptions, without Debian's generated autoloader (the package ships no tests); a twelfth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-json-schema",
        version: "5.2.12-2",
        sha256: "117c9713ba66548169261a4b437e024e1cddaf7b212b7fc982a15904f4a6a247",
        root: "usr/share/php/JsonSchema",
        as: "jsonschema",
        files: ["**/*.php"],
        exclude: ["autoload.php"],
      },
    ],
  },
  {
    name: "mrtk",
    kind: "code",
    language: "C#",
    description: "microsoft/MixedReality-GraphicsTools-Unity 0.7.1 (MRTK Graphics Tools for Unity, MIT), as the npm package com.caffeine 1.1.11 ships it under 3RD/: clipping primitives (sphere, box, plane), material instancing, hover, proximity and distant lights and the front-plate pulse, UGUI canvas elements, fast and rounded rect masks and generated canvas material animators, mesh outlines and normal smoothing, GPU mesh instancing with parallel updates and ray casts, mesh and texture combining, the experimental URP acrylic blur and magnifier, render features, and the editor tools (shader GUIs, the animator code generator, measure tool, dependency window, texture combiner, screenshots), without its sample scripts (the copy holds no tests); a tenth C# set written blind",
    sources: [
      {
        kind: "tarball",
        package: "com.caffeine",
        version: "1.1.11",
        integrity: "sha512-gYWY9kapCFLFA66OLmBlr8sXm43N9vc1sls1rdJ9a0rNN5EISWol1bglFW18Sd5C9tkE6xbKmNbqix3Hcv4vAw==",
        root: "package/3RD/MRTK Graphic Tools",
        as: "mrtk-graphicstools",
        files: ["**/*.cs"],
        exclude: ["Runtime/Samples/**"],
      },
    ],
  },
  {
    name: "cglm",
    kind: "code",
    language: "C",
    description: "recp/cglm 0.8.8, a header-only C graphics math library (OpenGL-style, SIMD-optimized): the inline vec2/3/4, ivec, mat2/3/4 and quaternion code, affine transforms, camera and projection builders with left/right-handed and [0,1]/[-1,1] clip-space variants, frustum, AABB, sphere, ray, euler, bezier and easing helpers, the SSE2/AVX/NEON kernels, the struct-by-value (glms_) wrappers and the exported (glmc_) declarations (the package ships no tests); an eleventh C set written blind",
    sources: [
      {
        kind: "deb",
        package: "libcglm-dev",
        version: "0.8.8-1",
        sha256: "2222d752679a757bb461cf353115be83c5b19c7ed2894aa7df919ca4d5b80b0a",
        root: "usr/include/cglm",
        as: "cglm",
        files: ["**/*.h"],
      },
    ],
  },
  {
    name: "nlohmann_json",
    kind: "code",
    language: "C++",
    description: "nlohmann/json 3.11.2, a header-only JSON library for modern C++ in the multi-header layout Debian ships: the basic_json value class, the lexer, recursive-descent parser and SAX DOM builders, input and output adapters, the serializer with Grisu2 float formatting, the CBOR, MessagePack, UBJSON, BJData and BSON reader and writer, JSON Pointer, JSON Patch and Merge Patch, iterators, ordered_map, to_json/from_json conversions, type traits and macros, without the vendored Hedley macros (the package ships no tests); an eleventh C++ set written blind",
    sources: [
      {
        kind: "deb",
        package: "nlohmann-json3-dev",
        version: "3.11.2-2",
        sha256: "ec57940def6b6186c30be0e0ee81d1e58f86d11a54a145b28686a1e3e4aae801",
        root: "usr/include/nlohmann",
        as: "nlohmann_json",
        files: ["**/*.hpp"],
        exclude: ["thirdparty/**"],
      },
    ],
  },
  {
    name: "prosody",
    kind: "code",
    language: "Lua",
    description: "Prosody 0.12.3, an XMPP server written in Lua: the core managers (stanza routing, sessions, modules and the module API, hosts, config, certificates, storage, rosters, stats), the networking layer (epoll, select and libevent backends, the DNS resolver, HTTP client and server, websocket, STUN, connection resolvers) and the util library (stanzas, the XML stream parser, SASL and SCRAM, JSON, caches, promises and async, pubsub, openmetrics, x509, startup), without its plugin modules (the package ships no tests); an eleventh Lua set written blind",
    sources: [
      {
        kind: "deb",
        package: "prosody",
        version: "0.12.3-1+deb12u1",
        sha256: "ee51edd4acc3633a27c3acb13af6652fcde2434dc49b3e3c5572eb0b56a803e2",
        root: "usr/lib/prosody",
        as: "prosody",
        files: ["core/**/*.lua", "net/**/*.lua", "util/**/*.lua"],
      },
    ],
  },
  {
    name: "devmenu_ios",
    kind: "code",
    language: "Swift",
    description: "expo-dev-menu 57.0.18, the iOS side of Expo's in-app developer menu in Swift: the DevMenuManager singleton, the sheet window (iOS and macOS), the touch-gesture and key-command interceptors, saved preferences, Metro packager command handling, dev-tools actions (reload, performance monitor, inspector, JS debugger), the draggable floating tools button, and the SwiftUI menu views with a source-map-based source explorer and a small syntax highlighter, without its UI-test helpers; an eleventh Swift set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-dev-menu",
        version: "57.0.18",
        integrity: "sha512-H7m9ENtVYz4FpJktQj+z/njIN1t7kOEaKCv8Qgv2SdAlyFTW8s2EnufxPoSlg2zUTanaauJ6wrR6XESHwW7kpw==",
        root: "package/ios",
        as: "devmenu_ios",
        files: ["**/*.swift"],
        exclude: ["UITests/**"],
      },
    ],
  },
  {
    name: "medialibrary",
    kind: "code",
    language: "Kotlin",
    description: "expo-media-library 57.0.5, the Android side in Kotlin of Expo's module for the device's photo, video and audio library: the promise-style module (creating assets, creating, filling, emptying, deleting and migrating albums, paged asset queries, EXIF and size extraction, permissions, MediaStore delete and write consent contracts, the change observer) and the newer object API (Asset, Album and Query shared objects, modern and legacy factories, delegates, deleters and movers, query executors, MediaStore resolver extensions, observers, permission delegates) (the package ships no tests); an eleventh Kotlin set written blind",
    sources: [
      {
        kind: "tarball",
        package: "expo-media-library",
        version: "57.0.5",
        integrity: "sha512-amSLrLsS7Gl4nCqbc2PlVbHj5jK9kQLsSOQgJ2QasHCSHzYXw6Ui7aolxX5APg9P4TgYPE0yWn46ndifh52bRw==",
        root: "package/android/src/main/java/expo/modules/medialibrary",
        as: "medialibrary",
        files: ["**/*.kt"],
      },
    ],
  },
  {
    name: "codepush",
    kind: "code",
    language: "Java",
    description: "microsoft/react-native-code-push 9.0.1, the Android side in Java of CodePush, over-the-air updates for React Native: the ReactPackage entry point that picks the JS bundle, the bridge module (download, install, restart and status-report methods), the update manager that downloads, unzips and stores update packages, hash and JWT signature checks, settings kept in SharedPreferences (pending and failed updates, rollback), telemetry status reports, file and JSON helpers, the confirmation dialog and a TLS socket factory, without the JS, iOS and Windows parts (the package ships no Java tests); a fourteenth Java set written blind",
    sources: [
      {
        kind: "tarball",
        package: "react-native-code-push",
        version: "9.0.1",
        integrity: "sha512-+7BhJbsx0c9md2zCOPsEv44eKQsvDM7J5nVYFsDUHVzBx8cvojBSPfjfdqZq5op5YmawH7mpbIPMYUj9bF9SLw==",
        root: "package/android/app/src/main/java/com/microsoft/codepush/react",
        as: "codepush",
        files: ["*.java"],
      },
    ],
  },
  {
    name: "webob",
    kind: "code",
    language: "Python",
    description: "Pylons/WebOb 1.8.6, a WSGI request and response object library: the Request and Response classes, Accept, Accept-Charset, Accept-Encoding and Accept-Language negotiation, cookies and signed cookie profiles, HTTP exception responses, the wsgify decorator, Range, ETag, Cache-Control and date header helpers, multi-valued dicts, static file serving and the HTTP client app (the package ships no tests); a twentieth Python set written blind",
    sources: [
      {
        kind: "deb",
        package: "python3-webob",
        version: "1:1.8.6-3",
        sha256: "dc0e7d241d5f86d774132a92522b80f9c96eb3dbeac298389873d8dfd59ea0a8",
        root: "usr/lib/python3/dist-packages/webob",
        as: "webob",
        files: ["*.py"],
      },
    ],
  },
  {
    name: "gotoml",
    kind: "code",
    language: "Go",
    description: "pelletier/go-toml v2.0.6, a TOML parser and encoder for Go: the byte-level parser and scanner with its flat AST builder, the reflection-based decoder (Unmarshal, Decoder with strict mode) and encoder (Marshal, Encoder with struct tags), number and date-time parsing, contextual decode errors, duplicate-key tracking, unsafe helpers, the tomll, tomljson and jsontoml command-line tools and the toml-test support package, without its tests; a twentieth Go set written blind",
    sources: [
      {
        kind: "deb",
        package: "golang-github-pelletier-go-toml.v2-dev",
        version: "2.0.6-1",
        sha256: "9f0fb82d9ba64fefb54ce3e07d1601f085bffe5facb169c059a6d30e4a54ca20",
        root: "usr/share/gocode/src/github.com/pelletier/go-toml/v2",
        as: "go-toml",
        files: ["**/*.go"],
        exclude: ["**/*_test.go"],
      },
    ],
  },
  {
    name: "rustyline",
    kind: "code",
    language: "Rust",
    description: "kkawakam/rustyline 9.1.2, a readline-style line editor for terminals: the Editor entry points and read loop, emacs and vi keymaps and custom key bindings, the line buffer with kill ring and undo changesets, history with file save, append and search, filename completion, hints, highlighting and validation, and the Unix and Windows terminal backends, without its src/test suite (inline test modules stay); an eighteenth Rust set written blind",
    sources: [
      {
        kind: "deb",
        package: "librust-rustyline-dev",
        version: "9.1.2-1",
        sha256: "fa18f568a512efb371ca021c839ad7702c61ecbb168c14fc3273ad18abb8d7ea",
        root: "usr/share/cargo/registry/rustyline-9.1.2",
        as: "rustyline",
        files: ["src/**/*.rs"],
        exclude: ["src/test/**"],
      },
    ],
  },
  {
    name: "tanstack_db",
    kind: "code",
    language: "TypeScript",
    description: "TanStack DB 0.15.2, a reactive client-side store for sync-backed apps: collections with optimistic mutations and transactions, sync and subset loading, change-tracking draft proxies, indexes (basic, B-tree, reverse) and index-based filtering, the live-query builder, IR, optimizer and D2 compiler (joins, group-by, order-by, includes), effects, paced-mutation strategies, the localStorage, IndexedDB and local-only collections and the SSR client (the package ships no tests); a sixteenth TypeScript set written blind",
    sources: [
      {
        kind: "tarball",
        package: "@tanstack/db",
        version: "0.15.2",
        integrity: "sha512-s7CR8kOgkF1oPEGyKWItWHsg7U3hhQQu+k9CPjjAWwS6wzWVvjCbHbu/xnJvO1aPe7v3SBwo1tf6CMyKjNPNxg==",
        root: "package/src",
        as: "tanstack-db",
        files: ["**/*.ts"],
      },
    ],
  },
  {
    name: "mocha_rb",
    kind: "code",
    language: "Ruby",
    description: "freerange/mocha 1.16.1, a Ruby mocking and stubbing library for Minitest and Test::Unit: the mock object and expectation model (cardinality, return values, yields, sequences, state machines), stubbing of methods on real objects and any_instance, the parameter matchers, the configuration of stubbing checks, backtrace filtering and the per-version test-framework integrations (the package ships no tests); a fifteenth Ruby set written blind",
    sources: [
      {
        kind: "deb",
        package: "ruby-mocha",
        version: "1.16.1-1",
        sha256: "746597d9a5c5dd37f09ff4d8c91afc61d6ceee67fe26c439e07c333a1768ff91",
        root: "usr/share/rubygems-integration/all/gems/mocha-1.16.1/lib",
        as: "mocha",
        files: ["**/*.rb"],
      },
    ],
  },
  {
    name: "emailvalidator",
    kind: "code",
    language: "PHP",
    description: "egulias/email-validator 3.2.5, an RFC 5321/5322 email address validator: the token lexer (on doctrine/lexer), the local-part, domain-part, domain-literal (IPv4 and IPv6), quoted-string, comment and folding-whitespace parsers, the Message-ID parser, the RFC, no-warnings, DNS (MX, A, AAAA), spoof-check and combined validations, and the result, reason and warning classes, without Debian's generated autoloader (the package ships no tests); a thirteenth PHP set written blind",
    sources: [
      {
        kind: "deb",
        package: "php-email-validator",
        version: "3.2.5-1",
        sha256: "961040b0cbc5215739a5225ac2b36244cb0ba574059f1f5417f798b5224cb050",
        root: "usr/share/php/Egulias/EmailValidator",
        as: "emailvalidator",
        files: ["**/*.php"],
        exclude: ["autoload.php"],
      },
    ],
  },
  {
    name: "lynis",
    kind: "code",
    language: "shell",
    description: "CISOfy/lynis 3.0.8, a security auditing and hardening tool for Unix systems in POSIX shell: the lynis driver script, the shared function library (test registration, reporting, permission checks, host IDs, nginx parsing), OS detection, binary discovery, profile and argument parsing, the per-category audit files (tests_*), the helpers (show, configure, generate, update, Dockerfile audit, remote scan), data upload and the end-of-scan report, none of the files with an extension, without its data files, profiles and plugin templates (the package ships no tests); a tenth shell set written blind",
    sources: [
      {
        kind: "deb",
        package: "lynis",
        version: "3.0.8-1.1",
        sha256: "9df0cedc27c4dd32478ad901103a0ac87efd9eedfd6ce313a70a650ae6883bb9",
        root: "usr",
        as: "lynis",
        files: ["sbin/lynis", "share/lynis/include/*"],
        exclude: ["share/lynis/include/tests_custom.template"],
      },
    ],
  },
];

export interface Materialised {
  spec: CorpusSpec;
  dir: string;
  /** Corpus-relative paths (<package or as>/<path in it>), sorted. */
  files: string[];
  bytes: number;
  /** What each source is pinned to: version, and for a .deb its SHA-256. */
  packages: Record<string, string>;
}

export class CorpusError extends Error {}

export interface MaterialiseOptions {
  /** Download a missing .deb with apt-get, or a tarball with npm pack (npm run eval); false: a missing one is an error. */
  fetch?: boolean;
  /** Default eval/.cache. */
  cacheDir?: string;
  /**
   * Copy the files a source's `exclude` leaves out too (generated parsers and tables), as a checkout
   * of the project would hold them: for measuring how search copes with them (npm run eval --keep-excluded).
   */
  keepExcluded?: boolean;
}

/** The installed version of a package, or a clear error saying what is wrong and what to do. */
export function installedVersion(pkg: string): string {
  const manifest = join(NODE_MODULES, pkg, "package.json");
  if (!existsSync(manifest)) throw new CorpusError(`eval corpus needs the npm package ${pkg}, which is not in ${NODE_MODULES}: run npm ci.`);
  return JSON.parse(readFileSync(manifest, "utf8")).version as string;
}

/** The folder a source's files come from, after checking its pin (and fetching a .deb if allowed). */
function sourceRoot(spec: CorpusSpec, source: Source, opts: MaterialiseOptions): string {
  if (source.kind === "deb") return debRoot(source, opts);
  if (source.kind === "tarball") return tarballRoot(source, { fetch: opts.fetch, cacheDir: opts.cacheDir ?? DEB_CACHE }, (message) => new CorpusError(message));
  if (source.kind === "repo") return join(ROOT, source.dir);
  const version = installedVersion(source.package);
  if (version !== source.version) {
    throw new CorpusError(
      `eval corpus "${spec.name}" is pinned to ${source.package}@${source.version}, but node_modules has ${version}. ` +
        `The labels in eval/queries/${spec.name}.jsonl point at lines of the pinned files: re-check them against the new version, then update eval/corpora.ts.`,
    );
  }
  return join(NODE_MODULES, source.package);
}

const folderOf = (source: Source) => (source.kind === "deb" || source.kind === "tarball" || source.kind === "repo" ? source.as : source.package);

/** Copies a corpus's files into a fresh temporary folder (or `into`). */
export function materialise(spec: CorpusSpec, into?: string, opts: MaterialiseOptions = {}): Materialised {
  // Every pin is checked before anything is copied.
  const roots = spec.sources.map((source) => sourceRoot(spec, source, opts));
  const dir = into ?? mkdtempSync(join(tmpdir(), `semsearch-eval-${spec.name}-`));
  const files: string[] = [];
  const packages: Record<string, string> = {};
  let bytes = 0;
  spec.sources.forEach((source, i) => {
    const root = roots[i];
    if (source.kind === "deb") packages[source.package] = `${source.version} (sha256 ${source.sha256})`;
    else if (source.kind === "tarball") packages[source.package] = `${source.version} (npm tarball, ${source.integrity})`;
    else if (source.kind === "repo") packages[source.dir] = "this repository";
    else packages[source.package] = source.version;
    const wanted = picomatch(source.files);
    const unwanted = (source.kind === "deb" || source.kind === "tarball") && source.exclude && !opts.keepExcluded ? picomatch(source.exclude) : () => false;
    const found = walk(root).filter((rel) => wanted(rel) && !unwanted(rel));
    if (!found.length) throw new CorpusError(`eval corpus "${spec.name}": ${root} has no file matching ${source.files.join(", ")}.`);
    for (const rel of found) {
      const target = join(dir, folderOf(source), rel);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(root, rel), target);
      bytes += statSync(target).size;
      files.push(`${folderOf(source)}/${rel}`);
    }
  });
  return { spec, dir, files: files.sort(), bytes, packages };
}

/** The .deb's file name as apt-get download writes it (an epoch's colon becomes %3a). */
export function debFileName(source: DebSource, arch: string): string {
  return `${source.package}_${source.version.replace(/:/g, "%3a")}_${arch}.deb`;
}

/** The SHA-256 of a file, hex. */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/**
 * The unpacked package folder of a pinned .deb: eval/.cache/<package>_<version>/<root>. The .deb is
 * downloaded once (when `fetch`), its SHA-256 checked, and unpacked once; later runs only check
 * that the unpacked folder is there (it is written under a temporary name and renamed when complete).
 */
export function debRoot(source: DebSource, opts: MaterialiseOptions = {}): string {
  const cache = opts.cacheDir ?? DEB_CACHE;
  const unpacked = join(cache, `${source.package}_${source.version.replace(/:/g, "%3a")}`);
  const hint = `cd ${cache} && apt-get download ${source.package}=${source.version}`;
  if (!existsSync(unpacked)) {
    mkdirSync(cache, { recursive: true });
    let deb = findDeb(cache, source);
    if (!deb) {
      if (!opts.fetch) throw new CorpusError(`eval corpus needs the Debian package ${source.package} ${source.version}, which is not in ${cache}: run ${hint}`);
      try {
        execFileSync("apt-get", ["download", `${source.package}=${source.version}`], { cwd: cache, stdio: ["ignore", "ignore", "pipe"] });
      } catch (err) {
        const stderr = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim();
        throw new CorpusError(
          `could not download the Debian package ${source.package} ${source.version} (${stderr.split("\n").pop()}). ` +
            `Check \`apt-cache policy ${source.package}\` lists that version (run apt-get update if not), then run ${hint}`,
        );
      }
      deb = findDeb(cache, source);
      if (!deb) throw new CorpusError(`apt-get download ${source.package}=${source.version} wrote no .deb into ${cache}: run ${hint} and look at its output.`);
    }
    const sum = sha256File(deb);
    if (sum !== source.sha256) {
      throw new CorpusError(
        `${deb} has SHA-256 ${sum}, but eval/corpora.ts pins ${source.package} ${source.version} to ${source.sha256}. ` +
          `Delete the file and run ${hint}; if the archive really changed, re-check the labels before updating the pin.`,
      );
    }
    const partial = `${unpacked}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    try {
      execFileSync("dpkg-deb", ["-x", deb, partial], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      throw new CorpusError(`dpkg-deb -x ${deb} failed (${String((err as { stderr?: Buffer }).stderr ?? "").trim()}): is dpkg installed?`);
    }
    if (source.archive) unpackArchive(source, partial);
    renameSync(partial, unpacked);
  }
  const root = source.archive ? join(unpacked, `${source.archive}.d`, source.root) : join(unpacked, source.root);
  const where = source.archive ? `${source.archive} of ${source.package} ${source.version}` : `${source.package} ${source.version}`;
  if (!existsSync(root)) throw new CorpusError(`${where} has no folder ${source.root}: fix "root" in eval/corpora.ts.`);
  return root;
}

/**
 * Unpacks the archive a package ships its sources in, inside the folder being unpacked: a tarball
 * with tar, a jar (PLM keeps its Scala sources as text inside its jar) or a zip with unzip.
 */
function unpackArchive(source: DebSource, partial: string): void {
  const archive = join(partial, source.archive!);
  const fail = (why: string) => {
    rmSync(partial, { recursive: true, force: true });
    return new CorpusError(`${source.package} ${source.version}: ${why}; fix "archive" in eval/corpora.ts.`);
  };
  if (!existsSync(archive)) throw fail(`the package has no file ${source.archive}`);
  mkdirSync(`${archive}.d`);
  const [tool, args] = /\.(?:jar|zip)$/.test(archive) ? ["unzip", ["-q", archive, "-d", `${archive}.d`]] : ["tar", ["-xf", archive, "-C", `${archive}.d`]];
  try {
    execFileSync(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? `${tool} is not installed (apt-get install ${tool})` : String((err as { stderr?: Buffer }).stderr ?? "").trim();
    throw fail(`${tool} could not unpack ${source.archive} (${why})`);
  }
}

function findDeb(cache: string, source: DebSource): string | undefined {
  const prefix = `${source.package}_${source.version.replace(/:/g, "%3a")}_`;
  const name = readdirSync(cache).find((f) => f.startsWith(prefix) && f.endsWith(".deb"));
  return name && join(cache, name);
}

/** Files under a folder (posix relative paths), not descending into nested node_modules. */
export function walk(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") walk(root, path, out);
    } else if (entry.isFile()) {
      out.push(relative(root, path).split("\\").join("/"));
    }
  }
  return out;
}
