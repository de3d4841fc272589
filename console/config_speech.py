"""The config file's ``[speech]`` section: spoken alerts and the voice of "Lees voor" (issue 16).

Registered with the one config schema (``console.config``) when that module loads; read with
``config.section("speech")`` (built from its defaults when the file has no ``[speech]``)::

    [speech]
    alerts = true            # say "Er belt iemand." & co; default false
    voice = "gmw/nl"         # eSpeak NG's Dutch voice (any Dutch voice is used when absent)
    rate = 160               # words a minute
    alert_gap_seconds = 30   # the same alert at most once per this many seconds
    alerts_per_minute = 4    # and never more than this many alerts in a minute

Spoken alerts are OFF by default: most agents wear a headset that the resident on the line can
hear, and in an open office a console that talks disturbs the colleagues; the banner, the title,
the taskbar alert and the sound already say a call rings. An agent who looks away from the
screen (or reads with a screen magnifier) turns them on, in the file or in the Beeld menu.

Pure; read once at start; values are immutable.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.config import Key, Section, register_section


@dataclass(frozen=True)
class SpeechConfig:
    alerts: bool = False
    voice: str = "gmw/nl"
    rate: int = 160
    alert_gap_seconds: float = 30.0
    alerts_per_minute: int = 4


register_section(
    Section(
        name="speech",
        what="voorlezen en gesproken meldingen",
        keys={
            "alerts": Key("bool", False),
            "voice": Key("str", "gmw/nl", pattern=r"[A-Za-z0-9_./+-]+", max_length=64,
                         hint='voice = "gmw/nl"'),
            "rate": Key("int", 160, low=80, high=400),
            "alert_gap_seconds": Key("float", 30.0, low=0.0, high=3600.0),
            "alerts_per_minute": Key("int", 4, low=1, high=60),
        },
        build=lambda values: SpeechConfig(**values),
        when_absent=True,
    )
)
