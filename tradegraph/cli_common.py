"""What the CLI commands share: where the graph comes from, and how rows are printed (table, JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import typer

from tradegraph.documents import InputProblem
from tradegraph.graph import TradeGraph
from tradegraph.models import Extraction

OutputFormat = Literal["table", "json", "jsonl", "csv"]
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one `error:` line on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def default_inputs(inputs: list[Path] | None) -> list[Path]:
    """The given paths, or the shipped seeds/ when none are given."""
    if inputs:
        return list(inputs)
    if not SEEDS_DIR.is_dir():
        raise fail(f"no input given and the shipped seeds directory is missing: {SEEDS_DIR}", 2)
    return [SEEDS_DIR]


def report_problem(problem: InputProblem) -> None:
    typer.echo(f"error: {problem}", err=True)


def extract_with_progress(
    paths: list[Path], model: str | None, problems: list[InputProblem]
) -> Iterator[Extraction]:
    """Extract articles under `paths`, reporting unreadable inputs and showing progress on a terminal."""
    from tradegraph.extract import extract_paths

    def on_problem(problem: InputProblem) -> None:
        problems.append(problem)
        report_problem(problem)

    extractions = extract_paths(paths, model=model, on_problem=on_problem)
    if not sys.stderr.isatty():
        yield from extractions
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("extracting", total=None)
        for extraction in extractions:
            progress.update(task, advance=1, description=f"extracting {extraction.doc_id}")
            yield extraction


def require_model(model: str | None) -> None:
    """Load the optional spaCy model now, so a missing one is one clear error line."""
    if model is None:
        return
    from tradegraph.pipeline import get_pipeline

    try:
        get_pipeline(model)
    except OSError:
        raise fail(
            f"spaCy pipeline {model!r} is not installed (the default needs none: leave out --model)", 2
        ) from None


def load_graph(
    graph: Path | None = None,
    db: Path | None = None,
    inputs: list[Path] | None = None,
    model: str | None = None,
) -> TradeGraph:
    """The graph a command works on: a saved graph file, a store (read in place: questions are answered
    from its tables, nothing is built), or articles (default: seeds/)."""
    if graph is not None:
        if not graph.exists():
            raise fail(f"graph file not found: {graph}", 2)
        try:
            return TradeGraph.load(graph)
        except (ValueError, OSError) as exc:
            raise fail(str(exc), 2) from None
    if db is not None:
        from tradegraph.store import StoreError

        if not db.exists():
            raise fail(f"store not found: {db} (create it with `tradegraph ingest`)", 2)
        try:
            return TradeGraph.open(db)
        except StoreError as exc:
            raise fail(f"{db}: {exc}", 2) from None
    require_model(model)
    problems: list[InputProblem] = []
    kg = graph_with_progress(default_inputs(inputs), model, problems)
    if problems and not kg.doc_dates:
        raise fail("no readable article among the inputs", 1)
    return kg


def graph_with_progress(paths: list[Path], model: str | None, problems: list[InputProblem]) -> TradeGraph:
    """A graph of the articles under `paths` (each text once, doc_ids unique), reporting unreadable inputs
    and showing progress on a terminal."""
    from tradegraph.library import graph_from_articles

    def on_problem(problem: InputProblem) -> None:
        problems.append(problem)
        report_problem(problem)

    if not sys.stderr.isatty():
        return graph_from_articles(paths, model=model, on_problem=on_problem)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("extracting", total=None)

        def advance(extraction: Extraction) -> None:
            progress.update(task, advance=1, description=f"extracting {extraction.doc_id}")

        return graph_from_articles(paths, model=model, on_problem=on_problem, on_extraction=advance)


# -- output ------------------------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def render_rows(rows: list[dict[str, Any]], fmt: OutputFormat, columns: Iterable[str] | None = None) -> str:
    """Rows of scalars as a table, a JSON array, JSON lines or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    names = list(columns) if columns is not None else list(dict.fromkeys(k for row in rows for k in row))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=names, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    return render_table(rows, names)


def render_table(rows: list[dict[str, Any]], names: list[str], title: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for name in names:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(name)) for name in names))
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue().rstrip("\n")
