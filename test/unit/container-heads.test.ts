// containerHeads: which near candidates are the heads of a class or module whose member is near too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CONTAINER_NEAR, containerHeads } from "../../server/src/search/container-heads";

const code = (path: string, symbol?: string) => ({ path, metadata: { kind: "code", ...(symbol ? { symbol } : {}) } });

test("a class head with a member near it is a head; the member and an unrelated chunk are not", () => {
  const rows = new Map([
    [1, code("requests/adapters.py", "HTTPAdapter")],
    [2, code("requests/adapters.py", "HTTPAdapter.init_poolmanager")],
    [3, code("requests/adapters.py", "HTTPAdapterX")],
    [4, code("requests/sessions.py", "Session")],
  ]);
  assert.deepEqual([...containerHeads([1, 2, 3, 4], rows)], [[1, "HTTPAdapter.init_poolmanager"]]);
});

test("nested qualifiers: each level with a member below it near is a head", () => {
  const rows = new Map([
    [1, code("rack/query_parser.rb", "Rack.QueryParser")],
    [2, code("rack/query_parser.rb", "Rack.QueryParser.normalize_params")],
    [3, code("rack/query_parser.rb", "Rack")],
  ]);
  const heads = containerHeads([3, 1, 2], rows);
  assert.equal(heads.get(1), "Rack.QueryParser.normalize_params");
  assert.equal(heads.get(3), "Rack.QueryParser", "the nearest member is named");
  assert.equal(heads.has(2), false);
});

test("not a head: a member in another file, a member beyond the near depth, prose, no symbol", () => {
  const other = new Map([
    [1, code("a/client.go", "Client")],
    [2, code("b/client.go", "Client.Do")],
  ]);
  assert.equal(containerHeads([1, 2], other).size, 0, "the same name in another file is another type");
  const far = new Map<number, ReturnType<typeof code>>([[0, code("x.py", "Parser")]]);
  for (let i = 1; i < CONTAINER_NEAR; i++) far.set(i, code(`f${i}.py`, `F${i}`));
  far.set(CONTAINER_NEAR, code("x.py", "Parser.parse"));
  const order = [...far.keys()];
  assert.equal(containerHeads(order, far).size, 0, "a member ranked below the near depth moves nothing");
  assert.equal(containerHeads([...order.slice(0, CONTAINER_NEAR - 1), CONTAINER_NEAR], far).get(0), "Parser.parse", "within it, it does");
  const prose = new Map([
    [1, { path: "README.md", metadata: { kind: "markdown", symbol: "Install" } }],
    [2, { path: "README.md", metadata: { kind: "markdown", symbol: "Install.Linux" } }],
    [3, code("y.py")],
  ]);
  assert.equal(containerHeads([1, 2, 3], prose).size, 0, "headings are not containers");
});

test("a function's start does not yield to the functions defined in its body, at any depth", () => {
  const rows = new Map<number, { path: string; metadata: Record<string, unknown> }>([
    [1, code("query/buildHooks.ts", "buildHooks")],
    [2, { path: "query/buildHooks.ts", metadata: { kind: "code", symbol: "buildHooks.buildUseQueryState.useQueryState", within: "buildHooks.buildUseQueryState" } }],
    [3, { path: "query/buildHooks.ts", metadata: { kind: "code", symbol: "buildHooks.buildUseQueryState", within: "buildHooks" } }],
  ]);
  assert.equal(containerHeads([1, 2, 3], rows).size, 0);
});
