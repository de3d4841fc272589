"""The organisation file (TOML): desks, teams, colleagues, partners, topics and closing days.

A functional administrator maintains one such file per municipality; the demo's own
organisation is one too (``resources/demo/organisation.toml``), so demo and connected mode read
the same format. ``load_organisation`` reads and validates it and returns the domain's
``Organisation`` plus the local closing days; every mistake is collected (not only the first)
and named in Dutch with its place: the line, the table and which entry. ``kcc-console org check
FILE`` prints them; the console refuses a broken file at start the same way.

Pure functions over the file's text; thread-safe; quick enough to run at start on the event
loop (a few thousand lines parse in milliseconds).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

import phonenumbers

from console.domain.errors import UserFacingError
from console.domain.model import (
    Colleague,
    Desk,
    DeskKind,
    OpeningHours,
    PartnerOrganisation,
    Role,
)
from console.domain.organisation import Organisation

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DESK_KINDS = tuple(k.value for k in DeskKind)
ROLES = tuple(r.value for r in Role)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PERIOD = re.compile(r"^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$")

# Per table: its fields, which are required, and their kind.
_TEXT, _LIST, _HOURS, _PHONE, _EMAIL_KIND, _DATE = "text", "list", "hours", "phone", "email", "date"
_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "desks": {
        "id": (_TEXT, True),
        "name": (_TEXT, True),
        "kind": (_TEXT, True),
        "phone": (_PHONE, False),
        "mailbox": (_EMAIL_KIND, False),
        "opening_hours": (_HOURS, True),
        "topics": (_LIST, False),
    },
    "colleagues": {
        "email": (_EMAIL_KIND, True),
        "id": (_TEXT, False),
        "name": (_TEXT, True),
        "desk": (_TEXT, True),
        "role": (_TEXT, True),
        "extension": (_TEXT, False),
        "phone": (_PHONE, False),
        "replacement": (_TEXT, False),
        "working_hours": (_HOURS, False),
    },
    "partners": {
        "id": (_TEXT, True),
        "name": (_TEXT, True),
        "kind": (_TEXT, False),
        "phone": (_PHONE, True),
        "referral_mail": (_EMAIL_KIND, False),
        "opening_hours": (_HOURS, True),
        "topics": (_LIST, False),
    },
    "topics": {"name": (_TEXT, True), "desk": (_TEXT, False), "partner": (_TEXT, False)},
    "closing_days": {"date": (_DATE, True), "reason": (_TEXT, False)},
}
_FIELDS["teams"] = {**_FIELDS["desks"], "kind": (_TEXT, False)}
_TOP = ("municipality", *_FIELDS)

_TABLE_NAMES = {
    "desks": "afdeling",
    "teams": "team",
    "colleagues": "collega",
    "partners": "partner",
    "topics": "onderwerp",
    "closing_days": "sluitingsdag",
}


@dataclass(frozen=True, slots=True)
class Mistake:
    """One thing wrong in the file, where it is, and what to do."""

    line: int | None
    place: str  # e.g. "[[colleagues]] nr. 3 (s.deboer@westbetuwe.nl), veld 'desk'"
    text: str

    def __str__(self) -> str:
        where = f"regel {self.line}, " if self.line else ""
        return f"{where}{self.place}: {self.text}" if self.place else f"{where}{self.text}"


class OrganisationFileError(UserFacingError):
    """The organisation file cannot be used; ``mistakes`` lists each one, ``message`` all."""

    def __init__(self, path: Path | None, mistakes: list[Mistake]) -> None:
        self.path = path
        self.mistakes = mistakes
        name = str(path) if path else "Het organisatiebestand"
        count = "1 fout" if len(mistakes) == 1 else f"{len(mistakes)} fouten"
        lines = [
            f"Het organisatiebestand {name} bevat {count}. Laat de functioneel beheerder dit "
            "herstellen en controleer het daarna met: kcc-console org check <bestand>",
            *(f"  - {m}" for m in mistakes),
        ]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class OrganisationFile:
    """A valid organisation file, turned into the domain's terms."""

    organisation: Organisation
    closing_days: dict[date, str] = field(default_factory=dict)
    source: Path | None = None

    def colleague_by_email(self, email: str) -> Colleague | None:
        wanted = email.strip().lower()
        return next(
            (c for c in self.organisation.colleagues if (c.email or "").lower() == wanted), None
        )


