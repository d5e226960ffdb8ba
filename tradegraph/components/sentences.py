"""Sentence starts at line breaks and after the article header: headlines, datelines, bullet items and the
" date 2021-05-05" header are sentences of their own."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_HEADER_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", re.I)


@Language.factory("tg_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class LineBreaks:
    """Marks the token after a line break as a sentence start; the sentencizer fills in the rest."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                doc[token.i + 1].is_sent_start = True
        header = _HEADER_DATE.match(doc.text)
        if header and not re.match(r"By\s", doc.text[header.end() :]):
            after = doc.char_span(header.end(), len(doc.text), alignment_mode="expand")
            if after is not None and after.start > 0:
                after[0].is_sent_start = True
        return doc
