"""Officials: a title of office joined to a person's name, with role class, country served and posting.

Shapes read: "Kazakhstan's Ambassador to Iran Askhat Orazbay", "Iranian Foreign Minister Mohammad Javad
Zarif", "the Minister of Food of Ukraine, Alexander Pavlenko", "Nadezhda Lazarevich, Deputy Chairman of
the City Executive Committee", "his Kazakh counterpart, Mukhtar Tleuberdi" (the counterpart takes the role
of the title met before it), "ex-president Nursultan Nazarbayev" (former).
"""

from __future__ import annotations

from collections import Counter
from itertools import islice

from pydantic import BaseModel
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tradegraph.components.base import POSSESSIVE, DocTokens, evidence, sentence_bounds, sentence_ranges
from tradegraph.models import Official, RoleClass
from tradegraph.rules import load_tsv, load_words

MAX_TITLE_TAIL = 16
MAX_NAME_TOKENS = 5


class TitleRow(BaseModel):
    title: str
    role_class: RoleClass
    kind: str


@Language.factory("tg_officials")
def make_officials(nlp: Language, name: str) -> OfficialFinder:
    return OfficialFinder(nlp)


class OfficialFinder:
    """Writes doc._.officials (list[Official]) and doc.spans["officials"] (the person names)."""

    def __init__(self, nlp: Language) -> None:
        self.titles = {row.title: row for row in load_tsv("titles.tsv", TitleRow)}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for title in self.titles:
            self.matcher.add(title, [nlp.make_doc(title)])
        self.state_words = load_words("words/state_body_words.txt")
        self.private_words = load_words("words/private_body_words.txt")
        self.former_words = load_words("words/former_words.txt")
        self.subnational = load_words("words/subnational_prefixes.txt")
        self.not_name = load_words("words/not_name_words.txt")
        self.particles = load_words("words/person_particles.txt")
        self.org_keywords = load_words("words/organization_keywords.txt")
        self.connectors = load_words("words/name_connectors.txt")
        self.portfolio_words = load_words("words/portfolio_words.txt")
        self.institution_words = load_words("words/institution_words.txt")
        self.tail_trim_words = self.connectors | {"of", "for", "to", "in", "at"}

    # -- spans -------------------------------------------------------------------------------------------
    @staticmethod
    def _span_index(doc: Doc, countries: list[Span], places: list[Span]) -> dict[int, Span]:
        """Token -> the country, place, organisation or group covering it (the later kind wins)."""
        index: dict[int, Span] = {}
        for spans in (countries, places, doc.spans.get("organizations", []), doc.spans.get("groups", [])):
            for span in spans:
                for i in range(span.start, span.end):
                    index[i] = span
        return index

    def _title_spans(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        # "Deputy Chairman", "Foreign Minister" etc. are in the table; keep the longest title.
        return filter_spans(spans)

    def _is_name_token(
        self, tokens: DocTokens, i: int, taken: dict[int, Span], titles: set[int], soft: bool = False
    ) -> bool:
        """A capitalised word that can belong to a person's name. With `soft`, a word that is also a city or
        capital counts ("Nursultan Nazarbayev"): the caller then requires a name word after it."""
        flags = tokens.flags
        if i in taken and soft and self._is_place_like(taken[i]):
            taken = {}
        if i in titles and soft and i + 1 < len(tokens) and flags.text[i + 1] == "-":
            titles = set()  # "Amir-Abdollahian": a title word inside a hyphenated name
        lower = tokens.lowers[i]
        if i in taken or i in titles or lower in self.not_name or lower in self.org_keywords:
            return False
        return bool(flags.is_title[i] or (flags.is_alpha[i] and flags.is_upper[i] and len(flags.text[i]) > 2))

    @staticmethod
    def _is_place_like(span: Span) -> bool:
        return span.label_ in {"city", "port", "region"} or span.kb_id_ == "capital"

    def _name_at(
        self, tokens: DocTokens, start: int, taken: dict[int, Span], titles: set[int]
    ) -> Span | None:
        """A person's name starting at `start`: capitalised words, particles and hyphenated parts."""
        n = len(tokens)
        lowers, texts, is_title = tokens.lowers, tokens.flags.text, tokens.flags.is_title
        end = start
        while end < n and end - start < MAX_NAME_TOKENS:
            if self._is_name_token(tokens, end, taken, titles) or (
                # A word that is also a place inside a name: "Nursultan Nazarbayev", "Carlos Mendoza".
                self._is_name_token(tokens, end, taken, titles, soft=True)
                and (end > start or (end + 1 < n and self._is_name_token(tokens, end + 1, taken, titles)))
            ):
                end += 1
            elif end > start and texts[end] == "-" and end + 1 < n and is_title[end + 1]:
                end += 2
            elif end > start and lowers[end] in self.particles and end + 1 < n and is_title[end + 1]:
                end += 1
            else:
                break
        if end == start or lowers[end - 1] in self.particles:
            return None
        return Span(tokens.doc, start, end, label="PERSON")

    def _name_before(
        self, tokens: DocTokens, end: int, taken: dict[int, Span], titles: set[int]
    ) -> Span | None:
        start = end
        while start > 0 and end - start < MAX_NAME_TOKENS:
            if self._is_name_token(tokens, start - 1, taken, titles) or (
                start < end
                and (tokens.flags.text[start - 1] == "-" or tokens.lowers[start - 1] in self.particles)
            ):
                start -= 1
            else:
                break
        if start == end:
            return None
        return self._name_at(tokens, start, taken, titles)

    # -- title phrases -------------------------------------------------------------------------------------
    def _qualifiers(
        self,
        tokens: DocTokens,
        title: Span,
        sentence_start: int,
        taken: dict[int, Span],
        countries: list[Span],
    ) -> tuple[int, list[Span], bool]:
        """Walk left over "Kazakhstan's", "Iranian", "ex-", "Economic Development": (start, countries, former)."""
        lowers, flags = tokens.lowers, tokens.flags
        qualifiers: list[Span] = []
        former = False
        i = title.start - 1
        while i >= sentence_start:
            lower = lowers[i]
            span = taken.get(i)
            if flags.text[i] == "-" and i - 1 >= sentence_start and lowers[i - 1] in self.former_words:
                former = True
                i -= 2
                continue
            if lower in self.former_words:
                former = True
                i -= 1
                continue
            if flags.text[i] in POSSESSIVE and (i - 1) in taken:
                i -= 1
                continue
            if span is not None and span.label_ and span in countries:
                qualifiers.append(span)
                i = span.start - 1
                continue
            if flags.is_title[i] and lower not in self.not_name and i not in tokens.sentence_starts:
                i -= 1
                continue
            if (
                flags.is_lower[i]
                and flags.is_alpha[i]
                and lower not in self.not_name
                and i == title.start - 1
            ):
                i -= 1  # "trade minister", "foreign minister"
                continue
            break
        return i + 1, qualifiers, former

    def _tail(
        self, tokens: DocTokens, title: Span, sentence_end: int, taken: dict[int, Span], titles: set[int]
    ) -> int:
        """End of "of Agrarian Policy and Food of Ukraine", "to Iran", "of Uzbekistan in Belarus"."""
        lowers, flags = tokens.lowers, tokens.flags
        i = title.end
        in_chain = False
        limit = min(len(tokens), sentence_end, title.end + MAX_TITLE_TAIL)
        while i < limit:
            lower = lowers[i]
            if lower in {"of", "for", "to", "in", "at"}:
                in_chain = True
                i += 1
            elif lower in self.connectors or i in titles or (in_chain and i in taken):
                i += 1
            elif in_chain and flags.is_lower[i] and flags.is_alpha[i]:
                i += 1
            elif (
                in_chain
                and flags.is_title[i]
                and (lower in self.org_keywords or lower in self.state_words or lower in self.portfolio_words)
            ):
                i += 1
            elif in_chain and lower in POSSESSIVE and (i - 1) in taken:
                i += 1  # "head of Iran's Trade Promotion Organization"
            elif (
                in_chain
                and lower == ","
                and i + 1 < limit
                and flags.is_title[i + 1]
                and lowers[i + 1] in self.portfolio_words
                and "and" in lowers[i + 1 : i + 4]
            ):
                i += 1  # "Minister of Industry, Mine and Trade"
            else:
                break
        while i > title.end and lowers[i - 1] in self.tail_trim_words:
            i -= 1
        return i

    # -- main ----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        title_spans = self._title_spans(doc)
        if not title_spans:
            doc._.officials, doc.spans["officials"] = [], []
            return doc
        tokens = DocTokens(doc)
        # Read once: iterating doc.spans[...] builds a new Span object for each item every time.
        countries = list(doc.spans.get("countries", []))
        places = list(doc.spans.get("places", []))
        taken = self._span_index(doc, countries, places)
        country_tokens = {i for span in countries for i in range(span.start, span.end)}
        organizations = list(doc.spans.get("organizations", []))
        titles = {i for span in title_spans for i in range(span.start, span.end)}
        author = (doc._.author or "").lower()
        home = self._home_country(tokens, countries, places)
        found: list[tuple[int, Official, Span]] = []
        previous_role: dict[int, RoleClass] = {}
        for title in title_spans:
            row = self.titles[title.label_]
            sentence_start, sentence_end = sentence_bounds(doc, title.start, title.end)
            start, qualifier_countries, former = self._qualifiers(
                tokens, title, sentence_start, taken, countries
            )
            tail_end = self._tail(tokens, title, sentence_end, taken, titles)
            role = row.role_class
            if row.kind != "counterpart":
                previous_role[sentence_start] = role
            elif sentence_start in previous_role:
                role = previous_role[sentence_start]
            name = self._find_name(tokens, start, tail_end, taken, titles)
            if name is None:
                continue
            name_text = tokens.span_text(name.start, name.end)
            if author and name_text.lower() in author:
                continue
            words = set(tokens.lowers[start:tail_end])
            if row.kind in {"generic", "head", "legislator"} and words & self.private_words:
                continue
            # "head of Iran's Trade Promotion Organization": a body of a named state
            in_state_body = words & self.state_words or any(
                i in country_tokens for i in range(title.end, tail_end)
            )
            if row.kind == "generic" and not in_state_body:
                continue
            heads_organization = words & self.org_keywords or any(
                org.end == title.start or (org.start < tail_end and org.end > start) for org in organizations
            )  # "president of Iran Chamber of Commerce", "World Bank President"
            if row.kind == "head" and heads_organization:
                if not words & self.state_words:
                    continue  # heads a chamber, union, company or international body: not a state's official
                role = "official"  # "President of the National Bank of Kazakhstan"
            country, posted_to, strength = self._countries(
                tokens,
                title,
                sentence_start,
                (start, tail_end),
                countries,
                places,
                qualifier_countries,
                row.kind,
                home,
            )
            if role == "minister" and {"deputy", "vice"} & set(tokens.lowers[start : title.start]):
                role = "deputy_minister"  # "Deputy Economy Minister"
            if role == "governor" and words & self.institution_words:
                role = "official"  # "Governor of the Central Bank": heads an institution, not a region
            if row.title == "premier" and self._subnational(tokens, start, title, qualifier_countries):
                role = "governor"
            title_text = tokens.span_text(start, tail_end).strip(" ,")
            found.append(
                (
                    strength,
                    Official(
                        name=name_text,
                        title=title_text,
                        role_class=role,
                        country=country,
                        posted_to=posted_to,
                        former=former,
                        evidence=evidence(name),
                    ),
                    name,
                )
            )
        doc._.officials, doc.spans["officials"] = _merge_mentions(found)
        _drop_places_inside_names(doc, [span for _, _, span in found])
        return doc

    def _find_name(
        self, tokens: DocTokens, start: int, tail_end: int, taken: dict[int, Span], titles: set[int]
    ) -> Span | None:
        n = len(tokens)
        texts = tokens.flags.text
        after = tail_end
        if after < n and texts[after] == ",":
            after += 1
        name = self._name_at(tokens, after, taken, titles) if after < n else None
        if name is not None:
            return name
        # "Nadezhda Lazarevich, Deputy Chairman of ...": a name before a comma before the title phrase, when
        # the title phrase closes there (not "with Nazarbayev, the Iranian minister held ...").
        closes = (
            tail_end >= n
            or texts[tail_end] in {",", ":", ".", ";", ")", "\n"}
            or tokens.flags.is_space[tail_end]
        )
        if not closes:
            return None
        before = start
        if before > 0 and tokens.lowers[before - 1] in {"the", "a"}:
            before -= 1
        if before > 1 and texts[before - 1] == ",":
            return self._name_before(tokens, before - 1, taken, titles)
        return None

    def _countries(
        self,
        tokens: DocTokens,
        title: Span,
        title_sentence: int,
        phrase: tuple[int, int],
        countries: list[Span],
        places: list[Span],
        qualifiers: list[Span],
        kind: str,
        home: tuple[str | None, bool],
    ) -> tuple[str | None, str | None, int]:
        """(country served, posted_to, strength) from the title phrase (3), the sentence (2), the article (1).

        `phrase` is the title phrase's (start, end) tokens; `title_sentence` the start of the title's sentence.
        """
        doc = tokens.doc
        lowers = tokens.lowers
        phrase_start, phrase_end = phrase
        after_title = [s for s in countries if title.end <= s.start < phrase_end]
        places = [s for s in places if phrase_start <= s.start < phrase_end]
        start_char = tokens.flags.idx[phrase_start]
        end_char = start_char + len(tokens.span_text(phrase_start, phrase_end))
        orgs = [
            o for o in (doc._.organizations or []) if o.evidence and start_char <= o.evidence.start < end_char
        ]
        posted_to = None
        if kind == "envoy":
            hosts = [s for s in after_title if lowers[s.start - 1] in {"to", "in", "at"}]
            origin = [s for s in after_title if lowers[s.start - 1] in {"of", "for"}]
            posted_to = hosts[0].label_ if hosts else None
            if qualifiers or origin:
                return (qualifiers or origin)[0].label_, posted_to, 3
        elif qualifiers:
            return qualifiers[0].label_, None, 3
        elif after_title:
            return after_title[-1].label_, None, 3
        for org in orgs:
            if org.country:
                return org.country, posted_to, 3
        if places:
            return places[0].kb_id_, posted_to, 3
        sentence_countries = [
            s for s in countries if sentence_bounds(doc, s.start, s.end)[0] == title_sentence
        ]
        preceding = [s for s in sentence_countries if s.end <= phrase_start and s.label_ != posted_to]
        for pool in ([s for s in preceding if s.kb_id_ != "demonym"], preceding):
            if pool:
                return pool[-1].label_, posted_to, 2
        home_country, from_dateline = home
        following = [
            s
            for s in sentence_countries
            if s.start >= phrase_start and s.kb_id_ == "name" and s.label_ != posted_to
        ]
        if following and not from_dateline:
            # "Petroleum Minister Hardeep Singh Puri said India would ...": the country named after him
            return following[0].label_, posted_to, 2
        return home_country, posted_to, 1

    def _subnational(self, tokens: DocTokens, start: int, title: Span, qualifiers: list[Span]) -> bool:
        """'West Australian Premier', 'Premier of Ontario': a premier of a state or province."""
        for span in qualifiers:
            if span.start > 0 and tokens.lowers[span.start - 1] in self.subnational:
                return True
        qualifier_tokens = {i for s in qualifiers for i in range(s.start, s.end)}
        is_title = tokens.flags.is_title
        return (
            any(is_title[i] for i in range(start, title.start) if i not in qualifier_tokens)
            and not qualifiers
        )

    def _home_country(
        self, tokens: DocTokens, countries: list[Span], places: list[Span]
    ) -> tuple[str | None, bool]:
        """(the article's own country, whether a dateline says so): the dateline's country, else the one
        whose cities and regions are named most, else the one mentioned most."""
        flags = tokens.flags
        opening = (r for r in sentence_ranges(tokens.doc) if tokens.span_text(*r).strip())
        for start, end in islice(opening, 6):
            # "WELLINGTON, New Zealand –": an upper-case place, a comma, the country.
            if (
                flags.is_upper[start]
                and flags.is_alpha[start]
                and end - start > 3
                and flags.text[start + 1] == ","
            ):
                for span in countries:
                    if span.start == start + 2:
                        return span.label_, True
        for place in places:
            if (
                place.start == tokens.sentence(place.start, place.end)[0]
                and tokens.span_text(place.start, place.end).isupper()
            ):
                return place.kb_id_, True  # "JAKARTA (Reuters) –"
        # Local news names its own cities and regions: the country with most place mentions, else mentions.
        place_counts: Counter[str] = Counter(p.kb_id_ for p in places if p.label_ in {"city", "region"})
        if place_counts:
            return place_counts.most_common(1)[0][0], False
        counts: Counter[str] = Counter(s.label_ for s in countries)
        return (counts.most_common(1)[0][0] if counts else None), False


def _merge_mentions(found: list[tuple[int, Official, Span]]) -> tuple[list[Official], list[Span]]:
    """One official per person (same surname): the fullest name, the best-founded country, any posting."""
    merged: dict[str, tuple[int, Official, Span]] = {}
    for strength, official, span in found:
        key = official.name.split()[-1].lower()
        if key not in merged:
            merged[key] = (strength, official, span)
            continue
        best_strength, best, best_span = merged[key]
        if strength > best_strength:
            best_strength, best = (
                strength,
                best.model_copy(
                    update={
                        "country": official.country,
                        "role_class": official.role_class,
                        "title": official.title,
                    }
                ),
            )
        if len(official.name) > len(best.name):
            best = best.model_copy(update={"name": official.name})
            best_span = span
        updates = {
            "former": best.former or official.former,
            "posted_to": best.posted_to or official.posted_to,
        }
        merged[key] = (best_strength, best.model_copy(update=updates), best_span)
    return [official for _, official, _ in merged.values()], [span for _, _, span in merged.values()]


def _drop_places_inside_names(doc: Doc, names: list[Span]) -> None:
    """'Nursultan Nazarbayev': a city or capital inside a person's name is not a place or a country."""
    inside = {i for name in names for i in range(name.start, name.end)}
    if not inside:
        return
    for key in ("countries", "places"):
        doc.spans[key] = [s for s in doc.spans.get(key, []) if s.start not in inside]
    doc._.locations = [(loc, span) for loc, span in (doc._.locations or []) if span.start not in inside]
