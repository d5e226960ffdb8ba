"""Who met whom among the article's officials, where and when; when diplomatic relations began.

A meeting is a sentence with a meeting word ("met", "held talks", "in a meeting with", "received") that names
at least two of the article's officials: by full name, by surname alone ("Zarif and Nazarbayev met",
"Mr Barnett"), or by country and title ("the Iranian foreign minister"). A later sentence that only refers
back ("During the meeting in Nur-Sultan") gives the last meeting its place and date.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import DocTokens, evidence, sentence_ranges, span_rows
from tradegraph.components.header import parse_date
from tradegraph.models import DiplomaticRelations, Meeting, Official
from tradegraph.rules import load_words

__all__ = ["make_meetings"]

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_RELATIONS = re.compile(r"\bdiplomatic (?:relations|ties)\b", re.I)
TITLE_REFERENCE_TOKENS = 3


def _phrases(name: str) -> list[tuple[str, ...]]:
    return sorted((tuple(line.split()) for line in load_words(name)), key=len, reverse=True)


class _PhraseSet:
    """Word sequences looked up by their first word, so a sentence costs one set look-up per token."""

    def __init__(self, phrases: list[tuple[str, ...]]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            self.by_first.setdefault(phrase[0], []).append(phrase)

    def found_in(self, lowered: list[str]) -> bool:
        """Whether some phrase occurs in the lower-cased words."""
        by_first = self.by_first
        if by_first.keys().isdisjoint(lowered):
            return False  # most sentences: one pass at C speed
        for i, word in enumerate(lowered):
            for phrase in by_first.get(word, ()):
                if tuple(lowered[i : i + len(phrase)]) == phrase:
                    return True
        return False


@Language.factory("tg_meetings")
def make_meetings(nlp: Language, name: str) -> MeetingReader:
    return MeetingReader()


class MeetingReader:
    """Writes doc._.meetings (list[Meeting]) and doc._.relations (list[DiplomaticRelations])."""

    def __init__(self) -> None:
        self.meeting_words = _phrases("words/meeting_words.txt")
        self.anaphora = _phrases("words/meeting_anaphora.txt")
        self.relation_words = load_words("words/relation_words.txt")
        self.object_words = load_words("words/meeting_object_words.txt")
        self.meeting_set = _PhraseSet(self.meeting_words)
        self.anaphora_set = _PhraseSet(self.anaphora)
        # Meeting words that are not a visit or reception word ("met", "talks"): one object word is not enough.
        self.non_object_set = _PhraseSet([p for p in self.meeting_words if p[0] not in self.object_words])

    def __call__(self, doc: Doc) -> Doc:
        officials = _unique_officials(doc._.officials or [])
        meetings: list[Meeting] = []
        relations: list[DiplomaticRelations] = []
        tokens = DocTokens(doc)
        lowers = tokens.lowers
        for start, end in sentence_ranges(doc):
            lowered = lowers[start:end]
            sentence_text = tokens.span_text(start, end)
            if self.meeting_set.found_in(lowered):
                sentence = doc[start:end]
                mentions = self._mentions(tokens, sentence, officials)
                groups = self._groups(tokens, sentence, mentions, lowered)
                location = _location(tokens, sentence)
                found = parse_date(sentence_text)
                for people in groups:
                    meeting = Meeting(
                        participants=[o.name for o in people],
                        countries=list(dict.fromkeys(o.country for o in people if o.country)),
                        location=location,
                        date=found,
                        evidence=evidence(sentence),
                    )
                    _add(meetings, meeting)
                if not groups and meetings and self.anaphora_set.found_in(lowered):
                    last = meetings[-1]
                    last.location = last.location or location
                    last.date = last.date or found
            relation = self._relation(doc, (start, end), sentence_text, lowered)
            if relation is not None and all(r.countries != relation.countries for r in relations):
                relations.append(relation)
        doc._.meetings = meetings
        doc._.relations = relations
        return doc

    # -- who ---------------------------------------------------------------------------------------
    def _groups(
        self, tokens: DocTokens, sentence: Span, mentions: list[tuple[int, Official]], lowered: list[str]
    ) -> list[list[Official]]:
        """Who met whom. "A met with B ..., and with C": one meeting per "with" phrase, the others
        joining each; otherwise everyone named. A visit or reception needs an official named right
        after its word."""
        lowers, texts, is_title = tokens.lowers, tokens.flags.text, tokens.flags.is_title
        words = [w for w in range(sentence.start, sentence.end) if lowers[w] in self.object_words]
        if (
            words
            and all(
                not any(w < i <= w + 6 for i, _ in mentions) or lowers[w + 1] == "by"
                for w in words
                if w + 1 < len(tokens)
            )
            and not self.non_object_set.found_in(lowered)
        ):
            return []
        objects: list[list[tuple[int, Official]]] = []
        for k in range(sentence.start, sentence.end):
            if lowers[k] != "with" or k == sentence.start:
                continue
            starts = {i for i, _ in mentions}
            stop = next(
                (
                    t
                    for t in range(k + 1, sentence.end)
                    if lowers[t] in {"with", "before", "after", "during", ";"}
                    or (
                        texts[t] == ","
                        and t + 1 < sentence.end
                        and t + 1 not in starts
                        and not is_title[t + 1]
                    )
                ),
                sentence.end,
            )
            group = [m for m in mentions if k < m[0] < stop and m[0] - k <= 8]
            if group:
                objects.append(group)
        people = _distinct([o for _, o in mentions])
        if objects:
            in_objects = {id(m) for group in objects for m in group}
            subjects = _distinct([o for m in mentions if id(m) not in in_objects for o in [m[1]]])
            if subjects:
                groups = [_distinct(subjects + [o for _, o in group]) for group in objects]
                return [g for g in groups if len(g) >= 2]
        return [people] if len(people) >= 2 else []

    def _mentions(
        self, tokens: DocTokens, sentence: Span, officials: list[Official]
    ) -> list[tuple[int, Official]]:
        """The article's officials named in the sentence: (token index, official), in text order."""
        mentions: list[tuple[int, Official]] = []
        by_surname: dict[str, list[Official]] = {}
        for official in officials:
            by_surname.setdefault(_surname(official.name), []).append(official)
        texts = tokens.flags.text
        for i in range(sentence.start, sentence.end):
            candidates = by_surname.get(texts[i], [])
            if len(candidates) == 1:
                mentions.append((i, candidates[0]))
        for span in span_rows(tokens.doc, "officials"):
            if sentence.start <= span.start < sentence.end:
                name = tokens.span_text(span.start, span.end)
                match = next((o for o in officials if o.name == name), None)
                if match is not None:
                    mentions.append((span.start, match))
        mentions += self._title_references(tokens, sentence, officials)
        ordered: list[tuple[int, Official]] = []
        for index, official in sorted(mentions, key=lambda m: m[0]):
            if all(o.name != official.name or abs(i - index) > 4 for i, o in ordered):
                ordered.append((index, official))
        return ordered

    def _title_references(
        self, tokens: DocTokens, sentence: Span, officials: list[Official]
    ) -> list[tuple[int, Official]]:
        """'the Iranian foreign minister': the one official of that country whose title holds those words."""
        found: list[tuple[int, Official]] = []
        texts = tokens.flags.text
        for country in span_rows(tokens.doc, "countries"):
            if not sentence.start <= country.start < sentence.end:
                continue
            end = country.end
            if end < len(tokens) and texts[end] in {"'s", "’s"}:
                end += 1
            words = tokens.lowers[end : max(end, min(end + TITLE_REFERENCE_TOKENS, sentence.end))]
            for size in range(len(words), 0, -1):
                phrase = " ".join(words[:size])
                if not phrase.replace(" ", "").isalpha():
                    continue
                matches = [
                    o
                    for o in officials
                    if o.country == country.label_
                    and o.title.lower().split()[-1:] == words[size - 1 : size]
                    and re.search(rf"\b{re.escape(phrase)}\b", o.title.lower())
                ]
                if len(matches) == 1 and not _name_follows(texts, end + size, matches[0]):
                    found.append((country.start, matches[0]))
                    break
        return found

    # -- diplomatic relations ----------------------------------------------------------------------
    def _relation(
        self, doc: Doc, sentence: tuple[int, int], text: str, lowered: list[str]
    ) -> DiplomaticRelations | None:
        if self.relation_words.isdisjoint(lowered) or not _RELATIONS.search(text):
            return None
        countries = list(
            dict.fromkeys(
                s.label_
                for s in span_rows(doc, "countries")
                if sentence[0] <= s.start < sentence[1] and s.kb_id_ != "capital"
            )
        )
        if len(countries) < 2:
            return None
        established = parse_date(text)
        if established is None:
            years = _YEAR.findall(text)
            if not years:
                return None
            established = years[0]
        return DiplomaticRelations(
            countries=countries[:2],
            established=established,
            evidence=evidence(doc[sentence[0] : sentence[1]]),
        )


