"""Sentences with parameters from the Qt-free layers reach the user in the chosen language.

- A source scan: no user-facing error (a subclass of ``UserFacingError``) in ``console/``,
  ``integrations/`` or ``offline_cache/`` is raised with a Dutch f-string — such a sentence
  can never be translated. It must be a ``Text`` (template marked with ``QT_TRANSLATE_NOOP``,
  parameters apart). The allow-list names the deliberate exceptions and why.
- Behaviour: with English installed, a refusal with a number in it (a note that is too long),
  an availability verdict, a closed transfer target and a background failure that reaches the
  message bar come out in English with the parameters filled in; Dutch stays Dutch.
"""

from __future__ import annotations

import ast
import re
from datetime import datetime, time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("console", "integrations", "offline_cache")

# Files whose f-string errors stay Dutch on purpose: they are shown on the terminal (CLI) or
# while reading the config file, before Qt and its translator start; the agents who read
# them are Dutch-speaking administrators. ``console/app.py`` raises them while composing the
# app from the config (demo user, sign-in account checks before the main window).
ALLOWED = {
    "console/config.py": "config file checks (terminal, before Qt)",
    "console/config_identity.py": "config file checks (terminal, before Qt)",
    "console/availability_setup.py": "config file checks (terminal, before Qt)",
    "console/channels.py": "config file checks of a channel section (before Qt)",
    "console/__main__.py": "CLI",
    "console/app.py": "composition from the config and the sign-in account check",
    "integrations/mail/config.py": "config file checks (terminal, before Qt)",
    "integrations/matrix/__init__.py": "config file checks (terminal, before Qt)",
    "integrations/secrets_keyring.py": "CLI 'kcc-console secrets set'",
    # Sign-in runs in build_app before the translator is installed (the language choice lives
    # in the data folder of the person signing in); a refusal ends the start and is printed on
    # the terminal (console/__main__.py), like the config file checks.
    "integrations/oidc/client.py": "sign-in refusals (terminal, before the language is known)",
}

# Words that make a sentence Dutch (none of them is an English word).
DUTCH = re.compile(
    r"\b(de|het|een|niet|kan|van|geen|naar|bekend|tekens|maximaal|nu|zijn|moet|hoort|"
    r"bestaat|weigert|staat|ontbreekt|deze|dit|dat|uw|u|om|bij|wordt|worden|mag)\b",
    re.IGNORECASE,
)


def _sources() -> list[tuple[str, ast.Module]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found.append((path.relative_to(ROOT).as_posix(), ast.parse(path.read_text())))
    return found


def _user_facing_classes(trees: list[tuple[str, ast.Module]]) -> set[str]:
    """Names of every class derived (by name, transitively) from ``UserFacingError``."""
    bases: dict[str, set[str]] = {}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    known = {"UserFacingError"}
    while True:
        more = {name for name, parents in bases.items() if parents & known} - known
        if not more:
            return known
        known |= more


def _dutch_fstring(node: ast.AST) -> bool:
    """An f-string, a plain literal or a ``+`` of literals with Dutch words, not marked.

    A marked sentence is a ``QT_TRANSLATE_NOOP(...)`` call or a ``Text``; a plain literal
    passed straight to an error is found by nobody (pyside6-lupdate only reads the marker),
    so it would stay Dutch in English just like an f-string.
    """
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _dutch_fstring(node.left) or _dutch_fstring(node.right)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(DUTCH.search(node.value))
    if not isinstance(node, ast.JoinedStr):
        return False
    fixed = " ".join(
        part.value
        for part in node.values
        if isinstance(part, ast.Constant) and isinstance(part.value, str)
    )
    return bool(DUTCH.search(fixed))


def untranslatable_errors() -> list[str]:
    trees = _sources()
    classes = _user_facing_classes(trees)
    found = []
    for path, tree in trees:
        if path in ALLOWED:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in classes:
                continue
            messages = [
                *node.args,
                *(k.value for k in node.keywords if k.arg in {"message", "reason"}),
            ]
            if any(_dutch_fstring(m) for m in messages):
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)[:90]}")
    return found


def test_no_user_facing_error_is_raised_with_a_dutch_f_string():
    assert untranslatable_errors() == []


def test_the_scan_finds_a_dutch_f_string_error(tmp_path, monkeypatch):
    """The scan is not blind: an f-string refusal like the old one is reported."""
    bad = ast.parse(
        "class NoteError(UserFacingError):\n    pass\n"
        "def f(n):\n    raise NoteError(f'Een notitie is maximaal 1000 tekens (nu {n}).')\n"
    )
    monkeypatch.setattr("tests.test_i18n_parameterised._sources", lambda: [("console/x.py", bad)])
    assert len(untranslatable_errors()) == 1


