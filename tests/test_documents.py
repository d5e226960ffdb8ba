"""Reading input articles: text, JSONL, JSON and HTML files, directories, and every kind of bad input."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from tradegraph.documents import InputError, InputProblem, InputWarning, iter_documents, read_document
from tradegraph.models import Document

ARTICLE = " date 2020-02-11 By Abdul Kerimkhanov\n\nKazakhstan exports wheat to Iran.\n"


def read_all(*paths: Path | str) -> list[Document | InputProblem]:
    return list(iter_documents(paths))


def only_problem(results: list[Document | InputProblem]) -> InputProblem:
    assert len(results) == 1, results
    assert isinstance(results[0], InputProblem), results
    return results[0]


# -- text files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["article.txt", "article.md", "article"])
def test_text_file_is_one_document_named_after_the_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    (document,) = read_all(path)
    assert document == Document(doc_id="article", text=ARTICLE, source=str(path))


def test_utf8_byte_order_mark_is_dropped_and_crlf_line_endings_kept_as_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfKazakhstan\xe2\x80\x99s wheat\r\ngoes to Iran.\r\n")
    # Evidence offsets index the text as read, so the line ends stay; the pipeline reads them as "\n".
    assert read_document(path).text == "Kazakhstan\u2019s wheat\r\ngoes to Iran.\r\n"


def test_read_document_reads_one_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_document(str(path)).doc_id == "a"


def test_a_single_path_string_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert [d.doc_id for d in iter_documents(str(path))] == ["a"]


# -- directories ----------------------------------------------------------------------------------


def test_directory_is_walked_recursively_sorted_skipping_hidden_and_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text("<html><body><p>Third.</p></body></html>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("Hidden too.", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    assert [d.doc_id for d in read_all(tmp_path)] == ["a", "b", "c"]


def test_directory_without_articles_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert "no .txt" in only_problem(read_all(tmp_path)).message


# -- JSONL ----------------------------------------------------------------------------------------


def test_jsonl_gives_one_document_per_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {
            "id": "kz-1",
            "text": "Kazakhstan exports wheat.",
            "date": "2021-03-04T10:00:00Z",
            "url": "https://x/1",
        },
        {"text": "Iran exports dates.", "title": "Dates"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")
    first, second = read_all(path)
    assert first == Document(
        doc_id="kz-1",
        text="Kazakhstan exports wheat.",
        date="2021-03-04",
        url="https://x/1",
        source=f"{path}:1",
    )
    assert (second.doc_id, second.title, second.source) == ("batch-2", "Dates", f"{path}:2")


def test_bad_jsonl_lines_are_reported_and_the_good_ones_still_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "Good one."}\n'
        "{not json\n"
        '{"title": "no text"}\n'
        '["a", "list"]\n'
        '{"text": ""}\n'
        '{"id": 7, "text": "Another good one."}\n',
        encoding="utf-8",
    )
    results = read_all(path)
    assert [r.doc_id for r in results if isinstance(r, Document)] == ["batch-1", "7"]
    problems = [r for r in results if isinstance(r, InputProblem)]
    assert [p.path for p in problems] == [str(path)] * 4
    assert [p.message.split(":")[0] for p in problems] == ["line 2", "line 3", "line 4", "line 5"]
    assert "not valid JSON" in problems[0].message
    assert '"text"' in problems[1].message
    assert "JSON object" in problems[2].message


# -- HTML -----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>Kazakhstan and Iran &amp; trade</title>
  <meta property="article:published_time" content="2020-02-11T08:30:00+04:00">
  <link rel="canonical" href="https://news.example/kz-iran">
  <style>p { color: red }</style>
  <script>var exports = "not article text";</script>
</head><body>
  <header>Site header</header>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Kazakhstan, Iran discuss trade</h1>
    <p>Kazakhstan exports   wheat
       to Iran.</p>
    <p>Iran exports pistachios<br>to Kazakhstan.</p>
  </article>
  <footer>Copyright</footer>
</body></html>
"""


