"""The store's schema, written once: the fact tables are derived from the pydantic models (one table per
fact list of `Extraction`, one column per scalar field, nested models flattened as `<field>_<name>`, lists
as JSON text, evidence as a reference into the `evidence` table), and the graph tables from the node
attributes of `tradegraph.graph.ops`. `ddl()` creates them, `FACT_TABLES` says how a fact maps to a row.

Tables:
- `documents`: one row per document (hash, unique doc_id, the extraction's date, author and title, url,
  source, words); `extractions` is a view of it, one row per stored extraction;
- `sentences`, `evidence`: each source sentence once per document, each evidence span once; a span's
  `text` is left NULL when it is its sentence's text from `text_at` (the span's length: end_char -
  start_char), which is how it reads back (`EVIDENCE_TEXT`);
- one fact table per fact list (countries, groups, officials, locations, organizations, trade_flows,
  trade_values, meetings, relations), each row with its `document`;
- `nodes`, `edges`: the merged graph, one row per node and per edge in the order they appeared;
  `node_events`, `edge_events`: which document (and evidence) supports each node and edge, in order.
  An edge's attributes beyond its columns are `attrs`, a JSON array of values whose names are its
  `shape` (a row of `edge_shapes`: the names in order, "=name" for one read from a column); a trade
  flow's `commodity` is the commodity node's id and its `label` says `{commodity}` where that node's
  label goes; `pair` is the first edge between the same source and target (NULL for that edge itself),
  which orders edges as networkx lists them.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from tradegraph.graph.ops import NODE_ATTRIBUTES, PLACEHOLDERS, STICKY_TRUE, UNION
from tradegraph.models import Evidence, Extraction

__all__ = ["EVIDENCE_TEXT", "FACT_TABLES", "NODE_COLUMNS", "SCHEMA_VERSION", "Column", "FactTable", "ddl"]

SCHEMA_VERSION = 3

#: A stored evidence span's text (evidence `x`, its sentence `s`).
EVIDENCE_TEXT = "coalesce(x.text, substr(s.text, x.text_at + 1, x.end_char - x.start_char))"


@dataclass(frozen=True)
class Column:
    """One column of a fact table: where its value sits in the model (`path`) and how it is held."""

    name: str
    path: tuple[str, ...]
    sql: str  # TEXT | INTEGER | REAL
    kind: str  # scalar | bool | json | evidence
    required: bool
    optional_parent: tuple[str, ...] | None = None  # the optional nested model this column belongs to


@dataclass(frozen=True)
class FactTable:
    name: str
    model: type[BaseModel]
    columns: tuple[Column, ...]
    indexes: dict[str, str]  # index suffix -> column


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(type, optional) of an annotation such as `str | None`."""
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        return args[0], len(args) < len(get_args(annotation))
    return annotation, False


def _columns(model: type[BaseModel], prefix: tuple[str, ...] = (), parent: tuple[str, ...] | None = None):
    for name, field in model.model_fields.items():
        annotation, optional = _unwrap(field.annotation)
        path = (*prefix, name)
        column = "_".join(path)
        required = field.is_required() and not optional and parent is None
        if annotation is Evidence:
            yield Column(f"{column}_id", path, "INTEGER", "evidence", False, parent)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _columns(annotation, path, path if optional else parent)
        elif get_origin(annotation) is list:
            yield Column(column, path, "TEXT", "json", required, parent)
        elif annotation is bool:
            yield Column(column, path, "INTEGER", "bool", required, parent)
        elif annotation is int:
            yield Column(column, path, "INTEGER", "scalar", required, parent)
        elif annotation is float:
            yield Column(column, path, "REAL", "scalar", required, parent)
        elif annotation is str or get_origin(annotation) is Literal:
            yield Column(column, path, "TEXT", "scalar", required, parent)
        else:  # a new kind of field: say so here rather than store it wrongly
            raise TypeError(f"no column type for {model.__name__}.{name}: {field.annotation}")


# Which columns questions and users look facts up by.
_INDEXES: dict[str, dict[str, str]] = {
    "countries": {"iso3": "iso3"},
    "officials": {"country": "country"},
    "locations": {"country": "country"},
    "organizations": {"country": "country"},
    "trade_flows": {
        "exporter": "exporter",
        "importer": "importer",
        "commodity": "commodity_name",
        "hs_code": "commodity_hs_code",
    },
    "trade_values": {"reporter": "reporter", "partner": "partner"},
}


def _fact_tables() -> dict[str, FactTable]:
    tables = {}
    for name, field in Extraction.model_fields.items():
        if get_origin(field.annotation) is list:
            (model,) = get_args(field.annotation)
            tables[name] = FactTable(name, model, tuple(_columns(model)), _INDEXES.get(name, {}))
    return tables


#: Fact list of Extraction -> its table.
FACT_TABLES: dict[str, FactTable] = _fact_tables()

