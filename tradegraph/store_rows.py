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
    evidence: list[tuple[int, int, int, int | None, str | None]] = field(
        default_factory=list
    )  # sentence index, start, end, and where the text is in the sentence or else the text itself
    facts: dict[str, list[tuple]] = field(default_factory=dict)  # evidence columns hold local indexes
    nodes: list[tuple] = field(default_factory=list)  # node, type, label, *NODE_COLUMNS
    node_events: list[tuple] = field(default_factory=list)  # node, mentions, evidence index, create_only
    edges: list[dict[str, Any]] = field(default_factory=list)  # the parameters of the store's edge insert
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
            self.rows.evidence.append((*item[:3], *_text_in(evidence["sentence"], *item[1:])))
        return number


def _text_in(sentence: str, start: int, end: int, text: str) -> tuple[int | None, str | None]:
    """(where in its sentence a span's text is, None), or (None, the text) when the sentence does not hold
    it as its `end - start` characters from there: the text is stored once, as part of the sentence."""
    at = sentence.find(text)
    if at >= 0 and sentence[at : at + end - start] == text:
        return at, None
    return None, text


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


# Attributes a trade flow copies from its commodity node when the edge is created: the commodity's label
# (the node's label never changes, so it is read from the node), HS code (a column) and HS section.
_FROM_COMMODITY = ("commodity", "hs_code", "hs_section")


def _edge_rows(rows: DocumentRows, op: EdgeOp, evidence: _Evidence, edges: set) -> None:
    key = (op.source, op.target, op.key)
    if key not in edges:
        edges.add(key)
        rows.edges.append(edge_parameters(op))
    # The document's date is the flow's date: the store reads it from the document row.
    items = {name: list(values) for name, values in op.appends.items() if values and name != "dates"}
    (item,) = op.evidence or (None,)
    rows.edge_events.append(
        (*key, evidence.index(item), json.dumps(items, ensure_ascii=False) if items else None)
    )


def edge_parameters(op: EdgeOp) -> dict[str, Any]:
    """The parameters of the store's edge insert for the edge `op` creates: the attributes in the order
    the networkx graph gives them (the fact's, those copied from the commodity node, the lists a mention
    adds to), as a shape of names and a JSON array of the values no column holds. An attribute a column
    holds with the same value is named "=name" and read from the column, so it is not stored twice."""
    copied = dict.fromkeys(_FROM_COMMODITY) if op.commodity is not None else {}
    data = {**op.attrs, **copied, **{name: [] for name in op.appends}}
    negated = op.attrs.get("negated")
    columns = {
        "commodity_id": op.commodity,
        "modality": op.attrs.get("modality"),
        "negated": negated if isinstance(negated, bool) else None,
    }
    names, values, section = [], [], None
    for name, value in data.items():
        if name in copied and name != "hs_section":
            names.append(f"={name}")  # read from the commodity node and the hs_code column
        elif name in columns and value is not None and value == columns[name]:
            names.append(f"={name}")
        else:
            if name == "hs_section" and name in copied:
                section = f"$[{len(values)}]"  # filled from the commodity node as the edge is written
            names.append(name)
            values.append(value)
    return {
        "source": op.source,
        "target": op.target,
        "key": op.key,
        "type": op.type,
        "label": op.label,
        "commodity": op.commodity,
        "modality": columns["modality"],
        "negated": int(negated) if "negated" in op.attrs else None,
        "shape": json.dumps(names, ensure_ascii=False),
        "attrs": json.dumps(values, ensure_ascii=False),
        "section": section,
    }


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
