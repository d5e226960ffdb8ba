"""What the CLI commands share: their common parameters, how bad input and bad output paths are reported,
reading articles with progress, how rows are printed (table, JSON, CSV), and how `--help` shows parameters.
Which graph a command reads is `tradegraph.cli_source`."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from tradegraph.answers import human_number
from tradegraph.atomic import output_problem
from tradegraph.dates import check_date_bound
from tradegraph.documents import InputProblem, InputWarning
from tradegraph.graph import TradeGraph
from tradegraph.models import Extraction

OutputFormat = Literal["table", "json", "jsonl", "csv"]
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

# -- parameters the commands share ----------------------------------------------------------------------------
# Paths are checked by the commands, which report each bad input on one `error:` line and go on with the
# others (readable=False): click's own check would stop the whole command with a usage box.
InputsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Article files or directories (.txt, .md, .jsonl, .json, .html). Default: the shipped seeds/.",
        show_default=False,
        readable=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="PIPELINE",
        help="An installed spaCy pipeline to run under the rules (optional; none is needed).",
    ),
]
GraphOption = Annotated[
    Path | None,
    typer.Option(
        "--graph", "-g", metavar="FILE", help="A saved graph (from `tradegraph build`).", readable=False
    ),
]
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", metavar="FILE", help="A store made by `tradegraph ingest` (only read).", readable=False
    ),
]
#: The PATH argument of the commands that read a saved graph when given no articles.
ReadInputsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Article files or directories to read instead of a saved graph. With no PATH, --graph or --db: "
        "./graph.json or ./tradegraph.db (the one written last), else the shipped seeds/.",
        show_default=False,
        readable=False,
    ),
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one `error:` line on stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_output(path: Path) -> None:
    """Refuse an output path that cannot be written (missing or read-only directory, a directory in its
    place) before any work is done: one `error:` line, exit code 2."""
    problem = output_problem(path)
    if problem is not None:
        raise fail(problem, 2)


def date_bound(value: str | None, name: str) -> str | None:
    """A --since/--until value checked against the calendar: 2020-13 and 2020-02-30 are one `error:` line
    and exit code 2."""
    if value is None:
        return None
    try:
        return check_date_bound(value, name)
    except ValueError as error:
        raise fail(str(error), 2) from None


def show_input_warnings() -> None:
    """Print each InputWarning (a record read without its bad date) as one `warning: ...` line on stderr,
    every time, and leave other warnings as Python shows them."""
    warnings.filterwarnings("always", category=InputWarning)
    shown = warnings.showwarning
    if getattr(shown, "tradegraph", False):
        return

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if issubclass(category, InputWarning):
            typer.echo(f"warning: {message}", err=True)
        else:
            shown(message, category, filename, lineno, file, line)

    show.tradegraph = True  # type: ignore[attr-defined]
    warnings.showwarning = show


# How a value's Python type reads in `--help` when no metavar is given.
_TYPE_METAVARS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "path": "PATH", "bool": "BOOLEAN"}


def _metavar(type_label: str) -> str:
    """'<str>' -> 'TEXT', '<list[Path]>' -> 'PATH', '<int range>' -> 'INTEGER'; choices ('<a|b>') stay."""
    label = type_label.strip("<>")
    label = label.removeprefix("list[").removesuffix("]").removesuffix(" range")
    return _TYPE_METAVARS.get(label.lower(), label)


def polish_help() -> None:
    """Show each parameter's metavar (FILE, FORMAT, DATE; TEXT, INTEGER or PATH when none is given) in
    `--help` where typer ≥ 0.2x prints its Python type (<str>, <list[Path]>), and nothing for flags, which
    take no value, or arguments, which are named by their metavar already. Older typer versions print
    metavars themselves and are left alone."""
    from typer import core

    for cls in (getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)):
        original = getattr(cls, "display_type_rich", None)
        if original is None or getattr(original, "tradegraph", False):
            continue

        def display_type_rich(self, ctx, _original=original):
            if isinstance(self, core.TyperArgument) or getattr(self, "is_flag", False):
                return None
            if self.metavar:
                return self.metavar
            shown = _original(self, ctx)
            return _metavar(shown) if isinstance(shown, str) else shown

        display_type_rich.tradegraph = True  # type: ignore[attr-defined]
        cls.display_type_rich = display_type_rich


def default_inputs(inputs: list[Path] | None) -> list[Path]:
    """The given paths, or the shipped seeds/ when none are given."""
    if inputs:
        return list(inputs)
    if not SEEDS_DIR.is_dir():
        raise fail(f"no input given and the shipped seeds directory is missing: {SEEDS_DIR}", 2)
    return [SEEDS_DIR]


def report_problem(problem: InputProblem) -> None:
    """One `error: <path>: <message>` line on stderr."""
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
        return human_number(value)
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


def terminal_width() -> int | None:
    """The terminal's width when stdout is one; None (no limit) when it is a pipe or a file."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def render_table(
    rows: list[dict[str, Any]], names: list[str], title: str | None = None, width: int | None = None
) -> str:
    """A text table as wide as its cells need, folded to `width` when wider (None: the terminal's width on a
    terminal, never folded in a pipe or a file)."""
    from rich.console import Console
    from rich.table import Table

    width = width or terminal_width()
    table = Table(title=title, show_lines=False, header_style="bold")
    for name in names:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(name)) for name in names))
    console = Console(file=io.StringIO(), width=width or 100_000, force_terminal=False, color_system=None)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())
