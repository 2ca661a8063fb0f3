// What both "peek inside" views need, loaded before their own script: DOM shortcuts, number
// formats, the status line, and Chart.js charts drawn in the VS Code theme's colours.
// eslint-disable-next-line no-unused-vars
const inspectCommon = (function () {
  const el = (id) => document.getElementById(id);
  const css = (name, fallback) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
  const fmt = (x, d = 4) => (typeof x === "number" && isFinite(x) ? x.toFixed(d) : "–");
  const text = (tag, value, cls) => {
    const e = document.createElement(tag);
    e.textContent = value;
    if (cls) e.className = cls;
    return e;
  };
  const setStatus = (message, isError) => {
    el("status").textContent = message || "";
    el("status").classList.toggle("is-error", !!isError);
  };
  const axisColours = () => ({ fg: css("--vscode-foreground", "#888"), grid: css("--vscode-panel-border", "rgba(128,128,128,0.3)") });
  /** A chart axis in the theme's colours, titled unless `title` is empty; `extra` adds Chart.js options. */
  const axis = (title, extra = {}) => {
    const { fg, grid } = axisColours();
    return { ...(title ? { title: { display: true, text: title, color: fg } } : {}), ...extra, ticks: { color: fg, ...(extra.ticks || {}) }, grid: { color: grid } };
  };
  /** Gives an existing chart new data, or draws a new one on canvas `id`; returns the chart. */
  const draw = (chart, id, type, data, options) => {
    if (chart) {
      chart.data = data;
      chart.update();
      return chart;
    }
    // eslint-disable-next-line no-undef
    return new Chart(el(id), { type, data, options: { animation: false, maintainAspectRatio: false, ...options } });
  };
  return { el, css, fmt, text, setStatus, axisColours, axis, draw };
})();
