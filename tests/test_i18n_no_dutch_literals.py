"""No Dutch sentence of the Qt-free layers escapes translation unless it is Dutch on purpose.

pyside6-lupdate only sees text marked with ``QT_TRANSLATE_NOOP`` (or ``tr``/``translate`` in the
widgets), so ``tests/test_i18n_complete.py`` can only say that every *marked* text has English.
This scan closes the gap from the other side: every string literal (or literal part of an
f-string) in ``console/``, ``integrations/`` and ``offline_cache/`` that reads as a Dutch
sentence — three words or more, with a Dutch function word — must be inside a
``QT_TRANSLATE_NOOP(...)`` call, a ``Text(...)``, a log call or a docstring, or stand in the
allow-list below with the reason it stays Dutch. Test text only; nothing runs.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("console", "integrations", "offline_cache")

DUTCH = re.compile(
    r"\b(de|het|een|niet|kan|geen|naar|zijn|moet|deze|dit|dat|uw|u|om|bij|wordt|mag|"
    r"probeer|opnieuw|gaf|wilt|staat|heeft)\b",
    re.IGNORECASE,
)

# Whole files whose Dutch stays Dutch, and why.
ALLOWED_FILES = {
    "console/__main__.py": "CLI: printed on the terminal",
    "console/config.py": "config file checks: terminal, before Qt and its translator",
    "console/config_identity.py": "config file checks: terminal, before Qt",
    "console/availability_setup.py": "config file checks: terminal, before Qt",
    "console/channels.py": "config file checks of a channel section: terminal, before Qt",
    "integrations/mail/config.py": "config file checks: terminal, before Qt",
    "integrations/matrix/__init__.py": "config file checks: terminal, before Qt",
    "integrations/secrets_keyring.py": "CLI 'kcc-console secrets set'",
    "integrations/oidc/client.py": "sign-in refusals: they end the start before a language is set",
    "console/screenshots.py": "demo residents and their questions in the documentation screenshots",
    "integrations/organisation_file/__init__.py": (
        "organisation file checks: read before the language is set; printed on the terminal "
        "at start and by 'kcc-console org check'"
    ),
}
ALLOWED_DIRS = {
    "console/demo/": "demo data and the demo's simulated colleagues",
}
# Single sentences, by file and a piece of their text, and why.
ALLOWED = {
    ("integrations/calendar_nl.py", "sluitingsdag van de gemeente"): "calendar data, never shown",
    ("integrations/organisation_file/__init__.py", "sluitingsdag"): "calendar data, never shown",
    ("integrations/mail/parse.py", "(bericht niet te lezen)"): "stored as the item's subject",
    ("offline_cache/callback_notes.py", "Beste tijd om te bellen"): (
        "written into the task for KISS/ITA colleagues, who read Dutch"
    ),
    ("offline_cache/callback_notes.py", "Afgeweken van het advies"): (
        "written into the task for KISS/ITA colleagues, who read Dutch"
    ),
    ("console/app.py", "Voor de verbonden modus"): "start refused: terminal, before a language",
    ("console/app.py", "In de verbonden modus meldt u"): "start refused: terminal",
    ("console/app.py", "De demogebruiker"): "start refused: terminal, before a language",
    ("console/app.py", "U bent aangemeld als"): "start refused: terminal, before a language",
    ("console/app.py", "heeft geen rol voor de KCC-console"): "start refused: terminal",
    ("console/config_privacy.py", "persoonsgegevens lokaal"): "config file check text: terminal",
    ("console/config_ui.py", "de schermen (taal)"): "config file check text: terminal",
    ("console/domain/transfer.py", "Wij hebben een vraag van een inwoner"): (
        "the referral e-mail to a partner organisation, which reads Dutch"
    ),
    ("console/domain/transfer.py", "Wij hebben de inwoner gezegd"): (
        "the referral e-mail to a partner organisation, which reads Dutch"
    ),
    ("console/services/calls.py", "Gemiste oproep van"): "stored as the item's question",
    ("console/services/chat_hours.py", "Automatisch gemaakt (N11)"): "stored note content",
    ("console/services/intake.py", "(Dit bericht heeft geen tekst"): "stored as item content",
    ("console/services/intake.py", " uur"): "a moment in a reply to a resident (Dutch)",
    ("console/services/spoken_alerts.py", "Er wacht een chat."): "spoken by the Dutch voice",
    ("console/services/spoken_alerts.py", "terugbelnotitie is te laat"): "spoken, Dutch voice",
    ("console/services/transfer.py", "terug naar de inwoner"): "a task name for the log",
}

LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _marked(tree: ast.AST) -> set[int]:
    """Ids of every node inside a marker, a Text or a log call."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in {"QT_TRANSLATE_NOOP", "Text"} or name in LOG_CALLS:
            found.update(id(inner) for inner in ast.walk(node))
    return found


def dutch_literals(sources: list[tuple[str, str]]) -> list[str]:
    found = []
    for path, source in sources:
        if path in ALLOWED_FILES or any(path.startswith(d) for d in ALLOWED_DIRS):
            continue
        tree = ast.parse(source)
        skip = _docstrings(tree) | _marked(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.JoinedStr):
                # An f-string reads as one sentence: its fixed parts together.
                parts = [p for p in node.values if isinstance(p, ast.Constant)]
                skip.update(id(p) for p in parts)
                text = " ".join(str(p.value) for p in parts)
            elif isinstance(node, ast.Constant):
                text = node.value
            else:
                continue
            if not isinstance(text, str) or len(text.split()) < 3 or not DUTCH.search(text):
                continue
            if any(path == where and piece in text for (where, piece) in ALLOWED):
                continue
            found.append(f"{path}:{node.lineno}: {text[:70]!r}")
    return found


def _sources() -> list[tuple[str, str]]:
    return [
        (path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    ]


def test_every_dutch_sentence_outside_the_widgets_is_marked_or_dutch_on_purpose():
    assert dutch_literals(_sources()) == []


def test_the_scan_finds_an_unmarked_sentence_and_passes_a_marked_one():
    source = (
        "from console.i18n import QT_TRANSLATE_NOOP, Text\n"
        "A = 'De telefoon werkt weer.'\n"
        "B = QT_TRANSLATE_NOOP('errors', 'De telefoon werkt weer.')\n"
        "def f(n):\n"
        "    log.info('de sync is klaar')\n"
        "    return f'Er zijn {n} notities te laat.'\n"
        "def g(n):\n"
        "    return Text('errors', QT_TRANSLATE_NOOP('errors', 'Er zijn {n} te laat.'), {'n': n})\n"
    )
    found = dutch_literals([("console/x.py", source)])
    assert [line.split(":")[1] for line in found] == ["2", "6"]


def test_the_allow_lists_name_existing_files():
    assert all((ROOT / path).is_file() for path in ALLOWED_FILES)
    assert all((ROOT / path).is_dir() for path in ALLOWED_DIRS)
    assert all((ROOT / path).is_file() for path, _ in ALLOWED)
