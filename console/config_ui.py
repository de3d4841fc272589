"""``[ui]``: how the console looks to this desk — for now the language of the screens.

``language = "nl"`` (default, the source language) or ``"en"``. The user's own choice in
Instellingen (stored per user by the widgets) wins over this file; the file sets the default
for a deployment. Pure data, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.config import Key, Section, register_section

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class UiConfig:
    language: str = "nl"


register_section(
    Section(
        name="ui",
        what="de schermen (taal)",
        keys={"language": Key("choice", "nl", choices=LANGUAGES, hint='language = "en"')},
        build=lambda values: UiConfig(**values),
        when_absent=True,
    )
)
