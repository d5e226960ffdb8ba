"""Sentence starts at line breaks and after the article header: headlines, datelines, bullet items and the
" date 2021-05-05" header are sentences of their own. Also the sentence look-ups the other components share."""

from __future__ import annotations

import re

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from tradegraph.components.base import doc_text

_HEADER_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", re.I)


@Language.factory("tg_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class LineBreaks:
    """Marks the token after a line break as a sentence start; the sentencizer fills in the rest."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        # One C-level read of the offsets instead of a Token object per token. A token's trailing whitespace
        # runs from its end to the next token's start; a space token's own text counts too.
        rows = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) > 1 else []
        after_breaks = [
            i + 1
            for i, (start, length, is_space) in enumerate(rows[:-1])
            if "\n" in text[start if is_space else start + length : rows[i + 1][0]]
        ]
        if after_breaks:
            _mark_sentence_starts(doc, after_breaks)
        header = _HEADER_DATE.match(text)
        if header and not re.match(r"By\s", text[header.end() :]):
            after = doc.char_span(header.end(), len(text), alignment_mode="expand")
            if after is not None and after.start > 0:
                after[0].is_sent_start = True
        return doc


def _mark_sentence_starts(doc: Doc, indices: list[int]) -> None:
    """token.is_sent_start = True for each index, written in one from_array: the Token setter checks the
    whole Doc for a parse on every call."""
    if doc.has_annotation("DEP"):
        for i in indices:
            doc[i].is_sent_start = True  # raises, as spaCy forbids changing a parsed Doc's sentences
        return
    column = doc.to_array(SENT_START)
    column[indices] = 1
    doc.from_array([SENT_START], column)
