// The bounds that keep huge inputs cheap: texts cut to what a model reads, editor buffers held to
// maxFileSize, and malformed notifications recognised before a handler trusts them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cutToWindow, inputCharLimit, MAX_CHARS_PER_TOKEN } from "../../server/src/embedding/provider";
import { bufferTooLarge } from "../../server/src/lsp/file-sync";
import { folderChanges, malformedNotification, renamedFiles, watchedChanges } from "../../server/src/lsp/notification-params";

test("a text is cut to a character bound that covers the model's window, and only when longer", () => {
  assert.equal(inputCharLimit(256), 256 * MAX_CHARS_PER_TOKEN);
  assert.equal(cutToWindow("short text", 256), "short text");
  const long = "word ".repeat(10_000);
  assert.equal(cutToWindow(long, 256).length, inputCharLimit(256));
  assert.ok(long.startsWith(cutToWindow(long, 256)));
  // A model without a finite window still gets a bound.
  assert.ok(cutToWindow(long, Infinity).length < long.length);
  // A surrogate pair at the cut is not split in half.
  const limit = inputCharLimit(1);
  const emoji = `${"a".repeat(limit - 1)}😀${"b".repeat(10)}`;
  const cut = cutToWindow(emoji, 1);
  assert.equal(cut, "a".repeat(limit - 1));
});

test("a buffer over maxFileSize (in UTF-8 bytes) is too large, with the reason a file on disk gets", () => {
  assert.equal(bufferTooLarge("x".repeat(1000), 1000), undefined);
  assert.match(bufferTooLarge("x".repeat(1001), 1000)!, /larger than/);
  // 400 characters of 3 bytes each: 1,200 bytes, over a 1,000-byte limit though shorter than it.
  assert.match(bufferTooLarge("€".repeat(400), 1000)!, /larger than/);
  assert.equal(bufferTooLarge("€".repeat(300), 1000), undefined);
});

test("malformed document-sync and protocol notifications are recognised, well-formed ones pass", () => {
  const uri = "file:///w/a.md";
  assert.equal(malformedNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: "x" } }), undefined);
  assert.ok(malformedNotification("textDocument/didOpen", null));
  assert.ok(malformedNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text: 5 } }));
  assert.equal(malformedNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: "y" }] }), undefined);
  assert.ok(malformedNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: "y" }] }));
  assert.ok(malformedNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: "x" }));
  assert.ok(malformedNotification("textDocument/didClose", {}));
  assert.ok(malformedNotification("$/setTrace", null));
  assert.ok(malformedNotification("$/cancelRequest", { id: {} }));
  assert.ok(malformedNotification("workspace/didChangeWorkspaceFolders", { event: null }));
  assert.equal(malformedNotification("some/other", null), undefined);
});

test("file changes, renames and folder events keep only their well-formed entries", () => {
  assert.deepEqual(watchedChanges({ changes: [{ uri: "file:///a", type: 1 }, { uri: 5, type: 1 }, { uri: "file:///b", type: 9 }] }), { changes: [{ uri: "file:///a", type: 1 }], dropped: 2 });
  assert.deepEqual(watchedChanges(undefined).changes, []);
  assert.deepEqual(renamedFiles({ files: [{ oldUri: "a", newUri: "b" }, { oldUri: 1 }] }), [{ oldUri: "a", newUri: "b" }]);
  assert.deepEqual(renamedFiles(null), []);
  assert.deepEqual(folderChanges({ added: [{ uri: "file:///x" }, { uri: 5 }], removed: "x" }), { added: [{ uri: "file:///x" }], removed: [] });
  assert.deepEqual(folderChanges(undefined), { added: [], removed: [] });
});
