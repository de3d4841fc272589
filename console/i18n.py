"""Translatable text outside the widgets: Dutch source texts as data, rendered by the UI.

The console's source language is Dutch (B1); English (and later others) come from Qt
translation files in ``resources/i18n`` (``kcc_<lang>.ts`` → ``.qm``). Qt's ``tr()`` lives in the
widgets, but many sentences are born in Qt-free layers (domain rules, services, the timeline of
an item, error messages). Those layers do not translate; they *mark* the Dutch text and keep
its parameters apart, so the widget layer can translate the template at display time and the
store can keep history as data (kind + parameters) instead of rendered sentences:

    ADVICE = QT_TRANSLATE_NOOP("Timeline", "Advies: {advice}")   # found by pyside6-lupdate
    msg = Text("Timeline", ADVICE, {"advice": advice})
    msg.dutch()                       # "Advies: bel na 14 uur"   (logs, tests, fallbacks)
    widgets.i18n.render(msg)          # translated by the active QTranslator, then formatted

Placeholders are ``str.format`` names; a parameter may itself be a ``Text`` (a translatable
phrase inside a sentence, e.g. a status word) and is rendered in the same language. A plural
count goes in ``n`` and ``%n`` in the template (Qt's numerus rule); :meth:`Text.dutch` applies
the Dutch plural only when the template gives both forms as ``"singular|plural"`` — widgets
use the Dutch ``.qm`` for the same job.

Pure data, no Qt: safe from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; return it unchanged.

    ``pyside6-lupdate`` finds calls by this exact name (with literal arguments), so every
    template that a Qt-free layer shows to a person must pass through here once.
    """
    del context
    return source


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence as data: translation context, Dutch template, parameters, plural count."""

    context: str
    source: str
    params: Mapping[str, Any] = field(default_factory=dict)
    n: int = -1

    def dutch(self) -> str:
        """The sentence in the source language (Dutch), without Qt."""
        template = self.source
        if "|" in template and self.n >= 0:
            one, many = template.split("|", 1)
            template = one if self.n == 1 else many
        params = {k: v.dutch() if isinstance(v, Text) else v for k, v in self.params.items()}
        return format_template(template.replace("%n", str(self.n)), params)

    def as_data(self) -> dict[str, Any]:
        """A JSON-able form for storing (history as data)."""
        params = {k: {"__text__": v.as_data()} if isinstance(v, Text) else v
                  for k, v in self.params.items()}
        return {"context": self.context, "source": self.source, "params": params, "n": self.n}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Text:
        params = {
            k: cls.from_data(v["__text__"]) if isinstance(v, Mapping) and "__text__" in v else v
            for k, v in dict(data.get("params") or {}).items()
        }
        return cls(str(data["context"]), str(data["source"]), params, int(data.get("n", -1)))


def format_template(template: str, params: Mapping[str, Any]) -> str:
    """``template.format(**params)`` that never raises on a missing or odd placeholder.

    A translation with a typo in a placeholder must not cost the user the sentence: the
    unknown placeholder stays visible as written.
    """
    try:
        return template.format_map(_Lenient(params))
    except (ValueError, IndexError, AttributeError):
        return template


class _Lenient(dict[str, Any]):
    def __init__(self, params: Mapping[str, Any]) -> None:
        super().__init__(params)

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Sentence(str):
    """The Dutch rendering of a :class:`Text` that still carries the Text (``.text``).

    Many paths hand a sentence on as ``str`` (error listeners, ``exc.message``, a card's
    failure line). A ``Sentence`` is that Dutch string — comparisons, logs and tests see plain
    Dutch — while the widget that finally shows it can render ``.text`` in the active language
    (``widgets.i18n.show``). Any string operation gives a plain ``str`` again (Dutch).
    """

    text: Text

    @classmethod
    def of(cls, text: Text) -> Sentence:
        sentence = cls(text.dutch())
        sentence.text = text
        return sentence
