// Script of the sidebar's search panel (a webview view). It only collects the fields and sends them
// to the extension, which parses the query, runs the search and fills the Results view.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const FIELDS = ["query", "category", "language", "kind", "path"];
  const el = (id) => document.getElementById(id);
  const form = el("search-form");
  const status = el("status");
  const filters = el("filters");
  const button = el("search-button");

  const values = () => Object.fromEntries(FIELDS.map((f) => [f, el(f).value]));
  const save = () => vscode.setState({ ...values(), filtersOpen: filters.open });
  const setStatus = (text, isError) => {
    status.textContent = text || "";
    status.classList.toggle("is-error", !!isError);
  };

  const saved = vscode.getState() || {};
  for (const f of FIELDS) if (typeof saved[f] === "string") el(f).value = saved[f];
  if (saved.filtersOpen) filters.open = true;

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    save();
    vscode.postMessage({ type: "search", ...values() });
  });
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  filters.addEventListener("toggle", save);
  el("clear-button").addEventListener("click", () => {
    for (const f of FIELDS) el(f).value = "";
    save();
    setStatus("");
    vscode.postMessage({ type: "clear" });
    el("query").focus();
  });

  window.addEventListener("message", (event) => {
    const m = event.data || {};
    switch (m.type) {
      case "status":
        setStatus(m.text, m.error);
        break;
      case "busy":
        button.disabled = !!m.busy;
        if (m.busy) setStatus("Searching…");
        break;
      case "setQuery":
        el("query").value = m.query || "";
        save();
        break;
      case "focus":
        el("query").focus();
        break;
    }
  });
  vscode.postMessage({ type: "ready" });
})();
