"""Exports: each format written from a graph full of awkward names and read back by the tools that use it."""

from __future__ import annotations

import csv
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from nasty_graph import NASTY, nasty_extractions, nasty_graph

from tradegraph.export import (
    EXPORT_FORMATS,
    _common,
    collapse_edges,
    cypher_statements,
    export_graph,
    neo4j,
    write_csv,
    write_gexf,
    write_graphml,
    write_neo4j,
    write_node_link,
)
from tradegraph.export._common import OMIT, convert, date_interval, xml_text
from tradegraph.graph import TradeGraph

CLEAN = xml_text(NASTY)  # the nasty name as XML can hold it: control characters gone, the rest kept
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return nasty_graph()


@pytest.fixture
def trade_graph() -> TradeGraph:
    return TradeGraph.from_extractions(nasty_extractions())


# --- the conversion table ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (None, "xml", OMIT),
        (None, "csv", ""),
        (None, "json", None),
        (None, "neo4j", OMIT),
        (True, "csv", "true"),
        (True, "xml", True),
        (float("nan"), "xml", OMIT),
        (["a", None, "b", "a"], "xml", "a; b"),
        (["a", None, "b"], "neo4j", ["a", "b"]),
        ([{"doc_id": "d", "sentence": "S."}], "csv", "S."),
        ({"b": 1}, "xml", '{"b": 1}'),
        ("a\x00b\nc", "xml", "ab\nc"),
        ("a\x00b\nc", "neo4j", "ab c"),
        ({"x", "y"}, "json", ["x", "y"]),
    ],
)
def test_each_format_holds_each_kind_of_value(value, fmt, expected):
    assert convert(value, fmt) == expected


def test_partial_dates_span_their_month_or_year():
    assert date_interval("2020-02-11") == ("2020-02-11", "2020-02-11")
    assert date_interval("2020-02") == ("2020-02-01", "2020-02-29")
    assert date_interval("2021") == ("2021-01-01", "2021-12-31")
    assert date_interval(None) is None
    assert date_interval("someday") is None


# --- GraphML -------------------------------------------------------------------------------------------

_GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
_PARSE = {
    "boolean": lambda text: text in {"true", "false"},
    "long": lambda text: int(text) is not None,
    "int": lambda text: int(text) is not None,
    "double": lambda text: float(text) is not None,
    "float": lambda text: float(text) is not None,
    "string": lambda text: True,
}


