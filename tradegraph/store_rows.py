"""A document and its extraction as the store's rows, and back.

`document_rows` runs where the extraction ran (a worker process, a Dask worker): it serialises the facts
by the derived schema (`tradegraph.store_schema`) and the graph's merge operations (`tradegraph.graph.ops`)
into plain tuples, so the writing process only executes SQL. References inside a document (to its
sentences and evidence) are local indexes; the store turns them into row ids when it writes.
`extraction_from_rows` rebuilds an Extraction from the fact rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from tradegraph.graph.ops import EdgeOp, NodeOp, extraction_ops
from tradegraph.identity import content_hash
from tradegraph.models import Document, Evidence, Extraction
from tradegraph.store_schema import FACT_TABLES, NODE_COLUMNS, Column

__all__ = ["DocumentRows", "document_rows", "extraction_from_rows"]


@dataclass
class DocumentRows:
    """Everything the store writes for one document, as tuples of plain values (cheap to pickle)."""

    hash: str
    doc_id: str
    document: dict[str, Any]  # date, author, title, url, source, words
    sentences: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int, int, str]] = field(
        default_factory=list
    )  # sentence index, start, end, text
    facts: dict[str, list[tuple]] = field(default_factory=dict)  # evidence columns hold local indexes
    nodes: list[tuple] = field(default_factory=list)  # node, type, label, *NODE_COLUMNS
    node_events: list[tuple] = field(default_factory=list)  # node, mentions, evidence index, create_only
    edges: list[tuple] = field(default_factory=list)  # source, target, key, type, label, commodity, ...
    edge_events: list[tuple] = field(default_factory=list)  # source, target, key, evidence index, items

    @property
    def words(self) -> int:
        return self.document["words"]


class _Evidence:
    """Local indexes of a document's sentences and evidence, each held once."""

    def __init__(self, rows: DocumentRows) -> None:
        self.rows = rows
        self.sentences: dict[str, int] = {}
        self.items: dict[tuple, int] = {}

    def index(self, evidence: Evidence | dict | None) -> int | None:
        if evidence is None:
            return None
        if isinstance(evidence, Evidence):
            evidence = evidence.model_dump()
        sentence = self.sentences.get(evidence["sentence"])
        if sentence is None:
            sentence = self.sentences[evidence["sentence"]] = len(self.rows.sentences)
            self.rows.sentences.append(evidence["sentence"])
        item = (sentence, evidence["start"], evidence["end"], evidence["text"])
        number = self.items.get(item)
        if number is None:
            number = self.items[item] = len(self.rows.evidence)
            self.rows.evidence.append(item)
        return number


def _value(model: BaseModel, column: Column, evidence: _Evidence) -> Any:
    value: Any = model
    for part in column.path:
        value = getattr(value, part, None) if value is not None else None
    if column.kind == "evidence":
        return evidence.index(value)
    if value is None:
        return None
    if column.kind == "bool":
        return int(value)
    if column.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    return value


def document_rows(document: Document, extraction: Extraction, key: str | None = None) -> DocumentRows:
    """The rows of one document. The document's date and title fill those the extraction left out."""
    updates = {}
    if extraction.date is None and document.date:
        updates["date"] = document.date
    if extraction.title is None and document.title:
        updates["title"] = document.title
    if updates:
        extraction = extraction.model_copy(update=updates)
    rows = DocumentRows(
        hash=key or content_hash(document.text),
        doc_id=document.doc_id,
        document={
            "date": extraction.date,
            "author": extraction.author,
            "title": extraction.title,
            "url": document.url,
            "source": document.source,
            "words": len(document.text.split()),
        },
    )
    evidence = _Evidence(rows)
    for name, table in FACT_TABLES.items():
        rows.facts[name] = [
            tuple(_value(fact, column, evidence) for column in table.columns)
            for fact in getattr(extraction, name)
        ]
    _graph_rows(rows, extraction, evidence)
    return rows


def _graph_rows(rows: DocumentRows, extraction: Extraction, evidence: _Evidence) -> None:
    touched: set[str] = set()  # nodes this document has an event for already
    edges: set[tuple[str, str, str]] = set()
    for op in extraction_ops(extraction):
        if isinstance(op, NodeOp):
            (item,) = op.evidence or (None,)
            if op.mentions == 0 and item is None and op.node in touched:
                continue  # the document is on the node already: nothing would change
            attrs = [op.attrs.get(name) for name in NODE_COLUMNS]
            attrs = [
                json.dumps(v) if isinstance(v, list) else (int(v) if isinstance(v, bool) else v)
                for v in attrs
            ]
            rows.nodes.append((op.node, op.type, op.label, *attrs))
            rows.node_events.append((op.node, op.mentions, evidence.index(item), int(op.create_only)))
            touched.add(op.node)
        else:
            _edge_rows(rows, op, evidence, edges)


def _edge_rows(rows: DocumentRows, op: EdgeOp, evidence: _Evidence, edges: set) -> None:
    key = (op.source, op.target, op.key)
    if key not in edges:
        edges.add(key)
        attrs = {**op.attrs, **{name: [] for name in op.appends}}
        rows.edges.append(
            (
                *key,
                op.type,
                op.label,
                op.commodity,
                json.dumps(attrs, ensure_ascii=False),
                op.attrs.get("modality"),
                int(op.attrs["negated"]) if "negated" in op.attrs else None,
            )
        )
    # The document's date is the flow's date: the store reads it from the document row.
    items = {name: list(values) for name, values in op.appends.items() if values and name != "dates"}
    (item,) = op.evidence or (None,)
    rows.edge_events.append(
        (*key, evidence.index(item), json.dumps(items, ensure_ascii=False) if items else None)
    )


# -- reading back ---------------------------------------------------------------------------------------


def _set(target: dict, path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def fact_from_row(table: str, row: tuple, evidence: dict[int, dict], doc_id: str) -> dict[str, Any]:
    """One fact as model data from its row (without id and document), evidence ids resolved."""
    data: dict[str, Any] = {}
    present: dict[tuple[str, ...], bool] = {}
    for column, value in zip(FACT_TABLES[table].columns, row, strict=True):
        if column.optional_parent is not None:
            present[column.optional_parent] = present.get(column.optional_parent, False) or value is not None
        if value is None:
            continue
        if column.kind == "evidence":
            value = {"doc_id": doc_id, **evidence[value]}
        elif column.kind == "bool":
            value = bool(value)
        elif column.kind == "json":
            value = json.loads(value)
        _set(data, column.path, value)
    for parent, seen in present.items():
        if not seen:  # an optional nested model that was None
            holder = data
            for part in parent[:-1]:
                holder = holder.get(part, {})
            holder.pop(parent[-1], None)
    return data


def extraction_from_rows(
    header: dict[str, Any], facts: dict[str, list[tuple]], evidence: dict[int, dict]
) -> Extraction:
    """An Extraction from its document's header (doc_id, date, author, title) and fact rows."""
    doc_id = header["doc_id"]
    data = {
        table: [fact_from_row(table, row, evidence, doc_id) for row in rows] for table, rows in facts.items()
    }
    return Extraction.model_validate({**header, **data})
