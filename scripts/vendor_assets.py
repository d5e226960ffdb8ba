"""Vendor the JavaScript and map data the pictures use into tradegraph/assets/, from the npm registry.

    python scripts/vendor_assets.py          # needs npm; writes tradegraph/assets/ and its VENDORED.md

Run at build time only, when a version below changes: the files are committed, so neither installing
tradegraph nor drawing a picture fetches anything. Each file's licence is copied beside it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "tradegraph" / "assets"

# npm package, version, files to take (path inside the package -> name in assets/), licence
PACKAGES = [
    (
        "cytoscape",
        "3.35.0",
        {"dist/cytoscape.min.js": "cytoscape.min.js", "LICENSE": "cytoscape.LICENSE"},
        "MIT",
    ),
    (
        "world-atlas",
        "2.0.2",
        {"countries-110m.json": "countries-110m.json", "LICENSE": "world-atlas.LICENSE"},
        "ISC (data: Natural Earth, public domain)",
    ),
]


def vendor() -> None:
    ASSETS.mkdir(exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, version, files, licence in PACKAGES:
            tarball = (
                subprocess.run(
                    ["npm", "pack", f"{name}@{version}", "--silent"],
                    cwd=scratch,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            with tarfile.open(Path(scratch) / tarball) as archive:
                for inner, target in files.items():
                    member = archive.extractfile(f"package/{inner}")
                    if member is None:
                        raise SystemExit(f"{name}@{version}: no {inner} in the package")
                    with (ASSETS / target).open("wb") as out:
                        shutil.copyfileobj(member, out)
                    digest = hashlib.sha256((ASSETS / target).read_bytes()).hexdigest()
                    rows.append(
                        f"| `{target}` | npm `{name}@{version}` `{inner}` | {licence} | `{digest[:16]}` |"
                    )
                    print(f"{target}: {(ASSETS / target).stat().st_size / 1024:.0f} KiB")
    (ASSETS / "VENDORED.md").write_text(
        "# Vendored assets\n\n"
        "Written by `python scripts/vendor_assets.py` (npm registry, build time only; do not edit).\n\n"
        "| file | from | licence | sha256 (first 16) |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    vendor()
