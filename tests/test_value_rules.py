"""The trade value reader's data: typed loaders that name file and line, refuse empty lists, and let a new
currency, number word or trade word be added without touching Python."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from tradegraph.components.values.money import ValueMarker
from tradegraph.components.values.parties import value_words
from tradegraph.components.values.reader import TradeValueReader
from tradegraph.rules import RuleFileError


def _value_words():
    value_words.cache_clear()  # loaded once per process: read the rules the test wrote
    return value_words()


LOADERS = (ValueMarker, TradeValueReader, _value_words)


@pytest.fixture(autouse=True)
def _fresh_value_words():
    yield
    value_words.cache_clear()  # nothing a test wrote stays loaded


def _append(path: Path, line: str) -> int:
    """Add `line` at the end of `path`; its line number."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("name", "row", "field"),
    [
        ("currencies.tsv", "zorkmids\tzrk\tword", "code"),
        ("currencies.tsv", "Z\tZRK\tprefix\tmaybe", "needs_scale"),
        ("currencies.tsv", "zorkmids\tZRK\tword\t\tZorkland", "home"),
        ("numbers.tsv", "gazillion\tmany\tscale\tno", "value"),
        ("trade_value_words.tsv", "barter\ttrading", "flow"),
        ("amount_changes.tsv", "beyond\tmiddle", "position"),
        ("value_preposition_roles.tsv", "exports\ttowards\tbuyer", "role"),
        ("value_preposition_roles.tsv", "barter\tfor\tpartner", "flow"),
    ],
)
def test_a_bad_row_names_file_and_line(rules_copy: Path, name: str, row: str, field: str) -> None:
    line = _append(rules_copy / name, row)
    with pytest.raises(RuleFileError, match=rf"{name.replace('.', '[.]')}:{line}: {field}"):
        for loader in LOADERS:
            loader()


@pytest.mark.parametrize(
    "name",
    [
        "currencies.tsv",
        "numbers.tsv",
        "trade_value_words.tsv",
        "amount_changes.tsv",
        "words/amount_links.txt",
        "words/value_totals.txt",
        "words/value_targets.txt",
        "words/value_prepositions.txt",
        "words/value_determiners.txt",
        "words/value_modifier_words.txt",
        "words/value_clause_breaks.txt",
        "words/value_clause_marks.txt",
        "value_preposition_roles.tsv",
    ],
)
def test_an_empty_list_is_refused(rules_copy: Path, name: str) -> None:
    path = rules_copy / name
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")][:1]
    path.write_text("# emptied\n" + ("\n".join(header) + "\n" if name.endswith(".tsv") else ""), "utf-8")
    with pytest.raises(RuleFileError, match="no (rows|words)"):
        for loader in LOADERS:
            loader()


def _money(text: str) -> list[tuple[str, float, str]]:
    nlp = spacy.blank("en")
    doc = nlp(text)
    doc._.home = None
    doc = ValueMarker()(doc)
    return [(m.span.text, m.value, m.currency) for m in doc._.money]


def test_a_new_currency_and_scale_are_data(rules_copy: Path) -> None:
    assert _money("It cost 3 gazillion zorkmids.") == []
    _append(rules_copy / "currencies.tsv", "zorkmids\tZRK\tword")
    _append(rules_copy / "numbers.tsv", "gazillion\t1000000000000000\tscale\tno")
    assert _money("It cost 3 gazillion zorkmids.") == [("3 gazillion zorkmids", 3e15, "ZRK")]


def test_a_new_preposition_role_is_data(rules_copy: Path) -> None:
    """ "exports towards Y": a new preposition naming the partner, added to the rules only."""
    _append(rules_copy / "value_preposition_roles.tsv", "exports\ttowards\tpartner")
    _append(rules_copy / "words/value_prepositions.txt", "towards")
    words = _value_words()
    assert words.roles["exports"]["towards"] == "partner"
    assert "towards" in words.prepositions and words.roles["imports"]["from"] == "partner"
