"""Text hygiene and splitting (tradegraph.doctext): what the pipeline reads, and offsets back to the text as read."""

from __future__ import annotations

import re

import pytest

from tradegraph.doctext import clean_text, split_text

ZWSP, ZWJ, WORD_JOINER, SOFT_HYPHEN, BOM, LRM = "\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e"


def test_text_without_anything_to_clean_is_the_same_string_and_offsets_map_to_themselves() -> None:
    raw = "Kazakhstan exports wheat to Iran.\n\nIran buys it."
    mapped = clean_text(raw)
    assert mapped.text is raw and mapped.identical
    assert [mapped.raw_start(i) for i in range(len(raw))] == list(range(len(raw)))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Brazil sells soy\r\nto China.\r\n", "Brazil sells soy\nto China.\n"),
        ("Brazil sells soy\rto China.\r", "Brazil sells soy\nto China.\n"),  # old Mac line ends
        ("Brazil sells soy\u2028to China.\u2029", "Brazil sells soy\nto China.\n"),
        ("Brazil sells soy\x0cto China.", "Brazil sells soy\nto China."),
    ],
)
def test_line_ends_become_newlines(raw: str, clean: str) -> None:
    assert clean_text(raw).text == clean


def test_crlf_offsets_index_the_text_as_read() -> None:
    raw = "Headline\r\n\r\nVietnam exports rice to the Philippines.\r\nIt also sells coffee to Germany.\r\n"
    mapped = clean_text(raw)
    for word in ("Vietnam", "rice", "Philippines", "coffee", "Germany"):
        start = mapped.text.index(word)
        raw_start, raw_end = mapped.raw_start(start), mapped.raw_end(start + len(word))
        assert raw[raw_start:raw_end] == word


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        (f"Ghana exports co{ZWSP}coa to the Netherlands.", "cocoa"),  # inside a word
        (f"Ghana exports cocoa{ZWSP} to the Netherlands.", "cocoa"),  # after it
        (f"Ghana exports {ZWJ}{WORD_JOINER}cocoa to the Netherlands.", "cocoa"),  # a run before it
        (f"Gha{SOFT_HYPHEN}na exports cocoa to the Nether{SOFT_HYPHEN}lands.", "Ghana"),  # soft hyphens
        (f"{BOM}Ghana exports cocoa{LRM} to the Netherlands.", "Ghana"),  # a BOM inside the text, a mark
    ],
)
def test_invisible_characters_are_dropped_and_offsets_skip_them(raw: str, word: str) -> None:
    mapped = clean_text(raw)
    assert not any(ch in mapped.text for ch in (ZWSP, ZWJ, WORD_JOINER, SOFT_HYPHEN, BOM, LRM))
    assert "Ghana exports cocoa to the Netherlands." in mapped.text
    start = mapped.text.index(word)
    raw_start, raw_end = mapped.raw_start(start), mapped.raw_end(start + len(word))
    # The span as read, the invisible characters inside it included and those around it left out.
    assert raw[raw_start:raw_end].replace(ZWSP, "").replace(SOFT_HYPHEN, "") == word
    assert raw[raw_start] == word[0] and raw[raw_end - 1] == word[-1]


def test_unicode_spaces_become_ascii_spaces_without_moving_offsets() -> None:
    raw = "Chile\u00a0exports\u202fcopper\u3000to Japan."
    mapped = clean_text(raw)
    assert mapped.text == "Chile exports copper to Japan."
    assert [mapped.raw_start(i) for i in range(len(raw))] == list(range(len(raw)))


def test_mixed_changes_map_every_clean_character_back_to_itself() -> None:
    raw = f"{BOM}A\r\nb{ZWSP}{ZWSP}c\rd{SOFT_HYPHEN}e\u00a0f\r\n"
    mapped = clean_text(raw)
    assert mapped.text == "A\nbc\nde f\n"
    for offset, character in enumerate(mapped.text):
        as_read = raw[mapped.raw_start(offset)]
        assert as_read == character or (character == "\n" and as_read in "\r\n") or as_read == "\u00a0"
    assert mapped.raw_end(len(mapped.text)) == len(raw)


# -- splitting ------------------------------------------------------------------------------------------


