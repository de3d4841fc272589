"""Keep the translation files current: ``python -m console.i18n_update``.

Runs ``pyside6-lupdate`` over the sources (every ``self.tr``, ``QCoreApplication.translate``
and ``QT_TRANSLATE_NOOP`` with literal arguments) into ``resources/i18n/kcc_en.ts`` (complete
English) and ``kcc_nl.ts`` (the Dutch plural forms only: Dutch is the source language), then
compiles both to ``.qm`` with ``pyside6-lrelease``. New texts arrive as unfinished; translate
them in Qt Linguist (``pyside6-linguist``) or the XML, run this again and commit the four
files. ``tests/test_i18n_complete.py`` fails while a text has no finished English translation.

A developer tool, run by hand; not imported by the console.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("console", "widgets", "integrations", "offline_cache")
I18N = ROOT / "resources" / "i18n"


def tool(name: str) -> str:
    """A Qt tool from the same environment as this Python (the venv's PySide6)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def lupdate(ts: Path, *, language: str, plural_only: bool = False, keep_obsolete: bool = False):
    """Run lupdate over the sources into ``ts``; returns the completed process."""
    args = [tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none"]
    args += [*SOURCES, "-source-language", "nl", "-target-language", language]
    if plural_only:
        args.append("-pluralonly")
    if not keep_obsolete:
        args.append("-no-obsolete")
    return subprocess.run([*args, "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True,
                          text=True)  # fmt: skip


def lrelease(ts: Path, qm: Path):
    return subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True,
        text=True,
    )  # fmt: skip


def main() -> int:
    I18N.mkdir(parents=True, exist_ok=True)
    lupdate(I18N / "kcc_en.ts", language="en")
    lupdate(I18N / "kcc_nl.ts", language="nl", plural_only=True)
    for lang in ("en", "nl"):
        print(lrelease(I18N / f"kcc_{lang}.ts", I18N / f"kcc_{lang}.qm").stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
