/* ClusterDev: the dashboards' charts (chart.js from npm, served by staticfiles).
 *
 * The figures come from the page's {{ data|json_script:"dashboard-data" }} block; each
 * chart is drawn on the canvas of the same id. Chart.js paints on the canvas: no text
 * of the data ever reaches the page as HTML. Every chart's numbers are also in the
 * table next to it, so the page reads without JavaScript and prints without charts.
 *
 * Chart.js (205 KB) is fetched only where it is worth it: at once on a wide screen; on
 * a phone (a slow link, a 300 KB page budget) only when the person taps "Show the
 * charts". The tables are there either way.
 */
(function () {
  "use strict";

  var dataEl = document.getElementById("dashboard-data");
  var self = document.currentScript;
  if (!dataEl || !self) { return; }
  var data = JSON.parse(dataEl.textContent);
  if (!(data.charts || []).length) { return; }
  var RTL = document.documentElement.dir === "rtl";

  // Women and men keep the same colours on every chart; targets are lighter shades.
  var COLOURS = {
    total: "#2563eb",
    women: "#9333ea",
    men: "#0f766e",
    "women-target": "rgba(147, 51, 234, 0.35)",
    "men-target": "rgba(15, 118, 110, 0.35)",
    line: "#d97706",
    target: "#4b5563"
  };
  var KINDS = ["#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#be123c", "#6b7280"];

  function colour(series) {
    if (COLOURS[series]) { return COLOURS[series]; }
    var match = /^kind-(\d+)$/.exec(series || "");
    return match ? KINDS[Number(match[1]) % KINDS.length] : "#6b7280";
  }

  // An indicator over the periods: actual, target (dashed; a period without a target is a
  // gap, so targets set for some periods only stand as points) and women and men.
  function lineOptions(spec) {
    var datasets = spec.datasets.map(function (set) {
      var shade = colour(set.series);
      return {
        label: set.label,
        data: set.data,
        backgroundColor: shade,
        borderColor: shade,
        borderWidth: set.series === "total" ? 3 : 2,
        borderDash: set.dashed ? [6, 4] : undefined,
        pointRadius: 3,
        pointStyle: set.dashed ? "rectRot" : "circle",
        spanGaps: false,
        tension: 0
      };
    });
    return {
      type: "line",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        locale: document.documentElement.lang || undefined,
        scales: {
          y: { beginAtZero: true },
          x: { ticks: { autoSkip: true, maxRotation: 0 } }
        },
        plugins: {
          // The legend shows each line's point (a dashed box reads as a blur).
          legend: {
            display: datasets.length > 1, position: "bottom", rtl: RTL,
            labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 }
          },
          tooltip: { rtl: RTL, mode: "index", intersect: false }
        }
      }
    };
  }

  function draw(spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas || canvas.tagName !== "CANVAS") { return; }
    if (spec.type === "line") { new Chart(canvas, lineOptions(spec)); return; }
    var datasets = spec.datasets.map(function (set) {
      var shade = colour(set.series);
      return {
        label: set.label,
        data: set.data,
        type: set.line ? "line" : undefined,
        backgroundColor: shade,
        borderColor: shade,
        borderWidth: set.line ? 2 : 0,
        yAxisID: set.line && !spec.horizontal ? "count" : undefined
      };
    });
    var valueAxis = { beginAtZero: true, stacked: !!spec.stacked };
    if (spec.max) { valueAxis.max = spec.max; }
    var scales = {};
    scales[spec.horizontal ? "x" : "y"] = valueAxis;
    scales[spec.horizontal ? "y" : "x"] = { stacked: !!spec.stacked, ticks: { autoSkip: true } };
    if (spec.datasets.some(function (set) { return set.line; })) {
      scales.count = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } };
    }
    new Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        locale: document.documentElement.lang || undefined,
        scales: scales,
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom", rtl: RTL },
          tooltip: { rtl: RTL }
        }
      }
    });
  }

  function drawAll() {
    document.documentElement.classList.add("charts-drawn");
    (data.charts || []).forEach(draw);
  }

  function loadChartJs(then) {
    if (typeof Chart !== "undefined") { then(); return; }
    var script = document.createElement("script");
    script.src = self.getAttribute("data-chartjs");
    script.addEventListener("load", then);
    document.head.appendChild(script);
  }

  if (window.matchMedia("(min-width: 768px)").matches) {
    loadChartJs(drawAll);
    return;
  }
  var offer = document.getElementById("charts-offer");
  var button = document.getElementById("charts-show");
  if (!offer || !button) { return; }
  offer.hidden = false;
  button.addEventListener("click", function () {
    button.setAttribute("aria-busy", "true");
    loadChartJs(function () { offer.hidden = true; drawAll(); });
  });
})();
