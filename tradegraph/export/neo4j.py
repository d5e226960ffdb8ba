"""Neo4j: CSV files for `neo4j-admin database import full` and a Cypher script loading the same data into a
running database.

Files written into the directory:
- `nodes_<Label>.csv` per node type (Country, Official, Port, Region, City, Organization, Commodity, Group),
  header `id:ID,:LABEL,label:string,mentions:int,doc_ids:string[],...`;
- `rels_<TYPE>.csv` per edge type (TRADE_FLOW, EXPORTS, REPRESENTS, POSTED_TO, LOCATED_IN, MET,
  RELATIONS_ESTABLISHED, TRADE_VALUE), header `:START_ID,:END_ID,:TYPE,key:string,...`;
- `import.sh`: the neo4j-admin command for these files (array delimiter `;`, empty strings ignored);
- `load.cypher`: `CREATE CONSTRAINT ... IF NOT EXISTS` per label, then batches of
  `UNWIND [...] AS row MERGE ...` with the rows inline as Cypher literals (not LOAD CSV), so
  `cypher-shell -f load.cypher` needs no file access on the server. Re-running it updates, never duplicates.
  `cypher_statements()` gives the same statements with `$rows` parameters, for a driver.

Limits of the format as written here: properties are scalars or homogeneous arrays, so None is left out,
lists holding dicts (evidence, quantities) and dicts are JSON text; array items lose a `;` (the array
delimiter, replaced by `,`); text is put on one line and control characters are removed. Node ids are the
graph's ids (`country:KAZ`) in one id space, stored as the `id` property; parallel relationships are told
apart by `key` (the graph's edge key).

The graph's rows (`tradegraph.export.rows`) are read once, spooled to a temporary file while each property
gets one type per label and relationship type (the CSV headers); then the rows are typed and written from
the spool, each label's and relationship group's into its own file (the relationships and Cypher batches of
a group into temporary parts, joined in order at the end), so the graph is never held in memory.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tradegraph.export._common import OMIT, Spool, atomic_directory, convert, spooled
from tradegraph.export.rows import GraphRows, graph_rows

__all__ = ["cypher_literal", "cypher_statements", "write_neo4j"]

ARRAY_DELIMITER = ";"
BATCH_SIZE = 500
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# Neo4j header type of a converted scalar; bool before int because bool is an int.
_SCALAR_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "int"),
    (float, "double"),
    (str, "string"),
)
_INT32 = 2**31


def node_label(node_type: object) -> str:
    words = re.findall(r"[A-Za-z0-9]+", str(node_type or "entity"))
    return "".join(word[:1].upper() + word[1:] for word in words) or "Entity"


def relationship_type(edge_type: object) -> str:
    return "_".join(re.findall(r"[A-Za-z0-9]+", str(edge_type or "related"))).upper() or "RELATED"


def _properties(data: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    converted = {str(key): convert(value, "neo4j") for key, value in data.items() if key not in skip}
    return {key: value for key, value in converted.items() if value is not OMIT}


def _scalar_type(value: Any) -> str:
    name = next(type_name for python, type_name in _SCALAR_TYPES if isinstance(value, python))
    return "long" if name == "int" and not -_INT32 <= value < _INT32 else name


class _Column:
    """The values one property takes across a label or relationship type, as much as its type needs."""

    __slots__ = ("arrays", "item_kinds", "scalar_kinds", "values")

    def __init__(self) -> None:
        self.values = self.arrays = 0
        self.item_kinds: set[str] = set()
        self.scalar_kinds: set[str] = set()

    def add(self, value: Any) -> None:
        self.values += 1
        if isinstance(value, list):
            self.arrays += 1
            self.item_kinds.update(_scalar_type(item) for item in value)
        else:
            self.scalar_kinds.add(_scalar_type(value))

    def type(self) -> str:
        """One header type for every value; mixed types fall back to string (or string[])."""
        if self.arrays and self.arrays != self.values:
            return "string"  # some values were lists of maps, now JSON text: the lists become JSON text too
        kinds = set(self.item_kinds if self.arrays else self.scalar_kinds) or {"string"}
        if kinds <= {"int", "long"}:
            kind = "long" if "long" in kinds else "int"
        elif kinds <= {"int", "long", "double"}:
            kind = "double"
        else:
            kind = kinds.pop() if len(kinds) == 1 else "string"
        return f"{kind}[]" if self.arrays else kind


def _cell(value: Any, column_type: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        items = [_cell(item, column_type.removesuffix("[]")) for item in value]
        return ARRAY_DELIMITER.join(item.replace(ARRAY_DELIMITER, ",") for item in items)
    if isinstance(value, bool):
        return "true" if value else "false"
    if column_type == "double":
        return repr(float(value))
    return str(value)


def _typed(value: Any, column_type: str) -> Any:
    """The value as the header type says, so CSV and Cypher load the same thing."""
    base = column_type.removesuffix("[]")
    if column_type.endswith("[]"):
        items = value if isinstance(value, list) else [value]
        return [_typed(item, base) for item in items]
    if base == "string" and isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if base == "string" and not isinstance(value, str):
        return _cell(value, base)
    if base == "double":
        return float(value)
    return value


Group = tuple[str, str, str]  # relationship type, start label, end label


class _Rows:
    """The graph's nodes and relationships as Neo4j rows: `read()` reads the graph once, spooling the rows
    and finding the labels, relationship groups and column types; `records()` then yields each row typed,
    in the graph's order."""

    def __init__(self, rows: GraphRows, spool: Spool) -> None:
        self.rows = rows
        self.spool = spool
        self.labels: set[str] = set()
        self.groups: set[Group] = set()
        self.node_columns: dict[str, dict[str, str]] = {}
        self.relationship_columns: dict[str, dict[str, str]] = {}

    def _raw(self) -> Iterator[tuple[str, Any, dict[str, Any]]]:
        for node, data in self.rows.nodes():
            properties = _properties(data, {"id"})
            properties.setdefault("label", convert(str(node), "neo4j"))
            row = {"id": convert(str(node), "neo4j"), "props": properties}
            yield "node", node_label(data.get("type")), row
        node_type = self.rows.node_type
        for u, v, key, data in self.rows.edges():
            group = (
                relationship_type(data.get("type")),
                node_label(node_type(u)),
                node_label(node_type(v)),
            )
            row = {
                "start": convert(str(u), "neo4j"),
                "end": convert(str(v), "neo4j"),
                "key": convert(str(key), "neo4j"),
                "props": _properties(data, {"key"}),
            }
            yield "relationship", group, row

    def read(self) -> _Rows:
        columns: dict[tuple[str, str], dict[str, _Column]] = defaultdict(lambda: defaultdict(_Column))
        for record in self._raw():
            kind, where, row = record
            if kind == "node":
                self.labels.add(where)
                owner = (kind, where)
            else:
                self.groups.add(where)
                owner = (kind, where[0])  # one type per property across a whole relationship type
            for name, value in row["props"].items():
                columns[owner][name].add(value)
            self.spool.add(record)
        for (kind, name), found in columns.items():
            typed = {column: found[column].type() for column in sorted(found)}
            (self.node_columns if kind == "node" else self.relationship_columns)[name] = typed
        return self

    def records(self) -> Iterator[tuple[str, Any, dict[str, Any]]]:
        for kind, where, row in self.spool:
            columns = self.node_columns[where] if kind == "node" else self.relationship_columns[where[0]]
            row["props"] = {name: _typed(value, columns[name]) for name, value in row["props"].items()}
            yield kind, where, row

    def relationship_types(self) -> list[str]:
        return sorted({group[0] for group in self.groups})


