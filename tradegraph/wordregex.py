"""Regular expressions built from word lists (rules/): an alternation of many written forms as one pattern."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(forms: Iterable[str], fold: bool = True) -> str:
    """A pattern matching each of `forms`, longest first, written as a trie ("t(?:en|hree|wo)"): Python's
    re tries the alternatives of a flat "ten|three|two" one by one at every candidate position, while a trie
    branches on one character at a time. A longer form is tried before a shorter one it starts with, as in
    a longest-first alternation. `fold`: the forms are lower-cased, for a pattern read case-insensitively
    (two forms differing in case then cannot be tried in another order than longest first)."""
    root: dict[str, dict] = {}
    for form in forms:
        node = root
        for char in form.lower() if fold else form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here
    return _trie(root)


def _trie(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a form ends here: the longer ones first, then this one
        return f"(?:{body})?"
    return body
