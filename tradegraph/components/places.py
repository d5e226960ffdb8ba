"""Ports, regions and cities (each with its country) and named organisations.

A name is taken as a port when some mention of it in the article stands in a port context ("port of X",
"X seaport", "Port X", "ports of X and Y", shipping "from X to Y"); as a region when one stands in a region
context ("X province", "X and Y regions") or when it is only known as a region; ambiguous city names
(also common words or given names) only in a place context ("in X", "X city", an upper-case dateline).
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.base import POSSESSIVE, DocTokens, evidence
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
        self.port_kinds = frozenset(
            {"dry", "sea", "river", "inland", "deep-water", "deepwater", "commercial"}
        )
        self.region_titles = load_words("words/region_titles.txt")
        self.org_keywords = load_words("words/organization_keywords.txt")
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
        self.not_part_of_name_after = (
            self.port_words | self.region_words | self.city_words | self.region_titles
        )

    # -- context tests ---------------------------------------------------------------------------------
    def _has_context(self, tokens: DocTokens, start: int, end: int, words: frozenset[str]) -> bool:
        """'X port', 'port of X', 'Port X', 'ports of A, B and X', 'X and Y regions'."""
        word = tokens.word
        if word(end) in words or word(start - 1) in words:
            return True
        if word(start - 1) == "of" and word(start - 2) in words:
            return True
        if word(end) in self.port_kinds and word(end + 1) in words:
            return True  # "Khorgos dry port", "Aktau sea port"
        # Inside a coordinated list headed or closed by the context word.
        lowers, texts, is_title = tokens.lowers, tokens.flags.text, tokens.flags.is_title
        sentence_start, sentence_end = tokens.sentence(start, end)
        for i in range(start - 1, sentence_start - 1, -1):
            if lowers[i] in words:
                return all(
                    is_title[t] or texts[t] in {",", "and", "&"} or lowers[t] == "of"
                    for t in range(i + 1, start)
                )
            if not (is_title[i] or texts[i] in {",", "and", "&", "-"} or lowers[i] == "of"):
                break
        for i in range(end, sentence_end):
            if lowers[i] in words:
                return all(is_title[t] or texts[t] in {",", "and", "&"} for t in range(end, i))
            if not (is_title[i] or texts[i] in {",", "and", "&"}):
                break
        return False

    def _is_shipping_route(self, tokens: DocTokens, start: int, end: int) -> bool:
        """'from Santos to Qingdao', 'the Aktau-Baku route' in a sentence about shipping goods."""
        before = tokens.word(start - 1)
        after = tokens.word(end)
        if before == "-" or after == "-":
            # "the Aktau-Baku route", not "the Kolkata-based lender"
            return any(word in self.route_words for word in tokens.lowers[end : end + 4])
        if before in POSSESSIVE:  # "to Turkey's Mersin"
            owner = next((c for c in tokens.doc.spans.get("countries", []) if c.end == start - 1), None)
            if owner is not None:
                before = tokens.word(owner.start - 1)
        if before not in {"from", "to"}:
            return False
        sentence_start, sentence_end = tokens.sentence(start, end)
        return any(word in self.shipping_words for word in tokens.lowers[sentence_start:sentence_end])

    def _in_place_context(self, tokens: DocTokens, start: int, end: int) -> bool:
        if tokens.word(start - 1) in self.place_prepositions or tokens.word(end) in self.city_words:
            return True
        # Upper-case dateline: "JAKARTA (Reuters) –", "TEHRAN, Apr. 24".
        return (
            start == tokens.sentence(start, end)[0]
            and tokens.span_text(start, end).isupper()
            and tokens.word(end) in {",", "("}
        )

    # -- main ----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        tokens = DocTokens(doc)
        # Country spans read once: iterating doc.spans[...] builds a new Span object for each item every time.
        countries = list(doc.spans.get("countries", []))
        earlier_places = list(doc.spans.get("places", []))
        countries_at: dict[int, list[int]] = defaultdict(list)  # token -> indices into `countries`
        for n, country in enumerate(countries):
            for i in range(country.start, country.end):
                countries_at[i].append(n)
        dropped: set[int] = set()  # countries that turned out to be inside a region's name

        spans: list[tuple[int, int, str]] = []  # (start, end, lower-case text)
        for start, end, _ in self.index.find(doc):
            key = _key(tokens.span_text(start, end))
            inside = sorted(
                {n for i in range(start, end) for n in countries_at.get(i, ()) if n not in dropped}
            )
            if inside and not self._is_capital(countries, inside, start, end):
                if all(len(countries[n]) < end - start for n in inside) and self._is_region_name(key):
                    # "Western Australia", "New South Wales": the region, not the country inside its name.
                    dropped.update(inside)
                else:
                    continue
            if self._is_part_of_name(tokens, start, end, key, countries, dropped, earlier_places):
                continue
            spans.append((start, end, key))
        if dropped:
            countries = [c for n, c in enumerate(countries) if n not in dropped]
            doc.spans["countries"] = countries
        doc_countries = {c.label_ for c in countries}
        countries_by_sentence: dict[int, set[str]] = {}
        for country in countries:
            sentence_start = tokens.sentence(country.start, country.end)[0]
            countries_by_sentence.setdefault(sentence_start, set()).add(country.label_)

        port_names = {
            key
            for start, end, key in spans
            if self._has_context(tokens, start, end, self.port_words)
            or self._is_shipping_route(tokens, start, end)
        }
        region_names = {
            key for start, end, key in spans if self._has_context(tokens, start, end, self.region_words)
        }

        places: list[Span] = []
        locations: list[tuple[Location, Span]] = []
        for start, end, key in spans:
            kind = self._kind(tokens, start, end, key, port_names, region_names)
            if kind is None:
                continue
            near = countries_by_sentence.get(tokens.sentence(start, end)[0], set())
            candidate = self._choose(key, kind, near, doc_countries)
            if candidate is None:
                continue
            span = Span(doc, start, end, label="PLACE")
            places.append(Span(doc, start, end, label=kind, kb_id=candidate.iso3))
            location = Location(
                name=candidate.name if kind != "city" else tokens.span_text(start, end),
                kind=kind,
                country=candidate.iso3,
                code=candidate.code,
                evidence=evidence(span),
            )
            locations.append((location, span))
        doc.spans["places"] = places
        doc._.locations = locations
        found = self._organizations(tokens, countries, places)
        doc._.organizations = [org for org, _ in found]
        doc.spans["organizations"] = [span for _, span in found]
        return doc

    def _is_region_name(self, key: str) -> bool:
        return any(c.kind == "region" for c in self.candidates.get(key, []))

    def _is_part_of_name(
        self,
        tokens: DocTokens,
        start: int,
        end: int,
        key: str,
        countries: list[Span],
        dropped: set[int],
        places: list[Span],
    ) -> bool:
        """'the Astana Club', 'Tehran Times', 'Carlos Mendoza', 'in March': a place name that is part of
        another name or a date."""
        if key in MONTHS or key in WEEKDAYS:
            return True
        lowers, is_title = tokens.lowers, tokens.flags.is_title
        if start > 0 and lowers[start - 1] in {"to", "from", "in", "at", "of"}:
            return False
        live = [c for n, c in enumerate(countries) if n not in dropped] + places
        if (
            end - start == 1
            and start > 0
            and is_title[start - 1]
            and start - 1 not in tokens.sentence_starts
            and lowers[start - 1] not in self.name_neighbours
            and not any(s.end == start for s in live)
        ):
            return True  # "Maria Lopez", "Carlos Mendoza": a given name before it
        if end >= len(tokens):
            return False
        if not is_title[end] or lowers[end] in self.not_part_of_name_after:
            return False
        if lowers[end] in self.org_keywords:
            return False  # "Qazvin Chamber of Commerce" still names Qazvin
        return not any(s.start == end for s in live)

    @staticmethod
    def _is_capital(countries: list[Span], inside: list[int], start: int, end: int) -> bool:
        return any(
            countries[n].start == start and countries[n].end == end and countries[n].kb_id_ == "capital"
            for n in inside
        )

    def _kind(
        self, tokens: DocTokens, start: int, end: int, key: str, port_names: set[str], region_names: set[str]
    ) -> str | None:
        kinds = {c.kind for c in self.candidates.get(key, [])}
        if "port" in kinds and key in port_names:
            return "port"
        if "region" in kinds and (
            key in region_names
            or tokens.word(end) in self.region_titles
            or (tokens.word(start - 1) == "of" and tokens.word(start - 2) in self.region_titles)
        ):
            return "region"  # "Golestan governor", "the governor of Texas"
        if "city" in kinds and key not in region_names:
            if key in self.ambiguous_cities and not self._in_place_context(tokens, start, end):
                return None
            if "port" in kinds and key in port_names:
                return "port"
            return "city"
        if kinds == {"port"} and tokens.span_text(start, end)[:1].isupper():
            return "port"
        if "region" in kinds and (
            end - start > 1 or key in region_names or self._in_place_context(tokens, start, end)
        ):
            return "region"
        return None

    def _choose(self, key: str, kind: str, near: set[str], doc_countries: set[str]) -> Candidate | None:
        """The candidate of that kind whose country the sentence (`near`), else the article, mentions."""
        options = [c for c in self.candidates.get(key, []) if c.kind == kind]
        if not options:
            return None
        return max(options, key=lambda c: (c.iso3 in near, c.iso3 in doc_countries, c.rank))

    # -- organisations ---------------------------------------------------------------------------------------
    def _organizations(
        self, tokens: DocTokens, countries: list[Span], places: list[Span]
    ) -> list[tuple[Organization, Span]]:
        """Capitalised names around an organisation keyword: 'Qazvin Chamber of Commerce', 'Embassy of India',
        'Ministry of Industry and Infrastructure Development of Kazakhstan', 'National Statistics Committee'.

        The name runs left over capitalised words and right over an 'of ...' tail made of portfolio words,
        country and place names, so a person's name after it ('... Committee Nadezhda Lazarevich') stays out.
        """
        lowers = tokens.lowers
        flags = tokens.flags
        positions = [k for k, word in enumerate(lowers) if word in self.org_keywords]
        if not positions:
            return []
        in_place = {i for s in (*countries, *places) for i in range(s.start, s.end)}
        found: list[tuple[Organization, Span]] = []
        groups = list(tokens.doc.spans.get("groups", []))
        last_end = 0
        for k in positions:
            if k < last_end or not (flags.is_title[k] or flags.is_upper[k]):
                continue
            start = k
            while start > 0 and (
                self._capitalised(tokens, start - 1)
                or (lowers[start - 1] in {"and", "&"} and start > 1 and self._capitalised(tokens, start - 2))
            ):
                start -= 1
            end = k + 1
            while end < len(tokens) and (lowers[end] in self.org_keywords and self._capitalised(tokens, end)):
                end += 1
            end = self._org_tail(tokens, end, in_place)
            if lowers[start] == "the":
                start += 1
            if end - start < 2 or any(g.start <= start and end <= g.end for g in groups):
                continue  # "European Union" is a group of countries, not an organisation
            span = Span(tokens.doc, start, end, label="ORG")
            country = next((c.label_ for c in countries if start <= c.start and c.end <= end), None)
            if country is None:
                country = next((p.kb_id_ for p in places if start <= p.start and p.end <= end), None)
            name = tokens.span_text(start, end)
            found.append(
                (Organization(name=name, kind=lowers[k], country=country, evidence=evidence(span)), span)
            )
            last_end = end
        return found

    def _capitalised(self, tokens: DocTokens, i: int) -> bool:
        if tokens.lowers[i] in self.sentence_openers:
            return False
        flags = tokens.flags
        return bool(flags.is_title[i] or (flags.is_upper[i] and flags.is_alpha[i]))

    def _org_tail(self, tokens: DocTokens, end: int, in_place: set[int]) -> int:
        """Extend over 'of (the) <portfolio words, places, countries> (and/of ...)'."""
        lowers, is_title, is_upper = tokens.lowers, tokens.flags.is_title, tokens.flags.is_upper
        n = len(tokens)
        while end + 1 < n and lowers[end] in {"of", "for", "on"}:
            j = end + 1
            if lowers[j] == "the":
                j += 1
            k = j
            while (
                k < n
                and (
                    k in in_place
                    or lowers[k] in self.portfolio_words
                    or lowers[k] in self.region_words
                    or lowers[k] in self.org_keywords
                    or (
                        lowers[k] in {"and", "&"}
                        and k + 1 < n
                        and (k + 1 in in_place or lowers[k + 1] in self.portfolio_words)
                    )
                )
                and (is_title[k] or is_upper[k] or lowers[k] in {"and", "&"} or k in in_place)
            ):
                k += 1
            if k == j:
                break
            end = k
        return end
