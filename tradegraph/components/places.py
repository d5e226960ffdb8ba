"""Ports, regions and cities (each with its country) and named organisations.

A gazetteer name is read as a place only with evidence, and the kind it has in one mention is its kind in
the whole article:
- a port when some mention stands in a port context ("port of X", "X seaport", "X International Sea Trade
  Port", "ports of X and Y", shipping "from X to Y");
- a region when one stands in a region context ("X province", "X and Y regions", "the governor of X");
- a city when one stands in a city context ("X city", "the town of X"), or as a city name otherwise: a
  name that is also a common word, a person's name or a transliteration seen rarely ("ambiguous" in the
  gazetteer) only in a place context ("in X", an upper-case dateline); a city of a country the article
  never names only in a place context or when it is a city of WELL_KNOWN_POPULATION people;
- without any context, a port or region only if its country is named in the article (a region also when
  its name has several words, "New South Wales") and the name is not ambiguous.
A name inside a country group ("Central Asia"), a person's or an organisation's name stays out; a name in
capitals only counts in a dateline or a line written in capitals. The name recorded is the article's own
spelling ("Khorasan Razavi"), the same for every mention of one place in the article.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import compress, count
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.base import POSSESSIVE, DocTokens, SpanRow, evidence, set_span_group, span_rows
from tradegraph.components.header import MONTHS
from tradegraph.components.lookup import PhraseIndex
from tradegraph.models import Location, Organization
from tradegraph.rules import load_words
from tradegraph.textnorm import fold

# A city of a country the article never names counts without a place context only if this populous.
WELL_KNOWN_POPULATION = 1_000_000
# Port modifiers read between a name and the port word ("Aktau International Sea Trade Port").
MAX_PORT_MODIFIERS = 3
DATELINE_FOLLOWERS = frozenset({",", "(", "—", "–", "-", "--", ":"})

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


class Candidate(NamedTuple):
    kind: str  # port | region | city
    name: str
    iso3: str
    code: str | None
    rank: float  # higher wins among same-name candidates
    ambiguous: bool  # also a common word or a person's name: needs a place context


@dataclass(frozen=True)
class ArticleEvidence:
    """What the whole article says about its names, read before any mention is decided."""

    port_names: frozenset[str]  # names in a port context or on a shipping route somewhere
    port_word_names: frozenset[str]  # names next to a port word somewhere ("the port of X", "X seaport")
    region_names: frozenset[str]  # names in a region context somewhere
    city_names: frozenset[str]  # names in a city context somewhere ("X city", "the town of X")
    countries: frozenset[str]  # ISO3 of every country mention
    named_countries: frozenset[str]  # ISO3 of countries named other than by their capital
    countries_by_sentence: dict[int, set[str]]  # sentence start token -> ISO3 named there
    country_ending_at: dict[int, str]  # end token of a country mention -> its ISO3
    country_starting_at: dict[int, str]  # start token of a country mention -> its ISO3


@Language.factory("tg_places")
def make_places(nlp: Language, name: str) -> PlaceMatcher:
    return PlaceMatcher(nlp)


def _key(text: str) -> str:
    return text.lower()


class PlaceMatcher:
    """Writes doc.spans["places"] (label port/region/city, kb_id ISO3), doc._.locations and doc._.organizations."""

    def __init__(self, nlp: Language) -> None:
        self.candidates: dict[str, list[Candidate]] = defaultdict(list)
        texts: set[str] = set()
        for row in gazetteers.ports():
            self.candidates[_key(row.text)].append(
                Candidate("port", row.name, row.iso3, row.locode, 0.0, row.ambiguous)
            )
            texts.add(row.text)
        for row in gazetteers.regions():
            self.candidates[_key(row.text)].append(
                Candidate("region", row.name, row.iso3, row.code, 0.0, row.ambiguous)
            )
            texts.add(row.text)
        for row in gazetteers.cities():
            self.candidates[_key(row.text)].append(
                Candidate("city", row.name, row.iso3, None, float(row.population or 0), row.ambiguous)
            )
            texts.add(row.text)
        # Names are matched as written or in capitals (datelines), never in lower case ("nice", "split").
        # The value tells whether the variant is a written form itself ("NCR") or only its capitals.
        self.index = PhraseIndex(
            (variant, variant == text)
            for text in texts
            if text[:1].isupper()
            for variant in (text, text.upper())
        )
        self.port_words = load_words("words/port_words.txt")
        self.region_words = load_words("words/region_words.txt")
        self.city_words = load_words("words/city_words.txt")
        self.place_prepositions = load_words("words/place_prepositions.txt")
        self.shipping_words = load_words("words/shipping_words.txt")
        self.route_words = load_words("words/route_words.txt")
        self.route_prepositions = load_words("words/route_prepositions.txt")
        self.port_verbs = load_words("words/port_verbs.txt")
        self.port_modifiers = load_words("words/port_modifiers.txt")
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
        self.honorifics = load_words("words/honorifics.txt")
        self.portfolio_words = load_words("words/portfolio_words.txt")
        self.sentence_openers = load_words("words/not_name_words.txt")
        # Words naming a kind of place: "the Kazakh city of X", "Sichuan province in China".
        self.type_words = self.port_words | self.region_words | self.city_words
        self.not_part_of_name_after = (
            self.port_words | self.region_words | self.city_words | self.region_titles
        )

    # -- context tests ---------------------------------------------------------------------------------
    def _has_context(self, tokens: DocTokens, start: int, end: int, words: frozenset[str]) -> bool:
        """'X port', 'port of X', 'Port X', 'ports of A, B and X', 'X and Y regions'."""
        word = tokens.word
        if word(end) in words or word(start - 1) in words:
            return True
        if end - start > 1 and (word(end - 1) in words or word(start) in words):
            return True  # the name says it: "Khorgos Dry Port", "Port Sudan", "Almaty Region"
        if word(start - 1) == "of" and word(start - 2) in words:
            return True
        if words is self.port_words and self._port_phrase_at(tokens, end):
            return True  # "Khorgos dry port", "Turkmenbashi International Seaport"
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
                return all(is_title[t] or texts[t] in {",", "and", "&", "-"} for t in range(end, i))
            if not (is_title[i] or texts[i] in {",", "and", "&", "-"}):
                break  # "Ningbo-Zhoushan port": the port word closes the hyphened pair too
        return False

    def _port_phrase_at(self, tokens: DocTokens, i: int) -> bool:
        """Port modifiers (at most MAX_PORT_MODIFIERS) then a port word from token i: "International Sea
        Trade Port", "dry port"."""
        for k in range(i, i + MAX_PORT_MODIFIERS + 1):
            word = tokens.word(k)
            if word in self.port_words:
                return True
            if word not in self.port_modifiers:
                return False
        return False

    def _after_port_verb(self, tokens: DocTokens, start: int) -> bool:
        """'loaded at Santos', 'docked in Poti and Batumi': a name (or a list of names) after a ship's or
        cargo's verb and "at"/"in"."""
        lowers, texts, is_title = tokens.lowers, tokens.flags.text, tokens.flags.is_title
        i = start - 1
        while i > 0 and (is_title[i] or texts[i] in {",", "and"}):
            i -= 1
        return i > 0 and lowers[i] in {"at", "in"} and lowers[i - 1] in self.port_verbs

    def _has_city_context(self, tokens: DocTokens, start: int, end: int) -> bool:
        """'Garabogaz city', 'the town of Kiyanly', 'the city of Turkmenbashi'."""
        return tokens.word(end) in self.city_words or (
            tokens.word(start - 1) == "of" and tokens.word(start - 2) in self.city_words
        )

    def _is_shipping_route(self, tokens: DocTokens, start: int, end: int) -> bool:
        """'from Santos to Qingdao', 'the Aktau-Baku route' in a sentence about shipping goods."""
        before = tokens.word(start - 1)
        after = tokens.word(end)
        if before == "-" or after == "-":
            # "the Aktau-Baku route", not "the Kolkata-based lender"
            return any(word in self.route_words for word in tokens.lowers[end : end + 4])
        if before in POSSESSIVE:  # "to Turkey's Mersin"
            owner = next((c for c in span_rows(tokens.doc, "countries") if c.end == start - 1), None)
            if owner is not None:
                before = tokens.word(owner.start - 1)
        if before not in self.route_prepositions:
            return False
        sentence_start, sentence_end = tokens.sentence(start, end)
        return any(word in self.shipping_words for word in tokens.lowers[sentence_start:sentence_end])

    def _in_place_context(self, tokens: DocTokens, start: int, end: int) -> bool:
        if tokens.word(start - 1) in self.place_prepositions or self._has_city_context(tokens, start, end):
            return True
        return self._is_dateline(tokens, start, end)

    @staticmethod
    def _line_start(tokens: DocTokens, start: int) -> bool:
        """Whether token `start` begins a line or a sentence."""
        if start == 0 or start in tokens.sentence_starts:
            return True
        offset = tokens.flags.idx[start]
        line_start = tokens.text.rfind("\n", 0, offset) + 1
        return not tokens.text[line_start:offset].strip()

    def _is_dateline(self, tokens: DocTokens, start: int, end: int) -> bool:
        """An upper-case dateline: "JAKARTA (Reuters) –", "TEHRAN, Apr. 24", "LIMA — China ..."."""
        return (
            self._line_start(tokens, start)
            and tokens.span_text(start, end).isupper()
            and tokens.word(end) in DATELINE_FOLLOWERS
        )

    def _capitals_allowed(self, tokens: DocTokens, start: int, end: int) -> bool:
        """A name matched in capitals ("DOLE Philippines") counts only in a dateline or a line in capitals."""
        if self._is_dateline(tokens, start, end):
            return True
        text = tokens.text
        offset = tokens.flags.idx[start]
        line_start = text.rfind("\n", 0, offset) + 1
        line_end = text.find("\n", offset)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return not any(character.islower() for character in line)

    # -- main ----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        tokens = DocTokens(doc)
        countries = list(span_rows(doc, "countries"))
        earlier_places = list(span_rows(doc, "places"))
        countries_at: dict[int, list[int]] = defaultdict(list)  # token -> indices into `countries`
        for n, country in enumerate(countries):
            for i in range(country.start, country.end):
                countries_at[i].append(n)
        in_group = {i for group in span_rows(doc, "groups") for i in range(group.start, group.end)}
        dropped: set[int] = set()  # countries that turned out to be inside a region's name
        capital_at: set[int] = set()  # start tokens of names the countries component read as capitals

        spans: list[tuple[int, int, str]] = []  # (start, end, lower-case text)
        for start, end, as_written in self.index.find(doc):
            if any(i in in_group for i in range(start, end)):
                continue  # "Asia", "Central Asia": a group of countries, not a place
            text = tokens.span_text(start, end)
            if not any(as_written) and not self._capitals_allowed(tokens, start, end):
                continue  # "DOLE Philippines, Inc.": a company written in capitals
            key = _key(text)
            inside = sorted(
                {n for i in range(start, end) for n in countries_at.get(i, ()) if n not in dropped}
            )
            if inside and self._is_capital(countries, inside, start, end):
                capital_at.add(start)
            elif inside:
                if all(
                    countries[n].end - countries[n].start < end - start for n in inside
                ) and self._is_region_name(key):
                    # "Western Australia", "New South Wales": the region, not the country inside its name.
                    dropped.update(inside)
                else:
                    continue
            if self._is_part_of_name(tokens, start, end, key, countries, dropped, earlier_places):
                continue
            spans.append((start, end, key))
        if dropped:
            countries = [c for n, c in enumerate(countries) if n not in dropped]
            set_span_group(doc, "countries", countries)
        article = self._article_evidence(tokens, spans, countries)

        places: list[SpanRow] = []
        locations: list[tuple[Location, Span]] = []
        written: dict[tuple[str, str, str], str] = {}  # (kind, ISO3, place) -> the article's first spelling
        decisions = [
            (start, end, decided)
            for start, end, key in spans
            if (decided := self._decide(tokens, start, end, key, start in capital_at, article))
        ]
        decisions = self._as_coordinated_regions(tokens, decisions)
        for start, end, (kind, candidate) in decisions:
            place = (kind, candidate.iso3, candidate.code or fold(candidate.name))
            name = written.setdefault(place, self._written_name(tokens.span_text(start, end), candidate))
            span = Span(doc, start, end, label="PLACE")
            places.append(SpanRow(start, end, kind, candidate.iso3))
            location = Location(
                name=name,
                kind=kind,
                country=candidate.iso3,
                code=candidate.code if kind == candidate.kind else None,
                evidence=evidence(span),
            )
            locations.append((location, span))
        set_span_group(doc, "places", places)
        doc._.locations = locations
        found = self._organizations(tokens, countries, places)
        doc._.organizations = [org for org, _ in found]
        set_span_group(doc, "organizations", [(s.start, s.end, "ORG", "") for _, s in found])
        return doc

    def _article_evidence(
        self, tokens: DocTokens, spans: list[tuple[int, int, str]], countries: list[SpanRow]
    ) -> ArticleEvidence:
        countries_by_sentence: dict[int, set[str]] = {}
        for country in countries:
            if country.kb_id_ == "capital":
                continue  # "George Washington": a capital's name is no evidence for the places beside it
            sentence_start = tokens.sentence(country.start, country.end)[0]
            countries_by_sentence.setdefault(sentence_start, set()).add(country.label_)
        port_word_names = frozenset(
            key
            for start, end, key in spans
            if self._has_context(tokens, start, end, self.port_words) or self._after_port_verb(tokens, start)
        )
        return ArticleEvidence(
            port_names=port_word_names
            | {key for start, end, key in spans if self._is_shipping_route(tokens, start, end)},
            port_word_names=port_word_names,
            region_names=frozenset(
                key for start, end, key in spans if self._has_context(tokens, start, end, self.region_words)
            ),
            city_names=frozenset(
                key for start, end, key in spans if self._has_city_context(tokens, start, end)
            ),
            countries=frozenset(c.label_ for c in countries),
            named_countries=frozenset(c.label_ for c in countries if c.kb_id_ != "capital"),
            countries_by_sentence=countries_by_sentence,
            country_ending_at={c.end: c.label_ for c in countries},
            country_starting_at={c.start: c.label_ for c in countries},
        )

    def _as_coordinated_regions(
        self, tokens: DocTokens, decisions: list[tuple[int, int, tuple[str, Candidate]]]
    ) -> list[tuple[int, int, tuple[str, Candidate]]]:
        """A city name in a list with a region of the same country is that region too: "wheat from
        Kostanay and North Kazakhstan", "farmers in Ontario and Quebec"."""
        out = list(decisions)
        for _ in range(2):  # a region passes its kind along a list of three: "A, B and C"
            ends = {end: n for n, (_start, end, _decided) in enumerate(out)}
            starts = {start: n for n, (start, _end, _decided) in enumerate(out)}
            for n, (start, end, (kind, _candidate)) in enumerate(out):
                if kind != "city":
                    continue
                siblings = []
                if tokens.word(end) in {",", "and", "&"} and end + 1 in starts:
                    siblings.append(out[starts[end + 1]][2])
                if tokens.word(start - 1) in {",", "and", "&"} and start - 1 in ends:
                    siblings.append(out[ends[start - 1]][2])
                regions = {c.iso3 for k, c in siblings if k == "region"}
                if not regions:
                    continue
                key = _key(tokens.span_text(start, end))
                region = next(
                    (c for c in self.candidates.get(key, []) if c.kind == "region" and c.iso3 in regions),
                    None,
                )
                if region is not None:
                    out[n] = (start, end, ("region", region))
        return out

    @staticmethod
    def _written_name(text: str, candidate: Candidate) -> str:
        """The article's spelling; one in capitals (a dateline) in the gazetteer's case."""
        if not text.isupper():
            return text
        return candidate.name if fold(candidate.name) == fold(text) else text.title()

    def _is_region_name(self, key: str) -> bool:
        return any(c.kind == "region" for c in self.candidates.get(key, []))

    def _is_part_of_name(
        self,
        tokens: DocTokens,
        start: int,
        end: int,
        key: str,
        countries: list[SpanRow],
        dropped: set[int],
        places: list[SpanRow],
    ) -> bool:
        """'the Astana Club', 'Tehran Times', 'Carlos Mendoza', 'in March': a place name that is part of
        another name or a date."""
        if key in MONTHS or key in WEEKDAYS:
            return True
        if tokens.word(start - 1) in self.honorifics or (
            tokens.word(start - 1) == "." and tokens.word(start - 2) in self.honorifics
        ):
            return True  # "Mr. Santos", "Dr Lima": a person's surname
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
        if self._port_phrase_at(tokens, end):
            return False  # "Turkmenbashi International Seaport" names the port Turkmenbashi
        if lowers[end] in self.org_keywords:
            return False  # "Qazvin Chamber of Commerce" still names Qazvin
        return not any(s.start == end for s in live)

    @staticmethod
    def _is_capital(countries: list[SpanRow], inside: list[int], start: int, end: int) -> bool:
        return any(
            countries[n].start == start and countries[n].end == end and countries[n].kb_id_ == "capital"
            for n in inside
        )

    def _owner(self, tokens: DocTokens, start: int, end: int, article: ArticleEvidence) -> str | None:
        """The country a mention is said to be in: "Kazakhstan's Kuryk", "the Turkish port of Karasu",
        "the Kazakh city Shymkent", "Indian Punjab", "Osh in Kyrgyzstan", "Yiwu, China", "Sichuan province
        in China"."""
        word = tokens.word
        owner = article.country_ending_at.get(start - 1)  # "Indian Punjab"
        if owner is None and word(start - 1) in POSSESSIVE:
            owner = article.country_ending_at.get(start - 2)  # "Kazakhstan's Kuryk"
        if owner is None and word(start - 1) in self.type_words:
            owner = article.country_ending_at.get(start - 2)  # "the Kazakh city Shymkent"
        if owner is None and word(start - 1) == "of" and word(start - 2) in self.type_words:
            owner = article.country_ending_at.get(start - 3)  # "the Turkish port of Karasu"
        if owner is None:
            after = end + 1 if word(end) in self.type_words else end  # "Sichuan province in China"
            if word(after) in {"in", ","}:
                owner = article.country_starting_at.get(after + 1)
        return owner

    def _decide(
        self, tokens: DocTokens, start: int, end: int, key: str, capital: bool, article: ArticleEvidence
    ) -> tuple[str, Candidate] | None:
        """The kind of this mention and the place it names, or None when the evidence is not enough."""
        kinds = {c.kind for c in self.candidates.get(key, [])}
        near = article.countries_by_sentence.get(tokens.sentence(start, end)[0], set())
        owner = self._owner(tokens, start, end, article)
        chosen = {kind: self._choose(key, kind, owner, near, article.countries) for kind in kinds}
        city, port, region = chosen.get("city"), chosen.get("port"), chosen.get("region")

        def said(candidate: Candidate | None) -> bool:
            """Its country is where the text puts it or is named in the article (not only by a capital)."""
            return candidate is not None and (
                candidate.iso3 == owner or candidate.iso3 in near or candidate.iso3 in article.named_countries
            )

        if port is not None and key in article.port_names:
            return "port", port
        if city is not None and key in article.port_word_names:
            # "the Turkish port of Karasu": a port the gazetteer knows only as a city
            return "port", city
        if region is not None and (
            key in article.region_names
            or tokens.word(end) in self.region_titles
            or (tokens.word(start - 1) == "of" and tokens.word(start - 2) in self.region_titles)
        ):
            return "region", region  # "Golestan governor", "the governor of Texas"
        place_context = self._in_place_context(tokens, start, end)
        # A region or port of a country the article names beats a city of one it does not ("farmers in
        # Ontario and Quebec" in an article about Canada: not Ontario, California).
        rival = said(region) or (said(port) and not port.ambiguous)
        if city is not None and key not in article.region_names and (said(city) or not rival):
            if capital and city.iso3 in article.named_countries:
                return "city", city  # "talks with Washington" in an article that names the US
            explicit = place_context or key in article.city_names or city.iso3 == owner
            if city.ambiguous:
                if explicit:
                    return "city", city
            elif (
                explicit
                or said(city)
                or city.rank >= WELL_KNOWN_POPULATION
                or tokens.word(start - 1) in self.route_prepositions  # "goods flow from Kashgar"
            ):
                return "city", city
        if port is not None:
            if key in article.city_names and city is None:
                return "city", port  # "Garabogaz city": a town the gazetteer knows only by its port
            if port.iso3 == owner or (said(port) and not port.ambiguous):
                return "port", port
        if region is not None:
            if region.iso3 == owner:
                return "region", region
            if region.ambiguous:
                if place_context and said(region):
                    return "region", region
            elif said(region) or end - start > 1:
                return "region", region
        return None

    def _choose(
        self, key: str, kind: str, owner: str | None, near: set[str], doc_countries: frozenset[str]
    ) -> Candidate | None:
        """The candidate of that kind in the country the text puts it in (`owner`), else one whose country
        the sentence (`near`), else the article mentions, else the most populous."""
        options = [c for c in self.candidates.get(key, []) if c.kind == kind]
        if not options:
            return None
        return max(options, key=lambda c: (c.iso3 == owner, c.iso3 in near, c.iso3 in doc_countries, c.rank))

    # -- organisations ---------------------------------------------------------------------------------------
    def _organizations(
        self, tokens: DocTokens, countries: list[SpanRow], places: list[SpanRow]
    ) -> list[tuple[Organization, Span]]:
        """Capitalised names around an organisation keyword: 'Qazvin Chamber of Commerce', 'Embassy of India',
        'Ministry of Industry and Infrastructure Development of Kazakhstan', 'National Statistics Committee'.

        The name runs left over capitalised words and right over an 'of ...' tail made of portfolio words,
        country and place names, so a person's name after it ('... Committee Nadezhda Lazarevich') stays out.
        """
        lowers = tokens.lowers
        flags = tokens.flags
        positions = list(compress(count(), map(self.org_keywords.__contains__, lowers)))  # at C speed
        if not positions:
            return []
        in_place = {i for s in (*countries, *places) for i in range(s.start, s.end)}
        found: list[tuple[Organization, Span]] = []
        groups = span_rows(tokens.doc, "groups")
        last_end = 0
        for k in positions:
            if k < last_end or not (flags.is_title[k] or flags.is_upper[k]):
                continue
            start = k
            while start > 0 and (
                self._capitalised(tokens, start - 1)
                or (
                    lowers[start - 1] in {"and", "&"}
                    and start > 1
                    and self._capitalised(tokens, start - 2)
                    # "India, China and European Union": a country before "and" is an item of a list
                    and start - 2 not in in_place
                )
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
