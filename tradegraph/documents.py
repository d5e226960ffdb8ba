"""Read input articles into `Document`s: text files, JSONL (one article per line), JSON (an article object
or a list of them) and HTML pages.

Bad input never raises out of `iter_documents`: it yields an `InputProblem` naming the path and what is
wrong, so a caller reports it (`error: <path>: <message>`) and goes on with the rest of the batch.
Text must be UTF-8 (a byte order mark is allowed); other encodings are reported, never guessed, and so are
files in formats that are not text (PDF, RTF, PostScript, ZIP-based office documents). A document's text is
kept as read (line ends included): evidence offsets index it. A record whose date is not a date is read
without one, with an `InputWarning`.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tradegraph.dates import normalize_date
from tradegraph.models import Document

__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "JSON_SUFFIXES",
    "TEXT_SUFFIXES",
    "InputError",
    "InputProblem",
    "InputWarning",
    "html_to_document",
    "iter_documents",
    "normalize_date",
    "read_document",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Read when named explicitly; in a directory a .json file is more often something else (a saved graph,
# gold annotations, metadata) than an article.
JSON_SUFFIXES = frozenset({".json"})
_KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

# Share of control bytes above which a NUL-free file is taken for binary rather than mis-encoded text.
_BINARY_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 8192
_UTF8_BOM = b"\xef\xbb\xbf"
# Formats whose files can pass the byte checks for text (an ASCII-only PDF, RTF, PostScript) or that would be
# called merely "binary": recognised by their first bytes and named.
_FORMAT_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .odt, .epub …)"),
)


class InputProblem(BaseModel):
    """An input that could not be read; `str()` gives the `<path>: <message>` line a CLI prints."""

    model_config = ConfigDict(frozen=True)

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    @classmethod
    def extraction_failed(cls, document: Document, step: str, error: BaseException) -> InputProblem:
        """The problem of a document the pipeline failed on: the step that failed and what it raised."""
        message = f"extraction failed in {step}: {type(error).__name__}: {error}"
        return cls(path=document.source or document.doc_id, message=message)


class InputWarning(UserWarning):
    """Something in a readable input was left out (a date that is not a date); the document is still read."""


class InputError(ValueError):
    """Raised by `read_document` for an input that cannot be read; `.problem` says why."""

    def __init__(self, problem: InputProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def iter_documents(paths: Iterable[str | Path] | str | Path) -> Iterator[Document | InputProblem]:
    """Yield a `Document` for every article under `paths`, or an `InputProblem` for each bad input.

    Files are read by suffix: `.txt`, `.md` or none → one document (doc_id = file name without
    extension); `.jsonl` → one document per line; `.json` → an article object (`text`, and optionally `id`,
    `date`, `url`, `title`) or a list of them; `.html`/`.htm` → the page's text. Other suffixes given
    explicitly are read as text; in a directory (walked recursively, sorted, hidden entries skipped)
    only .txt, .md, .jsonl, .html and .htm files are read.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _iter_directory(path)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield InputProblem(path=str(path), message="no such file or directory")


