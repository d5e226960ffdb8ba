"""Token patterns in spaCy `Matcher` syntax, matched over one Doc's token table from indexed first tokens.

A pattern is a list of token specs exactly as `spacy.matcher.Matcher` takes them (validated with spaCy's own
schema, so every catalogue pattern also runs in spaCy's Matcher; tests check that both find the same
matches, token for token). This module evaluates them itself, for speed: spaCy's Matcher tries every pattern at every token
and reads each `Token._` attribute through a Python call per token (about 2 µs each); on news text that cost
the trade-flow component more than all its other work together (0.4 s per 100 articles for 14 patterns,
measured). Here a pattern is only tried where its first token can match — found in a per-document index of
words and marks — and only inside the window a trade word's clause or sentence gives.

Supported: the attributes in `ATTRIBUTES` and `_` (token attributes in the table's `marks`), values given
directly or as {"IN": [...]}, {"NOT_IN": [...]}, {"REGEX": "..."}, {"==" / "!=" / ">=" / "<=" / ">" / "<": n};
operators "?", "*" and "+". A pattern is tried from the positions where its first token can match, looked
up in an index when that token names its words (ORTH, TEXT, LOWER) or a mark value; a first token that
names neither is tried at every position of the window (slower: keep such patterns few).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy import attrs as spacy_attrs
from spacy.tokens import Doc

from tradegraph.components.base import token_flags, token_lowers

__all__ = ["ATTRIBUTES", "Match", "Pattern", "PatternError", "TokenTable", "compile_pattern"]

# Matcher attribute -> spaCy attribute id of the column read for it.
ATTRIBUTES: dict[str, int] = {
    "ORTH": spacy_attrs.ORTH,
    "TEXT": spacy_attrs.ORTH,
    "LOWER": spacy_attrs.LOWER,
    "LENGTH": spacy_attrs.LENGTH,
    "IS_ALPHA": spacy_attrs.IS_ALPHA,
    "IS_ASCII": spacy_attrs.IS_ASCII,
    "IS_DIGIT": spacy_attrs.IS_DIGIT,
    "IS_LOWER": spacy_attrs.IS_LOWER,
    "IS_UPPER": spacy_attrs.IS_UPPER,
    "IS_TITLE": spacy_attrs.IS_TITLE,
    "IS_PUNCT": spacy_attrs.IS_PUNCT,
    "IS_SPACE": spacy_attrs.IS_SPACE,
    "IS_CURRENCY": spacy_attrs.IS_CURRENCY,
    "LIKE_NUM": spacy_attrs.LIKE_NUM,
    "IS_SENT_START": spacy_attrs.SENT_START,
}
# Matcher attribute -> the field of base.TokenFlags holding its column (LOWER: base.token_lowers).
_FLAG_COLUMNS: dict[str, str] = {
    "LOWER": "",
    "ORTH": "text",
    "TEXT": "text",
    "IS_ALPHA": "is_alpha",
    "IS_ASCII": "is_ascii",
    "IS_DIGIT": "is_digit",
    "IS_LOWER": "is_lower",
    "IS_UPPER": "is_upper",
    "IS_TITLE": "is_title",
    "IS_PUNCT": "is_punct",
    "IS_SPACE": "is_space",
    "IS_CURRENCY": "is_currency",
    "LIKE_NUM": "like_num",
}
_OPERATORS = frozenset({"?", "*", "+"})
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


class PatternError(ValueError):
    """A pattern uses syntax this module does not evaluate."""


class TokenTable:
    """One Doc's token attributes as columns plus the `_` marks the trade-flow steps computed.

    A column is read on first use (one C-level pass, or the lists earlier components already cached on the
    Doc); an index from (column, value) to positions answers "where could a pattern start"."""

    def __init__(
        self,
        doc: Doc,
        marks: Mapping[str, Sequence[Any]] | None = None,
        marked: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        self.doc = doc
        self.length = len(doc)
        self.marks: Mapping[str, Sequence[Any]] = marks or {}
        # "_.<mark>" -> the tokens where the mark has a value other than its default (sorted), if known
        self.sparse: dict[str, Sequence[int]] = {f"_.{k}": v for k, v in (marked or {}).items()}
        # Matcher attribute names and "_.<mark>" -> column: one dict look-up per test.
        self.cells: dict[str, Sequence[Any]] = _Columns(doc)
        self.cells.update({f"_.{k}": v for k, v in self.marks.items()})
        self._index: dict[str, dict[Any, list[int]]] = {}
        self._covered: dict[str, set[Any]] = {}  # column -> the values its index was built for
        self._defaults: dict[str, Any] = {}  # sparse mark -> its value on its first unmarked token
        # (column, values) -> the sorted tokens holding one of the values; None: not known from the index
        self._merged: dict[tuple[str, frozenset[Any]], list[int] | None] = {}
        self._sentence_ends: list[int] | None = None

    @classmethod
    def from_doc(cls, doc: Doc, marks: Mapping[str, Sequence[Any]] | None = None) -> TokenTable:
        return cls(doc, marks)

    @property
    def columns(self) -> Mapping[str, Sequence[Any]]:
        return self.cells

    def with_marks(
        self, marks: Mapping[str, Sequence[Any]], marked: Mapping[str, Sequence[int]] | None = None
    ) -> TokenTable:
        """The same columns with these marks added (`marked`: their tokens with a value, if known); a new
        table: the mark index is rebuilt as needed."""
        table = TokenTable(self.doc, {**self.marks, **marks})
        table.sparse = {**self.sparse, **{f"_.{k}": v for k, v in (marked or {}).items()}}
        table.cells.update({k: v for k, v in self.cells.items() if not k.startswith("_.")})
        table._index = {name: index for name, index in self._index.items() if not name.startswith("_.")}
        # shared, not copied: the columns are the same, and an index and its coverage change together
        table._covered = {
            name: covered for name, covered in self._covered.items() if not name.startswith("_.")
        }
        table._merged = {key: found for key, found in self._merged.items() if not key[0].startswith("_.")}
        return table

    def column(self, name: str) -> Sequence[Any]:
        return self.cells[name]

    def sentence_end(self, i: int) -> int:
        """The end of token i's sentence: no match runs past it."""
        ends = self._sentence_ends
        if ends is None:
            starts = self.cells["IS_SENT_START"]
            ends = [self.length] * self.length
            end = self.length
            for k in range(self.length - 1, -1, -1):
                ends[k] = end
                if starts[k]:
                    end = k
            self._sentence_ends = ends
        return ends[i]

    def index(self, name: str, values: frozenset[Any]) -> None:
        """Index column `name` for these values, in one pass (patterns then look their first tokens up); a
        mark whose marked tokens are known is looked at on those only (its default value is not indexed).
        Only the values found get a list: most of the words patterns name are not in a given Doc."""
        covered = self._covered.setdefault(name, set())
        if values <= covered:
            return
        wanted = values - covered
        covered |= wanted
        index = self._index.setdefault(name, {})
        column = self.cells[name]
        sparse = self.sparse.get(name)
        for i in range(len(column)) if sparse is None else sparse:
            cell = column[i]
            if cell in wanted:
                found = index.get(cell)
                if found is None:
                    index[cell] = [i]
                else:
                    found.append(i)

    def holding(self, name: str, values: frozenset[Any]) -> list[int] | None:
        """The sorted tokens holding one of `values` in column `name`, merged once per Doc and set of values
        (shared: not to be changed); None when `values` include the default of a mark whose marked tokens
        only are indexed (the index does not know the others)."""
        key = (name, values)
        try:
            return self._merged[key]
        except KeyError:
            pass
        if not self.knows(name, values):
            found = None
        else:
            self.index(name, values)
            index = self._index[name]
            # the fewer looked up: the index holds only the values found in this Doc
            if len(values) <= len(index):
                lists = [index[value] for value in values if value in index]
            else:
                lists = [tokens for value, tokens in index.items() if value in values]
            found = lists[0] if len(lists) == 1 else sorted(i for tokens in lists for i in tokens)
        self._merged[key] = found
        return found

    def indexed(self, name: str) -> Mapping[Any, list[int]]:
        """Value -> its sorted tokens, for the values of column `name` indexed so far and found in the Doc
        (shared: not to be changed)."""
        return self._index.get(name, {})

    def knows(self, name: str, values: frozenset[Any]) -> bool:
        """Whether the index knows every token holding one of `values` in column `name`: not when `values`
        include the default of a mark whose marked tokens only are indexed."""
        return name not in self.sparse or self._default(name) not in values

    def occurs(self, name: str, values: frozenset[Any], start: int, end: int) -> bool:
        """Whether a token in [start, end) may hold one of `values` in column `name`: always True when
        `values` include the default of a mark whose marked tokens only are indexed (it is on the others)."""
        found = self.holding(name, values)
        if found is None:
            return True
        k = bisect_left(found, start)
        return k < len(found) and found[k] < end

    def _default(self, name: str) -> Any:
        """The value of a sparse mark on its first unmarked token (None when every token is marked)."""
        if name not in self._defaults:
            marked = set(self.sparse[name])
            i = next((i for i in range(self.length) if i not in marked), None)
            self._defaults[name] = None if i is None else self.cells[name][i]
        return self._defaults[name]

    def positions(self, name: str, value: Any) -> Sequence[int]:
        """Sorted token indices where column `name` equals `value`."""
        index = self._index.get(name)
        if index is not None:
            found = index.get(value)
            if found is not None:
                return found
            if value in self._covered[name]:
                return ()
        self.index(name, frozenset([value]))
        return self._index[name].get(value, ())


