"""Countries and country groups: names, short and official forms, demonyms, capitals standing for governments."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tradegraph import gazetteers
from tradegraph.components.base import sentence_starts, set_span_group, token_flags, token_lowers
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
        self.acronym_non_country_heads = load_words("words/acronym_non_country_heads.txt")
        self.water_names = load_words("words/water_names.txt")
        self.currency_names = load_words("words/currency_names.txt")

    def __call__(self, doc: Doc) -> Doc:
        # Matches stay (start, end, ...) tuples until the end: each Span built reads several Token objects.
        matches = [(start, end, *values[0]) for start, end, values in self.index.find(doc)]
        if matches:
            words = _Words(doc)
            matches = [
                m
                for m in matches
                if not self._inside_person_name(words, m[0], m[1], m[4])
                and not self._acronym_of_something_else(words, m[0], m[1])
                and not self._inside_other_name(words, m[0], m[1])
            ]
        set_span_group(
            doc,
            "countries",
            [(start, end, code, kind) for start, end, family, code, kind in matches if family == "C"],
        )
        set_span_group(
            doc,
            "groups",
            [(start, end, code, "group") for start, end, family, code, _ in matches if family == "G"],
        )
        return doc

    def _inside_person_name(self, words: _Words, start: int, end: int, kind: str) -> bool:
        """'Michael Jordan', 'Chad Johnson': a country name glued to capitalised names is a person."""
        if kind.endswith("demonym") or end - start != 1:
            return False
        lowers, is_title = words.lowers, words.flags.is_title
        before_is_name = (
            start > 0
            and is_title[start - 1]
            and start - 1 not in words.sentence_starts
            and lowers[start - 1] not in self.person_context
        )
        after_is_name = (
            end < len(lowers)
            and is_title[end]
            and lowers[end] not in self.person_context
            and lowers[end] not in self.org_keywords
        )
        if words.flags.text[start].lower() in self.person_like and after_is_name:
            return True
        return bool(before_is_name and after_is_name)

    def _acronym_of_something_else(self, words: _Words, start: int, end: int) -> bool:
        """'a PNG file', 'in PNG format': a short name in capitals before a noun of another kind of thing."""
        text = words.flags.text[start]
        return (
            end - start == 1
            and text.isupper()
            and len(text) <= 4
            and end < len(words.lowers)
            and words.lowers[end] in self.acronym_non_country_heads
        )

    def _inside_other_name(self, words: _Words, start: int, end: int) -> bool:
        """'the Indian Ocean', 'the Sea of Oman' (a sea, written in capitals), 'US dollars' (a currency)."""
        lowers, text = words.lowers, words.flags.text
        if end < len(lowers) and (
            lowers[end] in self.currency_names
            or (lowers[end] in self.water_names and text[end][:1].isupper())
        ):
            return True
        return (
            start >= 2
            and lowers[start - 1] == "of"
            and lowers[start - 2] in self.water_names
            and text[start - 2][:1].isupper()
        )


class _Words:
    """The token attributes the person-name test reads, as lists (doc[i] builds a Token each time)."""

    def __init__(self, doc: Doc) -> None:
        self.lowers = token_lowers(doc)
        self.flags = token_flags(doc)
        self.sentence_starts = sentence_starts(doc)
