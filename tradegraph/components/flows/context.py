"""The frozen per-document context every trade-flow step reads: token columns, the parties (countries,
groups, places standing for their country), goods words, quantities, and the token marks the construction
patterns match on.

It is built once per Doc from what earlier components wrote (doc.spans "countries", "groups", "places",
"commodities", "quantities", "money" and the sentence boundaries) and never changed afterwards; the steps
pass it along instead of keeping state on the component.

Token marks (`Token._.<name>`; the pattern table reads the same columns directly):
- party: the kind of party mention a token is in: "country", "demonym", "group", "place"; "" if none.
- country: the ISO3 code that mention stands for ("" if none).
- possessive: the mention is followed by "'s" ("Kazakhstan's exports").
- prep: the preposition governing the list of parties the mention is in ("from China, India and Japan"
  -> "from" on all three; "from the state of Qatar" -> "from"); "" when none.
- party_phrase: the token belongs to a list of parties or to the preposition and glue words before it.
- goods: the token is in a commodity word of the HS gazetteer (doc.spans["commodities"]).
- quantity: the token is in a quantity or money amount (doc.spans["quantities"], ["money"]).
- trade_word: set by the trade-word step: "<direction> <form>" of the trade word a token is in
  ("export verb", "import passive", "export noun", "import agent"), "" elsewhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, NamedTuple

from spacy.tokens import Doc, Token

from tradegraph.components.base import (
    POSSESSIVE,
    SpanRow,
    doc_text,
    sentence_ranges,
    span_rows,
    token_flags,
)
from tradegraph.components.flows.lexicon import Lexicon
from tradegraph.components.flows.patterns import TokenTable
from tradegraph.components.flows.references import Mention, Reference, find_references
from tradegraph.models import Quantity

__all__ = ["MARKS", "DocContext", "Party", "build_context", "register_marks"]

# Mark name -> value on a token that carries none.
MARKS: dict[str, Any] = {
    "party": "",
    "country": "",
    "possessive": False,
    "prep": "",
    "party_phrase": False,
    "goods": False,
    "quantity": False,
    "trade_word": "",
}
_MARKS_KEY = ("tradegraph.flows", "marks")


class Party(NamedTuple):
    """One mention of a country, a group of countries, or a place standing for its country; or words that
    refer to a country without naming it (references.py: "the kingdom", "both sides", "we")."""

    iso3: str  # ISO3 code, or the group id for a group
    start: int
    end: int  # exclusive; a possessive "'s" after it is not included
    kind: str  # country | demonym | group | place
    possessive: bool
    prep: str
    list_start: int  # first token of the coordinated list of parties it is in
    # A reference: the other countries it may refer to, nearest first after iso3 ("exports from Iran to the
    # neighbouring country": not Iran), the two countries of "the two countries", and how it refers.
    alternatives: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    refers: str = ""

    @property
    def is_reference(self) -> bool:
        return bool(self.refers)

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    @property
    def is_place(self) -> bool:
        return self.kind == "place"

    @property
    def is_demonym(self) -> bool:
        return self.kind == "demonym"


@dataclass(frozen=True)
class DocContext:
    doc: Doc
    lexicon: Lexicon
    table: TokenTable  # token columns and marks (without trade_word: the trade-word step adds it)
    lower: list[str]
    text: list[str]
    sentence_start: list[int]  # per token: first token of its sentence
    sentence_end: list[int]  # per token: end of its sentence
    sentence_number: dict[int, int]  # sentence start -> its number among the non-blank sentences
    parties: tuple[Party, ...]
    party_at: dict[int, Party]  # token -> the mention it is in
    goods_tokens: frozenset[int]
    quantity_at: dict[int, tuple[int, int, Quantity | None]]  # token -> (start, end, quantity) of its amount
    pair: tuple[str, str] | None  # the article's two main countries

    def __len__(self) -> int:
        return len(self.lower)

    def at(self, i: int) -> str:
        """The lower-case word at i; "" outside the document."""
        return self.lower[i] if 0 <= i < len(self.lower) else ""

    def flag(self, name: str, i: int) -> bool:
        """A Matcher attribute of token i (IS_LOWER, LIKE_NUM, ...); False outside the document."""
        return 0 <= i < self.table.length and bool(self.table.cells[name][i])

    def breaks_line(self, i: int) -> bool:
        """A line break inside token i or right after it."""
        token = self.doc[i]
        return "\n" in token.text or "\n" in token.whitespace_


def register_marks() -> None:
    """Register the token marks as `Token._` attributes, read from the Doc's table once tg_flows has run."""
    for name, default in MARKS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=_mark_getter(name, default))


