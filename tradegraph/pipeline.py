"""The one place the spaCy pipeline is assembled: a blank English tokenizer plus tradegraph's components.

No trained model is needed. `model` names an installed spaCy pipeline to start from instead (its tagger,
parser and NER are left in place; our rule components run after them).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import tradegraph.components  # noqa: F401  (registers the factories)

# Order matters: each component reads the spans the ones before it wrote.
COMPONENTS: tuple[str, ...] = (
    "tg_line_breaks",
    "sentencizer",
    "tg_header",
    "tg_countries",
    "tg_places",
    "tg_commodities",
    "tg_officials",
    "tg_modality",
    "tg_values",
    "tg_flows",
    "tg_trade_values",
    "tg_meetings",
)


def build_pipeline(model: str | None = None) -> Language:
    """A fresh pipeline; `model` is an optional installed spaCy pipeline name (e.g. "en_core_web_sm")."""
    nlp = spacy.load(model) if model else spacy.blank("en")
    for name in COMPONENTS:
        if name == "sentencizer" and (nlp.has_pipe("parser") or nlp.has_pipe("senter")):
            continue
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    """The pipeline for this process, built once and shared (workers call this too)."""
    return build_pipeline(model)
