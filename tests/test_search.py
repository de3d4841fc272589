"""Search finds what a user expects: folded names, any phone notation, e-mail, postcode.

On a real store through the repository (the inbox's own query), and as properties of the search
expression (hypothesis): no input crashes it, and no word is silently lost.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from console.domain import lifecycle
from console.domain.inbox import InboxQuery, StateFilter
from console.domain.model import Resident
from console.domain.textfold import MAX_TERMS, fold, parse_query, phone_numbers, search_text
from console.ports import StoreError
from offline_cache.database import SEARCH_TOO_SLOW, Database
from offline_cache.repositories import SqlInteractionRepository, SqlResidentRepository
from offline_cache.search import fts_match_expression, register
from tests.test_store import make

NFD = "Ja\u0308nssen"  # "Jänssen" typed decomposed (macOS, some copy-paste)

ITEMS = {
    "yildiz": dict(subject="Afvalpas kwijt", resident_name="Ayşe Yıldız"),
    "kilic": dict(subject="Parkeervergunning", resident_name="Mehmet Kılıç"),
    "ij": dict(subject="Bouwvergunning", resident_name="Jan van \u0132sselstein"),  # Ĳ
    "greek": dict(subject="Paspoort", resident_name="Γιώργος Παπαδόπουλος"),
    "janssen": dict(subject="Container", resident_name="Jänssen"),
    "phone": dict(subject="Terugbellen", question="Bel mevrouw terug op 06-12 34 56 78."),
    "resident_phone": dict(subject="Kapotte lantaarn", resident_id="r-phone"),
    "email": dict(subject="Vraag per mail", question="Antwoord graag naar a.devries@example.nl"),
    "postcode": dict(subject="Grofvuil ophalen", question="Adres: Dorpsstraat 3, 4153 AB Beesd"),
    "foreign": dict(subject="Belgisch nummer", question="Bereikbaar op +32 470 12 34 56"),
}

EXPECTED = {
    "yildiz": ["yildiz"],
    "YILDIZ": ["yildiz"],
    "Yıldız": ["yildiz"],
    "YILDİZ": ["yildiz"],
    "kilic": ["kilic"],
    "KILIÇ": ["kilic"],
    "Kılıç": ["kilic"],
    "ijsselstein": ["ij"],
    "IJsselstein": ["ij"],
    "\u0133sselstein": ["ij"],
    "παπαδοπουλος": ["greek"],
    "Παπαδόπουλος": ["greek"],
    "ΓΙΩΡΓΟΣ": ["greek"],
    NFD: ["janssen"],
    "janssen": ["janssen"],
    "0612345678": ["phone"],
    "06-12345678": ["phone"],
    "06 12 34 56 78": ["phone"],
    "+31 6 1234 5678": ["phone"],
    "+31612345678": ["phone"],
    "0031 6 12345678": ["phone"],
    "+31 (0)6 12345678": ["phone"],
    "06-1234": ["phone"],  # while typing
    "+31 6 12": ["phone"],
    "0687654321": ["resident_phone"],  # the resident's own number, stored as E.164
    "+31 6 8765 4321": ["resident_phone"],
    "a.devries@example.nl": ["email"],
    "A.DeVries@exa": ["email"],
    "4153 AB": ["postcode"],
    "4153ab": ["postcode"],
    "4153AB beesd": ["postcode"],
    "+32 470 123456": ["foreign"],
    "0032470123456": ["foreign"],
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "s.sqlite3"

    async def scenario():
        db = await Database.open(path)
        try:
            repo = SqlInteractionRepository(db)
            await SqlResidentRepository(db).upsert_many(
                [Resident(id="r-phone", name="De Vries", phone="+31687654321")]
            )
            key_of = {}
            for n, (key, fields) in enumerate(ITEMS.items(), start=1):
                item = make(n, **fields)
                key_of[item.id] = key
                await repo.add(lifecycle.received(item))
            out = {}
            for text in EXPECTED:
                rows = await repo.page(InboxQuery(text=text, state=StateFilter.ALL))
                out[text] = sorted(key_of[r.id] for r in rows)
            return out
        finally:
            await db.close()

    return asyncio.run(scenario())


@pytest.mark.parametrize("text", list(EXPECTED))
def test_every_name_and_notation_finds_its_contact(results, text):
    assert results[text] == EXPECTED[text]


def test_folding_is_one_function_for_stored_text_and_queries():
    assert fold("Yıldız") == fold("YILDIZ") == fold("yildiz") == "yildiz"
    assert fold("Kılıç") == "kilic" and fold("\u0132sselstein") == "ijsselstein"
    assert fold(NFD) == fold("Jänssen") == "janssen"
    assert fold("Αθήνα") == fold("ΑΘΗΝΑ") == "αθηνα"
    assert search_text("Ayşe Yıldız") == "ayse yildiz"


def test_a_pasted_10_kb_query_is_bounded_and_the_user_is_told(tmp_path):
    pasted = ("Geachte heer/mevrouw, ik bel over de container in Beesd. " * 200)[:10_240]
    parsed = parse_query(pasted)
    assert parsed.truncated and len(parsed.terms) <= MAX_TERMS

    async def scenario():
        db = await Database.open(tmp_path / "s.sqlite3")
        try:
            repo = SqlInteractionRepository(db)
            await repo.add(lifecycle.received(make(1, question="De container in Beesd is vol")))
            return await repo.page(InboxQuery(text=pasted))
        finally:
            await db.close()

    assert [r.id for r in asyncio.run(scenario())] == []  # "geachte" is not in it: no match


def test_a_search_over_its_time_budget_is_stopped_with_a_dutch_message(tmp_path):
    async def scenario():
        db = await Database.open(tmp_path / "s.sqlite3")
        try:

            def endless(conn):
                return conn.exec_driver_sql(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                    "WHERE i < 100000000000) SELECT count(*) FROM n"
                ).scalar_one()

            with pytest.raises(StoreError) as info:
                await db.read(endless, budget=0.05)
            # The thread is free again at once for the next query.
            return info.value.message, await db.read(lambda c: 1)
        finally:
            await db.close()

    message, after = asyncio.run(scenario())
    assert message == SEARCH_TOO_SLOW and after == 1


# -- properties of the search expression ------------------------------------------------------


def _fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    register(conn)
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
    )
    return conn


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_no_typed_or_pasted_text_breaks_the_search_expression(text):
    conn = _fts()
    expression = fts_match_expression(text)
    if expression is not None:
        conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
@example("A0)0")  # found by hypothesis: the "0" of "A0" was taken as a phone number's start
def test_no_word_of_a_query_is_dropped_without_telling(text):
    parsed = parse_query(text)
    if parsed.truncated:
        return  # the user is told (TRUNCATED_HINT)
    searched = {token for term in parsed.terms for token in term.tokens}
    for word in re.findall(r"\w+", fold(text)):
        # Phone numbers, e-mail addresses and postcodes are searched in their own form.
        assert word in searched or any(word in t for t in searched), (word, parsed)


# Letters agents meet in names: Latin with accents, Turkish, Greek, ligatures, digits; spaces,
# punctuation and combining marks between them.
NAME_ALPHABET = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Nd", "Zs", "Po", "Pd", "Mn"),
    max_codepoint=0x3FF,
) | st.sampled_from(list("ıİĳĲßøłæœ"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=60), st.data())
def test_every_stored_word_is_found_by_itself_in_any_case_and_normal_form(stored, data):
    # A word: letters with their accents (a decomposed "ä" is one letter, not a break).
    words = re.findall(r"(?:\w|[\u0300-\u036f])+", unicodedata.normalize("NFC", stored))
    if not words:
        return
    word = data.draw(st.sampled_from(words))
    typed = data.draw(
        st.sampled_from(
            [word, word.upper(), word.lower(), unicodedata.normalize("NFD", word), fold(word)]
        )
    )
    conn = _fts()
    conn.execute("INSERT INTO t(rowid, body) VALUES (1, ?)", (search_text(stored),))
    expression = fts_match_expression(typed)
    if expression is None:
        return  # nothing searchable in it (only marks): the whole list is shown
    hits = [r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,))]
    assert hits == [1], (stored, typed, expression, search_text(stored))


def test_pasting_10_kb_into_the_search_field_searches_its_start_and_says_so(qloop, tmp_path, clock):
    from tests.helpers import running_app, signal_until

    pasted = "Container in Beesd, graag snel legen. " * 270  # 10 KB from an e-mail

    async def scenario():
        async with running_app(tmp_path, clock) as app:
            window = app.window
            window.show()
            await app.interactions.add(
                lifecycle.received(
                    make(1, subject="Container in Beesd", question="Graag snel legen")
                )
            )
            window.search.setText(pasted)
            await signal_until(
                window.model.refreshed,
                lambda: window.model.query.text == pasted and window.model.rowCount() == 1,
            )
            rows = [window.model.row_at(r).id for r in range(window.model.rowCount())]
            return rows, window.messages.text()

    rows, message = qloop.run_until_complete(scenario())
    assert len(pasted) > 10_000
    assert rows == ["i000001"]
    assert "alleen de eerste" in message


def test_numbers_written_next_to_each_other_stay_separate_numbers():
    text = "bel 0345 123456 of 06-12345678, anders +31 6 8765 4321 4153 AB"
    assert phone_numbers(text) == ["0345123456", "0612345678", "0687654321"]
    terms = [(t.tokens[0], t.kind) for t in parse_query(text).terms]
    assert ("0345123456", "phone") in terms and ("0612345678", "phone") in terms
    assert ("0687654321", "phone") in terms and ("4153ab", "postcode") in terms


def test_a_pasted_text_matches_whole_words_only():
    parsed = parse_query("paspoort verlopen " * 30)
    assert parsed.truncated and not any(t.prefix for t in parsed.terms)
