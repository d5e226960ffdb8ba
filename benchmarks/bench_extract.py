"""Throughput and scaling benchmark of tradegraph (issue 6); a script, not a test.

It builds a varied synthetic corpus from the real articles in ../shared/corpus/dev/*.json (country names and
demonyms swapped for other countries', commodities for other commodities, numbers scaled, paragraphs
shuffled and mixed between articles) and reports:

- pipeline start-up (imports + build_pipeline) and peak RSS, in fresh processes;
- extraction words/s and docs/s on one core (tradegraph.extract.extract_documents) and the peak RSS of the
  process that built the pipeline and extracted, with the words/s of the bare spaCy tokenizer on the same
  documents in the same run and the ratio of the two (how much the rule components cost over tokenizing);
- for each corpus size N: store ingest (Store.add_many, 64 documents per transaction as `ingest` does),
  reading the store back, graph build (TradeGraph.from_extractions), GraphML export (write_graphml), and how
  each grows with N.

Extraction is the slow stage, so by default only `--extract-docs` documents are extracted; a larger N reuses
those extractions (doc ids relabelled, texts still distinct) and its extraction time is extrapolated from
the measured words/s. `--full-extract` extracts every document instead.

    python benchmarks/bench_extract.py                       # sizes 1000,10000: a few minutes
    python benchmarks/bench_extract.py --sizes 1000,10000,100000 --json > bench.json
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
TARGET_WORDS_PER_SECOND = 400_000
TARGET_RSS_MB = 400
TARGET_100K_SECONDS = 600
INGEST_BATCH = 64  # tradegraph.store.ingest's default batch: one transaction per batch

_STARTUP_PROBE = """
import resource, time
started = time.perf_counter()
from tradegraph.pipeline import build_pipeline
imported = time.perf_counter()
build_pipeline()
built = time.perf_counter()
print(imported - started, built - imported, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def word_count(text: str) -> int:
    return len(text.split())


# -- the synthetic corpus ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    kind: str  # name | demonym | commodity | number
    value: str  # ISO3 for country slots, the original text otherwise


class Template:
    """An article cut into literal text and slots that each variant fills differently."""

    def __init__(self, text: str, pattern: re.Pattern[str], forms: dict[str, tuple[str, str]]) -> None:
        self.parts: list[str | Slot] = []
        position = 0
        for match in pattern.finditer(text):
            self.parts.append(text[position : match.start()])
            token = match.group(0)
            if match.lastgroup == "number":
                self.parts.append(Slot("number", token))
            elif match.lastgroup == "commodity":
                self.parts.append(Slot("commodity", token))
            else:
                kind, iso3 = forms[token]
                self.parts.append(Slot(kind, iso3))
            position = match.end()
        self.parts.append(text[position:])
        self.countries = sorted(
            {
                p.value
                for p in self.parts
                if isinstance(p, Slot) and p.kind != "number" and p.kind != "commodity"
            }
        )


class CorpusGenerator:
    """Varied articles from a handful of real ones; deterministic for a seed."""

    def __init__(self, corpus_dir: Path, seed: int = 6) -> None:
        from tradegraph import gazetteers

        paths = sorted(corpus_dir.glob("*.json"))
        if not paths:
            raise SystemExit(f"no articles in {corpus_dir} (give --corpus DIR)")
        texts = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in paths]

        names = {row.iso3: row.name for row in gazetteers.countries()}
        demonyms: dict[str, str] = {}
        forms: dict[str, tuple[str, str]] = {name: ("name", iso3) for iso3, name in names.items()}
        for row in gazetteers.country_aliases():
            if row.kind == "demonym":
                demonyms.setdefault(row.iso3, row.text)
                forms.setdefault(row.text, ("demonym", row.iso3))
            elif row.kind == "name":
                forms.setdefault(row.text, ("name", row.iso3))
        self.names = names
        self.demonyms = demonyms
        # Countries news writes about with a demonym: the pool the article's countries are swapped within.
        self.country_pool = sorted(iso3 for iso3 in names if iso3 in demonyms and " " not in names[iso3])
        commodities = sorted({row.term for row in gazetteers.commodities() if row.term.isascii()})
        self.commodities = [term for term in commodities if len(term) > 3]

        def alternation(words: list[str]) -> str:
            return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

        self.pattern = re.compile(
            rf"(?P<country>\b(?:{alternation([f for f in forms if len(f) > 2])})\b)"
            rf"|(?P<commodity>\b(?:{alternation(self.commodities)})\b)"
            r"|(?P<number>(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w.])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,]))"
        )
        self.templates = [Template(text, self.pattern, forms) for text in texts]
        self.random = random.Random(seed)

    def _number(self, text: str, factor: float) -> str:
        plain = text.replace(",", "")
        value = float(plain)
        if "." not in plain and 1900 <= value <= 2100:
            return text  # a year
        decimals = len(plain.partition(".")[2])
        scaled = value * factor
        if decimals:
            return f"{scaled:,.{decimals}f}" if "," in text else f"{scaled:.{decimals}f}"
        return f"{round(scaled):,}" if "," in text else str(max(1, round(scaled)))

    def _fill(self, template: Template) -> str:
        rng = self.random
        targets = rng.sample(self.country_pool, len(template.countries))
        swap = dict(zip(template.countries, targets, strict=True))
        factor = rng.uniform(0.3, 3.0)
        commodity_swap: dict[str, str] = {}
        out: list[str] = []
        for part in template.parts:
            if isinstance(part, str):
                out.append(part)
            elif part.kind == "number":
                out.append(self._number(part.value, factor))
            elif part.kind == "commodity":
                word = commodity_swap.setdefault(part.value.lower(), rng.choice(self.commodities))
                out.append(word.capitalize() if part.value[:1].isupper() else word)
            elif part.kind == "demonym":
                out.append(self.demonyms[swap[part.value]])
            else:
                out.append(self.names[swap[part.value]])
        return "".join(out)

    @staticmethod
    def _paragraphs(text: str) -> list[str]:
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        if len(paragraphs) > 2:
            return paragraphs
        return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]

    def article(self) -> str:
        """One new article: a varied copy of a real one, body shuffled, sometimes with part of another."""
        rng = self.random
        paragraphs = self._paragraphs(self._fill(rng.choice(self.templates)))
        head, body = paragraphs[:1], paragraphs[1:]
        rng.shuffle(body)
        if rng.random() < 0.4:
            extra = self._paragraphs(self._fill(rng.choice(self.templates)))[1:]
            body += rng.sample(extra, min(len(extra), rng.randint(1, 4)))
        return "\n\n".join(head + body)

    def documents(self, count: int, prefix: str = "bench") -> Iterator[Any]:
        """`count` Documents with distinct texts (the store keys documents by content hash)."""
        from tradegraph.models import Document

        seen: set[int] = set()
        made = 0
        while made < count:
            text = self.article()
            key = hash(text)
            if key in seen:
                continue
            seen.add(key)
            yield Document(doc_id=f"{prefix}-{made:06d}", text=text)
            made += 1


