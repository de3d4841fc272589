"""The plain-Dutch (B1) checker on a hand-written corpus, and on every text in resources/ that
a resident reads."""

from __future__ import annotations

import json
import math
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.plain_language import (
    FindingKind,
    check,
    officialese,
    sentences,
    syllables,
)
from tests.plain_language_corpus import OFFICIALESE, PLAIN


def test_the_corpus_is_big_enough():
    assert len(PLAIN) >= 30 and len(OFFICIALESE) >= 30


@pytest.mark.parametrize("sentence", PLAIN)
def test_a_plain_sentence_scores_60_or_more_and_passes(sentence):
    report = check(sentence)
    assert report.score >= 60, (report.score, sentence)
    assert report.passes, report.findings


@pytest.mark.parametrize(("sentence", "expected"), OFFICIALESE, ids=lambda v: str(v)[:30])
def test_an_officialese_sentence_scores_below_40_and_each_word_is_found(sentence, expected):
    report = check(sentence)
    assert report.score < 40, (report.score, sentence)
    assert not report.passes
    found = {f.text.lower(): f for f in report.of_kind(FindingKind.OFFICIALESE)}
    for word in expected:
        assert word.lower() in found, (word, sorted(found))
        finding = found[word.lower()]
        assert sentence[finding.start : finding.end] == finding.text
        assert finding.alternative and finding.alternative in finding.hint


def test_the_corpora_as_a_whole():
    assert check(" ".join(PLAIN)).score >= 60
    assert check(" ".join(s for s, _ in OFFICIALESE)).score < 40


def test_the_word_list_has_100_entries_each_with_a_plain_alternative():
    table = officialese()
    assert len(table) >= 100
    assert all(alternative.strip() for alternative in table.values())


@pytest.mark.parametrize("term", sorted(officialese()))
def test_every_listed_word_is_found_in_a_sentence(term):
    text = f"Wij schrijven {term} in deze zin."
    found = [f for f in check(text).of_kind(FindingKind.OFFICIALESE)]
    assert [f.text.lower() for f in found] == [term], found


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("Wij retourneren het.", "retourneren"),
        ("U retourneert het.", "retourneren"),
        ("Wij verstrekten het.", "verstrekken"),
        ("Het is geretourneerd.", "retourneren"),
        ("De nadere uitleg volgt.", "nadere"),
    ],
)
def test_inflected_forms_are_found(typed, listed):
    assert check(typed).of_kind(FindingKind.OFFICIALESE), typed


def test_sentences_over_15_words_are_flagged_and_15_are_not():
    fifteen = " ".join(["Wij"] + ["bellen"] * 13 + ["terug."])
    sixteen = " ".join(["Wij"] + ["bellen"] * 14 + ["terug."])
    assert not check(fifteen).of_kind(FindingKind.LONG_SENTENCE)
    [finding] = check(sixteen).of_kind(FindingKind.LONG_SENTENCE)
    assert "16 woorden" in finding.hint


@pytest.mark.parametrize(
    "sentence",
    [
        "Uw aanvraag wordt binnen vier weken behandeld.",
        "U wordt verzocht het formulier te ondertekenen.",
        "De brief werd gisteren verstuurd.",
        "De vergunning is door het college verleend.",
        "Uw melding wordt zo snel mogelijk opgepakt.",
    ],
)
def test_the_passive_voice_is_found(sentence):
    assert check(sentence).of_kind(FindingKind.PASSIVE)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wij behandelen uw aanvraag binnen vier weken.",
        "Het wordt morgen koud.",
        "Wilt u lid worden van de raad?",
        "De gemeente belt u terug.",
    ],
)
def test_active_sentences_are_not_called_passive(sentence):
    assert not check(sentence).of_kind(FindingKind.PASSIVE)


def test_long_words_are_flagged_but_not_addresses_or_abbreviations():
    report = check("Lees de kwijtscheldingsregeling op www.westbetuwe.nl of vraag het KCC.")
    assert [f.text for f in report.of_kind(FindingKind.LONG_WORD)] == ["kwijtscheldingsregeling"]


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("gemeente", 3),
        ("paspoort", 2),
        ("nieuw", 1),
        ("beëindigen", 4),
        ("ideeën", 3),
        ("huishoudelijke", 5),
        ("terugbellen", 4),
        ("vrijdag", 2),
        ("leeuw", 1),
        ("actueel", 3),
    ],
)
def test_dutch_syllables(word, count):
    assert syllables(word) == count


def test_abbreviations_and_line_breaks_split_sentences_as_a_reader_would():
    text = "Neem bijv. uw pas mee. Dat is o.a. nodig.\nMet vriendelijke groet,\nPiet"
    assert [text[a:b].strip() for a, b in sentences(text)] == [
        "Neem bijv. uw pas mee.",
        "Dat is o.a. nodig.",
        "Met vriendelijke groet,",
        "Piet",
    ]


@settings(deadline=None, max_examples=200)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_is_checked_without_a_crash(text):
    report = check(text)
    assert math.isfinite(report.score)
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.hint


# -- every text in resources/ that a resident reads ---------------------------------------------

_PLACEHOLDER = re.compile(r"\$\{?\w+\}?")
_INSTRUCTION = re.compile(r"\[[^\]]*\]")  # text in [brackets] is for the colleague, not sent


def resident_texts() -> list[tuple[str, str]]:
    """(where, text) for every text in resources/ that is meant for residents.

    Mail and message templates (``resources/templates/**/*.txt``; placeholders filled with a
    short name, [instructions] and the "Onderwerp:" label left out) and the out-of-office
    replies of the demo organisation.
    """
    root = resources.files("resources")
    found: list[tuple[str, str]] = []
    templates = root / "templates"
    if templates.is_dir():
        stack = [templates]
        while stack:
            folder = stack.pop()
            for entry in folder.iterdir():
                if entry.is_dir():
                    stack.append(entry)
                elif entry.name.endswith(".txt"):
                    text = entry.read_text(encoding="utf-8")
                    text = _INSTRUCTION.sub("", _PLACEHOLDER.sub("Jan", text))
                    text = re.sub(r"^Onderwerp:\s*", "", text)
                    found.append((f"templates/{entry.name}", text))
    # The demo's out-of-office replies (demo-only data beside the organisation file).
    demo = json.loads((root / "demo" / "demo.json").read_text(encoding="utf-8"))
    for colleague_id, extra in demo.get("availability", {}).items():
        for absence in extra.get("out_of_office", []):
            found.append((f"out_of_office of {colleague_id}", absence["message"]))
    return found


def test_there_are_resident_texts_to_check():
    assert len(resident_texts()) >= 5


@pytest.mark.parametrize(("where", "text"), resident_texts(), ids=lambda v: str(v)[:40])
def test_every_resident_text_in_resources_is_plain_dutch(where, text):
    report = check(text)
    problems = [f.hint for f in report.findings if f.kind is not FindingKind.LONG_WORD]
    assert report.passes, (where, report.score, problems)


def test_the_summary_line_names_the_level_and_the_first_tip():
    assert check("").summary() == ""
    assert check("Wij bellen u morgen terug.").summary() == "Taalniveau: makkelijk."
    line = check("Wij bellen u derhalve morgen terug.").summary()
    assert line.startswith("Taalniveau: ") and "1 tip." in line and "daarom" in line
