"""Import rules that import-linter cannot check: no private names imported across modules.

A name starting with an underscore is its module's own business; another module that needs it
asks for a public name, so the owner can change the private one freely.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = ("console", "widgets", "integrations", "offline_cache", "resources")


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] not in OURS:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    where = path.relative_to(ROOT)
                    found.append(f"{where}: from {node.module} import {alias.name}")
    return found


def test_no_private_names_are_imported_across_modules():
    offenders = [
        line
        for package in OURS
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in _private_imports(path)
    ]
    assert offenders == []