def test_the_scan_finds_an_unmarked_plain_dutch_error(monkeypatch):
    """A fixed sentence passed without QT_TRANSLATE_NOOP is as untranslatable as an f-string."""
    bad = ast.parse(
        "class StoreError(UserFacingError):\n    pass\n"
        "def f():\n    raise StoreError('De schijf is vol. Probeer het opnieuw.')\n"
        "def g():\n    raise StoreError(QT_TRANSLATE_NOOP('errors', 'De schijf is vol.'))\n"
    )
    monkeypatch.setattr("tests.test_i18n_parameterised._sources", lambda: [("console/x.py", bad)])
    assert [line.split(":")[1] for line in untranslatable_errors()] == ["4"]


def test_the_allow_list_names_existing_files():
    assert all((ROOT / path).is_file() for path in ALLOWED)


# -- behaviour: the English sentence with its numbers ----------------------------------------------


@pytest.fixture
def language(qapp):
    from widgets import i18n as ui_i18n

    yield ui_i18n.install_language
    ui_i18n.install_language("nl")


def test_a_too_long_note_is_refused_in_english_with_the_numbers(language):
    from console.domain.errors import RuleViolation
    from console.domain.lifecycle import NOTE_MAX_LENGTH, add_note
    from tests.domain.test_lifecycle import LATER, new_item
    from widgets.ui_op import message_for

    with pytest.raises(RuleViolation) as caught:
        add_note(new_item(), colleague_id="bram", text="a" * 1001, at=LATER)
    assert caught.value.user_message == "Een notitie is maximaal 1000 tekens (nu 1001)."
    assert message_for(caught.value) == caught.value.user_message  # Dutch UI: Dutch
    assert language("en")
    assert NOTE_MAX_LENGTH == 1000
    assert message_for(caught.value) == "A note can be at most 1000 characters (now 1001)."


def test_an_availability_verdict_and_a_closed_target_in_english(language):
    from console.domain.availability import Availability, Candidate, verdict_for
    from console.domain.calendar import AMSTERDAM, WorkingCalendar
    from console.domain.model import Colleague, Desk, DeskKind, Owner, Presence, Role
    from console.domain.transfer import TransferRefused, prepare
    from tests.domain.test_transfer import SUMMARY, call, desk
    from widgets.callback_dialog import _reason
    from widgets.ui_op import message_for

    cal = WorkingCalendar()
    office = {d: ((time(8, 30), time(17, 0)),) for d in range(5)}
    team = Desk("bo_wmo", "Team Wmo", DeskKind.BACK_OFFICE, opening_hours=office)
    friday = datetime(2026, 12, 4, 16, 50, tzinfo=AMSTERDAM)
    jan = Colleague(
        "c1",
        "Jan de Boer",
        Role.BACK_OFFICE,
        team.id,
        working_hours=office,
        presence=Presence.BUSY,
    )
    verdict = verdict_for(
        target=Owner.colleague("c1"),
        now=friday,
        deadline=cal.deadline_after_working_days(friday, 1),
        calendar=cal,
        desk=team,
        candidate=Candidate(jan, Availability.of(jan)),
    )
    assert verdict.reason == (
        "Jan de Boer is nu bezet, maar kan op maandag 7 december vanaf 08:30 terugbellen."
    )
    evening = datetime(2026, 12, 1, 18, 0, tzinfo=AMSTERDAM)
    with pytest.raises(TransferRefused) as refused:
        prepare(call(), target=desk("vk_sociaal"), summary=SUMMARY, at=evening, calendar=cal)
    assert "is nu gesloten. Weer bereikbaar: morgen om" in refused.value.message

    assert language("en")
    assert _reason(verdict) == (
        "Jan de Boer is busy now, but can call back on Monday 7 December from 08:30."
    )
    english = message_for(refused.value)
    assert " is closed now. Reachable again: tomorrow at " in english
    assert english.endswith("Make a callback note with the summary.")


def test_a_background_failure_reaches_the_message_bar_in_english(language):
    from console.ports import PhoneNumberError
    from console.services.tasks import TaskGroup
    from integrations.phone_nl import DutchPhoneNumbers
    from widgets.i18n import show
    from widgets.main_window import MessageBar

    tasks = TaskGroup()
    bar = MessageBar()
    heard: list[str] = []
    tasks.on_error(heard.append)
    tasks.on_error(bar.show_error)
    assert language("en")
    with pytest.raises(PhoneNumberError) as caught:
        DutchPhoneNumbers().to_e164("+32 2 123 45 67")
    tasks.report(caught.value, what="terugbelnummer")
    # Listeners still get the Dutch string (logs, tests); the bar shows it in English.
    assert heard == [
        "Dit is een buitenlands nummer (+32). Terugbellen kan alleen naar een Nederlands nummer."
    ]
    assert (
        bar.text()
        == show(heard[0])
        == ("This is a foreign number (+32). Calling back is only possible to a Dutch number.")
    )
