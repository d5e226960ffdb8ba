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

from tradegraph.components.base import doc_text, evidence, token_lowers
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
        text = doc_text(doc)
        lowers = token_lowers(doc)
        for sentence in doc.sents:
            lowered = lowers[sentence.start : sentence.end]
            sentence_text = text[sentence.start_char : sentence.end_char]
            if self.meeting_set.found_in(lowered):
                mentions = self._mentions(doc, sentence, officials)
                groups = self._groups(doc, sentence, mentions, lowered)
                location = _location(doc, sentence)
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
            relation = self._relation(doc, sentence, sentence_text, lowered)
            if relation is not None and all(r.countries != relation.countries for r in relations):
                relations.append(relation)
        doc._.meetings = meetings
        doc._.relations = relations
        return doc

    # -- who ---------------------------------------------------------------------------------------
    def _groups(
        self, doc: Doc, sentence: Span, mentions: list[tuple[int, Official]], lowered: list[str]
    ) -> list[list[Official]]:
        """Who met whom. "A met with B ..., and with C": one meeting per "with" phrase, the others
        joining each; otherwise everyone named. A visit or reception needs an official named right
        after its word."""
        words = [t for t in sentence if t.lower_ in self.object_words]
        if (
            words
            and all(
                not any(w.i < i <= w.i + 6 for i, _ in mentions) or doc[w.i + 1].lower_ == "by"
                for w in words
                if w.i + 1 < len(doc)
            )
            and not self.non_object_set.found_in(lowered)
        ):
            return []
        objects: list[list[tuple[int, Official]]] = []
        for token in sentence:
            if token.lower_ != "with" or token.i == sentence.start:
                continue
            starts = {i for i, _ in mentions}
            stop = next(
                (
                    t.i
                    for t in doc[token.i + 1 : sentence.end]
                    if t.lower_ in {"with", "before", "after", "during", ";"}
                    or (
                        t.text == ","
                        and t.i + 1 < sentence.end
                        and t.i + 1 not in starts
                        and not doc[t.i + 1].is_title
                    )
                ),
                sentence.end,
            )
            group = [m for m in mentions if token.i < m[0] < stop and m[0] - token.i <= 8]
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

    def _mentions(self, doc: Doc, sentence: Span, officials: list[Official]) -> list[tuple[int, Official]]:
        """The article's officials named in the sentence: (token index, official), in text order."""
        mentions: list[tuple[int, Official]] = []
        by_surname: dict[str, list[Official]] = {}
        for official in officials:
            by_surname.setdefault(_surname(official.name), []).append(official)
        for token in sentence:
            candidates = by_surname.get(token.text, [])
            if len(candidates) == 1:
                mentions.append((token.i, candidates[0]))
        names = doc.spans.get("officials", [])
        for span in names:
            if sentence.start <= span.start < sentence.end:
                match = next((o for o in officials if o.name == span.text), None)
                if match is not None:
                    mentions.append((span.start, match))
        mentions += self._title_references(doc, sentence, officials)
        ordered: list[tuple[int, Official]] = []
        for index, official in sorted(mentions, key=lambda m: m[0]):
            if all(o.name != official.name or abs(i - index) > 4 for i, o in ordered):
                ordered.append((index, official))
        return ordered

    def _title_references(
        self, doc: Doc, sentence: Span, officials: list[Official]
    ) -> list[tuple[int, Official]]:
        """'the Iranian foreign minister': the one official of that country whose title holds those words."""
        found: list[tuple[int, Official]] = []
        for country in doc.spans.get("countries", []):
            if not sentence.start <= country.start < sentence.end:
                continue
            end = country.end
            if end < len(doc) and doc[end].text in {"'s", "’s"}:
                end += 1
            words = [t.lower_ for t in doc[end : min(end + TITLE_REFERENCE_TOKENS, sentence.end)]]
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
                if len(matches) == 1 and not _name_follows(doc, end + size, matches[0]):
                    found.append((country.start, matches[0]))
                    break
        return found

    # -- diplomatic relations ----------------------------------------------------------------------
    def _relation(
        self, doc: Doc, sentence: Span, text: str, lowered: list[str]
    ) -> DiplomaticRelations | None:
        if not _RELATIONS.search(text) or not any(word in self.relation_words for word in lowered):
            return None
        countries = list(
            dict.fromkeys(
                s.label_
                for s in doc.spans.get("countries", [])
                if sentence.start <= s.start < sentence.end and s.kb_id_ != "capital"
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
            countries=countries[:2], established=established, evidence=evidence(sentence)
        )


def _distinct(officials: list[Official]) -> list[Official]:
    out: list[Official] = []
    for official in officials:
        if all(o.name != official.name for o in out):
            out.append(official)
    return out


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _name_follows(doc: Doc, i: int, official: Official) -> bool:
    """'Iranian Foreign Minister Mohammad Javad Zarif' names the person itself: not a title reference."""
    while i < len(doc) and doc[i].text in {",", "'s", "’s"}:
        i += 1
    return i < len(doc) and doc[i].text in official.name.split()


def _unique_officials(officials: list[Official]) -> list[Official]:
    """One official per person: a name that is the surname of a longer name is the same person."""
    ordered = sorted(officials, key=lambda o: -len(o.name.split()))
    kept: list[Official] = []
    for official in ordered:
        if any(_surname(k.name) == _surname(official.name) for k in kept):
            continue
        kept.append(official)
    return kept


def _location(doc: Doc, sentence: Span) -> str | None:
    organizations = [
        s for s in doc.spans.get("organizations", []) if sentence.start <= s.start < sentence.end
    ]
    places = [
        s
        for s in doc.spans.get("places", [])
        if sentence.start <= s.start < sentence.end
        and not any(o.start <= s.start < o.end for o in organizations)
        and not (s.end < len(doc) and doc[s.end].is_title)  # "Astana Club": part of a longer name
    ]
    if not places:
        return None
    rank = {"city": 0, "port": 1, "region": 2}
    return min(places, key=lambda s: (rank.get(s.label_, 3), s.start)).text


def _add(meetings: list[Meeting], meeting: Meeting) -> None:
    """Merge a meeting of the same people with the one already read (the article tells it twice)."""
    for old in meetings:
        if set(old.participants) == set(meeting.participants):
            old.location = old.location or meeting.location
            old.date = old.date or meeting.date
            return
    meetings.append(meeting)
