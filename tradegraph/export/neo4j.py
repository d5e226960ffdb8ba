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
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from tradegraph.export._common import OMIT, as_multidigraph, atomic_directory, convert

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


def _column_type(values: list[Any]) -> str:
    """One header type for every value of a property; mixed types fall back to string (or string[])."""
    arrays = [value for value in values if isinstance(value, list)]
    if arrays and len(arrays) != len(values):
        return "string"  # some values were lists of maps, now JSON text: the lists become JSON text too
    items = [item for array in arrays for item in array] if arrays else values
    kinds = {_scalar_type(item) for item in items} or {"string"}
    if kinds <= {"int", "long"}:
        kind = "long" if "long" in kinds else "int"
    elif kinds <= {"int", "long", "double"}:
        kind = "double"
    else:
        kind = kinds.pop() if len(kinds) == 1 else "string"
    return f"{kind}[]" if arrays else kind


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


def _groups(
    graph: Any,
) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str, str, str], list[dict[str, Any]]]]:
    """Node rows per label and relationship rows per (type, start label, end label), properties typed."""
    source = as_multidigraph(graph)
    labels = {node: node_label(data.get("type")) for node, data in source.nodes(data=True)}
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, data in source.nodes(data=True):
        properties = _properties(data, {"id"})
        properties.setdefault("label", convert(str(node), "neo4j"))
        nodes[labels[node]].append({"id": convert(str(node), "neo4j"), "props": properties})
    relationships: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, data in source.edges(keys=True, data=True):
        group = (relationship_type(data.get("type")), labels[u], labels[v])
        row = {
            "start": convert(str(u), "neo4j"),
            "end": convert(str(v), "neo4j"),
            "key": convert(str(key), "neo4j"),
        }
        relationships[group].append({**row, "props": _properties(data, {"key"})})
    # One type per property across a whole label or relationship type, as one CSV file holds each.
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (rel_type, _, _), rows in relationships.items():
        by_type[rel_type].extend(rows)
    for rows in [*nodes.values(), *by_type.values()]:
        columns = _columns(rows)
        for row in rows:
            row["props"] = {name: _typed(value, columns[name]) for name, value in row["props"].items()}
    return nodes, relationships


def _columns(rows: list[dict[str, Any]]) -> dict[str, str]:
    values: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        for name, value in row["props"].items():
            values[name].append(value)
    return {name: _column_type(values[name]) for name in sorted(values)}


def _write_csv(path: Path, header: list[str], lines: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(lines)


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


def cypher_statements(graph: Any) -> list[tuple[str, dict[str, Any]]]:
    """(statement, parameters) pairs that load `graph` into Neo4j: constraints first, then nodes, then
    relationships, each `UNWIND $rows AS row MERGE ...` in batches of `BATCH_SIZE` rows."""
    nodes, relationships = _groups(graph)
    statements: list[tuple[str, dict[str, Any]]] = []
    for label in sorted(nodes):
        name, target = _cypher_name(f"{label.lower()}_id"), _cypher_name(label)
        statements.append(
            (f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{target}) REQUIRE n.id IS UNIQUE", {})
        )
    for label in sorted(nodes):
        query = f"UNWIND $rows AS row\nMERGE (n:{_cypher_name(label)} {{id: row.id}})\nSET n += row.props"
        statements.extend((query, {"rows": batch}) for batch in _batches(nodes[label]))
    for rel_type, start, end in sorted(relationships):
        query = (
            "UNWIND $rows AS row\n"
            f"MATCH (a:{_cypher_name(start)} {{id: row.start}})\n"
            f"MATCH (b:{_cypher_name(end)} {{id: row.end}})\n"
            f"MERGE (a)-[r:{_cypher_name(rel_type)} {{key: row.key}}]->(b)\n"
            "SET r += row.props"
        )
        statements.extend(
            (query, {"rows": batch}) for batch in _batches(relationships[(rel_type, start, end)])
        )
    return statements


def _batches(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[start : start + BATCH_SIZE] for start in range(0, len(rows), BATCH_SIZE)]


def _load_script(graph: Any) -> str:
    lines = [
        "// Loads the tradegraph export into Neo4j 5: cypher-shell -u neo4j -p PASSWORD -f load.cypher",
        "// Rows are inline Cypher literals (the same data as the CSV files); re-running only updates.",
        "",
    ]
    for query, parameters in cypher_statements(graph):
        if "rows" in parameters:
            query = query.replace("$rows", cypher_literal(parameters["rows"]), 1)
        lines.append(query + ";")
        lines.append("")
    return "\n".join(lines)


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


def write_neo4j(graph: Any, directory: str | os.PathLike[str]) -> Path:
    """Write neo4j-admin import CSVs, `import.sh` and `load.cypher` for `graph` into `directory`."""
    nodes, relationships = _groups(graph)
    node_files: list[str] = []
    relationship_files: list[str] = []
    with atomic_directory(directory) as staging:
        for label in sorted(nodes):
            columns = _columns(nodes[label])
            header = ["id:ID", ":LABEL"] + [f"{name}:{kind}" for name, kind in columns.items()]
            lines = [
                [row["id"], label] + [_cell(row["props"].get(name), kind) for name, kind in columns.items()]
                for row in nodes[label]
            ]
            node_files.append(f"nodes_{label}.csv")
            _write_csv(staging / node_files[-1], header, lines)
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for (rel_type, _, _), rows in sorted(relationships.items()):
            by_type[rel_type].extend(rows)
        for rel_type, rows in by_type.items():
            columns = _columns(rows)
            header = [":START_ID", ":END_ID", ":TYPE", "key:string"] + [
                f"{n}:{k}" for n, k in columns.items()
            ]
            lines = [
                [row["start"], row["end"], rel_type, row["key"]]
                + [_cell(row["props"].get(name), kind) for name, kind in columns.items()]
                for row in rows
            ]
            relationship_files.append(f"rels_{rel_type}.csv")
            _write_csv(staging / relationship_files[-1], header, lines)
        (staging / "import.sh").write_text(_import_script(node_files, relationship_files), encoding="utf-8")
        (staging / "load.cypher").write_text(_load_script(graph), encoding="utf-8")
    return Path(directory)
