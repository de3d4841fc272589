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

from PySide6.QtCore import QCoreApplication

from console.i18n import Text, format_template


def render(text: Text) -> str:
    """``text`` in the active language, parameters filled in."""
    translated = QCoreApplication.translate(text.context, text.source, None, text.n)
    if translated == text.source:
        # No translation loaded (Dutch, the source language): the Qt-free rendering knows the
        # Dutch plural.
        return text.dutch()
    return format_template(translated.replace("%n", str(text.n)), text.params)