def read_document(path: str | Path) -> Document:
    """Read one text or HTML file into a `Document`; raise `InputError` if it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise InputError(InputProblem(path=str(path), message="no such file or directory"))
    if path.is_dir():
        raise InputError(InputProblem(path=str(path), message="is a directory; use iter_documents"))
    results = list(_read_file(path))
    for result in results:
        if isinstance(result, InputProblem):
            raise InputError(result)
    if len(results) != 1:
        message = f"holds {len(results)} documents; use iter_documents"
        raise InputError(InputProblem(path=str(path), message=message))
    return results[0]


# -- files and directories ------------------------------------------------------------------------


def _iter_directory(root: Path) -> Iterator[Document | InputProblem]:
    seen_dirs: set[Path] = set()
    found = False

    def walk(directory: Path) -> Iterator[Document | InputProblem]:
        nonlocal found
        real = directory.resolve()
        if real in seen_dirs:  # a symlink loop
            return
        seen_dirs.add(real)
        try:
            entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
        except OSError as error:
            yield InputProblem(path=str(directory), message=f"cannot list directory: {_os_reason(error)}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif entry.is_file() and entry.suffix.lower() in _KNOWN_SUFFIXES:
                found = True
                yield from _read_file(entry)

    yield from walk(root)
    if not found:
        message = "no .txt, .md, .jsonl or .html files in this directory"
        yield InputProblem(path=str(root), message=message)


def _read_file(path: Path) -> Iterator[Document | InputProblem]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _stream_jsonl(path)  # line by line: a JSONL file may be larger than memory
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield InputProblem(path=str(path), message=f"cannot read: {_os_reason(error)}")
        return
    text, problem = _decode(data)
    if problem is not None:
        yield InputProblem(path=str(path), message=problem)
        return
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        yield from _read_json(path, text)
    elif suffix in HTML_SUFFIXES or _looks_like_html(text):
        yield _html_file(path, text)
    else:
        yield Document(doc_id=path.stem, text=text, source=str(path))


def _decode(data: bytes) -> tuple[str, None] | tuple[None, str]:
    """Decode UTF-8 text: `(text, None)`, or `(None, message)` saying why the bytes are not readable text."""
    if not data:
        return None, "empty file"
    head = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    for signature, kind in _FORMAT_SIGNATURES:
        if head.lstrip()[: len(signature)] == signature:
            return None, f"{kind}, not text; convert it to text first"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "UTF-16 text (byte order mark); convert it to UTF-8"
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes), not text"
    sample = data[:_SNIFF_BYTES]
    control = sum(1 for byte in sample if (byte < 0x20 and byte not in b"\t\n\r\f\v") or byte == 0x7F)
    if control > _BINARY_CONTROL_SHARE * len(sample):
        return None, "binary file (mostly non-text bytes), not text"
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start  # an offset into the file, as a hex editor shows it
        line = data[:offset].count(b"\n") + 1
        return None, (
            f"not valid UTF-8: byte 0x{data[offset]:02x} at offset {offset} (line {line}); "
            "convert the file to UTF-8"
        )
    if not text.strip():
        return None, "file holds only whitespace"
    return text, None


def _os_reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)


# -- JSONL and JSON -------------------------------------------------------------------------------

_RECORD_OPTIONAL = ("date", "url", "title")


def _stream_jsonl(path: Path) -> Iterator[Document | InputProblem]:
    """A JSONL file read one line at a time; the file's checks (empty, binary, UTF-8) apply line by line,
    so memory stays at one line however large the file."""
    try:
        stream = path.open("rb")
    except OSError as error:
        yield InputProblem(path=str(path), message=f"cannot read: {_os_reason(error)}")
        return
    with stream:
        head = stream.read(_SNIFF_BYTES)
        _, problem = _decode(head) if head else (None, "empty file")
        if problem is not None and not problem.startswith("not valid UTF-8"):
            yield InputProblem(path=str(path), message=problem)
            return
        stream.seek(0)
        offset = 0
        for number, raw in enumerate(stream, start=1):
            start = len(_UTF8_BOM) if number == 1 and raw.startswith(_UTF8_BOM) else 0
            try:
                line = raw[start:].decode("utf-8")
            except UnicodeDecodeError as error:
                at = offset + start + error.start
                yield InputProblem(
                    path=str(path),
                    message=f"not valid UTF-8: byte 0x{raw[start + error.start]:02x} at offset {at} "
                    f"(line {number}); convert the file to UTF-8",
                )
                return
            offset += len(raw)
            yield from _jsonl_line(path, number, line.rstrip("\r\n"))


def _jsonl_line(path: Path, number: int, line: str) -> Iterator[Document | InputProblem]:
    """One JSONL line (1-based `number`): a Document, a problem, or nothing for a blank line."""
    if not line.strip():
        return
    where = f"line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield InputProblem(path=str(path), message=f"{where}: not valid JSON ({error.msg})")
        return
    yield _record_document(
        record, path, where=where, doc_id=f"{path.stem}-{number}", source=f"{path}:{number}"
    )


def _read_json(path: Path, text: str) -> Iterator[Document | InputProblem]:
    """An article object, or a list of them (each read like a JSONL line)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        yield InputProblem(path=str(path), message=message)
        return
    if isinstance(data, dict) and "text" in data:
        yield _record_document(data, path, where="article", doc_id=path.stem, source=str(path))
    elif isinstance(data, list) and data:
        for index, record in enumerate(data):
            yield _record_document(
                record, path, where=f"item {index}", doc_id=f"{path.stem}-{index}", source=f"{path}[{index}]"
            )
    else:
        message = 'JSON file holds no article: expected an object with "text", or a list of them'
        if isinstance(data, dict) and "format" in data:
            message += " (a saved graph is read with --graph)"
        yield InputProblem(path=str(path), message=message)


