"""What the pipeline reads of a document's text, and the way back to the text as read.

Two steps stand between `Document.text` and spaCy, and both keep a map back, so that evidence offsets index
the text exactly as it was read:

- repair (in `clean_text`): mojibake, UTF-8 text that was read in another encoding, is decoded again where
  it can be recognised: as cp1252 or Latin-1 ("â€™" for "’", "Ã©" for "é"; judged and fixed by ftfy, run
  by run) or as GBK ("鈥檚" for "’s", "caf茅" for "café": punctuation, and Chinese characters written
  against Latin letters); the repaired text maps back to the whole run as read;
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
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["CleanText", "Piece", "clean_text", "split_text"]

_LINE_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"
# Unicode space separators other than the ASCII space (spaCy splits tokens on " " only).
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Unicode format characters (category Cf) that occur in running text: invisible, and never part of a word.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
_CHANGES = re.compile(rf"(?P<crlf>\r\n)|(?P<line>[{_LINE_BREAKS}])|(?P<space>[{_SPACES}])|[{_INVISIBLE}]+")
_REPLACEMENTS = {"crlf": "\n", "line": "\n", "space": " ", None: ""}

# UTF-8 read as cp1252 or Latin-1: a lead byte 0xC2-0xF4 (as the letter it is in Latin-1: "Â" … "ô") and
# continuation bytes 0x80-0xBF (as cp1252 has them, "€" "™" "’", or as Latin-1 C1 controls and signs).
_CONTINUATIONS = "".join(
    sorted(
        {chr(byte) for byte in range(0x80, 0xC0)}
        | {bytes([byte]).decode("cp1252", "ignore") for byte in range(0x80, 0xC0)}
    )
)
# UTF-8 read as GBK: a Latin letter's two bytes make one Chinese character ("é" as "茅"), told from Chinese
# by the Latin letters it is written against ("caf茅"); E2 80, the lead of the General Punctuation block
# (quotes, dashes, ellipsis, bullets), is "鈥", and its third byte and the next character's (mostly an ASCII
# letter or sign) make one more character ("鈥檚" for "’s").
_GBK_PUNCTUATION_LEAD = "\u9225"
_HAN = "\u4e00-\u9fff"
_MOJIBAKE = re.compile(
    rf"(?:[\u00c2-\u00f4][{re.escape(_CONTINUATIONS)}]+)+|{_GBK_PUNCTUATION_LEAD}[^\x00-\x7f\s]|[{_HAN}]+"
)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


class CleanText:
    """The text the pipeline reads, with the map from its offsets back to the text as read."""

    __slots__ = ("_end_shifts", "_shifts", "_starts", "raw", "text")

    def __init__(
        self, raw: str, text: str, starts: list[int], shifts: list[int], end_shifts: list[int] | None = None
    ) -> None:
        self.raw = raw
        self.text = text
        # From clean offset starts[k] on (up to starts[k + 1]), the raw offset is the clean one + shifts[k];
        # a span ending after a character of that stretch ends at the clean offset + end_shifts[k] as read
        # (they differ on a repaired run: its first character starts the run as read, its last ends it).
        self._starts = starts
        self._shifts = shifts
        self._end_shifts = shifts if end_shifts is None else end_shifts

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
        if len(self._starts) == 1:
            return offset
        return offset + self._end_shifts[bisect_right(self._starts, offset - 1) - 1]


def clean_text(raw: str) -> CleanText:
    """The text as the pipeline should read it (see the module docstring) and the way back to `raw`."""
    edits = list(_edits(raw))
    if not edits:
        return CleanText(raw, raw, [0], [0])
    parts: list[str] = []
    starts, shifts, end_shifts = [0], [0], [0]
    clean_length = 0  # of the clean text written so far
    position = 0  # in `raw`
    for start, end, replacement, repaired in edits:
        kept = raw[position:start]
        parts.append(kept)
        clean_length += len(kept)
        after = end - len(replacement) - clean_length  # the shift from the end of the edit on
        if repaired and replacement:
            # The repaired run's first character stands for the start of the run as read, its last for
            # the end, so that a span starting or ending there takes in the whole run.
            starts.append(clean_length)
            shifts.append(start - clean_length)
            end_shifts.append(after)
            if len(replacement) > 1:
                starts.append(clean_length + len(replacement) - 1)
                shifts.append(after)
                end_shifts.append(after)
        elif len(replacement) < end - start:
            # The clean character at `clean_length` on (the "\n" of a CRLF, or the one after dropped
            # characters) stands for the raw one this far ahead.
            starts.append(clean_length)
            shifts.append(after)
            end_shifts.append(after)
        parts.append(replacement)
        clean_length += len(replacement)
        position = end
        if starts[-1] != clean_length and shifts[-1] != after:  # the text after a repaired run
            starts.append(clean_length)
            shifts.append(after)
            end_shifts.append(after)
    parts.append(raw[position:])
    return CleanText(raw, "".join(parts), starts, shifts, end_shifts)


def _edits(raw: str) -> Iterator[tuple[int, int, str, bool]]:
    """The changes to make, in order: (start, end, replacement, whether it repairs mojibake)."""
    position = 0
    for found in _MOJIBAKE.finditer(raw) if not raw.isascii() else ():
        repaired = _repair(found.group()) if _may_be_mojibake(raw, found) else None
        if repaired is None:
            continue  # not mojibake: cleaned as any other text
        yield from _hygiene(raw, position, found.start())
        yield found.start(), found.end(), _clean_string(repaired), True
        position = found.end()
    yield from _hygiene(raw, position, len(raw))


def _may_be_mojibake(raw: str, found: re.Match[str]) -> bool:
    """Chinese characters are taken for GBK mojibake only written against a Latin letter ("caf茅")."""
    run, start, end = found.group(), found.start(), found.end()
    if not _CJK.match(run) or (run[0] == _GBK_PUNCTUATION_LEAD and len(run) == 2):
        return True
    return (start > 0 and raw[start - 1].isascii() and raw[start - 1].isalpha()) or (
        end < len(raw) and raw[end].isascii() and raw[end].isalpha()
    )


def _hygiene(raw: str, start: int, end: int) -> Iterator[tuple[int, int, str, bool]]:
    for match in _CHANGES.finditer(raw, start, end):
        yield match.start(), match.end(), _REPLACEMENTS[match.lastgroup], False


def _clean_string(text: str) -> str:
    return _CHANGES.sub(lambda match: _REPLACEMENTS[match.lastgroup], text)


def _repair(run: str) -> str | None:
    """The text a run of mojibake stands for, when it is mojibake and decodes to no longer a text; else
    None."""
    if _CJK.match(run):
        try:
            fixed = run.encode("gbk").decode("utf-8")
        except UnicodeError:
            return None
        return fixed if not _CJK.search(fixed) else None
    from ftfy import fix_encoding  # imported on the first run that looks like mojibake

    fixed = fix_encoding(run)
    return fixed if fixed != run and len(fixed) <= len(run) else None


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
