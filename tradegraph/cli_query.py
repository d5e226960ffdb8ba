"""The `tradegraph query` command (registered by tradegraph.cli) and how an answer is printed.

Formats: `table` for people (numbers in words, the sources' sentences once each under the table, numbered,
the rows pointing to them; `--explain` prints each row with its full sentences, the matched words
marked), `json` (the whole result, with the graph it came from), `jsonl` (one answer per line, lists kept as
lists) and `csv` (one flat row per answer). Numbers are plain in json, jsonl and csv (75600000000). An
empty answer prints nothing on stdout in csv and jsonl (its message goes to stderr), so pipes stay clean;
the graph read is named on stderr (in json: the `graph` field).

The table and `--explain` show the first 20 answers (`--limit N`, 0 for all) and say how many more there
are; json, jsonl and csv print every answer unless `--limit` is given. Rows are printed as they are built
(`tradegraph.query.stream_question`), so a large answer is never held whole.
"""

from __future__ import annotations

import csv
import json
import sys
import textwrap
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Annotated, Any

import typer

from tradegraph.answers import plain_numbers
from tradegraph.cli_common import (
    DbOption,
    GraphOption,
    ReadInputsArgument,
    date_bound,
    fail,
    render_table,
    terminal_width,
)
from tradegraph.documents import InputProblem
from tradegraph.models import Evidence

__all__ = ["query_command", "render_explained", "render_table_answer"]

# Columns left out of the terminal table (they stay in json/csv): names repeated from codes, bookkeeping,
# and the evidence, which the table prints once under the rows.
_TABLE_HIDDEN = frozenset(
    {"doc_ids", "dates", "hs_section", "evidence"}
    | {f"{side}_name" for side in ("exporter", "importer", "country", "partner", "reporter", "posted_to")}
)
_PROVENANCE = ("mentions", "doc_ids", "evidence", "sources")
_REFS_PER_ROW = 3
_MAX_NOTES = 20
#: Answers the table and --explain show unless --limit says otherwise (machine formats print all).
TABLE_ROWS = 20


def _columns(records: list[dict[str, Any]], hidden: frozenset[str] | None = None) -> list[str]:
    """The facts first, their provenance last. For the table (`hidden` given) the hidden columns and those
    empty (or False: "negated", "former") in every row are left out; CSV keeps every column, so its header
    is the same for every answer."""
    names = [k for k in dict.fromkeys(k for r in records for k in r) if k not in _PROVENANCE]
    names += [k for k in _PROVENANCE if any(k in r for r in records)]
    if hidden is None:
        return names
    return [n for n in names if n not in hidden and any(r.get(n) not in (None, "", False) for r in records)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, width: int | None) -> str:
    return text if width is None or len(text) <= width else text[: max(width - 1, 1)] + "…"


def render_table_answer(rows: list[Any], width: int | None = None) -> str:
    """Answer rows as a table with their source sentences printed once, numbered, under it (each clipped to
    `width`; None: no limit). Each row's `sources` names up to three of its sentences."""
    records = [row.row(True) for row in rows]
    notes: dict[tuple[str, str], int] = {}
    for row, record in zip(rows, records, strict=True):
        refs = []
        for item in _row_evidence(row):
            key = (item.doc_id, _one_line(item.sentence))
            if key not in notes and len(notes) < _MAX_NOTES:
                notes[key] = len(notes) + 1
            if key in notes:
                refs.append(notes[key])
        shown = " ".join(f"[{ref}]" for ref in refs[:_REFS_PER_ROW])
        more = len(_row_evidence(row)) - min(len(refs), _REFS_PER_ROW)
        record["sources"] = (
            f"{shown} +{more}" if more > 0 and shown else shown or (f"+{more}" if more else "")
        )
    names = _columns(records, _TABLE_HIDDEN)
    lines = [render_table(records, names, width=width)]
    for (doc_id, sentence), number in notes.items():
        lines.append(_clip(f"[{number}] {doc_id}: {sentence}", width))
    total = len({(item.doc_id, _one_line(item.sentence)) for row in rows for item in _row_evidence(row)})
    if total > len(notes):
        lines.append(f"… {total - len(notes)} more source sentences: --explain prints them all")
    return "\n".join(lines)


def _row_evidence(row: Any) -> list[Evidence]:
    if isinstance(getattr(row, "evidence", None), list):
        return row.evidence
    # An EvidenceAnswer is itself one sentence.
    return [Evidence(doc_id=row.doc_id, sentence=row.sentence, start=row.start, end=row.end, text=row.text)]


def _highlight(evidence: Evidence, colour: bool) -> str:
    sentence = _one_line(evidence.sentence)
    text = _one_line(evidence.text)
    if text and text in sentence:
        marked = f"\033[1;33m{text}\033[0m" if colour else f"«{text}»"
        sentence = sentence.replace(text, marked, 1)
    return f"  [{evidence.doc_id}] {sentence}"


def render_explained(rows: list[Any], colour: bool = False) -> str:
    """Each answer on one line (its facts), then every sentence it was read from, the matched words marked."""
    lines = []
    for row in rows:
        record = row.row(True)
        lines.append(
            ", ".join(
                f"{key}={value}"
                for key, value in record.items()
                if key not in {"evidence", "doc_ids"} and value not in (None, "")
            )
        )
        lines += [_highlight(item, colour) for item in _row_evidence(row)]
    return "\n".join(lines)


