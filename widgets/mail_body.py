"""Showing a message body from outside safely: sanitised HTML, nothing fetched, nothing run.

Mail HTML is hostile until proven otherwise: scripts, tracking pixels, remote images and style
sheets, CSS ``url(…)``, forms, megabytes of inline ``data:`` images. ``safe_html`` keeps only
text markup (no images, no styles, no scripts, no embedded objects) with ``nh3`` (Ammonia), and
``MailBodyView`` is a text browser that never loads a resource and never follows a link: its
resource loader answers nothing and records what was asked, so a test can prove it was never
asked. GUI thread only.
"""

from __future__ import annotations

import re

import nh3
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from console.i18n import QT_TRANSLATE_NOOP

DISPLAY_MAX = 500_000  # characters of sanitised HTML shown (the rest stays in the store)

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "dd", "del", "div", "dl",
    "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p",
    "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "p": {"align"},
    "div": {"align"},
}
# Removed with everything inside them (not just the tag).
_DROP_WITH_CONTENT = {"script", "style", "head", "title", "template", "noscript", "iframe",
                      "object", "embed", "svg", "math", "form", "textarea", "select"}  # fmt: skip
_IMAGE = re.compile(r"<img\b", re.IGNORECASE)

REMOTE_NOTE = QT_TRANSLATE_NOOP(
    "mail_body", "Afbeeldingen en opmaak van buiten worden niet geladen (veiligheid en privacy)."
)


def safe_html(markup: str) -> str:
    """Only harmless text markup of ``markup``; links keep their address but never load."""
    cleaned = nh3.clean(
        markup,
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return cleaned[:DISPLAY_MAX]


def had_images(markup: str) -> bool:
    return bool(_IMAGE.search(markup))


class MailBodyView(QTextBrowser):
    """A read-only view of one message body; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setAccessibleName(self.tr("Bericht"))
        self.resource_requests: list[str] = []  # every resource Qt asked for (tests)

    def show_message(self, *, text: str, html: str) -> None:
        """Show sanitised ``html`` when there is any, else ``text`` as plain text."""
        if html.strip():
            self.setHtml(safe_html(html))
        else:
            self.setPlainText(text)

    def loadResource(self, type: int, name: QUrl) -> object:
        # Never fetch: not from the network, not from disk, not from a data: URL.
        self.resource_requests.append(name.toString()[:200])
        return None
