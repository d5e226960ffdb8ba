"""Places in the shapes news writes them: each sentence (written for these tests) with its exact places."""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text

CASES = [
    ("The cargo arrived at the port of Bandar Abbas from Mumbai.", {("port", "IRN"), ("port", "IND")}),
    (
        "Containers were shipped via the ports of Poti and Batumi to Romania's Constanta.",
        {("port", "GEO"), ("port", "ROU")},
    ),
    ("The Khorgos dry port handled 500,000 containers.", {("port", "KAZ")}),
    (
        "Officials from Almaty region and the Zhambyl oblast met in Taraz.",
        {("region", "KAZ"), ("city", "KAZ")},
    ),
    ("The governor of Texas visited Monterrey.", {("region", "USA"), ("city", "MEX")}),
    ("Russia's Novorossiysk port shipped grain to Turkey's Mersin.", {("port", "RUS"), ("port", "TUR")}),
    ("Chad Smith and Jordan Brown played in Paris.", {("city", "FRA")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_place_shapes(text: str, expected: set) -> None:
    found = {(loc.kind, loc.country) for loc in extract_text(text, doc_id="case").locations}
    assert found == expected
