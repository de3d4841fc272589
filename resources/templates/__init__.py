"""Message templates at language level B1 (N13), read once by the composition root.

Each mail template is a text file: the first line is ``Onderwerp: …`` (the subject), the rest
is the body. Placeholders are ``$naam``, ``$afdeling``, ``$uiterlijk``,
``$medewerker``, ``$onderwerp`` and ``$gemeente``; text in [square brackets] is for the
colleague to fill in before sending.
"""

from __future__ import annotations

from importlib import resources

# file name (without .txt) per reply kind (``console.channels.ReplyKind`` values)
MAIL_TEMPLATES = {
    "acknowledgement": "ontvangstbevestiging",
    "named_acknowledgement": "ontvangstbevestiging_met_naam",
    "answer": "antwoord",
    "late": "later",
}


def mail_templates() -> dict[str, str]:
    """Reply kind → template text (subject line first)."""
    folder = resources.files(__name__) / "mail"
    return {
        kind: (folder / f"{name}.txt").read_text(encoding="utf-8")
        for kind, name in MAIL_TEMPLATES.items()
    }


def chat_templates() -> dict[str, str]:
    """Chat replies (N11) by name → template text (subject line first, as for mail)."""
    folder = resources.files(__name__) / "chat"
    return {"outside_hours": (folder / "buiten_openingstijden.txt").read_text(encoding="utf-8")}
