"""Take full-page screenshots of running Civic CX pages with Debian's Chromium.

    python scripts/screenshots.py http://127.0.0.1:8000 / /es/ /services/ ...
    python scripts/screenshots.py --sign-in=cx-analyst http://127.0.0.1:8000 /staff/cx/
Writes PNGs to screenshots/ so people can look at what they built. ``--sign-in`` signs in as
a demo staff user first (password ``<user>-demo-2024``, code from ``civiccx demo_code``, run
with the same DATABASE_URL as the server).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def sign_in(page, base: str, user: str) -> None:
    """Sign in as a demo staff user. A code is accepted once: if the last run used this one,
    wait for the next (codes change every 30 seconds)."""
    page.goto(base + "/staff/sign-in/")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(f"{user}-demo-2024")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    civiccx = Path(sys.executable).with_name("civiccx")
    for attempt in range(2):
        if attempt:
            time.sleep(30 - time.time() % 30 + 1)
        code = subprocess.run([str(civiccx), "demo_code", user], capture_output=True,
                              text=True, check=True).stdout.strip()
        page.get_by_label("6-digit code").fill(code)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if not page.get_by_label("6-digit code").count():
            return
    raise SystemExit(f"could not sign in as {user}")


def main(base: str, paths: list[str], width: int = 1280, user: str = "") -> int:
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        if user:
            sign_in(page, base, user)
        for path in paths:
            page.goto(base + path)
            name = path.strip("/").replace("/", "_") or "home"
            target = out / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()
    return 0


if __name__ == "__main__":
    width, user = 1280, ""
    args = sys.argv[1:]
    while args and args[0].startswith("--"):
        option, _, value = args.pop(0).partition("=")
        if option == "--width":
            width = int(value)
        elif option == "--sign-in":
            user = value
        else:
            raise SystemExit(f"unknown option {option}: use --width=N or --sign-in=USER")
    raise SystemExit(main(args[0], args[1:], width, user))
