"""Which graph a command reads, and saying so.

`--graph FILE` (a saved graph), `--db STORE` (a store, read in place and read-only) or article paths, one
kind at a time. With none of them the reading commands (`query`, `export`, `plot`, `view`) read what `build`
and `ingest` leave in the working directory: `./graph.json` or `./tradegraph.db` (the one written last when
both are there), and the shipped `seeds/` only when there is neither. `build` itself reads articles
(default: the seeds). Every command names the graph it read on stderr, so an answer never silently comes
from another graph than the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import typer

from tradegraph.answers import AnswerSource
from tradegraph.documents import InputProblem
from tradegraph.graph import TradeGraph

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_STORE",
    "GraphSource",
    "announce",
    "choose_source",
    "document_count",
    "load",
    "open_source",
]

#: Where `build` saves its graph and `ingest` its store unless told otherwise (relative to the working
#: directory), and so where the reading commands look first.
DEFAULT_GRAPH = Path("graph.json")
DEFAULT_STORE = Path("tradegraph.db")

Kind = Literal["graph", "store", "articles", "seeds"]


@dataclass(frozen=True)
class GraphSource:
    """Where a command's graph comes from; `why` says why a default was taken."""

    kind: Kind
    paths: tuple[Path, ...]
    why: str = ""

    def describe(self) -> str:
        if self.kind == "seeds":
            return "the shipped seeds/"
        if self.kind == "store":
            return f"store {self.paths[0]}"
        if self.kind == "graph":
            return str(self.paths[0])
        return "articles " + ", ".join(str(path) for path in self.paths)

    def info(self, kg: TradeGraph) -> AnswerSource:
        """The source as the JSON output names it."""
        return AnswerSource(
            kind=self.kind,
            paths=[str(path) for path in self.paths],
            documents=document_count(kg),
            why=self.why or None,
        )


def document_count(kg: TradeGraph) -> int:
    """How many documents a graph holds (a store counts its rows instead of loading them)."""
    store = getattr(kg, "store", None)
    if store is not None:
        return store.document_count()
    return len(kg.doc_dates)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _written(path: Path) -> float:
    """When a graph file or a store (with its write-ahead log) was last written."""
    times = [candidate.stat().st_mtime for candidate in (path, Path(f"{path}-wal")) if candidate.exists()]
    return max(times)


def choose_source(
    graph: Path | None = None,
    db: Path | None = None,
    inputs: list[Path] | None = None,
    *,
    saved_default: bool = True,
    seeds: Path | None = None,
) -> GraphSource:
    """The one source the options name; without any, the working directory's graph or store (with
    `saved_default`), else the shipped seeds. Naming two kinds at once is an error (exit 2)."""
    given = [name for name, value in (("--graph", graph), ("--db", db), ("articles", inputs)) if value]
    if len(given) > 1:
        raise _fail(f"give one source of the graph, not both {given[0]} and {given[1]}")
    if graph is not None:
        return GraphSource("graph", (graph,))
    if db is not None:
        return GraphSource("store", (db,))
    if inputs:
        return GraphSource("articles", tuple(inputs))
    if saved_default:
        present = [path for path in (DEFAULT_GRAPH, DEFAULT_STORE) if path.is_file()]
        if len(present) == 2:
            newer, older = sorted(present, key=_written, reverse=True)
            kind = "graph" if newer == DEFAULT_GRAPH else "store"
            return GraphSource(kind, (newer,), f"in the working directory, written after {older}")
        if present:
            kind = "graph" if present[0] == DEFAULT_GRAPH else "store"
            return GraphSource(kind, (present[0],), "in the working directory")
    from tradegraph.cli_common import SEEDS_DIR

    seeds = seeds or SEEDS_DIR
    if not seeds.is_dir():
        raise _fail(f"no input given and the shipped seeds directory is missing: {seeds}")
    why = (
        f"no {DEFAULT_GRAPH} or {DEFAULT_STORE} in the working directory: `tradegraph build DIR` or "
        "`tradegraph ingest DIR` makes one"
        if saved_default
        else ""
    )
    return GraphSource("seeds", (seeds,), why)


def open_source(
    source: GraphSource, model: str | None = None, problems: list[InputProblem] | None = None
) -> TradeGraph:
    """The graph of a source; a file or store that cannot be read is one `error:` line (exit 2). Each bad
    article is reported as it is met and added to `problems`, so that the command can do its work with the
    others and then exit with 1."""
    if source.kind == "graph":
        path = source.paths[0]
        if not path.exists():
            raise _fail(f"graph file not found: {path}")
        try:
            return TradeGraph.load(path)
        except (ValueError, OSError) as exc:
            raise _fail(str(exc)) from None
    if source.kind == "store":
        from tradegraph.store import StoreError

        path = source.paths[0]
        if not path.exists():
            raise _fail(f"store not found: {path} (create it with `tradegraph ingest`)")
        try:
            return TradeGraph.open(path)
        except StoreError as exc:
            raise _fail(f"{path}: {exc}") from None
    from tradegraph.cli_common import graph_with_progress, require_model

    require_model(model)
    problems = [] if problems is None else problems
    kg = graph_with_progress(list(source.paths), model, problems)
    if problems and not kg.doc_dates:
        raise _fail("no readable article among the inputs", 1)
    return kg


def load(
    graph: Path | None = None,
    db: Path | None = None,
    inputs: list[Path] | None = None,
    model: str | None = None,
    problems: list[InputProblem] | None = None,
    *,
    saved_default: bool = True,
) -> tuple[TradeGraph, GraphSource]:
    """The graph a command works on, and where it came from (bad articles go to `problems`)."""
    source = choose_source(graph, db, inputs, saved_default=saved_default)
    return open_source(source, model, problems), source


def announce(source: GraphSource, kg: TradeGraph, lead: str = "graph") -> None:
    """Name the graph on stderr: `graph: graph.json (41 documents; in the working directory)`."""
    documents = document_count(kg)
    details = [f"{documents} document{'s' if documents != 1 else ''}"] + ([source.why] if source.why else [])
    typer.echo(f"{lead}: {source.describe()} ({'; '.join(details)})", err=True)
