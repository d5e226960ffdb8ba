"""What every export format shares: taking a graph, writing atomically, spooling converted elements until
the header is written, and the one table that says how each format holds a rich attribute value (None, bools, numbers,
dates, lists, dicts)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from tradegraph.atomic import atomic_open  # noqa: F401  (re-exported for the writers)

__all__ = [
    "CONVERSIONS",
    "LIST_SEPARATOR",
    "NODE_COLOURS",
    "OMIT",
    "Spool",
    "as_multidigraph",
    "atomic_directory",
    "atomic_open",
    "convert",
    "date_interval",
    "document_dates",
    "element_dates",
    "node_colour",
    "spooled",
    "xml_text",
]

# Colour of each node type (RGB), shared by GEXF, the plot and the HTML page so a type looks the same
# everywhere. Colour-blind-safe Okabe-Ito hues first.
NODE_COLOURS: dict[str, tuple[int, int, int]] = {
    "country": (0, 114, 178),
    "official": (213, 94, 0),
    "port": (0, 158, 115),
    "region": (86, 180, 233),
    "city": (204, 121, 167),
    "organization": (230, 159, 0),
    "commodity": (120, 94, 240),
    "group": (153, 153, 153),
}
_OTHER_COLOUR = (90, 90, 90)


def node_colour(node_type: object) -> tuple[int, int, int]:
    return NODE_COLOURS.get(str(node_type), _OTHER_COLOUR)


def as_multidigraph(graph: Any) -> nx.MultiDiGraph:
    """The networkx graph behind `graph`: a TradeGraph (anything with `to_networkx()`) or a networkx graph."""
    if hasattr(graph, "to_networkx"):
        graph = graph.to_networkx()
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"expected a TradeGraph or a networkx graph, got {type(graph).__name__}")
    if not isinstance(graph, nx.MultiDiGraph):
        graph = nx.MultiDiGraph(graph)
    return graph


# --- writing atomically ---------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary directory beside `path` to write a set of files into. On success each file replaces its
    namesake in `path` (created if needed; other files there are left alone); on error nothing in `path`
    changes and the temporary directory is removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield staging
        target.mkdir(exist_ok=True)
        for written in sorted(staging.iterdir()):
            os.replace(written, target / written.name)
    finally:
        for left in staging.iterdir():
            left.unlink()
        staging.rmdir()


# --- converted elements, kept on disk until the header is written ----------------------------------------


@contextlib.contextmanager
def spooled() -> Iterator[Spool]:
    """A Spool that is removed afterwards."""
    with tempfile.TemporaryFile(prefix="tradegraph-export-") as stream:
        yield Spool(stream)


class Spool:
    """Records written one by one to a temporary file and read back in the same order: a writer reads the
    graph once, converting each element and learning what its header must declare, and writes the
    converted elements after the header, holding none of them in memory."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.count = 0

    def add(self, record: Any) -> None:
        pickle.dump(record, self.stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        self.stream.flush()
        self.stream.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.stream)


# --- text that XML can hold ----------------------------------------------------------------------------

# XML 1.0 allows only tab, newline and carriage return below 0x20, no surrogates and not U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """`text` as a string XML 1.0 can hold: characters it forbids are removed."""
    return _XML_ILLEGAL.sub("", str(text))


# --- the conversion table ------------------------------------------------------------------------------


class _Omit:
    """Marker: the format has no way to say this value, so the attribute is left out."""

    def __repr__(self) -> str:
        return "OMIT"


OMIT: Any = _Omit()

LIST_SEPARATOR = "; "


def _kind(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float" if math.isfinite(value) else "none"
    if isinstance(value, str):
        return "str"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return "date"
    if isinstance(value, list | tuple | set | frozenset):
        return "list"
    if isinstance(value, dict):
        return "dict"
    if hasattr(value, "model_dump"):  # a pydantic model, e.g. Evidence
        return "model"
    return "other"


def _same(value: Any) -> Any:
    return value


def _omit(value: Any) -> Any:
    return OMIT


def _iso(value: dt.date | dt.datetime | dt.time) -> str:
    return value.isoformat()


def _bool_word(value: bool) -> str:
    return "true" if value else "false"


def _json_ready(value: Any) -> Any:
    """Plain JSON data: dates as ISO strings, sets and tuples as lists, models dumped, NaN as null."""
    kind = _kind(value)
    if kind == "none":
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "list":
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_json_ready(item) for item in items]
    if kind == "dict":
        return {str(key): _json_ready(item) for key, item in value.items()}
    if kind == "model":
        return _json_ready(value.model_dump(mode="json"))
    if kind == "other":
        return str(value)
    return value


def _json_text(value: Any) -> str:
    return json.dumps(_json_ready(value), ensure_ascii=False, sort_keys=True)


def _item_text(item: Any) -> str:
    """One list item as text: evidence by its sentence, quantities by their text, other dicts as JSON."""
    if isinstance(item, dict):
        for field in ("sentence", "text", "name", "label"):
            if isinstance(item.get(field), str) and item[field]:
                return item[field]
        return _json_text(item)
    if hasattr(item, "model_dump"):
        return _item_text(item.model_dump(mode="json"))
    return str(_json_ready(item))


