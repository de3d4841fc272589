"""Rows of the interaction table (or the outbox's JSON copy of one) as domain values.

Pure functions; used on the database thread by the repositories and the outbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console.domain.model import (
    Channel,
    Direction,
    Interaction,
    Outcome,
    Owner,
    OwnerKind,
    QuestionKind,
    Status,
)
from offline_cache.timefmt import from_db


def interaction_from_mapping(m: Mapping[str, Any]) -> Interaction:
    """An Interaction from a row of the interaction table, or the outbox's JSON copy of one."""
    return Interaction(
        id=m["id"],
        channel=Channel(m["channel"]),
        direction=Direction(m["direction"]),
        subject=m["subject"],
        question=m["question"],
        received_at=from_db(m["received_at"]),  # type: ignore[arg-type]
        owner=Owner(OwnerKind(m["owner_kind"]), m["owner_id"]),
        desk_id=m["desk_id"],
        status=Status(m["status"]),
        resident_id=m["resident_id"],
        resident_name=m["resident_name"],
        question_kind=QuestionKind(m["question_kind"]),
        priority=m["priority"],
        deadline=from_db(m["deadline"]),
        outcome=Outcome(m["outcome"]) if m["outcome"] else None,
        transfers=m["transfers"],
        updated_at=from_db(m["updated_at"]),
        closed_at=from_db(m["closed_at"]),
        created_by=m["created_by"],
    )
