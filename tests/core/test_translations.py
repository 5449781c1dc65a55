"""Every user-facing string has a Spanish translation, and the catalog is up to date."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import civiccx

pytestmark = pytest.mark.pure

PACKAGE = Path(civiccx.__file__).parent
CATALOG = PACKAGE / "locale" / "es" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str) -> dict[str, str]:
    """msgid -> msgstr (first plural form), for a gettext catalog."""
    entries = {}
    for block in po_text.split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""\n"Project' not in block:
            entries[_field(block, "msgid")] = ""
            continue
        msgid = _field(block, "msgid")
        if msgid:
            entries[msgid] = _field(block, "msgstr") or _field(block, r"msgstr\[0\]")
    return entries


def _field(block: str, name: str) -> str:
    match = re.search(rf'^{name} ((?:".*"\n?)+)', block, re.MULTILINE)
    if not match:
        return ""
    return "".join(re.findall(r'"(.*)"', match.group(1)))


def test_every_string_in_the_spanish_catalog_is_translated():
    untranslated = [msgid for msgid, msgstr in _entries(CATALOG.read_text()).items()
                    if not msgstr]
    assert not untranslated, f"Untranslated or fuzzy Spanish strings: {untranslated[:20]}"


def test_the_catalog_has_every_string_in_the_code(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("gettext tools are not installed")
    copy = tmp_path / "civiccx"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    (copy / "locale" / "es" / "LC_MESSAGES" / "django.po").unlink()
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "es", "-v", "0"],
                   cwd=copy, check=True, env={"PATH": "/usr/bin:/bin"})
    fresh = _entries((copy / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text())
    committed = _entries(CATALOG.read_text())
    missing = sorted(set(fresh) - set(committed))
    assert not missing, (
        "Strings in the code are missing from the Spanish catalog; run "
        f"`cd src/civiccx && django-admin makemessages -l es` and translate: {missing[:20]}")
