"""What the pipeline reads of a document's text, and the way back to the text as read.

Two steps stand between `Document.text` and spaCy, and both keep a map back, so that evidence offsets index
the text exactly as it was read:

- hygiene (`clean_text`): CRLF and lone CR line ends, and the other line and paragraph separators, become
  "\\n"; Unicode spaces (no-break, thin, ideographic …) become " "; invisible format characters (zero-width
  space and joiners, soft hyphen, word joiner, a byte order mark inside the text, bidirectional marks) are
  dropped, so that they never end up inside a name or keep a word from being recognised;
- splitting (`split_text`): text longer than a budget is cut into pieces at paragraph bounds, else at line
  ends, else after sentence ends, else at spaces, so that each piece is processed in bounded time and memory
  and a long document costs time linear in its length.

Both are pure functions of the text and run in one pass over it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

__all__ = ["CleanText", "Piece", "clean_text", "split_text"]

_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
# Unicode space separators other than the ASCII space (spaCy splits tokens on " " only).
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Unicode format characters (category Cf) that occur in running text: invisible, and never part of a word.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
_CHANGES = re.compile(rf"(?P<crlf>\r\n)|(?P<line>[{_LINE_BREAKS}])|(?P<space>[{_SPACES}])|[{_INVISIBLE}]+")
_REPLACEMENTS = {"crlf": "\n", "line": "\n", "space": " ", None: ""}


class CleanText:
    """The text the pipeline reads, with the map from its offsets back to the text as read."""

    __slots__ = ("_shifts", "_starts", "raw", "text")

    def __init__(self, raw: str, text: str, starts: list[int], shifts: list[int]) -> None:
        self.raw = raw
        self.text = text
        # From clean offset starts[k] on (up to starts[k + 1]), the raw offset is the clean one + shifts[k].
        self._starts = starts
        self._shifts = shifts

    @property
    def identical(self) -> bool:
        """True when nothing was changed: offsets map to themselves."""
        return self.text is self.raw

    def raw_start(self, offset: int) -> int:
        """The offset in the text as read of the character at clean `offset` (a span's start)."""
        if len(self._starts) == 1:
            return offset
        return offset + self._shifts[bisect_right(self._starts, offset) - 1]

    def raw_end(self, offset: int) -> int:
        """The offset in the text as read just after the clean character before `offset` (a span's end):
        invisible characters dropped right after a span stay outside it."""
        if offset <= 0:
            return 0
        return self.raw_start(offset - 1) + 1


def clean_text(raw: str) -> CleanText:
    """The text as the pipeline should read it (see the module docstring) and the way back to `raw`."""
    if _CHANGES.search(raw) is None:
        return CleanText(raw, raw, [0], [0])
    parts: list[str] = []
    starts, shifts = [0], [0]
    clean_length = 0  # of the clean text written so far
    position = 0  # in `raw`
    for match in _CHANGES.finditer(raw):
        kept = raw[position : match.start()]
        parts.append(kept)
        clean_length += len(kept)
        replacement = _REPLACEMENTS[match.lastgroup]
        if len(replacement) < len(match.group()):
            # The clean character at `clean_length` on (the "\n" of a CRLF, or the one after dropped
            # characters) stands for the raw one this far ahead.
            starts.append(clean_length)
            shifts.append(match.end() - len(replacement) - clean_length)
        parts.append(replacement)
        clean_length += len(replacement)
        position = match.end()
    parts.append(raw[position:])
    return CleanText(raw, "".join(parts), starts, shifts)


class Piece(NamedTuple):
    """A piece of a long text and where it starts in that text."""

    start: int
    text: str


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_WHITESPACE = re.compile(r"\s+")
_BREAKS = (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_END, _WHITESPACE)


def split_text(text: str, budget: int) -> list[Piece]:
    """`text` in pieces of at most `budget` characters, cut at the best bound in the second half of each
    budget: a paragraph break, else a line end, else a sentence end, else a space (a piece ends with the
    whitespace after its bound); text without any of them is cut at the budget. A text within the budget
    is one piece."""
    if budget < 2:
        raise ValueError("budget must be at least 2 characters")
    pieces: list[Piece] = []
    start = 0
    while len(text) - start > budget:
        low, high = start + budget // 2, start + budget
        cut = high
        for pattern in _BREAKS:
            last = None
            for last in pattern.finditer(text, low, high):  # noqa: B007  (the last match is wanted)
                pass
            if last is not None:
                cut = last.end()
                break
        pieces.append(Piece(start, text[start:cut]))
        start = cut
    pieces.append(Piece(start, text[start:]))
    return pieces