# -- where things are ----------------------------------------------------------------------


class _Lines:
    """Line numbers of table headers and keys, found by reading the text once.

    ``tomllib`` gives values, not positions; the file's tables are ``[[name]]`` blocks of
    ``key = value`` lines, so a simple scan finds where each entry and each key is.
    """

    _ARRAY = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
    _TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")

    def __init__(self, text: str) -> None:
        self._at: dict[tuple[str, int | None, str | None], int] = {}
        counts: dict[str, int] = {}
        current: tuple[str, int | None] = ("", None)
        for number, line in enumerate(text.splitlines(), start=1):
            if m := self._ARRAY.match(line):
                name = m.group(1)
                index = counts.get(name, 0)
                counts[name] = index + 1
                current = (name, index)
                self._at.setdefault((name, index, None), number)
            elif m := self._TABLE.match(line):
                current = (m.group(1), None)
                self._at.setdefault((*current, None), number)
            elif m := self._KEY.match(line):
                self._at.setdefault((*current, m.group(1)), number)

    def of(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        return self._at.get((table, index, key)) or self._at.get((table, index, None))


# -- reading --------------------------------------------------------------------------------


def load_organisation(path: Path) -> OrganisationFile:
    """Read and validate ``path``.

    Raises:
        OrganisationFileError: missing, unreadable, not TOML, or with mistakes (all listed).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise OrganisationFileError(
            path, [Mistake(None, "", "het bestand bestaat niet. Kijk of het pad klopt.")]
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise OrganisationFileError(
            path, [Mistake(None, "", "het bestand is niet te lezen (geen UTF-8-tekst?).")]
        ) from exc
    return parse_organisation(text, source=path)


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_organisation(text: str, *, source: Path | None = None) -> OrganisationFile:
    """Validate the file's text; see ``load_organisation``."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line = int(found.group(1)) if found else None
        column = f" (kolom {found.group(2)})" if found else ""
        raise OrganisationFileError(
            source,
            [
                Mistake(
                    line,
                    "",
                    f"dit is geen geldige TOML{column}. Kijk naar aanhalingstekens, "
                    "komma's en haakjes op deze regel of de regel ervoor.",
                )
            ],
        ) from exc
    checker = _Checker(raw, _Lines(text))
    result = checker.build()
    if checker.mistakes:
        raise OrganisationFileError(source, sorted(checker.mistakes, key=_order))
    assert result is not None
    organisation, closing = result
    return OrganisationFile(organisation, closing, source)


def _order(mistake: Mistake) -> tuple[int, str]:
    return (mistake.line or 0, mistake.place)


class _Checker:
    """Collects every mistake while building the domain objects."""

    def __init__(self, raw: dict[str, Any], lines: _Lines) -> None:
        self.raw = raw
        self.lines = lines
        self.mistakes: list[Mistake] = []

    def wrong(self, table: str, index: int | None, key: str | None, text: str) -> None:
        place = ""
        if table:
            place = f"[[{table}]] nr. {index + 1}" if index is not None else f"[{table}]"
            label = self._label(table, index)
            if label:
                place += f" ({label})"
        if key:
            place = f"{place}, veld '{key}'" if place else f"veld '{key}'"
        self.mistakes.append(Mistake(self.lines.of(table, index, key), place, text))

    def _label(self, table: str, index: int | None) -> str:
        if index is None:
            return ""
        entries = self.raw.get(table)
        if not isinstance(entries, list) or index >= len(entries):
            return ""
        entry = entries[index]
        if not isinstance(entry, dict):
            return ""
        for key in ("email", "id", "name", "date"):
            if isinstance(entry.get(key), str | date) and str(entry[key]).strip():
                return str(entry[key])
        return ""

    # -- the whole file ---------------------------------------------------------------------

    def build(self) -> tuple[Organisation, dict[date, str]] | None:
        raw = self.raw
        for key in raw:
            if key not in _TOP:
                self.wrong("", None, key, _unknown(key, _TOP, "bovenaan het bestand"))
        municipality = raw.get("municipality")
        if not isinstance(municipality, str) or not municipality.strip():
            self.wrong("", None, "municipality", "vul de naam van de gemeente in.")
            municipality = ""
        entries = {name: self._entries(name) for name in _FIELDS}
        desks = [
            *(self._desk("desks", i, e) for i, e in entries["desks"]),
            *(self._desk("teams", i, e) for i, e in entries["teams"]),
        ]
        if not desks:
            self.wrong("", None, None, "er staat geen enkele afdeling ([[desks]]) in het bestand.")
        desk_ids = self._unique(
            [(t, i, d.id) for t, i, d in desks if d], key="id", what="afdeling of team"
        )
        partners = [(i, self._partner(i, e)) for i, e in entries["partners"]]
        partner_ids = self._unique(
            [("partners", i, p.id) for i, p in partners if p], key="id", what="partner"
        )
        colleagues = [(i, self._colleague(i, e, desk_ids)) for i, e in entries["colleagues"]]
        self._unique(
            [("colleagues", i, c.email or "") for i, c in colleagues if c],
            key="email",
            what="collega",
        )
        explicit = {i for i, e in entries["colleagues"] if "id" in e}  # else id = the e-mail
        self._unique(
            [("colleagues", i, c.id) for i, c in colleagues if c and i in explicit],
            key="id",
            what="collega",
        )
        ids = {c.id for _, c in colleagues if c}
        by_email = {(c.email or "").lower(): c.id for _, c in colleagues if c}
        final_colleagues = []
        for index, colleague in colleagues:
            if colleague is None:
                continue
            replacement = colleague.replacement_id
            if replacement:
                resolved = by_email.get(replacement.lower(), replacement)
                if resolved not in ids:
                    self.wrong(
                        "colleagues",
                        index,
                        "replacement",
                        f"'{replacement}' is geen collega in dit bestand. Gebruik het e-mailadres "
                        "of de id van een collega.",
                    )
                elif resolved == colleague.id:
                    self.wrong(
                        "colleagues", index, "replacement", "niemand is zijn eigen vervanger."
                    )
                colleague = _with(colleague, replacement_id=resolved)
            final_colleagues.append(colleague)
        extra_topics = self._topics(entries["topics"], desk_ids, partner_ids)
        closing = self._closing_days(entries["closing_days"])
        if self.mistakes:
            return None
        final_desks = [
            _with(d, topics=(*d.topics, *extra_topics.get(("desk", d.id), ())))
            for _, _, d in desks
            if d
        ]
        final_partners = [
            _with(p, topics=(*p.topics, *extra_topics.get(("partner", p.id), ())))
            for _, p in partners
            if p
        ]
        organisation = Organisation(
            municipality, tuple(final_desks), tuple(final_colleagues), tuple(final_partners)
        )
        return organisation, closing

    def _entries(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        value = self.raw.get(table, [])
        if not isinstance(value, list):
            self.wrong(
                table, None, None, f"schrijf elke {_TABLE_NAMES[table]} als een blok [[{table}]]."
            )
            return []
        found = []
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.wrong(table, index, None, f"schrijf elke {_TABLE_NAMES[table]} als een blok.")
                continue
            fields = _FIELDS[table]
            for key in entry:
                if key not in fields:
                    self.wrong(table, index, key, _unknown(key, tuple(fields), f"bij [[{table}]]"))
            for key, (_kind, required) in fields.items():
                if required and (key not in entry or entry[key] in ("", [], None)):
                    self.wrong(table, index, key, "dit veld is verplicht en ontbreekt of is leeg.")
            found.append((index, entry))
        return found

    def _unique(self, items: list[tuple[str, int, str]], *, key: str, what: str) -> set[str]:
        seen: dict[str, tuple[str, int]] = {}
        for table, index, value in items:
            folded = value.lower()
            if folded in seen:
                first_table, first = seen[folded]
                self.wrong(
                    table,
                    index,
                    key,
                    f"'{value}' staat er twee keer in; ook bij [[{first_table}]] nr. {first + 1}. "
                    f"Elke {what} heeft een eigen {key}.",
                )
            else:
                seen[folded] = (table, index)
        return {value for _, _, value in items}

    # -- fields ------------------------------------------------------------------------------

    def _text(self, table: str, index: int, entry: dict[str, Any], key: str) -> str | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.wrong(table, index, key, "dit moet een tekst tussen aanhalingstekens zijn.")
            return None
        text = str(value).strip()
        return text or None

    def _choice(self, table, index, entry, key, choices, default=None) -> str | None:
        value = self._text(table, index, entry, key)
        if value is None:
            return default
        if value not in choices:
            self.wrong(
                table, index, key, f"'{value}' bestaat niet; kies uit: {', '.join(choices)}."
            )
            return None
        return value

    def _phone(self, table: str, index: int, entry: dict[str, Any], key: str) -> str | None:
        value = self._text(table, index, entry, key)
        if value is None:
            return None
        try:
            number = phonenumbers.parse(value, "NL")
            valid = phonenumbers.is_valid_number(number)
        except phonenumbers.NumberParseException:
            valid = False
        if not valid:
            self.wrong(
                table,
                index,
                key,
                f"'{value}' is geen geldig telefoonnummer. Schrijf het bijvoorbeeld als "
                "+31345581100 of 0345 581100.",
            )
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def _email(self, table: str, index: int, entry: dict[str, Any], key: str) -> str | None:
        value = self._text(table, index, entry, key)
        if value is None:
            return None
        if not _EMAIL.match(value):
            self.wrong(
                table, index, key, f"'{value}' is geen e-mailadres (zoals naam@gemeente.nl)."
            )
            return None
        return value.lower()

    def _list(self, table: str, index: int, entry: dict[str, Any], key: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.wrong(table, index, key, 'dit moet een lijst met teksten zijn: ["a", "b"].')
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def _hours(self, table: str, index: int, entry: dict[str, Any], key: str) -> OpeningHours:
        value = entry.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.wrong(table, index, key, 'schrijf de tijden als { mon = "08:30-17:00", … }.')
            return {}
        hours: OpeningHours = {}
        for day, periods in value.items():
            if day not in WEEKDAYS:
                self.wrong(
                    table,
                    index,
                    key,
                    f"'{day}' is geen dag; gebruik {', '.join(WEEKDAYS)}.",
                )
                continue
            listed = [periods] if isinstance(periods, str) else periods
            if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
                self.wrong(table, index, key, f"de tijden bij {day} moeten tekst zijn.")
                continue
            parsed = []
            for period in listed:
                span = _period(period)
                if span is None:
                    self.wrong(
                        table,
                        index,
                        key,
                        f"'{period}' bij {day} is geen tijd van-tot zoals \"08:30-17:00\".",
                    )
                    continue
                parsed.append(span)
            if parsed:
                hours[WEEKDAYS.index(day)] = tuple(sorted(parsed))
        return hours

    # -- the tables --------------------------------------------------------------------------

    def _desk(self, table: str, index: int, entry: dict[str, Any]) -> tuple[str, int, Desk | None]:
        default_kind = DeskKind.BACK_OFFICE.value if table == "teams" else None
        kind = self._choice(table, index, entry, "kind", DESK_KINDS, default_kind)
        desk_id = self._text(table, index, entry, "id")
        name = self._text(table, index, entry, "name")
        phone = self._phone(table, index, entry, "phone")
        mailbox = self._email(table, index, entry, "mailbox")
        hours = self._hours(table, index, entry, "opening_hours")
        topics = self._list(table, index, entry, "topics")
        if not (kind and desk_id and name):
            return table, index, None
        desk = Desk(
            id=desk_id,
            name=name,
            kind=DeskKind(kind),
            phone=phone,
            mailbox=mailbox,
            topics=topics,
            opening_hours=hours,
        )
        return table, index, desk

    def _partner(self, index: int, entry: dict[str, Any]) -> PartnerOrganisation | None:
        table = "partners"
        partner_id = self._text(table, index, entry, "id")
        name = self._text(table, index, entry, "name")
        kind = self._text(table, index, entry, "kind") or "partner"
        phone = self._phone(table, index, entry, "phone")
        mail = self._email(table, index, entry, "referral_mail")
        hours = self._hours(table, index, entry, "opening_hours")
        topics = self._list(table, index, entry, "topics")
        if not (partner_id and name and phone):
            return None
        return PartnerOrganisation(
            id=partner_id,
            name=name,
            kind=kind,
            phone=phone,
            email=mail,
            topics=topics,
            opening_hours=hours,
        )

    def _colleague(self, index: int, entry: dict[str, Any], desk_ids: set[str]) -> Colleague | None:
        table = "colleagues"
        email = self._email(table, index, entry, "email")
        name = self._text(table, index, entry, "name")
        desk = self._text(table, index, entry, "desk")
        role = self._choice(table, index, entry, "role", ROLES)
        phone = self._phone(table, index, entry, "phone")
        extension = self._text(table, index, entry, "extension")
        if extension is not None and not extension.isdigit():
            self.wrong(table, index, "extension", f"'{extension}' is geen toestelnummer (cijfers).")
        hours = self._hours(table, index, entry, "working_hours")
        replacement = self._text(table, index, entry, "replacement")
        if desk is not None and desk not in desk_ids:
            self.wrong(
                table,
                index,
                "desk",
                f"de afdeling '{desk}' staat niet in dit bestand. Gebruik de id van een "
                "[[desks]] of [[teams]].",
            )
            desk = None
        if not (email and name and desk and role):
            return None
        return Colleague(
            id=self._text(table, index, entry, "id") or email,
            name=name,
            role=Role(role),
            desk_id=desk,
            extension=extension,
            phone=phone,
            email=email,
            working_hours=hours,
            replacement_id=replacement,
        )

    def _topics(
        self, entries: list[tuple[int, dict[str, Any]]], desk_ids: set[str], partner_ids: set[str]
    ) -> dict[tuple[str, str], list[str]]:
        found: dict[tuple[str, str], list[str]] = {}
        for index, entry in entries:
            name = self._text("topics", index, entry, "name")
            desk = self._text("topics", index, entry, "desk")
            partner = self._text("topics", index, entry, "partner")
            if (desk is None) == (partner is None):
                self.wrong("topics", index, None, 'noem precies één: desk = "…" of partner = "…".')
                continue
            if desk is not None and desk not in desk_ids:
                self.wrong(
                    "topics", index, "desk", f"de afdeling '{desk}' staat niet in dit bestand."
                )
                continue
            if partner is not None and partner not in partner_ids:
                self.wrong(
                    "topics", index, "partner", f"de partner '{partner}' staat niet in dit bestand."
                )
                continue
            if name:
                target = ("desk", desk) if desk is not None else ("partner", partner)
                found.setdefault(target, []).append(name)  # type: ignore[arg-type]
        return found

    def _closing_days(self, entries: list[tuple[int, dict[str, Any]]]) -> dict[date, str]:
        days: dict[date, str] = {}
        for index, entry in entries:
            value = entry.get("date")
            day = value if isinstance(value, date) else None
            if day is None and isinstance(value, str):
                try:
                    day = date.fromisoformat(value.strip())
                except ValueError:
                    day = None
            if value is not None and day is None:
                self.wrong(
                    "closing_days",
                    index,
                    "date",
                    f"'{value}' is geen datum; schrijf die als 2026-12-24.",
                )
                continue
            if day is not None:
                reason = self._text("closing_days", index, entry, "reason")
                days[day] = reason or "sluitingsdag van de gemeente"
        return days


def _period(text: str) -> tuple[time, time] | None:
    found = _PERIOD.match(text)
    if not found:
        return None
    try:
        start, end = time.fromisoformat(found.group(1)), time.fromisoformat(found.group(2))
    except ValueError:
        return None
    return (start, end) if start < end else None


def _unknown(key: str, known: tuple[str, ...], where: str) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" Bedoelt u '{close[0]}'?" if close else f" Bekende velden: {', '.join(known)}."
    return f"dit veld is onbekend {where}.{hint}"


def _with(obj, **changes):
    from dataclasses import replace

    return replace(obj, **changes)
