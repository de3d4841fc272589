"""The organisation file: a valid one loads, and each kind of mistake is named with its place.

Run through ``kcc-console org check FILE`` (the command a functional administrator uses) and
through the loader the console uses at start.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from console.__main__ import run_org
from console.domain.model import DeskKind, Role
from integrations.organisation_file import (
    OrganisationFileError,
    load_organisation,
    parse_organisation,
)
from tests.test_cli import run_cli

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo" / "organisation.toml"

VALID = """\
municipality = "Gemeente Proefdorp"

[[closing_days]]
date = 2026-12-24
reason = "Kerstavond"

[[desks]]
id = "kcc"
name = "Algemeen KCC"
kind = "general"
phone = "+31345581100"
mailbox = "info@proefdorp.nl"
opening_hours = { mon = "08:30-17:00", thu = ["08:30-12:00", "13:00-20:00"] }
topics = ["paspoort"]

[[teams]]
id = "bo_wmo"
name = "Team Wmo"
phone = "0345 581300"
opening_hours = { mon = "09:00-16:00" }

[[colleagues]]
email = "S.deBoer@proefdorp.nl"
name = "Sanne de Boer"
desk = "kcc"
extension = "2101"
role = "agent"
replacement = "f.bouzid@proefdorp.nl"

[[colleagues]]
email = "f.bouzid@proefdorp.nl"
name = "Fatima Bouzid"
desk = "kcc"
role = "supervisor"

[[colleagues]]
email = "b.verhoeven@proefdorp.nl"
name = "Bram Verhoeven"
desk = "bo_wmo"
role = "back_office"

[[partners]]
id = "p_afval"
name = "Afvalservice"
kind = "waste"
phone = "+31418671200"
referral_mail = "klantenservice@afval.nl"
opening_hours = { mon = "08:00-17:00", sat = "09:00-13:00" }
topics = ["afval"]

[[topics]]
name = "grofvuil"
partner = "p_afval"