class _Columns(dict):
    """The table's columns, each read from the Doc when first asked for."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc  # not the table: no reference cycle to wait for the garbage collector

    def __missing__(self, name: str) -> Sequence[Any]:
        doc = self.doc
        if name.startswith("_."):
            raise PatternError(f"no token mark {name[2:]!r}")
        if name not in ATTRIBUTES:
            raise PatternError(f"no token attribute {name!r}")
        if name in _FLAG_COLUMNS:
            flags = token_flags(doc)  # cached on the Doc by the components before
            column: Sequence[Any] = (
                token_lowers(doc) if name == "LOWER" else getattr(flags, _FLAG_COLUMNS[name])
            )
        elif name == "LENGTH":
            column = [len(word) for word in token_flags(doc).text]
        elif name == "IS_SENT_START":
            # compared in numpy, then one list of Python bools
            column = (doc.to_array(spacy_attrs.SENT_START) == 1).tolist() if len(doc) else []
        else:
            column = doc.to_array(ATTRIBUTES[name]).tolist() if len(doc) else []
        self[name] = column
        return column


class Match(NamedTuple):
    start: int
    end: int
    alignment: tuple[int, ...]  # for each matched token, the index of the pattern token it matched


def slot_tokens(matches: Iterable[Match], slots: Sequence[str | None]) -> dict[str, list[int]]:
    """The tokens each named slot took over `matches` (in text order, once each); `slots` names the slot of
    each pattern token (None: no slot; "trigger": the trade word itself, which is no slot to fill)."""
    tokens: dict[str, set[int]] = {}
    for match in matches:
        for offset, token_spec in enumerate(match.alignment):
            slot = slots[token_spec]
            if slot is not None and slot != "trigger":
                tokens.setdefault(slot, set()).add(match.start + offset)
    return {slot: sorted(found) for slot, found in tokens.items()}


Test = Callable[[TokenTable, int], bool]


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern: one test and one operator per token spec, and where its first token can be."""

    specs: tuple[tuple[Test, str], ...]
    anchor_column: str | None  # None: tried at every position
    anchor_values: tuple[Any, ...]
    source: list[dict[str, Any]] = field(compare=False)
    key: str = ""  # the pattern as canonical JSON: equal patterns match alike
    # fixed_from[k]: specs[k:] all match exactly one token; fixed_to[k]: specs[: k + 1] do (no search needed)
    fixed_from: tuple[bool, ...] = ()
    fixed_to: tuple[bool, ...] = ()
    # (spec index, column, values) of each token spec that must match at least one token and names its
    # words or mark values: a match needs a token with one of those values (TokenTable.occurs)
    required: tuple[tuple[int, str, frozenset[Any]], ...] = ()
    # worked out from the fields above, once: every search reads them
    anchor_set: frozenset[Any] = field(init=False, compare=False, repr=False)
    later_required: tuple[tuple[str, frozenset[Any]], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor_set", frozenset(self.anchor_values))
        later = tuple((column, values) for k, column, values in self.required if k > 0)
        object.__setattr__(self, "later_required", later)

    def find(self, table: TokenTable, start: int, end: int, runs_from: int | None = None) -> list[Match]:
        """The matches lying inside tokens [start, end) and inside one sentence, each (start, end) once; a
        first token that repeats ("+") starts only where its run starts (a match from inside the run is part
        of one from its start), the run looked at back to `runs_from` (default: `start`)."""
        runs_from = start if runs_from is None else runs_from
        found: dict[tuple[int, int], Match] = {}
        first_test, first_op = self.specs[0]
        second = self.specs[1] if len(self.specs) > 1 and self.specs[1][1] in ("", "+") else None
        later = self.later_required
        if not all(table.occurs(column, values, start, end) for column, values in later):
            return []  # a token the rest of the pattern needs is nowhere in the range
        for first in self._starts(table, start, end):
            if first_op == "+" and first > runs_from and first_test(table, first - 1):
                continue  # inside a run the first token repeats over: the run's start gives longer matches
            last = min(end, table.sentence_end(first))  # a match stays in its sentence
            if (
                first_op == ""
                and second is not None
                and not (first + 1 < last and second[0](table, first + 1))
            ):
                continue  # the token after the first cannot be the second: no match here
            if not all(table.occurs(column, values, first + 1, last) for column, values in later):
                continue  # a token the rest of the pattern needs is not in the sentence
            for stop, alignment in self._from(table, 0, first, last):
                if stop > first:
                    found.setdefault((first, stop), Match(first, stop, alignment))
        return sorted(found.values())

    def find_at(
        self, table: TokenTable, k: int, start: int, end: int, window: tuple[int, int]
    ) -> list[Match]:
        """Every match inside `window` whose pattern token k covers exactly tokens [start, end): the tokens
        before are matched backward from `start`, those after forward from `end` (a trade word's
        constructions are matched from the trade word, not from every position of its clause)."""
        test, op = self.specs[k]
        covered = end - start
        if covered < 1 or (covered > 1 and op not in ("+", "*")):
            return []
        if not all(test(table, i) for i in range(start, end)):
            return []
        # Most constructions fail on the token next to the trade word: test it before searching.
        if (
            k > 0
            and self.specs[k - 1][1] == ""
            and not (start > window[0] and self.specs[k - 1][0](table, start - 1))
        ):
            return []
        if k + 1 < len(self.specs) and self.specs[k + 1][1] in ("", "+"):
            if not (end < window[1] and self.specs[k + 1][0](table, end)):
                return []
        found: dict[tuple[int, int], Match] = {}
        for first, before in self._back(table, k - 1, start, window[0]):
            for stop, after in self._from(table, k + 1, end, window[1]):
                found.setdefault((first, stop), Match(first, stop, before + (k,) * covered + after))
        return sorted(found.values())

    def _starts(self, table: TokenTable, start: int, end: int) -> Iterable[int]:
        """The positions in [start, end) where the first token can match: those holding an anchor value,
        from one merged list per Doc (a sentence's are a slice of it), or every position."""
        if self.anchor_column is None:
            return range(start, end)
        holding = table.holding(self.anchor_column, self.anchor_set)
        if holding is None:
            return self._starts_by_value(table, start, end)
        return holding[bisect_left(holding, start) : bisect_left(holding, end)]

    def _starts_by_value(self, table: TokenTable, start: int, end: int) -> Iterator[int]:
        for value in self.anchor_values:
            positions = table.positions(self.anchor_column, value)
            k = bisect_left(positions, start)
            while k < len(positions) and positions[k] < end:
                yield positions[k]
                k += 1

    def _from(self, table: TokenTable, k: int, i: int, end: int) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(end, alignment) of every way specs[k:] match from token i, not past `end`."""
        if k == len(self.specs):
            yield i, ()
            return
        if self.fixed_from[k]:  # one token per spec: a test per token, no search
            stop = i + len(self.specs) - k
            if stop <= end and all(self.specs[k + n][0](table, i + n) for n in range(stop - i)):
                yield stop, tuple(range(k, len(self.specs)))
            return
        test, op = self.specs[k]
        if op in ("?", "*"):
            yield from self._from(table, k + 1, i, end)  # zero tokens
        if op in ("?", ""):
            if i < end and test(table, i):
                for stop, rest in self._from(table, k + 1, i + 1, end):
                    yield stop, (k, *rest)
            return
        # "*" or "+": one or more tokens, then the rest of the pattern.
        j = i
        while j < end and test(table, j):
            j += 1
            for stop, rest in self._from(table, k + 1, j, end):
                yield stop, (k,) * (j - i) + rest

    def _back(self, table: TokenTable, k: int, i: int, lo: int) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(start, alignment) of every way specs[: k + 1] match ending right before token i, not before lo."""
        if k < 0:
            yield i, ()
            return
        if self.fixed_to[k]:  # one token per spec: a test per token, no search
            first = i - k - 1
            if first >= lo and all(self.specs[n][0](table, first + n) for n in range(k + 1)):
                yield first, tuple(range(k + 1))
            return
        test, op = self.specs[k]
        if op in ("?", "*"):
            yield from self._back(table, k - 1, i, lo)  # zero tokens
        if op in ("?", ""):
            if i - 1 >= lo and test(table, i - 1):
                for first, rest in self._back(table, k - 1, i - 1, lo):
                    yield first, (*rest, k)
            return
        j = i
        while j - 1 >= lo and test(table, j - 1):
            j -= 1
            for first, rest in self._back(table, k - 1, j, lo):
                yield first, rest + (k,) * (i - j)


def compile_pattern(pattern: list[dict[str, Any]]) -> Pattern:
    """Compile a Matcher-syntax pattern; PatternError names the token and key it cannot evaluate."""
    if not pattern:
        raise PatternError("empty pattern")
    specs = []
    for position, spec in enumerate(pattern):
        if not isinstance(spec, dict):
            raise PatternError(f"token {position}: not an object")
        op = spec.get("OP", "")
        if op not in _OPERATORS and op != "":
            raise PatternError(f"token {position}: operator {op!r} is not supported (use ?, * or +)")
        tests = []
        for key, value in spec.items():
            if key == "OP":
                continue
            if key == "_":
                if not isinstance(value, dict) or not value:
                    raise PatternError(f"token {position}: '_' needs attribute names")
                tests.extend(_value_test(f"_.{name}", wanted, position) for name, wanted in value.items())
            elif key in ATTRIBUTES:
                tests.append(_value_test(key, value, position))
            else:
                raise PatternError(f"token {position}: attribute {key!r} is not supported")
        specs.append((_all(tests), op))
    if pattern[0].get("OP", "") in ("?", "*"):
        raise PatternError("token 0: the first token cannot be optional")
    column, values = _anchor(pattern[0])
    ops = [op for _, op in specs]
    fixed_from = tuple(all(op == "" for op in ops[k:]) for k in range(len(ops) + 1))
    fixed_to = tuple(all(op == "" for op in ops[: k + 1]) for k in range(len(ops)))
    key = json.dumps(pattern, sort_keys=True)
    required = tuple(
        (k, *found)
        for k, spec in enumerate(pattern)
        if spec.get("OP", "") in ("", "+") and (found := _indexed(spec)) is not None
    )
    return Pattern(tuple(specs), column, values, pattern, key, fixed_from, fixed_to, required)


def _anchor(spec: dict[str, Any]) -> tuple[str | None, tuple[Any, ...]]:
    """The column and values a first token is looked up by: its words, else one of its marks (None, ()
    when it names neither)."""
    for key in ("LOWER", "ORTH", "TEXT"):
        if key in spec:
            values = _listed(spec[key])
            if values is not None:
                return key, values
    for name, wanted in (spec.get("_") or {}).items():
        values = _listed(wanted)
        if values is not None:
            return f"_.{name}", values
    return None, ()


def _indexed(spec: dict[str, Any]) -> tuple[str, frozenset[Any]] | None:
    """A column and values one of which a token matching `spec` must hold, as _anchor finds them."""
    column, values = _anchor(spec)
    return None if column is None else (column, frozenset(values))


def _listed(value: Any) -> tuple[Any, ...] | None:
    if isinstance(value, dict):
        return tuple(value["IN"]) if set(value) == {"IN"} and isinstance(value["IN"], list) else None
    return (value,)


def _all(tests: list[Test]) -> Test:
    """One test that holds when all of `tests` hold (closures for the common sizes: called per token)."""
    if not tests:
        return lambda table, i: True
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        return lambda table, i: a(table, i) and b(table, i)
    if len(tests) == 3:
        a, b, c = tests
        return lambda table, i: a(table, i) and b(table, i) and c(table, i)
    return lambda table, i: all(test(table, i) for test in tests)


def _value_test(column: str, wanted: Any, position: int) -> Test:
    """A test of one attribute: equality, or the predicate of a {"IN": ...}-style dict."""
    if not isinstance(wanted, dict):
        return lambda table, i: table.cells[column][i] == wanted
    tests: list[Test] = []
    for predicate, argument in wanted.items():
        if predicate == "IN":
            options = frozenset(argument)
            tests.append(lambda table, i, options=options: table.cells[column][i] in options)
        elif predicate == "NOT_IN":
            options = frozenset(argument)
            tests.append(lambda table, i, options=options: table.cells[column][i] not in options)
        elif predicate == "REGEX":
            regex = re.compile(argument)
            tests.append(lambda table, i, regex=regex: regex.search(str(table.cells[column][i])) is not None)
        elif predicate in _COMPARISONS:
            compare = _COMPARISONS[predicate]
            tests.append(lambda table, i, compare=compare, n=argument: compare(table.cells[column][i], n))
        else:
            raise PatternError(f"token {position}: predicate {predicate!r} is not supported")
    return _all(tests)
