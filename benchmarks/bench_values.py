"""Time of the money and trade value components per document; a script, not a test.

Runs the pipeline up to each of `tg_values` (money and quantities) and `tg_trade_values` (which amounts are
trade values) over the articles of a corpus, then times those two components alone over the prepared Docs,
best of `--repeats` passes (the machine's other work only ever adds time).

    python benchmarks/bench_values.py                      # ../shared/corpus/dev, 3 copies, best of 7
    python benchmarks/bench_values.py --copies 10 --json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from spacy.tokens import Doc

from tradegraph.components.base import set_doc_text
from tradegraph.doctext import clean_text
from tradegraph.pipeline import get_pipeline

COMPONENTS = ("tg_values", "tg_trade_values")


def prepared(texts: list[str], component: str) -> list[Doc]:
    """Docs run through every component before `component`."""
    nlp = get_pipeline()
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        set_doc_text(doc, text)
        for name, pipe in nlp.pipeline:
            if name == component:
                break
            doc = pipe(doc)
        docs.append(doc)
    return docs


def best_time(component: str, texts: list[str], repeats: int) -> float:
    """Seconds of the best of `repeats` passes of `component` over fresh copies of the prepared Docs."""
    pipe = get_pipeline().get_pipe(component)
    best = float("inf")
    for _ in range(repeats):
        docs = prepared(texts, component)
        start = time.perf_counter()
        for doc in docs:
            pipe(doc)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/corpus/dev"
    )
    parser.add_argument("--copies", type=int, default=3, help="times each article is read")
    parser.add_argument("--repeats", type=int, default=7, help="passes; the best is reported")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    texts = [
        clean_text(json.loads(path.read_text(encoding="utf-8"))["text"]).text
        for path in sorted(args.corpus.glob("*.json"))
    ] * args.copies
    if not texts:
        parser.error(f"no *.json articles in {args.corpus}")
    words = sum(len(text.split()) for text in texts)
    report = {"documents": len(texts), "words": words}
    for component in COMPONENTS:
        seconds = best_time(component, texts, args.repeats)
        report[component] = {"ms_per_doc": 1000 * seconds / len(texts), "words_per_s": words / seconds}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['documents']} documents, {words:,} words; best of {args.repeats} passes")
    for component in COMPONENTS:
        figures = report[component]
        print(f"{component:16} {figures['ms_per_doc']:.3f} ms/doc  {figures['words_per_s']:,.0f} words/s")


if __name__ == "__main__":
    main()
