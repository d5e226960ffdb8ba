"""What the trade-flow tests read off an extraction: the flows of a text as plain tuples."""

from __future__ import annotations

from tradegraph.extract import extract_text
from tradegraph.normalize import normalize_commodity


def stated_flows(text: str) -> set[tuple[str, str, str]]:
    """(exporter, importer, commodity) of the flows a text states as happening or to happen, not negated;
    commodities normalised."""
    return {
        (f.exporter, f.importer, normalize_commodity(f.commodity.name))
        for f in extract_text(text, doc_id="case").trade_flows
        if not f.negated
    }


def flow_rows(text: str, *, normalise: bool = True) -> set[tuple[str, str, str, str, bool]]:
    """(exporter, importer, commodity, modality, negated) of every flow of a text."""
    name = normalize_commodity if normalise else str
    return {
        (f.exporter, f.importer, name(f.commodity.name), f.modality, f.negated)
        for f in extract_text(text, doc_id="case").trade_flows
    }


def normal(expected: set) -> set:
    """Expected (exporter, importer, commodity) rows, or bare commodity names, normalised as the flows are."""
    return {
        (*item[:2], normalize_commodity(item[2])) if isinstance(item, tuple) else normalize_commodity(item)
        for item in expected
    }