def _mark_getter(name: str, default: Any):
    def getter(token: Token) -> Any:
        marks = token.doc.user_data.get(_MARKS_KEY)
        return marks[name].get(token.i, default) if marks is not None else default

    return getter


def publish(doc: Doc, table: TokenTable) -> None:
    """Make `table`'s marks what Token._ reads for this Doc, kept as {token: value} for the few tokens with a
    value: the Doc keeps them as long as it lives, and most tokens carry none."""
    published = {}
    for name, column in table.marks.items():
        tokens = table.sparse.get(f"_.{name}", range(len(column)))
        published[name] = {i: column[i] for i in tokens if column[i] != MARKS[name]}
    doc.user_data[_MARKS_KEY] = published


def build_context(doc: Doc, lexicon: Lexicon) -> DocContext:
    table = TokenTable(doc)
    lower = table.columns["LOWER"]
    n = len(lower)
    sentence_start, sentence_end = [0] * n, [n] * n
    for first, last in sentence_ranges(doc):
        sentence_start[first:last] = [first] * (last - first)
        sentence_end[first:last] = [last] * (last - first)
    # A country inside an organisation's name ("the Kenya Tea Board said ...") is no party of a flow and
    # does not make the article's pair.
    in_name = {i for start, end, _, _ in span_rows(doc, "organizations") for i in range(start, end)}
    countries = [c for c in span_rows(doc, "countries") if c[0] not in in_name]
    groups = span_rows(doc, "groups")
    pair = _pair(countries)
    numbers = _sentence_numbers(doc)
    sentence = [numbers.get(start, 0) for start in sentence_start]
    places = span_rows(doc, "places")
    references = _references(doc, table, countries, groups, places, sentence, pair, lexicon)
    parties, party_at = _parties(countries, groups, places, references, lower, table, lexicon)
    goods_tokens = frozenset(
        i for start, end, _, _ in span_rows(doc, "commodities") for i in range(start, end)
    )
    quantity_at: dict[int, tuple[int, int, Quantity | None]] = {}
    for span, quantity in doc._.quantities or []:
        for i in range(span.start, span.end):
            quantity_at[i] = (span.start, span.end, quantity)
    for money in doc._.money or []:
        for i in range(money.span.start, money.span.end):
            quantity_at[i] = (money.span.start, money.span.end, None)
    marks, marked = _marks(n, parties, goods_tokens, quantity_at, lower, lexicon)
    return DocContext(
        doc=doc,
        lexicon=lexicon,
        table=table.with_marks(marks, marked),
        lower=lower,
        text=table.columns["ORTH"],
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        sentence_number=numbers,
        parties=parties,
        party_at=party_at,
        goods_tokens=goods_tokens,
        quantity_at=quantity_at,
        pair=pair,
    )


def _pair(countries: tuple[SpanRow, ...]) -> tuple[str, str] | None:
    """The article's two most named countries (capitals left out), as base.bilateral_pair counts them."""
    counts = Counter(label for _, _, label, kind in countries if kind != "capital")
    if len(counts) < 2:
        return None
    (first, _), (second, _) = counts.most_common(2)
    return first, second


