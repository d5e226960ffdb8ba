"""The title grammar: how far a title of office reaches around its head word, and what it says.

A title phrase is read around a head word of rules/titles.tsv::

    [former] [Country's | Demonym | RA] [deputy, acting, ...] [organisation or portfolio words] HEAD
        (of | for | under  ORGANISATION, PLACE, PORTFOLIO or COUNTRY)*  (to | in | at  HOST)

"Kazakhstan's Ambassador to Iran", "Foreign Trade Department director-general", "Acting General Director of
Makhachkala Commercial Sea Port", "head of the press service of the State Veterinary Control Service under the
Agriculture Ministry of Azerbaijan". Every word class is data: title heads (titles.tsv), qualifiers
(title_qualifiers.tsv), bodies by kind (title_bodies.tsv), state abbreviations (title_country_codes.tsv),
portfolio and region words, linking prepositions (words/). The phrase says which role the holder has
(`TitleReader.role`): a state body or state-owned company makes an official, a private body or a body of several
states makes none; and which states it names (`TitlePhrase.own_countries`, `.body_countries`, `.hosts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tradegraph.components.base import (
    POSSESSIVE,
    DocTokens,
    SpanRow,
    has_trailing_space,
    span_rows,
    token_flags,
)
from tradegraph.models import RoleClass
from tradegraph.rules import RuleFileError, load_nonempty_tsv, load_nonempty_words

TitleKind = Literal[
    "head",
    "government",
    "minister",
    "secretary",
    "envoy",
    "diplomat",
    "governor",
    "generic",
    "civil",
    "legislator",
    "counterpart",
    "leader",
]
BodyKind = Literal["state", "marker", "company", "private", "part", "international"]

# Unknown lower-case words allowed in a row inside an organisation's name ("foreign nationals department").
MAX_LOWERCASE_RUN = 3
MAX_TAIL_TOKENS = 24
POSTED_KINDS = frozenset({"envoy", "diplomat"})


class TitleRow(BaseModel):
    title: str
    role_class: RoleClass
    deputy_role: RoleClass
    kind: TitleKind
    number: Literal["singular", "plural"] | None = None  # plural: "Presidents NAME and NAME"

    @property
    def plural(self) -> bool:
        return self.number == "plural"


class QualifierRow(BaseModel):
    word: str
    effect: Literal["deputy", "former", "rank", "none"]


class BodyRow(BaseModel):
    body: str
    kind: BodyKind
    head_role: RoleClass | None = None
    deputy_role: RoleClass | None = None


class CountryCodeRow(BaseModel):
    text: str
    iso3: str = Field(pattern=r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Mention:
    """A country, place or group named inside a title phrase: token start, ISO3 (None for a group), what it is
    ("country", "demonym", "capital", "code", "region", "city", "port", "group") and the link word before it."""

    start: int
    end: int
    iso3: str | None
    what: str
    link: str | None  # None: before the head; else the preposition of its noun phrase ("of", "to", ...)
    in_body: bool  # part of an organisation's name ("Egyptian Natural Gas Holding Company")


@dataclass
class TitlePhrase:
    """One title of office as written: its tokens [start, end) around the head, and what it names."""

    head: Span
    row: TitleRow
    start: int
    end: int
    effects: frozenset[str]
    definite: bool  # "the ..." or a possessive before it: a description that may be named elsewhere
    mentions: list[Mention] = field(default_factory=list)
    bodies: list[BodyRow] = field(default_factory=list)
    capitalised_bodies: list[BodyRow] = field(default_factory=list)
    # a portfolio word qualifies the head ("Agriculture Secretary", "Secretary of Trade")
    portfolio: bool = False
    head_object_region: bool = False  # "head of Xinjiang": the first thing it is the head of is a region
    subnational: bool = False  # "West Australian Premier": a compass word before the demonym
    # a capitalised word no list knows right before the head ("Toyota President")
    unknown_before: bool = False
    words: tuple[str, ...] = ()  # the phrase's words, lower case

    @property
    def kind(self) -> TitleKind:
        return self.row.kind

    @property
    def former(self) -> bool:
        return "former" in self.effects

    def own_countries(self) -> list[Mention]:
        """States the title itself names: "Kazakhstan's Ambassador", "Minister of Trade of Kazakhstan"."""
        own = [m for m in self.mentions if m.iso3 and m.what not in PLACE_KINDS and not m.in_body]
        if self.kind in POSTED_KINDS:
            return [m for m in own if m.link is None or m.link in OF_LINKS]
        return sorted(own, key=lambda m: (m.link is not None and m.link not in OF_LINKS, m.link is not None))

    def body_countries(self) -> list[Mention]:
        """States of the organisation or place it names: "National Iranian Gas Company", "Sea Port" of a city."""
        inside = [m for m in self.mentions if m.iso3 and m.in_body and m.what not in PLACE_KINDS]
        places = [m for m in self.mentions if m.iso3 and m.what in PLACE_KINDS]
        if self.kind in POSTED_KINDS:
            places = [m for m in places if m.link is None or m.link in OF_LINKS]
        return inside + places

    def hosts(self) -> list[Mention]:
        """Where an envoy is posted: "to Iran", "in Tehran", "Trade Office in Japan"."""
        if self.kind not in POSTED_KINDS:
            return []
        return [m for m in self.mentions if m.iso3 and m.link in POSTING_LINKS and m.what != "group"]

    def groups(self) -> list[Mention]:
        return [m for m in self.mentions if m.what == "group" and (m.link is None or m.link in OF_LINKS)]


PLACE_KINDS = frozenset({"region", "city", "port"})
PLACE_LIKE = PLACE_KINDS | {"capital"}
OFFICE_KINDS = frozenset({"head", "government", "minister"})  # offices whose staff are officials
OF_LINKS = frozenset({"of", "for", "under"})
POSTING_LINKS = frozenset({"to", "in", "at"})


@dataclass(frozen=True)
class TitleContext:
    """What the title grammar reads of one document: its tokens and the spans earlier components wrote."""

    tokens: DocTokens
    # The spans as base.span_rows (start, end, label_, kb_id_), one row object per span.
    countries: dict[int, SpanRow]  # token -> country span covering it (label ISO3, kb_id the form kind)
    places: dict[int, SpanRow]  # token -> place span (label port/region/city, kb_id ISO3)
    groups: dict[int, SpanRow]  # token -> country group span
    heads: dict[int, Span]  # token -> title head span covering it
    organizations: dict[
        int, SpanRow
    ]  # last token -> organisation span ending there ("Embassy of Mozambique")
    _positions: dict[str, list[int]] = field(default_factory=dict)  # filled on first use

    def positions(self, word: str) -> list[int]:
        """Indices of the tokens whose lower case is `word` (an index of the whole document, built once)."""
        if not self._positions:
            for i, lower in enumerate(self.tokens.lowers):
                self._positions.setdefault(lower, []).append(i)
        return self._positions.get(word, [])

    @classmethod
    def of(cls, doc: Doc, heads: list[Span]) -> TitleContext:
        def index(spans: Iterable[Span | SpanRow]) -> dict:
            found: dict = {}
            for span in spans:
                for i in range(span.start, span.end):
                    found[i] = span
            return found

        return cls(
            tokens=DocTokens(doc),
            countries=index(span_rows(doc, "countries")),
            places=index(span_rows(doc, "places")),
            groups=index(span_rows(doc, "groups")),
            heads=index(heads),
            organizations={span.end - 1: span for span in span_rows(doc, "organizations")},
        )


class TitleReader:
    """Finds title heads in a Doc and reads the title phrase around each one."""

    def __init__(self, nlp: Language) -> None:
        self.titles = {row.title: row for row in load_nonempty_tsv("titles.tsv", TitleRow)}
        self.qualifiers = {
            row.word: row.effect for row in load_nonempty_tsv("title_qualifiers.tsv", QualifierRow)
        }
        self.bodies: dict[tuple[str, ...], BodyRow] = {}
        for row in load_nonempty_tsv("title_bodies.tsv", BodyRow):
            self.bodies[tuple(t.lower_ for t in nlp.make_doc(row.body))] = row
        self.max_body = max(len(key) for key in self.bodies)
        self.body_starts = frozenset(key[0] for key in self.bodies)
        self.codes = {
            row.text: row.iso3 for row in load_nonempty_tsv("title_country_codes.tsv", CountryCodeRow)
        }
        self.portfolio = load_nonempty_words("words/portfolio_words.txt")
        self.region_words = load_nonempty_words("words/region_words.txt")
        self.subnational = load_nonempty_words("words/subnational_prefixes.txt")
        self.institutions = load_nonempty_words("words/institution_words.txt")
        self.links = load_nonempty_words("words/title_links.txt")
        self.not_name = load_nonempty_words("words/not_name_words.txt")
        self.speech_verbs = load_nonempty_words("words/speech_verbs.txt")
        self.honorifics = load_nonempty_words("words/name_honorifics.txt")
        self.local_words = load_nonempty_words("words/local_body_words.txt")
        unknown_links = self.links - OF_LINKS - POSTING_LINKS
        if unknown_links:
            raise RuleFileError(f"words/title_links.txt: no reading for {sorted(unknown_links)}")
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for title in self.titles:
            self.matcher.add(title, [nlp.make_doc(title)])

    # -- heads ---------------------------------------------------------------------------------------------
    def heads(self, doc: Doc) -> list[Span]:
        """Title heads, longest first where they overlap ("director general" over "director")."""
        texts = token_flags(doc).text
        n = len(texts)

        def spaced(i: int) -> bool:  # asked for the few tokens around a title word only
            return has_trailing_space(doc, i)

        def in_a_name(start: int, end: int) -> bool:
            # "Amir-Abdollahian", "Abdollahian-Amir": a title word joined to a name by a hyphen (no spaces)
            joined_after = (
                end + 1 < n and texts[end] == "-" and not spaced(end - 1) and not spaced(end)
            ) and texts[end + 1][:1].isupper()
            joined_before = (
                start >= 2
                and texts[start - 1] == "-"
                and not spaced(start - 2)
                and not spaced(start - 1)
                and texts[start - 2][:1].isupper()
                and texts[start - 2].lower() not in self.qualifiers
            )
            return joined_after or joined_before

        spans = [
            Span(doc, s, e, label=doc.vocab.strings[m])
            for m, s, e in self.matcher(doc)
            if not in_a_name(s, e)
        ]
        return filter_spans(spans)

    # -- word classes --------------------------------------------------------------------------------------
    def body_at(self, lowers: list[str], i: int, limit: int) -> tuple[int, BodyRow] | None:
        """The longest body phrase starting at token i: (its length, row)."""
        if lowers[i] not in self.body_starts:
            return None
        for length in range(min(self.max_body, limit - i), 0, -1):
            row = self.bodies.get(tuple(lowers[i : i + length]))
            if row is not None:
                return length, row
        return None

    def body_ending_at(self, lowers: list[str], i: int, floor: int) -> int | None:
        """The length of the longest body phrase ending at token i (not before `floor`)."""
        for length in range(min(self.max_body, i - floor + 1), 0, -1):
            if tuple(lowers[i - length + 1 : i + 1]) in self.bodies:
                return length
        return None

    def _capitalised(self, ctx: TitleContext, i: int) -> bool:
        flags = ctx.tokens.flags
        return bool(flags.is_title[i] or (flags.is_upper[i] and flags.is_alpha[i] and len(flags.text[i]) > 1))

    def _is_content(self, lower: str) -> bool:
        return lower in self.portfolio or lower in self.region_words

    def _mention(self, ctx: TitleContext, i: int, link: str | None, in_body: bool) -> Mention | None:
        """A country, place or group starting at token i."""
        group = ctx.groups.get(i)
        if group is not None and group.start == i:
            return Mention(i, group.end, None, "group", link, in_body)
        place = ctx.places.get(i)
        country = ctx.countries.get(i)
        if country is not None and country.start == i and (country.kb_id_ != "capital" or place is None):
            return Mention(i, country.end, country.label_, country.kb_id_, link, in_body)
        if place is not None and place.start == i and place.kb_id_:
            return Mention(i, place.end, place.kb_id_, place.label_, link, in_body)
        return None

    # -- the phrase ----------------------------------------------------------------------------------------
    def read(self, ctx: TitleContext, head: Span) -> TitlePhrase:
        tokens = ctx.tokens
        sentence_start, sentence_end = tokens.sentence(head.start, head.end)
        phrase = TitlePhrase(
            head=head,
            row=self.titles[head.label_],
            start=head.start,
            end=head.end,
            effects=frozenset(),
            definite=False,
        )
        self._read_left(ctx, phrase, sentence_start)
        self._read_tail(ctx, phrase, min(sentence_end, head.end + MAX_TAIL_TOKENS))
        lowers = tokens.lowers
        before = phrase.start - 1
        phrase.definite = before >= 0 and (
            lowers[before] in {"the", "its", "his", "her", "their"}
            or tokens.flags.text[before] in POSSESSIVE
            or (before >= 1 and lowers[before - 1 : before + 1] == ["according", "to"])
        )
        phrase.words = tuple(lowers[phrase.start : phrase.end])
        self._read_bodies(ctx, phrase)
        return phrase

    def _read_left(self, ctx: TitleContext, phrase: TitlePhrase, sentence_start: int) -> None:
        """Walk left from the head over qualifiers, countries, places and organisation words."""
        tokens = ctx.tokens
        lowers, flags = tokens.lowers, tokens.flags
        items: list[tuple[int, int, str]] = []  # (start, end, what) from the head leftwards
        mentions: list[Mention] = []
        i = phrase.head.start - 1
        while i >= sentence_start:
            lower, text = lowers[i], flags.text[i]
            if i in ctx.heads:
                break
            organization = ctx.organizations.get(i)
            if (
                organization is not None
                and organization.start >= sentence_start
                and lower not in {"and", "&"}
            ):
                # "Embassy of Mozambique spokesman", "Ministry of Foreign Affairs spokesperson": a whole name
                for k in range(organization.start, organization.end):
                    inside = self._mention(ctx, k, None, True)
                    if inside is not None:
                        mentions.append(inside)
                items.append((organization.start, organization.end, "body"))
                i = organization.start - 1
                continue
            if (
                text == ")"
                and i - 2 >= sentence_start
                and flags.text[i - 2] == "("
                and flags.is_upper[i - 1]
                and items == []
            ):
                i -= 3  # "Trade Promotion Organization (TPO) head": the acronym of the body before it
                continue
            if text in self.codes:  # "RA Minister of Economy": a state's abbreviation
                mention: Mention | None = Mention(i, i + 1, self.codes[text], "code", None, False)
            else:
                covering = ctx.groups.get(i) or ctx.countries.get(i) or ctx.places.get(i)
                mention = self._mention(ctx, covering.start, None, False) if covering is not None else None
                if covering is not None and mention is None:
                    break
            if mention is not None:
                items.append((mention.start, mention.end, "mention"))
                mentions.append(mention)
                i = mention.start - 1
                continue
            if (
                text in POSSESSIVE
                and i - 1 >= sentence_start
                and (
                    self._capitalised(ctx, i - 1)
                    or (i - 1) in ctx.countries
                    or (i - 1) in ctx.places
                    or self.body_ending_at(lowers, i - 1, sentence_start) is not None  # "the ministry's"
                )
            ):
                items.append((i, i + 1, "possessive"))
                i -= 1
                continue
            if lower in self.qualifiers and (flags.is_lower[i] or flags.is_title[i] or flags.is_upper[i]):
                items.append((i, i + 1, "qualifier"))
                i -= 1
                continue
            if text == "-" and i - 1 >= sentence_start and lowers[i - 1] in self.qualifiers:
                items.append((i, i + 1, "hyphen"))
                i -= 1
                continue
            body = self.body_ending_at(lowers, i, sentence_start)
            if body is not None:
                items.append((i - body + 1, i + 1, "body"))
                i -= body
                continue
            if lower in self.subnational and items and items[-1][2] == "mention":
                items.append((i, i + 1, "subnational"))  # "West Australian Premier"
                i -= 1
                continue
            if self._is_content(lower):
                items.append((i, i + 1, "content"))
                i -= 1
                continue
            if (
                lower in {"and", "&"}
                and phrase.row.plural
                and items
                and items[-1][2] == "mention"
                and (i - 1) in ctx.countries
            ):
                items.append((i, i + 1, "and"))  # "the Kazakh and Uzbek Presidents"
                i -= 1
                continue
            if lower in {"and", "&"} and items and items[-1][2] in {"body", "content", "unknown"}:
                if i - 1 >= sentence_start and (
                    self._is_content(lowers[i - 1]) or self._capitalised(ctx, i - 1)
                ):
                    items.append((i, i + 1, "and"))
                    i -= 1
                    continue
                break
            if (
                self._capitalised(ctx, i)
                and lower not in self.not_name
                and lower.rstrip(".") not in self.honorifics  # "Madam President"
                and (i not in tokens.sentence_starts or i == phrase.head.start - 1)
                and not flags.is_space[i]
            ):
                items.append((i, i + 1, "unknown"))
                i -= 1
                continue
            break
        # Unknown capitalised words belong to the title only as part of an organisation's name, which ends in
        # a body word ("QazTrade director" is not read; "Makhachkala Sea Port director" is), or directly
        # before a minister's head ("Fisheries Minister", a portfolio the word lists lack).
        start = phrase.head.start
        seen_body = False
        adjacent = True
        for item_start, _item_end, what in items:
            if (
                what == "unknown"
                and not seen_body
                and not (adjacent and phrase.kind in {"minister", "secretary", "government"})
            ):
                break
            if what == "body":
                seen_body = True
            if what not in {"unknown", "content", "and"}:
                adjacent = False
            start = item_start
        while start < phrase.head.start and (
            lowers[start] in {"and", "&"} or flags.text[start] in POSSESSIVE or flags.text[start] == "-"
        ):
            start += 1
        kept = [item for item in items if item[0] >= start]
        phrase.start = start
        # "Toyota President NAME", "FIFA President NAME": the head of a body the word lists do not know
        phrase.unknown_before = bool(items) and items[0][2] == "unknown" and not kept
        phrase.effects = frozenset(self.qualifiers[lowers[s]] for s, _, what in kept if what == "qualifier")
        # A country word followed by organisation words names the organisation's state.
        in_body_after: set[int] = set()
        body_seen = False
        for s, _e, what in kept:  # head-side first
            if what == "body":
                body_seen = True
            if what == "mention" and body_seen:
                in_body_after.add(s)
        phrase.mentions.extend(
            Mention(m.start, m.end, m.iso3, m.what, None, m.in_body or m.start in in_body_after)
            for m in mentions
            if m.start >= start
        )
        if any(what == "content" for s, _, what in kept):
            phrase.portfolio = True
        # "West Australian Premier"; "Bavarian Prime Minister", "Scottish First Minister": a compass word before
        # a demonym, or a word that is no state's name right before a head of government.
        phrase.subnational = any(what == "subnational" for s, _, what in kept) or (
            phrase.kind == "government" and bool(kept) and kept[0][2] == "unknown"
        )

    def _read_tail(self, ctx: TitleContext, phrase: TitlePhrase, limit: int) -> None:
        """Read "of X", "for X", "under X", "to Y" noun phrases after the head; stop at what is not one."""
        lowers = ctx.tokens.lowers
        i = phrase.head.end
        first = True
        while i < limit and lowers[i] in self.links:
            link = lowers[i]
            j = i + 1
            if j < limit and lowers[j] in {"the", "a"} and self._mention(ctx, j, link, False) is None:
                j += 1
            run_end, valid_end, mentions, content_only = self._noun_phrase(ctx, j, limit, link)
            if valid_end == j:
                break
            phrase.mentions.extend(mentions)
            if first:
                phrase.portfolio = phrase.portfolio or (content_only and link in OF_LINKS)
                phrase.head_object_region = bool(
                    mentions
                    and mentions[0].start == j
                    and mentions[0].what == "region"
                    and all(m.what in PLACE_KINDS for m in mentions)
                )
            first = False
            phrase.end = valid_end
            if valid_end < run_end:
                break  # a person's name (or other words) after the organisation: the title ends here
            i = valid_end

    def _noun_phrase(
        self, ctx: TitleContext, j: int, limit: int, link: str
    ) -> tuple[int, int, list[Mention], bool]:
        """(run end, end of its last organisation/place/portfolio word, mentions, portfolio words only)."""
        tokens = ctx.tokens
        lowers, flags = tokens.lowers, tokens.flags
        k = valid = j
        lowercase_run = 0
        mentions: list[Mention] = []
        content_only = True
        joined = True  # at the start, or right after "and", "," or a possessive
        while k < limit:
            lower, text = lowers[k], flags.text[k]
            if flags.is_space[k]:
                break
            mention = self._mention(ctx, k, link, False)
            if mention is not None:
                if not joined and k != valid:
                    break  # after words that are no part of an organisation's name: a name, a verb
                if not joined and mention.what in PLACE_LIKE and self._name_follows(ctx, mention.end, limit):
                    break  # "President of Kazakhstan Nursultan Nazarbayev": a place-like word starts a name
                mentions.append(mention)
                k = valid = mention.end
                lowercase_run = 0
                content_only = False
                joined = False
                continue
            office = ctx.heads.get(k)
            if (
                office is not None
                and office.start == k
                and (joined or k == valid)
                and self.titles[office.label_].kind in OFFICE_KINDS
            ):
                # "adviser to the President", "spokesman for the Prime Minister": the staff of a state office
                mentions.append(Mention(k, office.end, None, "office", link, False))
                k = valid = office.end
                lowercase_run = 0
                content_only = False
                joined = False
                continue
            connector = (
                (text in POSSESSIVE and k > j)
                or (lower in {"and", "&"} and k == valid and k > j and k + 1 < limit)
                or (
                    # "Minister of Industry, Mine and Trade"
                    text == ","
                    and k == valid
                    and k > j
                    and k + 1 < limit
                    and (self._capitalised(ctx, k + 1) or self._is_content(lowers[k + 1]))
                    and "and" in lowers[k + 1 : k + 4]
                )
            )
            if connector:
                k += 1
                joined = True
                continue
            joined = False
            body = self.body_at(lowers, k, limit)
            if body is not None:
                length, row = body
                content_only = content_only and row.kind == "state" and lower in self.portfolio
                k = valid = k + length
                lowercase_run = 0
                continue
            if self._is_content(lower):
                k = valid = k + 1
                lowercase_run = 0
                continue
            if self._capitalised(ctx, k) and lower not in self.not_name and k not in ctx.heads:
                k += 1
                lowercase_run = 0
                content_only = False
                continue
            if (
                flags.is_alpha[k]
                and flags.is_lower[k]
                and lower not in self.not_name
                and lower not in self.links
                and lower not in self.speech_verbs
                and lowercase_run < MAX_LOWERCASE_RUN
                and k not in ctx.heads
            ):
                lowercase_run += 1
                k += 1
                content_only = False
                continue
            break
        # Mentions past the last valid word are not part of the title.
        return k, valid, [m for m in mentions if m.end <= valid], content_only and valid > j

    def _name_follows(self, ctx: TitleContext, i: int, limit: int) -> bool:
        """A capitalised word that is no organisation, place or portfolio word: the start of a name."""
        if i >= limit or i >= len(ctx.tokens):
            return False
        lower = ctx.tokens.lowers[i]
        return (
            self._capitalised(ctx, i)
            and lower not in self.not_name
            and lower not in self.body_starts
            and not self._is_content(lower)
            and i not in ctx.countries
            and i not in ctx.places
            and i not in ctx.heads
        )

    def _read_bodies(self, ctx: TitleContext, phrase: TitlePhrase) -> None:
        """The body words of the phrase, longest phrase first, each token read once."""
        lowers, flags = ctx.tokens.lowers, ctx.tokens.flags
        i = phrase.start
        while i < phrase.end:
            if phrase.head.start <= i < phrase.head.end:
                i = phrase.head.end
                continue
            found = self.body_at(lowers, i, phrase.end)
            if found is None:
                i += 1
                continue
            length, row = found
            phrase.bodies.append(row)
            if flags.is_title[i + length - 1] or flags.is_upper[i + length - 1]:
                phrase.capitalised_bodies.append(row)
            i += length

    # -- what the phrase makes its holder ------------------------------------------------------------------
    def body_kind(self, phrase: TitlePhrase) -> str | None:
        """state | private | international | region | None: the kind of body the title belongs to."""
        own = phrase.own_countries()
        # "head of the World Bank office in Kazakhstan": where a body of several states sits names no state
        served = [m for m in own if m.link is None or m.link in OF_LINKS]
        if phrase.groups() and not served:
            return "international"
        kinds = {row.kind for row in phrase.bodies}
        if any(m.what == "office" for m in phrase.mentions):
            kinds.add("state")
        if "international" in kinds and not served:
            return "international"
        if "private" in kinds:
            return "private"
        if "company" in kinds:
            # A company is the state's when a marker qualifies it ("the national cocoa company") or its name
            # carries a state's name or demonym ("Kazakhstan Railways"); a town's name makes none ("Tata Group").
            named = any(row.kind == "company" for row in phrase.capitalised_bodies)
            states = own + [m for m in phrase.body_countries() if m.what not in PLACE_KINDS]
            return "state" if "marker" in kinds or (named and states) else "private"
        if kinds & {"state", "marker"}:
            return "state"
        if any(m.what == "region" for m in phrase.mentions) and not own:
            return "region"
        return None

    def role(self, phrase: TitlePhrase, previous: RoleClass | None) -> RoleClass | None:
        """The holder's role_class, or None when the title makes no state's official."""
        row = phrase.row
        kind = phrase.kind
        body = self.body_kind(phrase)
        if body == "international":
            return None
        role, deputy_role = row.role_class, row.deputy_role
        heads_body = next((b for b in phrase.bodies if b.head_role), None)
        if kind in {"head", "generic"} and heads_body is not None:
            role, deputy_role = heads_body.head_role, heads_body.deputy_role or heads_body.head_role
            if role == "head_of_government" and (
                set(phrase.words) & self.local_words or self._subnational(phrase)
            ):
                role, deputy_role = "governor", "official"  # "Chairman of the Regional Government"
        elif kind == "head":
            if body == "private" or (phrase.unknown_before and body is None):
                return None
            if body == "state":
                role = deputy_role = "official"
            elif self._subnational(phrase):
                role = deputy_role = "governor"
        elif kind == "government":
            if self._subnational(phrase):
                role = deputy_role = "governor"
        elif kind == "secretary":
            if body == "private":
                return None
            if not phrase.portfolio:
                if body != "state":
                    return None
                role = deputy_role = "official"
        elif kind == "diplomat":
            if body not in {"state"} and not phrase.own_countries():
                return None
        elif kind == "governor":
            if body == "private":
                return None
            if set(phrase.words) & self.institutions:
                role = deputy_role = "official"
        elif kind == "generic":
            if phrase.head_object_region:
                role = deputy_role = "governor"
            elif body != "state":
                return None
        elif kind in {"civil", "legislator"}:
            if body == "private":
                return None
            if kind == "legislator" and not (
                body == "state" or phrase.own_countries() or phrase.head.text[:1].isupper()
            ):
                return None
        elif kind == "counterpart":
            role = deputy_role = previous or "official"
        elif kind == "leader":
            if body is not None or not phrase.own_countries():
                return None  # "opposition leader", "union leader": only a state's leader heads it
        return deputy_role if "deputy" in phrase.effects else role

    def _subnational(self, phrase: TitlePhrase) -> bool:
        """'Premier of Ontario', 'West Australian Premier': a head of a region's government."""
        if phrase.subnational:
            return True
        own = phrase.own_countries()
        return not own and any(m.what == "region" for m in phrase.mentions)
