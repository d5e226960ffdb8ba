"""Extraction CPU time of two or more checkouts on the same documents, in alternating chunks; a script.

On a machine shared with other jobs, wall-clock words/s swing by 1.5x between runs a minute apart, and so
does the bare tokenizer's. Here one worker process per checkout (`PYTHONPATH=CHECKOUT`) builds the pipeline
and warms up, then the workers extract the same chunks of generated documents (bench_extract.py's corpus
generator, the same seed) one after the other, each measuring its own CPU time (`time.process_time`) and
the bare spaCy tokenizer's on the same chunk. Every checkout sees the machine in the same state, chunk by
chunk, so their ratios are comparable even when the absolute figures are not.

    python benchmarks/bench_alternate.py /tmp/old-checkout .              # 400 documents, 2 rounds
    python benchmarks/bench_alternate.py A B C --docs 400 --chunk 40 --rounds 3 --json
    python benchmarks/bench_alternate.py /tmp/old-checkout . --components --chunk 20 --rounds 3

`--components` prints each checkout's CPU seconds per pipeline step instead (summed over the rounds):
the tokenizer (`nlp.make_doc`), each component and `to_extraction` (reading the facts off the Doc), each
document run step by step on one Doc as the pipeline runs it, without extract.py's text cleaning.

A checkout is a directory holding `tradegraph/` and `rules/` (e.g. `git archive REV | tar -x -C DIR`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def worker(texts_path: Path, components: bool = False) -> None:
    """One checkout's side: read "a b" lines, extract documents [a, b), print CPU seconds as JSON."""
    import spacy

    from tradegraph.extract import extract_documents
    from tradegraph.models import Document
    from tradegraph.pipeline import get_pipeline

    if components:
        _component_worker(texts_path)
        return

    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    documents = [Document(doc_id=f"alt-{n:06d}", text=text) for n, text in enumerate(texts)]
    warm, documents = documents[:20], documents[20:]
    get_pipeline()
    list(extract_documents(warm))
    tokenizer = spacy.blank("en").tokenizer
    for document in warm:
        tokenizer(document.text)
    print("ready", flush=True)
    for line in sys.stdin:
        first, last = map(int, line.split())
        chunk = documents[first:last]
        started = time.process_time()
        extractions = list(extract_documents(chunk))
        extract_s = time.process_time() - started
        started = time.process_time()
        for document in chunk:
            tokenizer(document.text)
        tokenizer_s = time.process_time() - started
        flows = sum(len(e.trade_flows) for e in extractions)
        print(json.dumps({"extract_s": extract_s, "tokenizer_s": tokenizer_s, "flows": flows}), flush=True)


def _component_worker(texts_path: Path) -> None:
    """--components: CPU seconds of each pipeline step over documents [a, b), as JSON."""
    from tradegraph.extract import doc_to_extraction
    from tradegraph.pipeline import get_pipeline

    try:  # older checkouts have no doc_text cache to seed
        from tradegraph.components.base import set_doc_text
    except ImportError:
        set_doc_text = None
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    warm, texts = texts[:20], texts[20:]
    nlp = get_pipeline()
    for text in warm:
        doc_to_extraction(nlp(text))
    print("ready", flush=True)
    for line in sys.stdin:
        first, last = map(int, line.split())
        times: dict[str, float] = {}
        for text in texts[first:last]:
            started = time.process_time()
            doc = nlp.make_doc(text)
            if set_doc_text is not None:
                set_doc_text(doc, text)
            times["tokenizer"] = times.get("tokenizer", 0.0) + time.process_time() - started
            for name, component in nlp.pipeline:
                started = time.process_time()
                doc = component(doc)
                times[name] = times.get(name, 0.0) + time.process_time() - started
            started = time.process_time()
            doc_to_extraction(doc)
            times["to_extraction"] = times.get("to_extraction", 0.0) + time.process_time() - started
        print(json.dumps({"components": times}), flush=True)


def compare_components(
    checkouts: list[Path], docs: int, chunk: int, rounds: int, seed: int, texts_path: Path
) -> dict:
    """Per-step CPU seconds of each checkout, summed over the rounds, in alternating chunks."""
    workers = _start_workers(checkouts, docs, seed, texts_path, ["--components"])
    totals: list[dict[str, float]] = [{} for _ in checkouts]
    for _ in range(rounds):
        for first in range(0, docs, chunk):
            for process, total in zip(workers, totals, strict=True):
                process.stdin.write(f"{first} {min(first + chunk, docs)}\n")
                process.stdin.flush()
                for name, seconds in json.loads(process.stdout.readline())["components"].items():
                    total[name] = total.get(name, 0.0) + seconds
    _stop_workers(workers)
    steps = sorted(set().union(*totals), key=lambda name: -totals[-1].get(name, 0.0))
    return {
        "docs": docs,
        "rounds": rounds,
        "chunk": chunk,
        "checkouts": [str(checkout) for checkout in checkouts],
        "steps": {name: [round(total.get(name, 0.0), 3) for total in totals] for name in steps},
        "total": [round(sum(total.values()), 3) for total in totals],
    }


