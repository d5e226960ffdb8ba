"""Quality gate: `tradegraph eval --json` figures against the committed baseline, so quality only goes up.

    tradegraph eval ../shared/corpus/dev --json > eval.json
    python scripts/check_quality.py eval.json            # exit 1 naming each figure that fell
    tradegraph eval ../shared/corpus/dev --json | python scripts/check_quality.py
    python scripts/check_quality.py eval.json --update   # raise the baseline to the figures that improved
    python scripts/check_quality.py eval.json --markdown # the README's quality table for this report

The baseline (benchmarks/quality_baseline.json) maps each figure to its recorded value: the F1 of each fact
type and modality_accuracy / role_class_accuracy. A figure fails when it is more than the tolerance (0.02)
below its baseline. `--update` only raises recorded figures unless `--force` is given. Exit codes: 0 pass,
1 a figure fell, 2 unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_BASELINE = Path(__file__).resolve().parent.parent / "benchmarks" / "quality_baseline.json"
TOLERANCE = 0.02
# A float that prints as equal to the limit is not a regression.
_EPSILON = 1e-9
FIGURES = (
    "countries",
    "trade_flows",
    "officials",
    "ports",
    "regions",
    "cities",
    "trade_values",
    "modality_accuracy",
    "role_class_accuracy",
)


class InputError(ValueError):
    """The report or the baseline cannot be read."""


def report_figures(report: dict) -> dict[str, float | None]:
    """The figures of an EvalReport JSON: its "figures" field, else F1 per fact type plus the accuracies."""
    if isinstance(report.get("figures"), dict):
        figures = report["figures"]
    elif isinstance(report.get("scores"), dict):
        figures = {name: score.get("f1") for name, score in report["scores"].items()}
        for name in ("modality_accuracy", "role_class_accuracy"):
            figures[name] = report.get(name)
    else:
        raise InputError('not a tradegraph eval --json report (no "figures" or "scores")')
    for name, value in figures.items():
        if value is not None and not isinstance(value, (int, float)):
            raise InputError(f"figure {name!r} is not a number: {value!r}")
    return dict(figures)


def compare(
    current: dict[str, float | None], baseline: dict[str, float], tolerance: float = TOLERANCE
) -> list[str]:
    """One line per baseline figure now more than ``tolerance`` below it (a missing figure counts as 0)."""
    failures = []
    for name, recorded in baseline.items():
        value = current.get(name)
        now = 0.0 if value is None else float(value)
        if now < recorded - tolerance - _EPSILON:
            shown = "missing" if value is None else f"{now:.3f}"
            failures.append(
                f"{name}: {shown} is {recorded - now:.3f} below the baseline {recorded:.3f} "
                f"(tolerance {tolerance})"
            )
    return failures


def updated_baseline(
    current: dict[str, float | None], baseline: dict[str, float], force: bool = False
) -> dict[str, float]:
    """The baseline raised to every improved figure; with ``force`` simply the current figures."""
    names = [n for n in FIGURES if n in baseline or n in current]
    names += [n for n in {**baseline, **current} if n not in names]
    result: dict[str, float] = {}
    for name in names:
        value = current.get(name)
        now = None if value is None else round(float(value), 4)
        old = baseline.get(name)
        if force:
            result[name] = now if now is not None else 0.0
        else:
            result[name] = max(x for x in (old, now, 0.0) if x is not None)
    return result


# Targets shown in README's quality table (the issues' goals).
TARGETS = {
    "countries": "≥ 0.97",
    "trade_flows": "≥ 0.85",
    "officials": "≥ 0.92",
    "ports": "≥ 0.90",
    "regions": "≥ 0.85",
    "modality_accuracy": "≥ 0.92",
    "role_class_accuracy": "≥ 0.95",
}


def markdown_table(report: dict) -> str:
    """README's quality table (precision, recall, F1 per fact type, then the accuracies) for a report."""
    scores = report.get("scores")
    if not isinstance(scores, dict):
        raise InputError('not a tradegraph eval --json report (no "scores")')
    lines = ["| fact type | precision | recall | F1 | target |", "| --- | --- | --- | --- | --- |"]
    for name, score in scores.items():
        cells = (f"{score.get(k, 0.0):.3f}" for k in ("precision", "recall", "f1"))
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {TARGETS.get(name, '')} |")
    for name, label in (
        ("modality_accuracy", "modality accuracy (matched flows)"),
        ("role_class_accuracy", "role_class accuracy (matched officials)"),
    ):
        value = report.get(name)
        shown = "n/a" if value is None else f"{value:.3f}"
        lines.append(f"| {label} | | | {shown} | {TARGETS.get(name, '')} |")
    return "\n".join(lines)


def _read_json(text: str, where: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object")
    return data


def read_baseline(path: Path) -> dict[str, float]:
    if not path.exists():
        return {}
    data = _read_json(path.read_text(encoding="utf-8"), str(path))
    for name, value in data.items():
        if not isinstance(value, (int, float)):
            raise InputError(f"{path}: {name!r} is not a number")
    return {name: float(value) for name, value in data.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="-", help="eval --json output file (default: stdin)")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="baseline JSON file")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="allowed drop (default 0.02)")
    parser.add_argument("--update", action="store_true", help="raise the baseline to the improved figures")
    parser.add_argument("--force", action="store_true", help="with --update, also lower figures")
    parser.add_argument("--markdown", action="store_true", help="print README's quality table and exit")
    args = parser.parse_args(argv)

    try:
        if args.report == "-":
            report_text, where = sys.stdin.read(), "stdin"
        else:
            try:
                report_text = Path(args.report).read_text(encoding="utf-8")
            except OSError as exc:
                raise InputError(f"{args.report}: {exc.strerror or exc}") from None
            where = args.report
        report = _read_json(report_text, where)
        if args.markdown:
            print(markdown_table(report))
            return 0
        current = report_figures(report)
        baseline = read_baseline(args.baseline)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if args.update:
        new = updated_baseline(current, baseline, force=args.force)
        args.baseline.parent.mkdir(parents=True, exist_ok=True)
        args.baseline.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        changed = [
            f"{n}: {baseline.get(n, 0.0):.3f} -> {v:.3f}" for n, v in new.items() if baseline.get(n) != v
        ]
        print(
            f"baseline {args.baseline} updated" + (": " + "; ".join(changed) if changed else " (no change)")
        )
        return 0

    failures = compare(current, baseline, args.tolerance)
    for line in failures:
        print(f"quality dropped: {line}", file=sys.stderr)
    if failures:
        return 1
    print(f"quality gate passed: {len(baseline)} figures within {args.tolerance} of {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