def _distinct(officials: list[Official]) -> list[Official]:
    out: list[Official] = []
    for official in officials:
        if all(o.name != official.name for o in out):
            out.append(official)
    return out


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _name_follows(texts: list[str], i: int, official: Official) -> bool:
    """'Iranian Foreign Minister Mohammad Javad Zarif' names the person itself: not a title reference."""
    while i < len(texts) and texts[i] in {",", "'s", "’s"}:
        i += 1
    return i < len(texts) and texts[i] in official.name.split()


def _unique_officials(officials: list[Official]) -> list[Official]:
    """One official per person: a name that is the surname of a longer name is the same person."""
    ordered = sorted(officials, key=lambda o: -len(o.name.split()))
    kept: list[Official] = []
    for official in ordered:
        if any(_surname(k.name) == _surname(official.name) for k in kept):
            continue
        kept.append(official)
    return kept


def _location(tokens: DocTokens, sentence: Span) -> str | None:
    organizations = [
        s for s in span_rows(tokens.doc, "organizations") if sentence.start <= s.start < sentence.end
    ]
    is_title = tokens.flags.is_title
    places = [
        s
        for s in span_rows(tokens.doc, "places")
        if sentence.start <= s.start < sentence.end
        and not any(o.start <= s.start < o.end for o in organizations)
        and not (s.end < len(tokens) and is_title[s.end])  # "Astana Club": part of a longer name
    ]
    if not places:
        return None
    rank = {"city": 0, "port": 1, "region": 2}
    place = min(places, key=lambda s: (rank.get(s.label_, 3), s.start))
    return tokens.span_text(place.start, place.end)


def _add(meetings: list[Meeting], meeting: Meeting) -> None:
    """Merge a meeting of the same people with the one already read (the article tells it twice)."""
    for old in meetings:
        if set(old.participants) == set(meeting.participants):
            old.location = old.location or meeting.location
            old.date = old.date or meeting.date
            return
    meetings.append(meeting)
