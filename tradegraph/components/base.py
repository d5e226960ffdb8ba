"""Doc extensions shared by the components, and small token helpers they all use."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, LOWER, SENT_START
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
        strings = doc.vocab.strings
        lowers = [strings[key] for key in doc.to_array(LOWER).tolist()] if len(doc) else []
        doc.user_data[_LOWERS_KEY] = lowers
    return lowers


def _sentences(doc: Doc) -> tuple[int, list[int], list[int]] | None:
    """(token count, sentence-start token indices, token character offsets), or None without sentence
    boundaries. Read once per Doc: the sentencizer runs before every component that asks for evidence."""
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached
    rows = doc.to_array([SENT_START, IDX]).tolist()
    # Doc.has_annotation("SENT_START"): any boundary set after the first token (one token always has one).
    if len(rows) > 1 and not any(sent_start for sent_start, _ in rows[1:]):
        return None
    cached = (
        len(rows),
        [i for i, (sent_start, _) in enumerate(rows) if sent_start == 1],
        [r[1] for r in rows],
    )
    doc.user_data[_SENTENCES_KEY] = cached
    return cached


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
        # Span.sent: from the last sentence start at or before the span's first token to the next one.
        length, starts, offsets = sentences
        k = bisect_right(starts, start)
        first = starts[k - 1] if k else 0
        end = starts[k] if k < len(starts) else length
        sentence = text[offsets[first] : offsets[end] if end < length else len(text)].strip()
    start_char, end_char = span.start_char, span.end_char
    return Evidence(
        doc_id=doc._.doc_id, sentence=sentence, start=start_char, end=end_char, text=text[start_char:end_char]
    )


def _evidence_slow(span: Span) -> Evidence:
    doc = span.doc
    sentence = span.sent.text.strip() if doc.has_annotation("SENT_START") else doc.text
    return Evidence(
        doc_id=doc._.doc_id, sentence=sentence, start=span.start_char, end=span.end_char, text=span.text
    )


def is_possessive(doc: Doc, index: int) -> bool:
    """True when the token at `index` is a possessive marker ('s, ’s)."""
    return 0 <= index < len(doc) and doc[index].text in POSSESSIVE


def is_capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()
