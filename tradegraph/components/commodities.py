"""Commodity words from the HS gazetteer, marked wherever they occur (singular or plural)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.lookup import PhraseIndex
from tradegraph.normalize import singularize


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


@Language.factory("tg_commodities")
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
