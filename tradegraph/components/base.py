"""Doc extensions shared by the components, and small token helpers they all use."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from typing import NamedTuple

from spacy.attrs import IDX, ORTH, SENT_START
from spacy.tokens import Doc, Span

from tradegraph.models import Evidence

DOC_EXTENSIONS: dict[str, object] = {
    "doc_id": "",
    "date": None,
    "author": None,
    "title": None,
    "body_start": 0,  # character offset where the article body starts (after the header line)
    "officials": None,  # list[Official]
    "organizations": None,  # list[Organization]
    "locations": None,  # list[tuple[Location, Span]]
    "trade_flows": None,  # list[TradeFlow]
    "trade_values": None,  # list[TradeValue]
    "meetings": None,  # list[Meeting]
    "relations": None,  # list[DiplomaticRelations]
}

for _name, _default in DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

_TEXT_KEY = ("tradegraph.lookup", "text")
_SENTENCES_KEY = ("tradegraph.base", "sentences")
_LOWERS_KEY = ("tradegraph.base", "lowers")


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per Doc: spaCy rebuilds it from every token on each access.

    A Doc's characters never change (retokenizing merges or splits tokens, not text), so the cache is safe.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def set_doc_text(doc: Doc, text: str) -> None:
    """Seed doc_text() with the string the Doc was tokenized from (spaCy's tokenizer loses no character,
    so it equals doc.text)."""
    doc.user_data[_TEXT_KEY] = text


def token_lowers(doc: Doc) -> list[str]:
    """[token.lower_ for token in doc], read once per Doc (and again only if retokenizing changed it)."""
    lowers = doc.user_data.get(_LOWERS_KEY)
    if lowers is None or len(lowers) != len(doc):
        _read_tokens(doc)
        lowers = doc.user_data[_LOWERS_KEY]
    return lowers


def _sentences(doc: Doc) -> tuple[int, list[int], list[int]] | None:
    """(token count, sentence-start token indices, token character offsets), or None without sentence
    boundaries. Read once per Doc: the sentencizer runs before every component that asks for evidence."""
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached
    if len(doc):
        column = doc.to_array(SENT_START)  # an array: the starts picked out at C speed
        # Doc.has_annotation("SENT_START"): any boundary set after the first token (one token always has one)
        if len(column) > 1 and not column[1:].any():
            return None
        starts = (column == 1).nonzero()[0].tolist()
    else:
        starts = []
    # the offsets are the token table's (read once per Doc)
    cached = (len(doc), starts, token_flags(doc).idx)
    doc.user_data[_SENTENCES_KEY] = cached
    return cached


# Where spaCy's Underscore keeps a Doc's extension value once set: user_data[("._.", name, None, None)].
_DOC_ID_KEY = ("._.", "doc_id", None, None)


def doc_id(doc: Doc) -> str:
    """doc._.doc_id, read from the Doc's user_data: each doc._ access builds an Underscore object, and
    evidence() asks for the id of every fact."""
    return doc.user_data.get(_DOC_ID_KEY, DOC_EXTENSIONS["doc_id"])


def evidence(span: Span) -> Evidence:
    """Evidence for a span: its sentence and character offsets in the document."""
    doc = span.doc
    start = span.start
    if start == span.end or start >= len(doc) or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
        return _evidence_slow(span)
    text = doc_text(doc)
    sentences = _sentences(doc)
    if sentences is None:
        sentence = text
    else:
        length, _, offsets = sentences
        first, end = _sentence_around(sentences, start)
        sentence = text[offsets[first] : offsets[end] if end < length else len(text)].strip()
    start_char, end_char = span.start_char, span.end_char
    return Evidence(
        doc_id=doc_id(doc), sentence=sentence, start=start_char, end=end_char, text=text[start_char:end_char]
    )


def _evidence_slow(span: Span) -> Evidence:
    doc = span.doc
    sentence = span.sent.text.strip() if doc.has_annotation("SENT_START") else doc.text
    return Evidence(
        doc_id=doc_id(doc), sentence=sentence, start=span.start_char, end=span.end_char, text=span.text
    )


class SpanRow(NamedTuple):
    """One span of a span group as plain values, named as the Span attributes they copy (so a reader of
    those four takes either): iterating doc.spans[key] builds a new Span, and reads ~3 Tokens, per item on
    every pass, and the components after the writer read most groups several times."""

    start: int
    end: int
    label_: str
    kb_id_: str


_SPAN_ROWS_KEY = ("tradegraph.base", "span_rows")


def set_span_group(doc: Doc, key: str, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """doc.spans[key] = a Span per (start, end, label, kb_id) row, and the rows as span_rows() returns
    them: the one way a component writes a span group (a group written otherwise is read again)."""
    table = tuple(SpanRow(*row) for row in rows)
    doc.spans[key] = [Span(doc, r.start, r.end, label=r.label_, kb_id=r.kb_id_) for r in table]
    doc.user_data.setdefault(_SPAN_ROWS_KEY, {})[key] = (doc.spans[key], table)


def span_rows(doc: Doc, key: str) -> tuple[SpanRow, ...]:
    """The rows of doc.spans[key] in its order (none when there is no such group), read once per group: a
    group written again (or changed in length) since is read again."""
    group = doc.spans.get(key)
    if group is None:
        return ()
    tables = doc.user_data.setdefault(_SPAN_ROWS_KEY, {})
    cached = tables.get(key)
    if cached is not None and cached[0] is group and len(cached[1]) == len(group):
        return cached[1]
    rows = tuple(SpanRow(s.start, s.end, s.label_, s.kb_id_) for s in group)
    tables[key] = (group, rows)
    return rows


def bilateral_pair(countries: Iterable[Span | SpanRow]) -> tuple[str, str] | None:
    """The two countries named most often among `countries` (capitals left out): the article's bilateral
    context, which fills a side a trade statement leaves implicit."""
    counts = Counter(s.label_ for s in countries if s.kb_id_ != "capital")
    if len(counts) < 2:
        return None
    (first, _), (second, _) = counts.most_common(2)
    return first, second


# -- per-document caches: lists read once instead of Token and Span objects built on every access --
def sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """(start, end) token indices of Span.sent for the span doc[start:end], from the cached boundaries:
    Span.sent walks the tokens one by one and builds a Span for each call."""
    sentences = _sentences(doc)
    if sentences is None or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
        sentence = doc[start:end].sent
        return sentence.start, sentence.end
    return _sentence_around(sentences, start)


def _sentence_around(sentences: tuple[int, list[int], list[int]], start: int) -> tuple[int, int]:
    """The (start, end) tokens of the sentence holding token `start` (Span.sent: from the last sentence
    start at or before it to the next one), from _sentences()."""
    length, starts, _ = sentences
    k = bisect_right(starts, start)
    return (starts[k - 1] if k else 0), (starts[k] if k < len(starts) else length)


def sentence_starts(doc: Doc) -> frozenset[int]:
    """Indices of the tokens whose is_sent_start is True."""
    sentences = _sentences(doc)
    if sentences is not None:
        return frozenset(sentences[1])
    rows = doc.to_array(SENT_START).tolist() if len(doc) else []
    return frozenset(i for i, value in enumerate(rows) if value == 1)


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of each sentence in doc.sents, without building a Span for each."""
    sentences = _sentences(doc)
    if sentences is None or "sents" in doc.user_hooks:
        return [(sentence.start, sentence.end) for sentence in doc.sents]
    length, starts, _ = sentences
    cuts = [0, *(i for i in starts if i > 0), length]
    return [(start, end) for start, end in pairwise(cuts) if start != end]


