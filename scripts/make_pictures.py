"""Regenerate the README pictures from the gold dev articles (../shared/corpus/dev): the trade map, the
Kazakhstan sankey, and screenshots of the interactive page — the network, Kazakhstan opened, the map
layout — in headless Chromium, as in the tests (needs `pip install -e ".[dev]"` and Debian's chromium).

    python scripts/make_pictures.py          # writes docs/pictures/*.png

Extraction is improved by others over time, so rerun this whenever the dev figures move.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
OUT = ROOT / "docs" / "pictures"
sys.path.insert(0, str(ROOT))

from tradegraph.documents import Document  # noqa: E402
from tradegraph.extract import extract_documents  # noqa: E402
from tradegraph.graph import TradeGraph  # noqa: E402
from tradegraph.plot import plot_trade_network  # noqa: E402
from tradegraph.view import write_html  # noqa: E402


def dev_graph() -> TradeGraph:
    documents = []
    for path in sorted(DEV.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        documents.append(Document(doc_id=record["id"], text=record["text"], date=record.get("date")))
    return TradeGraph.from_extractions(extract_documents(documents))


def screenshots(page: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    profile = Path(tempfile.mkdtemp(prefix="tradegraph-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,860",
                 f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(page.resolve().as_uri())

        def settled() -> None:  # the page lays out asynchronously (vis-network's simulation)
            WebDriverWait(driver, 30).until(
                lambda d: d.execute_script(
                    "return window.tradegraphView && document.body.dataset.settled"
                    " === String(window.tradegraphView.generation())"
                )
            )

        settled()
        driver.save_screenshot(str(OUT / "view-network.png"))
        driver.execute_script("window.tradegraphView.tap('country:KAZ')")
        settled()
        driver.save_screenshot(str(OUT / "view-kazakhstan.png"))
        driver.execute_script("window.tradegraphView.tap('country:KAZ')")
        driver.execute_script(
            "const e = document.getElementById('layout'); e.value = 'map'; e.dispatchEvent(new Event('change'))"
        )
        settled()
        driver.save_screenshot(str(OUT / "view-map.png"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    kg = dev_graph()
    plot_trade_network(kg, OUT / "trade-map.png")
    plot_trade_network(kg, OUT / "sankey-kazakhstan.png", kind="sankey", country="Kazakhstan")
    with tempfile.TemporaryDirectory() as scratch:
        screenshots(write_html(kg, Path(scratch) / "dev.html", title="tradegraph — 41 dev articles"))
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
