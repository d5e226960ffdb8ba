"""tradegraph: news articles about trade between countries → a knowledge graph you can query and export.

>>> import tradegraph
>>> kg = tradegraph.build_graph(["seeds/"])
>>> kg.exports("Kazakhstan", "Iran")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tradegraph.graph import TradeGraph, UnknownCountryError
    from tradegraph.jsonl import load_extractions, save_extractions
    from tradegraph.library import build_graph
    from tradegraph.models import (
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

# Imported on first use (PEP 562), so `import tradegraph` does not load networkx, pydantic and the schema
# when a script or worker only needs one submodule.
_LAZY: dict[str, str] = {
    "TradeGraph": "tradegraph.graph",
    "UnknownCountryError": "tradegraph.graph",
    "build_graph": "tradegraph.library",
    "load_extractions": "tradegraph.jsonl",
    "save_extractions": "tradegraph.jsonl",
    **dict.fromkeys(
        (
            "Commodity",
            "Country",
            "Document",
            "Evidence",
            "Extraction",
            "Location",
            "Meeting",
            "Official",
            "TradeFlow",
            "TradeValue",
        ),
        "tradegraph.models",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
