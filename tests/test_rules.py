"""The typed loaders of rules/: a bad row names file and line; an empty list is an error, not a silent rule
switched off."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from tradegraph.rules import RuleFileError, load_jsonl, load_tsv, load_words


class Row(BaseModel):
    word: str
    count: int


@pytest.fixture
def rules(tmp_path, monkeypatch):
    monkeypatch.setenv("TRADEGRAPH_RULES", str(tmp_path))
    (tmp_path / "words").mkdir()
    return tmp_path


def test_tsv_rows_are_validated_and_a_bad_row_names_its_line(rules):
    (rules / "t.tsv").write_text("# comment\nword\tcount\nwheat\t3\nbarley\tmany\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"t\.tsv:4: count:"):
        load_tsv("t.tsv", Row)
    (rules / "t.tsv").write_text("word\tcount\nwheat\t3\n", encoding="utf-8")
    assert load_tsv("t.tsv", Row) == [Row(word="wheat", count=3)]


def test_jsonl_rows_are_validated_and_a_bad_row_names_its_line(rules):
    (rules / "r.jsonl").write_text(
        '// c\n{"word": "tea", "count": 1}\n\n{"word": "rice"}\n', encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match=r"r\.jsonl:4: count:"):
        load_jsonl("r.jsonl", Row)
    (rules / "r.jsonl").write_text('{"word": "tea", "count": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"r\.jsonl:2: invalid JSON"):
        load_jsonl("r.jsonl", Row)


@pytest.mark.parametrize(
    ("name", "content", "loader"),
    [
        ("empty.tsv", "", lambda name: load_tsv(name, Row)),
        ("header-only.tsv", "# only a header\nword\tcount\n", lambda name: load_tsv(name, Row)),
        ("empty.jsonl", "// nothing but comments\n\n", lambda name: load_jsonl(name, Row)),
        ("words/empty.txt", "# a list whose words were all deleted\n\n", load_words),
    ],
)
def test_an_empty_rules_file_is_an_error(rules, name, content, loader):
    (rules / name).write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError, match="no rows|no words|empty file"):
        loader(name)


def test_word_lists_are_lower_cased_and_read_from_the_rules_directory_in_use(rules, tmp_path_factory):
    (rules / "words" / "w.txt").write_text("# comment\nWheat\n barley \n", encoding="utf-8")
    assert load_words("words/w.txt") == {"wheat", "barley"}
    other = tmp_path_factory.mktemp("other")
    (other / "words").mkdir()
    (other / "words" / "w.txt").write_text("rice\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRADEGRAPH_RULES", str(other))
        assert load_words("words/w.txt") == {"rice"}


def test_a_missing_rules_file_is_named(rules):
    with pytest.raises(RuleFileError, match="rules file not found"):
        load_words("words/none.txt")


def test_an_unresolved_merge_in_a_word_list_names_its_line(rules):
    (rules / "words" / "m.txt").write_text(
        "# nouns\n<<<<<<< HEAD\ncountry\n=======\nnation\n>>>>>>> main\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match=r"m\.txt:2: unresolved merge conflict marker"):
        load_words("words/m.txt")


def test_every_shipped_word_list_loads():
    from tradegraph.rules import rules_dir

    names = sorted(p.relative_to(rules_dir()).as_posix() for p in (rules_dir() / "words").glob("*.txt"))
    assert names
    for name in names:
        assert load_words(name), name
