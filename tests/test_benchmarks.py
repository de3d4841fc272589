"""The benchmark suite keeps working: quick runs, JSON shape, crash vs. over-budget, the data.

Timings are never asserted here (speed is what the suite reports, not what tests judge).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_benchmarks(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_quick_suite_writes_every_figure(tmp_path):
    out = tmp_path / "quick.json"
    result = run_benchmarks(
        "--quick",
        "--only",
        "B1,B2,B3,B4,B5,B8,B9,B11",
        "--json",
        str(out),
        "--cache-dir",
        str(tmp_path / "stores"),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["mode"] == "quick"
    assert report["date"].endswith("Z")
    machine = report["machine"]
    assert machine["cpu_count"] >= 1 and machine["python"] and machine["platform"]
    assert machine["versions"]["PySide6"] and machine["versions"]["SQLite"]
    assert machine["versions"]["sqlalchemy"]

    by_id: dict[str, list[dict]] = {}
    for figure in report["figures"]:
        by_id.setdefault(figure["id"], []).append(figure)
    for built in ("B1", "B2", "B3", "B4", "B5", "B8", "B9", "B11"):
        assert by_id[built], built
        for figure in by_id[built]:
            assert figure["status"] == "measured"
            assert figure["runs"] == len(figure["samples"]) >= 1
            assert figure["median"] > 0 and figure["p95"] >= figure["median"]
            assert figure["budget"] is not None and isinstance(figure["met"], bool)
    assert len(by_id["B3"]) >= 4  # one figure per page query
    trips = next(f for f in by_id["B8"] if f["unit"] == "requests")
    assert trips["max"] <= 3  # the desk's availability costs at most 3 round trips
    # The table is printed for people too.
    assert "B1" in result.stdout and "B8" in result.stdout


def test_console_exit_when_ready_reports_the_first_page(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "console", "--data-dir", str(tmp_path), "--exit-when-ready"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rows"] > 0  # the demo backlog is on screen
    assert report["ready_ms"] > 0
    # Closing right after the first page must not fail the screens still loading (a message
    # list answered after its widget was deleted logged "berichten laden failed").
    assert " ERROR " not in result.stderr, result.stderr


@pytest.fixture
def extra_benchmarks():
    from benchmarks.core import REGISTRY, Figure, benchmark

    @benchmark("BX1", what="always over budget", budget="≤ 0 ms")
    def over_budget(ctx):
        return [Figure("BX1", "over budget", [5.0, 6.0], budget=0.0)]

    @benchmark("BX2", what="crashes", budget="—")
    def crashes(ctx):
        raise RuntimeError("broken benchmark")

    yield
    REGISTRY.pop("BX1")
    REGISTRY.pop("BX2")


def test_over_budget_is_reported_but_a_crash_fails_the_run(tmp_path, extra_benchmarks, capsys):
    from benchmarks.__main__ import main

    out = tmp_path / "r.json"
    assert main(["--quick", "--only", "BX1", "--json", str(out)]) == 0
    (figure,) = json.loads(out.read_text(encoding="utf-8"))["figures"]
    assert figure["met"] is False
    assert "NO" in capsys.readouterr().out

    assert main(["--quick", "--only", "BX1,BX2", "--json", str(out)]) == 1
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    assert [f["status"] for f in figures] == ["measured", "crashed"]
    assert "broken benchmark" in figures[1]["error"]


def test_unknown_benchmark_id_is_refused(capsys):
    from benchmarks.__main__ import main

    assert main(["--only", "B42"]) == 2
    assert "B42" in capsys.readouterr().err


def test_generated_store_is_the_real_schema_with_realistic_rows(tmp_path, qloop):
    from benchmarks.data import cached_store, schema_version
    from console.app import STORE_FILE
    from console.domain.inbox import InboxQuery
    from offline_cache.database import Database
    from offline_cache.repositories import SqlInteractionRepository, inbox_sql

    data_dir = cached_store(tmp_path, size=2_000, seed=3)
    assert cached_store(tmp_path, size=2_000, seed=3) == data_dir  # reused, not regenerated
    path = data_dir / STORE_FILE
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        total, opened = conn.execute("SELECT count(*), sum(is_open) FROM interaction").fetchone()
        assert total == 2_000
        assert 40 <= opened <= 200  # about 5 % open
        channels = {r[0] for r in conn.execute("SELECT DISTINCT channel FROM interaction")}
        assert len(channels) >= 6
        # The FTS5 index was filled by the real triggers: subjects are found.
        (hits,) = conn.execute(
            "SELECT count(*) FROM interaction_search WHERE interaction_search MATCH 'paspoort'"
        ).fetchone()
        assert 0 < hits < total
        # Planner statistics as after a day of use (they decide the text-search plans).
        analysed = {r[0] for r in conn.execute("SELECT idx FROM sqlite_stat1")}
        assert "ix_inbox_open" in analysed
        sql, params = inbox_sql(InboxQuery(), None, 50)
        raw_ids = [r[1] for r in conn.execute(sql, params)]
    finally:
        conn.close()

    async def through_repository() -> list[str]:
        db = await Database.open(path)
        try:
            rows = await SqlInteractionRepository(db).page(InboxQuery(), limit=50)
        finally:
            await db.close()
        return [r.id for r in rows]

    assert qloop.run_until_complete(through_repository()) == raw_ids


def test_same_seed_gives_the_same_store(tmp_path):
    from benchmarks.data import generate_store

    for name in ("a", "b"):
        generate_store(tmp_path / f"{name}.sqlite3", size=300, seed=9)
    dumps = []
    for name in ("a", "b"):
        conn = sqlite3.connect(tmp_path / f"{name}.sqlite3")
        dumps.append(conn.execute("SELECT * FROM interaction ORDER BY seq").fetchall())
        conn.close()
    assert dumps[0] == dumps[1]


@pytest.mark.openklant
@pytest.mark.slow
def test_quick_side_by_side_and_colleague_run_on_the_real_open_klant(tmp_path, openklant):
    """B10 and B13 at their quick sizes: every figure measured (timings are not judged)."""
    out = tmp_path / "b10-b13.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "B10,B13", "--json", str(out)],
        cwd=ROOT,
        env={
            **os.environ,
            "OPENKLANT_URL": openklant.root,
            "OPENKLANT_TOKEN": openklant.token,
        },
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    measured = [f for f in figures if f.get("status") == "measured"]
    assert sorted({f["id"] for f in measured}) == ["B10", "B13"]
    assert len([f for f in measured if f["id"] == "B10"]) == 5
    assert len([f for f in measured if f["id"] == "B13"]) == 3
    for figure in measured:
        assert figure["runs"] == len(figure["samples"]) >= 1
        assert figure["budget"] is None or isinstance(figure["met"], bool)


@pytest.mark.sip
@pytest.mark.slow
def test_quick_phone_under_load_runs_with_real_baresip_and_sipp(tmp_path):
    """B12 at its quick size (3 calls per pattern) with the real baresip and SIPp: every figure
    measured; a missing program or a crash fails, timings are not judged."""
    out = tmp_path / "b12.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--only", "B12", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    measured = [f for f in figures if f.get("status") == "measured" and f["id"] == "B12"]
    assert measured, figures
    for figure in measured:
        assert figure["runs"] == len(figure["samples"]) >= 1
        assert figure["budget"] is None or isinstance(figure["met"], bool)
