"""The title grammar's data: typed loaders that name file and line, refuse empty tables, and let a new title,
qualifier or kind of body be added without touching Python."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from tradegraph.components.titles import TitleReader
from tradegraph.pipeline import build_pipeline
from tradegraph.rules import RuleFileError


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "row", "field"),
    [
        ("titles.tsv", "grand vizier\tvizier\tofficial\thead", "role_class"),
        ("title_bodies.tsv", "guild\tsecret", "kind"),
        ("title_country_codes.tsv", "RX\tArmenia", "iso3"),
    ],
)
def test_a_bad_row_names_file_and_line(rules_copy: Path, name: str, row: str, field: str) -> None:
    path = rules_copy / name
    _append(path, row)
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(RuleFileError, match=rf"{name.replace('.', '[.]')}:{line}: {field}"):
        TitleReader(spacy.blank("en"))


@pytest.mark.parametrize(
    "name", ["titles.tsv", "title_qualifiers.tsv", "title_country_codes.tsv", "words/speech_verbs.txt"]
)
def test_an_empty_table_is_refused(rules_copy: Path, name: str) -> None:
    path = rules_copy / name
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")][:1]
    path.write_text("# emptied\n" + ("\n".join(header) + "\n" if name.endswith(".tsv") else ""), "utf-8")
    with pytest.raises(RuleFileError, match="no (rows|words)"):
        TitleReader(spacy.blank("en"))


def test_a_link_word_without_a_reading_is_refused(rules_copy: Path) -> None:
    _append(rules_copy / "words" / "title_links.txt", "beside")
    with pytest.raises(RuleFileError, match="title_links"):
        TitleReader(spacy.blank("en"))


def _officials(text: str) -> set[tuple[str, str, str | None]]:
    doc = build_pipeline()(text)
    return {(o.name, o.role_class, o.country) for o in doc._.officials}


def test_a_new_kind_of_body_is_data(rules_copy: Path) -> None:
    text = "Coffee Institute director Rosa Pinto said Brazil exports coffee."
    assert _officials(text) == set()  # an institute is no body the table knows: its director is nobody's
    _append(rules_copy / "title_bodies.tsv", "institute\tstate")
    assert _officials(text) == {("Rosa Pinto", "official", "BRA")}


def test_a_new_title_is_data(rules_copy: Path) -> None:
    text = "Intendant Pedro Silva of Montevideo said Uruguay exports beef."
    assert _officials(text) == set()
    _append(rules_copy / "titles.tsv", "intendant\tgovernor\tgovernor\tgovernor")
    assert _officials(text) == {("Pedro Silva", "governor", "URY")}
