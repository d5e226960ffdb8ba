"""tg_sentencizer sets the sentence starts spaCy's rule sentencizer sets, keeping the starts tg_line_breaks
decided before it, on ordinary, odd and non-Latin punctuation."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.pipeline import Sentencizer as SpacySentencizer

from tradegraph.components.sentences import LineBreaks, Sentencizer

TEXTS = [
    "Kazakhstan exported wheat. Iran bought it! Did Turkey? Yes...",
    'He said: "Exports rose." Then (after talks) they met.',
    "Headline without a stop\nThe body starts here. U.S. exports fell.",
    "中国出口了大豆。美国进口了。",
    "",
    "...",
]


def _starts(doc) -> list[int]:
    return doc.to_array("SENT_START").tolist()


@pytest.mark.parametrize("line_breaks", [False, True])
def test_the_sentence_starts_are_spacys(line_breaks: bool) -> None:
    nlp = spacy.blank("en")
    rng = random.Random(5)
    pieces = ["a", "B", " ", ".", "!", "?", "...", "\n", '"', ")", "(", "。", "-", "Mr.", ",", "\n\n", "؟"]
    texts = TEXTS + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(500)]
    for text in texts:
        ours, spacys = nlp.make_doc(text), nlp.make_doc(text)
        if line_breaks:
            ours, spacys = LineBreaks()(ours), LineBreaks()(spacys)
        assert _starts(Sentencizer()(ours)) == _starts(SpacySentencizer()(spacys)), text
