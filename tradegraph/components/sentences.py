"""Sentence bounds: starts at line breaks and after the article header (headlines, datelines, bullet items and
the " date 2021-05-05" header are sentences of their own), set before the sentencizer; and a cap on sentence
length, applied after it."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer as SpacySentencizer
from spacy.tokens import Doc

from tradegraph.components.base import doc_text, token_flags

_HEADER_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", re.I)

# The rule components look at the tokens of a sentence again for each trade word in it, so their time grows
# with the square of a sentence's length: a sentence longer than this (a flattened table, a list or a whole
# text without punctuation) is cut. The longest sentence of the gold corpora has 123 tokens.
MAX_SENTENCE_TOKENS = 200
# Where a sentence over the cap is best cut: after the last of these in the second half of the budget.
_CLAUSE_BREAKS = frozenset({";", ":", ",", "—", "–"})


@Language.factory("tg_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class LineBreaks:
    """Marks the token after a line break as a sentence start; the sentencizer fills in the rest."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        # The offsets read once per Doc (base.token_flags) instead of a Token object per token. A token's
        # trailing whitespace runs from its end to the next token's start; a space token's own text counts too.
        flags = token_flags(doc)
        after_breaks = _tokens_after_breaks(text, flags.idx, flags.text, flags.is_space)
        if after_breaks:
            _mark_sentence_starts(doc, after_breaks)
        header = _HEADER_DATE.match(text)
        if header and not re.match(r"By\s", text[header.end() :]):
            after = doc.char_span(header.end(), len(text), alignment_mode="expand")
            if after is not None and after.start > 0:
                after[0].is_sent_start = True
        return doc


def _tokens_after_breaks(text: str, starts: list[int], words: list[str], spaces: list[int]) -> list[int]:
    """Indices of the tokens that follow a line break: in the trailing whitespace of the token before them
    or in a space token before them. Found from the text's line breaks (a few per article), each placed by a
    bisection, instead of a slice of the text per token."""
    found: list[int] = []
    last = len(starts) - 1
    position = text.find("\n")
    while position >= 0:
        i = bisect_right(starts, position) - 1  # the token at or before the line break
        if 0 <= i < last and position >= (starts[i] if spaces[i] else starts[i] + len(words[i])):
            if not found or found[-1] != i + 1:
                found.append(i + 1)
            # the other line breaks before the next token mark the same one
            position = text.find("\n", starts[i + 1])
        else:
            position = text.find("\n", position + 1)
    return found


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


@Language.factory("tg_sentencizer", assigns=["token.is_sent_start", "doc.sents"])
def make_sentencizer(nlp: Language, name: str) -> Sentencizer:
    return Sentencizer()


class Sentencizer:
    """spaCy's rule-based sentencizer, read off the token table (spaCy's builds a Token object per token): a
    sentence starts at the first token after a run of sentence-final marks (spaCy's list: . ! ? and their
    counterparts in other scripts) that is no punctuation itself. A token whose start an earlier component
    decided (tg_line_breaks) keeps it; every other token is marked a start or not one."""

    def __init__(self, punct_chars: frozenset[str] = frozenset(SpacySentencizer.default_punct_chars)) -> None:
        self.punct_chars = punct_chars

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        flags = token_flags(doc)
        punct_chars = self.punct_chars
        starts = [0]
        seen_period = False
        for i, (text, is_punct) in enumerate(zip(flags.text, flags.is_punct, strict=True)):
            in_punct_chars = text in punct_chars
            if seen_period and not is_punct and not in_punct_chars:
                starts.append(i)
                seen_period = False
            elif in_punct_chars:
                seen_period = True
        column = doc.to_array(SENT_START).astype(numpy.int64)  # 1 start, -1 no start, 0 undecided
        guessed = numpy.full(len(column), -1, dtype=numpy.int64)
        guessed[starts] = 1
        undecided = column == 0
        if undecided.any():
            column[undecided] = guessed[undecided]
            doc.from_array([SENT_START], column.astype(numpy.uint64))  # -1 as spaCy stores it
        return doc


@Language.factory(
    "tg_sentence_cap",
    default_config={"max_tokens": MAX_SENTENCE_TOKENS},
    requires=["token.is_sent_start"],
    assigns=["token.is_sent_start"],
)
def make_sentence_cap(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    return SentenceCap(max_tokens)


class SentenceCap:
    """Cuts every sentence longer than `max_tokens` tokens into runs of at most `max_tokens`, each ending
    after its last clause break (; : , or a dash) in the second half of the run, else at the cap.

    Runs after the sentencizer. A Doc parsed by a spaCy model keeps the parser's sentences, as spaCy does
    not let them change.
    """

    def __init__(self, max_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        if max_tokens < 2:
            raise ValueError("max_tokens must be at least 2")
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) <= self.max_tokens or doc.has_annotation("DEP"):
            return doc
        column = doc.to_array(SENT_START).tolist()
        bounds = [0, *(i for i, value in enumerate(column) if value == 1 and i > 0), len(doc)]
        texts = token_flags(doc).text
        cuts: list[int] = []
        for start, end in itertools.pairwise(bounds):
            while end - start > self.max_tokens:
                cut = start + self.max_tokens
                for i in range(cut - 1, start + self.max_tokens // 2 - 1, -1):
                    if texts[i] in _CLAUSE_BREAKS:
                        cut = i + 1
                        break
                cuts.append(cut)
                start = cut
        if cuts:
            _mark_sentence_starts(doc, cuts)
        return doc
