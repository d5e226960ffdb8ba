"""The library's entry point that spans layers: `build_graph` reads articles (running extraction, the NLP
layer), saved graphs and extraction files into one TradeGraph. The graph layer itself never extracts."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tradegraph.documents import InputProblem, iter_documents
from tradegraph.graph import TradeGraph
from tradegraph.graph.files import is_graph_file
from tradegraph.identity import DocumentIdentities
from tradegraph.jsonl import iter_extractions, looks_like_extractions
from tradegraph.models import Document, Extraction

__all__ = ["Source", "build_graph", "graph_from_articles"]

Source = str | os.PathLike[str] | Extraction | TradeGraph


def unique_documents(
    paths: Iterable[str | Path], on_problem: Callable[[InputProblem], None] | None = None
) -> Iterator[Document]:
    """The readable documents under `paths`, each text once, each under a unique doc_id
    (`tradegraph.identity`); problems go to `on_problem`."""
    identities = DocumentIdentities()
    for item in iter_documents(paths):
        if isinstance(item, InputProblem):
            if on_problem is not None:
                on_problem(item)
            continue
        assigned = identities.assign(item)
        if assigned is not None:
            yield assigned[1]


def graph_from_articles(
    paths: Iterable[str | Path],
    model: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
    graph: TradeGraph | None = None,
    on_extraction: Callable[[Extraction], None] | None = None,
) -> TradeGraph:
    """Extract the articles under `paths` into `graph` (a new one by default). Unreadable inputs and
    articles the pipeline fails on go to `on_problem`; without one, a failing article raises ComponentError."""
    from tradegraph.extract import extract_documents  # the NLP pipeline loads only when articles are given

    graph = graph if graph is not None else TradeGraph()
    on_error = None if on_problem is None else (lambda error: on_problem(error.problem))
    for extraction in extract_documents(unique_documents(paths, on_problem), model=model, on_error=on_error):
        graph.add_extraction(extraction)
        if on_extraction is not None:
            on_extraction(extraction)
    return graph


def build_graph(sources: Source | Iterable[Source]) -> TradeGraph:
    """A graph from any mix of article files or directories, saved graphs (.json), extraction files
    (.jsonl), Extraction objects and TradeGraphs. Article paths are read with `tradegraph.extract`; a
    path that does not exist raises FileNotFoundError."""
    if isinstance(sources, (str, os.PathLike, Extraction, TradeGraph)):
        sources = [sources]
    graph = TradeGraph()
    articles: list[Path] = []
    for source in sources:
        if isinstance(source, Extraction):
            graph.add_extraction(source)
        elif isinstance(source, TradeGraph):
            graph.merge(source)
        elif is_graph_file(Path(source)):
            loaded = TradeGraph.load(source)
            graph = loaded if not graph.doc_dates else graph.merge(loaded)
        elif Path(source).suffix.lower() == ".jsonl" and looks_like_extractions(source):
            graph.merge(iter_extractions(source))
        else:
            articles.append(Path(source))
    if articles:
        missing = [str(path) for path in articles if not path.exists()]
        if missing:
            raise FileNotFoundError(f"no such file or directory: {', '.join(missing)}")
        import warnings

        def warn(problem: InputProblem) -> None:
            warnings.warn(f"skipped {problem}", stacklevel=3)

        graph_from_articles(articles, on_problem=warn, graph=graph)
    return graph
