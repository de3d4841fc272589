"""Text search on the open list walks the inbox index, and returns exactly what it returned.

The store gets planner statistics after its first session (``PRAGMA optimize`` at close); with
them SQLite preferred to look up every match and sort them all. These tests use a generated
store that has those statistics (``benchmarks.data``), as every store in use has.
"""

from __future__ import annotations

import sqlite3

import pytest

from console.domain.inbox import InboxQuery, Scope, StateFilter
from offline_cache.repositories import SqlInteractionRepository, fts_match_expression, inbox_sql


@pytest.fixture(scope="module")
def used_store(tmp_path_factory):
    from benchmarks.data import cached_store
    from console.app import STORE_FILE

    return cached_store(tmp_path_factory.mktemp("stores"), size=2_000, seed=3) / STORE_FILE


def _plan(path, query: InboxQuery) -> list[str]:
    sql, params = inbox_sql(query, None, 200)
    conn = sqlite3.connect(path)
    try:
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    finally:
        conn.close()


def test_open_list_search_walks_the_inbox_index_and_stops_after_a_page(used_store):
    for query in (
        InboxQuery(text="paspoort"),
        InboxQuery(text="pa"),
        InboxQuery(text="pellegrom", scope=Scope.MY_DESK, desk_id="kcc"),
    ):
        plan = _plan(used_store, query)
        assert any("USING INDEX ix_inbox_" in step for step in plan), plan
        assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan


def _reference(path, query: InboxQuery, limit: int) -> list[str]:
    """The same page worked out in Python: FTS5 for the matches, filter and sort by hand."""
    conn = sqlite3.connect(path)
    try:
        matches = {
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM interaction_search WHERE interaction_search MATCH ?",
                (fts_match_expression(query.text),),
            )
        }
        rows = conn.execute(
            "SELECT seq, id, is_open, owner_id, desk_id, priority, deadline, received_at, "
            "closed_at FROM interaction"
        ).fetchall()
    finally:
        conn.close()
    wanted = 1 if query.state is StateFilter.OPEN else 0
    kept = [
        r
        for r in rows
        if r[0] in matches
        and r[2] == wanted
        and (query.scope is not Scope.MINE or r[3] == query.colleague_id)
        and (query.scope is not Scope.MY_DESK or r[4] == query.desk_id)
    ]
    if query.state is StateFilter.OPEN:
        kept.sort(key=lambda r: (r[5], r[6], r[7], r[0]))
    else:
        kept.sort(key=lambda r: (r[8], r[0]), reverse=True)
    return [r[1] for r in kept[:limit]]


def test_search_pages_are_the_matching_items_in_inbox_order(used_store, qloop):
    from offline_cache.database import Database

    queries = [
        InboxQuery(state=state, scope=scope, text=text, colleague_id="c01", desk_id="kcc")
        for state in (StateFilter.OPEN, StateFilter.CLOSED)
        for scope in (Scope.ALL, Scope.MINE, Scope.MY_DESK)
        for text in ("paspoort", "pa", "h", "pellegrom", "container niet", "zzzgeenwoord")
    ]

    async def pages() -> list[list[str]]:
        db = await Database.open(used_store)
        try:
            repo = SqlInteractionRepository(db)
            return [[r.id for r in await repo.page(q, limit=40)] for q in queries]
        finally:
            await db.close()

    got = qloop.run_until_complete(pages())
    for query, ids in zip(queries, got, strict=True):
        assert ids == _reference(used_store, query, 40), query
    assert any(got) and not all(got)  # some searches find items, the nonsense word none