class TokenFlags(NamedTuple):
    """A Doc's token attributes as plain lists, read in one C-level pass: doc[i] builds a Token object on
    every access, and the rule components below look at each token many times."""

    text: list[str]
    idx: list[int]
    is_title: list[int]
    is_upper: list[int]
    is_alpha: list[int]
    is_lower: list[int]
    is_space: list[int]
    is_punct: list[int]
    is_digit: list[int]
    is_ascii: list[int]
    is_currency: list[int]
    like_num: list[int]


_FLAGS_KEY = ("tradegraph", "token_flags")
# One vocabulary's lexical attributes per orth id, in TokenFlags' order after idx, with the lower-case form
# last: they depend on the word alone, so a Doc's columns are one look-up per token instead of a C-level
# read per token and attribute. One vocabulary at a time (the pipeline's); another one starts afresh.
_LEXICAL: list = [None, {}]


def _lexical_row(vocab, orth: int) -> tuple:
    lex = vocab[orth]
    return (
        lex.orth_,
        int(lex.is_title),
        int(lex.is_upper),
        int(lex.is_alpha),
        int(lex.is_lower),
        int(lex.is_space),
        int(lex.is_punct),
        int(lex.is_digit),
        int(lex.is_ascii),
        int(lex.is_currency),
        int(lex.like_num),
        lex.lower_,
    )