def _record_document(
    record: object, path: Path, *, where: str, doc_id: str, source: str
) -> Document | InputProblem:
    """A Document from one article object (`text`; optional `id` or `doc_id`, `date`, `url`, `title`)."""
    if not isinstance(record, dict):
        return InputProblem(path=str(path), message=f"{where}: expected a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        reason = 'has no "text"' if body is None else 'has an empty or non-string "text"'
        return InputProblem(path=str(path), message=f"{where}: {reason}")
    identifier = record.get("id", record.get("doc_id"))
    fields = {key: _optional_str(record.get(key)) for key in _RECORD_OPTIONAL}
    if fields["date"]:
        written, fields["date"] = fields["date"], normalize_date(fields["date"])
        if fields["date"] is None:
            message = f"{source}: date {written!r} is not a date; the article is read without one"
            warnings.warn(InputWarning(message), stacklevel=2)
    return Document(
        doc_id=str(identifier) if identifier not in (None, "") else doc_id, text=body, source=source, **fields
    )


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# -- HTML -----------------------------------------------------------------------------------------

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)

_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav", "aside"})
# A page's header and footer are site chrome; inside an <article> or <main> they hold its headline and byline.
_PAGE_CHROME_TAGS = frozenset({"header", "footer"})
_CONTENT_TAGS = frozenset({"article", "main"})
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr",
        "ul",
    }
)  # fmt: skip
_DATE_META = frozenset(
    {"article:published_time", "og:published_time", "datepublished", "date", "pubdate", "dc.date"}
)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2048]))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._line: list[str] = []
        self._lines: list[str] = []
        self._skip_depth = 0
        self._content_depth = 0
        self._chrome_depth = 0
        self._in_title = False
        self._title: list[str] = []
        self.meta: dict[str, str] = {}
        self._times: list[tuple[bool, str]] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag in _CONTENT_TAGS:
            self._content_depth += 1
        if tag in _SKIPPED_TAGS or (tag in _PAGE_CHROME_TAGS and not self._content_depth):
            self._skip_depth += 1
            self._chrome_depth += tag in _PAGE_CHROME_TAGS
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
            if key and attributes.get("content"):
                self.meta.setdefault(key.lower(), attributes["content"])
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical = self.canonical or attributes.get("href") or None
        elif tag == "time" and attributes.get("datetime"):
            self._times.append((self._content_depth > 0, attributes["datetime"]))
        elif tag == "br":
            self._end_line()
        elif tag in _BLOCK_TAGS or tag in _PAGE_CHROME_TAGS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _CONTENT_TAGS:
            self._content_depth = max(0, self._content_depth - 1)
        if tag in _SKIPPED_TAGS or (tag in _PAGE_CHROME_TAGS and self._chrome_depth):
            self._skip_depth = max(0, self._skip_depth - 1)
            self._chrome_depth = max(0, self._chrome_depth - (tag in _PAGE_CHROME_TAGS))
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK_TAGS or tag in _PAGE_CHROME_TAGS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip_depth:
            self._line.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()

    @property
    def time_datetime(self) -> str | None:
        """The first <time datetime> inside the article, else the first on the page."""
        inside = [value for in_content, value in self._times if in_content]
        return (inside or [value for _, value in self._times] or [None])[0]

    @property
    def title(self) -> str | None:
        return " ".join("".join(self._title).split()) or None

    def _end_line(self) -> None:
        line = " ".join("".join(self._line).split())
        self._line = []
        if line:
            self._lines.append(line)

    def _end_paragraph(self) -> None:
        self._end_line()
        if self._lines:
            self.paragraphs.append("\n".join(self._lines))
            self._lines = []


def html_to_document(html: str, *, doc_id: str, source: str | None = None) -> Document | None:
    """Extract an HTML page's readable text, title, date and URL; None if the page has no text."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "\n\n".join(parser.paragraphs)
    if not text.strip():
        return None
    meta = parser.meta
    raw_date = next((meta[key] for key in _DATE_META if key in meta), None) or parser.time_datetime
    return Document(
        doc_id=doc_id,
        text=text,
        date=normalize_date(raw_date) if raw_date else None,
        url=parser.canonical or meta.get("og:url"),
        title=parser.title or meta.get("og:title"),
        source=source,
    )


def _html_file(path: Path, html: str) -> Document | InputProblem:
    document = html_to_document(html, doc_id=path.stem, source=str(path))
    if document is None:
        return InputProblem(path=str(path), message="HTML page holds no text")
    return document
