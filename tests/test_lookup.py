"""PhraseIndex.find: longest phrases first from left to right, never overlapping, never across a line break or
a whitespace token, never starting at punctuation; folded keys for a folding index. Checked against the
plain token-by-token reading on generated texts."""

from __future__ import annotations

import random

import pytest
import spacy

from tradegraph.components.lookup import PhraseIndex

PHRASES = ["New Zealand", "New", "South Africa", "South Sudan", "Sudan", "Côte d'Ivoire", "Guinea",
           "Guinea-Bissau", "Papua New Guinea", "iron ore", "ore", "U.S.", "crude oil", "oil"]  # fmt: skip
WORDS = ["New", "new", "Zealand", "South", "SOUTH", "Africa", "Sudan", "Côte", "d'Ivoire", "Guinea", "-",
         "Bissau", "Papua", "iron", "ore", "crude", "oil", "U.S.", ",", "and", "the"]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "\n", " \n "]


def _reference(index: PhraseIndex, doc) -> list[tuple[int, int, list]]:
    """Every token tried in turn, each phrase grown one token at a time while a longer one may follow."""
    text = doc.text
    matches, i = [], 0
    while i < len(doc):
        if doc[i].is_space or doc[i].is_punct:
            i += 1
            continue
        best = None
        for j in range(i + 1, len(doc) + 1):
            if j > i + 1 and (
                doc[j - 1].is_space or "\n" in text[doc[j - 2].idx + len(doc[j - 2]) : doc[j - 1].idx]
            ):
                break
            values = index.get(text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1])])
            if values:
                best = (i, j, values)
        if best is None:
            i += 1
        else:
            matches.append(best)
            i = best[1]
    return matches


@pytest.mark.parametrize("fold", [str, str.lower])
def test_find_reads_what_the_token_by_token_reading_reads(fold) -> None:
    index = PhraseIndex(((phrase, phrase.upper()) for phrase in PHRASES), fold=fold)
    nlp = spacy.blank("en")
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(0, 12)))
        doc = nlp(text)
        assert index.find(doc) == _reference(index, doc), text


def test_a_start_can_be_refused() -> None:
    index = PhraseIndex([("South Africa", "ZAF"), ("Africa", "continent")])
    doc = spacy.blank("en")("South Africa and Africa")
    assert [(s, e, v) for s, e, v in index.find(doc)] == [(0, 2, ["ZAF"]), (3, 4, ["continent"])]
    assert index.find(doc, start_ok=lambda i: i != 0) == [(1, 2, ["continent"]), (3, 4, ["continent"])]


@pytest.mark.parametrize("extra", ["İstanbul", "ΣΑΣ", "Ödeme"])
def test_a_folding_index_reads_texts_whose_lower_case_changes_length_or_context(extra: str) -> None:
    # 'İ' lowers to two characters and final 'Σ' depends on the next letter: the token's own lower case
    # then differs from its slice of the lowered text, and find() folds each slice instead.
    index = PhraseIndex(((phrase, phrase.upper()) for phrase in PHRASES), fold=str.lower)
    nlp = spacy.blank("en")
    rng = random.Random(5)
    for _ in range(100):
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 10))]
        words.insert(rng.randint(0, len(words)), extra)
        doc = nlp(" ".join(words))
        assert index.find(doc) == _reference(index, doc), doc.text


def test_answers_remembered_across_docs_stay_right_when_the_memory_is_emptied(monkeypatch) -> None:
    import tradegraph.components.lookup as lookup

    monkeypatch.setattr(lookup, "_STARTERS_CACHE_SIZE", 4)  # emptied every few Docs
    index = PhraseIndex(((phrase, phrase.upper()) for phrase in PHRASES), fold=str.lower)
    nlp = spacy.blank("en")
    rng = random.Random(7)
    most_words = 0  # the memory holds at most the limit, or one Doc's distinct words when those exceed it
    for _ in range(200):
        doc = nlp(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))))
        assert index.find(doc) == _reference(index, doc), doc.text
        most_words = max(most_words, len({token.lower_ for token in doc}))
        assert len(index._seen) <= max(4, most_words)


@pytest.mark.parametrize("fold", [str, str.lower])
def test_a_word_that_only_begins_phrases_without_a_blank_starts_a_match_only_when_glued(fold) -> None:
    # "Guinea" and "the" are no phrase here and no phrase goes on from them with a blank: a match may start
    # at them only where the next token follows with no blank ("Guinea-Bissau", not "Guinea Bissau").
    phrases = ["Guinea-Bissau", "theobromine", "U.S.-made", "crude oil", "Papua New Guinea"]
    words = ["Guinea", "-", "Bissau", "the", "obromine", "U.S.", "made", "crude", "oil", "Papua", "New", "THE",
             "Guinea-Bissau", "U.S.-made", "theobromine"]  # fmt: skip
    index = PhraseIndex(((phrase, phrase.upper()) for phrase in phrases), fold=fold)
    nlp = spacy.blank("en")
    rng = random.Random(11)
    found = 0
    for _ in range(400):
        text = "".join(
            rng.choice(words) + rng.choice(["", "", " ", " ", "\n"]) for _ in range(rng.randint(1, 9))
        )
        doc = nlp(text)
        matches = index.find(doc)
        assert matches == _reference(index, doc), text
        found += sum(1 for _, _, values in matches if values == ["GUINEA-BISSAU"])
    assert found  # the glued shape did occur
    doc = nlp("Guinea Bissau and Guinea-Bissau")
    assert [(s, e) for s, e, _ in index.find(doc)] == [(3, 6)]
