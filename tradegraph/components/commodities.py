"""Commodity words from the HS gazetteer, marked wherever they occur (singular or plural), and the head
nouns that make a phrase name goods.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.lookup import PhraseIndex
from tradegraph.normalize import singularize
from tradegraph.rules import load_words


def plural_forms(term: str) -> set[str]:
    """The term with its last word singular and plural: 'sunflower seeds' <-> 'sunflower seed'."""
    head, _, last = term.rpartition(" ")
    prefix = f"{head} " if head else ""
    last = singularize(last) if last.endswith("s") and not last.endswith(("ss", "us", "is")) else last
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh", "o")):
        plural = last + "es"
    else:
        plural = last + "s"
    return {term, prefix + last, prefix + plural}


@cache
def goods_heads() -> frozenset[str]:
    """Nouns (singular, lower case) that name goods as the head of a phrase: the last word of every term of
    the HS commodity gazetteer and of the HS category names, and the goods nouns of
    rules/words/goods_nouns.txt. "fresh cut flowers" is goods by its head "flower"; "kilowatt-hours",
    "making", "return" are not."""
    terms = [row.term for row in gazetteers.commodities()]
    terms += [row.text for row in gazetteers.hs_categories() if "," not in row.text]
    terms += load_words("words/goods_nouns.txt")
    return frozenset(singularize(term.lower().split()[-1]) for term in terms if term.strip())


@Language.factory("tg_commodities", assigns=["doc.spans"])
def make_commodities(nlp: Language, name: str) -> CommodityMatcher:
    return CommodityMatcher(nlp)


class CommodityMatcher:
    """Writes doc.spans["commodities"]: label = the HS code of the longest gazetteer term found."""

    def __init__(self, nlp: Language) -> None:
        terms = [(form, row.hs_code) for row in gazetteers.commodities() for form in plural_forms(row.term)]
        # HS category words ("textiles", "metals", "building materials") name goods too.
        terms += [
            (form, row.codes[0])
            for row in gazetteers.hs_categories()
            # "manufactured goods", "consumer goods" stay vague: news uses them for goods in general
            if "," not in row.text and row.codes and not row.text.endswith("goods")
            for form in plural_forms(row.text)
        ]
        self.index = PhraseIndex(terms, fold=str.lower)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["commodities"] = [
            Span(doc, start, end, label=codes[0]) for start, end, codes in self.index.find(doc)
        ]
        return doc
