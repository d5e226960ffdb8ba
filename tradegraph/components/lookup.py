"""Fast gazetteer lookup: phrases are compared with the document's own text, not tokenised up front.

Building a PhraseMatcher for ~90k place names takes seconds; a dict of strings takes milliseconds. Matching
slices the document text from a candidate start token and grows it one token at a time while some phrase
still starts with it (a binary search in the sorted keys), so most tokens cost one look-up.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import cached_property
from itertools import compress
from typing import Generic, TypeVar

from spacy.tokens import Doc

from tradegraph.components.base import doc_text, token_flags, token_lowers

__all__ = ["PhraseIndex", "doc_text"]

Value = TypeVar("Value")
_TOKENISH = re.compile(r"\w+|[^\w\s]")
_BLANK = re.compile(r"\s")
_CONTINUES_CACHE_SIZE = 200_000  # remembered answers of _continues: news reuses a limited vocabulary
_STARTERS_CACHE_SIZE = 200_000  # remembered answers of "can a match start at this word?", likewise


class PhraseIndex(Generic[Value]):
    """Longest-match lookup of written phrases; `fold` maps both phrases and text to the compared key."""

    def __init__(self, phrases: Iterable[tuple[str, Value]], fold: Callable[[str], str] = str) -> None:
        self.fold = fold
        table: dict[str, list[Value]] = {}
        for phrase, value in phrases:
            key = phrase if fold is str else fold(phrase)
            bucket = table.get(key)
            if bucket is None:
                table[key] = [value]
            elif value not in bucket:
                bucket.append(value)
        self.table = table
        self.first_chars = {key[:1] for key in table}
        # Sorted keys answer "does any phrase continue this text?" with one bisection.
        self._sorted_keys = sorted(table)
        self._continues_cache: dict[str, bool] = {}
        # The blanks inside phrases: a word that no phrase continues with a blank ("the" only begins words
        # such as "theobromine") starts a match only where the next token follows it with no blank.
        self._blanks = sorted(set(_BLANK.findall("\0".join(table))))
        # One-token keys seen so far, and those of them a match may start at: always, or only when the next
        # token is glued to it.
        self._seen: set[str] = set()
        self._starts: set[str] = set()
        self._glued_starts: set[str] = set()

    @cached_property
    def max_tokens(self) -> int:
        """An upper bound on the spaCy tokens of the longest phrase (kept for callers; find() needs none)."""
        return max((len(_TOKENISH.findall(key)) for key in self.table), default=1) or 1

    def __contains__(self, phrase: str) -> bool:
        return self.fold(phrase) in self.table

    def get(self, phrase: str) -> list[Value]:
        return self.table.get(self.fold(phrase), [])

    def _continues(self, key: str) -> bool:
        """Whether some phrase is longer than `key` and starts with it."""
        cache = self._continues_cache
        found = cache.get(key)
        if found is None:
            keys = self._sorted_keys
            position = bisect_right(keys, key)
            found = position < len(keys) and keys[position].startswith(key)
            if len(cache) >= _CONTINUES_CACHE_SIZE:
                cache.clear()
            cache[key] = found
        return found

    def find(
        self, doc: Doc, start_ok: Callable[[int], bool] | None = None
    ) -> list[tuple[int, int, list[Value]]]:
        """Non-overlapping matches, longest first from left to right: (start, end, values).

        A phrase never spans a line break or a whitespace token.
        """
        matches: list[tuple[int, int, list[Value]]] = []
        if not self.table:
            return matches
        # The token offsets and flags read once per Doc (base.token_flags): doc[i] builds a Token object.
        flags = token_flags(doc)
        starts, words, spaces, puncts = flags.idx, flags.text, flags.is_space, flags.is_punct
        text = doc_text(doc)
        fold = self.fold
        identity = fold is str
        if fold is str.lower:
            # Lower-case the text once when that keeps every offset (no 'İ'; no 'Σ', whose lower case
            # depends on the next letter): slicing it then equals lower-casing each slice.
            lowered = text.lower()
            if len(lowered) == len(text) and "Σ" not in text:
                text, identity = lowered, True
        table = self.table
        continues = self._continues
        cached = self._continues_cache  # its answers, read here without a call per token
        n = len(starts)
        # Each token's key as a one-token phrase: a match can only start at a token whose key is a phrase or
        # starts one, which is asked once per distinct word, and the tokens are picked out at C speed.
        if fold is str:
            firsts = words  # a token's text is its slice of the text
        elif identity and fold is str.lower:
            # The lowered text kept every character's length and has no 'Σ', so each token's slice of it
            # is the token's own lower case: spaCy's lower_ (str.lower), already read per Doc.
            firsts = token_lowers(doc)
        elif identity:
            firsts = [text[start : start + len(word)] for start, word in zip(starts, words, strict=True)]
        else:
            firsts = [
                fold(text[start : start + len(word)]) for start, word in zip(starts, words, strict=True)
            ]
        # The answer for each distinct word is remembered across Docs (a word's answer never changes), so a
        # Doc asks only about the words not seen before; the rest are set intersections.
        distinct = set(firsts)
        unseen = distinct.difference(self._seen)
        if unseen:
            self._learn_starts(distinct if len(self._seen) + len(unseen) > _STARTERS_CACHE_SIZE else unseen)
        known = distinct.intersection(self._starts)
        candidates = list(compress(range(n), map(known.__contains__, firsts)))
        glued = distinct.intersection(self._glued_starts)
        if glued and not identity:
            known |= glued  # without the blank test below such a word may start a match anywhere
            candidates = list(compress(range(n), map(known.__contains__, firsts)))
        elif glued:
            # Where a blank follows the word no phrase goes on (the blank test below): only glued ones.
            more = [
                i
                for i in compress(range(n - 1), map(glued.__contains__, firsts))
                if starts[i + 1] == starts[i] + len(words[i])
            ]
            if more:
                candidates = sorted(candidates + more)
        next_free = 0  # the end of the last match: matches do not overlap
        for i in candidates:
            if i < next_free or spaces[i] or puncts[i] or (start_ok is not None and not start_ok(i)):
                continue
            start = starts[i]
            end = start + len(words[i])
            key = firsts[i]
            values = table.get(key)
            best_end = i + 1 if values else 0
            best_values = values
            j = i + 1
            while j < n and (cached.get(key) if key in cached else continues(key)):
                next_start = starts[j]
                if spaces[j] or "\n" in text[end:next_start]:
                    break
                # A longer phrase starts with the text up to the next token, blanks included ("the " stops
                # "the" from growing, which only begins words such as "theobromine").
                if identity and next_start > end and not continues(text[start:next_start]):
                    break
                end = next_start + len(words[j])
                key = text[start:end] if identity else fold(text[start:end])
                j += 1
                values = table.get(key)
                if values:
                    best_end, best_values = j, values
            if best_end:
                matches.append((i, best_end, best_values))
                next_free = best_end
        return matches

    def _learn_starts(self, keys: set[str]) -> None:
        """Sort `keys` into the words a match may start at always, only when glued to the next token, or
        never; emptied first when the memory is full (`keys` is then the whole Doc's)."""
        if len(self._seen) + len(keys) > _STARTERS_CACHE_SIZE:
            self._seen.clear()
            self._starts.clear()
            self._glued_starts.clear()
        first_chars = self.first_chars  # no phrase starts with another character
        table, continues = self.table, self._continues
        for key in keys:
            if key[:1] not in first_chars:
                continue
            if key in table or (continues(key) and any(continues(key + blank) for blank in self._blanks)):
                self._starts.add(key)
            elif continues(key):
                self._glued_starts.add(key)
        self._seen |= keys
