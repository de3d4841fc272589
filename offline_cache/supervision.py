"""``SupervisionRepository`` on SQLite: the dashboard's figures as a few aggregate queries.

Each measure of ``console.domain.supervision.Measure`` is one SQL predicate, written once here
and used twice: summed per (channel, desk) for the figures and as a WHERE clause for the
drill-down ids, so a number and the list behind it can never disagree. Working-day deadlines
(N8: 5 working days, N9/N10: 1) come in as a small table of per-day windows computed by the
service from the ``WorkingCalendar`` (the store knows no holidays). Runs on the database thread
through ``Database``; only finished counts cross to the event loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection

from console.domain.supervision import (
    PERIOD_MEASURES,
    Drill,
    HourLoad,
    LoadCounts,
    Measure,
    Moments,
    Norm,
    NormCounts,
    PeriodCounts,
)
from console.ports import ChangeNotice
from offline_cache.database import Database
from offline_cache.timefmt import from_db, to_db

# First handling of an item: a colleague took it, wrote a note, tried to call back, transferred
# or closed it (closing an untaken item records a take at the same moment).
_FIRST = (
    "(SELECT min(t.at) FROM timeline t WHERE t.interaction_id = i.id "
    "AND t.kind IN ('taken', 'note', 'callback_attempt', 'transferred', 'closed'))"
)
_DUE1 = "(SELECT w.due1 FROM win w WHERE w.lo <= i.received_at AND i.received_at < w.hi)"
_DUE5 = "(SELECT w.due5 FROM win w WHERE w.lo <= i.received_at AND i.received_at < w.hi)"

# norm -> (which items, the moment it was handled or NULL, the moment it is due)
_NORMS: dict[Norm, tuple[str, str, str]] = {
    Norm.N1: ("i.channel = 'callback_note'", "i.closed_at", "i.deadline"),
    Norm.N8: ("i.question_kind = 'complaint'", _FIRST, _DUE5),
    Norm.N9: ("i.channel = 'mail'", _FIRST, _DUE1),
    Norm.N10: ("i.channel = 'post'", _FIRST, _DUE1),
    Norm.N11: ("i.channel IN ('chat', 'call_me') AND i.priority = 1", _FIRST, "i.deadline"),
}


def _norm_predicate(norm: Norm, measure: Measure) -> str:
    scope, done, due = _NORMS[norm]
    if measure is Measure.NORM_MET:
        return f"({scope}) AND {done} IS NOT NULL AND {done} <= {due}"
    if measure is Measure.NORM_BROKEN:
        # Handled late, or not handled and the due moment has passed.
        return f"({scope}) AND COALESCE({done}, :now) > {due}"
    if measure is Measure.NORM_AT_RISK:
        return f"({scope}) AND {done} IS NULL AND {due} >= :now AND {due} <= :risk_until"
    if measure is Measure.NORM_PENDING:
        return f"({scope}) AND {done} IS NULL AND {due} >= :now"
    raise ValueError(measure)


_NOTE_OPEN = "i.channel = 'callback_note' AND i.is_open = 1"
_PREDICATES: dict[Measure, str] = {
    Measure.WAITING: "i.is_open = 1 AND i.owner_kind = 'desk'",
    Measure.HANDLED_TODAY: "i.is_open = 0 AND i.closed_at >= :today_lo AND i.closed_at < :today_hi",
    Measure.NOTES_DUE_TODAY: f"{_NOTE_OPEN} AND i.deadline >= :today_lo AND i.deadline < :today_hi",
    Measure.NOTES_AT_RISK: f"{_NOTE_OPEN} AND i.deadline >= :now AND i.deadline <= :risk_until",
    Measure.NOTES_OVERDUE: f"{_NOTE_OPEN} AND i.deadline < :now",
    Measure.CONTACTS: "1",
    Measure.TRANSFERRED_TWICE: "i.transfers >= 2",
    Measure.SATISFACTION_BELOW_TARGET: "i.satisfaction IS NOT NULL AND i.satisfaction < 9",
}

# The load query reads only open items and those closed today (both on indexes).
_LOAD_ROWS = "(i.is_open = 1 OR (i.is_open = 0 AND i.closed_at >= :today_lo))"
_PERIOD_ROWS = "i.received_at >= :p_lo AND i.received_at < :p_hi"


def _count(predicate: str) -> str:
    return f"SUM(CASE WHEN {predicate} THEN 1 ELSE 0 END)"


_LOAD_SQL = (
    "SELECT i.channel, i.desk_id, "
    f"{_count(_PREDICATES[Measure.WAITING])}, "
    f"MIN(CASE WHEN {_PREDICATES[Measure.WAITING]} THEN i.received_at END), "
    f"{_count(_PREDICATES[Measure.HANDLED_TODAY])}, "
    f"SUM(CASE WHEN {_PREDICATES[Measure.HANDLED_TODAY]} "
    "THEN (julianday(i.closed_at) - julianday(i.received_at)) * 86400.0 ELSE 0 END), "
    f"{_count(_PREDICATES[Measure.NOTES_DUE_TODAY])}, "
    f"{_count(_PREDICATES[Measure.NOTES_AT_RISK])}, "
    f"{_count(_PREDICATES[Measure.NOTES_OVERDUE])} "
    # The unary + keeps SQLite from walking a whole index in (channel, desk) order for the
    # GROUP BY; it then finds the few open and closed-today rows through ix_inbox_closed
    # (benchmark B9 at 10^5: 283 ms → 16 ms). The groups are few, so sorting them is free.
    f"FROM interaction i WHERE {_LOAD_ROWS} GROUP BY +i.channel, +i.desk_id"
)

_NORM_COLUMNS = [
    (norm, measure)
    for norm in Norm
    for measure in (
        Measure.NORM_MET,
        Measure.NORM_BROKEN,
        Measure.NORM_AT_RISK,
        Measure.NORM_PENDING,
    )
]


def _windows_cte(moments: Moments) -> tuple[str, dict[str, object]]:
    """The per-day due moments as a VALUES table ``win(lo, hi, due1, due5)``."""
    params: dict[str, object] = {}
    rows = []
    for n, (lo, hi, due1, due5) in enumerate(moments.windows):
        rows.append(f"(:w{n}a, :w{n}b, :w{n}c, :w{n}d)")
        params.update(
            {f"w{n}a": to_db(lo), f"w{n}b": to_db(hi), f"w{n}c": to_db(due1), f"w{n}d": to_db(due5)}
        )
    if not rows:
        rows.append("(NULL, NULL, NULL, NULL)")
    return f"WITH win(lo, hi, due1, due5) AS (VALUES {', '.join(rows)}) ", params


def _moment_params(moments: Moments) -> dict[str, object]:
    return {
        "now": to_db(moments.now),
        "today_lo": to_db(moments.today_start),
        "today_hi": to_db(moments.today_end),
        "risk_until": to_db(moments.risk_until),
        "p_lo": to_db(moments.period_start),
        "p_hi": to_db(moments.period_end),
    }


def _used(sql: str, params: dict[str, object]) -> dict[str, object]:
    """Only the parameters the statement names (sqlite3 rejects none, but keep it tidy)."""
    return {k: v for k, v in params.items() if f":{k}" in sql}


class SqlSupervisionRepository:
    """``SupervisionRepository`` on the local store (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load_by_group(self, moments: Moments) -> list[tuple[str, str, LoadCounts]]:
        params = _used(_LOAD_SQL, _moment_params(moments))

        def work(conn: Connection) -> list[tuple[str, str, LoadCounts]]:
            result = []
            for r in conn.exec_driver_sql(_LOAD_SQL, params):
                result.append(
                    (
                        r[0],
                        r[1],
                        LoadCounts(
                            waiting=r[2] or 0,
                            oldest_waiting=from_db(r[3]),
                            handled_today=r[4] or 0,
                            handling_seconds=float(r[5] or 0.0),
                            notes_due_today=r[6] or 0,
                            notes_at_risk=r[7] or 0,
                            notes_overdue=r[8] or 0,
                        ),
                    )
                )
            return result

        return await self._db.read(work)

    async def period_by_group(self, moments: Moments) -> list[tuple[str, str, PeriodCounts]]:
        # Two passes: cheap counts over every contact of the period, and the norm counts only
        # over the contacts a norm is about (evaluating 20 CASEs on every phone call costs 3×).
        general = (
            "SELECT i.channel, i.desk_id, count(*), SUM(i.transfers), "
            f"{_count(_PREDICATES[Measure.TRANSFERRED_TWICE])}, count(i.satisfaction), "
            f"SUM(i.satisfaction), {_count(_PREDICATES[Measure.SATISFACTION_BELOW_TARGET])} "
            f"FROM interaction i WHERE {_PERIOD_ROWS} GROUP BY i.channel, i.desk_id"
        )
        cte, window_params = _windows_cte(moments)
        norm_sums = ", ".join(_count(_norm_predicate(n, m)) for n, m in _NORM_COLUMNS)
        in_scope = " OR ".join(f"({scope})" for scope, _, _ in _NORMS.values())
        norms = (
            f"{cte}SELECT i.channel, i.desk_id, {norm_sums} FROM interaction i "
            f"WHERE {_PERIOD_ROWS} AND ({in_scope}) GROUP BY i.channel, i.desk_id"
        )
        all_params = {**_moment_params(moments), **window_params}
        general_params = _used(general, all_params)
        norm_params = _used(norms, all_params)

        def work(conn: Connection) -> list[tuple[str, str, PeriodCounts]]:
            groups: dict[tuple[str, str], PeriodCounts] = {}
            for r in conn.exec_driver_sql(general, general_params):
                groups[(r[0], r[1])] = PeriodCounts(
                    contacts=r[2],
                    transfers=r[3] or 0,
                    transferred_twice=r[4] or 0,
                    scored=r[5] or 0,
                    score_sum=r[6] or 0,
                    below_target=r[7] or 0,
                )
            for r in conn.exec_driver_sql(norms, norm_params):
                counts = groups.setdefault((r[0], r[1]), PeriodCounts())
                for n, norm in enumerate(Norm):
                    base = 2 + 4 * n
                    counts.norms[norm] = NormCounts(*(r[base + k] or 0 for k in range(4)))
            return [(channel, desk, counts) for (channel, desk), counts in groups.items()]

        return await self._db.read(work)

    async def hourly(self, hours: Sequence[tuple[int, datetime, datetime]]) -> list[HourLoad]:
        if not hours:
            return []
        params: dict[str, object] = {}
        rows = []
        for n, (hour, lo, hi) in enumerate(hours):
            rows.append(f"(:h{n}, :h{n}a, :h{n}b)")
            params.update({f"h{n}": hour, f"h{n}a": to_db(lo), f"h{n}b": to_db(hi)})
        sql = (
            f"WITH hrs(h, lo, hi) AS (VALUES {', '.join(rows)}) SELECT h, "
            "(SELECT count(*) FROM interaction WHERE received_at >= lo AND received_at < hi), "
            "(SELECT count(*) FROM interaction WHERE is_open = 0 AND closed_at >= lo "
            "AND closed_at < hi) FROM hrs ORDER BY lo"
        )

        def work(conn: Connection) -> list[HourLoad]:
            return [HourLoad(r[0], r[1], r[2]) for r in conn.exec_driver_sql(sql, params)]

        return await self._db.read(work)

    async def drill_ids(self, drill: Drill, moments: Moments, *, limit: int) -> list[str]:
        if drill.measure in _PREDICATES:
            predicate = _PREDICATES[drill.measure]
        else:
            if drill.norm is None:
                raise ValueError(f"{drill.measure} needs a norm")
            predicate = _norm_predicate(drill.norm, drill.measure)
        where = [f"({predicate})"]
        extra: dict[str, object] = {"limit": limit}
        cte = ""
        window_params: dict[str, object] = {}
        if drill.measure in PERIOD_MEASURES:
            where.append(_PERIOD_ROWS)
            cte, window_params = _windows_cte(moments)
        if drill.channel is not None:
            where.append("i.channel = :channel")
            extra["channel"] = drill.channel.value
        if drill.desk_id is not None:
            where.append("i.desk_id = :desk")
            extra["desk"] = drill.desk_id
        sql = (
            f"{cte}SELECT i.id FROM interaction i WHERE {' AND '.join(where)} "
            "ORDER BY i.received_at, i.seq LIMIT :limit"
        )
        params = _used(sql, {**_moment_params(moments), **window_params, **extra})

        def work(conn: Connection) -> list[str]:
            return [r[0] for r in conn.exec_driver_sql(sql, params)]

        return await self._db.read(work)

    async def record_satisfaction(self, interaction_id: str, score: int) -> None:
        def work(conn: Connection) -> list[ChangeNotice]:
            changed = conn.exec_driver_sql(
                "UPDATE interaction SET satisfaction = ? WHERE id = ?", (score, interaction_id)
            ).rowcount
            if not changed:
                raise LookupError(interaction_id)
            return [
                ChangeNotice("interaction", (interaction_id,), "update", None, ("satisfaction",))
            ]

        await self._db.write(work)

    async def call_results(self, start: datetime, end: datetime) -> dict[str, int]:
        """Calls that rang in [start, end) per result (answered, missed, abandoned, refused)."""
        params = {"lo": to_db(start), "hi": to_db(end)}

        def work(conn: Connection) -> dict[str, int]:
            rows = conn.exec_driver_sql(
                "SELECT COALESCE(result, CASE WHEN answered_at IS NOT NULL THEN 'answered' "
                "ELSE 'missed' END), COUNT(*) FROM call_record "
                "WHERE rang_at >= :lo AND rang_at < :hi GROUP BY 1",
                params,
            )
            return {str(result): int(count) for result, count in rows}

        return await self._db.read(work)
