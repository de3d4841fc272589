"""The outbox: writes not yet delivered to the system of record, committed with the write.

``Outbox.record`` runs inside the repository's own write transaction (on the database thread),
so a change and its outbox entry are committed together or not at all. Each create gets a
client reference (ten digits: what Open Klant's ``referentienummer`` accepts) that stays the
same over every retry, so the sync engine can look a create up after an ambiguous failure.

Entry states: ``pending`` (to deliver; ``sent`` = 1 once an attempt may have reached the
server), ``held`` (waiting for a conflict to be resolved), ``failed`` (refused by the server;
later entries of that interaction wait), ``delivered``, ``superseded`` (dropped when a conflict
was resolved in favour of the server).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection

from console.domain.callbacks import Attempt, AttemptOutcome
from console.domain.model import (
    Channel,
    Interaction,
    Owner,
    OwnerKind,
)
from console.ports import InternalTask
from offline_cache.rows import interaction_from_mapping
from offline_cache.timefmt import from_db, to_db


def random_reference() -> str:
    """Ten random digits (leading zeros kept); collisions are handled by the sync engine."""
    return f"{secrets.randbelow(10**10):010d}"


def interaction_to_json(item: Interaction) -> dict[str, Any]:
    return {
        "id": item.id,
        "channel": item.channel.value,
        "direction": item.direction.value,
        "subject": item.subject,
        "question": item.question,
        "received_at": to_db(item.received_at),
        "owner_kind": item.owner.kind.value,
        "owner_id": item.owner.id,
        "desk_id": item.desk_id,
        "status": item.status.value,
        "resident_id": item.resident_id,
        "resident_name": item.resident_name,
        "question_kind": item.question_kind.value,
        "priority": item.priority,
        "deadline": to_db(item.deadline),
        "outcome": item.outcome.value if item.outcome else None,
        "transfers": item.transfers,
        "updated_at": to_db(item.updated_at),
        "closed_at": to_db(item.closed_at),
        "created_by": item.created_by,
    }


def interaction_from_json(m: dict[str, Any]) -> Interaction:
    return interaction_from_mapping(m)


def task_to_json(task: InternalTask) -> dict[str, Any]:
    return {
        "action": task.action,
        "explanation": task.explanation,
        "assignees": [[a.kind.value, a.id] for a in task.assignees],
        "callback_numbers": list(task.callback_numbers),
        "contact_name": task.contact_name,
        "email": task.email,
        "channel": task.channel.value if task.channel else None,
        "attempts": [
            [to_db(a.at), a.by, a.outcome.value, a.remark] for a in task.attempts
        ],
        "outcome_text": task.outcome_text,
    }


def task_from_json(m: dict[str, Any] | None) -> InternalTask | None:
    """The task of an outbox entry; entries written before issue 10 lack the newer keys."""
    if not m:
        return None
    channel = m.get("channel")
    return InternalTask(
        action=m["action"],
        explanation=m.get("explanation", ""),
        assignees=tuple(Owner(OwnerKind(k), i) for k, i in m.get("assignees", [])),
        callback_numbers=tuple(m.get("callback_numbers", [])),
        contact_name=m.get("contact_name", ""),
        email=m.get("email", ""),
        channel=Channel(channel) if channel else None,
        attempts=tuple(
            Attempt(from_db(at), by, AttemptOutcome(outcome), remark)  # type: ignore[arg-type]
            for at, by, outcome, remark in m.get("attempts", [])
        ),
        outcome_text=m.get("outcome_text", ""),
    )


_INSERT = (
    "INSERT INTO outbox (entity_id, op, payload, reference, state, sent, attempts, created_at) "
    "VALUES (:entity_id, :op, :payload, :reference, 'pending', 0, 0, :created_at)"
)


class Outbox:
    """Writes outbox entries inside a caller's transaction (database thread only)."""

    def __init__(self, *, new_reference: Callable[[], str] = random_reference) -> None:
        self.new_reference = new_reference

    def record(
        self,
        conn: Connection,
        op: str,
        items: Sequence[Interaction],
        *,
        tasks: dict[str, InternalTask] | None = None,
    ) -> None:
        rows = []
        for item in items:
            payload: dict[str, Any] = {"interaction": interaction_to_json(item)}
            task = (tasks or {}).get(item.id)
            if task is not None:
                payload["task"] = task_to_json(task)
            rows.append(
                {
                    "entity_id": item.id,
                    "op": op,
                    "payload": json.dumps(payload),
                    "reference": self.new_reference() if op == "create" else None,
                    "created_at": to_db(item.updated_at or item.received_at),
                }
            )
        if rows:
            conn.exec_driver_sql(_INSERT, rows)
