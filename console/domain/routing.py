"""The topic router: find the desk, colleague or partner for a question by name or keyword.

The demo organisation's desks and partners carry ``topics`` (routing keywords); a colleague is
found by name and, less strongly, by the topics of their desk. ``search`` is type-ahead: it
matches the start of words, so "pasp" finds Burgerzaken. Pure and thread-safe.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from console.domain.model import DeskKind
from console.domain.organisation import Organisation
from console.domain.transfer import TargetKind, TransferTarget

# Higher is better. An exact topic beats a topic that merely starts with the text.
_EXACT_TOPIC, _TOPIC_PREFIX, _NAME_PREFIX, _TOPIC_WORD, _NAME_WORD, _DESK_TOPIC = (
    100,
    80,
    70,
    60,
    50,
    20,
)
# On equal scores: the desk that answers the phone first, then partners, then people.
_KIND_ORDER = {TargetKind.DESK: 0, TargetKind.PARTNER: 1, TargetKind.COLLEAGUE: 2}


def fold(text: str) -> str:
    """Lower case without accents, so "Yıldız" and "yildiz" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@dataclass(frozen=True, slots=True)
class Match:
    target: TransferTarget
    score: int
    because: str  # the topic or name that matched, shown next to the entry


def directory(organisation: Organisation) -> list[TransferTarget]:
    """Every transfer target: vak-KCC's and teams, then partners, then colleagues."""
    desks = sorted(
        organisation.desks, key=lambda d: (d.kind is not DeskKind.DOMAIN, d.name.casefold())
    )
    return [
        *(TransferTarget.of_desk(d) for d in desks),
        *(TransferTarget.of_partner(p) for p in organisation.partners),
        *(TransferTarget.of_colleague(c) for c in organisation.colleagues),
    ]


def _score(target: TransferTarget, query: str, desk_topics: tuple[str, ...]) -> Match | None:
    best: tuple[int, str] | None = None

    def consider(score: int, because: str) -> None:
        nonlocal best
        if best is None or score > best[0]:
            best = (score, because)

    for topic in target.topics:
        folded = fold(topic)
        if folded == query:
            consider(_EXACT_TOPIC, topic)
        elif folded.startswith(query):
            consider(_TOPIC_PREFIX, topic)
        elif any(word.startswith(query) for word in folded.split()):
            consider(_TOPIC_WORD, topic)
    name = fold(target.name)
    if name.startswith(query):
        consider(_NAME_PREFIX, target.name)
    elif any(word.startswith(query) for word in name.replace("-", " ").split()):
        consider(_NAME_WORD, target.name)
    for topic in desk_topics:
        if fold(topic).startswith(query):
            consider(_DESK_TOPIC, topic)
            break
    if best is None:
        return None
    return Match(target, best[0], best[1])


def search(organisation: Organisation, text: str, *, limit: int = 500) -> list[Match]:
    """Targets matching ``text`` by topic or name, best first; empty text lists everything."""
    query = fold(text)
    targets = directory(organisation)
    if not query:
        return [Match(t, 0, "") for t in targets][:limit]
    found = []
    for target in targets:
        desk_topics: tuple[str, ...] = ()
        if target.kind is TargetKind.COLLEAGUE and target.desk_id:
            desk = organisation.desk(target.desk_id)
            desk_topics = desk.topics if desk else ()
        match = _score(target, query, desk_topics)
        if match is not None:
            found.append(match)
    found.sort(key=lambda m: (-m.score, _KIND_ORDER[m.target.kind], m.target.name.casefold()))
    return found[:limit]


def route(organisation: Organisation, text: str) -> TransferTarget | None:
    """The best desk or partner for ``text`` (a topic), or None."""
    for match in search(organisation, text):
        if match.target.kind is not TargetKind.COLLEAGUE:
            return match.target
    return None
