"""wordregex.alternation: a trie-shaped pattern that matches what the flat longest-first alternation of the
same forms matches, at the same place and with the same length."""

from __future__ import annotations

import random
import re

import pytest

from tradegraph.wordregex import alternation

FORMS = ["sep", "sept", "september", "s", "Rs", "Rs.", "rs", "US$", "U.S.$", "$", "a thousand", "a", "ten"]


def _flat(forms: list[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))


@pytest.mark.parametrize("fold", [False, True])
def test_the_trie_matches_what_the_flat_alternation_matches(fold: bool) -> None:
    flags = re.I if fold else 0
    trie = re.compile(rf"(?:{alternation(FORMS, fold=fold)})(?P<after>\w*)", flags)
    flat = re.compile(rf"(?:{_flat(FORMS)})(?P<after>\w*)", flags)
    rng = random.Random(7)
    pieces = ["sep", "t", "ember", "Rs", ".", "rs", "RS", "US", "$", "U.S.", " ", "a", "thousand", "ten", "x"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert [m.group(0, "after") for m in trie.finditer(text)] == [
            m.group(0, "after") for m in flat.finditer(text)
        ], text


def test_a_longer_form_is_tried_before_a_shorter_one_it_starts_with() -> None:
    pattern = re.compile(alternation(["sep", "september", "sept"]), re.I)
    assert pattern.match("September 2024").group() == "September"
    assert pattern.match("Sept. 4").group() == "Sept"
    assert pattern.match("Sep 4").group() == "Sep"
    assert pattern.match("Se") is None


def test_no_forms_match_only_the_empty_string() -> None:
    assert re.fullmatch(alternation([]), "")
    assert re.fullmatch(alternation(["a", ""]), "")
