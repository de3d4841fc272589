"""The inbox's text search on the store: one folded FTS5 index and its query expression.

``interaction_search`` (migration v8) holds, per interaction (rowid = ``interaction.seq``), the
text ``console.domain.textfold.search_text`` makes of its subject, question and resident name,
the resident's phone numbers, e-mail and address, and a callback note's numbers and e-mail.
Triggers keep it in step; they call the Python function ``kcc_search_text``, which ``register``
adds to every connection the console opens (``Database`` does it on connect), so stored text and
typed queries are folded by the same code.

Any thread that owns the connection (the database thread in the console).
"""

from __future__ import annotations

import sqlite3

from console.domain.textfold import SearchQuery, parse_query, search_text

FUNCTION = "kcc_search_text"
# The columns kcc_search_text takes, as SQL on interaction i, resident r, callback_note n.
ARGUMENTS = (
    "i.subject, i.question, i.resident_name, r.email, r.address, n.email, "
    "r.phone, r.phone2, n.phone, n.phone2"
)


def _search_text(
    subject: str | None,
    question: str | None,
    resident_name: str | None,
    email: str | None,
    address: str | None,
    note_email: str | None,
    phone: str | None,
    phone2: str | None,
    note_phone: str | None,
    note_phone2: str | None,
) -> str:
    return search_text(
        subject,
        question,
        resident_name,
        email,
        address,
        note_email,
        phones=(phone, phone2, note_phone, note_phone2),
    )


def register(conn: sqlite3.Connection) -> None:
    """Make ``kcc_search_text`` callable on ``conn`` (its triggers need it for every write)."""
    conn.create_function(FUNCTION, 10, _search_text, deterministic=True)


def reindex_sql(where: str) -> str:
    """SQL that (re)adds the search rows of the interactions ``where`` selects (alias i)."""
    return (
        f"INSERT INTO interaction_search(rowid, body) SELECT i.seq, {FUNCTION}({ARGUMENTS}) "
        "FROM interaction i LEFT JOIN resident r ON r.id = i.resident_id "
        f"LEFT JOIN callback_note n ON n.id = i.id WHERE {where}"
    )


def match_expression(query: SearchQuery) -> str | None:
    """The FTS5 expression for parsed terms: every term must match (AND).

    Each term is a quoted phrase of folded word tokens, so FTS5 operators the user typed (AND,
    NEAR, quotes, ``*``) are searched for as text instead of breaking the query.
    """
    if not query.terms:
        return None
    parts = []
    for term in query.terms:
        phrase = '"' + " ".join(term.tokens) + '"'
        parts.append(phrase + "*" if term.prefix else phrase)
    return " ".join(parts)


def fts_match_expression(text: str) -> str | None:
    """Typed text → FTS5 expression (bounded: see ``textfold.parse_query``)."""
    return match_expression(parse_query(text))
