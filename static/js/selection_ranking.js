// Recompute the cluster ranking in the browser when a weight changes (no reload).
// Mirrors clusters/selection.py: totals from the embedded normalised values, ties
// (equal to 9 decimals) sharing a competition rank, and the rank range when any
// single weight moves by +/-20%. Keep the two in step
// (tests/clusters/test_selection_js.py runs both on the same case).
(function (root) {
  "use strict";

  function round9(x) { return Math.round(x * 1e9) / 1e9; }

  function ranks(totals) {
    var rounded = totals.map(round9);
    var order = rounded.map(function (_, i) { return i; });
    order.sort(function (a, b) { return rounded[b] - rounded[a] || a - b; });
    var rank = new Array(totals.length);
    var tied = new Array(totals.length).fill(false);
    var current = 0, start = 0, previous = null;
    order.forEach(function (i, pos) {
      if (previous === null || rounded[i] !== previous) {
        current = pos + 1; start = pos; previous = rounded[i];
      } else {
        tied[i] = true; tied[order[start]] = true;
      }
      rank[i] = current;
    });
    return { rank: rank, tied: tied };
  }

  // data: {step, criteria: [{key, included}], candidates: [{id, normalised: {key: v}}]}
  // weights: {key: weight}. Returns null when every weight is zero.
  function compute(data, weights) {
    var included = data.criteria.filter(function (c) { return c.included; });
    var cands = data.candidates;
    var sum = included.reduce(function (s, c) { return s + (weights[c.key] || 0); }, 0);
    if (!(sum > 0)) return null;
    var value = function (c, key) { return c.normalised[key] || 0; };
    var raw = cands.map(function (c) {
      return included.reduce(function (s, k) { return s + (weights[k.key] || 0) * value(c, k.key); }, 0);
    });
    var totals = raw.map(function (t) { return t / sum; });
    var base = ranks(totals);
    var best = base.rank.slice(), worst = base.rank.slice();
    included.forEach(function (k) {
      var w = weights[k.key] || 0;
      if (!w) return;
      [1 - data.step, 1 + data.step].forEach(function (f) {
        var delta = w * (f - 1), den = sum + delta;
        if (den <= 0) return;
        var varied = cands.map(function (c, i) { return (raw[i] + delta * value(c, k.key)) / den; });
        ranks(varied).rank.forEach(function (r, i) {
          if (r < best[i]) best[i] = r;
          if (r > worst[i]) worst[i] = r;
        });
      });
    });
    return cands.map(function (c, i) {
      var contributions = {};
      included.forEach(function (k) { contributions[k.key] = (weights[k.key] || 0) / sum * value(c, k.key); });
      return {
        id: c.id, total: totals[i], rank: base.rank[i], tied: base.tied[i],
        best: best[i], worst: worst[i], contributions: contributions,
        share: included.reduce(function (m, k) { m[k.key] = (weights[k.key] || 0) / sum; return m; }, {})
      };
    });
  }

  // Why there is no ranking with these weights, as a key of data.messages, or null when
  // there is one. Mirrors clusters/selection.py: with no criterion that has values the
  // server already explains each one (no weight message); otherwise, when no included
  // criterion carries weight, either only criteria without values do, or none does.
  function weightProblem(data, weights) {
    var included = data.criteria.filter(function (c) { return c.included; });
    if (!included.length) return null;
    var sum = included.reduce(function (s, c) { return s + (weights[c.key] || 0); }, 0);
    if (sum > 0) return null;
    var emptyWeighted = data.criteria.some(function (c) { return !c.included && (weights[c.key] || 0) > 0; });
    return emptyWeighted ? "only_empty" : "zero";
  }

  root.ClusterDevRanking = { compute: compute, ranks: ranks, weightProblem: weightProblem };
  if (typeof module !== "undefined" && module.exports) module.exports = root.ClusterDevRanking;
  if (typeof document === "undefined") return;

  var dataNode = document.getElementById("ranking-data");
  var table = document.getElementById("ranking-table");
  if (!dataNode || !table) return;
  var data = JSON.parse(dataNode.textContent);
  var tbody = table.querySelector("tbody");
  var zeroBox = document.getElementById("ranking-zero");
  var tiesBox = document.getElementById("ranking-ties");
  var fmt = function (x) { return x.toFixed(3); };

  function readWeights() {
    var weights = {};
    table.querySelectorAll(".weight-input").forEach(function (input) {
      var w = parseFloat(String(input.value).replace(",", "."));
      weights[input.dataset.key] = isFinite(w) && w > 0 ? w : 0;
    });
    return weights;
  }

  function redraw() {
    var weights = readWeights();
    var rows = {};
    tbody.querySelectorAll("tr[data-id]").forEach(function (tr) { rows[tr.dataset.id] = tr; });
    var result = compute(data, weights);
    var problem = weightProblem(data, weights);
    if (zeroBox) {
      zeroBox.hidden = problem === null;
      zeroBox.textContent = problem === null ? "" : data.messages[problem];
    }
    if (tiesBox) tiesBox.hidden = !(result && result.some(function (r) { return r.tied; }));
    if (result === null) {
      // No ranking: as the server draws it (no rank, total, contribution or range).
      Object.keys(rows).forEach(function (id) {
        ["rank", "total", "range"].forEach(function (cls) { rows[id].querySelector("." + cls).textContent = "—"; });
      });
      tbody.querySelectorAll(".contribution .value").forEach(function (el) { el.textContent = "—"; });
      var includedKeys = {};
      data.criteria.forEach(function (c) { if (c.included) includedKeys[c.key] = true; });
      table.querySelectorAll(".share").forEach(function (el) {
        if (includedKeys[el.dataset.key]) el.textContent = "0%";
      });
      return;
    }
    table.querySelectorAll(".share").forEach(function (el) {
      var share = result.length ? result[0].share[el.dataset.key] : undefined;
      if (share !== undefined) el.textContent = Math.round(100 * share) + "%";
    });
    result.slice().sort(function (a, b) { return a.rank - b.rank; }).forEach(function (r) {
      var tr = rows[r.id];
      var rankCell = tr.querySelector(".rank");
      rankCell.textContent = r.rank;
      if (r.tied) {
        var tie = document.createElement("span");
        tie.className = "tie"; tie.textContent = " =";
        rankCell.appendChild(tie);
      }
      tr.querySelector(".total").textContent = fmt(r.total);
      tr.querySelector(".range").textContent = r.best === r.worst ? String(r.best) : r.best + "–" + r.worst;
      Object.keys(r.contributions).forEach(function (key) {
        var cell = tr.querySelector('.contribution[data-key="' + key + '"] .value');
        if (cell) cell.textContent = fmt(r.contributions[key]);
      });
      tbody.appendChild(tr);
    });
  }

  table.querySelectorAll(".weight-input").forEach(function (input) {
    input.addEventListener("input", redraw);
  });
})(typeof window !== "undefined" ? window : globalThis);