# --- Cypher --------------------------------------------------------------------------------------------


def _cypher_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    escaped = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", lambda match: f"\\u{ord(match.group()):04x}", escaped)
    return f"'{escaped}'"


def _cypher_name(name: str) -> str:
    return name if _IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """`value` (None, bool, number, string, list or map) as a Cypher literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_cypher_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    return _cypher_string(json.dumps(value, default=str))


def _constraint(label: str) -> str:
    name, target = _cypher_name(f"{label.lower()}_id"), _cypher_name(label)
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{target}) REQUIRE n.id IS UNIQUE"


def _node_query(label: str) -> str:
    return f"UNWIND $rows AS row\nMERGE (n:{_cypher_name(label)} {{id: row.id}})\nSET n += row.props"


def _relationship_query(group: Group) -> str:
    rel_type, start, end = group
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{_cypher_name(start)} {{id: row.start}})\n"
        f"MATCH (b:{_cypher_name(end)} {{id: row.end}})\n"
        f"MERGE (a)-[r:{_cypher_name(rel_type)} {{key: row.key}}]->(b)\n"
        "SET r += row.props"
    )


def cypher_statements(graph: Any) -> list[tuple[str, dict[str, Any]]]:
    """(statement, parameters) pairs that load `graph` into Neo4j: constraints first, then nodes, then
    relationships, each `UNWIND $rows AS row MERGE ...` in batches of `BATCH_SIZE` rows. (The list holds
    every row; `write_neo4j` writes the same statements to `load.cypher` without holding them.)"""
    grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    with spooled() as spool:
        neo = _Rows(graph_rows(graph), spool).read()
        for _, where, row in neo.records():
            grouped[where].append(row)
    statements: list[tuple[str, dict[str, Any]]] = [(_constraint(label), {}) for label in sorted(neo.labels)]
    for label in sorted(neo.labels):
        statements.extend((_node_query(label), {"rows": batch}) for batch in _batches(grouped[label]))
    for group in sorted(neo.groups):
        statements.extend((_relationship_query(group), {"rows": batch}) for batch in _batches(grouped[group]))
    return statements


def _batches(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[start : start + BATCH_SIZE] for start in range(0, len(rows), BATCH_SIZE)]


def _statement_text(query: str) -> str:
    """One statement of load.cypher without rows, with the blank line before it."""
    return f"\n{query};\n"


_LOAD_HEADER = (
    "// Loads the tradegraph export into Neo4j 5: cypher-shell -u neo4j -p PASSWORD -f load.cypher\n"
    "// Rows are inline Cypher literals (the same data as the CSV files); re-running only updates.\n"
)


def _import_script(node_files: list[str], relationship_files: list[str]) -> str:
    arguments = [f"  --nodes={name} \\" for name in node_files]
    arguments += [f"  --relationships={name} \\" for name in relationship_files]
    return "\n".join(
        [
            "#!/bin/sh",
            "# Bulk-imports these CSV files into a new, empty database (default: neo4j), server stopped.",
            "# Run from this directory: sh import.sh [DATABASE]",
            "set -e",
            'cd "$(dirname "$0")"',
            "neo4j-admin database import full \\",
            f"  --array-delimiter='{ARRAY_DELIMITER}' \\",
            "  --ignore-empty-strings=true \\",
            *arguments,
            '  "${1:-neo4j}"',
            "",
        ]
    )


class _Batch:
    """The Cypher statements of one label or relationship group, written to a part file as the rows come:
    `UNWIND [row, ...] AS row ...`, BATCH_SIZE rows each (the last fewer), as cypher_statements gives them
    with their rows put in place of $rows."""

    def __init__(self, query: str, stream: IO[str]) -> None:
        self.head, self.tail = query.split("$rows", 1)
        self.stream = stream
        self.rows = 0

    def add(self, row: dict[str, Any]) -> None:
        if self.rows % BATCH_SIZE:
            self.stream.write(", ")
        else:
            self.close()
            self.stream.write(f"\n{self.head}[")
        self.stream.write(cypher_literal(row))
        self.rows += 1

    def close(self) -> None:
        """End the statement being written, if any."""
        if self.rows:
            self.stream.write(f"]{self.tail};\n")


def write_neo4j(graph: Any, directory: str | os.PathLike[str]) -> Path:
    """Write neo4j-admin import CSVs, `import.sh` and `load.cypher` for `graph` (TradeGraph, a store's
    graph, networkx graph or GraphRows) into `directory`."""
    with (
        spooled() as spool,
        atomic_directory(directory) as staging,
        tempfile.TemporaryDirectory(prefix=".neo4j-", dir=staging.parent) as temporary,
    ):
        neo = _Rows(graph_rows(graph), spool).read()
        labels, groups = sorted(neo.labels), sorted(neo.groups)
        node_files = [f"nodes_{label}.csv" for label in labels]
        relationship_files = [f"rels_{rel_type}.csv" for rel_type in neo.relationship_types()]
        parts = Path(temporary)
        _write_parts(neo, staging, parts, labels, groups, node_files)
        for rel_type, name in zip(neo.relationship_types(), relationship_files, strict=True):
            columns = neo.relationship_columns[rel_type]
            with (staging / name).open("w", encoding="utf-8", newline="") as stream:
                header = [":START_ID", ":END_ID", ":TYPE", "key:string"] + [
                    f"{n}:{k}" for n, k in columns.items()
                ]
                csv.writer(stream).writerow(header)
                for number, group in enumerate(groups):
                    if group[0] == rel_type:
                        _append(stream, parts / f"rels-{number}.csv")
        (staging / "import.sh").write_text(_import_script(node_files, relationship_files), encoding="utf-8")
        with (staging / "load.cypher").open("w", encoding="utf-8", newline="") as stream:
            stream.write(_LOAD_HEADER)
            for label in labels:
                stream.write(_statement_text(_constraint(label)))
            for number in range(len(labels)):
                _append(stream, parts / f"nodes-{number}.cypher")
            for number in range(len(groups)):
                _append(stream, parts / f"rels-{number}.cypher")
    return Path(directory)


def _write_parts(
    neo: _Rows, staging: Path, parts: Path, labels: list[str], groups: list[Group], node_files: list[str]
) -> None:
    """Write the spooled rows: each label's node file whole; each relationship group's rows and every group's
    Cypher batches as parts, joined in order by the caller."""
    with contextlib.ExitStack() as files:

        def open_text(path: Path) -> IO[str]:
            return files.enter_context(path.open("w", encoding="utf-8", newline=""))

        node_writers, cypher = {}, {}
        for number, label in enumerate(labels):
            writer = csv.writer(open_text(staging / node_files[number]))
            columns = neo.node_columns[label]
            writer.writerow(["id:ID", ":LABEL"] + [f"{name}:{kind}" for name, kind in columns.items()])
            node_writers[label] = writer
            cypher[label] = _Batch(_node_query(label), open_text(parts / f"nodes-{number}.cypher"))
        relationship_writers = {}
        for number, group in enumerate(groups):
            relationship_writers[group] = csv.writer(open_text(parts / f"rels-{number}.csv"))
            cypher[group] = _Batch(_relationship_query(group), open_text(parts / f"rels-{number}.cypher"))

        for kind, where, row in neo.records():
            if kind == "node":
                columns = neo.node_columns[where]
                cells = [row["id"], where]
                writer = node_writers[where]
            else:
                columns = neo.relationship_columns[where[0]]
                cells = [row["start"], row["end"], where[0], row["key"]]
                writer = relationship_writers[where]
            writer.writerow(
                cells + [_cell(row["props"].get(name), column) for name, column in columns.items()]
            )
            cypher[where].add(row)
        for batch in cypher.values():
            batch.close()


def _append(stream: IO[str], part: Path) -> None:
    with part.open(encoding="utf-8", newline="") as source:
        shutil.copyfileobj(source, stream)
