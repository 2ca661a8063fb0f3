// Script of the Layer Journey view: the first values of the vector at each stop (one line per value
// index) and, for a clicked token, its head-averaged attention to every token in a chosen layer.
// Charts by Chart.js; colours from the theme.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  // eslint-disable-next-line no-undef
  const { el, css, fmt, text, setStatus, axisColours, axis, draw } = inspectCommon;
  const palette = () =>
    ["blue", "red", "green", "yellow", "orange", "purple"].map((c) => css("--vscode-charts-" + c, "#888"));

  let journeyChart;
  let attentionChart;
  let tokens = [];
  let chosenToken = -1;

  let lastText;
  function renderJourney(j) {
    if (j.text !== lastText) {
      lastText = j.text;
      chosenToken = -1;
      el("attention-summary").textContent = "";
      if (attentionChart) {
        attentionChart.destroy();
        attentionChart = undefined;
      }
    }
    el("text").textContent = j.text;
    // The vector selector: the mean over tokens, or one token.
    const focus = el("focus");
    const current = j.focus.kind === "token" ? String(j.focus.index) : "mean";
    focus.textContent = "";
    focus.appendChild(new Option("mean over tokens", "mean"));
    j.tokens.forEach((t, i) => focus.appendChild(new Option(i + ": " + t, String(i))));
    focus.value = current;
    // Layers for attention.
    const layer = el("layer");
    const keep = layer.value;
    layer.textContent = "";
    for (let i = 1; i <= j.layers; i++) layer.appendChild(new Option("layer " + i, String(i)));
    layer.value = keep && Number(keep) <= j.layers ? keep : String(j.layers);
    // Token buttons.
    tokens = j.tokens;
    const box = el("tokens");
    box.textContent = "";
    j.tokens.forEach((t, i) => {
      const b = text("button", t, "secondary");
      b.type = "button";
      b.dataset.index = String(i);
      b.setAttribute("role", "listitem");
      b.title = "Attention of token " + i + " (" + t + ")";
      if (i === chosenToken) b.classList.add("selected");
      box.appendChild(b);
    });

    const n = j.stops.length ? Math.min(...j.stops.map((s) => s.values.length)) : 0;
    el("summary").textContent =
      "Model " + j.model + " · " + j.stops.length + " stops · " + j.layers + " layers · " + tokens.length + " tokens · " +
      (j.focus.kind === "token" ? "token " + j.focus.index + " (" + j.focus.token + ")" : "mean over tokens") + " · first " + n + " values";
    el("summary").dataset.stops = String(j.stops.length);

    const body = el("stops").tBodies[0];
    body.textContent = "";
    for (const s of j.stops) {
      const tr = document.createElement("tr");
      [String(s.index), s.name, s.kind, String(s.width), fmt(s.stats.min), fmt(s.stats.max), fmt(s.stats.mean), fmt(s.stats.norm)].forEach((v) => tr.appendChild(text("td", v)));
      body.appendChild(tr);
    }

    const colours = palette();
    const { fg } = axisColours();
    const datasets = [];
    for (let i = 0; i < n; i++) {
      const c = colours[i % colours.length];
      datasets.push({
        label: "value " + i,
        data: j.stops.map((s) => s.values[i]),
        borderColor: c,
        backgroundColor: c,
        borderDash: i >= colours.length ? [5, 3] : [],
        pointRadius: 2,
        tension: 0,
      });
    }
    const data = { labels: j.stops.map((s) => s.name), datasets };
    journeyChart = draw(journeyChart, "journey", "line", data, {
      interaction: { mode: "nearest", intersect: false },
      plugins: { legend: { position: "right", labels: { color: fg, boxWidth: 12 } } },
      scales: { x: axis("stop"), y: axis("value") },
    });
  }

  function renderAttention(a) {
    const pct = a.weights.map((w) => w.weight * 100);
    const sum = pct.reduce((x, y) => x + y, 0);
    el("attention-summary").textContent =
      "Layer " + a.layer + " of " + a.layers + " · " + a.heads + " heads averaged · token " + a.token.index + " (" + a.token.token + ") attends to: " +
      a.weights.map((w, i) => w.token + " " + pct[i].toFixed(1) + "%").join(", ") + " · sum " + sum.toFixed(1) + "%";
    el("attention-summary").dataset.sum = sum.toFixed(3);
    const colour = css("--vscode-charts-purple", "#b180d7");
    const highlight = css("--vscode-charts-orange", "#d18616");
    const data = {
      labels: a.weights.map((w) => w.index + ": " + w.token),
      datasets: [{ label: "attention %", data: pct, backgroundColor: a.weights.map((w) => (w.index === a.token.index ? highlight : colour)) }],
    };
    attentionChart = draw(attentionChart, "attention", "bar", data, {
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => Number(item.raw).toFixed(1) + "%" } } },
      scales: { x: axis(""), y: axis("attention (%)", { beginAtZero: true }) },
    });
  }

  const requestAttention = () => {
    if (chosenToken < 0) return;
    setStatus("Reading the attention…");
    vscode.postMessage({ type: "attention", token: chosenToken, layer: Number(el("layer").value) || 1 });
  };
  const requestJourney = () => {
    const v = el("focus").value;
    vscode.postMessage({ type: "focus", token: v === "mean" ? undefined : Number(v), values: Number(el("count").value) || 10 });
  };
  el("focus").addEventListener("change", requestJourney);
  el("count").addEventListener("change", requestJourney);
  el("layer").addEventListener("change", requestAttention);
  el("tokens").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-index]");
    if (!b) return;
    chosenToken = Number(b.dataset.index);
    for (const x of el("tokens").children) x.classList.toggle("selected", x === b);
    requestAttention();
  });

  window.addEventListener("message", (event) => {
    const m = event.data || {};
    if (m.type === "journey") renderJourney(m.journey);
    else if (m.type === "attention") {
      setStatus("");
      renderAttention(m.attention);
    } else if (m.type === "status") setStatus(m.text, m.error);
  });
  vscode.postMessage({ type: "ready" });
})();
