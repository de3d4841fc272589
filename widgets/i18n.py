"""Showing translatable text in the widgets: the one place that calls Qt's translator.

Widgets translate their own literals with ``self.tr(...)`` or
``QCoreApplication.translate(context, text, None, n)`` so ``pyside6-lupdate`` can find them;
sentences born in Qt-free layers arrive as :class:`console.i18n.Text` and are shown with
:func:`render`, which translates the Dutch template in its context (plural by ``n``) and then
fills the parameters. Installing the translator for the chosen language lives here too.

GUI thread only (QCoreApplication.translate is thread-safe, but the installed translators are
changed on the GUI thread).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from console.i18n import Text, format_template


def render(text: Text) -> str:
    """``text`` in the active language, parameters filled in."""
    # Without a loaded translation Qt returns the Dutch source (``%n`` filled in when n >= 0);
    # ``plural`` then picks the Dutch form of a "one|many" template.
    translated = QCoreApplication.translate(text.context, text.source, None, text.n)
    params = {k: render(v) if isinstance(v, Text) else v for k, v in text.params.items()}
    return format_template(plural(translated.replace("%n", str(text.n)), text.n), params)


def show(sentence: str | Text) -> str:
    """A sentence from a Qt-free layer in the active language.

    A :class:`console.i18n.Text` (or a ``Sentence`` carrying one) is rendered; a plain Dutch
    string is looked up as a fixed sentence of context "errors" (an unmarked one stays Dutch).
    """
    if isinstance(sentence, Text):
        return render(sentence)
    data = getattr(sentence, "text", None)
    if isinstance(data, Text):
        return render(data)
    return QCoreApplication.translate("errors", sentence)


# -- plurals ---------------------------------------------------------------------------------------


def plural(translated: str, n: int) -> str:
    """The right form of a plural message, also when no translation file is loaded.

    Plural sources are written ``"%n notitie|%n notities"`` and asked with
    ``self.tr(source, "", n)`` (lupdate marks them numerus only in that form). With a loaded
    ``.qm`` (English, or the Dutch plural file) Qt picks the form; without one — tests, a
    missing file — Qt returns the source with ``%n`` filled in and the Dutch rule (one for 1,
    the other for everything else) picks here.
    """
    if "|" not in translated:
        return translated
    one, many = translated.split("|", 1)
    return one if n == 1 else many


# -- module text tables ----------------------------------------------------------------------------

_generation = 0  # bumped when the language changes; cached tables are rebuilt


class _TranslatingModule(types.ModuleType):
    """A text-table module whose UPPER_CASE constants come back translated.

    The tables (``widgets/texts.py`` & co) keep their Dutch sources marked with
    ``QT_TRANSLATE_NOOP(context, ...)`` so lupdate finds them; reading ``texts.CHANNEL`` from
    another module returns the table in the active language, so no caller changes. Code inside
    the table module reads its globals directly (no translation): its functions translate
    explicitly.
    """

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if not name.isupper() or name.startswith("_"):
            return value
        cache: dict[str, tuple[int, Any]] = (
            super().__getattribute__("__dict__").setdefault("_i18n_cache", {})
        )
        hit = cache.get(name)
        if hit is not None and hit[0] == _generation:
            return hit[1]
        context = super().__getattribute__("I18N_CONTEXT")
        translated = _translate_value(context, value)
        cache[name] = (_generation, translated)
        return translated


def _translate_value(context: str, value: Any) -> Any:
    if type(value) is str:
        return QCoreApplication.translate(context, value) if value else value
    if type(value) is tuple:
        return tuple(_translate_value(context, v) for v in value)
    if type(value) is dict:
        return {k: _translate_value(context, v) for k, v in value.items()}
    return value


def translating_module(module_name: str) -> None:
    """Make the module's constants translate on access (call at the end of a text table)."""
    sys.modules[module_name].__class__ = _TranslatingModule


# -- the active language ---------------------------------------------------------------------------

LANGUAGES = ("nl", "en")
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
_LOCALES = {
    "nl": (QLocale.Language.Dutch, QLocale.Country.Netherlands),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_installed: list[QTranslator] = []
_language = "nl"


def install_language(language: str) -> bool:
    """Translate the UI into ``language`` from now on (GUI thread, QCoreApplication exists).

    Dutch is the source language; its file only carries the plural forms. Numbers follow the
    language's locale (``0,00`` in Dutch). Returns False when the translation file is missing
    or unreadable: the UI then stays in Dutch, which is never wrong for the KCC.
    """
    global _generation, _language
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QCoreApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    wanted = language if language in LANGUAGES else "nl"
    translator = QTranslator(app)
    ok = translator.load(str(I18N_DIR / f"kcc_{wanted}.qm"))
    if ok:
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        wanted = "nl"
    _language = wanted
    QLocale.setDefault(locale_for(wanted))
    _generation += 1
    return ok and wanted == language


def current_language() -> str:
    return _language


def locale_for(language: str) -> QLocale:
    lang, country = _LOCALES.get(language, _LOCALES["nl"])
    return QLocale(lang, country)


def decimal(value: float, places: int) -> str:
    """A number with ``places`` decimals in the active language: ``0,25`` (nl), ``0.25`` (en)."""
    return locale_for(_language).toString(float(value), "f", places)