def query_command(
    question: Annotated[
        str,
        typer.Argument(metavar="QUESTION", help='A question, e.g. "what does Kazakhstan export to Iran".'),
    ],
    inputs: ReadInputsArgument = None,
    graph: GraphOption = None,
    db: DbOption = None,
    input_options: Annotated[
        list[Path] | None,
        typer.Option(
            "--input",
            "-i",
            metavar="PATH",
            help="Articles to read, as the PATH arguments; -i a.txt b.txt reads both.",
            readable=False,
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="table, json, jsonl or csv.")
    ] = "table",
    json_output: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every source sentence with the matched words marked.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only articles dated on or after (YYYY[-MM[-DD]])."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only articles dated on or before (YYYY[-MM[-DD]])."),
    ] = None,
    modality: Annotated[
        str | None,
        typer.Option("--modality", metavar="MODALITY", help="Only actual, planned or potential flows."),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            min=0,
            help=f"Print at most N answers; 0: all. Default: {TABLE_ROWS} in the table and with --explain, "
            "every answer in json, jsonl and csv.",
        ),
    ] = None,
) -> None:
    """Ask the graph a question. See docs/questions.md for the supported forms.

    With no --graph, --db or articles: ./graph.json or ./tradegraph.db (what `tradegraph build` and `tradegraph ingest` write; the one written last when both are there), else the shipped seeds/. The graph read is named on stderr (in --json: the `graph` field).

    A question with no answer says so and exits 0 (csv and jsonl then print nothing on stdout); one that cannot be parsed prints the closest supported forms and exits 2.
    """
    from tradegraph.cli_source import choose_source, open_source
    from tradegraph.query import parse_question, stream_question

    fmt = "json" if json_output else format
    if fmt not in {"table", "json", "jsonl", "csv"}:
        raise fail(f"unknown format {format!r} (choose from: table, json, jsonl, csv)", 2)
    if modality is not None and modality not in {"actual", "planned", "potential"}:
        raise fail(f"unknown modality {modality!r} (choose from: actual, planned, potential)", 2)
    since, until = date_bound(since, "--since"), date_bound(until, "--until")
    source = choose_source(graph, db, [*(input_options or []), *(inputs or [])] or None)
    try:
        parsed = parse_question(question)
    except ValueError as exc:  # unreadable question, unknown country
        raise fail(str(exc), 2) from None
    problems: list[InputProblem] = []
    kg = open_source(source, problems=problems)
    try:
        result = stream_question(kg, parsed, modality=modality, since=since, until=until)
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    if limit is None:
        limit = 0 if fmt != "table" else TABLE_ROWS
    _print_answer(result, fmt, explain, source, kg, limit)
    if problems:
        raise typer.Exit(1)


def _print_answer(result: Any, fmt: str, explain: bool, source: Any, kg: Any, limit: int) -> None:
    """Print the answer's first `limit` rows (0: all) as they are built, and how many more there are."""
    from tradegraph.cli_source import announce

    total = len(result.rows)
    rows = islice(result.rows, limit) if limit else iter(result.rows)
    more = total - min(total, limit) if limit else 0
    if fmt == "json":
        _print_json(result, rows, source.info(kg))
    else:
        announce(source, kg)
        if not total:
            message = result.message or "No answer in the graph."
            typer.echo(message, err=fmt in {"csv", "jsonl"})
            return
        if fmt == "jsonl":
            for row in rows:
                typer.echo(json.dumps(plain_numbers(row.model_dump(mode="json")), ensure_ascii=False))
        elif fmt == "csv":
            _print_csv(rows)
        elif explain:
            typer.echo(render_explained(list(rows), colour=sys.stdout.isatty()))
        else:
            typer.echo(render_table_answer(list(rows), terminal_width()))
    if more:
        note = f"… {more:,} more answer{'s' if more != 1 else ''}: --limit 0 prints all {total:,}"
        typer.echo(note, err=fmt != "table")


def _print_csv(rows: Iterable[Any]) -> None:
    """One CSV row per answer, written as it comes; every answer of an intent has the same columns."""
    writer = None
    for row in rows:
        record = row.row()
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=_columns([record]), lineterminator="\n")
            writer.writeheader()
        writer.writerow(record)


def _print_json(result: Any, rows: Iterable[Any], source: Any) -> None:
    """The whole result as one indented JSON object, exactly as `json.dumps` writes a QueryResult, with
    its rows written one at a time."""
    from tradegraph.query import QueryResult

    head = QueryResult(
        question=result.question, intent=result.intent, rows=[], message=result.message, graph=source
    )
    text = json.dumps(plain_numbers(head.model_dump(mode="json")), ensure_ascii=False, indent=2)
    before, after = text.split('\n  "rows": [],\n', 1)
    out = sys.stdout
    out.write(before + '\n  "rows": [')
    count = 0
    for count, row in enumerate(rows, 1):
        item = json.dumps(plain_numbers(row.model_dump(mode="json")), ensure_ascii=False, indent=2)
        out.write(("," if count > 1 else "") + "\n" + textwrap.indent(item, "    "))
    out.write(("\n  ]" if count else "]") + ",\n" + after + "\n")
