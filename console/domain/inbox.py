"""What the inbox shows: the query (filters) and one row's snapshot.

The sort order is the urgency order of ARCHITECTURE.md: priority (live first), then deadline,
then waiting time. ``InboxCursor`` marks where a page ended so the next page continues from there
(keyset paging: page 500 costs what page 1 costs).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from console.domain.model import Channel, Owner, Status


class Scope(enum.StrEnum):
    MINE = "mine"
    MY_DESK = "my_desk"
    ALL = "all"


class StateFilter(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"  # open and closed together (a drill-down from the dashboard)


@dataclass(frozen=True, slots=True)
class InboxQuery:
    scope: Scope = Scope.ALL
    channel: Channel | None = None
    text: str = ""
    state: StateFilter = StateFilter.OPEN
    colleague_id: str | None = None  # whose "mine"
    desk_id: str | None = None  # whose "my desk"
    ids: tuple[str, ...] | None = None  # drill-down: exactly these items


@dataclass(frozen=True, slots=True)
class InboxCursor:
    """The sort key of the last row of a page."""

    priority: int
    deadline: datetime
    received_at: datetime
    seq: int


class InboxRow(NamedTuple):
    """A snapshot of one interaction, as the inbox list shows it.

    A named tuple, not a frozen dataclass: a page builds hundreds of these per keystroke, and a
    tuple is built several times faster (benchmark B3). Immutable and comparable all the same.
    """

    id: str
    seq: int
    channel: Channel
    subject: str
    resident_name: str | None
    received_at: datetime
    deadline: datetime
    priority: int
    owner: Owner
    desk_id: str
    status: Status
    closed_at: datetime | None = None

    @property
    def is_open_row(self) -> bool:
        return self.status is not Status.DONE

    @property
    def cursor(self) -> InboxCursor:
        return InboxCursor(self.priority, self.deadline, self.received_at, self.seq)