def _references(doc: Doc, table: TokenTable, countries, groups, places, sentence, pair, lexicon: Lexicon):
    """The words of the Doc that refer to a country without naming it (references.py), with what they
    read: the named parties, every mention of an official's name, the named organisations. `sentence` is
    each token's sentence number."""
    texts = table.columns["ORTH"]
    mentions = [
        Mention(start, end, iso3, "demonym" if form == "demonym" else "country")
        for start, end, iso3, form in countries
    ]
    mentions += [Mention(start, end, group, "group") for start, end, group, _ in groups]
    # Every mention of an official's name: a quote's speaker is often named again by surname only.
    surnames: dict[str, str] = {}
    for official, row in zip(doc._.officials or [], span_rows(doc, "officials"), strict=False):
        if official.country:
            surnames.setdefault(texts[row.end - 1], official.country)
    officials = [(i, surnames[word]) for i, word in enumerate(texts) if word in surnames] if surnames else []
    organizations = [row.end for row in span_rows(doc, "organizations")]
    return find_references(
        table.columns["LOWER"],
        texts,
        sentence,
        mentions,
        officials,
        organizations,
        pair,
        lexicon.trade_word_forms,
        lexicon.modal_verbs | lexicon.verb_markers,
        origin_verbs=lexicon.origin_verbs,
        places=[Mention(start, end, iso3, kind) for start, end, kind, iso3 in places if iso3],
        not_verbs=lexicon.function_words | lexicon.copulas | lexicon.be_forms,
        clause_openers=lexicon.clause_breaks | lexicon.list_separators,
    )


def _parties(countries, groups, places, references, lower: list[str], table: TokenTable, lexicon: Lexicon):
    """Mentions from the countries, groups and places spans (a country outranks a group, a group a place)
    and the references that resolve to a party, each with its possessive, its coordinated list and the
    preposition governing that list."""
    texts = table.columns["ORTH"]
    kind_at: dict[int, tuple[int, int, str, str]] = {}  # token -> (start, end, code, kind)
    for start, end, _, iso3 in places:
        if iso3:
            for i in range(start, end):
                kind_at[i] = (start, end, iso3, "place")
    for start, end, group, _ in groups:
        if end < len(lower) and lower[end] in lexicon.country_nouns:
            continue  # "the Asian country": one country of the group, named elsewhere
        for i in range(start, end):
            kind_at[i] = (start, end, group, "group")
    for start, end, iso3, form in countries:
        kind = "demonym" if form == "demonym" else "country"
        for i in range(start, end):
            kind_at[i] = (start, end, iso3, kind)
    referred: dict[tuple[int, int], Reference] = {}
    for reference in references:
        if not reference.candidates:
            continue  # "the country" with nothing it can refer to
        referred[(reference.start, reference.end)] = reference
        kind = "group" if reference.is_group else "country"
        for i in range(reference.start, reference.end):
            kind_at[i] = (reference.start, reference.end, reference.candidates[0], kind)
    mentions = sorted({value for value in kind_at.values()})
    glue = lexicon.party_glue | POSSESSIVE
    found: list[tuple[int, int, str, str, bool, int]] = []  # start, end, code, kind, possessive, list start
    list_start = -1
    previous_end = -1
    list_has_and = False  # an "and" already joins the list: "from Qatar and Australia, and Nigeria sells"
    list_size = 0  # the members of the list so far: "to Egypt, and Uganda raised" is no list of two
    for start, end, code, kind in mentions:
        if kind_at[start][:2] != (start, end) or kind_at[end - 1][:2] != (start, end):
            continue  # overlapped by a higher-ranked mention
        possessive = (end < len(texts) and texts[end] in POSSESSIVE) or (
            (start, end) in referred and referred[(start, end)].possessive
        )
        # A pronoun begins a list of its own: "to Uzbekistan, and we will sell ...".
        pronoun = (start, end) in referred and referred[(start, end)].role in ("first person", "pronoun")
        # Nor is a speaker after a list a member of it: "to China and Israel, Argentina's farm ministry said".
        joined = (
            previous_end >= 0
            and not pronoun
            and _joined(lower, previous_end, start, glue, lexicon)
            and not _opens_clause(lower, previous_end, start, end, list_has_and or list_size == 1, lexicon)
            and not _speaks(lower, end, lexicon)
        )
        if not joined:
            list_start = start
            list_has_and, list_size = False, 1
        else:
            list_has_and = list_has_and or "and" in lower[previous_end:start]
            list_size += 1
        found.append((start, end, code, kind, possessive, list_start))
        previous_end = end
    # The preposition before each list: walk back over glue words ("from the state of Qatar"). A list that
    # ends in a possessive determines a noun, which the preposition governs instead: "to Kenya's tea sector".
    list_possessive = {first: possessive for _, _, _, _, possessive, first in found}
    preps = {
        first: "" if possessive else _preposition(lower, texts, first, lexicon)
        for first, possessive in list_possessive.items()
    }
    parties = tuple(
        _party(code, start, end, kind, possessive, preps[first], first, referred.get((start, end)))
        for start, end, code, kind, possessive, first in found
    )
    party_at = {i: party for party in parties for i in range(party.start, party.end)}
    return parties, party_at


