"""The command line as a user runs it: self-test, screenshots, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_self_test_passes_with_json_summary():
    result = run_cli("--self-test")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"] is True
    assert summary["items_delivered"] >= 5
    assert summary["closed_in_store"] and summary["closed_left_inbox"]


def test_screenshots_writes_a_real_png(tmp_path):
    result = run_cli("--screenshots", str(tmp_path))
    assert result.returncode == 0, result.stderr
    png = tmp_path / "inbox.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a window full of rows, not an empty frame


def test_unreadable_config_is_explained_in_dutch(tmp_path):
    bad = tmp_path / "kcc.toml"
    bad.write_text("mode = [dit is geen toml", encoding="utf-8")
    result = run_cli("--config", str(bad), "--data-dir", str(tmp_path / "data"), "--self-test")
    assert result.returncode == 2
    assert "instellingenbestand" in result.stderr and "bevat een fout" in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_store_is_explained_and_left_alone(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    store = data / "kcc-console.sqlite3"
    store.write_bytes(b"kapot" * 1000)
    result = run_cli("--data-dir", str(data))
    assert result.returncode == 2
    assert "beschadigd" in result.stderr and "--data-dir" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.read_bytes() == b"kapot" * 1000


def test_no_display_is_explained(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "console", "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "geen beeldscherm" in result.stderr
