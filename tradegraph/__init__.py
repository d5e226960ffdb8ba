"""tradegraph: news articles about trade between countries → a knowledge graph you can query and export.

>>> import tradegraph
>>> kg = tradegraph.build_graph(["seeds/"])
>>> kg.exports("Kazakhstan", "Iran")
"""

from __future__ import annotations

__version__ = "0.1.0"

from tradegraph.graph import TradeGraph, UnknownCountryError, build_graph  # noqa: E402
from tradegraph.jsonl import load_extractions, save_extractions  # noqa: E402
from tradegraph.models import (  # noqa: E402
    Commodity,
    Country,
    Document,
    Evidence,
    Extraction,
    Location,
    Meeting,
    Official,
    TradeFlow,
    TradeValue,
)


def extract_text(text: str, doc_id: str = "doc", date: str | None = None) -> Extraction:
    """Extract the facts of one article (the spaCy pipeline is built on first use)."""
    from tradegraph.extract import extract_text as _extract_text

    return _extract_text(text, doc_id=doc_id, date=date)


def extract_paths(paths, model: str | None = None):
    """Extract every readable article under `paths` (files or directories); yields Extractions."""
    from tradegraph.extract import extract_paths as _extract_paths

    return _extract_paths(paths, model=model)


def ask(kg: TradeGraph, question: str):
    """Answer a question in words (see docs/questions.md) against a graph."""
    from tradegraph.query import answer_question

    return answer_question(kg, question)


__all__ = [
    "Commodity",
    "Country",
    "Document",
    "Evidence",
    "Extraction",
    "Location",
    "Meeting",
    "Official",
    "TradeFlow",
    "TradeGraph",
    "TradeValue",
    "UnknownCountryError",
    "ask",
    "build_graph",
    "extract_paths",
    "extract_text",
    "load_extractions",
    "save_extractions",
]