MAX_SPEAKER_WORDS = 3  # "Argentina's agriculture ministry said", "Chile's trade officials told"


def _speaks(lower: list[str], end: int, lexicon: Lexicon) -> bool:
    """Whether the mention ending at `end` is a speaker: its possessive and up to MAX_SPEAKER_WORDS words,
    then a speech verb (rules/words/speech_verbs.txt)."""
    j = end + 1 if end < len(lower) and lower[end] in POSSESSIVE else end
    limit = j + MAX_SPEAKER_WORDS
    while j < min(limit, len(lower)) and lower[j].isalpha() and lower[j] not in lexicon.speech_verbs:
        j += 1
    return j < len(lower) and lower[j] in lexicon.speech_verbs


def _joined(lower: list[str], end: int, start: int, glue: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether the words between two mentions join them in one list: glue words, asides in brackets
    ("Uzbekistan (2 million tons), Tajikistan (1 million tons) and Afghanistan"), shares after "with"
    ("the Netherlands with 12%, and the United Kingdom with 10%") and amounts after a dash, as table-like
    lists write them ("to the UAE - 1.8 times, Germany - 1.6 times")."""
    depth = 0
    share = False  # inside "with 12%": numbers and percent words until the next glue word
    dashed = False  # inside an amount after a dash, until the next glue word
    for i in range(end, start):
        word = lower[i]
        if word == "(":
            depth += 1
        elif word == ")" and depth:
            depth -= 1
        elif depth:
            continue
        elif word == "with" and i == end:
            share = True
        elif word in lexicon.amount_dashes and i == end:
            dashed = True
        elif share and (any(ch.isdigit() for ch in word) or word in lexicon.percent_words or word == "cent"):
            continue
        elif dashed and word not in glue and _amount_word(word, lexicon):
            continue
        elif word not in glue and word not in lexicon.demonym_heads:
            return False
        else:
            share = dashed = False
    return depth == 0


def _opens_clause(
    lower: list[str], previous_end: int, start: int, end: int, closed: bool, lexicon: Lexicon
) -> bool:
    """Whether the mention at start..end after ", and" is the subject of a clause of its own: a verb follows
    it and the list before it is `closed` (already joined by "and", or one country: ", and" joins no list of
    two), or the verb is singular ("Egypt imports wheat from Russia, and France is ..."; not "imports from
    Russia, Ukraine, and France are rising")."""
    between = lower[previous_end:start]
    if "," not in between or "and" not in between or end >= len(lower):
        return False
    word = lower[end]
    verb = (
        word in lexicon.be_forms
        or word in lexicon.modal_verbs
        or word in lexicon.copulas
        or word in lexicon.speech_verbs
        or "verb" in lexicon.trade_word_forms.get(word, ())
        or (closed and word.endswith("ed") and word.isalpha())  # "..., and Uganda raised its exports"
    )
    return verb and (closed or word.endswith("s"))


def _amount_word(word: str, lexicon: Lexicon) -> bool:
    """A word of an amount: "1,8", "$2.5", "million", "tonnes", "%", "times"."""
    return (
        word[:1].isdigit()
        or word[:1] in lexicon.amount_signs
        or word in lexicon.number_words
        or word in lexicon.quantity_units
        or word in lexicon.percent_words
        or word in lexicon.multiplier_words
    )


def _party(code, start, end, kind, possessive, prep, first, reference: Reference | None) -> Party:
    if reference is None:
        return Party(code, start, end, kind, possessive, prep, first)
    return Party(
        code,
        start,
        end,
        kind,
        possessive,
        prep,
        first,
        alternatives=reference.candidates[1:],
        members=reference.members,
        refers=reference.role,
    )


def _preposition(lower: list[str], texts: list[str], start: int, lexicon: Lexicon) -> str:
    """The preposition a list of parties starting at `start` is the object of: back over glue words, and
    over a place's kind and the name before it ("from the Black Sea port of Novorossiysk", "to the Chinese
    province of Xinjiang"); a place's own "of" governs nothing ("The port of Santos exported ...")."""
    j = start - 1
    passed_of = False
    named_port = False
    while j >= 0 and lower[j] != ",":
        place_of = lower[j] == "of" and j > 0 and lower[j - 1] in lexicon.place_words
        if place_of:
            named_port = True
            j -= 2  # "of" and the kind of place
            continue
        if lower[j] in lexicon.party_glue or lower[j] == "of":
            named_port = named_port or (lower[j] == "of" and j > 0 and lower[j - 1] in lexicon.port_words)
            passed_of = passed_of or lower[j] == "of"
        elif not (named_port and texts[j][:1].isupper()):
            break
        j -= 1
    if j >= 1 and f"{lower[j - 1]} {lower[j]}" in lexicon.party_prepositions:
        return f"{lower[j - 1]} {lower[j]}"  # "such as"
    if j >= 0 and lower[j] in lexicon.party_prepositions:
        return lower[j]
    return "of" if passed_of else ""


def _marks(n, parties, goods_tokens, quantity_at, lower, lexicon):
    """The mark columns, and for each mark the tokens that carry it (sorted)."""
    marks: dict[str, list[Any]] = {
        name: [default] * n for name, default in MARKS.items() if name != "trade_word"
    }
    party, country, possessive, prep, phrase = (
        marks["party"],
        marks["country"],
        marks["possessive"],
        marks["prep"],
        marks["party_phrase"],
    )
    mention_tokens: list[int] = []
    lists: dict[int, tuple[int, str]] = {}  # list start -> (list end, prep)
    for p in parties:
        for i in range(p.start, p.end):
            party[i], country[i], possessive[i], prep[i] = p.kind, p.iso3, p.possessive, p.prep
        mention_tokens.extend(range(p.start, p.end))
        end = p.end + (1 if p.possessive and lower[p.end] in POSSESSIVE else 0)  # not "its" + 1
        lists[p.list_start] = (max(end, lists.get(p.list_start, (0, ""))[0]), p.prep)
    phrase_tokens: list[int] = []
    for start, (end, word) in lists.items():
        first = start
        if word:  # include the preposition and the glue before the list: "from the state of"
            last_word = word.rpartition(" ")[2]
            while first > 0 and lower[first - 1] != last_word:
                first -= 1
            first = max(first - 1 - word.count(" "), 0)
        else:  # the article before it: "supplies the Afghan market with"
            while (
                first > 0
                and lower[first - 1] in lexicon.party_glue
                and lower[first - 1] not in lexicon.list_separators
            ):
                first -= 1
        while end < n and party[end - 1] == "demonym" and lower[end] in lexicon.demonym_heads:
            end += 1  # "the Turkish market", "the Iranian side"
        for i in range(first, end):
            phrase[i] = True
            if not prep[i]:
                prep[i] = word
        phrase_tokens.extend(range(first, end))
    for i in goods_tokens:
        marks["goods"][i] = True
    for i in quantity_at:
        marks["quantity"][i] = True
    mentions, phrases = sorted(mention_tokens), sorted(set(phrase_tokens))
    marked = {
        "party": mentions,
        "country": mentions,
        "possessive": mentions,
        "prep": phrases,
        "party_phrase": phrases,
        "goods": sorted(goods_tokens),
        "quantity": sorted(quantity_at),
    }
    return marks, marked


def _sentence_numbers(doc: Doc) -> dict[int, int]:
    """Sentence start -> its number among the non-blank sentences (blank lines between paragraphs are
    sentences of their own to spaCy)."""
    numbers: dict[int, int] = {}
    count = 0
    text = doc_text(doc)
    idx = token_flags(doc).idx
    for start, end in sentence_ranges(doc):
        numbers[start] = count
        end_char = idx[end] if end < len(idx) else len(text)
        if text[idx[start] : end_char].strip():
            count += 1
    return numbers
