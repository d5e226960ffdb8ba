"""Saved graph files: the merged graph itself (nodes and edges with their attributes), so loading one is
reading it, not rebuilding it from extractions.

Format (version 2), one JSON object, written as a stream so that a graph from a large store never has to
be held in memory to be saved:

    {"format": "tradegraph-graph", "version": 2, "documents": {doc_id: date, ...},
     "nodes": [[id, {attributes}], ...], "edges": [[source, target, key, {attributes}], ...]}

Version 1 files (`"extractions": [...]`) are still read, by rebuilding the graph from their extractions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from tradegraph.atomic import atomic_open
from tradegraph.graph.nxgraph import add_edge
from tradegraph.jsonl import GraphFileError, validation_message
from tradegraph.models import Extraction

if TYPE_CHECKING:  # imported when a file is read into a graph
    import networkx as nx

__all__ = ["GRAPH_FORMAT", "GRAPH_VERSION", "is_graph_file", "read_graph_file", "write_graph_file"]

GRAPH_FORMAT = "tradegraph-graph"
GRAPH_VERSION = 2


def write_graph_file(
    path: str | os.PathLike[str],
    documents: Iterable[tuple[str, str | None]],
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Iterable[tuple[str, str, str, dict[str, Any]]],
) -> Path:
    """Write a graph file atomically, one node or edge per line, as the iterables yield them."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    with atomic_open(path, "w") as stream:
        stream.write(f'{{"format": "{GRAPH_FORMAT}", "version": {GRAPH_VERSION},\n"documents": {{')
        for number, (doc_id, date) in enumerate(documents):
            stream.write(("," if number else "") + f"\n{dump(doc_id)}: {dump(date)}")
        stream.write('},\n"nodes": [')
        for number, (node, data) in enumerate(nodes):
            stream.write(("," if number else "") + f"\n{dump([node, data])}")
        stream.write('],\n"edges": [')
        for number, (u, v, key, data) in enumerate(edges):
            stream.write(("," if number else "") + f"\n{dump([u, v, key, data])}")
        stream.write("]}\n")
    return Path(path)


def is_graph_file(path: Path) -> bool:
    """A .json file that starts like a saved graph."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as stream:
        head = stream.read(512)
    return f'"{GRAPH_FORMAT}"' in head


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as stream:
            return json.load(stream)
    except FileNotFoundError:
        raise GraphFileError(f"graph file not found: {path}") from None
    except IsADirectoryError:
        raise GraphFileError(f"{path}: is a directory, not a graph file") from None
    except UnicodeDecodeError:
        raise GraphFileError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise GraphFileError(
            f"{path}: corrupt graph file, invalid JSON at line {exc.lineno}: {exc.msg}"
        ) from None
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc.strerror}") from None


def read_graph_file(path: str | os.PathLike[str]) -> nx.MultiDiGraph | list[Extraction]:
    """The graph of a version 2 file, or the extractions of a version 1 file; GraphFileError names what
    is wrong with a file that is neither."""
    return graph_from_payload(_read_json(Path(path)), source=str(path))


def graph_from_payload(payload: Any, *, source: str = "graph") -> nx.MultiDiGraph | list[Extraction]:
    if not isinstance(payload, dict) or payload.get("format") != GRAPH_FORMAT:
        raise GraphFileError(f'{source}: not a tradegraph graph file (no "format": "{GRAPH_FORMAT}")')
    version = payload.get("version")
    if not isinstance(version, int) or version < 1 or version > GRAPH_VERSION:
        raise GraphFileError(
            f"{source}: unsupported graph file version {version!r} (this reads 1 to {GRAPH_VERSION})"
        )
    if version == 1:
        return _extractions(payload, source)
    documents, nodes, edges = (payload.get(name) for name in ("documents", "nodes", "edges"))
    if not isinstance(documents, dict) or not isinstance(nodes, list) or not isinstance(edges, list):
        raise GraphFileError(f'{source}: "documents" must be an object, "nodes" and "edges" lists')
    import networkx as nx

    graph = nx.MultiDiGraph(doc_dates=documents)
    for index, item in enumerate(nodes):
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], dict)):
            raise GraphFileError(f"{source}: node {index}: expected [id, attributes]")
        if not {"type", "label", "mentions", "doc_ids", "evidence"} <= item[1].keys():
            raise GraphFileError(f"{source}: node {index}: missing type, label or provenance")
        graph.add_node(item[0], **item[1])
    for index, item in enumerate(edges):
        if not (isinstance(item, list) and len(item) == 4 and isinstance(item[3], dict)):
            raise GraphFileError(f"{source}: edge {index}: expected [source, target, key, attributes]")
        u, v, key, data = item
        if u not in graph or v not in graph:
            raise GraphFileError(f"{source}: edge {index}: an end is not a node of the graph")
        add_edge(graph, u, v, key, data)
    return graph


def _extractions(payload: dict, source: str) -> list[Extraction]:
    items = payload.get("extractions")
    if not isinstance(items, list):
        raise GraphFileError(f'{source}: "extractions" must be a list')
    extractions = []
    for index, item in enumerate(items):
        try:
            extractions.append(Extraction.model_validate(item))
        except ValidationError as exc:
            raise GraphFileError(f"{source}: extraction {index}: {validation_message(exc)}") from None
    return extractions
