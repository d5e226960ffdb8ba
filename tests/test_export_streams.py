"""Exports streamed from either back end: the bytes the writers gave before they streamed, for a graph in
memory and for the same graph in a store alike, and from a store without its graph ever being built in
memory or held by the writer.

`tests/data/export_digests.json` holds the digests of every format written by the writers as they were
before streaming (which built every file from the whole networkx graph), for the graphs of
`nasty_graph.py`: the streamed writers must give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import answer_battery as battery
import pytest
from nasty_graph import NASTY, nasty_extractions, nasty_graph

from tradegraph.export import DIRECTORY_FORMATS, EXPORT_FORMATS
from tradegraph.export.rows import GraphRows, NetworkxRows, StoreRows, graph_rows
from tradegraph.graph import TradeGraph
from tradegraph.models import Document, Extraction
from tradegraph.store import Store
from tradegraph.store_view import StoreGraph

RECORDED = json.loads((Path(__file__).parent / "data" / "export_digests.json").read_text(encoding="utf-8"))


def written(graph: Any, fmt: str, directory: Path) -> bytes:
    """Everything `fmt` writes for `graph`, file names included, as one byte string."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / (fmt if fmt in DIRECTORY_FORMATS else f"graph.{fmt}")
    EXPORT_FORMATS[fmt](graph, target)
    if not target.is_dir():
        return target.read_bytes()
    return b"".join(path.name.encode() + path.read_bytes() for path in sorted(target.iterdir()))


def digest(graph: Any, fmt: str, directory: Path) -> str:
    target = directory / (fmt if fmt in DIRECTORY_FORMATS else f"graph.{fmt}")
    EXPORT_FORMATS[fmt](graph, target)
    h = hashlib.sha256()
    for path in sorted(target.rglob("*")) if target.is_dir() else [target]:
        h.update(path.relative_to(target).as_posix().encode() if target.is_dir() else b"")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def stored(extractions: list[Extraction], db: Path) -> StoreGraph:
    documents = [Document(doc_id=e.doc_id, text=f"the text of {e.doc_id}") for e in extractions]
    with Store(db) as store:
        store.add_many(zip(documents, extractions, strict=True))
    graph = TradeGraph.open(db)
    assert isinstance(graph, StoreGraph)
    return graph


@pytest.fixture
def nasty_store(tmp_path: Path) -> StoreGraph:
    graph = stored(nasty_extractions(), tmp_path / "nasty.db")
    yield graph
    graph.close()


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_a_networkx_graph_exports_the_bytes_recorded_before_streaming(fmt: str, tmp_path: Path) -> None:
    assert digest(nasty_graph(), fmt, tmp_path) == RECORDED[f"networkx {fmt}"]


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_a_trade_graph_exports_the_bytes_recorded_before_streaming(fmt: str, tmp_path: Path) -> None:
    graph = TradeGraph.from_extractions(nasty_extractions())
    assert digest(graph, fmt, tmp_path) == RECORDED[f"trade_graph {fmt}"]


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_the_same_graph_in_a_store_exports_the_same_bytes(fmt: str, nasty_store, tmp_path: Path) -> None:
    assert isinstance(graph_rows(nasty_store), StoreRows)
    assert digest(nasty_store, fmt, tmp_path) == RECORDED[f"trade_graph {fmt}"]


def test_a_store_exports_without_building_its_graph(nasty_store, tmp_path: Path, monkeypatch) -> None:
    def no_graph(self: Any) -> None:
        raise AssertionError("the export built the whole networkx graph")

    monkeypatch.setattr(StoreGraph, "to_networkx", no_graph)
    for fmt in EXPORT_FORMATS:
        assert written(nasty_store, fmt, tmp_path / fmt)


@pytest.fixture(scope="module")
def dev_extractions() -> list[Extraction]:
    if not battery.DEV.is_dir():
        pytest.skip(f"no dev corpus at {battery.DEV}")
    return battery.extract(battery.dev_documents())


