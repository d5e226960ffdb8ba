"""The article's home country: the state that an unqualified official serves and that an unstated side of a
trade value is, when nothing in the sentence says otherwise.

One rule, written onto the Doc by `tg_home` (after countries and places) and read by officials and trade values:

1. a dateline names it: "WELLINGTON, New Zealand –", "JAKARTA (Reuters) –", "ASTANA. KAZINFORM –",
   "Tashkent, Uzbekistan (UzDaily) --";
2. else the state named most (`WEIGHTS`): names count one, demonyms, cities, regions and ports half, capitals
   nothing. A tie is broken by the first mention and leaves the home `certain=False`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from tradegraph.components.base import DocTokens, SpanRow, sentence_ranges, span_rows

__all__ = ["Home", "home_country", "make_home"]

# What a mention says about home: a state's name most; a demonym less (news qualifies foreign officials and
# goods by demonym: "Ugandan President", "Chinese imports"); its cities, regions and ports as much (local news
# names its own places), each distinct place once (a story about one foreign province names it on every line);
# a capital nothing (it stands for a government abroad as often as at home).
WEIGHTS = {"name": 1.0, "official": 1.0, "former": 1.0, "demonym": 0.5, "capital": 0.0}
PLACE_WEIGHT = 0.5
DATELINE_SENTENCES = 6  # the dateline is in the first lines, after a headline and a byline
DATELINE_MARKS = frozenset({",", "(", "-", "–", "—", ":", "."})
MAX_DATELINE_WORDS = 3  # "NEW DELHI", "KUALA LUMPUR", "NUR - SULTAN"


class Home(NamedTuple):
    country: str | None
    source: str | None  # "dateline" | "mentions" | None
    certain: bool  # a dateline, or one state named more than any other


if not Doc.has_extension("home"):
    Doc.set_extension("home", default=None)  # Home


@Language.factory("tg_home", assigns=["doc._.home"])
def make_home(nlp: Language, name: str) -> HomeCountry:
    return HomeCountry()


class HomeCountry:
    """Writes doc._.home (Home) from doc.spans["countries"] and doc.spans["places"]."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.home = home_country(doc)
        return doc


def home_country(doc: Doc) -> Home:
    """The article's home country (see the module docstring)."""
    countries = span_rows(doc, "countries")
    places = span_rows(doc, "places")
    tokens = DocTokens(doc)
    dateline = _dateline(tokens, countries, places)
    if dateline is not None:
        return Home(dateline, "dateline", True)
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    capitals = set()
    for span in countries:
        weight = WEIGHTS.get(span.kb_id_, 1.0)
        if span.kb_id_ == "capital":
            capitals.add((span.start, span.end))
        if weight:
            scores[span.label_] += weight
            first.setdefault(span.label_, span.start)
    counted: set[tuple[str, str]] = set()
    for place in places:
        key = (place.kb_id_, tokens.span_text(place.start, place.end).lower())
        if place.kb_id_ and (place.start, place.end) not in capitals and key not in counted:
            counted.add(key)
            scores[place.kb_id_] += PLACE_WEIGHT
            first.setdefault(place.kb_id_, place.start)
    if not scores:
        return Home(None, None, False)
    ranked = sorted(scores, key=lambda iso3: (-scores[iso3], first[iso3]))
    certain = len(ranked) == 1 or scores[ranked[0]] > scores[ranked[1]]
    return Home(ranked[0], "mentions", certain)


def _dateline(tokens: DocTokens, countries: Sequence[SpanRow], places: Sequence[SpanRow]) -> str | None:
    """The state of a dateline at the start of one of the opening sentences: an upper-case place and a comma,
    bracket, dash or stop ("WELLINGTON, New Zealand –", "JAKARTA (Reuters) -", "ASTANA. KAZINFORM –"), or a
    place written as a name, a comma, its country and a bracket or dash ("Tashkent, Uzbekistan (UzDaily) --")."""
    flags = tokens.flags
    country_at = {s.start: s for s in countries}
    place_at = {s.start: s for s in places}
    opening = (r for r in sentence_ranges(tokens.doc) if tokens.span_text(*r).strip())
    for start, end in islice(opening, DATELINE_SENTENCES):
        i = _upper_run(tokens, start, end)
        if i == start:
            place = place_at.get(start) or country_at.get(start)
            after = place.end if place is not None else start
            country = country_at.get(after + 1)
            if (
                place is not None
                and after + 1 < end
                and flags.text[after] == ","
                and country is not None
                and country.kb_id_ != "demonym"
                and country.end < end
                and flags.text[country.end] in DATELINE_MARKS - {",", ":", "."}
            ):
                return country.label_
            continue
        if i >= end or flags.text[i] not in DATELINE_MARKS or len(flags.text[start]) < 3:
            continue
        following = country_at.get(i + 1)
        if flags.text[i] in {",", "("} and following is not None and following.kb_id_ != "demonym":
            return following.label_  # "WELLINGTON, New Zealand –"
        place = place_at.get(start)
        if place is not None and place.kb_id_ and place.end == i:
            return place.kb_id_
        country = country_at.get(start)
        if country is not None and country.end == i:
            return country.label_  # a capital: "ASTANA –"
    return None


def _upper_run(tokens: DocTokens, start: int, end: int) -> int:
    """The end of the upper-case words at `start` ("NEW DELHI", "NUR-SULTAN"), at most MAX_DATELINE_WORDS."""
    flags = tokens.flags
    i = start
    while i < end and i - start < MAX_DATELINE_WORDS:
        if flags.is_upper[i] and flags.is_alpha[i]:
            i += 1
        elif (
            i > start
            and flags.text[i] == "-"
            and i + 1 < end
            and flags.is_upper[i + 1]
            and flags.is_alpha[i + 1]
            and not tokens.text[flags.idx[i] - 1 : flags.idx[i]].isspace()
        ):
            i += 1
        else:
            break
    return i