# -- measurements ------------------------------------------------------------------------------------------


def measure_startup(runs: int) -> dict[str, Any]:
    """Imports + build_pipeline() in fresh interpreters; the best and median of `runs`."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", _STARTUP_PROBE], capture_output=True, text=True, check=True, cwd=REPO
        )
        wall = time.perf_counter() - started
        imports, build, rss_kib = result.stdout.split()
        samples.append((float(imports), float(build), wall, int(rss_kib) / 1024))
    best = min(samples, key=lambda s: s[0] + s[1])
    return {
        "runs": runs,
        "imports_s": round(best[0], 3),
        "build_s": round(best[1], 3),
        "imports_plus_build_s": round(best[0] + best[1], 3),
        "median_imports_plus_build_s": round(statistics.median(s[0] + s[1] for s in samples), 3),
        "process_wall_s": round(best[2], 3),
        "rss_after_build_mb": round(max(s[3] for s in samples), 1),
    }


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def measure_extraction(documents: list[Any]) -> tuple[list[Any], dict[str, Any]]:
    from tradegraph.extract import extract_documents
    from tradegraph.pipeline import get_pipeline

    get_pipeline()
    list(extract_documents(documents[:20]))  # warm the tokenizer cache and lazy tables
    words = sum(word_count(d.text) for d in documents)
    tokenizer_s = measure_tokenizer([d.text for d in documents])
    extractions, seconds = timed(lambda: list(extract_documents(documents)))
    return extractions, {
        "docs": len(documents),
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_s": round(words / seconds),
        "tokenizer_words_per_s": round(words / tokenizer_s),
        # extraction time / tokenizer time on the same documents: the pipeline costs this many tokenizers
        "tokenizer_ratio": round(seconds / tokenizer_s, 1),
        "docs_per_s": round(len(documents) / seconds, 1),
        "mean_words_per_doc": round(words / len(documents), 1),
        "flows_per_doc": round(sum(len(e.trade_flows) for e in extractions) / len(extractions), 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def measure_tokenizer(texts: list[str]) -> float:
    """Seconds the bare English tokenizer of spaCy (spacy.blank("en"), no component) takes over `texts`:
    the floor every pipeline pays, measured after a warm-up pass so its cache is as warm as the pipeline's
    (the best of three passes)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    for text in texts[:20]:
        tokenizer(text)
    passes = []
    for _ in range(3):  # best of three: a pass is short, another job on the core shows in one of them
        started = time.perf_counter()
        for text in texts:
            tokenizer(text)
        passes.append(time.perf_counter() - started)
    return min(passes)


