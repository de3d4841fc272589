"""The tables of the local store, as sqlmodel classes.

Moments are UTC ISO text (see ``timefmt``). ``interaction.seq`` is the integer row id that the
FTS5 index and the keyset paging use; ``interaction.id`` is the stable text id shared with
other systems.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class InteractionRow(SQLModel, table=True):
    __tablename__ = "interaction"

    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True, index=True)
    channel: str
    direction: str
    subject: str
    question: str
    received_at: str
    owner_kind: str
    owner_id: str
    desk_id: str
    status: str
    is_open: int
    resident_id: str | None = Field(default=None, index=True)
    resident_name: str | None = None
    question_kind: str = "general"
    priority: int = 1
    deadline: str
    outcome: str | None = None
    transfers: int = 0
    updated_at: str | None = None
    closed_at: str | None = None
    created_by: str | None = None
    # Added by migration v2 (the N16 score); the class follows the table, not the reverse.
    satisfaction: int | None = None


class StatusChangeRow(SQLModel, table=True):
    __tablename__ = "status_change"

    seq: int | None = Field(default=None, primary_key=True)
    interaction_id: str = Field(index=True)
    at: str
    by: str
    old: str | None = None
    new: str


class TimelineRow(SQLModel, table=True):
    __tablename__ = "timeline"

    seq: int | None = Field(default=None, primary_key=True)
    interaction_id: str = Field(index=True)
    at: str
    actor: str
    kind: str
    text: str = ""
    data: str | None = None  # the sentence as data (JSON of console.i18n.Text), v11+


class ResidentRow(SQLModel, table=True):
    __tablename__ = "resident"

    id: str = Field(primary_key=True)
    name: str
    phone: str | None = Field(default=None, index=True)
    phone2: str | None = Field(default=None, index=True)
    email: str | None = None
    village: str | None = None
    address: str | None = None


class CallRecordRow(SQLModel, table=True):
    """One phone call next to its interaction (issue 4): timings, wrap-up, satisfaction."""

    __tablename__ = "call_record"

    interaction_id: str = Field(primary_key=True)
    number: str = ""
    rang_at: str
    answered_at: str | None = None
    ended_at: str | None = None
    outcome: str | None = None
    satisfaction: int | None = None
    result: str | None = None  # answered | missed | abandoned | refused (v6)


# The callback-note tables (their own module so the start need not import sqlmodel, B6): every
# model class is registered on SQLModel.metadata wherever this schema is imported.
from offline_cache import callback_schema  # noqa: E402, F401
