"""One folding for stored text and for what the user types, so a search finds what it should.

"yildiz" and "YILDIZ" find Yıldız, "kilic" finds Kılıç, "ij" finds "ĳ", "athina" finds
"Αθήνα"'s "αθηνα" (Greek accents go, as other accents do), and decomposed input (NFD, as macOS
and some copy-paste produce) finds composed text. Phone numbers are found in any common notation
(0612345678, 06-12 34 56 78, +31 6 1234 5678, 0031 6…, +31 (0)6…), e-mail addresses as they are
written, postcodes with or without the space.

Stdlib only; pure functions, any thread. ``search_text`` builds what the store indexes for one
contact (the store calls it from SQLite as ``kcc_search_text``); ``parse_query`` turns typed text
into bounded search terms; the store turns those into its FTS5 expression.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from console.i18n import QT_TRANSLATE_NOOP, Sentence, Text

# Letters that neither case folding nor removing accents turns into plain Latin letters
# (applied after both, so "Ǽ" → "æ" → "ae" like "Æ"; "İ" needs no entry: it folds to "i" + a
# combining dot, which goes with the accents).
_SPECIAL = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
    }
)


def fold(text: str) -> str:
    """Lower case, no accents, one normal form, Turkish ı/İ as i, ĳ as ij."""
    if text.isascii():  # most text: nothing to normalise (and a 10⁶ re-index stays short)
        return text.lower()
    # NFKC first: "ĳ" → "ij", "ﬁ" → "fi", full-width digits and letters → plain ones.
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPECIAL)
    return unicodedata.normalize("NFC", plain)


# -- phone numbers, e-mail addresses, postcodes --------------------------------------------------

_DIGIT_GROUP = re.compile(r"\+?\d+")
_GAP = re.compile(r"[ \t\-./()]{1,3}")  # what people put between digit groups
_NL_NATIONAL_LENGTH = 10  # 0 + 9 digits
_MIN_FOREIGN_DIGITS = 8
_MAX_FOREIGN_DIGITS = 15


def _canonical(raw: str) -> str | None:
    """Digits of one written number as the store indexes them: Dutch ones as 06…, others 00…."""
    plus = raw.startswith("+")
    digits = re.sub(r"\D", "", raw)
    if plus:
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        return digits
    else:
        return None  # no 0 or + in front: an amount, a year, a house number
    if international.startswith("31"):
        national = international[2:]
        return "0" + (national[1:] if national.startswith("0") else national)  # +31 (0)6…
    return "00" + international


def _is_complete(number: str) -> bool:
    if number.startswith("00"):
        return _MIN_FOREIGN_DIGITS <= len(number) - 2 <= _MAX_FOREIGN_DIGITS
    return len(number) == _NL_NATIONAL_LENGTH


def _number_runs(text: str) -> list[list[re.Match[str]]]:
    """Digit groups that follow each other with only a little punctuation between them."""
    runs: list[list[re.Match[str]]] = []
    for match in _DIGIT_GROUP.finditer(text):
        if runs:
            last = runs[-1][-1]
            gap = text[last.end() : match.start()]
            if _GAP.fullmatch(gap) and not match.group().startswith("+"):
                runs[-1].append(match)
                continue
        runs.append([match])
    return runs


def _split_run(run: list[re.Match[str]]) -> tuple[list[tuple[int, int, str]], int | None]:
    """The complete numbers in one run of digit groups, as (first, last group, number).

    Also the index of the group where an unfinished number starts at the run's end (someone
    still typing it), or None.
    """
    found: list[tuple[int, int, str]] = []
    start = 0
    tail: int | None = None
    while start < len(run):
        taken = None
        written = ""
        for end in range(start, len(run)):
            written += run[end].group()
            number = _canonical(written)
            if number is None or len(number) > _MAX_FOREIGN_DIGITS + 2:
                break
            if _is_complete(number):
                taken = (end, number)  # foreign numbers vary in length: take the longest
                if not number.startswith("00"):
                    break
        if taken is None:
            if tail is None and _canonical(run[start].group()) is not None:
                tail = start
            start += 1
            continue
        found.append((start, taken[0], taken[1]))
        tail = None
        start = taken[0] + 1
    return found, tail


def phone_numbers(text: str) -> list[str]:
    """Every complete phone number written in ``text``, canonical (0612345678, 0032…)."""
    return [number for run in _number_runs(text) for _, _, number in _split_run(run)[0]]


def phone_from_e164(number: str | None) -> str | None:
    """A stored E.164 number (+31612345678) in the canonical search form."""
    return _canonical(number) if number else None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_TYPED = re.compile(r"[\w.+-]+@[\w.-]*")  # also while it is being typed
_POSTCODE = re.compile(r"(?<![\w])([1-9]\d{3}) ?([a-zA-Z]{2})(?![\w])")


def postcodes(text: str) -> list[str]:
    """Dutch postcodes in ``text`` as one token each: "4153 AB" → "4153ab"."""
    return [f"{a}{b}".lower() for a, b in _POSTCODE.findall(text)]


def search_text(*fields: str | None, phones: tuple[str | None, ...] = ()) -> str:
    """What the store indexes for one contact: the folded text plus canonical number tokens.

    ``fields`` are texts (subject, question, name, e-mail, address); ``phones`` are stored
    E.164 numbers. Deterministic: the same input always gives the same output (the index's
    triggers rely on it).
    """
    text = unicodedata.normalize("NFKC", " ".join(f for f in fields if f))
    has_digits = any(c.isdigit() for c in text)
    extra = [*phone_numbers(text), *postcodes(text)] if has_digits else []
    extra += [n for n in (phone_from_e164(p) for p in phones) if n]
    folded = fold(text)
    return f"{folded} {' '.join(extra)}" if extra else folded


# -- what the user types --------------------------------------------------------------------

MAX_QUERY_CHARS = 200  # a pasted page is cut here (and the user is told)
MAX_TERMS = 8  # more words narrow nothing down but cost time on every keystroke
MIN_PREFIX_LENGTH = 3  # shorter words match whole words only (benchmark B2)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    """One search term: a phrase of folded tokens; ``prefix``: its last token may go on."""

    tokens: tuple[str, ...]
    prefix: bool
    kind: str = "word"  # word | phone | email | postcode


@dataclass(frozen=True, slots=True)
class SearchQuery:
    terms: tuple[Term, ...]
    truncated: bool  # the input was longer than MAX_QUERY_CHARS or had more than MAX_TERMS


# A Sentence: Dutch as a string; the message bar renders it in the chosen language.
TRUNCATED_HINT = Sentence.of(
    Text(
        "errors",
        QT_TRANSLATE_NOOP(
            "errors",
            "Uw zoekvraag is lang: alleen de eerste {terms} woorden (of {chars} tekens) "
            "zijn gebruikt.",
        ),
        {"terms": MAX_TERMS, "chars": MAX_QUERY_CHARS},
    )
)


def _query_phone(written: str) -> str | None:
    """A (partly typed) phone number from the query in canonical form, or None."""
    number = _canonical(written)
    if number is None or len(number) < 2:
        return None
    return number


def parse_query(text: str) -> SearchQuery:
    """Bounded search terms from typed or pasted text; never raises."""
    truncated = len(text) > MAX_QUERY_CHARS
    # One normal form before finding words: decomposed "a" + "¨" is one word, as stored.
    text = unicodedata.normalize("NFKC", text[:MAX_QUERY_CHARS])
    spans: list[tuple[int, int, Term]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def glued(start: int, end: int) -> bool:
        # Digits that are part of a word ("A0", "12a") are that word, not a phone number:
        # taking them would drop the rest of the word from the search.
        before = start > 0 and text[start - 1].isalnum()
        return before or (end < len(text) and text[end].isalnum())

    for m in _EMAIL_TYPED.finditer(text):
        tokens = tuple(_WORD.findall(fold(m.group())))
        if tokens:
            spans.append((m.start(), m.end(), Term(tokens, prefix=True, kind="email")))
            taken.append((m.start(), m.end()))
    for m in _POSTCODE.finditer(text):
        if free(m.start(), m.end()):
            token = (m.group(1) + m.group(2)).lower()
            spans.append((m.start(), m.end(), Term((token,), prefix=True, kind="postcode")))
            taken.append((m.start(), m.end()))
    for run in _number_runs(text):
        complete, tail = _split_run(run)
        for first, last, number in complete:
            start, end = run[first].start(), run[last].end()
            if free(start, end) and not glued(start, end):
                spans.append((start, end, Term((number,), prefix=False, kind="phone")))
                taken.append((start, end))
        if tail is not None:  # a number still being typed: what there is so far, as a prefix
            start, end = run[tail].start(), run[-1].end()
            partial = _query_phone(text[start:end])
            if (
                partial is not None
                and free(start, end)
                and not glued(start, end)
                and (tail < len(run) - 1 or len(partial) >= 4)
            ):
                spans.append((start, end, Term((partial,), prefix=True, kind="phone")))
                taken.append((start, end))
    # The words: from the rest, folded as a whole (an accent between two letters, as
    # decomposed input has, must not split a word; the store folds the same way).
    rest = list(text)
    for start, end in taken:
        rest[start:end] = " " * (end - start)
    words = [
        Term((token,), prefix=len(token) >= MIN_PREFIX_LENGTH)
        for token in _WORD.findall(fold("".join(rest)))
    ]
    spans.sort(key=lambda s: s[0])
    terms: list[Term] = []
    for term in [*(span[2] for span in spans), *words]:
        if term not in terms:  # the same word twice narrows nothing
            terms.append(term)
    if len(terms) > MAX_TERMS:
        truncated = True
        terms = terms[:MAX_TERMS]
    if truncated:
        # Pasted, not typed: no word is half-way, and prefix matching of common words is what
        # made FTS5 merge big posting lists in one uninterruptible step (benchmark B11).
        terms = [Term(t.tokens, prefix=False, kind=t.kind) for t in terms]
    return SearchQuery(tuple(terms), truncated)
