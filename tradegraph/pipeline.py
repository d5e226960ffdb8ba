"""The one place the spaCy pipeline is assembled: a blank English tokenizer plus tradegraph's components.

No trained model is needed. `model` names an installed spaCy pipeline to start from instead (its tagger,
parser and NER are left in place; our rule components run after them).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import spacy
from spacy.lang.tokenizer_exceptions import emoticons
from spacy.language import Language

import tradegraph.components  # noqa: F401  (registers the factories)

# Order matters: each component reads the spans the ones before it wrote.
COMPONENTS: tuple[str, ...] = (
    "tg_line_breaks",
    "tg_sentencizer",
    "tg_sentence_cap",
    "tg_header",
    "tg_countries",
    "tg_places",
    "tg_home",
    "tg_commodities",
    "tg_officials",
    "tg_modality",
    "tg_values",
    "tg_flows",
    "tg_trade_values",
    "tg_meetings",
)

# Left out when the model sets the sentences itself (its parser or senter).
SENTENCE_SPLITTERS = frozenset({"tg_sentencizer", "tg_sentence_cap"})


def build_pipeline(model: str | None = None) -> Language:
    """A fresh pipeline; `model` is an optional installed spaCy pipeline name (e.g. "en_core_web_sm")."""
    with _collector_paused():
        nlp = spacy.load(model) if model else spacy.blank("en")
        _numbers_not_emoticons(nlp)
        for name in COMPONENTS:
            if name in SENTENCE_SPLITTERS and (nlp.has_pipe("parser") or nlp.has_pipe("senter")):
                continue
            nlp.add_pipe(name)
    return nlp


def _numbers_not_emoticons(nlp: Language) -> None:
    """Drop the tokenizer's emoticons that hold a digit ("(-8", "8)", ":3"): in news text they are figures in
    brackets ("onions (-8%)", "tea (8)") and must split like any other number."""
    rules = nlp.tokenizer.rules or {}
    nlp.tokenizer.rules = {
        text: tokens
        for text, tokens in rules.items()
        if not (text in emoticons and any(c.isdigit() for c in text))
    }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading the gazetteers allocates ~1M long-lived objects and creates no garbage cycles, yet each
    allocation burst triggers full garbage collections that rescan everything loaded so far: pausing the
    collector halves the build time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def get_pipeline(model: str | None = None) -> Language:
    """The pipeline for this process, built once per model and shared (workers call this too)."""
    return _shared_pipeline(model)  # one cache key for get_pipeline() and get_pipeline(None)


@lru_cache(maxsize=4)
def _shared_pipeline(model: str | None) -> Language:
    nlp = build_pipeline(model)
    # The shared pipeline lives as long as the process: its ~500k objects (gazetteers, rule tables) go to
    # the collector's permanent generation. Otherwise every full collection while extracting rescans them
    # (0.5-1 s each, one every few hundred articles), and so do the first young collections after the build,
    # which ran with the collector paused. Pipelines built apart (tests) stay collectable.
    gc.freeze()
    return nlp