#: Columns of the nodes table: every type-specific node attribute once.
NODE_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(key for attrs in NODE_ATTRIBUTES.values() for key in attrs)
)
_NODE_SQL = {"former": "INTEGER", "members": "TEXT"}


def node_merge_sql(column: str) -> str:
    """How the upsert of a node merges a document's value into the stored one (`merge_attribute`)."""
    if column in STICKY_TRUE:
        return f"{column} = max(coalesce(nodes.{column}, 0), coalesce(excluded.{column}, 0))"
    if column in UNION:
        return (
            f"{column} = (SELECT json_group_array(value) FROM (SELECT value FROM json_each(nodes.{column}) "
            f"UNION SELECT value FROM json_each(excluded.{column}) ORDER BY value))"
        )
    placeholders = [value for value in PLACEHOLDERS.get(column, ()) if value not in (None, "")]
    blank = f"nodes.{column} IS NULL OR nodes.{column} = ''" + "".join(
        f" OR nodes.{column} = '{value}'" for value in placeholders
    )
    return f"{column} = CASE WHEN {blank} THEN coalesce(nullif(excluded.{column}, ''), nodes.{column}) ELSE nodes.{column} END"


def ddl() -> list[str]:
    """The statements that create the schema."""
    statements = [
        """CREATE TABLE documents (
    id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL UNIQUE, date TEXT, author TEXT,
    title TEXT, url TEXT, source TEXT, words INTEGER NOT NULL, ingested_at TEXT NOT NULL)""",
        "CREATE INDEX documents_date ON documents (date)",
        "CREATE VIEW extractions AS SELECT id AS document, hash, doc_id, date, author, title FROM documents",
        """CREATE TABLE sentences (
    id INTEGER PRIMARY KEY, document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    text TEXT NOT NULL)""",
        "CREATE INDEX sentences_document ON sentences (document)",
        """CREATE TABLE evidence (
    id INTEGER PRIMARY KEY, document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL REFERENCES sentences (id), start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text_at INTEGER, text TEXT, CHECK ((text_at IS NULL) != (text IS NULL)))""",
        "CREATE INDEX evidence_document ON evidence (document)",
    ]
    for table in FACT_TABLES.values():
        columns = ",\n    ".join(
            f"{c.name} {c.sql}"
            + (" NOT NULL" if c.required else "")
            + (" REFERENCES evidence (id)" if c.kind == "evidence" else "")
            for c in table.columns
        )
        statements.append(
            f"CREATE TABLE {table.name} (\n    id INTEGER PRIMARY KEY,\n"
            f"    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n    {columns})"
        )
        statements.append(f"CREATE INDEX {table.name}_document ON {table.name} (document)")
        for suffix, column in table.indexes.items():
            statements.append(f"CREATE INDEX {table.name}_{suffix} ON {table.name} ({column})")
    node_columns = ", ".join(f"{name} {_NODE_SQL.get(name, 'TEXT')}" for name in NODE_COLUMNS)
    statements += [
        f"""CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, node TEXT NOT NULL UNIQUE, type TEXT NOT NULL, label TEXT NOT NULL,
    {node_columns})""",
        "CREATE TABLE edge_shapes (id INTEGER PRIMARY KEY, names TEXT NOT NULL UNIQUE)",
        """CREATE TABLE edges (
    id INTEGER PRIMARY KEY, source INTEGER NOT NULL, target INTEGER NOT NULL, key TEXT NOT NULL,
    pair INTEGER, type TEXT NOT NULL, label TEXT NOT NULL, commodity INTEGER, hs_code TEXT, modality TEXT,
    negated INTEGER, shape INTEGER NOT NULL REFERENCES edge_shapes (id), attrs TEXT NOT NULL)""",
        "CREATE UNIQUE INDEX edges_ends ON edges (source, target, key)",
        "CREATE INDEX edges_target ON edges (target)",
        "CREATE INDEX edges_type ON edges (type)",
        "CREATE INDEX edges_commodity ON edges (commodity)",
        "CREATE INDEX edges_hs_code ON edges (hs_code)",
        """CREATE TABLE node_events (
    id INTEGER PRIMARY KEY, node INTEGER NOT NULL, document INTEGER NOT NULL, mentions INTEGER NOT NULL,
    evidence INTEGER)""",
        "CREATE INDEX node_events_node ON node_events (node)",
        """CREATE TABLE edge_events (
    id INTEGER PRIMARY KEY, edge INTEGER NOT NULL, document INTEGER NOT NULL, evidence INTEGER,
    items TEXT)""",
        "CREATE INDEX edge_events_edge ON edge_events (edge)",
    ]
    return statements


TABLES = (
    "documents",
    "sentences",
    "evidence",
    *FACT_TABLES,
    "nodes",
    "edge_shapes",
    "edges",
    "node_events",
    "edge_events",
)
