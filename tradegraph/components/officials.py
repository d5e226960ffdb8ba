"""Officials: a title of office joined to a person's name, with role class, the state served and posting.

The title phrase is read by the title grammar (`components/titles.py`, its word classes in rules/), the name
by `components/person_names.py`. Shapes: a title before the name ("Kazakhstan's Ambassador to Iran Askhat
Orazbay", "Foreign Trade Department director-general NAME"), after it with a comma ("NAME, managing director of
the National Iranian Gas Company, said"), a counterpart ("his Kazakh counterpart, NAME" takes the role of the
title met before it), a title with no name whose holder is quoted by name in the next sentences ("..., the
managing director of X said. '...,' NAME was quoted as saying").

The state each official serves, in order (`_state`): the title's own country word or demonym ("Egypt's
President", "RA Minister", "Vietnam Trade Office"); the country of the organisation or place it names
(a ministry's, a state company's, a port's city, "head of Xinjiang"), also from another mention of the same
organisation; an apposition or possessive around the name ("Egypt's NAME", "NAME of Egypt"); then the article's
home country (`components/home.py`, shared with trade values). An office has one holder in a state at a time
(head of state, head of government, the minister of one portfolio): a second holder given the same state only
by the home rule serves the article's other state ("President Ruto and President El-Sisi"). The staff of a
named official serve his state ("President NAME's spokesman NAME"). Mentions of one person (same surname, or a
given name alone) are merged into the fullest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import (
    POSSESSIVE,
    DocTokens,
    SpanRow,
    bilateral_pair,
    evidence,
    sentence_ranges,
    set_span_group,
    span_rows,
)
from tradegraph.components.home import Home, home_country
from tradegraph.components.person_names import NameReader, surname_key
from tradegraph.components.titles import OF_LINKS, TitleContext, TitlePhrase, TitleReader
from tradegraph.models import Official, RoleClass

# How well a state is founded, strongest first: the title's own word, its organisation's, an apposition, home.
OWN, BODY, APPOSITION, HOME, NONE = 4, 3, 2, 1, 0
UNIQUE_ROLES = frozenset({"head_of_state", "head_of_government"})  # one per state, whatever the title says
STAFF_KINDS = frozenset({"generic", "civil", "secretary"})  # titles of someone's staff: "NAME's spokesman"
CLOSING = frozenset({",", ":", ".", ";", ")", "\n", "!", "?", "”", '"', "–", "—"})
APPOSITION_MARKS = frozenset({",", "(", "–", "—"})  # "NAME, TITLE", "NAME (TITLE)", "NAME – TITLE –"
NAMED_LATER_SENTENCES = 2  # how far after a nameless title its holder may be quoted by name
# Titles that journalists give before the name of a less known holder; heads of state, ministers and governors
# are named where they first appear, so a nameless one refers back to someone.
LATER_NAMED_KINDS = frozenset({"generic", "civil", "diplomat", "envoy", "secretary"})
SPEAKER_GAP = 3  # tokens between a name and the speech verb ("was also quoted")


@dataclass
class Found:
    official: Official
    span: Span  # the name
    rank: int  # how well its state is founded (OWN ... NONE)
    order: int  # position of the mention in the text
    office: str = ""  # an office one person holds in a state at a time ("head_of_state", "minister: trade")


@Language.factory("tg_officials", assigns=["doc._.officials"], requires=["doc._.home"])
def make_officials(nlp: Language, name: str) -> OfficialFinder:
    return OfficialFinder(nlp)


class OfficialFinder:
    """Writes doc._.officials (list[Official]) and doc.spans["officials"] (the person names)."""

    def __init__(self, nlp: Language) -> None:
        self.titles = TitleReader(nlp)
        self.names = NameReader()

    def __call__(self, doc: Doc) -> Doc:
        heads = self.titles.heads(doc)
        if not heads:
            doc._.officials, doc.spans["officials"] = [], []
            return doc
        ctx = TitleContext.of(doc, heads)
        tokens = ctx.tokens
        taken = dict(ctx.countries)
        taken.update(ctx.places)
        for span in span_rows(doc, "organizations"):
            for i in range(span.start, span.end):
                taken[i] = span
        taken.update(ctx.groups)
        head_tokens = set(ctx.heads)
        home: Home = doc._.home or home_country(doc)
        author = (doc._.author or "").lower()
        found: list[Found] = []
        nameless: list[tuple[TitlePhrase, RoleClass]] = []
        previous_role: dict[int, RoleClass] = {}
        last_role: RoleClass | None = None
        pair = bilateral_pair(span_rows(doc, "countries"))
        chained_from: TitlePhrase | None = None
        read_until = 0
        for head in heads:
            if head.start < read_until:
                continue  # "adviser to the President", "Cabinet of Ministers": part of the title before it
            phrase = self.titles.read(ctx, head)
            read_until = phrase.end
            if chained_from is not None and _chained(tokens, chained_from, phrase):
                # "Georgian Deputy Prime Minister, Minister of Economy NAME": one person, the state said once
                phrase.mentions.extend(m for m in chained_from.own_countries() if m.link is None)
            sentence_start = tokens.sentence(head.start, head.end)[0]
            # A counterpart holds the office of the title before it: in its sentence, else the last one read.
            role = self.titles.role(phrase, previous_role.get(sentence_start, last_role))
            owner = _owner(tokens, phrase, found)
            if role is None and owner is not None and phrase.kind in STAFF_KINDS:
                role = "official"  # "President Vladimir Putin's spokesman": the staff of a state's official
            if role is None:
                continue
            if phrase.kind != "counterpart":
                previous_role[sentence_start] = last_role = role
            chained_from = phrase
            if phrase.row.plural:
                found += self._several(ctx, phrase, role, taken, head_tokens, home)
                continue
            name = self._name(tokens, phrase, taken, head_tokens)
            if name is None:
                nameless.append((phrase, role))
                continue
            if author and self.names.name_text(tokens, name).lower() in author:
                continue
            official = self._official(ctx, phrase, role, name, home)
            if owner is not None and official.rank < owner.rank:
                official = replace(
                    official,
                    official=official.official.model_copy(update={"country": owner.official.country}),
                    rank=owner.rank,
                )
            if phrase.kind == "counterpart" and found and official.rank > HOME:
                found[-1] = _not_his_counterparts_state(found[-1], official, pair)
            found.append(official)
        found += self._named_later(ctx, nameless, found, taken, head_tokens, home)
        merged = _merge(found)
        merged = _one_holder_per_office(merged, pair)
        doc._.officials = [f.official for f in merged]
        doc.spans["officials"] = [f.span for f in merged]
        _drop_places_inside_names(doc, [f.span for f in found])
        return doc

    # -- the name ------------------------------------------------------------------------------------------
    def _name(
        self, tokens: DocTokens, phrase: TitlePhrase, taken: dict[int, SpanRow], heads: set[int]
    ) -> Span | None:
        """The name right after the title phrase; else the name before it in "NAME, [the] TITLE,"; else the
        name after a comma ("China's Ambassador to Peru, NAME, said"), which "NAME, TITLE, Xinhua reports" shows
        is the weaker reading."""
        n = len(tokens)
        after = self.names.after(tokens, phrase.end, taken, heads)
        if after is not None and not (phrase.end < n and tokens.flags.text[phrase.end] == ","):
            return after
        return self._name_before(tokens, phrase, taken, heads) or after

    def _name_before(
        self, tokens: DocTokens, phrase: TitlePhrase, taken: dict[int, SpanRow], heads: set[int]
    ) -> Span | None:
        n = len(tokens)
        after = phrase.end
        lowers, flags = tokens.lowers, tokens.flags
        before = phrase.start
        if before >= 3 and flags.text[before - 1] in POSSESSIVE and lowers[before - 3] == "the":
            before -= 3  # "NAME, the country's trade minister, said"
        article = before > 0 and lowers[before - 1] in {"the", "a"}
        if article:
            before -= 1
        # The title phrase closes there: punctuation, or (without an article) the verb of the name's clause
        # ("NAME, Energy Minister of Tajikistan reported that"), not "with NAME, the minister held talks".
        closes = (
            after >= n
            or flags.text[after] in CLOSING
            or bool(flags.is_space[after])
            or (not article and bool(flags.is_lower[after]) and bool(flags.is_alpha[after]))
        )
        if not closes or before < 2 or flags.text[before - 1] not in APPOSITION_MARKS:
            return None
        end = before - 1
        country = taken.get(end - 1)
        if country is not None and country.start >= 2 and lowers[country.start - 1] in {"of", "from"}:
            end = country.start - 1  # "NAME of Peru, the mining minister,"
        return self.names.before(tokens, end, taken, heads)

    def _several(
        self,
        ctx: TitleContext,
        phrase: TitlePhrase,
        role: RoleClass,
        taken: dict[int, SpanRow],
        heads: set[int],
        home: Home,
    ) -> list[Found]:
        """ "Presidents NAME and NAME", "the Kazakh and Uzbek Foreign Ministers, NAME and NAME": one official
        per name; when the title names as many states as there are names, each its own, in order."""
        tokens = ctx.tokens
        names: list[Span] = []
        name = self.names.after(tokens, phrase.end, taken, heads)
        while name is not None:
            names.append(name)
            i = name.end
            if i < len(tokens) and tokens.lowers[i] == ",":
                i += 1
            if i < len(tokens) and tokens.lowers[i] in {"and", "&"}:
                i += 1
            if i == name.end:
                break
            name = self.names.at(tokens, i, taken, heads) if i < len(tokens) else None
        states = sorted(
            {m.start: m for m in phrase.own_countries() if m.link is None or m.link in OF_LINKS}.values(),
            key=lambda m: m.start,
        )
        found = []
        for k, name in enumerate(names):
            official = self._official(ctx, phrase, role, name, home)
            if len(states) == len(names) > 1:
                update = {"country": states[k].iso3}
                official = replace(official, official=official.official.model_copy(update=update), rank=OWN)
            found.append(official)
        return found if len(found) > 1 else []

    # -- the official ----------------------------------------------------------------------------------------
    def _official(
        self, ctx: TitleContext, phrase: TitlePhrase, role: RoleClass, name: Span, home: Home
    ) -> Found:
        tokens = ctx.tokens
        country, posted_to, rank = self._state(ctx, phrase, name, home)
        official = Official(
            name=self.names.name_text(tokens, name),
            title=tokens.span_text(phrase.start, phrase.end).strip(" ,"),
            role_class=role,
            country=country,
            posted_to=posted_to,
            former=phrase.former,
            evidence=evidence(name),
        )
        return Found(official, name, rank, name.start, self._office(tokens, phrase, role))

    def _office(self, tokens: DocTokens, phrase: TitlePhrase, role: RoleClass) -> str:
        """The office the title names, when a state has one holder of it: its head, its head of government,
        a minister of one portfolio ("Foreign Minister"); "" for offices many hold (deputies, officials)."""
        if role in UNIQUE_ROLES:
            return role
        if role != "minister" or phrase.effects & {"deputy"}:
            return ""
        words = sorted(
            {
                tokens.lowers[i]
                for i in range(phrase.start, phrase.end)
                if tokens.lowers[i] in self.titles.portfolio
                and i not in range(phrase.head.start, phrase.head.end)
            }
        )
        return f"minister: {' '.join(words)}" if words else ""

    def _state(
        self, ctx: TitleContext, phrase: TitlePhrase, name: Span, home: Home
    ) -> tuple[str | None, str | None, int]:
        """(country served, posted_to, rank): see the module docstring for the order."""
        hosts = phrase.hosts()
        posted_to = hosts[0].iso3 if hosts else None
        for mention in phrase.own_countries():
            if mention.iso3 != posted_to:
                return mention.iso3, posted_to, OWN
        for mention in phrase.body_countries():
            if mention.iso3 != posted_to:
                return mention.iso3, posted_to, BODY
        body_state = self._body_elsewhere(ctx, phrase)
        if body_state is not None and body_state != posted_to:
            return body_state, posted_to, BODY
        local = self._local_place(ctx, phrase)
        if local is not None and local != posted_to:
            return local, posted_to, BODY
        apposed = self._apposition(ctx, name)
        if apposed is not None and apposed != posted_to:
            return apposed, posted_to, APPOSITION
        fallback = home.country
        if not home.certain:
            fallback = self._named_after(ctx, name) or fallback
        if fallback is not None and fallback == posted_to:
            pair = bilateral_pair(span_rows(ctx.tokens.doc, "countries"))
            fallback = next((c for c in pair or () if c != posted_to), None)
        return fallback, posted_to, HOME if fallback else NONE

    def _body_elsewhere(self, ctx: TitleContext, phrase: TitlePhrase) -> str | None:
        """The state of the title's organisation from another mention of it: "State House spokesperson ...
        State House Mombasa", "the Foreign Trade Department ... Thailand's Foreign Trade Department"."""
        tokens = ctx.tokens
        lowers, flags = tokens.lowers, tokens.flags
        words = [
            i
            for i in range(phrase.start, phrase.end)
            if not (phrase.head.start <= i < phrase.head.end)
            and flags.is_title[i]
            and i not in ctx.countries
            and i not in ctx.places
            and lowers[i] not in self.titles.qualifiers
        ]
        if len(words) < 2 or words[-1] - words[0] != len(words) - 1:
            return None  # one capitalised run of two words or more: an organisation's name
        key = lowers[words[0] : words[-1] + 1]
        size = len(key)
        n = len(tokens)
        for i in ctx.positions(key[0]):
            if i == words[0] or lowers[i : i + size] != key or not flags.is_title[i]:
                continue
            after = i + size
            if after < n and flags.text[after] == ",":
                after += 1
            if after < n and lowers[after] in {"in", "of"}:
                after += 1
            before = i - 2 if i >= 2 and flags.text[i - 1] in POSSESSIVE else i - 1
            for index in (after, before):
                place = ctx.places.get(index)
                if place is not None and place.kb_id_:
                    return place.kb_id_
                country = ctx.countries.get(index)
                if country is not None:
                    return country.label_
        return None

    def _local_place(self, ctx: TitleContext, phrase: TitlePhrase) -> str | None:
        """ "the provincial People's Committee": the state of the region or city named in the sentence, else
        of the last one named before it."""
        if not set(phrase.words) & self.titles.local_words:
            return None
        start, end = ctx.tokens.sentence(phrase.start, phrase.end)
        places = sorted({id(s): s for s in ctx.places.values()}.values(), key=lambda s: s.start)
        local = [p for p in places if p.label_ in {"region", "city"} and p.kb_id_]
        in_sentence = [p for p in local if start <= p.start < end]
        earlier = [p for p in local if p.start < start]
        chosen = in_sentence[0] if in_sentence else (earlier[-1] if earlier else None)
        return chosen.kb_id_ if chosen is not None else None

    def _apposition(self, ctx: TitleContext, name: Span) -> str | None:
        """ "Egypt's NAME", "Egyptian NAME", "NAME of Egypt", "NAME (Egypt)"."""
        tokens = ctx.tokens
        flags, lowers = tokens.flags, tokens.lowers
        i = name.start - 1
        if i >= 1 and flags.text[i] in POSSESSIVE:
            country = ctx.countries.get(i - 1)
            if country is not None and country.kb_id_ != "capital":
                return country.label_
        country = ctx.countries.get(i) if i >= 0 else None
        if country is not None and country.kb_id_ == "demonym":
            return country.label_
        j = name.end
        if j + 1 < len(tokens) and (lowers[j] in {"of", "from"} or flags.text[j] == "("):
            country = ctx.countries.get(j + 1)
            if country is not None and country.kb_id_ != "capital":
                return country.label_
        return None

    def _named_after(self, ctx: TitleContext, name: Span) -> str | None:
        """The state named after the official in his sentence ("NAME said India would ..."): when the home
        country is a guess between equals, the state whose doings he reports."""
        end = ctx.tokens.sentence(name.start, name.end)[1]
        for i in range(name.end, end):
            country = ctx.countries.get(i)
            if country is not None and country.kb_id_ == "name":
                return country.label_
        return None

    # -- a title whose holder is named later ------------------------------------------------------------------
    def _named_later(
        self,
        ctx: TitleContext,
        nameless: list[tuple[TitlePhrase, RoleClass]],
        found: list[Found],
        taken: dict[int, SpanRow],
        heads: set[int],
        home: Home,
    ) -> list[Found]:
        """ "... according to the managing director of X. '...,' NAME was also quoted as saying": the first
        person quoted by name in the next sentences, with no title of his own, holds the nameless title."""
        if not nameless:
            return []
        tokens = ctx.tokens
        known = {surname_key(f.official.name) for f in found}
        ranges = [r for r in sentence_ranges(tokens.doc) if tokens.span_text(*r).strip()]
        linked: list[Found] = []
        for phrase, role in nameless:
            if not (phrase.definite or self._speaks(tokens, phrase.end)):
                continue
            if phrase.kind not in LATER_NAMED_KINDS:
                continue  # "the Kazakh leader", "the minister": someone named before, not a new person
            if phrase.end - phrase.start <= len(phrase.head) or self._names_one_found(tokens, phrase, found):
                continue  # "the director said": someone already named, not a new person to look for
            k = next((n for n, r in enumerate(ranges) if r[0] <= phrase.head.start < r[1]), None)
            if k is None:
                continue
            later = ranges[k + 1 : k + 1 + NAMED_LATER_SENTENCES]
            name = self._quoted_name(tokens, later, taken, heads)
            if name is None:
                continue
            if surname_key(self.names.name_text(tokens, name)) in known:
                continue
            official = self._official(ctx, phrase, role, name, home)
            known.add(surname_key(official.official.name))
            linked.append(official)
        return linked

    @staticmethod
    def _names_one_found(tokens: DocTokens, phrase: TitlePhrase, found: list[Found]) -> bool:
        """'the Iranian foreign minister' after 'Iranian Foreign Minister NAME': the same person again."""
        head = tokens.span_text(phrase.head.start, phrase.head.end).lower()
        states = {m.iso3 for m in phrase.mentions if m.iso3}
        return any(
            f.order < phrase.start
            and head in f.official.title.lower()
            and (not states or f.official.country in states)
            for f in found
        )

    def _quoted_name(
        self, tokens: DocTokens, sentences: list[tuple[int, int]], taken: dict[int, SpanRow], heads: set[int]
    ) -> Span | None:
        """The first name of two words or more quoted as a speaker in `sentences`, if no title comes first."""
        for start, end in sentences:
            i = start
            while i < end:
                if i in heads:
                    return None  # another titled person comes first
                name = self.names.at(tokens, i, taken, heads)
                if name is None or len(tokens.span_text(name.start, name.end).split()) < 2:
                    i += 1
                    continue
                described = tokens.lowers[name.end : name.end + 2] in (
                    [",", "a"],
                    [",", "an"],
                    [",", "the"],
                    [",", "who"],
                )  # "said Jane Doe, an economist at a bank": someone else, with a description of her own
                # "farmer John Doe said": a person described by a word of his own
                labelled = (
                    name.start > start
                    and bool(tokens.flags.is_lower[name.start - 1])
                    and tokens.lowers[name.start - 1] not in self.titles.speech_verbs | {"to", "by", "and"}
                )
                if not (described or labelled) and (
                    self._speaks(tokens, name.end) or self._speech_before(tokens, name.start)
                ):
                    return name
                i = name.end
        return None

    def _speaks(self, tokens: DocTokens, i: int) -> bool:
        """A speech verb within a few words after token i ("said", "was also quoted as saying")."""
        verbs = self.titles.speech_verbs
        return any(w in verbs for w in tokens.lowers[i : i + SPEAKER_GAP + 1])

    def _speech_before(self, tokens: DocTokens, i: int) -> bool:
        lowers = tokens.lowers
        return (i >= 1 and lowers[i - 1] in self.titles.speech_verbs) or (
            i >= 2 and lowers[i - 2 : i] == ["according", "to"]
        )