def check_graphml_structure(path: Path) -> None:
    """What the GraphML schema requires of our files (no XSD ships in a PyPI package we could use):
    strict XML, keys before the graph with known types, unique ids, data only for declared keys of the
    right scope and parseable as their type, edges between declared nodes."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(recover=False)).getroot()
    assert root.tag == f"{GRAPHML_NS}graphml"
    children = [child.tag for child in root]
    assert children == [f"{GRAPHML_NS}key"] * (len(children) - 1) + [f"{GRAPHML_NS}graph"]
    keys = {}
    for key in root.iterfind(f"{GRAPHML_NS}key"):
        assert key.get("for") in {"node", "edge", "graph", "all"}
        assert key.get("attr.type") in _GRAPHML_TYPES
        assert key.get("id") not in keys
        keys[key.get("id")] = key
    (graph,) = root.iterfind(f"{GRAPHML_NS}graph")
    assert graph.get("edgedefault") == "directed"
    node_ids = [node.get("id") for node in graph.iterfind(f"{GRAPHML_NS}node")]
    assert len(node_ids) == len(set(node_ids))
    edge_ids = [edge.get("id") for edge in graph.iterfind(f"{GRAPHML_NS}edge")]
    assert len(edge_ids) == len(set(edge_ids))
    for element in graph:
        scope = element.tag.removeprefix(GRAPHML_NS)
        assert scope in {"node", "edge"}
        if scope == "edge":
            assert element.get("source") in node_ids and element.get("target") in node_ids
        for data in element:
            assert data.tag == f"{GRAPHML_NS}data"
            key = keys[data.get("key")]
            assert key.get("for") in {scope, "all"}
            assert _PARSE[key.get("attr.type")](data.text or "")
        labels = [data for data in element if keys[data.get("key")].get("attr.name") == "label"]
        assert len(labels) == 1


def test_graphml_is_collapsed_weighted_and_reads_back_in_networkx(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "g.graphml")
    check_graphml_structure(path)
    back = nx.read_graphml(path)
    assert back.is_directed()
    kaz_irn = [d for u, v, d in back.edges(data=True) if (u, v) == ("country:KAZ", "country:IRN")]
    flow = next(d for d in kaz_irn if d["type"] == "trade_flow")
    assert flow["weight"] == 4.0  # barley in two documents, wheat, metals
    assert flow["commodities"] == "barley; wheat; metals"
    assert flow["hs_codes"] == "1003; 1001"
    assert flow["modality"] == "actual; potential"
    assert {d["type"] for d in kaz_irn} == {"trade_flow", "trade_value"}
    irn_kaz = next(
        d
        for u, v, d in back.edges(data=True)
        if (u, v, d["type"]) == ("country:IRN", "country:KAZ", "trade_flow")
    )
    assert irn_kaz["weight"] == 1.0 and irn_kaz["negated_commodities"] == "tea"  # a denial is no support
    for _, data in back.nodes(data=True):
        assert {"type", "label", "iso3"} <= set(data)
    assert back.nodes["country:KAZ"]["iso3"] == "KAZ"
    assert back.nodes["country:CIV"]["label"] == CLEAN
    assert back.nodes["official:nasty"]["former"] is True
    assert all("label" in d and "weight" in d for _, _, d in back.edges(data=True))


def test_graphml_reads_in_igraph(graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = write_graphml(graph, tmp_path / "g.graphml")
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert loaded.is_directed()
    assert loaded.vcount() == graph.number_of_nodes()
    assert loaded.ecount() == collapse_edges(graph).number_of_edges()
    assert CLEAN in loaded.vs["label"]
    assert all(weight >= 0 for weight in loaded.es["weight"])


def test_collapse_keeps_one_edge_per_source_target_and_type(graph):
    collapsed = collapse_edges(graph)
    triples = [(u, v, d["type"]) for u, v, d in collapsed.edges(data=True)]
    assert len(triples) == len(set(triples))
    assert set(triples) == {(u, v, d["type"]) for u, v, d in graph.edges(data=True)}
    for _, _, data in collapsed.edges(data=True):
        assert all(isinstance(value, str | int | float | bool) for value in data.values())


# --- GEXF ----------------------------------------------------------------------------------------------


def test_gexf_has_a_timeline_and_colours_and_reads_back(graph, tmp_path):
    path = write_gexf(graph, tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    back = nx.read_gexf(path)
    assert back.graph["mode"] == "dynamic"
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()  # parallel facts stay apart
    kaz = back.nodes["country:KAZ"]
    assert kaz["spells"] == [("2020-02-11", "2020-02-11"), ("2021-03-01", "2021-03-31")]
    assert kaz["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    assert back.nodes["country:CIV"]["label"] == CLEAN and "spells" not in back.nodes["country:CIV"]
    assert back.nodes["official:nasty"]["former"] is True
    barley = next(d for _, _, d in back.edges(data=True) if d.get("commodity") == "barley")
    assert barley["weight"] == 2.0 and barley["spells"] == [("2020-02-11", "2020-02-11")]


def test_gexf_without_dates_is_static(tmp_path):
    g = nx.MultiDiGraph()
    g.add_edge("country:A", "country:B", type="trade_flow", label="x")
    back = nx.read_gexf(write_gexf(g, tmp_path / "g.gexf"))
    assert back.graph["mode"] == "static"


# --- node-link JSON and CSV ----------------------------------------------------------------------------


def test_node_link_round_trip_keeps_structure(graph, tmp_path):
    path = write_node_link(graph, tmp_path / "g.json")
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert back.is_multigraph() and back.is_directed()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["country:CIV"]["label"] == NASTY  # JSON keeps every character
    assert back.nodes["official:nasty"]["title"] is None
    assert back.nodes["group:eaeu"]["members"] == ["KAZ", "RUS"]
    assert (
        back.edges["country:KAZ", "country:IRN", "flow|metals|potential|False"]["quantities"][0]["value"]
        == 1.5
    )


def test_csv_tables_read_back_with_the_csv_module(graph, tmp_path):
    directory = write_csv(graph, tmp_path / "out")
    with (directory / "nodes.csv").open(encoding="utf-8", newline="") as stream:
        nodes = {row["id"]: row for row in csv.DictReader(stream)}
    with (directory / "edges.csv").open(encoding="utf-8", newline="") as stream:
        edges = list(csv.DictReader(stream))
    assert list(nodes) == list(graph.nodes)
    assert nodes["country:CIV"]["label"] == NASTY
    assert nodes["official:nasty"]["former"] == "true" and nodes["official:nasty"]["title"] == ""
    assert len(edges) == graph.number_of_edges()
    assert list(edges[0])[:5] == ["source", "target", "key", "type", "label"]


# --- Neo4j ---------------------------------------------------------------------------------------------


def test_neo4j_files_have_admin_import_headers(graph, tmp_path):
    directory = write_neo4j(graph, tmp_path / "neo")
    names = sorted(path.name for path in directory.iterdir())
    assert "nodes_Country.csv" in names and "rels_TRADE_FLOW.csv" in names
    assert "load.cypher" in names and "import.sh" in names
    with (directory / "nodes_Official.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert {"mentions:int", "former:boolean", "doc_ids:string[]", "label:string"} <= set(header)
    record = dict(zip(header, next(row for row in rows[1:] if row[0] == "official:nasty"), strict=True))
    assert record["former:boolean"] == "true" and record[":LABEL"] == "Official"
    assert "\x00" not in record["label:string"] and "北京" in record["label:string"]
    with (directory / "rels_TRADE_FLOW.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        flows = [dict(zip(header, row, strict=True)) for row in reader]
    assert header[:4] == [":START_ID", ":END_ID", ":TYPE", "key:string"]
    assert {"negated:boolean", "mentions:int", "dates:string[]"} <= set(header)
    barley = next(row for row in flows if row["commodity:string"] == "barley")
    assert barley["doc_ids:string[]"] == "d1;d2" and barley[":TYPE"] == "TRADE_FLOW"
    node_ids = set()
    for path in directory.glob("nodes_*.csv"):
        with path.open(encoding="utf-8", newline="") as stream:
            node_ids |= {row["id:ID"] for row in csv.DictReader(stream)}
    for path in directory.glob("rels_*.csv"):
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                assert row[":START_ID"] in node_ids and row[":END_ID"] in node_ids


def test_neo4j_cypher_merges_with_constraints_and_escapes_literals(graph, tmp_path):
    statements = cypher_statements(graph)
    queries = [query for query, _ in statements]
    assert queries[0].startswith("CREATE CONSTRAINT") and "IF NOT EXISTS" in queries[0]
    assert all(q.startswith(("CREATE CONSTRAINT", "UNWIND $rows AS row")) for q in queries)
    assert any("MERGE (a)-[r:TRADE_FLOW {key: row.key}]->(b)" in q for q in queries)
    script = (write_neo4j(graph, tmp_path / "neo") / "load.cypher").read_text(encoding="utf-8")
    assert "$rows" not in script and "UNWIND [{" in script
    assert "'Côte \"d\\'Ivoire\" & <Sons> ™ 北京'" in script
    assert "\x00" not in script and "\x1b" not in script
    assert neo4j.cypher_literal("it's \\ \n") == "'it\\'s \\\\ \\u000a'"
    assert neo4j.cypher_literal({"odd key": [1, None, 2.5, True]}) == "{`odd key`: [1, null, 2.5, true]}"


# --- through TradeGraph, the table and atomic writing --------------------------------------------------


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_every_format_writes_a_trade_graph(trade_graph, tmp_path, fmt):
    written = export_graph(trade_graph, fmt, tmp_path / f"out.{fmt}")
    assert written.exists()
    if fmt == "graphml":
        check_graphml_structure(written)
        back = nx.read_graphml(written)
        assert CLEAN in {d["label"] for _, d in back.nodes(data=True)}
    elif fmt == "gexf":
        assert nx.read_gexf(written).graph["end"] == "2021-03-01"


def test_unknown_format_is_named():
    with pytest.raises(ValueError, match="unknown export format 'dot'"):
        export_graph(nx.MultiDiGraph(), "dot", "x")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(graph, tmp_path, monkeypatch):
    path = tmp_path / "g.graphml"
    path.write_text("old content", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(_common.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_graphml(graph, path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert os.listdir(tmp_path) == ["g.graphml"]


def test_a_failed_directory_write_changes_nothing(graph, tmp_path, monkeypatch):
    directory = write_csv(graph, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in directory.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr("tradegraph.export.tables._write_table", broken)
    with pytest.raises(RuntimeError):
        write_csv(nx.MultiDiGraph(), directory)
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == before
    assert sorted(os.listdir(tmp_path)) == ["out"]
