"""The pattern engine of the trade-flow constructions: spaCy Matcher syntax over a Doc's token table."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tradegraph.components.flows.patterns import PatternError, TokenTable, compile_pattern


@pytest.fixture(scope="module")
def table():
    doc = spacy.blank("en")("Kenya sells tea , coffee and sugar to Uganda and Rwanda .")
    party = ["country", "", "", "", "", "", "", "", "country", "", "country", ""]
    prep = ["", "", "", "", "", "", "", "to", "to", "to", "to", ""]
    return TokenTable(doc, {"party": party, "prep": prep})


def spans(table, pattern, start=0, end=None):
    return [
        (m.start, m.end)
        for m in compile_pattern(pattern).find(table, start, table.length if end is None else end)
    ]


def test_words_marks_and_predicates(table):
    assert spans(table, [{"LOWER": "sells"}, {}]) == [(1, 3)]
    assert spans(table, [{"_": {"party": "country"}}]) == [(0, 1), (8, 9), (10, 11)]
    assert spans(table, [{"LOWER": {"IN": ["tea", "sugar"]}}]) == [(2, 3), (6, 7)]
    assert spans(table, [{"LOWER": "to"}, {"_": {"party": {"NOT_IN": [""]}}}]) == [(7, 9)]
    assert spans(table, [{"ORTH": "Kenya"}, {"LOWER": {"REGEX": "^sel"}}]) == [(0, 2)]
    assert spans(table, [{"LOWER": "tea"}, {"LENGTH": {">=": 2}}]) == []  # "," has length 1


def test_operators(table):
    # "+" starts where its run starts; each (start, end) once
    assert spans(table, [{"_": {"prep": "to"}, "OP": "+"}]) == [(7, 8), (7, 9), (7, 10), (7, 11)]
    assert spans(table, [{"LOWER": "tea"}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": "coffee"}]) == [(2, 5)]
    assert spans(table, [{"LOWER": "sells"}, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": "to"}]) == []
    assert spans(table, [{"LOWER": "and"}, {"IS_TITLE": True, "OP": "*"}]) == [(5, 6), (9, 10), (9, 11)]


def test_a_window_bounds_the_matches(table):
    assert spans(table, [{"_": {"party": "country"}}], 1, 9) == [(8, 9)]


def test_matching_outward_from_a_fixed_token(table):
    pattern = compile_pattern([{"_": {"party": "country"}}, {"LOWER": "sells"}, {"LOWER": "tea"}])
    assert [(m.start, m.end, m.alignment) for m in pattern.find_at(table, 1, 1, 2, (0, 12))] == [
        (0, 3, (0, 1, 2))
    ]
    assert pattern.find_at(table, 1, 2, 3, (0, 12)) == []  # "tea" is not "sells"
    assert pattern.find_at(table, 1, 1, 2, (1, 12)) == []  # the country lies outside the window


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ([], "empty pattern"),
        ([{"LOWER": "a", "OP": "!"}], "operator"),
        ([{"LOWER": "a", "OP": "*"}], "cannot be optional"),
        ([{"POS": "NOUN"}], "not supported"),
        ([{"LOWER": {"FUZZY": "a"}}], "predicate"),
    ],
)
def test_what_the_engine_does_not_evaluate_is_refused(pattern, message):
    with pytest.raises(PatternError, match=message):
        compile_pattern(pattern)


def test_tokens_a_pattern_needs_and_where_they_occur(table):
    pattern = compile_pattern(
        [
            {"_": {"party": "country"}},
            {"LOWER": {"IN": ["sells", "buys"]}},
            {"IS_ALPHA": True, "OP": "*"},  # names no word: needs nothing
            {"LOWER": "to", "OP": "?"},  # optional: needs nothing
            {"_": {"prep": "to"}, "OP": "+"},
        ]
    )
    assert pattern.required == (
        (0, "_.party", frozenset({"country"})),
        (1, "LOWER", frozenset({"sells", "buys"})),
        (4, "_.prep", frozenset({"to"})),
    )
    assert table.occurs("LOWER", frozenset({"sells", "buys"}), 0, 2)
    assert not table.occurs("LOWER", frozenset({"sells", "buys"}), 2, 12)
    assert table.occurs("_.party", frozenset({"country"}), 1, 9)  # Uganda, token 8
    assert not table.occurs("_.party", frozenset({"country"}), 1, 8)
    assert not table.occurs("LOWER", frozenset({"rice"}), 0, 12)


def test_a_mark_indexed_on_its_marked_tokens_only_never_rules_out_its_default():
    doc = spacy.blank("en")("Kenya sells tea to Uganda .")
    party = ["country", "", "", "", "country", ""]
    table = TokenTable(doc).with_marks({"party": party}, {"party": [0, 4]})
    assert table.occurs("_.party", frozenset({""}), 1, 4)  # unmarked tokens hold the default
    assert table.occurs("_.party", frozenset({"country"}), 1, 5)
    assert not table.occurs("_.party", frozenset({"country"}), 1, 4)
    # the engine agrees: a pattern needing the default after a country is still found
    pattern = compile_pattern([{"_": {"party": "country"}}, {"_": {"party": ""}, "OP": "+"}])
    assert [(m.start, m.end) for m in pattern.find(table, 0, 6)][:1] == [(0, 2)]


def test_a_sentence_is_searched_as_the_whole_doc_would_be():
    """Constructions without a trade-word token are matched per sentence (frames.py); a sentence's search
    with runs_from=0 gives the whole Doc's matches that start in it, also when a repeated first token runs
    on over the sentence start (its run, and so its matches, begin in the sentence before)."""
    words = ["tea", "to", "Uganda", "Rwanda", "Kenya", "buys", "tea", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * 3 + [True] + [False] * 3)
    table = TokenTable(doc, {"prep": ["", "to", "to", "to", "to", "", "", ""]})
    run = compile_pattern([{"_": {"prep": "to"}, "OP": "+"}])
    whole = run.find(table, 0, len(doc))
    assert [(m.start, m.end) for m in whole] == [(1, 2), (1, 3), (1, 4)]  # a match stays in its sentence
    assert run.find(table, 4, len(doc), runs_from=0) == [m for m in whole if m.start >= 4] == []
    assert [(m.start, m.end) for m in run.find(table, 4, len(doc))] == [(4, 5)]  # the run looked at from 4
    word = compile_pattern([{"LOWER": "tea"}, {"IS_PUNCT": True}])
    assert [(m.start, m.end) for m in word.find(table, 4, len(doc), runs_from=0)] == [(6, 8)]
    assert word.find(table, 0, 4) == []  # the rest of the pattern is nowhere in the range


def test_the_tokens_holding_a_set_of_values():
    doc = spacy.blank("en")("Kenya sells tea and Uganda buys tea .")
    table = TokenTable(doc)
    assert table.holding("LOWER", frozenset({"tea", "kenya", "coffee"})) == [0, 2, 6]
    assert table.holding("LOWER", frozenset({"coffee"})) == []
    assert table.occurs("LOWER", frozenset({"buys"}), 4, 6)
    assert not table.occurs("LOWER", frozenset({"buys"}), 0, 5)
