"""Countries and country groups: names, short and official forms, demonyms, capitals standing for governments."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.lookup import PhraseIndex
from tradegraph.rules import load_words

COUNTRY_KINDS = ("name", "official", "former", "demonym", "capital")


@Language.factory("tg_countries")
def make_countries(nlp: Language, name: str) -> CountryMatcher:
    return CountryMatcher(nlp)


def _surface_variants(text: str) -> set[str]:
    variants = {text, text.upper()}
    if text.lower().startswith("the "):
        variants.add("The " + text[4:])
    return variants


class CountryMatcher:
    """Writes doc.spans["countries"] (label ISO3, kb_id the form kind) and doc.spans["groups"] (label group id).

    Capitals are kept with kind "capital"; whether one stands for its government is decided by
    `capital_is_government`, used by everything that counts country mentions.
    """

    def __init__(self, nlp: Language) -> None:
        phrases = [
            (variant, ("C", row.iso3, row.kind))
            for row in gazetteers.country_aliases()
            for variant in _surface_variants(row.text)
        ]
        phrases += [
            (variant, ("G", row.group_id, "group"))
            for row in gazetteers.country_groups()
            for variant in _surface_variants(row.text)
        ]
        self.index = PhraseIndex(phrases)
        self.person_context = load_words("words/name_particles.txt")
        self.person_like = load_words("words/country_person_names.txt")
        self.org_keywords = load_words("words/organization_keywords.txt")

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, values in self.index.find(doc):
            family, code, kind = values[0]
            spans.append(Span(doc, start, end, label=code, kb_id=f"{family}|{kind}"))
        spans = [span for span in spans if not self._inside_person_name(span)]
        doc.spans["countries"] = [
            Span(doc, s.start, s.end, label=s.label_, kb_id=s.kb_id_.split("|")[1])
            for s in spans
            if s.kb_id_.startswith("C|")
        ]
        doc.spans["groups"] = [
            Span(doc, s.start, s.end, label=s.label_, kb_id="group")
            for s in spans
            if s.kb_id_.startswith("G|")
        ]
        return doc

    def _inside_person_name(self, span: Span) -> bool:
        """'Michael Jordan', 'Chad Johnson': a country name glued to capitalised names is a person."""
        if span.kb_id_.endswith("demonym") or len(span) != 1:
            return False
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        before_is_name = (
            before is not None
            and before.is_title
            and not before.is_sent_start
            and before.lower_ not in self.person_context
        )
        after_is_name = (
            after is not None
            and after.is_title
            and after.lower_ not in self.person_context
            and after.lower_ not in self.org_keywords
        )
        if span.text.lower() in self.person_like and after_is_name:
            return True
        return before_is_name and after_is_name
