// What every request passes before a handler sees it (server/src/lsp/message-gate.ts): by-name params
// or none; an empty array counts as none, since Lua clients (Neovim) encode an empty table as `[]`.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Message, RequestMessage } from "vscode-languageserver/node";
import { MessageGate } from "../../server/src/lsp/message-gate";

function passed(gate: MessageGate, message: Message): RequestMessage {
  let seen: Message | undefined;
  gate.handleMessage(message, (m) => {
    seen = m;
  });
  assert.ok(seen, "the message went on");
  return seen as RequestMessage;
}

const request = (params: unknown): Message => ({ jsonrpc: "2.0", id: 7, method: "semanticSearch/status", ...(params === undefined ? {} : { params }) }) as Message;

test("an empty array of params is a request without params (Neovim's `{}`)", () => {
  const gate = new MessageGate();
  gate.opened();
  const out = passed(gate, request([]));
  assert.equal(out.method, "semanticSearch/status");
  assert.equal(out.id, 7);
  assert.equal("params" in out, false);
});

test("params by position, or not an object, are refused with the method named", () => {
  const gate = new MessageGate();
  gate.opened();
  for (const params of [[1, 2], "x", 42, null]) {
    const out = passed(gate, request(params));
    assert.equal(out.method, "$/semanticSearch/badParams", JSON.stringify(params));
    assert.deepEqual(out.params, { method: "semanticSearch/status" });
  }
  assert.equal(passed(gate, request({})).method, "semanticSearch/status");
  assert.equal(passed(gate, request(undefined)).method, "semanticSearch/status");
});

test("before initialize, even a request without params is answered ServerNotInitialized", () => {
  const out = passed(new MessageGate(), request([]));
  assert.equal(out.method, "$/semanticSearch/notInitialized");
});
