"""Parties named indirectly: the words that refer to a country without naming it, and the country each
refers to.

News names a trading country once and then refers to it: "the kingdom", "the Asian nation", "the
neighbouring country", "the oil-rich state", "the latter"; "the two countries" and "both sides" are the
article's two main countries; "his country" is the country of the official just named; "we" and "our
exports" in a quote are the speaker's country; "it" as the subject of a trade verb and "its" before a trade
word are the party named just before. The words and what each requires are data (rules/country_references.tsv):

- a description (determiner, modifiers, head) refers to the nearest earlier country mention, in its
  sentence or the ANTECEDENT_SENTENCES before it, that fits every modifier and the head: a country group
  written as a modifier ("Asian", "Middle Eastern", "South American") admits its members, a trait
  ("kingdom", "island", "landlocked") the countries that have it (rules/countries.tsv);
- "the two countries" / "both sides" are the article's bilateral pair; with a modifier that restricts
  ("the two Asian countries") the two nearest earlier countries that fit;
- "his country", "we", "our": the country of the nearest official (doc._.officials) named before, in the
  sentence or the SPEAKER_SENTENCES before it (or after, in the same sentence: "..., the minister said");
- "it" / "its": the party named last in the sentence or the one before, not by a demonym (a group stays
  a group, so "the EU ... its imports" gives no flow); an organisation named in between takes the pronoun.

Each reference keeps every fitting country, nearest first: when the nearest is the other side of the same
flow ("exports from Iran to the neighbouring country") another is meant, and one that had the same role in
the flows just before wins ("Iran exported gas to Turkey. ... The country also supplied gas to Iraq"): see
parties.settle. A reference with no fitting antecedent refers to nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from tradegraph.gazetteers import countries, country_groups
from tradegraph.rules import RuleFileError, load_tsv

__all__ = [
    "ANTECEDENT_SENTENCES",
    "REFERENCES",
    "Mention",
    "Reference",
    "ReferenceRow",
    "ReferenceWords",
    "find_references",
    "load_reference_words",
    "reference_words",
]

REFERENCES = "country_references.tsv"
PLACE_KINDS = ("port", "region", "city")  # the kinds of doc.spans["places"]
# How far back a description or a pronoun looks for the country it refers to: its own sentence and this many
# before it (news refers back within a paragraph).
ANTECEDENT_SENTENCES = 2
PRONOUN_SENTENCES = 1
# How far back "we", "our", "his country" look for the official who speaks: a quote often runs over a few
# sentences after the line that names its speaker.
SPEAKER_SENTENCES = 3
# Words between "its" / "our" and the trade word they own: "its top crude supplier", "our wheat exports".
MAX_OWNED_WORDS = 3
# Words from a determiner to the head of its description: "the two resource - poor Asian countries".
MAX_DESCRIPTION_WORDS = 8

Role = Literal[
    "determiner",
    "pair determiner",
    "noun",
    "modified noun",
    "plural",
    "modifier",
    "latter",
    "official's",
    "first person",
    "pronoun",
    "place noun",
]


class ReferenceRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    role: Role
    trait: str | None = None


@dataclass(frozen=True)
class ReferenceWords:
    """rules/country_references.tsv by role, and what each country is (traits, group members)."""

    determiners: frozenset[tuple[str, ...]]
    pair_determiners: frozenset[tuple[str, ...]]
    nouns: dict[str, str | None]  # head -> trait it requires
    modified_nouns: dict[str, str | None]
    plurals: frozenset[str]
    modifiers: dict[str, str | None]  # "neighbouring", "-rich" (end of a hyphenated word) -> trait
    latter: frozenset[str]
    officials: frozenset[str]
    first_person: frozenset[str]
    pronouns: frozenset[str]
    place_nouns: dict[str, str]  # "the port", "the province" -> the kind of place it refers back to
    traits: dict[str, frozenset[str]]  # trait -> ISO3 codes that have it
    group_members: dict[str, frozenset[str]]  # group id -> ISO3 codes

    @cached_property
    def pair_openers(self) -> frozenset[str]:
        return frozenset(words[0] for words in self.pair_determiners)

    @cached_property
    def openers(self) -> frozenset[str]:
        """The words a reference may start with."""
        singles = {words[0] for words in self.determiners} | self.pair_openers
        return frozenset(singles | self.officials | self.first_person | self.pronouns)

    @cached_property
    def heads(self) -> frozenset[str]:
        """The last words of a description."""
        return frozenset(
            set(self.nouns) | set(self.modified_nouns) | self.plurals | self.latter | set(self.place_nouns)
        )


@cache
def reference_words() -> ReferenceWords:
    """The shipped reference words, loaded once per process."""
    return load_reference_words()


def load_reference_words(name: str = REFERENCES) -> ReferenceWords:
    """Read rules/country_references.tsv; a bad row raises RuleFileError naming file and line, a trait no
    country has one naming the file."""
    rows = load_tsv(name, ReferenceRow)
    by_role: dict[str, list[ReferenceRow]] = {}
    for row in rows:
        by_role.setdefault(row.role, []).append(row)
    traits: dict[str, set[str]] = {}
    for country in countries():
        for trait in country.traits:
            traits.setdefault(trait, set()).add(country.iso3)
    places = {row.text: row.trait or "" for row in by_role.get("place noun", [])}
    bad = sorted(text for text, kind in places.items() if kind not in PLACE_KINDS)
    if bad:
        raise RuleFileError(f"{name}: a place noun names no kind of place ({', '.join(PLACE_KINDS)}): {bad}")
    unknown = sorted(
        {row.trait for row in rows if row.trait and row.role != "place noun" and row.trait not in traits}
    )
    if unknown:
        raise RuleFileError(f"{name}: traits no country in countries.tsv has: {unknown}")
    members: dict[str, frozenset[str]] = {}
    for group in country_groups():
        members.setdefault(group.group_id, frozenset(group.members))

    def words(role: str) -> frozenset[str]:
        return frozenset(row.text for row in by_role.get(role, []))

    def with_trait(role: str) -> dict[str, str | None]:
        return {row.text: row.trait for row in by_role.get(role, [])}

    return ReferenceWords(
        determiners=frozenset(tuple(row.text.split()) for row in by_role.get("determiner", [])),
        pair_determiners=frozenset(tuple(row.text.split()) for row in by_role.get("pair determiner", [])),
        nouns=with_trait("noun"),
        modified_nouns=with_trait("modified noun"),
        plurals=words("plural"),
        modifiers=with_trait("modifier"),
        latter=words("latter"),
        officials=words("official's"),
        first_person=words("first person"),
        pronouns=words("pronoun"),
        place_nouns=places,
        traits={trait: frozenset(codes) for trait, codes in traits.items()},
        group_members=members,
    )


class Mention(NamedTuple):
    """A party named in the text, as an antecedent."""

    start: int
    end: int
    code: str  # ISO3, or the group id
    kind: str  # country | demonym | group

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


class Reference(NamedTuple):
    """Words that refer to a country: the tokens, the countries they may refer to (nearest first) and how."""

    start: int
    end: int
    candidates: tuple[str, ...]  # ISO3 codes (a group id for a pronoun whose antecedent is a group)
    is_group: bool
    members: tuple[str, ...]  # two ISO3 codes for "the two countries"; () for one country
    role: str  # description | pair | latter | official's | first person | pronoun | place
    possessive: bool = False  # a possessive pronoun: "its exports", "our main buyers"


@dataclass(frozen=True)
class _Text:
    """What the references are read from: the words, and the sentence number of each token."""

    lower: Sequence[str]
    text: Sequence[str]
    sentence: Sequence[int]
    trade_words: dict[str, frozenset[str]]  # trade word -> its forms (verb, noun, agent)
    adverbs: frozenset[str]  # words between "it" and its verb: "also", "mainly", "will", "has"
    origin_verbs: frozenset[str] = frozenset()  # "its gas comes from": its owns the goods that come
    # "of", "and", "is", "became": no word of a verb phrase whose subject owns "its" ("Saudi Arabia was its
    # top supplier" names two countries)
    not_verbs: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = (
        frozenset()
    )  # ",", "and", "but", "while": what a clause's subject follows

    def at(self, i: int) -> str:
        return self.lower[i] if 0 <= i < len(self.lower) else ""


def find_references(
    lower: Sequence[str],
    text: Sequence[str],
    sentence: Sequence[int],
    mentions: Sequence[Mention],
    officials: Iterable[tuple[int, str]],
    organizations: Iterable[int],
    pair: tuple[str, str] | None,
    trade_words: dict[str, frozenset[str]],
    adverbs: frozenset[str],
    words: ReferenceWords | None = None,
    origin_verbs: frozenset[str] = frozenset(),
    places: Sequence[Mention] = (),
    not_verbs: frozenset[str] = frozenset(),
    clause_openers: frozenset[str] = frozenset(),
) -> list[Reference]:
    """The references of a document, in text order.

    `sentence` is each token's sentence number; `mentions` the named parties in text order; `officials`
    (token, ISO3) of every mention of an official's name; `organizations` the end tokens of named
    organisations; `trade_words` each trade word's forms; `adverbs` the words that may stand between a
    subject and its verb; `origin_verbs` the verbs whose subject "its" may own ("its gas comes from");
    `places` the named ports, regions and cities (kind = the kind of place, code = its country), what "the
    port" or "the province" refers back to; `not_verbs` (function words, copulas) and `clause_openers` tell the subject of the
    clause "its" stands in ("..., and Uganda raised its coffee exports": Uganda)."""
    words = words or reference_words()
    doc = _Text(lower, text, sentence, trade_words, adverbs, origin_verbs, not_verbs, clause_openers)
    reader = _Reader(doc, words, sorted(mentions), sorted(officials), sorted(organizations), pair)
    reader.places = sorted(places)
    return reader.read()


class _Reader:
    def __init__(self, doc: _Text, words: ReferenceWords, mentions, officials, organizations, pair) -> None:
        self.doc, self.words, self.pair = doc, words, pair
        self.mentions: list[Mention] = list(mentions)
        self.mention_at = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self.mention_starts = frozenset(m.start for m in self.mentions)
        self.officials: list[tuple[int, str]] = list(officials)
        self.organizations: list[int] = list(organizations)
        self.places: list[Mention] = []  # named ports, regions and cities (kind = the kind of place)
        self.reference_starts: set[int] = set()  # the mentions that are resolved references ("the country")

    def read(self) -> list[Reference]:
        doc, words = self.doc, self.words
        lower = doc.lower
        # Only a word that may open a reference is looked at, and a determiner only with a head within
        # reach: most "the" open no description of a country.
        starts = words.openers
        heads = [j for j, word in enumerate(lower) if word in words.heads]
        found: list[Reference] = []
        end = 0
        for i in [j for j, word in enumerate(lower) if word in starts]:
            if i < end:
                continue
            if (lower[i],) in words.determiners or lower[i] in words.pair_openers:
                k = bisect_left(heads, i + 1)
                if k == len(heads) or heads[k] > i + MAX_DESCRIPTION_WORDS:
                    continue
            mention = self.mention_at.get(i)
            if mention is None:
                reference = self._reference_at(i)
            elif mention.is_group and mention.start == i and (lower[i],) in words.determiners:
                reference = self._description(i, i)  # "the Gulf state": the group's own "the"
            else:
                reference = None
            if reference is None:
                continue
            found.append(reference)
            if reference.candidates and not reference.is_group:
                # A resolved reference is an antecedent too: "the kingdom ... the country".
                self._add_mention(Mention(reference.start, reference.end, reference.candidates[0], "country"))
                self.reference_starts.add(reference.start)
            end = reference.end
        return found

    def _add_mention(self, mention: Mention) -> None:
        k = bisect_left(self.mentions, mention)
        self.mentions.insert(k, mention)

    # -- what the words at i are ---------------------------------------------------------------------
    def _reference_at(self, i: int) -> Reference | None:
        doc, words = self.doc, self.words
        word = doc.lower[i]
        if word in words.first_person:
            return self._first_person(i)
        if word in words.officials:
            return self._officials_country(i)
        if word in words.pronouns:
            return self._pronoun(i)
        for size in (2, 1):
            opening = tuple(doc.lower[i : i + size])
            if len(opening) == size and opening in words.pair_determiners:
                reference = self._pair(i, i + size)
                if reference is not None:
                    return reference
        if (word,) in words.determiners:
            if doc.at(i + 1) in words.latter and not self._is_word(i + 2):
                return self._resolved(i + 1, i + 2, None, "latter")
            return self._description(i + 1, i + 1)
        return None

    def _description(self, start: int, modifiers: int) -> Reference | None:
        """ "the [modifiers] head": one country; the words from `start` on, the modifiers from `modifiers`."""
        j, allowed, modified = self._modifiers(modifiers)
        head = self.doc.at(j)
        if not self._lower_case(j):
            return None
        trait = None
        if head in self.words.place_nouns and j == modifiers:
            return (
                None if self._continues_name(j + 1) else self._place(start, j, self.words.place_nouns[head])
            )
        if head in self.words.nouns:
            trait = self.words.nouns[head]
        elif head in self.words.modified_nouns and modified:
            trait = self.words.modified_nouns[head]
        else:
            return None
        if self._continues_name(j + 1):
            return None
        allowed = self._restrict(allowed, trait)
        return self._resolved(start, j + 1, allowed, "description")

    def _place(self, start: int, j: int, kind: str) -> Reference | None:
        """ "the port", "the province": the country of the place of that kind named last before it, in its
        sentence or the ANTECEDENT_SENTENCES before it ("Turkmenbashi seaport ... from the seaport to")."""
        first = self.doc.sentence[start] - ANTECEDENT_SENTENCES
        k = bisect_left(self.places, (start,)) - 1
        while k >= 0 and self.doc.sentence[self.places[k].start] >= first:
            place = self.places[k]
            k -= 1
            if place.kind == kind and place.end <= start:
                return Reference(start, j + 1, (place.code,), False, (), "place")
        return None

    def _pair(self, i: int, j: int) -> Reference | None:
        """ "the two countries", "both sides", "the two Asian countries"."""
        end, allowed, _ = self._modifiers(j)
        if self.doc.at(end) not in self.words.plurals or not self._lower_case(end):
            return None
        if self._continues_name(end + 1):
            return None
        if allowed is None:
            members = self.pair or ()
        else:
            # Named countries, not demonyms: "to Japan and China ... the two Asian countries".
            members = tuple(self._antecedents(i, allowed, ANTECEDENT_SENTENCES, named=True))[:2]
            if len(members) < 2:
                members = ()
        return Reference(i, end + 1, members, False, members, "pair")

    def _officials_country(self, i: int) -> Reference | None:
        """ "his country", "her nation": the country of the official named just before."""
        j, allowed, _ = self._modifiers(i + 1)
        if self.doc.at(j) not in self.words.nouns or not self._lower_case(j):
            return None
        speaker = self._speaker(i)
        candidates = tuple(c for c in speaker if allowed is None or c in allowed)
        return Reference(i, j + 1, candidates, False, (), "official's")

    def _first_person(self, i: int) -> Reference | None:
        """ "we" as a subject; "our country", "our exports", "our main buyers"."""
        doc = self.doc
        if doc.text[i] != doc.lower[i] and doc.text[i] != doc.lower[i].capitalize():
            return None  # "US", "WE"
        possessive = False
        if doc.lower[i] == "we":
            end = i + 1
        else:
            j, _, _ = self._modifiers(i + 1)
            if doc.at(j) in self.words.nouns and self._lower_case(j):
                end = j + 1
            elif self._owns_trade_word(i):
                end, possessive = i + 1, True
            else:
                return None
        return Reference(i, end, self._speaker(i), False, (), "first person", possessive)

    def _pronoun(self, i: int) -> Reference | None:
        """ "It imports ...", "its exports", "its top crude supplier"."""
        doc = self.doc
        if doc.lower[i] == "its":
            if not self._owns_trade_word(i):
                return None
        else:
            j = i + 1
            while doc.at(j) in doc.adverbs:
                j += 1
            if "verb" not in doc.trade_words.get(doc.at(j), ()):
                return None
        antecedent = self._pronoun_antecedents(i)
        if not antecedent:
            return None
        codes = antecedent[1]
        if doc.lower[i] == "its" and not antecedent[0]:
            # "Kenya sells tea to Egypt, and Uganda raised its coffee exports": its clause's subject
            subject = self._clause_subject(i)
            codes = (subject,) if subject in codes else codes
        return Reference(i, i + 1, codes, antecedent[0], (), "pronoun", doc.lower[i] == "its")

    def _clause_subject(self, i: int) -> str | None:
        """The country named as the subject of the clause a possessive pronoun at i stands in: a mention at
        the start of its sentence or clause, a verb phrase of lower-case words (no function word) between
        it and the pronoun ("Uganda raised its", "Peru has cut its"; not a copula: "Saudi Arabia was its top
        supplier"); None otherwise."""
        doc = self.doc
        k = bisect_left(self.mentions, (i,)) - 1
        if k < 0:
            return None
        mention = self.mentions[k]
        between = range(mention.end, i)
        if (
            mention.is_group
            or mention.kind == "demonym"
            or mention.start in self.reference_starts  # "the country raised its": settled with the flows
            or doc.sentence[mention.start] != doc.sentence[i]
            or not between
            or any(not self._lower_case(j) or doc.lower[j] in doc.not_verbs for j in between)
        ):
            return None
        before = mention.start - 1
        if doc.at(before) == "the":
            before -= 1
        opens = (
            before < 0
            or doc.sentence[before] != doc.sentence[mention.start]
            or doc.at(before) in doc.clause_openers
        )
        return mention.code if opens else None

    # -- pieces ----------------------------------------------------------------------------------------
    def _modifiers(self, j: int) -> tuple[int, frozenset[str] | None, bool]:
        """Past the modifiers from j: (the head's token, the countries they allow or None for any, whether
        there was a modifier)."""
        doc, words = self.doc, self.words
        allowed: frozenset[str] | None = None
        modified = False
        while j < len(doc.lower):
            mention = self.mention_at.get(j)
            if mention is not None and mention.is_group and mention.start == j:
                # "the Asian nation", "the Middle Eastern country"; "the Gulf state" (the group's own "the")
                allowed = self._narrow(allowed, words.group_members.get(mention.code, frozenset()))
                modified = True
                if mention.end - 1 > j and self._is_head(mention.end - 1):
                    return mention.end - 1, allowed, modified  # "the two Asian countries": one group name
                j = mention.end
                continue
            if mention is not None:
                break
            word = doc.lower[j]
            if word in words.modifiers:  # any case: "the Islamic republic"
                allowed = self._restrict(allowed, words.modifiers[word])
                j, modified = j + 1, True
                continue
            if doc.at(j + 1) == "-" and self._is_word(j + 2):
                compound = f"{word}-{doc.lower[j + 2]}"
                suffix = f"-{doc.lower[j + 2]}"
                trait = words.modifiers.get(compound, words.modifiers.get(suffix, ""))
                if trait != "":
                    allowed = self._restrict(allowed, trait)
                    j, modified = j + 3, True
                    continue
            break
        return j, allowed, modified

    def _is_head(self, j: int) -> bool:
        word = self.doc.at(j)
        words = self.words
        return word in words.plurals or word in words.nouns or word in words.modified_nouns

    def _restrict(self, allowed: frozenset[str] | None, trait: str | None) -> frozenset[str] | None:
        if trait is None:
            return allowed
        return self._narrow(allowed, self.words.traits.get(trait, frozenset()))

    @staticmethod
    def _narrow(allowed: frozenset[str] | None, codes: frozenset[str]) -> frozenset[str]:
        return codes if allowed is None else allowed & codes

    def _resolved(self, start: int, end: int, allowed: frozenset[str] | None, role: str) -> Reference:
        candidates = tuple(self._antecedents(start, allowed, ANTECEDENT_SENTENCES))
        return Reference(start, end, candidates, False, (), role)

    def _antecedents(
        self, before: int, allowed: frozenset[str] | None, sentences: int, named: bool = False
    ) -> list[str]:
        """The countries named before token `before` in its sentence and the `sentences` before it that
        `allowed` admits (`named`: by name, not by a demonym), nearest first, each once."""
        first = self.doc.sentence[before] - sentences
        out: list[str] = []
        k = bisect_left(self.mentions, (before,)) - 1
        while k >= 0:
            mention = self.mentions[k]
            k -= 1
            if self.doc.sentence[mention.start] < first:
                break
            if mention.is_group or mention.end > before or (named and mention.kind == "demonym"):
                continue
            if (allowed is None or mention.code in allowed) and mention.code not in out:
                out.append(mention.code)
        return out

    def _pronoun_antecedents(self, i: int) -> tuple[bool, tuple[str, ...]] | None:
        """(is a group, codes nearest first) of the parties a pronoun at i may refer to; None when the
        nearest is an organisation or nothing is named."""
        first = self.doc.sentence[i] - PRONOUN_SENTENCES
        k = bisect_left(self.organizations, i) - 1
        organization = self.organizations[k] if k >= 0 else -1
        out: list[str] = []
        k = bisect_left(self.mentions, (i,)) - 1
        while k >= 0:
            mention = self.mentions[k]
            k -= 1
            if self.doc.sentence[mention.start] < first or mention.end <= organization:
                break  # too far back, or an organisation named later is what "it" means
            if mention.end > i or mention.kind == "demonym":
                continue  # an adjective is no antecedent of "it": "markets for Philippine bananas ... it"
            if mention.is_group:
                if not out:
                    return True, (mention.code,)
                break
            if mention.code not in out:
                out.append(mention.code)
        return (False, tuple(out)) if out else None

    def _speaker(self, i: int) -> tuple[str, ...]:
        """The country of the official who speaks at token i: the nearest named before it in its sentence or
        the SPEAKER_SENTENCES before, else the first named after it in its sentence."""
        sentence = self.doc.sentence
        k = bisect_left(self.officials, (i,))
        if k > 0 and sentence[i] - sentence[self.officials[k - 1][0]] <= SPEAKER_SENTENCES:
            return (self.officials[k - 1][1],)
        if k < len(self.officials) and sentence[self.officials[k][0]] == sentence[i]:
            return (self.officials[k][1],)
        return ()

    def _owns_trade_word(self, i: int) -> bool:
        """A trade noun within MAX_OWNED_WORDS lower-case words after i: "its exports", "our main buyer";
        or the goods before a verb of origin: "its gas comes from"."""
        doc = self.doc
        for j in range(i + 1, i + 2 + 2 * MAX_OWNED_WORDS):
            forms = doc.trade_words.get(doc.at(j), frozenset())
            if forms & {"noun", "agent"} or (j > i + 1 and doc.at(j) in doc.origin_verbs):
                return True
            if j in self.mention_at or not (self._lower_case(j) or doc.at(j) == "-"):
                return False  # "its second-largest buyer" goes on over the hyphen
        return False

    def _continues_name(self, j: int) -> bool:
        """The head is followed by what makes it part of another phrase: "the state of Qatar" (glue the
        party reader takes care of), "the country of origin", "the Asian country China", "country-wide"."""
        return self.doc.at(j) in ("of", "-") or j in self.mention_starts

    def _lower_case(self, j: int) -> bool:
        """A lower-case word: "the State Department" and "the Country Garden" are names."""
        doc = self.doc
        return 0 <= j < len(doc.lower) and doc.text[j] == doc.lower[j] and doc.lower[j].isalpha()

    def _is_word(self, j: int) -> bool:
        doc = self.doc
        return 0 <= j < len(doc.lower) and doc.lower[j][:1].isalpha()
