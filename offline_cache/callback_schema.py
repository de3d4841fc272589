"""The callback-note tables of the local store, as sqlmodel classes (see ``callback_notes``).

Kept apart from the repository so that opening the store and drawing the first inbox page do
not import sqlmodel (benchmark B6); ``offline_cache.schema`` imports this module, so every
model class is known wherever the schema is.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class CallbackNoteRow(SQLModel, table=True):
    __tablename__ = "callback_note"

    id: str = Field(primary_key=True)  # the interaction's id
    resident_name: str
    resident_id: str | None = Field(default=None, index=True)
    phone: str = Field(index=True)
    phone2: str | None = Field(default=None, index=True)
    email: str = ""
    summary: str
    best_time: str = ""
    creator: str = Field(index=True)
    source_interaction_id: str | None = None
    advice: str = ""
    override_reason: str = ""
    follow_up: str = "none"
    outcome_text: str = ""


class CallbackAttemptRow(SQLModel, table=True):
    __tablename__ = "callback_attempt"

    seq: int | None = Field(default=None, primary_key=True)
    note_id: str = Field(index=True)
    at: str
    by: str
    outcome: str
    remark: str = ""


class CallbackDraftRow(SQLModel, table=True):
    __tablename__ = "callback_draft"

    key: str = Field(primary_key=True)
    body: str
    updated_at: str


TABLES = (CallbackNoteRow.__table__, CallbackAttemptRow.__table__, CallbackDraftRow.__table__)
