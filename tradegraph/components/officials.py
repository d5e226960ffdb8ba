"""Officials: a title of office joined to a person's name, with role class, country served and posting.

Shapes read: "Kazakhstan's Ambassador to Iran Askhat Orazbay", "Iranian Foreign Minister Mohammad Javad
Zarif", "the Minister of Food of Ukraine, Alexander Pavlenko", "Nadezhda Lazarevich, Deputy Chairman of
the City Executive Committee", "his Kazakh counterpart, Mukhtar Tleuberdi" (the counterpart takes the role
of the title met before it), "ex-president Nursultan Nazarbayev" (former).
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tradegraph.components.base import evidence, is_possessive
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

    # -- spans -------------------------------------------------------------------------------------------
    def _span_index(self, doc: Doc) -> dict[int, Span]:
        index: dict[int, Span] = {}
        for key in ("countries", "places", "organizations", "groups"):
            for span in doc.spans.get(key, []):
                for i in range(span.start, span.end):
                    index[i] = span
        return index

    def _title_spans(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        # "Deputy Chairman", "Foreign Minister" etc. are in the table; keep the longest title.
        return filter_spans(spans)

    def _is_name_token(
        self, doc: Doc, i: int, taken: dict[int, Span], titles: set[int], soft: bool = False
    ) -> bool:
        """A capitalised word that can belong to a person's name. With `soft`, a word that is also a city or
        capital counts ("Nursultan Nazarbayev"): the caller then requires a name word after it."""
        token = doc[i]
        if i in taken and soft and self._is_place_like(taken[i]):
            taken = {}
        if i in titles and soft and i + 1 < len(doc) and doc[i + 1].text == "-":
            titles = set()  # "Amir-Abdollahian": a title word inside a hyphenated name
        if i in taken or i in titles or token.lower_ in self.not_name or token.lower_ in self.org_keywords:
            return False
        return token.is_title or (token.is_alpha and token.is_upper and len(token) > 2)

    @staticmethod
    def _is_place_like(span: Span) -> bool:
        return span.label_ in {"city", "port", "region"} or span.kb_id_ == "capital"

    def _name_at(self, doc: Doc, start: int, taken: dict[int, Span], titles: set[int]) -> Span | None:
        """A person's name starting at `start`: capitalised words, particles and hyphenated parts."""
        end = start
        while end < len(doc) and end - start < MAX_NAME_TOKENS:
            token = doc[end]
            if self._is_name_token(doc, end, taken, titles) or (
                # A word that is also a place inside a name: "Nursultan Nazarbayev", "Carlos Mendoza".
                self._is_name_token(doc, end, taken, titles, soft=True)
                and (
                    end > start
                    or (end + 1 < len(doc) and self._is_name_token(doc, end + 1, taken, titles))
                )
            ):
                end += 1
            elif end > start and token.text == "-" and end + 1 < len(doc) and doc[end + 1].is_title:
                end += 2
            elif (
                end > start
                and token.lower_ in self.particles
                and end + 1 < len(doc)
                and doc[end + 1].is_title
            ):
                end += 1
            else:
                break
        if end == start or doc[end - 1].lower_ in self.particles:
            return None
        return Span(doc, start, end, label="PERSON")

    def _name_before(self, doc: Doc, end: int, taken: dict[int, Span], titles: set[int]) -> Span | None:
        start = end
        while start > 0 and end - start < MAX_NAME_TOKENS:
            token = doc[start - 1]
            if self._is_name_token(doc, start - 1, taken, titles) or (
                start < end and (token.text == "-" or token.lower_ in self.particles)
            ):
                start -= 1
            else:
                break
        if start == end:
            return None
        return self._name_at(doc, start, taken, titles)

    # -- title phrases -------------------------------------------------------------------------------------
    def _qualifiers(self, doc: Doc, title: Span, taken: dict[int, Span]) -> tuple[int, list[Span], bool]:
        """Walk left over "Kazakhstan's", "Iranian", "ex-", "Economic Development": (start, countries, former)."""
        countries: list[Span] = []
        former = False
        i = title.start - 1
        sentence_start = title.sent.start
        while i >= sentence_start:
            token = doc[i]
            span = taken.get(i)
            if token.text == "-" and i - 1 >= sentence_start and doc[i - 1].lower_ in self.former_words:
                former = True
                i -= 2
                continue
            if token.lower_ in self.former_words:
                former = True
                i -= 1
                continue
            if is_possessive(doc, i) and (i - 1) in taken:
                i -= 1
                continue
            if span is not None and span.label_ and span in doc.spans.get("countries", []):
                countries.append(span)
                i = span.start - 1
                continue
            if token.is_title and token.lower_ not in self.not_name and not token.is_sent_start:
                i -= 1
                continue
            if (
                token.is_lower
                and token.is_alpha
                and token.lower_ not in self.not_name
                and i == title.start - 1
            ):
                i -= 1  # "trade minister", "foreign minister"
                continue
            break
        return i + 1, countries, former

    def _tail(self, doc: Doc, title: Span, taken: dict[int, Span], titles: set[int]) -> int:
        """End of "of Agrarian Policy and Food of Ukraine", "to Iran", "of Uzbekistan in Belarus"."""
        i = title.end
        in_chain = False
        limit = min(len(doc), title.sent.end, title.end + MAX_TITLE_TAIL)
        while i < limit:
            token = doc[i]
            lower = token.lower_
            if lower in {"of", "for", "to", "in", "at"}:
                in_chain = True
                i += 1
            elif lower in self.connectors or i in titles or (in_chain and i in taken):
                i += 1
            elif in_chain and token.is_lower and token.is_alpha:
                i += 1
            elif (
                in_chain
                and token.is_title
                and (lower in self.org_keywords or lower in self.state_words or lower in self.portfolio_words)
            ):
                i += 1
            else:
                break
        while i > title.end and doc[i - 1].lower_ in self.connectors | {"of", "for", "to", "in", "at"}:
            i -= 1
        return i

    # -- main ----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        taken = self._span_index(doc)
        title_spans = self._title_spans(doc)
        titles = {i for span in title_spans for i in range(span.start, span.end)}
        author = (doc._.author or "").lower()
        home = self._home_country(doc)
        found: list[tuple[int, Official, Span]] = []
        previous_role: dict[int, RoleClass] = {}
        for title in title_spans:
            row = self.titles[title.label_]
            start, qualifier_countries, former = self._qualifiers(doc, title, taken)
            tail_end = self._tail(doc, title, taken, titles)
            role = row.role_class
            if row.kind != "counterpart":
                previous_role[title.sent.start] = role
            elif title.sent.start in previous_role:
                role = previous_role[title.sent.start]
            name = self._find_name(doc, start, tail_end, taken, titles)
            if name is None:
                continue
            if author and name.text.lower() in author:
                continue
            phrase = doc[start:tail_end]
            words = {t.lower_ for t in phrase}
            if row.kind in {"generic", "head", "legislator"} and words & self.private_words:
                continue
            if row.kind == "generic" and not words & self.state_words:
                continue
            country, posted_to, strength = self._countries(
                doc, title, phrase, qualifier_countries, row.kind, home
            )
            if role == "governor" and words & self.institution_words:
                role = "official"  # "Governor of the Central Bank": heads an institution, not a region
            if row.title == "premier" and self._subnational(doc, start, title, qualifier_countries):
                role = "governor"
            title_text = doc[start:tail_end].text.strip(" ,")
            found.append(
                (
                    strength,
                    Official(
                        name=name.text,
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
        self, doc: Doc, start: int, tail_end: int, taken: dict[int, Span], titles: set[int]
    ) -> Span | None:
        after = tail_end
        if after < len(doc) and doc[after].text == ",":
            after += 1
        name = self._name_at(doc, after, taken, titles) if after < len(doc) else None
        if name is not None:
            return name
        # "Nadezhda Lazarevich, Deputy Chairman of ...": a name before a comma before the title phrase, when
        # the title phrase closes there (not "with Nazarbayev, the Iranian minister held ...").
        closes = (
            tail_end >= len(doc)
            or doc[tail_end].text in {",", ":", ".", ";", ")", "\n"}
            or doc[tail_end].is_space
        )
        if not closes:
            return None
        before = start
        if before > 0 and doc[before - 1].lower_ in {"the", "a"}:
            before -= 1
        if before > 1 and doc[before - 1].text == ",":
            return self._name_before(doc, before - 1, taken, titles)
        return None

    def _countries(
        self,
        doc: Doc,
        title: Span,
        phrase: Span,
        qualifiers: list[Span],
        kind: str,
        home: str | None,
    ) -> tuple[str | None, str | None, int]:
        """(country served, posted_to, strength) from the title phrase (3), the sentence (2), the article (1)."""
        after_title = [s for s in doc.spans.get("countries", []) if title.end <= s.start < phrase.end]
        places = [s for s in doc.spans.get("places", []) if phrase.start <= s.start < phrase.end]
        orgs = [
            o
            for o in (doc._.organizations or [])
            if o.evidence and phrase.start_char <= o.evidence.start < phrase.end_char
        ]
        posted_to = None
        if kind == "envoy":
            hosts = [s for s in after_title if doc[s.start - 1].lower_ in {"to", "in", "at"}]
            origin = [s for s in after_title if doc[s.start - 1].lower_ in {"of", "for"}]
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
        sentence_countries = [s for s in doc.spans.get("countries", []) if s.sent.start == title.sent.start]
        preceding = [s for s in sentence_countries if s.end <= phrase.start and s.label_ != posted_to]
        for pool in ([s for s in preceding if s.kb_id_ != "demonym"], preceding):
            if pool:
                return pool[-1].label_, posted_to, 2
        return home, posted_to, 1

    def _subnational(self, doc: Doc, start: int, title: Span, qualifiers: list[Span]) -> bool:
        """'West Australian Premier', 'Premier of Ontario': a premier of a state or province."""
        for span in qualifiers:
            if span.start > 0 and doc[span.start - 1].lower_ in self.subnational:
                return True
        qualifier_tokens = {i for s in qualifiers for i in range(s.start, s.end)}
        return (
            any(doc[i].is_title for i in range(start, title.start) if i not in qualifier_tokens)
            and not qualifiers
        )

    def _home_country(self, doc: Doc) -> str | None:
        """The article's own country: its dateline's, else the one mentioned most (places count too)."""
        countries = doc.spans.get("countries", [])
        for sentence in [s for s in doc.sents if s.text.strip()][:6]:
            first = sentence[0]
            # "WELLINGTON, New Zealand –": an upper-case place, a comma, the country.
            if first.is_upper and first.is_alpha and len(sentence) > 3 and sentence[1].text == ",":
                for span in countries:
                    if span.start == sentence.start + 2:
                        return span.label_
        places = doc.spans.get("places", [])
        for place in places:
            if place.start == place.sent.start and place.text.isupper():
                return place.kb_id_  # "JAKARTA (Reuters) –"
        # Local news names its own cities and regions: the country with most place mentions, else mentions.
        place_counts: Counter[str] = Counter(p.kb_id_ for p in places if p.label_ in {"city", "region"})
        if place_counts:
            return place_counts.most_common(1)[0][0]
        counts: Counter[str] = Counter(s.label_ for s in countries)
        return counts.most_common(1)[0][0] if counts else None


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
