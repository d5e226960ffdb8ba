"""The catalogue of trade-flow constructions (rules/constructions.jsonl), loaded and compiled.

One JSON object per line, one construction each:

    {"name": "origin: from X", "trade_words": ["*"],
     "pattern": [{"_": {"prep": "from", "party_phrase": true}}], "slots": ["exporter"],
     "example": "Egypt buys wheat from Romania."}

- trade_words: the trade-word classes the construction reads, "<direction> <form>" with direction export or
  import and form verb, passive, noun or agent ("export verb", "import agent"); "*" stands for either part
  ("* verb", "export *", "*").
- pattern: spaCy Matcher token specs over token attributes and the marks of
  tradegraph.components.flows.context (`_.party`, `_.prep`, `_.goods`, `_.trade_word`, ...). In an IN or
  NOT_IN list, "@name" stands for the words of rules/words/name.txt ({"IN": ["@be_forms", "seems"]}). A token spec whose slot is "trigger"
  may be left {}: it becomes the trade word of one of the row's classes.
- slots: one per pattern token, null or a role:
  "trigger" the trade word; "exporter" / "importer" a side (the parties on those tokens); "goods" where the
  goods list starts; "goods_before" where a goods list written before the trade word ends ("wheat and barley
  are exported", "palm oil exports"); "return_goods" goods that travel the other way ("in exchange for B"); "not_party" parties that are no side of this trade word ("ambassador to Iran");
  "not_trigger" on the trade word: it states no flow here ("exports to the Chinese market" -> "market");
  "no_context" the trade word takes its sides from its own words only, none from the article's two main
  countries, the sentence's other trade words or the flows before ("imports 90% of the oil it consumes");
  "also_exporter" / "also_importer" parties that share that side with the one the other constructions find
  ("X is the second largest supplier of A after Z", "Y was the main market, followed by W"): every such
  construction adds its parties, none of them fills the side.
- within: "clause" (default) or "sentence": the stretch around the trade word a match must lie in; side:
  "around" (default), "before" or "after": only the part of it before or after the trade word;
  "next_sentence": the sentence after the trade word's (side "around" only), for goods a trade word leaves
  vague and the next sentence lists ("It imported goods from the U.K. Items included machinery and cars"). A match of a
  pattern with a trigger slot counts only for the trade word on that slot.
- subject: true when the exporter or importer this construction finds is the trade word's subject: a later
  trade verb of the sentence with no subject of its own takes it ("Chile sells copper, while buying ...").
- share: true when the side this construction fills holds a share of the trade word's flow ("Y accounts
  for N% of X's exports"): a share continuation of rules/rank_continuations.jsonl names more holders of it
  ("Z accounted for M%").
- carry: true when a frame this construction gives a side to names no goods of its own: it takes the goods
  and the side it leaves open from the flow stated just before ("Thailand's rice exports rose 12%. The top
  export markets were Indonesia and Iraq").
- example: a sentence of the construction's shape (written for the catalogue, never copied from an article);
  tests check that each construction reads its example.

Order is precedence: for each slot of a trade word, the first construction (in file order) that fills it
wins; the slot takes what all that construction's matches give.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from spacy.schemas import validate_token_pattern

from tradegraph.components.flows.patterns import Pattern, PatternError, compile_pattern
from tradegraph.rules import RuleFileError, load_jsonl, load_words

__all__ = [
    "CATALOGUE",
    "CONTINUATIONS",
    "Catalogue",
    "Construction",
    "ConstructionRow",
    "Continuation",
    "ContinuationRow",
    "TRADE_WORD_CLASSES",
    "continuations",
    "load_catalogue",
    "load_continuations",
    "match_stretch",
    "match_window",
]

CATALOGUE = "constructions.jsonl"
CONTINUATIONS = "rank_continuations.jsonl"
TRADE_WORD_CLASSES = tuple(
    f"{direction} {form}"
    for direction in ("export", "import")
    for form in ("verb", "passive", "noun", "agent")
)
Slot = Literal[
    "trigger",
    "not_trigger",
    "exporter",
    "importer",
    "also_exporter",
    "also_importer",
    "goods",
    "goods_before",
    "return_goods",
    "not_party",
    "no_context",
]
TRIGGER_SLOTS = ("trigger", "not_trigger")


class ConstructionRow(BaseModel):
    """One line of the catalogue, as written (placeholders expanded, trigger specs filled in)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    trade_words: tuple[str, ...] = Field(min_length=1)
    pattern: tuple[dict[str, Any], ...] = Field(min_length=1)
    slots: tuple[Slot | None, ...]
    within: Literal["clause", "sentence", "next_sentence"] = "clause"
    side: Literal["around", "before", "after"] = "around"
    subject: bool = False
    carry: bool = False
    share: bool = False
    example: str = Field(min_length=1)

    @field_validator("trade_words")
    @classmethod
    def _classes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        classes: list[str] = []
        for written in value:
            matched = [c for c in TRADE_WORD_CLASSES if written == "*" or fnmatchcase(c, written)]
            if not matched:
                raise ValueError(f"{written!r} names no trade-word class (e.g. 'export verb', '* noun', '*')")
            classes.extend(c for c in matched if c not in classes)
        return tuple(classes)

    @model_validator(mode="after")
    def _pattern(self) -> ConstructionRow:
        if len(self.slots) != len(self.pattern):
            raise ValueError(f"{len(self.slots)} slots for {len(self.pattern)} pattern tokens")
        triggers = [k for k, slot in enumerate(self.slots) if slot in TRIGGER_SLOTS]
        if len(triggers) > 1:
            raise ValueError("more than one trigger slot")
        if "not_trigger" in self.slots and any(s not in (None, "not_trigger") for s in self.slots):
            raise ValueError("a not_trigger construction fills no other slot")
        if self.subject and not any(slot in ("exporter", "importer") for slot in self.slots):
            raise ValueError("subject: true needs an exporter or importer slot")
        if self.carry and not any(slot in ("exporter", "importer") for slot in self.slots):
            raise ValueError("carry: true needs an exporter or importer slot")
        if self.share and not any(slot in ("exporter", "importer") for slot in self.slots):
            raise ValueError("share: true needs an exporter or importer slot")
        if self.within == "next_sentence" and (self.side != "around" or triggers):
            raise ValueError('within "next_sentence" takes no side and no trigger slot')
        pattern = [_expand(spec) for spec in self.pattern]
        for k in triggers:
            spec = dict(pattern[k])
            marks = dict(spec.get("_") or {})
            marks.setdefault("trade_word", {"IN": list(self.trade_words)})
            spec["_"] = marks
            spec.setdefault("OP", "+")  # "re-exports", "export products": several tokens
            pattern[k] = spec
        object.__setattr__(self, "pattern", _checked(pattern))
        return self


