/* Draws the dashboard charts from <script type="application/json"> specs with the vendored
   Chart.js, in the Thai font (loaded first, so the canvas never falls back to a Latin font). */
(function () {
  "use strict";
  var FONT = "ProngsaiThai";
  var COLORS = {
    pass: "#1a7f37", fail: "#b35900", done: "#1a7f37", in_progress: "#0b5c8a",
    overdue: "#c62828", not_started: "#9aa3b2"
  };
  var SERIES = ["#0b5c8a", "#e0a800", "#6f42c1", "#1a7f37", "#b35900"];

  function passMarkPlugin(value, horizontal) {
    return {
      id: "passMark",
      afterDatasetsDraw: function (chart) {
        if (value === null || value === undefined) return;
        var scale = horizontal ? chart.scales.x : chart.scales.y;
        var area = chart.chartArea, ctx = chart.ctx, p = scale.getPixelForValue(value);
        ctx.save();
        ctx.strokeStyle = "#c62828"; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.5;
        ctx.beginPath();
        if (horizontal) { ctx.moveTo(p, area.top); ctx.lineTo(p, area.bottom); }
        else { ctx.moveTo(area.left, p); ctx.lineTo(area.right, p); }
        ctx.stroke();
        ctx.fillStyle = "#c62828"; ctx.font = "14px " + FONT;
        var text = "เกณฑ์ผ่าน " + value, width = ctx.measureText(text).width;
        if (horizontal) { ctx.fillText(text, Math.max(area.left, p - width - 4), area.bottom - 4); }
        else { ctx.fillText(text, area.right - width - 4, p - 4); }
        ctx.restore();
      }
    };
  }

  function draw(canvas) {
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    var horizontal = !!spec.horizontal, doughnut = spec.type === "doughnut";
    var datasets = spec.datasets.map(function (d, n) {
      var colors = spec.colors ? spec.colors.map(function (c) { return COLORS[c] || SERIES[0]; }) : SERIES[n % SERIES.length];
      return { label: d.label, data: d.data, backgroundColor: colors, borderWidth: doughnut ? 1 : 0 };
    });
    var valueAxis = { beginAtZero: true, ticks: { font: { family: FONT, size: 14 } } };
    if (spec.max) { valueAxis.max = spec.max; }
    if (spec.integer) { valueAxis.ticks.precision = 0; }
    var options = {
      responsive: true, maintainAspectRatio: false, animation: false,
      indexAxis: horizontal ? "y" : "x",
      plugins: {
        legend: { display: doughnut || spec.datasets.length > 1, labels: { font: { family: FONT, size: 15 } } },
        title: { display: false },
        tooltip: { titleFont: { family: FONT }, bodyFont: { family: FONT } }
      },
      onClick: function (event, elements) {
        if (spec.links && elements.length) { window.location = spec.links[elements[0].index]; }
      }
    };
    if (!doughnut) {
      var labelAxis = { ticks: { font: { family: FONT, size: 14 }, autoSkip: false } };
      options.scales = horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis };
    }
    new window.Chart(canvas, {
      type: spec.type, data: { labels: spec.labels, datasets: datasets }, options: options,
      plugins: doughnut ? [] : [passMarkPlugin(spec.passMark, horizontal)]
    });
  }

  function drawAll() {
    var canvases = document.querySelectorAll("canvas[data-chart]");
    var ready = document.fonts ? document.fonts.load("16px " + FONT) : Promise.resolve();
    ready.then(function () { canvases.forEach(draw); }, function () { canvases.forEach(draw); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
