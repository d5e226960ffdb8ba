"""Ports, regions and cities (each with its country) and named organisations.

A name is taken as a port when some mention of it in the article stands in a port context ("port of X",
"X seaport", "Port X", "ports of X and Y", shipping "from X to Y"); as a region when one stands in a region
context ("X province", "X and Y regions") or when it is only known as a region; ambiguous city names
(also common words or given names) only in a place context ("in X", "X city", an upper-case dateline).
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.base import evidence
from tradegraph.components.header import MONTHS
from tradegraph.components.lookup import PhraseIndex
from tradegraph.models import Location, Organization
from tradegraph.rules import load_words

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


class Candidate(NamedTuple):
    kind: str  # port | region | city
    name: str
    iso3: str
    code: str | None
    rank: float  # higher wins among same-name candidates


@Language.factory("tg_places")
def make_places(nlp: Language, name: str) -> PlaceMatcher:
    return PlaceMatcher(nlp)


def _key(text: str) -> str:
    return text.lower()


class PlaceMatcher:
    """Writes doc.spans["places"] (label port/region/city, kb_id ISO3), doc._.locations and doc._.organizations."""

    def __init__(self, nlp: Language) -> None:
        self.candidates: dict[str, list[Candidate]] = defaultdict(list)
        self.ambiguous_cities: set[str] = set()
        texts: set[str] = set()
        for row in gazetteers.ports():
            self.candidates[_key(row.text)].append(Candidate("port", row.name, row.iso3, row.locode, 0.0))
            texts.add(row.text)
        for row in gazetteers.regions():
            self.candidates[_key(row.text)].append(Candidate("region", row.name, row.iso3, row.code, 0.0))
            texts.add(row.text)
        for row in gazetteers.cities():
            self.candidates[_key(row.text)].append(
                Candidate("city", row.name, row.iso3, None, float(row.population or 0))
            )
            if row.ambiguous:
                self.ambiguous_cities.add(_key(row.text))
            texts.add(row.text)
        # Names are matched as written or in capitals (datelines), never in lower case ("nice", "split").
        self.index = PhraseIndex(
            (variant, True) for text in texts if text[:1].isupper() for variant in (text, text.upper())
        )
        self.port_words = load_words("words/port_words.txt")
        self.region_words = load_words("words/region_words.txt")
        self.city_words = load_words("words/city_words.txt")
        self.place_prepositions = load_words("words/place_prepositions.txt")
        self.shipping_words = load_words("words/shipping_words.txt")
        self.route_words = load_words("words/route_words.txt")
        self.region_titles = load_words("words/region_titles.txt")
        self.org_keywords = load_words("words/organization_keywords.txt")
        self.org_keyword_hashes = numpy.array(
            sorted(nlp.vocab.strings.add(word) for word in self.org_keywords), dtype="uint64"
        )
        # Capitalised words that may precede a place without making it part of a person's name.
        self.name_neighbours = (
            self.port_words
            | self.region_words
            | self.city_words
            | load_words("words/name_particles.txt")
            | load_words("words/not_name_words.txt")
            | load_words("words/subnational_prefixes.txt")
            | self.org_keywords
        )
        self.name_connectors = load_words("words/name_connectors.txt")
        self.portfolio_words = load_words("words/portfolio_words.txt")
        self.sentence_openers = load_words("words/not_name_words.txt")

    # -- context tests ---------------------------------------------------------------------------------
    def _word(self, doc: Doc, index: int) -> str:
        return doc[index].lower_ if 0 <= index < len(doc) else ""

    def _has_context(self, span: Span, words: frozenset[str]) -> bool:
        """'X port', 'port of X', 'Port X', 'ports of A, B and X', 'X and Y regions'."""
        doc = span.doc
        if self._word(doc, span.end) in words or self._word(doc, span.start - 1) in words:
            return True
        if self._word(doc, span.start - 1) == "of" and self._word(doc, span.start - 2) in words:
            return True
        # Inside a coordinated list headed or closed by the context word.
        sentence = span.sent
        left = doc[sentence.start : span.start]
        right = doc[span.end : sentence.end]
        for i in range(len(left) - 1, -1, -1):
            token = left[i]
            if token.lower_ in words:
                return all(
                    t.is_title or t.text in {",", "and", "&"} or t.lower_ == "of" for t in left[i + 1 :]
                )
            if not (token.is_title or token.text in {",", "and", "&", "-"} or token.lower_ == "of"):
                break
        for i, token in enumerate(right):
            if token.lower_ in words:
                return all(t.is_title or t.text in {",", "and", "&"} for t in right[:i])
            if not (token.is_title or token.text in {",", "and", "&"}):
                break
        return False

    def _is_shipping_route(self, span: Span) -> bool:
        """'from Santos to Qingdao', 'the Aktau-Baku route' in a sentence about shipping goods."""
        doc = span.doc
        before = self._word(doc, span.start - 1)
        after = self._word(doc, span.end)
        if before == "-" or after == "-":
            # "the Aktau-Baku route", not "the Kolkata-based lender"
            return any(t.lower_ in self.route_words for t in doc[span.end : span.end + 4])
        return before in {"from", "to"} and any(t.lower_ in self.shipping_words for t in span.sent)

    def _in_place_context(self, span: Span) -> bool:
        doc = span.doc
        before = self._word(doc, span.start - 1)
        if before in self.place_prepositions or self._word(doc, span.end) in self.city_words:
            return True
        # Upper-case dateline: "JAKARTA (Reuters) –", "TEHRAN, Apr. 24".
        return (
            span.start == span.sent.start and span.text.isupper() and self._word(doc, span.end) in {",", "("}
        )

    # -- main ----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        raw = [Span(doc, s, e, label="PLACE") for s, e, _ in self.index.find(doc)]
        spans = []
        for span in raw:
            inside = [c for c in doc.spans.get("countries", []) if c.start < span.end and span.start < c.end]
            if inside and not self._is_capital(doc, span):
                if all(len(c) < len(span) for c in inside) and self._is_region_name(span):
                    # "Western Australia", "New South Wales": the region, not the country inside its name.
                    doc.spans["countries"] = [c for c in doc.spans["countries"] if c not in inside]
                else:
                    continue
            if self._is_part_of_name(doc, span):
                continue
            spans.append(span)
        doc_countries = {s.label_ for s in doc.spans.get("countries", [])}
        self._countries_by_sentence: dict[int, set[str]] = {}
        for country in doc.spans.get("countries", []):
            self._countries_by_sentence.setdefault(country.sent.start, set()).add(country.label_)

        port_names = {
            _key(s.text) for s in spans if self._has_context(s, self.port_words) or self._is_shipping_route(s)
        }
        region_names = {_key(s.text) for s in spans if self._has_context(s, self.region_words)}

        places: list[Span] = []
        locations: list[tuple[Location, Span]] = []
        for span in spans:
            key = _key(span.text)
            kind = self._kind(span, key, port_names, region_names)
            if kind is None:
                continue
            candidate = self._choose(key, kind, span, doc_countries)
            if candidate is None:
                continue
            places.append(Span(doc, span.start, span.end, label=kind, kb_id=candidate.iso3))
            location = Location(
                name=candidate.name if kind != "city" else span.text,
                kind=kind,
                country=candidate.iso3,
                code=candidate.code,
                evidence=evidence(span),
            )
            locations.append((location, span))
        doc.spans["places"] = places
        doc._.locations = locations
        found = self._organizations(doc)
        doc._.organizations = [org for org, _ in found]
        doc.spans["organizations"] = [span for _, span in found]
        return doc

    def _is_region_name(self, span: Span) -> bool:
        return any(c.kind == "region" for c in self.candidates.get(_key(span.text), []))

    def _is_part_of_name(self, doc: Doc, span: Span) -> bool:
        """'the Astana Club', 'Tehran Times', 'Carlos Mendoza', 'in March': a place name that is part of
        another name or a date."""
        if span.text.lower() in MONTHS or span.text.lower() in WEEKDAYS:
            return True
        if span.start > 0 and doc[span.start - 1].lower_ in {"to", "from", "in", "at", "of"}:
            return False
        before = doc[span.start - 1] if span.start > 0 else None
        if (
            len(span) == 1
            and before is not None
            and before.is_title
            and not before.is_sent_start
            and before.lower_ not in self.name_neighbours
            and not any(
                s.end == span.start for key in ("countries", "places") for s in doc.spans.get(key, [])
            )
        ):
            return True  # "Maria Lopez", "Carlos Mendoza": a given name before it
        if span.end >= len(doc):
            return False
        after = doc[span.end]
        if (
            not after.is_title
            or after.lower_ in self.port_words | self.region_words | self.city_words | self.region_titles
        ):
            return False
        if after.lower_ in self.org_keywords:
            return False  # "Qazvin Chamber of Commerce" still names Qazvin
        return not any(s.start == span.end for key in ("countries", "places") for s in doc.spans.get(key, []))

    def _is_capital(self, doc: Doc, span: Span) -> bool:
        return any(
            c.start == span.start and c.end == span.end and c.kb_id_ == "capital"
            for c in doc.spans["countries"]
        )

    def _kind(self, span: Span, key: str, port_names: set[str], region_names: set[str]) -> str | None:
        kinds = {c.kind for c in self.candidates.get(key, [])}
        if "port" in kinds and key in port_names:
            return "port"
        if "region" in kinds and (
            key in region_names or self._word(span.doc, span.end) in self.region_titles
        ):
            return "region"
        if "city" in kinds and key not in region_names:
            if key in self.ambiguous_cities and not self._in_place_context(span):
                return None
            if "port" in kinds and key in port_names:
                return "port"
            return "city"
        if kinds == {"port"} and span.text[:1].isupper():
            return "port"
        if "region" in kinds and (len(span) > 1 or key in region_names or self._in_place_context(span)):
            return "region"
        return None

    def _choose(self, key: str, kind: str, span: Span, doc_countries: set[str]) -> Candidate | None:
        options = [c for c in self.candidates.get(key, []) if c.kind == kind]
        if not options:
            return None
        near = self._countries_by_sentence.get(span.sent.start, set())
        return max(options, key=lambda c: (c.iso3 in near, c.iso3 in doc_countries, c.rank))

    # -- organisations ---------------------------------------------------------------------------------------
    def _organizations(self, doc: Doc) -> list[tuple[Organization, Span]]:
        """Capitalised names around an organisation keyword: 'Qazvin Chamber of Commerce', 'Embassy of India',
        'Ministry of Industry and Infrastructure Development of Kazakhstan', 'National Statistics Committee'.

        The name runs left over capitalised words and right over an 'of ...' tail made of portfolio words,
        country and place names, so a person's name after it ('... Committee Nadezhda Lazarevich') stays out.
        """
        # Keyword positions from the LOWER hashes: no Token objects for the other words.
        lowers = doc.to_array("LOWER")
        positions = numpy.nonzero(numpy.isin(lowers, self.org_keyword_hashes))[0]
        if not len(positions):
            return []
        in_place = {
            i
            for key in ("countries", "places")
            for s in doc.spans.get(key, [])
            for i in range(s.start, s.end)
        }
        found: list[tuple[Organization, Span]] = []
        last_end = 0
        for k, token in enumerate(doc):
            if (
                k < last_end
                or token.lower_ not in self.org_keywords
                or not (token.is_title or token.is_upper)
            ):
                continue
            start = k
            while start > 0 and (
                self._capitalised(doc[start - 1])
                or (doc[start - 1].lower_ in {"and", "&"} and start > 1 and self._capitalised(doc[start - 2]))
            ):
                start -= 1
            end = k + 1
            while end < len(doc) and (doc[end].lower_ in self.org_keywords and self._capitalised(doc[end])):
                end += 1
            end = self._org_tail(doc, end, in_place)
            if doc[start].lower_ == "the":
                start += 1
            if end - start < 2:
                continue
            span = Span(doc, start, end, label="ORG")
            country = next(
                (c.label_ for c in doc.spans.get("countries", []) if start <= c.start and c.end <= end), None
            )
            if country is None:
                country = next(
                    (p.kb_id_ for p in doc.spans.get("places", []) if start <= p.start and p.end <= end), None
                )
            found.append(
                (
                    Organization(name=span.text, kind=token.lower_, country=country, evidence=evidence(span)),
                    span,
                )
            )
            last_end = end
        return found

    def _capitalised(self, token) -> bool:
        if token.lower_ in self.sentence_openers:
            return False
        return token.is_title or (token.is_upper and token.is_alpha)

    def _org_tail(self, doc: Doc, end: int, in_place: set[int]) -> int:
        """Extend over 'of (the) <portfolio words, places, countries> (and/of ...)'."""
        while end + 1 < len(doc) and doc[end].lower_ in {"of", "for", "on"}:
            j = end + 1
            if doc[j].lower_ == "the":
                j += 1
            k = j
            while (
                k < len(doc)
                and (
                    k in in_place
                    or doc[k].lower_ in self.portfolio_words
                    or doc[k].lower_ in self.region_words
                    or doc[k].lower_ in self.org_keywords
                    or (
                        doc[k].lower_ in {"and", "&"}
                        and k + 1 < len(doc)
                        and (k + 1 in in_place or doc[k + 1].lower_ in self.portfolio_words)
                    )
                )
                and (doc[k].is_title or doc[k].is_upper or doc[k].lower_ in {"and", "&"} or k in in_place)
            ):
                k += 1
            if k == j:
                break
            end = k
        return end
