// Script of the embedding view: the extension renders the content (stats, charts, tables) and this
// script swaps it in, and sends the second text to compare with.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const el = (id) => document.getElementById(id);
  const content = el("content");
  const form = el("compare-form");
  const text = el("second-text");
  const status = el("compare-status");
  const compareButton = el("compare-button");

  const saved = vscode.getState() || {};
  if (typeof saved.second === "string") text.value = saved.second;
  const save = () => vscode.setState({ second: text.value });
  const setStatus = (message, isError) => {
    status.textContent = message || "";
    status.classList.toggle("is-error", !!isError);
  };

  const submit = () => {
    save();
    if (!text.value.trim()) {
      setStatus("Type a text to compare the selection with.", true);
      text.focus();
      return;
    }
    compareButton.disabled = true;
    setStatus("Embedding…");
    vscode.postMessage({ type: "compare", text: text.value });
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  text.addEventListener("input", save);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  });
  el("single-button").addEventListener("click", () => vscode.postMessage({ type: "single" }));

  window.addEventListener("message", (event) => {
    const m = event.data || {};
    if (m.type === "content") {
      // Rendered by the extension from escaped text and numbers only.
      content.innerHTML = m.html;
      window.scrollTo(0, 0);
      compareButton.disabled = false;
      setStatus(m.status || "");
    } else if (m.type === "status") {
      compareButton.disabled = false;
      setStatus(m.text, m.error);
    }
  });
  vscode.postMessage({ type: "ready" });
})();
