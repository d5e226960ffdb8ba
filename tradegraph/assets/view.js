// The tradegraph page (tradegraph/view.py inlines this file after Cytoscape.js). It reads the JSON data
// block, gathers the trade flows that pass the filters into one arrow per direction between two
// countries, and draws them with Cytoscape: a network layout (CoSE, started from the map positions so the
// same graph always gives the same picture) or the map layout over the world outline. Every name is put
// on screen with textContent or as a canvas label, never as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const $ = id => document.getElementById(id);
  const STRENGTH = {actual: 3, planned: 2, potential: 1};
  const state = {
    country: "", goods: "", since: "", until: "",
    modalities: new Set(Object.keys(data.modalities)),
    layout: "network", colourBy: "section", open: new Set(),
  };

  function html(tag, text, parent) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function option(select, value, text) {
    const o = html("option", text, select);
    o.value = value;
    return o;
  }
  const label = id => (byId.get(id) || {label: id}).label;
  const sectionOf = code => data.sections[code || ""] || data.sections[""];

  // --- filter controls ------------------------------------------------------------------------------
  const trading = new Set();
  data.flows.forEach(f => { trading.add(f.source); trading.add(f.target); });
  [...trading].sort((a, b) => label(a).localeCompare(label(b)))
    .forEach(id => option($("filter-country"), id, label(id)));
  const goodsSelect = $("filter-goods");
  const sectionGroup = html("optgroup", undefined, goodsSelect);
  sectionGroup.label = "HS sections";
  const presentSections = new Set(data.flows.map(f => f.section));
  Object.keys(data.sections).filter(s => presentSections.has(s))
    .forEach(s => option(sectionGroup, "section:" + s, data.sections[s].name));
  const goodsGroup = html("optgroup", undefined, goodsSelect);
  goodsGroup.label = "Goods";
  const goodsNames = new Map();
  data.flows.forEach(f => goodsNames.set(f.commodity_id || f.commodity, f.commodity));
  [...goodsNames].sort((a, b) => a[1].localeCompare(b[1]))
    .forEach(([id, name]) => option(goodsGroup, "goods:" + id, name));
  Object.keys(data.modalities).forEach(m => {
    const l = html("label", undefined, $("filter-modality"));
    const box = html("input", undefined, l);
    box.type = "checkbox"; box.checked = true; box.value = m; box.id = "modality-" + m;
    l.appendChild(document.createTextNode(" " + m));
    box.addEventListener("change", () => {
      if (box.checked) state.modalities.add(m); else state.modalities.delete(m);
      refresh();
    });
  });
  const names = new Set(data.nodes.map(n => n.label));
  [...names].sort().forEach(n => { html("option", undefined, $("search-names")).value = n; });

  const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  function admits(date) {
    if (!state.since && !state.until) return true;
    if (!date) return false;
    if (state.since && date.slice(0, state.since.length) < state.since) return false;
    return !(state.until && date.slice(0, state.until.length) > state.until);
  }
  function passes(f) {
    if (!state.modalities.has(f.modality)) return false;
    if (state.country && f.source !== state.country && f.target !== state.country) return false;
    if (state.goods.startsWith("section:") && f.section !== state.goods.slice(8)) return false;
    if (state.goods.startsWith("goods:") && (f.commodity_id || f.commodity) !== state.goods.slice(6)) return false;
    return !(state.since || state.until) || f.dates.some(admits);
  }

  // --- what is shown ----------------------------------------------------------------------------------
  function dominant(flows) {
    const counts = {};
    const key = state.colourBy === "modality" ? (f => f.modality) : (f => f.section);
    flows.forEach(f => { counts[key(f)] = (counts[key(f)] || 0) + 1; });
    return Object.keys(counts).sort((a, b) => counts[b] - counts[a] || (STRENGTH[b] || 0) - (STRENGTH[a] || 0))[0];
  }
  const colourOf = value => state.colourBy === "modality"
    ? (data.modalities[value] || "#8c8c8c") : sectionOf(value).colour;

  function build() {
    const flows = data.flows.filter(passes);
    const links = new Map();
    flows.forEach(f => {
      const key = f.source + "|" + f.target;
      if (!links.has(key)) links.set(key, {source: f.source, target: f.target, flows: []});
      links.get(key).flows.push(f);
    });
    const most = Math.max(1, ...[...links.values()].map(l => l.flows.length));
    const weight = new Map();
    links.forEach(l => [l.source, l.target].forEach(id => weight.set(id, (weight.get(id) || 0) + l.flows.length)));
    if (state.country) weight.set(state.country, weight.get(state.country) || 0);
    const heaviest = Math.max(1, ...weight.values());
    const elements = [];
    weight.forEach((w, id) => {
      const node = byId.get(id);
      if (!node) return;
      elements.push({group: "nodes", data: {id: id, label: node.label, kind: "country",
        size: 18 + 26 * Math.sqrt(w / heaviest)}});
    });
    links.forEach((l, key) => {
      const value = dominant(l.flows);
      elements.push({group: "edges", data: {id: "link:" + key, source: l.source, target: l.target, kind: "link",
        width: 1.5 + 9 * Math.pow(l.flows.length / most, 0.75), colour: colourOf(value), count: l.flows.length}});
    });
    const extra = new Map();
    state.open.forEach(cid => {
      if (!weight.has(cid)) return;
      flows.filter(f => f.source === cid || f.target === cid).forEach(f => {
        const gid = f.commodity_id || ("commodity:" + f.commodity);
        if (!extra.has(gid)) extra.set(gid, {id: gid, label: f.commodity, kind: "commodity", around: cid,
          colour: sectionOf(f.section).colour});
        const sells = f.source === cid;
        const eid = "goods:" + cid + "|" + gid + "|" + (sells ? "out" : "in");
        if (!extra.has(eid)) extra.set(eid, {edge: true, id: eid, source: sells ? cid : gid,
          target: sells ? gid : cid, kind: "goods"});
      });
      data.edges.filter(e => e.target === cid && (e.type === "represents" || e.type === "located_in"))
        .forEach(e => {
          const n = byId.get(e.source);
          if (!n) return;
          if (!extra.has(n.id)) extra.set(n.id, {id: n.id, label: n.label, kind: n.type, around: cid,
            colour: data.colours[n.type] || "#5a5a5a"});
          extra.set("member:" + e.source + "|" + cid, {edge: true, id: "member:" + e.source + "|" + cid,
            source: e.source, target: cid, kind: "member"});
        });
    });
    extra.forEach(x => {
      if (x.edge) elements.push({group: "edges", data: x});
      else if (!weight.has(x.id)) elements.push({group: "nodes", data: {...x, size: 14}});
    });
    return {elements: elements, flows: flows, links: links};
  }

  // --- Cytoscape ----------------------------------------------------------------------------------------
  const cy = cytoscape({
    container: $("graph"),
    minZoom: 0.05, maxZoom: 6,
    style: [
      {selector: "node", style: {
        "label": "data(label)", "font-size": 16, "color": "#1d2935", "text-valign": "center",
        "text-halign": "right", "text-margin-x": 5, "text-background-color": "#ffffff",
        "text-background-opacity": 0.8, "text-background-padding": 2, "text-background-shape": "roundrectangle",
        "width": "data(size)", "height": "data(size)", "border-width": 1.5, "border-color": "#ffffff",
        "background-color": "data(colour)", "min-zoomed-font-size": 7, "text-wrap": "ellipsis",
        "text-max-width": 220}},
      {selector: "node[kind = 'country']", style: {"background-color": "#2b3a4a", "font-size": 20,
        "font-weight": "bold"}},
      {selector: "node[kind = 'commodity']", style: {"shape": "round-rectangle", "font-size": 16}},
      {selector: "node[kind = 'official']", style: {"shape": "diamond", "font-size": 16}},
      {selector: "node:selected", style: {"border-color": "#000000", "border-width": 3}},
      {selector: "edge", style: {"curve-style": "bezier", "width": 1.2, "line-color": "#b0b0b0",
        "target-arrow-shape": "none", "opacity": 0.8}},
      {selector: "edge[kind = 'link']", style: {"width": "data(width)", "line-color": "data(colour)",
        "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "arrow-scale": 1.1,
        "control-point-step-size": 40}},
      {selector: "edge[kind = 'member']", style: {"line-style": "dashed"}},
      {selector: "edge[kind = 'goods']", style: {"target-arrow-shape": "triangle", "arrow-scale": 0.7}},
      {selector: "edge:selected", style: {"opacity": 1, "underlay-color": "#000000", "underlay-opacity": 0.15,
        "underlay-padding": 4}},
    ],
  });
  const mapLayer = $("map"), mapWorld = $("map-world");
  cy.on("viewport", () => {
    const pan = cy.pan(), zoom = cy.zoom();
    mapWorld.setAttribute("transform", "translate(" + pan.x + "," + pan.y + ") scale(" + zoom + ")");
  });

  function mapPosition(id, index) {
    const node = byId.get(id);
    if (node && node.map) return {x: node.map.x, y: node.map.y};
    return {x: -900 + 60 * index, y: 560};  // no known place: a row under the map
  }
  function positions(elements) {
    const placed = {};
    let unplaced = 0, around = {};
    elements.filter(e => e.group === "nodes" && e.data.kind === "country").forEach(e => {
      const current = cy.getElementById(e.data.id);
      placed[e.data.id] = state.layout === "network" && current.nonempty() ? {...current.position()}
        : mapPosition(e.data.id, unplaced++);
    });
    elements.filter(e => e.group === "nodes" && e.data.kind !== "country").forEach(e => {
      const centre = placed[e.data.around] || {x: 0, y: 0};
      const k = around[e.data.around] = (around[e.data.around] || 0) + 1;
      const angle = k * 2.39996, radius = 45 + 9 * Math.sqrt(k);  // a sunflower spiral around the country
      placed[e.data.id] = {x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle)};
    });
    return placed;
  }

  let current = {flows: [], links: new Map()};
  function refresh(keepView) {
    current = build();
    const placed = positions(current.elements);
    cy.batch(() => {
      cy.elements().remove();
      cy.add(current.elements.map(e => ({...e, position: placed[e.data.id]})));
    });
    mapLayer.classList.toggle("on", state.layout === "map");
    const opened = cy.nodes("[kind != 'country']");
    if (cy.nodes().length > 1 && (state.layout === "network" || opened.nonempty())) {
      // On the map the countries stay at their capitals and only the opened nodes are laid out.
      const fixed = state.layout === "map" ? cy.nodes("[kind = 'country']") : cy.collection();
      fixed.lock();
      cy.layout({name: "cose", randomize: false, animate: false, fit: false, nodeRepulsion: () => 120000,
        idealEdgeLength: () => 110, nodeOverlap: 20, gravity: 0.6, numIter: 1500, padding: 30}).run();
      fixed.unlock();
    }
    if (!keepView) cy.fit(undefined, 40);
    $("node-count").textContent = String(cy.nodes().length);
    $("edge-count").textContent = String(cy.edges("[kind = 'link']").length);
    $("flow-count").textContent = String(current.flows.length);
    $("graph").setAttribute("data-rendered-nodes", String(cy.nodes().length));
    legend();
  }

  function legend() {
    const box = $("legend");
    box.replaceChildren();
    html("div", state.colourBy === "modality" ? "Arrow colour: modality of most flows"
      : "Arrow colour: HS section of most goods", box).className = "hint";
    const used = new Set(current.links.size ? [...current.links.values()].map(l => dominant(l.flows)) : []);
    const keys = state.colourBy === "modality" ? Object.keys(data.modalities) : Object.keys(data.sections);
    keys.filter(k => used.has(k)).forEach(k => {
      const row = html("div", undefined, box);
      row.className = "legend-item";
      const sw = html("span", undefined, row);
      sw.className = "swatch";
      sw.style.background = colourOf(k);
      html("span", state.colourBy === "modality" ? k : sectionOf(k).name, row);
    });
    html("div", "Arrow: exporter \u2192 importer; width: number of flows.", box).className = "hint";
  }

  // --- details panel (textContent only) -------------------------------------------------------------
  const details = $("details");
  function facts(item, parent) {
    const table = html("table", undefined, parent);
    Object.keys(item.facts || {}).forEach(k => {
      const tr = html("tr", undefined, table);
      html("td", k, tr); html("td", item.facts[k], tr);
    });
  }
  function evidence(items, parent) {
    const seen = new Set();
    items.forEach(ev => {
      if (seen.has(ev.sentence)) return;
      seen.add(ev.sentence);
      const q = html("blockquote", ev.sentence, parent);
      html("div", ev.doc_id, q).className = "hint";
    });
  }
  function flowLine(f) {
    return f.commodity + " \u00b7 " + f.modality + (f.dates.length ? " \u00b7 " + f.dates.join(", ") : "");
  }
  function showNode(id) {
    details.replaceChildren();
    const node = byId.get(id);
    if (!node) return;
    html("h2", node.label, details);
    html("div", node.type + " \u00b7 " + node.id, details).className = "hint";
    facts(node, details);
    if (node.type === "country") {
      const out = current.flows.filter(f => f.source === id), inn = current.flows.filter(f => f.target === id);
      const partners = (list, end) => {
        const by = {};
        list.forEach(f => { (by[f[end]] = by[f[end]] || []).push(f.commodity); });
        return Object.keys(by).sort((a, b) => by[b].length - by[a].length)
          .map(p => label(p) + ": " + [...new Set(by[p])].join(", "));
      };
      if (out.length) { html("h3", "Exports (" + out.length + ")", details);
        partners(out, "target").forEach(t => html("div", "\u2192 " + t, details)); }
      if (inn.length) { html("h3", "Imports (" + inn.length + ")", details);
        partners(inn, "source").forEach(t => html("div", "\u2190 " + t, details)); }
    }
    if (node.evidence.length) html("h2", "Evidence", details);
    evidence(node.evidence, details);
  }
  function showLink(source, target) {
    details.replaceChildren();
    const link = current.links.get(source + "|" + target);
    if (!link) return;
    html("h2", label(source) + " \u2192 " + label(target), details);
    html("div", link.flows.length + " trade flow" + (link.flows.length === 1 ? "" : "s"), details).className = "hint";
    link.flows.forEach(f => {
      html("h3", flowLine(f), details);
      evidence(f.evidence, details);
    });
  }
  cy.on("tap", "node", ev => {
    const id = ev.target.id();
    showNode(id);
    if (ev.target.data("kind") === "country") {
      if (state.open.has(id)) state.open.delete(id); else state.open.add(id);
      refresh();
      const node = cy.getElementById(id);
      node.select();
      // Zoom to what was opened, so its labels are readable at once.
      if (state.open.has(id)) cy.fit(node.closedNeighborhood("[kind != 'country'], #" + CSS.escape(id)), 40);
    }
  });
  cy.on("tap", "edge[kind = 'link']", ev => showLink(ev.target.data("source"), ev.target.data("target")));

  // --- search -----------------------------------------------------------------------------------------
  function find(text) {
    const t = text.trim().toLowerCase();
    if (!t) return null;
    return data.nodes.find(n => n.label.toLowerCase() === t)
      || data.nodes.find(n => n.label.toLowerCase().startsWith(t))
      || data.nodes.find(n => n.label.toLowerCase().includes(t)) || null;
  }
  function search() {
    const node = find($("search").value);
    if (!node) { details.replaceChildren(); html("div", "Nothing named like that.", details).className = "hint"; return; }
    if (node.type === "commodity") {
      state.goods = "goods:" + node.id;
      goodsSelect.value = state.goods;
      if (goodsSelect.value !== state.goods) { state.goods = ""; goodsSelect.value = ""; }
    }
    const home = node.type === "country" ? node.id : node.country;
    if (home) state.open.add(home);
    refresh();
    const el = cy.getElementById(node.id);
    if (el.nonempty()) { cy.elements().unselect(); el.select(); cy.animate({center: {eles: el}, zoom: Math.max(cy.zoom(), 1)}, {duration: 0}); }
    showNode(node.id);
  }
  $("search").addEventListener("change", search);
  $("search").addEventListener("keydown", ev => { if (ev.key === "Enter") search(); });

  // --- controls -----------------------------------------------------------------------------------------
  $("filter-country").addEventListener("change", ev => { state.country = ev.target.value; refresh(); });
  goodsSelect.addEventListener("change", ev => { state.goods = ev.target.value; refresh(); });
  ["since", "until"].forEach(name => {
    const input = $("filter-" + name);
    input.addEventListener("change", () => {
      const value = input.value.trim();
      input.style.outline = value && !DATE.test(value) ? "2px solid #c0392b" : "";
      state[name] = DATE.test(value) ? value : "";
      refresh();
    });
  });
  $("filter-reset").addEventListener("click", () => {
    Object.assign(state, {country: "", goods: "", since: "", until: ""});
    state.modalities = new Set(Object.keys(data.modalities));
    state.open.clear();
    ["filter-country", "filter-goods", "filter-since", "filter-until"].forEach(id => { $(id).value = ""; });
    document.querySelectorAll("#filter-modality input").forEach(b => { b.checked = true; });
    refresh();
  });
  $("layout").addEventListener("change", ev => { state.layout = ev.target.value; refresh(); });
  $("colour-by").addEventListener("change", ev => { state.colourBy = ev.target.value; refresh(true); });
  window.addEventListener("resize", () => cy.fit(undefined, 40));

  refresh();
  window.tradegraphView = {cy: cy, state: state, refresh: refresh};
  document.body.setAttribute("data-ready", "1");
})();
