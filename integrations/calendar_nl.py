"""Dutch public holidays for the working calendar, from the maintained ``holidays`` tables.

Good Friday is in ``holidays.NL`` but Dutch municipalities are open that day (it is not in the
Algemene termijnenwet), so it is left out unless asked for. Liberation Day counts only in lustrum
years, as the package has it; any other local closing day comes from configuration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from console.domain.calendar import WorkingCalendar


class DutchHolidays(Mapping[date, str]):
    """A lazy date → Dutch name table (years are computed on first use)."""

    def __init__(self, *, include_good_friday: bool = False) -> None:
        self._table: Any = None
        self._include_good_friday = include_good_friday

    def _loaded(self) -> Any:
        # Loaded on first use, not at start: importing ``holidays`` loads every country's
        # table (~0.5 s on a busy machine), and the first inbox page needs none (B6).
        if self._table is None:
            import holidays

            self._table = holidays.NL(language="nl")
        return self._table

    def get(self, day: date, default: str | None = None) -> str | None:  # type: ignore[override]
        name = self._loaded().get(day)
        if name is None:
            return default
        if not self._include_good_friday and name.lower() == "goede vrijdag":
            return default
        return name

    def __getitem__(self, day: date) -> str:
        name = self.get(day)
        if name is None:
            raise KeyError(day)
        return name

    def __iter__(self):  # pragma: no cover - a lazy table has no complete list
        raise TypeError("DutchHolidays is a lookup table; ask for a date")

    def __len__(self) -> int:  # pragma: no cover
        raise TypeError("DutchHolidays is a lookup table; ask for a date")


def dutch_working_calendar(
    closing_days: Mapping[date, str] | Iterable[date] = (), *, include_good_friday: bool = False
) -> WorkingCalendar:
    """The municipality's calendar: Dutch holidays plus its own closing days."""
    if not isinstance(closing_days, Mapping):
        closing_days = {d: "sluitingsdag van de gemeente" for d in closing_days}
    return WorkingCalendar(
        holidays=DutchHolidays(include_good_friday=include_good_friday),
        closing_days=dict(closing_days),
    )
