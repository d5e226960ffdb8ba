"""Sentence starts at line breaks: headlines, datelines and bullet items are sentences of their own."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("tg_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class LineBreaks:
    """Marks the token after a line break as a sentence start; the sentencizer fills in the rest."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text_with_ws and not token.text.strip() or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc
