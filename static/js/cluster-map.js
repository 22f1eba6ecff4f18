/* ClusterDev: the map of a project's clusters (Leaflet, offline-first).
 *
 * The project's country outline comes from a local GeoJSON file, so the map
 * works without internet; a tile layer is added only when the server
 * configures MAP_TILE_URL. Cluster points come from the access-scoped JSON
 * endpoint; sector and region filters refetch it; the colour toggle restyles.
 */
(function () {
  "use strict";

  var configEl = document.getElementById("map-config");
  var mapEl = document.getElementById("cluster-map");
  if (!configEl || !mapEl || typeof L === "undefined") { return; }
  var config = JSON.parse(configEl.textContent);
  var controls = document.getElementById("map-controls");
  var legendEl = document.getElementById("map-legend");
  var unplacedEl = document.getElementById("map-unplaced");

  var PALETTES = {
    phase: { "1": "#6b7280", "2": "#2563eb", "3": "#7c3aed", "4": "#d97706", "5": "#16a34a", "6": "#0f766e" },
    status: { candidate: "#d97706", selected: "#16a34a", rejected: "#9ca3af", phased_out: "#2563eb" }
  };
  var LABELS = { phase: config.phases, status: config.statuses };

  var map = L.map(mapEl, { worldCopyJump: true, minZoom: 2 }).setView([10, 0], 2);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
  }
  var countryBounds = null;
  var points = L.featureGroup().addTo(map);
  var clusters = [];
  var fitted = false;

  function colourMode() {
    var checked = controls.querySelector("input[name=colour]:checked");
    return checked ? checked.value : "phase";
  }

  function colourOf(cluster, mode) {
    var key = String(mode === "status" ? cluster.status : cluster.phase);
    return PALETTES[mode][key] || "#374151";
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // Only http(s) links, resolved against this page: never javascript: or data:.
  function safeHref(url) {
    try {
      var parsed = new URL(String(url), window.location.href);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : "#";
    } catch (e) { return "#"; }
  }

  function popup(cluster) {
    var box = el("div", null, { "class": "map-popup" });
    var title = el("strong");
    title.appendChild(el("a", cluster.name, { href: safeHref(cluster.url) }));
    box.appendChild(title);
    box.appendChild(el("div", cluster.sector_label));
    box.appendChild(el("div", [cluster.locality, cluster.region].filter(Boolean).join(", ")));
    box.appendChild(el("div", cluster.status_label + " · " + cluster.phase_label));
    if (cluster.enterprises_total !== null) {
      box.appendChild(el("div", config.labels.enterprises + ": " + cluster.enterprises_total));
    }
    if (cluster.employment_total !== null) {
      box.appendChild(el("div", config.labels.employment + ": " + cluster.employment_total));
    }
    return box;
  }

  function drawLegend(mode) {
    legendEl.textContent = "";
    var present = {};
    clusters.forEach(function (c) { present[String(mode === "status" ? c.status : c.phase)] = true; });
    var list = el("ul");
    Object.keys(LABELS[mode]).forEach(function (key) {
      if (!present[key]) { return; }
      var item = el("li");
      var swatch = el("span", null, { "class": "swatch", "aria-hidden": "true" });
      swatch.style.background = PALETTES[mode][key] || "#374151";
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + LABELS[mode][key]));
      list.appendChild(item);
    });
    legendEl.appendChild(list);
  }

  function draw() {
    var mode = colourMode();
    points.clearLayers();
    var unplaced = [];
    clusters.forEach(function (c) {
      if (c.lat === null || c.lon === null) { unplaced.push(c.name); return; }
      var colour = colourOf(c, mode);
      // Leaflet writes a string tooltip or popup with innerHTML: pass DOM nodes only,
      // built with textContent, so a cluster's name can never become markup.
      L.circleMarker([c.lat, c.lon], {
        radius: 8, color: "#111827", weight: 1, fillColor: colour, fillOpacity: 0.9
      }).bindPopup(popup(c)).bindTooltip(el("span", c.name)).addTo(points);
    });
    drawLegend(mode);
    unplacedEl.textContent = clusters.length === 0 ? config.labels.none :
      (unplaced.length ? config.labels.noLocation + ": " + unplaced.join(", ") : "");
    mapEl.setAttribute("data-points", String(points.getLayers().length));
    if (!fitted) {
      if (points.getLayers().length) {
        map.fitBounds(points.getBounds().pad(0.3), { maxZoom: 7, animate: false });
        fitted = true;
      } else if (countryBounds) {
        map.fitBounds(countryBounds, { animate: false });
      }
    }
  }

  function load() {
    var params = new URLSearchParams();
    ["sector", "region"].forEach(function (name) {
      var field = controls.elements[name];
      if (field && field.value) { params.set(name, field.value); }
    });
    var query = params.toString();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }
    fitted = false;
    return fetch(config.dataUrl + (query ? "?" + query : ""), {
      credentials: "same-origin", headers: { Accept: "application/json" }
    })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { clusters = data.clusters || []; draw(); })
      .catch(function () { unplacedEl.textContent = config.labels.none; });
  }

  // The project's own country only (static/geo/<ISO3>.json, a GeoJSON Feature cut from
  // world-atlas by clusters/mapping/outlines.py): a few KB where the world was 108 KB.
  function loadOutline() {
    if (!config.outlineUrl) { return; }
    fetch(config.outlineUrl, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (feature) {
        var layer = L.geoJSON(feature, {
          interactive: false,
          style: function () {
            return {
              color: "#1d4ed8", weight: 1.5,
              fillColor: "#dbeafe", fillOpacity: config.tileUrl ? 0.1 : 1
            };
          }
        }).addTo(map);
        layer.bringToBack();
        countryBounds = layer.getBounds();
        if (!fitted && !points.getLayers().length && countryBounds.isValid()) {
          map.fitBounds(countryBounds, { animate: false });
        }
      })
      .catch(function () { /* the outline is decoration; points still show */ });
  }

  controls.addEventListener("change", function (event) {
    if (event.target.name === "colour") { draw(); } else { load(); }
  });
  controls.addEventListener("submit", function (event) { event.preventDefault(); load(); });
  mapEl.style.background = config.tileUrl ? "" : "#bfdbfe";
  loadOutline();
  load();
}());