def _joined(value: Any) -> str:
    """A list as one string: items without None, duplicates dropped, order kept."""
    seen: dict[str, None] = {}
    for item in _json_ready(list(value)) if isinstance(value, set | frozenset) else value:
        if item is not None:
            seen.setdefault(_item_text(item), None)
    return LIST_SEPARATOR.join(seen)


def _then_xml(convert_: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: xml_text(convert_(value))


def _one_line(value: object) -> str:
    """Text on one line without control characters: neo4j-admin then needs no --multiline-fields."""
    return " ".join(xml_text(value).splitlines())


def _neo4j_array(value: Any) -> Any:
    """A list of scalars stays a (homogeneous, null-free) list; anything holding maps becomes JSON text,
    as Neo4j properties cannot hold maps."""
    items = [item for item in _json_ready(value) if item is not None]
    if any(isinstance(item, dict | list) for item in items):
        return _one_line(_json_text(items))
    kinds = {type(item) for item in items}
    if len(kinds) > 1 and kinds != {int, float}:
        items = [str(item) for item in items]
    return [_one_line(item) if isinstance(item, str) else item for item in items]


# How each format holds each kind of value. "xml" is GraphML and GEXF (scalars only, XML 1.0 text);
# "csv" is the plain CSV tables (empty cell for nothing); "json" is node-link JSON (keeps structure);
# "neo4j" is the bulk-import CSVs and Cypher literals (no null, no maps, homogeneous arrays).
CONVERSIONS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "xml": {
        "none": _omit,
        "bool": _same,
        "int": _same,
        "float": _same,
        "str": xml_text,
        "date": _iso,
        "list": _then_xml(_joined),
        "dict": _then_xml(_json_text),
        "model": _then_xml(_json_text),
        "other": xml_text,
    },
    "csv": {
        "none": lambda value: "",
        "bool": _bool_word,
        "int": _same,
        "float": _same,
        "str": _same,
        "date": _iso,
        "list": _joined,
        "dict": _json_text,
        "model": _json_text,
        "other": str,
    },
    "neo4j": {
        "none": _omit,
        "bool": _same,
        "int": _same,
        "float": _same,
        "str": _one_line,
        "date": _iso,
        "list": _neo4j_array,
        "dict": lambda value: _one_line(_json_text(value)),
        "model": lambda value: _one_line(_json_text(value)),
        "other": _one_line,
    },
    "json": {
        "none": lambda value: None,
        "bool": _same,
        "int": _same,
        "float": _same,
        "str": _same,
        "date": _iso,
        "list": _json_ready,
        "dict": _json_ready,
        "model": _json_ready,
        "other": str,
    },
}


def convert(value: Any, fmt: str) -> Any:
    """`value` as format `fmt` ("xml", "csv", "neo4j", "json") holds it, or `OMIT` when it cannot be said."""
    return CONVERSIONS[fmt][_kind(value)](value)


# --- article dates -------------------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_interval(value: Any) -> tuple[str, str] | None:
    """The days a date stands for, as (first, last) ISO dates: "2020-02-11" is one day, "2020-02" the
    month, "2020" the year; None for anything else."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), value.isoformat()
    match = _PARTIAL_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day:
            first = last = dt.date(int(year), int(month), int(day))
        elif month:
            first = dt.date(int(year), int(month), 1)
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            first, last = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        return None
    return first.isoformat(), last.isoformat()


def document_dates(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """doc_id → the article's date as a (first, last) day interval, from `graph.graph["doc_dates"]` (what
    TradeGraph keeps) or `graph.graph["documents"]`, else from the `dates` edges carry beside `doc_ids`."""
    dates: dict[str, tuple[str, str]] = {}
    known: dict[Any, Any] = dict(graph.graph.get("doc_dates") or {})
    documents = graph.graph.get("documents") or {}
    if isinstance(documents, dict):
        for doc_id, document in documents.items():
            date = document.get("date") if isinstance(document, dict) else getattr(document, "date", None)
            known.setdefault(doc_id, date)
    for doc_id, date in known.items():
        if (interval := date_interval(date)) is not None:
            dates[str(doc_id)] = interval
    for _, _, data in graph.edges(data=True):
        doc_ids, edge_dates = data.get("doc_ids") or [], data.get("dates") or []
        # Only when every document gave one distinct date do the two lists line up.
        if len(doc_ids) == len(edge_dates):
            for doc_id, date in zip(doc_ids, edge_dates, strict=True):
                if (interval := date_interval(date)) is not None:
                    dates.setdefault(str(doc_id), interval)
    return dates


def element_dates(data: dict[str, Any], doc_dates: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Sorted distinct date intervals behind a node or edge: its own `dates`, else its documents' dates."""
    own = {interval for date in data.get("dates") or [] if (interval := date_interval(date)) is not None}
    if not own:
        own = {doc_dates[str(doc_id)] for doc_id in data.get("doc_ids") or [] if str(doc_id) in doc_dates}
    return sorted(own)
