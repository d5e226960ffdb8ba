"""How extraction time grows with the length of one document and of one sentence (issue 12); a script, not a
test.

Two series, each document extracted alone with `tradegraph.extract.extract_text` after a warm-up:

- document length: the real articles of ../shared/corpus/dev/*.json joined by blank lines and repeated up to
  N characters (paragraphs, sentences and headlines as in real text);
- sentence length: the words of those articles without their punctuation, N words in one line: one
  "sentence" of N words, the worst case for the rule components.

For each N it prints the seconds, the time per character or per word, and the exponent k in time ∝ N^k
between consecutive sizes (1 = linear, 2 = quadratic). A run that fails (spaCy's E088 for more than
1,000,000 characters, before issue 12) is reported as such; a series stops once one run takes longer than
`--max-seconds`. The corpus is read from ../shared at run time, never copied into the repository.

    python benchmarks/bench_long.py                                   # both series, a few minutes
    python benchmarks/bench_long.py --chars 100000,1000000 --words 16000,160000 --json
    PYTHONPATH=/path/to/other/checkout python benchmarks/bench_long.py  # the same for another version
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
DEFAULT_CHARS = "50000,100000,200000,400000,800000,1600000"
DEFAULT_WORDS = "1000,2000,4000,8000,16000,32000,160000"


def corpus_text(corpus: Path) -> str:
    texts = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in sorted(corpus.glob("*.json"))]
    if not texts:
        sys.exit(f"error: no *.json articles in {corpus}")
    return "\n\n".join(texts)


def long_document(source: str, characters: int) -> str:
    return (source * (characters // len(source) + 1))[:characters]


def long_sentence(source: str, words: int) -> str:
    vocabulary = re.sub(r"[^\w\s]", " ", source).split()
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(words))


def measure(text: str) -> tuple[float | None, str | None, int]:
    """(seconds, error, trade flows found) for one document."""
    from tradegraph.extract import extract_text

    started = time.perf_counter()
    try:
        extraction = extract_text(text, doc_id="long")
    except Exception as error:  # the point is to report a failure, e.g. spaCy's E088
        return None, f"{type(error).__name__}: {str(error).splitlines()[0][:80]}", 0
    return time.perf_counter() - started, None, len(extraction.trade_flows)


def series(name: str, unit: str, sizes: list[int], make, max_seconds: float) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for size in sizes:
        seconds, error, flows = measure(make(size))
        row: dict[str, Any] = {"series": name, unit: size, "seconds": seconds, "error": error, "flows": flows}
        previous = next((r for r in reversed(rows) if r["seconds"]), None)
        if seconds and previous:
            row["k"] = math.log(seconds / previous["seconds"]) / math.log(size / previous[unit])
        rows.append(row)
        shown = (
            f"{seconds:8.2f} s  {seconds / size * 1e6:7.2f} µs/{unit[:-1]}" if seconds else f"failed: {error}"
        )
        growth = f"  k = {row['k']:.2f}" if "k" in row else ""
        print(f"{name:9} {size:>10,} {unit:10} {shown}{growth}  ({flows} flows)", file=sys.stderr, flush=True)
        if seconds is not None and seconds > max_seconds:
            print(f"{name:9} stopped: over {max_seconds:.0f} s", file=sys.stderr)
            break
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of gold *.json articles"
    )
    parser.add_argument("--chars", default=DEFAULT_CHARS, help="document lengths, comma-separated")
    parser.add_argument("--words", default=DEFAULT_WORDS, help="sentence lengths in words, comma-separated")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop a series after a slower run")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON on stdout")
    args = parser.parse_args()

    import tradegraph

    source = corpus_text(args.corpus)
    print(f"tradegraph from {Path(tradegraph.__file__).parent}", file=sys.stderr)
    measure("Kazakhstan exports wheat to Iran.")  # builds the pipeline and loads the gazetteers
    rows = series(
        "document", "characters", [int(n) for n in args.chars.split(",")],
        lambda n: long_document(source, n), args.max_seconds,
    )  # fmt: skip
    rows += series(
        "sentence", "words", [int(n) for n in args.words.split(",")],
        lambda n: long_sentence(source, n), args.max_seconds,
    )  # fmt: skip
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
