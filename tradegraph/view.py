"""A self-contained interactive HTML page of the trade graph: one file, no CDN, no network. A small force
layout written here draws nodes on SVG, coloured by type with a legend; hovering or clicking a node or an
edge shows its facts and the evidence sentences they were read from.

Names reach the page only as JSON data (with `<`, `>`, `&` escaped so nothing can close the script
element) and are put on screen with `textContent`, never as HTML, so any text in a name is shown as text.
The layout is O(n²) per step: comfortable to a few hundred nodes; larger graphs take longer to settle.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

from tradegraph.export._common import (
    NODE_COLOURS,
    as_multidigraph,
    atomic_open,
    convert,
    node_colour,
    xml_text,
)

__all__ = ["graph_page", "write_html"]

_EVIDENCE_LIMIT = 20  # sentences per node or edge carried into the page


def _evidence(data: dict[str, Any]) -> list[dict[str, str]]:
    items = []
    for item in (data.get("evidence") or [])[:_EVIDENCE_LIMIT]:
        if isinstance(item, dict) and item.get("sentence"):
            items.append(
                {"doc_id": xml_text(item.get("doc_id") or ""), "sentence": xml_text(item["sentence"])}
            )
    return items


def _facts(data: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    """Attributes worth showing, as short text."""
    facts = {}
    for key, value in data.items():
        if key in skip or value in (None, "", [], {}):
            continue
        text = convert(value, "csv")
        facts[xml_text(key)] = xml_text(text)[:300]
    return facts


def _page_data(graph: Any) -> dict[str, Any]:
    source = as_multidigraph(graph)
    index = {node: number for number, node in enumerate(source.nodes)}
    nodes = [
        {
            "id": xml_text(node),
            "type": xml_text(data.get("type") or "entity"),
            "label": xml_text(data.get("label") or node),
            "mentions": int(data.get("mentions") or 1),
            "facts": _facts(data, {"label", "evidence", "type"}),
            "evidence": _evidence(data),
        }
        for node, data in source.nodes(data=True)
    ]
    edges = [
        {
            "source": index[u],
            "target": index[v],
            "type": xml_text(data.get("type") or "related"),
            "label": xml_text(data.get("label") or data.get("type") or ""),
            "negated": bool(data.get("negated")),
            "modality": xml_text(data.get("modality") or ""),
            "facts": _facts(data, {"label", "evidence", "type", "commodity_id"}),
            "evidence": _evidence(data),
        }
        for u, v, data in source.edges(data=True)
    ]
    order = {kind: number for number, kind in enumerate(NODE_COLOURS)}
    types = sorted({node["type"] for node in nodes}, key=lambda kind: (order.get(kind, len(order)), kind))
    colours = {kind: "#{:02x}{:02x}{:02x}".format(*node_colour(kind)) for kind in types}
    return {"nodes": nodes, "edges": edges, "colours": colours}


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no character of it can end the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def graph_page(graph: Any, *, title: str = "tradegraph") -> str:
    """The HTML page for `graph` (TradeGraph or networkx graph) as a string."""
    parts = {
        "TITLE": html.escape(xml_text(title)),
        "DATA": _script_json(_page_data(graph)),
        "SCRIPT": _SCRIPT,
    }
    # One pass, so a name that happens to contain "__SCRIPT__" is never expanded.
    return re.sub(r"__(TITLE|DATA|SCRIPT)__", lambda match: parts[match.group(1)], _TEMPLATE)


def write_html(graph: Any, path: str | os.PathLike[str], *, title: str = "tradegraph") -> Path:
    """Write the interactive page for `graph` to `path` (atomically); returns the path."""
    page = graph_page(graph, title=title)
    with atomic_open(path, "w") as stream:
        stream.write(page)
    return Path(path)


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  body { display: flex; }
  #canvas { flex: 1; position: relative; background: #fafafa; }
  svg { width: 100%; height: 100%; display: block; cursor: grab; }
  #side { width: 340px; overflow-y: auto; border-left: 1px solid #ddd; padding: 12px 16px; background: #fff; }
  h1 { font-size: 17px; margin: 0 0 6px; }
  #legend div { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
  #legend span.swatch { width: 12px; height: 12px; border-radius: 50%; display: inline-block; }
  #details h2 { font-size: 15px; margin: 14px 0 4px; overflow-wrap: anywhere; }
  #details table { border-collapse: collapse; font-size: 12px; }
  #details td { border-top: 1px solid #eee; padding: 2px 6px 2px 0; vertical-align: top;
                overflow-wrap: anywhere; }
  #details blockquote { margin: 6px 0; padding: 4px 8px; border-left: 3px solid #0072b2; background: #f4f8fb;
                        font-size: 13px; overflow-wrap: anywhere; }
  .hint { color: #666; font-size: 12px; }
  line.edge { stroke-opacity: 0.55; }
  line.edge.negated { stroke-dasharray: 4 3; }
  line.edge:hover, line.edge.active { stroke-opacity: 1; }
  g.node circle { stroke: #fff; stroke-width: 1.5px; cursor: pointer; }
  g.node.active circle { stroke: #000; stroke-width: 2.5px; }
  g.node text { font-size: 11px; paint-order: stroke; stroke: #fafafa; stroke-width: 3px;
                pointer-events: none; }
</style>
</head>
<body>
<div id="canvas"><svg id="graph" role="img" aria-label="trade graph"></svg></div>
<div id="side">
  <h1>__TITLE__</h1>
  <div class="hint"><span id="node-count">0</span> nodes, <span id="edge-count">0</span> edges.
    Hover or click a node or an edge for its evidence; drag to pan, wheel to zoom, drag a node to move
    it.</div>
  <div id="legend"></div>
  <div id="details"></div>
</div>
<script type="application/json" id="graph-data">__DATA__</script>
<script>
__SCRIPT__
</script>
</body>
</html>
"""

