"""Persons' names next to a title: capitalised words, particles ("al-Sisi", "bin", "van", "de"), hyphenated
parts, three-part names, a word of address before them ("Dr.", "Mr") left out; and the key that makes later
mentions ("President Museveni", "Mr Ronarong") one person with the first.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Span

from tradegraph.components.base import DocTokens, SpanRow
from tradegraph.rules import load_nonempty_words

MAX_NAME_TOKENS = 5
MAX_BREAK_NEWLINES = 2  # a name wrapped onto the next line of hard-wrapped text


def _script(char: str) -> str:
    """The Unicode script word of a letter ("LATIN", "CYRILLIC", "CJK", ...)."""
    try:
        return unicodedata.name(char).split()[0]
    except ValueError:
        return ""


def clean_name_part(text: str) -> str:
    """A name word up to the first letter of another script: mis-decoded text glues bytes of another
    encoding to a name ("Boric鈥檚" for "Boric's")."""
    if text.isascii():
        return text  # every ASCII letter is Latin
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text
    script = _script(letters[0])
    for k, char in enumerate(text):
        if char.isalpha() and _script(char) != script:
            return text[:k].rstrip("'’-")
    return text


def surname_key(name: str) -> str:
    """The last word of a name, accents removed and lower-cased: how mentions of one person are matched."""
    words = name.split()
    last = words[-1] if words else name
    folded = unicodedata.normalize("NFKD", last)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


class NameReader:
    """Reads a person's name at a token position. `taken` marks tokens of countries, places and organisations,
    `heads` tokens of title heads: neither starts a name, though a place-like word inside one may
    ("Nursultan Nazarbayev")."""

    def __init__(self) -> None:
        self.not_name = load_nonempty_words("words/not_name_words.txt")
        self.particles = load_nonempty_words("words/person_particles.txt")
        self.org_keywords = load_nonempty_words("words/organization_keywords.txt")
        self.honorifics = load_nonempty_words("words/name_honorifics.txt")
        self.name_like = load_nonempty_words("words/name_like_words.txt")
        self.hyphen_suffixes = load_nonempty_words("words/hyphen_suffixes.txt")

    def is_honorific(self, tokens: DocTokens, i: int) -> int:
        """The number of tokens of a word of address at i ("Dr.", "Dr" "."), else 0."""
        if i >= len(tokens):
            return 0
        word = tokens.lowers[i].rstrip(".")
        if word not in self.honorifics:
            return 0
        if tokens.lowers[i] == word and i + 1 < len(tokens) and tokens.flags.text[i + 1] == ".":
            return 2
        return 1

    def _is_word(
        self, tokens: DocTokens, i: int, taken: dict[int, SpanRow], heads: set[int], soft: bool = False
    ) -> bool:
        flags = tokens.flags
        if i in taken and soft and _is_place_like(taken[i]):
            taken = {}
        if i in heads and soft and i + 1 < len(tokens) and flags.text[i + 1] == "-":
            heads = set()  # "Amir-Abdollahian": a title word inside a hyphenated name
        lower = tokens.lowers[i]
        if i in taken or i in heads or lower in self.not_name or lower in self.org_keywords:
            return False
        if lower.rstrip(".") in self.honorifics:
            return False
        return bool(flags.is_title[i] or (flags.is_alpha[i] and flags.is_upper[i] and len(flags.text[i]) > 2))

    def _line_break_at(self, tokens: DocTokens, i: int) -> bool:
        """A space token holding a line break or two, as hard-wrapped text has inside its sentences."""
        flags = tokens.flags
        return bool(flags.is_space[i]) and 0 < flags.text[i].count("\n") <= MAX_BREAK_NEWLINES

    def at(self, tokens: DocTokens, start: int, taken: dict[int, SpanRow], heads: set[int]) -> Span | None:
        """The name starting at `start`, or None."""
        n = len(tokens)
        lowers, texts, is_title = tokens.lowers, tokens.flags.text, tokens.flags.is_title
        end = start
        words = 0
        while end < n and words < MAX_NAME_TOKENS:
            if self._is_word(tokens, end, taken, heads) or (
                # A word that is also a place inside a name: "Nursultan Nazarbayev", "Carlos Mendoza".
                self._is_word(tokens, end, taken, heads, soft=True)
                and (end > start or (end + 1 < n and self._is_word(tokens, end + 1, taken, heads)))
            ):
                end += 1
                words += 1
                if clean_name_part(texts[end - 1]) != texts[end - 1]:
                    break  # the rest of the token is mis-decoded text: the name ends in it
            elif (
                end > start and texts[end] == "-" and end + 1 < n and self._name_after_hyphen(tokens, end + 1)
            ):
                end += 2  # "Okonjo-Iweala", "Duk-geun"
            elif self._name_like_at(tokens, end, start, taken, heads):
                end += 1  # "Liu He", "He Lifeng"
                words += 1
            elif (
                end > start
                and lowers[end] in self.particles
                and end + 2 < n
                and texts[end + 1] == "-"
                and is_title[end + 2]
            ):
                end += 3  # "Abdel Fattah al-Sisi"
                words += 1
            elif (
                end > start
                and lowers[end] in self.particles
                and end + 1 < n
                and (is_title[end + 1] or lowers[end + 1] in self.particles)
            ):
                end += 1  # "van der Berg", "bin Salman"
            elif (
                end > start
                and self._line_break_at(tokens, end)
                and end + 1 < n
                and self._is_word(tokens, end + 1, taken, heads)
                and texts[end - 1][-1:].isalpha()
            ):
                end += 1  # "Kanze\nDena": the name goes on on the next line
            else:
                break
        if end == start or lowers[end - 1] in self.particles:
            return None
        return Span(tokens.doc, start, end, label="PERSON")

    def _name_after_hyphen(self, tokens: DocTokens, i: int) -> bool:
        flags = tokens.flags
        if flags.is_title[i]:
            return True
        return bool(flags.is_lower[i] and flags.is_alpha[i]) and tokens.lowers[i] not in self.hyphen_suffixes

    def _name_like_at(
        self, tokens: DocTokens, i: int, start: int, taken: dict[int, SpanRow], heads: set[int]
    ) -> bool:
        """'He' in "Liu He" or "He Lifeng": a function word capitalised inside a sentence, next to a name word."""
        if (
            tokens.lowers[i] not in self.name_like
            or not tokens.flags.is_title[i]
            or i in tokens.sentence_starts
        ):
            return False
        if i > start:
            return True
        return i + 1 < len(tokens) and self._is_word(tokens, i + 1, taken, heads)

    def after(self, tokens: DocTokens, i: int, taken: dict[int, SpanRow], heads: set[int]) -> Span | None:
        """The name after a title phrase ending at i: after a comma and a word of address, if any."""
        n = len(tokens)
        if i < n and tokens.flags.text[i] == ",":
            i += 1
        i += self.is_honorific(tokens, i)
        return self.at(tokens, i, taken, heads) if i < n else None

    def before(self, tokens: DocTokens, end: int, taken: dict[int, SpanRow], heads: set[int]) -> Span | None:
        """The name that ends at token `end` (exclusive), read leftwards, without a word of address."""
        start = end
        while start > 0 and end - start < MAX_NAME_TOKENS + 2:
            prev = start - 1
            if self._is_word(tokens, prev, taken, heads, soft=True) or (
                start < end and (tokens.flags.text[prev] == "-" or tokens.lowers[prev] in self.particles)
            ):
                start -= 1
            else:
                break
        if start == end:
            return None
        return self.at(tokens, start, taken, heads)

    def name_text(self, tokens: DocTokens, span: Span) -> str:
        """The name as written, line breaks made spaces and mis-decoded tails cut."""
        parts: list[str] = []
        texts, flags = tokens.flags.text, tokens.flags
        for i in range(span.start, span.end):
            if flags.is_space[i]:
                continue
            text = clean_name_part(texts[i])
            joined = bool(parts) and (
                texts[i] == "-" or parts[-1].endswith("-") or not _space_before(tokens, i)
            )
            if joined:
                parts[-1] += text
            else:
                parts.append(text)
        return " ".join(parts)


def _space_before(tokens: DocTokens, i: int) -> bool:
    """Whitespace (or a space token) between token i and the one before it."""
    flags = tokens.flags
    return i > 0 and (bool(flags.is_space[i - 1]) or flags.idx[i] > flags.idx[i - 1] + len(flags.text[i - 1]))


def _is_place_like(span: SpanRow) -> bool:
    return span.label_ in {"city", "port", "region"} or span.kb_id_ == "capital"
