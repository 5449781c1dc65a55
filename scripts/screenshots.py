"""Take full-page screenshots of running Civic CX pages with Debian's Chromium.

    python scripts/screenshots.py http://127.0.0.1:8000 / /es/ /services/ ...
Writes PNGs to screenshots/ so people can look at what they built.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def main(base: str, paths: list[str], width: int = 1280) -> int:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in paths:
            page.goto(base + path)
            name = path.strip("/").replace("/", "_") or "home"
            target = out / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()
    return 0


if __name__ == "__main__":
    width = 1280
    args = sys.argv[1:]
    if args and args[0].startswith("--width="):
        width = int(args.pop(0).split("=", 1)[1])
    raise SystemExit(main(args[0], args[1:], width))