def paragraphs(count: int, words: int = 12) -> str:
    sentence = " ".join(["Uzbekistan exports cotton to Bangladesh"] + ["and more"] * (words // 2)) + "."
    return "\n\n".join(f"{sentence} {sentence}" for _ in range(count))


def test_text_within_the_budget_is_one_piece() -> None:
    text = paragraphs(3)
    assert split_text(text, len(text)) == [(0, text)]


def test_pieces_cover_the_text_exactly_within_the_budget_and_prefer_paragraph_bounds() -> None:
    text = paragraphs(40)
    pieces = split_text(text, 1000)
    assert "".join(piece.text for piece in pieces) == text
    assert all(len(piece.text) <= 1000 for piece in pieces)
    assert all(text[piece.start : piece.start + len(piece.text)] == piece.text for piece in pieces)
    # Every piece but the last ends at a blank line, and the next starts at a paragraph's first word.
    assert all(piece.text.endswith("\n\n") for piece in pieces[:-1])
    assert all(piece.text.startswith("Uzbekistan") for piece in pieces)


def test_without_paragraphs_pieces_end_after_a_sentence() -> None:
    text = " ".join(["Turkey imports grain from Russia and Ukraine every season."] * 100)
    pieces = split_text(text, 700)
    assert len(pieces) > 1 and "".join(p.text for p in pieces) == text
    assert all(piece.text.rstrip().endswith(".") for piece in pieces)


def test_without_punctuation_pieces_end_at_a_space_and_without_spaces_at_the_budget() -> None:
    words = " ".join(["soybeans"] * 500)
    assert all(p.text.endswith(" ") for p in split_text(words, 300)[:-1])
    solid = "x" * 1000
    assert [len(p.text) for p in split_text(solid, 300)] == [300, 300, 300, 100]


def test_a_tiny_budget_is_refused() -> None:
    with pytest.raises(ValueError):
        split_text("text", 1)


# -- mojibake: UTF-8 text read in another encoding ------------------------------------------------------


def read_as_cp1252(text: str) -> str:
    """`text` as a program reading its UTF-8 as cp1252 shows it (the five bytes cp1252 lacks as Latin-1)."""
    return "".join(
        chr(byte) if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([byte]).decode("cp1252")
        for byte in text.encode("utf-8")
    )


def read_as_gbk(text: str) -> str:
    return text.encode("utf-8").decode("gbk", errors="replace")


CP1252_SENTENCES = [
    "Chile’s President Gabriel Boric said copper sales to China rose.",
    "Vietnam’s rice exports to the Philippines grew – officials said so.",
    "“We will sell more coffee to Germany,” Brazil’s minister Mauro Vieira said.",
    "Türkiye’s trade with Côte d’Ivoire doubled in 2021…",
    "Peru’s Foreign Minister Javier González-Olaechea met Kenya’s President William Ruto.",
    "Exports from São Paulo’s port of Santos—mainly soybeans—reached Japan.",
    "Iceland’s fish sales to Norway’s buyers were named in José Martín’s report.",
]


# GBK reads a punctuation mark's last byte with the next byte: a letter after it survives ("’s" as "鈥檚").
GBK_SENTENCES = [
    "Chile’s President Gabriel Boric said copper sales to China rose.",
    "Peru’s Foreign Minister Javier González-Olaechea met Kenya’s President William Ruto.",
    "Türkiye’s trade with Côte d’Ivoire doubled, José Martín’s report said.",
    "Mauro Vieira—Brazil’s minister—said “Brazil sells coffee to Germany.",
]


@pytest.mark.parametrize(
    ("read_as", "original"),
    [(read_as_cp1252, sentence) for sentence in CP1252_SENTENCES]
    + [(read_as_gbk, sentence) for sentence in GBK_SENTENCES],
)
def test_mojibake_is_repaired_and_offsets_take_in_the_text_as_read(read_as, original: str) -> None:
    raw = read_as(original)
    assert raw != original
    mapped = clean_text(raw)
    assert mapped.text == original
    for found in re.finditer(r"[^\W\d_]+(?:’s)?", original):
        if read_as is read_as_gbk and found.start() > 0 and original[found.start() - 1] != " ":
            continue  # GBK read a word's first letter with the mark before it: both map to that character
        start, end = mapped.raw_start(found.start()), mapped.raw_end(found.end())
        assert clean_text(raw[start:end]).text == found.group(), (found.group(), raw[start:end])


def test_gbk_mojibake_of_a_mark_whose_last_byte_was_lost_is_left_as_read() -> None:
    """Before a space or a full stop the mark's last byte is no GBK byte: GBK drops it ("鈥�")."""
    raw = read_as_gbk("Kenya’ tea and Egypt’s cotton – both rose…")
    assert (
        clean_text(raw).text == "Kenya\u9225\ufffd tea and Egypt’s cotton \u9225\ufffd both rose\u9225\ufffd"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Türkiye’s café in São Paulo sells crème brûlée to Côte d’Ivoire.",  # real accents and quotes
        "Ñuñoa’s naïve señor — «Größe» — Ægir ÿ",
        "中国出口GDP增长 在X光 and 北京 signed",  # Chinese, next to Latin letters too
        "Ã alone, Â alone, and é’ after an accent",  # a lead with nothing after it that decodes
        "鈥 alone",
    ],
)
def test_text_that_is_no_mojibake_is_left_as_it_is(text: str) -> None:
    assert clean_text(text).text == text


@pytest.mark.parametrize("read_as", [read_as_cp1252, read_as_gbk])
def test_names_read_in_another_encoding_are_extracted_as_written(read_as) -> None:
    from tradegraph.extract import extract_text

    raw = read_as(
        "Chile’s President Gabriel Boric met Peru’s Foreign Minister Javier González-Olaechea; Chile exports copper to Peru."
    )
    extraction = extract_text(raw)
    names = sorted(official.name for official in extraction.officials)
    assert names == ["Gabriel Boric", "Javier González-Olaechea"]
    (flow,) = extraction.trade_flows
    assert (flow.exporter, flow.importer, flow.commodity.name) == ("CHL", "PER", "copper")
    assert raw[flow.evidence.start : flow.evidence.end] == flow.evidence.text
    assert "\u9225" not in flow.evidence.sentence and "â€" not in flow.evidence.sentence