def test_dev_exports_from_memory_and_from_a_store_are_byte_identical(dev_extractions, tmp_path: Path) -> None:
    memory = TradeGraph.from_extractions(dev_extractions)
    store = stored(dev_extractions, tmp_path / "dev.db")
    for fmt in EXPORT_FORMATS:
        assert written(store, fmt, tmp_path / "store") == written(memory, fmt, tmp_path / "memory"), fmt
    # The graph file a store writes (edges as created) is the one the graph in memory writes too.
    assert store.save(tmp_path / "s.json").read_bytes() == memory.save(tmp_path / "m.json").read_bytes()


# -- the writers hold one row at a time -----------------------------------------------------------------


class _Row(dict):
    """A row's attributes; weakly referenceable, so a test can count the rows still alive."""


class GeneratedRows:
    """A graph of `size` countries in a ring with two flows each, made up as it is read, counting how many
    of its rows are alive at most while a writer reads them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.alive = self.most_alive = 0

    def _gone(self) -> None:
        self.alive -= 1

    def _row(self, **attrs: Any) -> _Row:
        self.most_alive = max(self.most_alive, self.alive)
        row = _Row(attrs)
        self.alive += 1
        weakref.finalize(row, self._gone)
        return row

    def graph_attributes(self) -> Iterator[tuple[str, Any]]:
        yield "doc_dates", {"d0": "2020-01-01"}

    def nodes(self) -> Iterator[tuple[str, dict]]:
        for number in range(self.size):
            yield (
                f"country:C{number}",
                self._row(
                    type="country",
                    label=f"{NASTY} {number}",
                    mentions=1,
                    doc_ids=["d0"],
                    evidence=[],
                    iso3=f"C{number}",
                ),
            )

    def edges(self) -> Iterator[tuple[str, str, str, dict]]:
        for number in range(self.size):
            u, v = f"country:C{number}", f"country:C{(number + 1) % self.size}"
            for good in ("wheat", "oil"):
                data = self._row(
                    type="trade_flow",
                    label=good,
                    mentions=2,
                    doc_ids=["d0"],
                    evidence=[{"doc_id": "d0", "sentence": f"{good} {number}", "start": 0, "end": 3}],
                    commodity=good,
                    modality="actual",
                    negated=False,
                    dates=["2020-01-01"],
                )
                yield u, v, f"flow|{good}", data

    def node_type(self, node: str) -> str:
        return "country"

    def element_dates(self, data: dict) -> list[tuple[str, str]]:
        return [("2020-01-01", "2020-01-01")]


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_every_writer_holds_a_few_rows_however_large_the_graph(fmt: str, tmp_path: Path) -> None:
    rows = GeneratedRows(3000)
    assert isinstance(rows, GraphRows)
    assert written(rows, fmt, tmp_path)
    assert rows.most_alive <= 4  # the parallel edges of one pair, not the 9,000 rows of the graph


def test_rows_of_a_graph_in_memory_are_its_networkx_order() -> None:
    graph = nasty_graph()
    rows = NetworkxRows(graph)
    assert list(rows.nodes()) == list(graph.nodes(data=True))
    assert list(rows.edges()) == list(graph.edges(keys=True, data=True))
    assert rows.node_type("port:aktau") == "port"
    assert rows.element_dates(graph.nodes["country:KAZ"]) == [
        ("2020-02-11", "2020-02-11"),
        ("2021-03-01", "2021-03-31"),
    ]


def test_rows_of_a_store_are_the_rows_of_the_same_graph_in_memory(nasty_store) -> None:
    memory = NetworkxRows(TradeGraph.from_extractions(nasty_extractions()))
    rows = graph_rows(nasty_store)
    assert list(rows.nodes()) == list(memory.nodes())
    assert list(rows.edges()) == list(memory.edges())
    assert dict(dict(rows.graph_attributes())["doc_dates"]) == dict(memory.graph_attributes())["doc_dates"]
    for node, data in memory.nodes():
        assert rows.node_type(node) == data["type"]
        assert rows.element_dates(data) == memory.element_dates(data)
    for *_, data in memory.edges():
        assert rows.element_dates(data) == memory.element_dates(data)