_SCRIPT = """
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.getElementById("graph");
  const nodes = data.nodes, edges = data.edges;
  document.getElementById("node-count").textContent = String(nodes.length);
  document.getElementById("edge-count").textContent = String(edges.length);

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(tag, text, parent) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  const colour = t => data.colours[t] || "#5a5a5a";

  // Legend: one swatch per node type present.
  const legend = document.getElementById("legend");
  Object.keys(data.colours).forEach(t => {
    const row = html("div", undefined, legend);
    row.className = "legend-item";
    const sw = html("span", undefined, row);
    sw.className = "swatch";
    sw.style.background = colour(t);
    html("span", t, row);
  });

  // Arrow markers, one per colour in use by edges (grey) and negated (red).
  const defs = el("defs", {}, svg);
  [["arrow", "#777"], ["arrow-neg", "#c0392b"]].forEach(([id, fill]) => {
    const m = el("marker", {id: id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
                            orient: "auto-start-reverse"}, defs);
    el("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: fill}, m);
  });
  const world = el("g", {}, svg);
  const edgeLayer = el("g", {}, world), nodeLayer = el("g", {}, world);

  // Initial positions on a circle, then a force layout: repulsion between all pairs, springs on edges,
  // a pull to the centre. Deterministic (no randomness), so the same graph gives the same picture.
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const a = 2 * Math.PI * i / Math.max(n, 1), r = 40 + 12 * Math.sqrt(n);
    d.x = r * Math.cos(a); d.y = r * Math.sin(a); d.vx = 0; d.vy = 0;
    d.r = 6 + 3 * Math.sqrt(Math.min(d.mentions, 30));
  });
  function step(alpha) {
    for (let i = 0; i < n; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < n; j++) {
        const b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = 900 * alpha / d2;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    edges.forEach(e => {
      const a = nodes[e.source], b = nodes[e.target];
      if (a === b) return;
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = (d - 90) / d * 0.05 * alpha;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    });
    nodes.forEach(d => {
      if (d.fixed) { d.vx = d.vy = 0; return; }
      d.vx -= d.x * 0.04 * alpha; d.vy -= d.y * 0.04 * alpha;
      d.vx *= 0.6; d.vy *= 0.6;
      d.x += Math.max(-30, Math.min(30, d.vx)); d.y += Math.max(-30, Math.min(30, d.vy));
    });
  }
  const steps = n > 600 ? 60 : n > 200 ? 150 : 300;
  for (let k = 0; k < steps; k++) step(1 - k / steps);

  // Parallel edges between a pair are fanned out by offsetting each one sideways.
  const pairCount = {};
  edges.forEach(e => {
    const key = Math.min(e.source, e.target) + "|" + Math.max(e.source, e.target);
    e.slot = pairCount[key] = (pairCount[key] || 0) + 1;
  });

  let selected = null;
  const edgeEls = edges.map(e => {
    const line = el("line", {"class": "edge" + (e.negated ? " negated" : ""),
                             stroke: e.negated ? "#c0392b" : "#999",
                             "stroke-width": 1.5,
                             "marker-end": e.negated ? "url(#arrow-neg)" : "url(#arrow)"}, edgeLayer);
    el("title", {}, line).textContent = e.label;
    line.addEventListener("mouseenter", () => show(e, "edge"));
    line.addEventListener("click", ev => { ev.stopPropagation(); select(line, e, "edge"); });
    return line;
  });
  const nodeEls = nodes.map(d => {
    const g = el("g", {"class": "node", "data-type": d.type}, nodeLayer);
    el("circle", {r: d.r, fill: colour(d.type)}, g);
    const label = el("text", {x: d.r + 3, y: 4}, g);
    label.textContent = d.label.length > 40 ? d.label.slice(0, 39) + "\u2026" : d.label;
    el("title", {}, g).textContent = d.label + " (" + d.type + ")";
    g.addEventListener("mouseenter", () => show(d, "node"));
    g.addEventListener("click", ev => { ev.stopPropagation(); select(g, d, "node"); });
    g.addEventListener("mousedown", ev => startDrag(ev, d));
    return g;
  });

  function place() {
    edges.forEach((e, i) => {
      const a = nodes[e.source], b = nodes[e.target];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const off = (e.slot - 1) * 4 * (e.source < e.target ? 1 : -1), ox = -dy / d * off, oy = dx / d * off;
      edgeEls[i].setAttribute("x1", a.x + dx / d * a.r + ox);
      edgeEls[i].setAttribute("y1", a.y + dy / d * a.r + oy);
      edgeEls[i].setAttribute("x2", b.x - dx / d * (b.r + 2) + ox);
      edgeEls[i].setAttribute("y2", b.y - dy / d * (b.r + 2) + oy);
    });
    nodes.forEach((d, i) => nodeEls[i].setAttribute("transform", "translate(" + d.x + "," + d.y + ")"));
  }
  place();

  // Details panel: built with textContent only.
  const details = document.getElementById("details");
  function show(item, kind) {
    if (selected && selected.item !== item) return;  // a clicked item stays until the background is clicked
    details.replaceChildren();
    if (kind === "node") {
      html("h2", item.label, details);
      html("div", item.type + " \u00b7 " + item.id, details).className = "hint";
    } else {
      html("h2", nodes[item.source].label + " \u2192 " + nodes[item.target].label, details);
      html("div", item.type + ": " + item.label, details).className = "hint";
    }
    const table = html("table", undefined, details);
    Object.keys(item.facts).forEach(k => {
      const tr = html("tr", undefined, table);
      html("td", k, tr); html("td", item.facts[k], tr);
    });
    if (item.evidence.length) html("h2", "Evidence", details);
    item.evidence.forEach(ev => {
      const q = html("blockquote", ev.sentence, details);
      html("div", ev.doc_id, q).className = "hint";
    });
  }
  function select(elem, item, kind) {
    document.querySelectorAll(".active").forEach(x => x.classList.remove("active"));
    selected = null;
    show(item, kind);
    selected = {item: item};
    elem.classList.add("active");
  }
  svg.addEventListener("click", () => {
    selected = null;
    document.querySelectorAll(".active").forEach(x => x.classList.remove("active"));
  });

  // Pan, zoom and node dragging.
  let view = {x: 0, y: 0, k: 1}, panning = null, dragging = null;
  function fit() {
    const w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(d => {
      x0 = Math.min(x0, d.x); y0 = Math.min(y0, d.y); x1 = Math.max(x1, d.x); y1 = Math.max(y1, d.y);
    });
    if (!isFinite(x0)) { x0 = y0 = -1; x1 = y1 = 1; }
    const k = Math.min(w / (x1 - x0 + 160), h / (y1 - y0 + 80), 2.5);
    view = {k: k, x: w / 2 - k * (x0 + x1) / 2, y: h / 2 - k * (y0 + y1) / 2};
    apply();
  }
  function apply() {
    world.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
  }
  function startDrag(ev, d) { ev.stopPropagation(); dragging = d; d.fixed = true; }
  svg.addEventListener("mousedown", ev => { panning = {x: ev.clientX - view.x, y: ev.clientY - view.y}; });
  window.addEventListener("mousemove", ev => {
    if (dragging) {
      const rect = svg.getBoundingClientRect();
      dragging.x = (ev.clientX - rect.left - view.x) / view.k;
      dragging.y = (ev.clientY - rect.top - view.y) / view.k;
      place();
    } else if (panning) {
      view.x = ev.clientX - panning.x; view.y = ev.clientY - panning.y; apply();
    }
  });
  window.addEventListener("mouseup", () => { panning = null; dragging = null; });
  svg.addEventListener("wheel", ev => {
    ev.preventDefault();
    const rect = svg.getBoundingClientRect(), mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
    const k = Math.max(0.1, Math.min(8, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = mx - (mx - view.x) * k / view.k; view.y = my - (my - view.y) * k / view.k; view.k = k;
    apply();
  }, {passive: false});
  window.addEventListener("resize", fit);
  fit();
  svg.setAttribute("data-rendered-nodes", String(nodeEls.length));
  svg.setAttribute("data-rendered-edges", String(edgeEls.length));
})();
"""