def _chained(tokens: DocTokens, first: TitlePhrase, second: TitlePhrase) -> bool:
    """Two titles of one person joined by a comma, dash or "and": "Deputy Prime Minister - Minister of Trade"."""
    between = tokens.lowers[first.end : second.start]
    return len(between) == 1 and between[0] in {",", "-", "–", "—", "and", "&"}


def _not_his_counterparts_state(other: Found, counterpart: Found, pair: tuple[str, str] | None) -> Found:
    """ "President NAME and his Tanzanian counterpart NAME": the first serves another state than the second."""
    state = counterpart.official.country
    if pair is None or other.rank > HOME or other.official.country != state or state not in pair:
        return other
    moved = pair[1] if state == pair[0] else pair[0]
    return replace(other, official=other.official.model_copy(update={"country": moved}))


def _owner(tokens: DocTokens, phrase: TitlePhrase, found: list[Found]) -> Found | None:
    """The official whose staff the title names: "NAME's spokesman", "the President's press secretary"."""
    i = phrase.start - 1
    if i < 1 or tokens.flags.text[i] not in POSSESSIVE:
        return None
    return next((f for f in reversed(found) if f.span.end == i), None)


def _merge(found: list[Found]) -> list[Found]:
    """One official per person: mentions with the same surname, or a given name alone ("Mr Ronarong") that is
    a word of a fuller name, are one; the fullest name, the best-founded state (and its title), any posting."""
    groups: dict[str, list[Found]] = {}
    for item in sorted(found, key=lambda f: f.order):
        groups.setdefault(surname_key(item.official.name), []).append(item)
    full_words = {
        key: {surname_key(w) for w in items[0].official.name.split()}
        for key, items in groups.items()
        if any(len(f.official.name.split()) > 1 for f in items)
    }
    for key in list(groups):
        items = groups[key]
        if all(len(f.official.name.split()) == 1 for f in items):
            owner = next((k for k, words in full_words.items() if k != key and key in words), None)
            if owner is not None:
                groups[owner].extend(groups.pop(key))
    merged: list[Found] = []
    for items in groups.values():
        best = max(items, key=lambda f: (f.rank, len(f.official.title), -f.order))
        fullest = max(items, key=lambda f: (len(f.official.name), -f.order))
        first = min(items, key=lambda f: f.order)
        official = best.official.model_copy(
            update={
                "name": fullest.official.name,
                "posted_to": best.official.posted_to or next((f.official.posted_to for f in items), None),
                "former": any(f.official.former for f in items),
                "evidence": fullest.official.evidence,
            }
        )
        merged.append(Found(official, fullest.span, best.rank, first.order, best.office))
    return sorted(merged, key=lambda f: f.order)