def _start_workers(
    checkouts: list[Path], docs: int, seed: int, texts_path: Path, options: list[str]
) -> list[subprocess.Popen]:
    # The documents are generated once, here, so that every checkout reads the same texts.
    sys.path.insert(0, str(HERE))
    from bench_extract import DEFAULT_CORPUS, CorpusGenerator

    texts = [d.text for d in CorpusGenerator(DEFAULT_CORPUS, seed=seed).documents(docs + 20)]
    texts_path.write_text(json.dumps(texts), encoding="utf-8")
    workers = []
    for checkout in checkouts:
        env = dict(os.environ, PYTHONPATH=str(checkout))
        command = [sys.executable, __file__, "--worker", "--texts", str(texts_path), *options]
        workers.append(
            subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        )
    for process in workers:
        if process.stdout.readline().strip() != "ready":
            raise SystemExit("a worker failed to start")
    return workers


def _stop_workers(workers: list[subprocess.Popen]) -> None:
    for process in workers:
        process.stdin.close()
        process.wait()


def compare(checkouts: list[Path], docs: int, chunk: int, rounds: int, seed: int, texts_path: Path) -> dict:
    workers = _start_workers(checkouts, docs, seed, texts_path, [])
    totals = [{"extract_s": 0.0, "tokenizer_s": 0.0, "flows": 0, "chunk_ratios": []} for _ in checkouts]
    for _ in range(rounds):
        for first in range(0, docs, chunk):
            for process, total in zip(workers, totals, strict=True):
                process.stdin.write(f"{first} {min(first + chunk, docs)}\n")
                process.stdin.flush()
                measured = json.loads(process.stdout.readline())
                total["extract_s"] += measured["extract_s"]
                total["tokenizer_s"] += measured["tokenizer_s"]
                total["flows"] += measured["flows"]
                total["chunk_ratios"].append(measured["extract_s"] / max(measured["tokenizer_s"], 1e-9))
    _stop_workers(workers)
    base = totals[0]["extract_s"]
    return {
        "docs": docs,
        "rounds": rounds,
        "chunk": chunk,
        "checkouts": [
            {
                "checkout": str(checkout),
                "extract_cpu_s": round(total["extract_s"] / rounds, 3),
                "tokenizer_cpu_s": round(total["tokenizer_s"] / rounds, 3),
                "tokenizer_ratio": round(total["extract_s"] / total["tokenizer_s"], 1),
                "median_chunk_ratio": round(statistics.median(total["chunk_ratios"]), 1),
                "flows_per_doc": round(total["flows"] / rounds / docs, 2),
                "cpu_vs_first": round(total["extract_s"] / base, 3),
            }
            for checkout, total in zip(checkouts, totals, strict=True)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs="*", type=Path, help="directories holding tradegraph/ and rules/")
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--chunk", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--components", action="store_true", help="CPU seconds per pipeline step (summed over the rounds)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.texts, components=args.components)
        return 0
    if len(args.checkouts) < 2:
        parser.error("give two or more checkouts")
    with tempfile.TemporaryDirectory() as workdir:
        checkouts = [c.resolve() for c in args.checkouts]
        texts_path = Path(workdir) / "texts.json"
        run = compare_components if args.components else compare
        report = run(checkouts, args.docs, args.chunk, args.rounds, args.seed, texts_path)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    if args.components:
        _print_components(report)
        return 0
    print(f"{args.docs} documents, chunks of {args.chunk}, {args.rounds} rounds (CPU time, alternating)")
    for row in report["checkouts"]:
        print(
            f"{row['checkout']:40s} extract {row['extract_cpu_s']:7.3f} s  tokenizer {row['tokenizer_cpu_s']:6.3f} s"
            f"  ratio {row['tokenizer_ratio']:5.1f} (median chunk {row['median_chunk_ratio']:5.1f})"
            f"  flows/doc {row['flows_per_doc']:.2f}  x{row['cpu_vs_first']:.3f} of the first"
        )
    return 0


def _print_components(report: dict) -> None:
    print(
        f"{report['docs']} documents, chunks of {report['chunk']}, {report['rounds']} rounds "
        "(CPU seconds per step, summed over the rounds, alternating)"
    )
    names = [Path(checkout).name or checkout for checkout in report["checkouts"]]
    print(f"{'':16s}" + "".join(f"{name[-11:]:>12s}" for name in names) + "  last/first")
    for step, seconds in [*report["steps"].items(), ("TOTAL", report["total"])]:
        ratio = seconds[-1] / max(seconds[0], 1e-9)
        print(f"{step:16s}" + "".join(f"{value:12.3f}" for value in seconds) + f"  {ratio:10.2f}")


if __name__ == "__main__":
    sys.exit(main())
