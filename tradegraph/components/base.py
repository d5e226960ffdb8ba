"""Doc extensions shared by the components, and small token helpers they all use."""

from __future__ import annotations

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


def evidence(span: Span) -> Evidence:
    """Evidence for a span: its sentence and character offsets in the document."""
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
