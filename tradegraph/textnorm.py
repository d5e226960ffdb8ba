"""Pure string normalisation shared by the gazetteers, the look-ups and the graph: accent folding, slugs
and the scoring rules for commodity names. No tables are read here, so every module may import it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalize_commodity", "singularize", "slugify", "strip_accents"]

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_LETTER_FOLDS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ə": "a",
        "Ə": "A",
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
        "‘": "'",
        "ʿ": "'",
        "ʾ": "'",
        "`": "'",
    }
)

# Determiners and hedges that the scoring normalisation drops (corpus SCHEMA.md).
_COMMODITY_STOPWORDS = frozenset(
    {"a", "an", "the", "certain", "some", "other", "various", "such", "its", "their"}
)

_SLUG_SEPARATORS = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """'Côte d'Ivoire' -> 'Cote d'Ivoire', 'Türkiye' -> 'Turkiye', 'Şəki' -> 'Saki'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLDS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """The key every look-up uses: accents removed, case folded, apostrophes and spaces unified."""
    if text.isascii():
        return " ".join(text.casefold().split())
    return " ".join(strip_accents(text).casefold().split())


def slugify(text: str) -> str:
    """'Nur-Sultan' -> 'nur-sultan', "Côte d'Ivoire" -> 'cote-d-ivoire'."""
    return _SLUG_SEPARATORS.sub("-", strip_accents(text).lower()).strip("-")


def singularize(word: str) -> str:
    """The scoring rule: ies->y; ches/shes/sses/xes drop 'es'; a final s goes unless after ss/us/is."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalize_commodity(text: str) -> str:
    """Lower case, accent-free, hyphens to spaces, determiners and hedges dropped, each word singular."""
    words = strip_accents(text).lower().replace("-", " ").split()
    return " ".join(singularize(word) for word in words if word not in _COMMODITY_STOPWORDS)
