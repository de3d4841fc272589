"""Builds the distributable bundle of kcc-console: one folder with Python, Qt and the console.

Usage: ``python build_installer.py [--dist DIR] [--check]``. PyInstaller (the ``build`` extra)
freezes ``console.__main__`` with the ``resources`` package data; ``--check`` then runs the
frozen program's ``--self-test`` offscreen, so a bundle that cannot start is never shipped.
The same script works on Windows (SAPI5 speech, Credential Manager) and Linux; run it on the
platform you build for. Main thread only; takes about a minute and 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NAME = "kcc-console"

LAUNCHER = """\
import sys
from console.__main__ import main
sys.exit(main())
"""


def build(dist: Path) -> Path:
    import PyInstaller.__main__

    with tempfile.TemporaryDirectory(prefix="kcc-build-") as tmp:
        launcher = Path(tmp) / "kcc_console_launcher.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        separator = ";" if os.name == "nt" else ":"
        PyInstaller.__main__.run(
            [
                str(launcher),
                "--name",
                NAME,
                "--noconfirm",
                "--clean",
                "--windowed",
                "--distpath",
                str(dist),
                "--workpath",
                str(Path(tmp) / "work"),
                "--specpath",
                tmp,
                "--paths",
                str(ROOT),
                "--add-data",
                f"{ROOT / 'resources'}{separator}resources",
                # Imported lazily by the CLI and the composition root, so name them.
                "--hidden-import",
                "console.app",
                "--hidden-import",
                "console.screenshots",
                "--collect-submodules",
                "widgets",
                "--collect-submodules",
                "integrations",
                "--collect-submodules",
                "offline_cache",
                "--collect-data",
                "holidays",
                "--collect-data",
                "phonenumbers",
            ]
        )
    return dist / NAME / (NAME + (".exe" if os.name == "nt" else ""))


def check(executable: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [str(executable), "--self-test"], capture_output=True, text=True, env=env, timeout=300
    )
    if result.returncode != 0:
        raise SystemExit(f"the bundle's self-test failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--check", action="store_true", help="run the bundle's self-test")
    args = parser.parse_args()
    executable = build(args.dist)
    print(f"bundle: {executable.parent}")
    if args.check:
        print(json.dumps(check(executable)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