def _checked(pattern: list[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """The pattern, once spaCy's schema and patterns.py both accept it (else ValueError, for the row)."""
    problems = validate_token_pattern(pattern)
    if problems:
        raise ValueError(f"not a spaCy Matcher pattern: {problems[0]}")
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        raise ValueError(str(exc)) from None
    return tuple(pattern)


def _expand(spec: Any) -> Any:
    """Replace "@name" in IN / NOT_IN lists by the words of rules/words/name.txt."""
    if not isinstance(spec, dict):
        return spec
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if key == "_" and isinstance(value, dict):
            out[key] = {name: _expand_value(wanted) for name, wanted in value.items()}
        else:
            out[key] = _expand_value(value)
    return out


def _expand_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    expanded = dict(value)
    for predicate in ("IN", "NOT_IN"):
        listed = value.get(predicate)
        if isinstance(listed, str):
            listed = [listed]
        if isinstance(listed, list) and any(isinstance(w, str) and w.startswith("@") for w in listed):
            words: set[str] = set()
            for word in listed:
                if isinstance(word, str) and word.startswith("@"):
                    words |= load_words(f"words/{word[1:]}.txt")
                else:
                    words.add(word)
            expanded[predicate] = sorted(words)
    return expanded


@dataclass(frozen=True)
class Construction:
    """A catalogue row with its compiled pattern."""

    row: ConstructionRow
    pattern: Pattern
    trigger_token: int | None  # index of the pattern token on the trade word
    rank: int  # its position in the catalogue: precedence
    fills: frozenset[str]  # the slots it fills (the trigger slot aside)
    # Tests of the tokens right before and after the trade word, when the pattern requires one there
    adjacent: tuple[Any, Any] = (None, None)

    @property
    def name(self) -> str:
        return self.row.name

    def window(self, trigger) -> tuple[int, int]:
        """The tokens a match must lie in for this trade word (a Trigger of triggers.py)."""
        return match_window(trigger, self.row.within, self.row.side)

    def stretch(self, trigger) -> tuple[int, int]:
        """The clause, sentence or next sentence of the trade word the construction reads (`within`)."""
        return match_stretch(trigger, self.row.within)

    def slot(self, pattern_token: int) -> str | None:
        return self.row.slots[pattern_token]


def match_stretch(trigger, within: str) -> tuple[int, int]:
    """The clause, sentence or next sentence (`within`) of a trade word (a Trigger of triggers.py)."""
    if within == "clause":
        return trigger.clause
    return trigger.sentence if within == "sentence" else trigger.next_sentence


def match_window(trigger, within: str, side: str) -> tuple[int, int]:
    """The tokens a match must lie in for a trade word (a Trigger of triggers.py), given a construction's
    within and side ("around", "before" or "after")."""
    start, end = match_stretch(trigger, within)
    if side == "before":
        return start, trigger.start
    if side == "after":
        return trigger.end, end
    return start, end


@dataclass(frozen=True)
class Catalogue:
    constructions: tuple[Construction, ...]
    by_class: dict[str, tuple[Construction, ...]]  # trade-word class -> its constructions, in order

    @property
    def shares(self) -> frozenset[str]:
        """The names of the constructions whose side holds a share of the flow (`share: true`)."""
        return frozenset(c.name for c in self.constructions if c.row.share)


def load_catalogue(name: str = CATALOGUE) -> Catalogue:
    """Read and compile the catalogue; a bad row raises RuleFileError naming file and line."""
    rows = load_jsonl(name, ConstructionRow)
    names: set[str] = set()
    constructions = []
    for rank, row in enumerate(rows):
        if row.name in names:
            raise RuleFileError(f"{name}: construction name {row.name!r} used twice")
        names.add(row.name)
        trigger = next((k for k, slot in enumerate(row.slots) if slot in TRIGGER_SLOTS), None)
        fills = frozenset(slot for slot in row.slots if slot is not None and slot != "trigger")
        pattern = compile_pattern(list(row.pattern))
        adjacent: tuple[Any, Any] = (None, None)
        if trigger is not None:
            specs = pattern.specs
            before = specs[trigger - 1][0] if trigger > 0 and specs[trigger - 1][1] == "" else None
            after = (
                specs[trigger + 1][0]
                if trigger + 1 < len(specs) and specs[trigger + 1][1] in ("", "+")
                else None
            )
            adjacent = (before, after)
        constructions.append(Construction(row, pattern, trigger, rank, fills, adjacent))
    by_class = {
        cls: tuple(c for c in constructions if cls in c.row.trade_words) for cls in TRADE_WORD_CLASSES
    }
    return Catalogue(tuple(constructions), by_class)


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    return load_catalogue()


class ContinuationRow(BaseModel):
    """One line of rules/rank_continuations.jsonl: words that go on with a ranking stated just before and
    name who comes next in it ("..., followed by Z", "Behind X are Z", "then comes Z", "Z was third"). They
    are no trade word of their own: the ranked parties take the ranking's side, its goods and its other side
    (carry.continue_rankings).

    slots: one per pattern token: "ranked" the parties that come next; "rival" the party they rank behind
    (it must be on the ranking's side: "Behind France are Romania"); null otherwise.
    continues: "ranking" (a role noun: supplier, buyer, market) or "share" (a side a share construction
    filled, `share: true` in the catalogue: "China accounted for 26% of Peru's exports. Japan accounted for
    9%.")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    pattern: tuple[dict[str, Any], ...] = Field(min_length=1)
    slots: tuple[Literal["ranked", "rival"] | None, ...]
    continues: Literal["ranking", "share"] = "ranking"
    example: str = Field(min_length=1)

    @model_validator(mode="after")
    def _pattern(self) -> ContinuationRow:
        if len(self.slots) != len(self.pattern):
            raise ValueError(f"{len(self.slots)} slots for {len(self.pattern)} pattern tokens")
        if "ranked" not in self.slots:
            raise ValueError("a continuation needs a ranked slot")
        object.__setattr__(self, "pattern", _checked([_expand(spec) for spec in self.pattern]))
        return self


@dataclass(frozen=True)
class Continuation:
    """A continuation row with its compiled pattern."""

    row: ContinuationRow
    pattern: Pattern

    @property
    def name(self) -> str:
        return self.row.name


def load_continuations(name: str = CONTINUATIONS) -> tuple[Continuation, ...]:
    """Read and compile the ranking continuations; a bad row raises RuleFileError naming file and line."""
    rows = load_jsonl(name, ContinuationRow)
    names: set[str] = set()
    for row in rows:
        if row.name in names:
            raise RuleFileError(f"{name}: continuation name {row.name!r} used twice")
        names.add(row.name)
    return tuple(Continuation(row, compile_pattern(list(row.pattern))) for row in rows)


@cache
def continuations() -> tuple[Continuation, ...]:
    """The shipped ranking continuations, loaded once per process."""
    return load_continuations()
