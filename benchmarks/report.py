"""The machine description, the printed table and the JSON file of a benchmark run."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path
from typing import Any


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):  # Windows
        load = None
    return {
        "cpu_count": os.cpu_count(),
        # Other programs on the machine skew timings: the load when the run started/ended.
        "load_average_1_5_15_min": load,
        "cpu": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "versions": {
            "PySide6": _version("PySide6-Essentials") or _version("PySide6"),
            "SQLite": sqlite3.sqlite_version,
            "sqlalchemy": _version("sqlalchemy"),
            "sqlmodel": _version("sqlmodel"),
            "qasync": _version("qasync"),
        },
    }


def _size(size: int | None) -> str:
    if not size:
        return "—"
    exponent = len(str(size)) - 1
    if size == 10**exponent:
        return "10" + str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{size:,}".replace(",", " ")


def _value(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "calls":
        return f"{value:.0f} calls"
    if unit == "requests":
        return f"{value:.0f} requests"
    if unit == "req/s":
        return f"{value:.2f} req/s"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def rows(result: dict[str, Any]) -> list[list[str]]:
    table = []
    for f in result["figures"]:
        if f["status"] == "measured":
            met = {True: "yes", False: "NO", None: "—"}[f["met"]]
            table.append(
                [
                    f["id"],
                    f["what"],
                    _size(f["size"]),
                    _value(f["median"], f["unit"]),
                    _value(f["p95"], f["unit"]),
                    f"{f['budget_text']} ({f['judged_by']})",
                    met,
                ]
            )
        elif f["status"] == "not yet":
            table.append([f["id"], f["what"], "—", "—", "—", f["budget_text"], "not yet"])
        else:
            table.append([f["id"], f["what"], "—", "—", "—", f["budget_text"], "CRASHED"])
    return table


HEADER = ["id", "what", "size", "median", "p95", "budget (judged by)", "met?"]


def render_table(result: dict[str, Any]) -> str:
    table = [HEADER, *rows(result)]
    widths = [min(max(len(r[i]) for r in table), 70) for i in range(len(HEADER))]
    lines = []
    for number, row in enumerate(table):
        cells = [c[:70].ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_markdown(result: dict[str, Any]) -> str:
    out = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(r) + " |" for r in rows(result)]
    return "\n".join(out)


def write_json(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def render_results_section(result: dict[str, Any]) -> str:
    """The part of RESULTS.md that is generated: date, machine, versions and the table."""
    m = result["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
    lines = [
        f"Run: {result['date']} ({result['mode']} run, {result['seconds']} s, seed "
        f"{result['seed']})",
        "",
        f"Machine: {m['cpu_count']} CPUs ({m['cpu']}), {m['platform']}, Python {m['python']}",
        "",
        f"Load average (1/5/15 min) at start: {m.get('load_average_1_5_15_min')}, at end: "
        f"{result.get('load_average_at_end')}",
        "",
        f"Versions: {versions}",
        "",
        render_markdown(result),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(render_results_section(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
