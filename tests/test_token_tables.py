"""The per-Doc token tables the rule components read instead of Token objects (components/base.py) hold
exactly what spaCy's Token attributes say, on odd whitespace, punctuation, numbers and non-ASCII text."""

from __future__ import annotations

import pytest
import spacy

from tradegraph.components.base import doc_id, evidence, has_trailing_space, token_flags, token_lowers

TEXTS = [
    "Kazakhstan exported 1.2 million tonnes of wheat to Iran in 2020.",
    "  two  spaces,\n\nthen a blank line; $5bn (+3%) and 40 % — ÉLYSÉE Türkiye’s exports",
    "U.S.-China trade: soybeans, LNG & re-exports... 10th  ",
    "one",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_token_tables_equal_the_token_attributes(text: str) -> None:
    doc = spacy.blank("en")(text)
    flags = token_flags(doc)
    assert flags.text == [t.text for t in doc]
    assert flags.idx == [t.idx for t in doc]
    for name in ("is_title", "is_upper", "is_alpha", "is_lower", "is_space", "is_punct", "is_digit"):
        assert getattr(flags, name) == [int(getattr(t, name)) for t in doc], name
    for name in ("is_ascii", "is_currency", "like_num"):
        assert getattr(flags, name) == [int(getattr(t, name)) for t in doc], name
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert [has_trailing_space(doc, i) for i in range(len(doc))] == [bool(t.whitespace_) for t in doc]


def test_doc_id_is_the_doc_extension_set_or_not() -> None:
    nlp = spacy.blank("en")
    unset, named = nlp("Iran buys wheat."), nlp("Chile sells copper.")
    named._.doc_id = "article-7"
    assert doc_id(unset) == unset._.doc_id == ""
    assert doc_id(named) == named._.doc_id == "article-7"
    assert evidence(named[0:1]).doc_id == "article-7"
    named._.doc_id = "renamed"
    assert evidence(named[2:3]).doc_id == "renamed"


def test_a_second_vocabulary_reads_its_own_lexical_attributes() -> None:
    first, second = spacy.blank("en"), spacy.blank("en")
    second.vocab["Zorkland"].is_title = False  # a vocabulary may set a lexeme's flags its own way
    assert token_flags(first("Zorkland")).is_title == [1]
    assert token_flags(second("Zorkland")).is_title == [0]
    assert token_flags(first("Zorkland")).is_title == [1]


def test_the_shared_pipeline_is_kept_out_of_full_collections() -> None:
    """get_pipeline() moves the pipeline's long-lived objects (gazetteers, rule tables) to the collector's
    permanent generation: a full collection while extracting does not rescan them. Probed in a fresh
    interpreter, where get_pipeline() builds the pipeline itself."""
    import subprocess
    import sys

    probe = "import gc; from tradegraph.pipeline import get_pipeline; get_pipeline(); print(gc.get_freeze_count())"
    frozen = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert int(frozen) > 100_000


_POOL_PROBE = """
import gc, sys
from pathlib import Path
from tradegraph.ingest import ingest
from tradegraph.testing import FAKE_EXTRACTOR
corpus = Path(sys.argv[1])
for n in range(4):
    (corpus / f"{n}.txt").write_text(f"Kenya exported tea to Egypt in 202{n}.", encoding="utf-8")
if sys.argv[2] == "pipeline":
    from tradegraph.pipeline import get_pipeline
    get_pipeline()
before = gc.get_freeze_count()
extractor = None if sys.argv[2] == "pipeline" else FAKE_EXTRACTOR
report = ingest([corpus], corpus / "t.db", workers=2, batch_size=2, extractor=extractor, progress=False)
print(before, gc.get_freeze_count(), report.added)
"""


@pytest.mark.parametrize("extractor", ["pipeline", "fake"])
def test_a_forked_worker_pool_leaves_the_freeze_as_it_found_it(extractor: str, tmp_path) -> None:
    """ingest's forked pool freezes what exists before forking and undoes only its own freeze: the shared
    pipeline, frozen when it was built, stays out of the collector after the ingest."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", _POOL_PROBE, str(tmp_path), extractor],
        capture_output=True,
        text=True,
        check=True,
    )
    before, after, added = map(int, run.stdout.split())
    assert added == 4
    if extractor == "pipeline":
        assert before > 100_000 and after >= before
    else:
        assert before == 0 and after == 0


LINE_TEXTS = [
    "Headline\nBody text here.",
    "a \n b\n\n\nc \r\nd",
    "\n\nleading breaks\n",
    "tabs\t\n\tand  spaces \u2028 line separator\nend",
    "no break at all",
]


@pytest.mark.parametrize("text", LINE_TEXTS)
def test_a_token_after_a_line_break_starts_a_sentence(text: str) -> None:
    """tg_line_breaks marks exactly the tokens whose preceding whitespace (a space token or the token
    before's trailing space) holds a line break."""
    from tradegraph.components.sentences import LineBreaks

    doc = LineBreaks()(spacy.blank("en").make_doc(text))
    expected = {
        i
        for i in range(1, len(doc))
        if "\n" in (doc[i - 1].text_with_ws if doc[i - 1].is_space else doc[i - 1].whitespace_)
    }
    assert {t.i for t in doc if t.i and t.is_sent_start} == expected


def test_span_rows_hold_what_every_span_group_of_the_pipeline_holds() -> None:
    """After the whole pipeline, each group's rows are its spans' (start, end, label_, kb_id_), in order,
    whether the writer seeded them (set_span_group) or they were read off the group."""
    from tradegraph.components.base import span_rows
    from tradegraph.pipeline import get_pipeline

    text = (
        "ASTANA, Kazakhstan - Kazakh Foreign Minister Murat Nurtleu met his Iranian counterpart in Tehran.\n"
        "Kazakhstan exported $1.2 billion (75 billion tenge) of wheat and 300,000 tonnes of flour to Iran "
        "through the port of Aktau in 2023, and may export more to the European Union next year."
    )
    doc = get_pipeline()(text)
    assert set(doc.spans) >= {
        "countries",
        "groups",
        "places",
        "commodities",
        "money",
        "quantities",
        "modality",
    }
    for key, group in doc.spans.items():
        assert span_rows(doc, key) == tuple((s.start, s.end, s.label_, s.kb_id_) for s in group), key
    assert span_rows(doc, "no such group") == ()


def test_a_group_written_past_set_span_group_is_read_again() -> None:
    from tradegraph.components.base import set_span_group, span_rows

    doc = spacy.blank("en")("Kenya sells tea to Egypt")
    set_span_group(doc, "countries", [(0, 1, "KEN", "name"), (4, 5, "EGY", "name")])
    assert [(s.start, s.label_, s.kb_id_) for s in doc.spans["countries"]] == [
        (0, "KEN", "name"),
        (4, "EGY", "name"),
    ]
    assert [r.label_ for r in span_rows(doc, "countries")] == ["KEN", "EGY"]
    doc.spans["countries"] = [doc.spans["countries"][1]]  # a writer of its own
    assert [r.label_ for r in span_rows(doc, "countries")] == ["EGY"]
    doc.spans["countries"].append(doc.char_span(0, 5, label="KEN"))  # changed in place
    assert [r.label_ for r in span_rows(doc, "countries")] == ["EGY", "KEN"]


def test_expand_to_tokens_is_char_span_expand() -> None:
    """base.expand_to_tokens gives the tokens doc.char_span(..., alignment_mode="expand") covers, None where
    it gives None, on blanks, line breaks and offsets at, inside and past token edges."""
    import random

    from tradegraph.components.base import expand_to_tokens

    nlp = spacy.blank("en")
    rng = random.Random(2)
    pieces = ["a", "bn", " ", "\n", "  ", ".", "$5", "(", " \n ", "Türkiye’s"]
    texts = TEXTS + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(300)]
    for text in texts:
        doc = nlp.make_doc(text)
        for start in range(-1, len(text) + 1):
            for end in range(start + 1, min(len(text) + 2, start + 8)):
                span = doc.char_span(start, end, alignment_mode="expand")
                assert expand_to_tokens(doc, start, end) == (None if span is None else (span.start, span.end))
