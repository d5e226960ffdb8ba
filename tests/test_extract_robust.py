"""Extraction that holds up: a failing component fails one document only, long documents and long sentences
are processed in bounded pieces, and invisible characters or CRLF line ends change neither names nor offsets."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import tradegraph.extract as extract_module
from tradegraph.components.base import doc_text
from tradegraph.components.sentences import MAX_SENTENCE_TOKENS
from tradegraph.documents import read_document
from tradegraph.extract import ComponentError, extract_documents, extract_paths, extract_text
from tradegraph.library import build_graph
from tradegraph.models import Document, Evidence, Extraction
from tradegraph.pipeline import get_pipeline

INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e"


def documents(marker: str) -> list[Document]:
    return [
        Document(doc_id="first", text="Chile sells copper to Japan.", source="in/first.txt"),
        Document(doc_id="bad", text=f"Peru sells zinc to Korea. {marker}", source="in/bad.txt"),
        Document(doc_id="last", text="Kenyan tea is exported to Pakistan.", source="in/last.txt"),
    ]


def flows(extraction: Extraction) -> list[tuple[str, str, str]]:
    return [(f.exporter, f.importer, f.commodity.name) for f in extraction.trade_flows]


def evidences(extraction: Extraction) -> list[Evidence]:
    return list(extract_module._evidences(extraction))


# -- one document fails, the batch goes on ----------------------------------------------------------


def test_a_component_error_is_reported_for_its_document_and_the_others_are_extracted(
    failing_component,
) -> None:
    errors: list[ComponentError] = []
    extracted = list(extract_documents(documents(failing_component.marker), on_error=errors.append))
    assert [e.doc_id for e in extracted] == ["first", "last"]
    assert flows(extracted[1]) == [("KEN", "PAK", "tea")]
    (error,) = errors
    assert (error.document.doc_id, error.component) == ("bad", failing_component.name)
    assert isinstance(error.error, RuntimeError)
    assert error.problem.path == "in/bad.txt"
    assert (
        error.problem.message
        == f"extraction failed in {failing_component.name}: RuntimeError: {failing_component.marker} in bad"
    )


def test_without_a_handler_the_error_is_raised_after_the_documents_before_it(failing_component) -> None:
    stream = extract_documents(documents(failing_component.marker))
    assert next(stream).doc_id == "first"
    with pytest.raises(ComponentError, match=f"{failing_component.name} raised RuntimeError"):
        next(stream)
    with pytest.raises(ComponentError):
        extract_text(f"Egypt buys wheat from France. {failing_component.marker}")


def test_library_reading_paths_warns_about_the_failed_file_and_goes_on(
    failing_component, tmp_path: Path
) -> None:
    for document in documents(failing_component.marker):
        (tmp_path / f"{document.doc_id}.txt").write_text(document.text, encoding="utf-8")
    with pytest.warns(UserWarning, match=f"bad.txt: extraction failed in {failing_component.name}"):
        extracted = list(extract_paths([tmp_path]))
    assert sorted(e.doc_id for e in extracted) == ["first", "last"]
    with pytest.warns(UserWarning, match="bad.txt"):
        graph = build_graph([tmp_path])
    assert sorted(e.doc_id for e in graph.extractions) == ["first", "last"]


def test_a_failing_tokenizer_splitter_or_fact_reading_fails_that_document_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = get_pipeline()
    make_doc = nlp.make_doc

    def tokenizer(text: str):
        if "tokenizer-bug" in text:
            raise ValueError("cannot tokenize")
        return make_doc(text)

    to_extraction = extract_module.doc_to_extraction

    def reading(doc):
        if "reading-bug" in doc_text(doc):
            raise TypeError("bad fact")
        return to_extraction(doc)

    split = extract_module.split_text

    def splitting(text: str, budget: int):
        if "splitting-bug" in text:
            raise IndexError("bad cut")
        return split(text, budget)

    monkeypatch.setattr(nlp, "make_doc", tokenizer)
    monkeypatch.setattr(extract_module, "doc_to_extraction", reading)
    monkeypatch.setattr(extract_module, "split_text", splitting)
    batch = [
        Document(doc_id="a", text="tokenizer-bug. Chile sells copper to Japan."),
        Document(doc_id="b", text="Chile sells copper to Japan."),
        Document(doc_id="c", text="reading-bug. Chile sells copper to Japan."),
        Document(doc_id="d", text="splitting-bug. Chile sells copper to Japan."),
        Document(doc_id="e", text="Kenyan tea is exported to Pakistan."),
    ]
    errors: list[ComponentError] = []
    assert [e.doc_id for e in extract_documents(batch, on_error=errors.append)] == ["b", "e"]
    assert [(e.document.doc_id, e.component) for e in errors] == [
        ("a", "tokenizer"),
        ("c", "extraction"),
        ("d", "text"),
    ]


def test_a_failure_in_a_later_piece_fails_the_whole_document(failing_component, monkeypatch) -> None:
    monkeypatch.setattr(extract_module, "PIECE_CHARS", 200)
    text = "Chile sells copper to Japan.\n\n" * 10 + failing_component.marker
    errors: list[ComponentError] = []
    batch = [Document(doc_id="long", text=text), Document(doc_id="next", text="Chile sells copper to Japan.")]
    assert [e.doc_id for e in extract_documents(batch, on_error=errors.append)] == ["next"]
    assert [e.document.doc_id for e in errors] == ["long"]


# -- long documents --------------------------------------------------------------------------------------

STATEMENTS = [
    "Brazil exported soybeans to China last year.",
    "Coffee is imported by Germany from Vietnam.",
    "Ghana will ship cocoa beans to the Netherlands.",
    "Chile sells copper to Japan.",
    "Kenyan tea is exported to Pakistan.",
]
FILLER = "The committee met on Tuesday and discussed the agenda for the next session of talks."


def long_article() -> str:
    paragraphs = [" date 2020-02-11 By Abdul Kerimkhanov", "Trade news"]
    for statement in STATEMENTS:
        paragraphs += [f"{FILLER} {FILLER}", statement, FILLER]
    return "\n\n".join(paragraphs) + "\n"


def test_a_document_split_into_pieces_gives_what_it_gives_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_article()
    whole = extract_text(text, doc_id="a")
    monkeypatch.setattr(extract_module, "PIECE_CHARS", 400)
    assert len(extract_module._Job(Document(doc_id="a", text=text)).pieces) > 4
    pieces = extract_text(text, doc_id="a")
    located = sorted(
        (f.exporter, f.importer, f.commodity.name, f.evidence.start, f.evidence.end)
        for f in pieces.trade_flows
    )
    assert located == sorted(
        (f.exporter, f.importer, f.commodity.name, f.evidence.start, f.evidence.end)
        for f in whole.trade_flows
    )
    assert len(located) == len(STATEMENTS)
    assert (pieces.date, pieces.author, pieces.title) == ("2020-02-11", "Abdul Kerimkhanov", whole.title)
    assert {c.iso3: c.mentions for c in pieces.countries} == {c.iso3: c.mentions for c in whole.countries}
    for found in evidences(pieces):
        assert text[found.start : found.end] == found.text


def test_a_statement_repeated_in_two_pieces_is_kept_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "PIECE_CHARS", 200)
    text = f"Chile sells copper to Japan. {FILLER}\n\n" * 4
    extraction = extract_text(text)
    assert flows(extraction) == [("CHL", "JPN", "copper")]
    assert {c.iso3: c.mentions for c in extraction.countries} == {"CHL": 4, "JPN": 4}


def test_a_document_over_a_million_characters_is_read_to_its_end() -> None:
    head = "Chile sells copper to Japan.\n\n"
    text = head + "\n" * 1_050_000 + "Kenyan tea is exported to Pakistan.\n"
    extraction = extract_text(text)
    assert flows(extraction) == [("CHL", "JPN", "copper"), ("KEN", "PAK", "tea")]
    last = extraction.trade_flows[1].evidence
    assert last.start > 1_000_000 and text[last.start : last.end] == last.text


# -- long sentences --------------------------------------------------------------------------------------


def sentence_lengths(text: str) -> list[int]:
    return [len(sentence) for sentence in get_pipeline()(text).sents]


def test_a_sentence_without_punctuation_is_cut_at_the_token_budget() -> None:
    text = " ".join(["wheat barley maize and rice"] * 400)  # 2,000 tokens, no full stop
    lengths = sentence_lengths(text)
    assert sum(lengths) == 2000 and max(lengths) <= MAX_SENTENCE_TOKENS and len(lengths) >= 10


def test_a_long_sentence_is_cut_after_a_clause_break_so_a_statement_stays_whole() -> None:
    clauses = [f"the {FILLER[4:-1].lower()}"] * 60
    clauses[31] = "Chile sells copper to Japan"
    text = "; ".join(clauses) + "."
    doc = get_pipeline()(text)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert all(s[-1].text in {";", "."} for s in doc.sents)  # cut after a clause break, never inside one
    assert flows(extract_text(text)) == [("CHL", "JPN", "copper")]


def test_sentences_of_ordinary_length_are_not_cut() -> None:
    long_but_real = "Ministers said that " + ", ".join(["exports of grain and oil rose"] * 20) + "."
    assert len(sentence_lengths(long_but_real)) == 1
    assert len(sentence_lengths(FILLER + " " + FILLER)) == 2


# -- text hygiene ----------------------------------------------------------------------------------------


def names(extraction: Extraction) -> list[str]:
    found = [f.commodity.name for f in extraction.trade_flows]
    found += [form for c in extraction.countries for form in c.forms]
    found += [o.name for o in extraction.officials] + [o.title for o in extraction.officials]
    found += [loc.name for loc in extraction.locations]
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Brazil exported soy\u200bbeans to China last year.",  # inside a word
        "Coffee\u2060 is imported by Germany from Vie\u00adtnam.",  # after a word, a soft hyphen
        "\ufeffGhana will ship \u200d\u200ccocoa beans to the Nether\u200blands.",  # runs before words
        "Chile\u200e sells copper\u200b\u200b to Japan.",
        "Foreign Minister Ser\u200bgey Lav\u00adrov visited Teh\u2060ran.",
    ],
)
def test_invisible_characters_end_up_in_no_name_and_change_no_fact(text: str) -> None:
    extraction = extract_text(text)
    plain = extract_text("".join(ch for ch in text if ch not in INVISIBLE))
    assert not [name for name in names(extraction) if any(ch in name for ch in INVISIBLE)]
    assert names(extraction) == names(plain) and names(plain)
    assert flows(extraction) == flows(plain)
    for found in evidences(extraction):
        assert text[found.start : found.end] == found.text


def test_invisible_characters_in_a_text_without_trade_give_no_flow() -> None:
    assert extract_text("The wea\u200bther in Paris was mild\u2060 on Tuesday.").trade_flows == []


def test_crlf_evidence_offsets_index_the_text_as_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(long_article().replace("\n", "\r\n").encode("utf-8"))
    document = read_document(path)
    assert "\r\n" in document.text
    (extraction,) = extract_documents([document])
    unix = extract_text(long_article(), doc_id=document.doc_id)
    assert flows(extraction) == flows(unix) and len(flows(extraction)) == len(STATEMENTS)
    assert (extraction.date, extraction.author) == (unix.date, unix.author)
    for found in evidences(extraction):
        assert document.text[found.start : found.end] == found.text
        assert "\r" not in found.sentence


def test_evidence_offsets_of_a_clean_text_are_untouched() -> None:
    text = long_article()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        extraction = extract_text(text)
    for found in evidences(extraction):
        assert text[found.start : found.end] == found.text