def relabel(extraction: Any, doc_id: str) -> Any:
    """The same facts under another document id (evidence included), for corpora larger than the pool."""
    from tradegraph.models import Extraction

    payload = extraction.model_dump_json().replace(json.dumps(extraction.doc_id), json.dumps(doc_id))
    return Extraction.model_validate_json(payload)


def measure_size(
    size: int,
    generator: CorpusGenerator,
    pool: list[Any],
    words_per_s: float,
    workdir: Path,
    full_extract: bool,
) -> dict[str, Any]:
    from tradegraph.export import write_graphml
    from tradegraph.extract import extract_documents
    from tradegraph.graph import TradeGraph
    from tradegraph.store import Store

    documents = list(generator.documents(size, prefix=f"n{size}"))
    words = sum(word_count(d.text) for d in documents)
    if full_extract:
        extractions, extract_s = timed(lambda: list(extract_documents(documents)))
        extract_measured = True
    else:
        extractions = [relabel(pool[i % len(pool)], d.doc_id) for i, d in enumerate(documents)]
        extract_s = words / words_per_s
        extract_measured = False

    db = workdir / f"bench-{size}.db"
    with Store(db) as store:
        started = time.perf_counter()
        added = 0
        for first in range(0, size, INGEST_BATCH):
            last = first + INGEST_BATCH
            added += store.add_many(zip(documents[first:last], extractions[first:last], strict=True))
        store_s = time.perf_counter() - started
        extractions = []
        started = time.perf_counter()
        stored = list(store.extractions())
        read_s = time.perf_counter() - started
    started = time.perf_counter()
    graph = TradeGraph.from_extractions(stored)
    graph_s = time.perf_counter() - started
    stored = []
    started = time.perf_counter()
    path = write_graphml(graph, workdir / f"bench-{size}.graphml")
    export_s = time.perf_counter() - started
    network = graph.to_networkx()
    nodes, edges = network.number_of_nodes(), network.number_of_edges()
    network = graph = None
    gc.collect()
    return {
        "docs": size,
        "words": words,
        "stored": added,
        "extract_s": round(extract_s, 2),
        "extract_measured": extract_measured,
        "store_ingest_s": round(store_s, 2),
        "store_read_s": round(read_s, 2),
        "graph_build_s": round(graph_s, 2),
        "graphml_export_s": round(export_s, 2),
        "store_to_graph_s": round(store_s + read_s + graph_s, 2),
        "end_to_end_s": round(extract_s + store_s + read_s + graph_s, 2),
        "db_mb": round(db.stat().st_size / 1e6, 1),
        "graphml_mb": round(Path(path).stat().st_size / 1e6, 1),
        "graph_nodes": nodes,
        "graph_edges": edges,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


GROWTH_FIELDS = (
    "store_ingest_s",
    "store_read_s",
    "graph_build_s",
    "graphml_export_s",
    "db_mb",
    "graph_edges",
)


def growth(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Between consecutive sizes: time ratio and the exponent k in time ~ N^k (1 = linear)."""
    rows = []
    for small, large in zip(sizes, sizes[1:], strict=False):
        scale = large["docs"] / small["docs"]
        row: dict[str, Any] = {"from": small["docs"], "to": large["docs"], "size_ratio": round(scale, 1)}
        for field in GROWTH_FIELDS:
            if small[field] and large[field]:
                ratio = large[field] / small[field]
                row[field] = {
                    "ratio": round(ratio, 2),
                    "exponent": round(math.log(ratio) / math.log(scale), 2),
                }
        rows.append(row)
    return rows


# -- report ------------------------------------------------------------------------------------------------


PROJECTED_STAGES = ("store_ingest_s", "store_read_s", "graph_build_s")


def project_100k(sizes: list[dict[str, Any]], growth_rows: list[dict[str, Any]]) -> tuple[float, str]:
    """Seconds for 100k articles: extraction scales linearly; store and graph stages with the growth
    exponent measured between the two largest sizes (never below linear)."""
    largest = sizes[-1]
    if largest["docs"] >= 100_000:
        return largest["end_to_end_s"] * 100_000 / largest["docs"], "measured"
    scale = 100_000 / largest["docs"]
    exponents = growth_rows[-1] if growth_rows else {}
    total = largest["extract_s"] * scale
    for stage in PROJECTED_STAGES:
        k = max(1.0, exponents.get(stage, {}).get("exponent", 1.0))
        total += largest[stage] * scale**k
    basis = "measured growth exponents" if growth_rows else "linearly"
    return total, f"projected from N={largest['docs']:,} with {basis}"


def verdicts(report: dict[str, Any]) -> list[dict[str, Any]]:
    extraction = report["extraction"]
    rss = max(extraction["peak_rss_mb"], report["startup"]["rss_after_build_mb"])
    result = [
        {
            "target": f"extraction >= {TARGET_WORDS_PER_SECOND:,} words/s on one core",
            "measured": f"{extraction['words_per_s']:,} words/s",
            "met": extraction["words_per_s"] >= TARGET_WORDS_PER_SECOND,
        },
        {
            "target": f"pipeline process peak RSS <= {TARGET_RSS_MB} MB",
            "measured": f"{rss:.0f} MB",
            "met": rss <= TARGET_RSS_MB,
        },
    ]
    largest = report["sizes"][-1] if report["sizes"] else None
    if largest:
        projected, how = project_100k(report["sizes"], report["growth"])
        result.append(
            {
                "target": "100k articles -> store -> graph <= 10 min (extraction included, one core)",
                "measured": f"{projected / 60:.1f} min ({how})",
                "met": projected <= TARGET_100K_SECONDS,
            }
        )
    return result


def print_table(report: dict[str, Any]) -> None:
    s, e = report["startup"], report["extraction"]
    print(f"tradegraph benchmark  ({report['python']}, {report['cpus']} CPUs, corpus {report['corpus']})")
    print()
    print(
        f"start-up   imports {s['imports_s']:.2f} s + build_pipeline {s['build_s']:.2f} s = "
        f"{s['imports_plus_build_s']:.2f} s (best of {s['runs']}; median {s['median_imports_plus_build_s']:.2f} s;"
        f" process {s['process_wall_s']:.2f} s); RSS after build {s['rss_after_build_mb']:.0f} MB"
    )
    print(
        f"extraction {e['docs']:,} docs, {e['words']:,} words in {e['seconds']:.1f} s: "
        f"{e['words_per_s']:,} words/s, {e['docs_per_s']:,} docs/s on one core; "
        f"peak RSS {e['peak_rss_mb']:.0f} MB; {e['flows_per_doc']} flows/doc"
    )
    print(
        f"tokenizer  bare spaCy tokenizer on the same documents: {e['tokenizer_words_per_s']:,} words/s; "
        f"extraction takes {e['tokenizer_ratio']}x the tokenizer's time"
    )
    print()
    header = (
        f"{'N docs':>8} {'words':>11} {'extract s':>10} {'ingest s':>9} {'read s':>7} {'graph s':>8} "
        f"{'GraphML s':>9} {'store→graph':>11} {'end-to-end':>10} {'db MB':>6} {'edges':>7} {'RSS MB':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in report["sizes"]:
        mark = "" if row["extract_measured"] else "*"
        print(
            f"{row['docs']:>8,} {row['words']:>11,} {row['extract_s']:>9.1f}{mark:1} {row['store_ingest_s']:>9.2f} "
            f"{row['store_read_s']:>7.2f} {row['graph_build_s']:>8.2f} {row['graphml_export_s']:>9.2f} "
            f"{row['store_to_graph_s']:>11.2f} {row['end_to_end_s']:>10.1f} {row['db_mb']:>6.1f} "
            f"{row['graph_edges']:>7,} {row['peak_rss_mb']:>7.0f}"
        )
    if any(not row["extract_measured"] for row in report["sizes"]):
        print("* extraction time extrapolated from the measured words/s (extractions reused; --full-extract)")
    if report["growth"]:
        print()
        print("growth (time ratio, and k in time ~ N^k; 1 = linear):")
        for row in report["growth"]:
            cells = [
                f"{field.removesuffix('_s')} x{row[field]['ratio']} (k={row[field]['exponent']})"
                for field in GROWTH_FIELDS
                if field in row
            ]
            print(f"  {row['from']:,} -> {row['to']:,}: " + ", ".join(cells))
    print()
    for verdict in report["verdicts"]:
        print(f"[{'met' if verdict['met'] else 'NOT met'}] {verdict['target']}: {verdict['measured']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="directory of *.json articles")
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes N, comma-separated")
    parser.add_argument("--extract-docs", type=int, default=1000, help="documents extracted for words/s")
    parser.add_argument("--full-extract", action="store_true", help="extract every document of every N")
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--workdir", type=Path, help="where stores and GraphML go (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead of a table")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(",") if size.strip())

    report: dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "corpus": str(args.corpus),
        "startup": measure_startup(args.startup_runs),
    }
    generator = CorpusGenerator(args.corpus, seed=args.seed)
    sample = list(generator.documents(args.extract_docs, prefix="x"))
    pool, report["extraction"] = measure_extraction(sample)
    with tempfile.TemporaryDirectory(prefix="tradegraph-bench-", dir=args.workdir) as workdir:
        report["sizes"] = [
            measure_size(
                size, generator, pool, report["extraction"]["words_per_s"], Path(workdir), args.full_extract
            )
            for size in sizes
        ]
    report["growth"] = growth(report["sizes"])
    report["verdicts"] = verdicts(report)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