[[topics]]
name = "wmo"
desk = "bo_wmo"
"""


def test_a_valid_file_loads_with_desks_teams_colleagues_partners_topics_and_closing_days():
    found = parse_organisation(VALID)
    org = found.organisation
    assert org.name == "Gemeente Proefdorp"
    assert [(d.id, d.kind) for d in org.desks] == [
        ("kcc", DeskKind.GENERAL),
        ("bo_wmo", DeskKind.BACK_OFFICE),
    ]
    assert org.desk("bo_wmo").phone == "+31345581300"  # stored as E.164
    assert org.desk("bo_wmo").topics == ("wmo",)
    assert len(org.desk("kcc").opening_hours[3]) == 2
    sanne = found.colleague_by_email("s.deboer@proefdorp.nl")
    # The e-mail is the identity (lower case, as identity providers compare it) and the id.
    assert sanne.id == sanne.email == "s.deboer@proefdorp.nl"
    assert sanne.role is Role.AGENT and sanne.desk_id == "kcc" and sanne.extension == "2101"
    assert sanne.replacement_id == "f.bouzid@proefdorp.nl"
    assert org.partner("p_afval").email == "klantenservice@afval.nl"
    assert org.partner("p_afval").topics == ("afval", "grofvuil")
    assert [str(d) for d in found.closing_days] == ["2026-12-24"]


def test_the_demo_organisation_is_such_a_file_and_passes_org_check(capsys):
    assert run_org(["check", str(DEMO)]) == 0
    out = capsys.readouterr().out
    assert "in orde" in out and "45 collega's" in out
    org = load_organisation(DEMO).organisation
    # Every colleague has an e-mail (their identity, and their actor for KISS and ITA) and
    # every desk an id (its group identificator in Open Klant).
    assert all(c.email for c in org.colleagues)
    assert all(d.id for d in org.desks)


def _mistakes(text: str) -> list[str]:
    with pytest.raises(OrganisationFileError) as refused:
        parse_organisation(text)
    return [str(m) for m in refused.value.mistakes]


def _line_of(text: str, fragment: str, after: str = "") -> int:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if fragment in lines[i]) + 1


# One case per kind of mistake: (what is changed in VALID, the Dutch words, where it is).
CASES = {
    "not TOML": (
        ('name = "Afvalservice"', 'name = "Afvalservice'),
        "geen geldige TOML",
        ('name = "Afvalservice', ""),
    ),
    "missing required field": (
        ('name = "Fatima Bouzid"\n', ""),
        "[[colleagues]] nr. 2 (f.bouzid@proefdorp.nl), veld 'name': dit veld is verplicht",
        ("[[colleagues]]", "S.deBoer"),  # a missing field: the line of its block
    ),
    "unknown field (typo)": (
        ('extension = "2101"', 'extensoin = "2101"'),
        "veld 'extensoin': dit veld is onbekend bij [[colleagues]]. Bedoelt u 'extension'?",
        ("extensoin", ""),
    ),
    "wrong kind of value": (
        ('topics = ["afval"]', 'topics = "afval"'),
        "veld 'topics': dit moet een lijst met teksten zijn",
        ('topics = "afval"', ""),
    ),
    "unknown choice": (
        ('role = "supervisor"', 'role = "teamleider"'),
        "'teamleider' bestaat niet; kies uit: agent, back_office, supervisor",
        ('role = "teamleider"', ""),
    ),
    "bad desk kind": (
        ('kind = "general"', 'kind = "algemeen"'),
        "[[desks]] nr. 1 (kcc), veld 'kind': 'algemeen' bestaat niet",
        ('kind = "algemeen"', ""),
    ),
    "bad phone number": (
        ('phone = "+31418671200"', 'phone = "0418-67"'),
        "'0418-67' is geen geldig telefoonnummer",
        ('phone = "0418-67"', ""),
    ),
    "bad e-mail address": (
        ('mailbox = "info@proefdorp.nl"', 'mailbox = "info at proefdorp"'),
        "'info at proefdorp' is geen e-mailadres",
        ("mailbox", ""),
    ),
    "bad opening hours": (
        ('sat = "09:00-13:00"', 'sat = "9-13"'),
        "'9-13' bij sat is geen tijd van-tot",
        ('sat = "9-13"', ""),
    ),
    "unknown weekday": (
        ('mon = "09:00-16:00"', 'maandag = "09:00-16:00"'),
        "'maandag' is geen dag",
        ("maandag", ""),
    ),
    "duplicate id": (
        ('id = "bo_wmo"', 'id = "kcc"'),
        "[[teams]] nr. 1 (kcc), veld 'id': 'kcc' staat er twee keer in; ook bij [[desks]] nr. 1",
        ('id = "kcc"', "[[teams]]"),
    ),
    "duplicate e-mail": (
        ('email = "b.verhoeven@proefdorp.nl"', 'email = "F.Bouzid@proefdorp.nl"'),
        "'f.bouzid@proefdorp.nl' staat er twee keer in",
        ('email = "F.Bouzid@proefdorp.nl"', ""),
    ),
    "unknown desk": (
        ('desk = "bo_wmo"', 'desk = "bo_wm"'),
        "de afdeling 'bo_wm' staat niet in dit bestand",
        ('desk = "bo_wm"', ""),
    ),
    "unknown replacement": (
        ('replacement = "f.bouzid@proefdorp.nl"', 'replacement = "f.bouzid@elders.nl"'),
        "'f.bouzid@elders.nl' is geen collega in dit bestand",
        ("replacement", ""),
    ),
    "own replacement": (
        ('replacement = "f.bouzid@proefdorp.nl"', 'replacement = "s.deboer@proefdorp.nl"'),
        "niemand is zijn eigen vervanger",
        ("replacement", ""),
    ),
    "topic for an unknown partner": (
        ('partner = "p_afval"', 'partner = "p_afvall"'),
        "de partner 'p_afvall' staat niet in dit bestand",
        ('partner = "p_afvall"', ""),
    ),
    "bad closing day": (
        ("date = 2026-12-24", 'date = "24-12-2026"'),
        "'24-12-2026' is geen datum; schrijf die als 2026-12-24",
        ("date =", ""),
    ),
    "missing municipality": (
        ('municipality = "Gemeente Proefdorp"', 'gemeente = "Proefdorp"'),
        "veld 'municipality': vul de naam van de gemeente in",
        None,
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_kind_of_mistake_is_named_in_dutch_with_its_line(case):
    (old, new), words, where = CASES[case]
    assert old in VALID
    text = VALID.replace(old, new, 1)
    mistakes = _mistakes(text)
    matching = [m for m in mistakes if words in m]
    assert matching, mistakes
    if where is not None:
        fragment, after = where
        assert matching[0].startswith(f"regel {_line_of(text, fragment, after)}, "), matching


def test_all_mistakes_are_listed_at_once_not_only_the_first():
    text = VALID.replace('role = "agent"', 'role = "baas"').replace(
        'desk = "bo_wmo"', 'desk = "nergens"', 1
    )
    assert len(_mistakes(text)) == 2


def test_org_check_on_the_command_line_names_the_mistake_and_exits_2(tmp_path):
    path = tmp_path / "organisatie.toml"
    path.write_text(VALID.replace('role = "agent"', 'role = "baas"'), encoding="utf-8")
    result = run_cli("org", "check", str(path))
    assert result.returncode == 2
    assert "bevat 1 fout" in result.stderr
    assert f"regel {_line_of(path.read_text(), 'role = ' + chr(34) + 'baas')}" in result.stderr
    assert "Traceback" not in result.stderr
    good = tmp_path / "goed.toml"
    good.write_text(VALID, encoding="utf-8")
    ok = run_cli("org", "check", str(good))
    assert ok.returncode == 0 and "in orde" in ok.stdout


def test_a_missing_file_is_named(tmp_path):
    assert run_org(["check", str(tmp_path / "weg.toml")]) == 2


# -- the console at start ------------------------------------------------------------------------


def _connected(tmp_path, *lines: str) -> list[str]:
    config = tmp_path / "kcc.toml"
    config.write_text(
        "\n".join(
            [
                'mode = "connected"',
                *lines,
                "[klantinteracties]",
                'base_url = "https://openklant.example.nl"',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return ["--config", str(config), "--data-dir", str(tmp_path / "data")]


IDENTITY = '[identity]\nissuer = "https://login.example.nl"\nclient_id = "kcc"'


def test_connected_mode_without_an_organisation_file_says_what_to_do(tmp_path):
    result = run_cli(*_connected(tmp_path))
    assert result.returncode == 2
    assert "organisatiebestand" in result.stderr and "organisation =" in result.stderr
    assert "Traceback" not in result.stderr


def test_connected_mode_without_sign_in_settings_says_what_to_do(tmp_path):
    result = run_cli(*_connected(tmp_path, f'organisation = "{DEMO}"'))
    assert result.returncode == 2
    assert "meldt u zich aan" in result.stderr and "[identity]" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_refuses_a_broken_organisation_file_at_start(tmp_path):
    broken = tmp_path / "organisatie.toml"
    broken.write_text(VALID.replace('role = "agent"', 'role = "baas"'), encoding="utf-8")
    # The [identity] table goes last: a top-level key after it would belong to it.
    args = _connected(tmp_path, f'organisation = "{broken}"')
    config = Path(args[1])
    config.write_text(config.read_text(encoding="utf-8") + IDENTITY + "\n", encoding="utf-8")
    result = run_cli(*args)
    assert result.returncode == 2
    line = _line_of(broken.read_text(encoding="utf-8"), 'role = "baas"')
    assert f"regel {line}, [[colleagues]] nr. 1" in result.stderr
    assert "Traceback" not in result.stderr