def _one_holder_per_office(found: list[Found], pair: tuple[str, str] | None) -> list[Found]:
    """A state has one head of state, one head of government, one minister of a portfolio at a time: of two
    holders of one office given the same state, the one placed there only by the home rule serves the
    article's other state ("President Ruto and President El-Sisi" in a Kenyan article about Egypt)."""
    if pair is None:
        return found
    out = list(found)
    offices: dict[tuple[str, str], list[int]] = {}
    for k, item in enumerate(out):
        if item.office and not item.official.former and item.official.country in pair:
            offices.setdefault((item.office, item.official.country), []).append(k)
    for (office, state), holders in offices.items():
        other = pair[1] if state == pair[0] else pair[0]
        if len(holders) < 2 or (office, other) in offices:
            continue
        keep = max(holders, key=lambda k: (out[k].rank, -out[k].order))
        movable = [k for k in holders if k != keep and out[k].rank <= HOME]
        if movable:
            k = movable[0]
            out[k] = replace(out[k], official=out[k].official.model_copy(update={"country": other}))
    return out


def _drop_places_inside_names(doc: Doc, names: list[Span]) -> None:
    """'Nursultan Nazarbayev': a city or capital inside a person's name is not a place or a country."""
    inside = {i for name in names for i in range(name.start, name.end)}
    if not inside:
        return
    for key in ("countries", "places"):
        rows = span_rows(doc, key)
        kept = [s for s in rows if s.start not in inside]
        if len(kept) < len(rows):
            set_span_group(doc, key, kept)
    doc._.locations = [(loc, span) for loc, span in (doc._.locations or []) if span.start not in inside]
