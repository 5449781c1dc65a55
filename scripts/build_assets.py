"""Copy the pinned front-end packages (USWDS, HTMX) from node_modules into Django static files.

Only what pages load is copied: USWDS's compiled CSS and JS, the fonts and images its CSS
references (relative to css/), and HTMX's minified build.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
TARGET = ROOT / "src" / "civiccx" / "core" / "static" / "vendor"

COPIES = [
    ("@uswds/uswds/dist/css/uswds.min.css", "uswds/css/uswds.min.css"),
    ("@uswds/uswds/dist/js/uswds-init.min.js", "uswds/js/uswds-init.min.js"),
    ("@uswds/uswds/dist/js/uswds.min.js", "uswds/js/uswds.min.js"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
]
TREES = [("@uswds/uswds/dist/fonts", "uswds/fonts", "*.woff2"),
         ("@uswds/uswds/dist/img", "uswds/img", "*")]


def main() -> int:
    if not NODE.exists():
        print("node_modules is missing: run `npm ci` first.", file=sys.stderr)
        return 2
    for source, target in COPIES:
        destination = TARGET / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(NODE / source, destination)
    for source, target, pattern in TREES:
        for path in (NODE / source).rglob(pattern):
            if path.is_file():
                destination = TARGET / target / path.relative_to(NODE / source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
    print(f"Front-end assets copied to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