def _read_tokens(doc: Doc) -> None:
    """Cache TokenFlags and the lower-case forms of `doc` (orth ids and offsets in one to_array)."""
    if _LEXICAL[0] is not doc.vocab:
        _LEXICAL[0], _LEXICAL[1] = doc.vocab, {}
    rows: dict[int, tuple] = _LEXICAL[1]
    if len(doc):
        orths, idx = doc.to_array([ORTH, IDX]).T.tolist()
        # One C-level pass over the known words; a Python loop only for the first sight of a word.
        table = list(map(rows.get, orths))
        if None in table:
            vocab = doc.vocab
            for k, orth in enumerate(orths):
                if table[k] is None:
                    row = rows.get(orth)
                    if row is None:
                        row = rows[orth] = _lexical_row(vocab, orth)
                    table[k] = row
        text, *flags, lowers = (list(column) for column in zip(*table, strict=True))
    else:
        text, idx, lowers = [], [], []
        flags = [[] for _ in range(len(TokenFlags._fields) - 2)]
    doc.user_data[_FLAGS_KEY] = TokenFlags(text, idx, *flags)
    doc.user_data[_LOWERS_KEY] = lowers


def token_flags(doc: Doc) -> TokenFlags:
    """TokenFlags of `doc`, read once per Doc (and again only if retokenizing changed it). Lexical flags
    never change, so components after the first reuse them."""
    flags = doc.user_data.get(_FLAGS_KEY)
    if not isinstance(flags, TokenFlags) or len(flags.text) != len(doc):
        _read_tokens(doc)
        flags = doc.user_data[_FLAGS_KEY]
    return flags


def expand_to_tokens(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """(start, end) tokens of doc.char_span(start_char, end_char, alignment_mode="expand"), or None where it
    gives None, from the token table: char_span builds Token objects to align the span. A Doc's tokens and
    their trailing spaces tile its text, so the token holding a character is the last one starting at or
    before it."""
    flags = token_flags(doc)
    idx = flags.idx
    length = len(doc_text(doc))
    if not 0 <= start_char < end_char <= length:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        return None if span is None else (span.start, span.end)
    start = bisect_right(idx, start_char) - 1
    end = bisect_right(idx, end_char - 1) - 1
    if start_char == idx[start] + len(flags.text[start]):
        start += 1  # the character is the token's trailing space: the span starts after it
    return start, end + 1


def has_trailing_space(doc: Doc, i: int) -> bool:
    """bool(doc[i].whitespace_) without a Token: a Doc's text is its tokens' texts and trailing spaces, so a
    token has one when the next token (or the text's end) starts after its last character."""
    flags = token_flags(doc)
    idx = flags.idx
    return idx[i] + len(flags.text[i]) < (idx[i + 1] if i + 1 < len(idx) else len(doc_text(doc)))


class DocTokens:
    """What the place and official rules read of one Doc: lists and indices instead of Token and Span objects."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lowers = token_lowers(doc)
        self.flags = token_flags(doc)
        self.sentence_starts = sentence_starts(doc)
        # The sentence table read once here (sentence() is asked for most spans the rules look at), unless
        # a hook decides the sentences.
        hooked = "sent" in doc.user_span_hooks or "sents" in doc.user_hooks
        self._sentences = None if hooked else _sentences(doc)

    def __len__(self) -> int:
        return len(self.lowers)

    def word(self, index: int) -> str:
        return self.lowers[index] if 0 <= index < len(self.lowers) else ""

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text, sliced from the document text (a Span joins its tokens' texts each time)."""
        if start >= end:
            return ""
        idx = self.flags.idx
        return self.text[idx[start] : idx[end - 1] + len(self.flags.text[end - 1])]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """sentence_bounds(doc, start, end)."""
        if self._sentences is None:
            return sentence_bounds(self.doc, start, end)
        return _sentence_around(self._sentences, start)
