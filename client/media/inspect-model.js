// Script of the Inspect Model view: the layer table (sorted by the extension), the totals, the
// histogram of the chosen tensor (binned by the extension) drawn with Chart.js, and the exports.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  // eslint-disable-next-line no-undef
  const { el, css, fmt, text, setStatus, axis, draw } = inspectCommon;
  const int = (x) => Number(x).toLocaleString("en-US");

  let selected = "";
  let sort = { column: "", descending: false };
  let chart;

  const stat = (label, value, id) => {
    const d = text("div", "", "stat");
    d.appendChild(text("span", label, "stat-label"));
    const v = text("span", value, "stat-value");
    if (id) v.id = id;
    d.appendChild(v);
    return d;
  };

  function renderRows(rows) {
    const body = el("layers").tBodies[0];
    body.textContent = "";
    for (const r of rows) {
      const tr = document.createElement("tr");
      tr.dataset.name = r.layer_name;
      if (r.layer_name === selected) tr.className = "selected";
      tr.appendChild(text("td", r.layer_name));
      tr.appendChild(text("td", "[" + r.shape.join(", ") + "]"));
      tr.appendChild(text("td", int(r.total_weights)));
      tr.appendChild(text("td", fmt(r.minimum)));
      tr.appendChild(text("td", fmt(r.maximum)));
      tr.appendChild(text("td", fmt(r.mean, 6)));
      tr.appendChild(text("td", fmt(r.std_deviation)));
      body.appendChild(tr);
    }
    el("row-count").textContent = "(" + rows.length + " tensors)";
    for (const th of el("layers").tHead.querySelectorAll("th")) {
      th.classList.toggle("sorted-asc", th.dataset.col === sort.column && !sort.descending);
      th.classList.toggle("sorted-desc", th.dataset.col === sort.column && sort.descending);
      th.setAttribute("aria-sort", th.dataset.col === sort.column ? (sort.descending ? "descending" : "ascending") : "none");
    }
  }

  function renderWeights(m) {
    const totals = el("totals");
    totals.textContent = "";
    totals.appendChild(stat("total weights", int(m.total_weights), "total-weights"));
    totals.appendChild(stat("tensors", int(m.tensorCount), "tensor-count"));
    totals.appendChild(stat("model", m.model, "model-id"));
    totals.appendChild(stat("format", m.format));
    totals.appendChild(stat("weights file", m.weightsFile));
    const files = el("files").tBodies[0];
    files.textContent = "";
    for (const f of m.files) {
      const tr = document.createElement("tr");
      tr.appendChild(text("td", f.path));
      tr.appendChild(text("td", int(f.bytes)));
      files.appendChild(tr);
    }
    renderRows(m.rows);
  }

  function renderHistogram(m) {
    const h = m.histogram;
    el("hist-title").textContent =
      "Histogram of " + m.name + " [" + m.shape.join(", ") + "] · " + int(m.sampled) + (m.sampled < m.total ? " of " + int(m.total) + " values sampled" : " values");
    const bar = css("--vscode-charts-blue", "#3794ff");
    const labels = h.edges.map((e) => (e + h.width / 2).toPrecision(3));
    const data = {
      labels,
      datasets: [{ label: "values per bin", data: h.counts, backgroundColor: bar, borderColor: bar, barPercentage: 1, categoryPercentage: 1 }],
    };
    chart = draw(chart, "histogram", "bar", data, {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => { const i = items[0].dataIndex; return fmt(h.edges[i]) + " … " + fmt(h.edges[i] + h.width); } } },
      },
      scales: { x: axis("value", { ticks: { maxTicksLimit: 12 } }), y: axis("count") },
    });
  }

  el("layers").tHead.addEventListener("click", (e) => {
    const th = e.target.closest("th[data-col]");
    if (!th) return;
    const column = th.dataset.col;
    sort = { column, descending: sort.column === column ? !sort.descending : false };
    vscode.postMessage({ type: "sort", column, descending: sort.descending });
  });
  el("layers").tBodies[0].addEventListener("click", (e) => {
    const tr = e.target.closest("tr[data-name]");
    if (!tr) return;
    selected = tr.dataset.name;
    for (const row of el("layers").tBodies[0].rows) row.classList.toggle("selected", row.dataset.name === selected);
    vscode.postMessage({ type: "select", name: selected });
  });
  el("export-json").addEventListener("click", () => vscode.postMessage({ type: "exportJson" }));
  el("export-csv").addEventListener("click", () => vscode.postMessage({ type: "exportCsv", name: selected || undefined }));

  window.addEventListener("message", (event) => {
    const m = event.data || {};
    if (m.type === "weights") {
      setStatus("");
      renderWeights(m);
    } else if (m.type === "rows") {
      sort = { column: m.column, descending: !!m.descending };
      renderRows(m.rows);
    } else if (m.type === "histogram") {
      selected = m.name;
      for (const row of el("layers").tBodies[0].rows) row.classList.toggle("selected", row.dataset.name === selected);
      renderHistogram(m);
    } else if (m.type === "status") {
      setStatus(m.text, m.error);
    }
  });
  vscode.postMessage({ type: "ready" });
})();