def test_html_page_text_title_date_and_url(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    document = read_document(path)
    assert document.text == (
        "Kazakhstan, Iran discuss trade\n\n"
        "Kazakhstan exports wheat to Iran.\n\n"
        "Iran exports pistachios\nto Kazakhstan."
    )
    assert document.title == "Kazakhstan and Iran & trade"
    assert document.date == "2020-02-11"
    assert document.url == "https://news.example/kz-iran"
    assert document.doc_id == "page"


def test_time_element_gives_the_date_and_html_is_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(
        '<html><body><time datetime="2019-12-01">1 Dec</time><p>Text.</p></body></html>', encoding="utf-8"
    )
    document = read_document(path)
    assert (document.date, document.text) == ("2019-12-01", "1 Dec\n\nText.")


def test_header_inside_the_article_is_kept_and_its_time_preferred(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><header>Today <time datetime='2024-06-01'>1 June</time></header>"
        "<article><header><h1>Wheat deal</h1><time datetime='2020-02-11'>11 Feb</time></header>"
        "<p>Body.</p><footer>Tags: wheat</footer></article><footer>Site footer</footer></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.text == "Wheat deal\n\n11 Feb\n\nBody.\n\nTags: wheat"
    assert document.date == "2020-02-11"


def test_html_page_without_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>")
    assert only_problem(read_all(path)).message == "HTML page holds no text"


# -- bad input ------------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    problem = only_problem(read_all(tmp_path / "nope.txt"))
    assert problem == InputProblem(path=str(tmp_path / "nope.txt"), message="no such file or directory")
    assert str(problem) == f"{tmp_path / 'nope.txt'}: no such file or directory"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), not text"),
        (bytes(range(1, 32)) * 20, "binary file (mostly non-text bytes), not text"),
        (b"\xff\xfeK\x00a\x00", "UTF-16 text (byte order mark); convert it to UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert only_problem(read_all(path)).message == message


def test_non_utf8_text_names_the_byte_and_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kazakhstan\nexports caf\u00e9 goods.".encode("latin-1"))
    message = only_problem(read_all(path)).message
    assert message.startswith("not valid UTF-8: byte 0xe9 at offset 22 (line 2)")


def test_non_utf8_offset_counts_the_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom-latin1.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xe9")
    assert "byte 0xe9 at offset 5" in only_problem(read_all(path)).message


def test_bad_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = read_all(tmp_path / "missing.txt", empty, good)
    assert [type(r).__name__ for r in results] == ["InputProblem", "InputProblem", "Document"]


def test_read_document_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.problem.message == "empty file"
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")


# -- JSON files named explicitly ---------------------------------------------------------------------


def test_json_file_holding_an_article_object_is_that_article(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    record = {
        "id": "s1",
        "title": "Grain deal",
        "date": "2019-07-01",
        "text": "Egypt buys wheat from France.",
    }
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    (document,) = read_all(path)
    assert document == Document(
        doc_id="s1", text=record["text"], date="2019-07-01", title="Grain deal", source=str(path)
    )


def test_json_file_holding_a_list_reads_each_article_and_reports_each_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    records = [
        {"text": "Peru exports copper to China."},
        {"title": "no text"},
        7,
        {"text": "Chad sells gum."},
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    results = read_all(path)
    assert [r.doc_id for r in results if isinstance(r, Document)] == ["batch-0", "batch-3"]
    assert [r.message for r in results if isinstance(r, InputProblem)] == [
        'item 1: has no "text"',
        "item 2: expected a JSON object",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"format": "tradegraph-graph", "version": 1, "extractions": []}',
            "a saved graph is read with --graph",
        ),
        ('{"nodes": [], "links": []}', 'expected an object with "text"'),
        ("[]", 'expected an object with "text"'),
        ('"just a string"', 'expected an object with "text"'),
        ('{"text": "unfinished', "not valid JSON"),
    ],
)
def test_json_file_that_holds_no_article_is_refused_not_read_as_text(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "other.json"
    path.write_text(content, encoding="utf-8")
    assert message in only_problem(read_all(path)).message


def test_json_files_in_a_directory_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text('{"format": "tradegraph-graph"}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Kenya exports tea to Pakistan.", encoding="utf-8")
    assert [r.doc_id for r in read_all(tmp_path)] == ["a"]


# -- files in formats that are not text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "a PDF document"),
        ("report.txt", b"  %PDF-1.7\n% ascii only\n", "a PDF document"),  # whatever the suffix says
        ("letter.rtf", b"{\\rtf1\\ansi Kazakhstan exports wheat}", "an RTF document"),
        ("chart.ps", b"%!PS-Adobe-3.0\n", "a PostScript document"),
        ("memo.docx", b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    ],
)
def test_documents_in_other_formats_are_refused_by_name(
    tmp_path: Path, name: str, content: bytes, kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    message = only_problem(read_all(path)).message
    assert message.startswith(kind) and "convert it to text" in message


def test_text_that_mentions_pdf_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The %PDF-1.4 report says Kazakhstan exports wheat.", encoding="utf-8")
    assert isinstance(read_all(path)[0], Document)


# -- dates in records -------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["not-a-date", "2021-13-45", "2020-02-30", "sometime in spring"])
def test_a_record_whose_date_is_not_a_date_is_read_without_one_and_warned_about(
    tmp_path: Path, written: str
) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "Oman sells gas to India.", "date": written}) + "\n", encoding="utf-8"
    )
    with pytest.warns(InputWarning, match=f"feed.jsonl:1: date '{written}' is not a date"):
        (document,) = read_all(path)
    assert document.date is None and document.text == "Oman sells gas to India."


@pytest.mark.parametrize(
    ("written", "stored"),
    [("2021-03-04T10:00:00Z", "2021-03-04"), ("4 March 2021", "2021-03-04"), ("2021-03", "2021-03")],
)
def test_a_record_with_a_real_date_is_read_without_a_warning(
    tmp_path: Path, written: str, stored: str
) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"text": "Oman sells gas to India.", "date": written}), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (document,) = read_all(path)
    assert document.date == stored
