"""Property-based tests (hypothesis) for what users type: the config file and phone numbers.

Whatever comes in, the answer is either a correct value or a clear Dutch error: never a crash,
never garbage silently accepted, never a value (possibly a secret) echoed in a message.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from console.config import (
    SECTIONS,
    TOP_LEVEL,
    Config,
    ConfigError,
    Key,
    is_keyring_name,
    load_config,
)
from console.ports import PhoneNumberError
from integrations.phone_nl import DutchPhoneNumbers

# The machine is shared and slow at times: no per-example deadline; a fresh temp file per run.
PROPERTY = settings(
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- a small TOML writer for generated documents -------------------------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes, except DEL must be escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_document(doc: dict[str, Any]) -> str:
    lines = [
        f"{json.dumps(k)} = {toml_value(v)}" for k, v in doc.items() if not isinstance(v, dict)
    ]
    for name, table in doc.items():
        if isinstance(table, dict):
            lines.append(f"[{json.dumps(name)}]")
            lines += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


no_surrogates = st.characters(blacklist_categories=("Cs",))
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(no_surrogates, max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(no_surrogates, min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
known_section = st.sampled_from(sorted(SECTIONS))


@st.composite
def documents(draw) -> dict[str, Any]:
    """Mostly the schema's own keys (so checks past the first are reached), some strangers."""
    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["mode"] = draw(st.one_of(st.sampled_from(["demo", "connected"]), values))
    for name in draw(st.lists(known_section, max_size=3, unique=True)):
        keys = sorted(SECTIONS[name].keys)
        table = {
            key: draw(st.one_of(values, _good_value(SECTIONS[name].keys[key])))
            for key in draw(st.lists(st.sampled_from(keys), max_size=4, unique=True))
        }
        if draw(st.integers(0, 9)) == 0:
            table[draw(st.text(no_surrogates, min_size=1, max_size=8))] = draw(values)
        doc[name] = table
    return doc


def _good_value(key: Key) -> st.SearchStrategy[Any]:
    if key.kind == "bool":
        return st.booleans()
    if key.kind == "int":
        return st.integers(int(key.low or 0) - 2, int(key.high or 10) + 2)
    if key.kind == "float":
        return st.floats((key.low or 0) - 1, (key.high or 10) + 1)
    if key.kind == "choice":
        return st.sampled_from(key.choices)
    if key.kind == "url":
        return st.sampled_from(
            ["https://ok.example.nl", "http://127.0.0.1:8000", "http://localhost.evil.example"]
        )
    if key.kind == "keyring_name":
        return st.sampled_from(["klantinteracties", "graph-prod", "3f9a8b7c6d5e4f3a2b1c0d9e8f7a"])
    return st.text(no_surrogates, max_size=20)


def _accepted_value_fits(key: Key, value: Any) -> bool:
    if key.kind == "bool":
        return isinstance(value, bool)
    if key.kind in ("int", "float"):
        # The schema reads a whole number for a float key as that float ("timeout = 3").
        number_type = int if key.kind == "int" else (int, float)
        return (
            isinstance(value, number_type)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and (key.low is None or value >= key.low)
            and (key.high is None or value <= key.high)
        )
    if key.kind == "choice":
        return value in key.choices
    if key.kind == "str_list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if key.kind == "str_table":
        return isinstance(value, dict) and all(isinstance(v, str) and v for v in value.values())
    if key.kind == "url":
        return isinstance(value, str) and value.startswith(("https://", "http://"))
    if key.kind == "keyring_name":
        return is_keyring_name(value)
    return isinstance(value, str) and (
        not key.pattern or not value or re.fullmatch(key.pattern, value) is not None
    )


@PROPERTY
@given(text=st.text(no_surrogates, max_size=300))
def test_any_text_gives_a_config_or_a_dutch_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("cfg") / "kcc.toml"
    path.write_text(text, encoding="utf-8")
    try:
        assert isinstance(load_config(path), Config)
    except ConfigError as exc:
        assert exc.user_message.startswith(("Het instellingenbestand", "Instelling", "In "))


@PROPERTY
@given(doc=documents())
def test_a_generated_file_is_checked_key_by_key(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("cfg") / "kcc.toml"
    path.write_text(toml_document(doc), encoding="utf-8")
    try:
        config = load_config(path)
    except ConfigError as exc:
        # A clear error names a key of the file (or the file itself).
        assert exc.key is None or exc.key.split(".")[0] in doc or exc.key == "klantinteracties"
        return
    # Accepted: every value that was in the file fits its key's type and range.
    built = {
        "demo": {
            "pace_per_minute": config.demo_pace_per_minute,
            "seed": config.demo_seed,
            "user": config.demo_user,
        },
        "calendar": {"good_friday_closed": config.include_good_friday},
        "telephony": config.telephony.__dict__,
        "klantinteracties": config.klantinteracties.__dict__ if config.klantinteracties else {},
    }
    for name, table in doc.items():
        if name in TOP_LEVEL:
            assert table in TOP_LEVEL[name].choices
            continue
        for key_name, raw in table.items():
            key = SECTIONS[name].keys[key_name]
            assert _accepted_value_fits(key, raw), (name, key_name, raw)
            if built.get(name):
                assert _same(built[name][key_name], raw), (name, key_name)


def _same(value: Any, raw: Any) -> bool:
    if isinstance(value, tuple):
        return list(value) == raw
    return value == raw


_word = st.text(st.sampled_from("abcdefghijkmnpqrstuvwxyz0123456789"), min_size=16, max_size=40)


@PROPERTY
@given(
    where=st.sampled_from([(), ("klantinteracties",), ("telephony",), ("demo",)]),
    key=st.sampled_from(["token", "auth_token", "password", "api_key", "secret", "client_secret"]),
    value=_word,
)
def test_a_secret_anywhere_is_refused_and_never_echoed(tmp_path_factory, where, key, value):
    assume(not value.isalpha())  # a name of letters only is a keyring name, not a token
    doc: dict[str, Any] = {"mode": "connected", "klantinteracties": {"base_url": "https://k.nl"}}
    table = doc if not where else doc.setdefault(where[0], {})
    table[key] = value
    path = tmp_path_factory.mktemp("cfg") / "kcc.toml"
    path.write_text(toml_document(doc), encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    assert value not in refused.value.user_message
    assert "kcc-console secrets set" in refused.value.user_message


@PROPERTY
@given(user=st.text(no_surrogates, min_size=1, max_size=40), password=_word)
def test_credentials_in_any_url_are_refused_and_never_echoed(tmp_path_factory, user, password):
    assume(":" not in user and "@" not in user and "/" not in user)
    url = f"https://{user}:{password}@openklant.example.nl"
    doc = {"mode": "connected", "klantinteracties": {"base_url": url}}
    path = tmp_path_factory.mktemp("cfg") / "kcc.toml"
    path.write_text(toml_document(doc), encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(path)
    assert password not in refused.value.user_message


# -- Dutch phone input ---------------------------------------------------------------------------

PHONES = DutchPhoneNumbers()
E164_NL = re.compile(r"\+31[1-9]\d{8}")


def national_digits(text: str) -> str:
    """The digits a person typed, as ASCII, without the country prefix or trunk zero."""
    digits = "".join(
        str(unicodedata.digit(c)) for c in text if unicodedata.digit(c, None) is not None
    )
    for prefix in ("0031", "31", "0"):
        if digits.startswith(prefix) and (prefix != "31" or text.lstrip().startswith("+")):
            return digits[len(prefix) :]
    return digits


@PROPERTY
@given(text=st.text(no_surrogates, max_size=40))
def test_any_phone_input_gives_e164_or_a_dutch_error(text):
    try:
        e164 = PHONES.to_e164(text)
    except PhoneNumberError as exc:
        assert exc.user_message and exc.user_message[0].isupper()
        return
    assert E164_NL.fullmatch(e164)
    # Never silent: every digit typed is in the number, none added, none dropped.
    assert e164[3:] == national_digits(text), (text, e164)
    assert not any(c.isalpha() for c in text.lower().removeprefix("tel:").strip())


separators = st.sampled_from(["", " ", "-", ".", " - ", "\u00a0"])


@PROPERTY
@given(
    rest=st.text(st.sampled_from("0123456789"), min_size=6, max_size=6),
    prefix=st.sampled_from(["0", "+31 ", "+31", "0031 ", "0031"]),
    seps=st.lists(separators, min_size=3, max_size=3),
)
def test_a_real_mobile_number_in_any_notation_is_accepted(rest, prefix, seps):
    typed = f"{prefix}6{seps[0]}12{seps[1]}{rest[:3]}{seps[2]}{rest[3:]}"
    e164 = PHONES.to_e164(typed)
    assert e164 == f"+31612{rest}"
    assert PHONES.to_e164(PHONES.display(e164)) == e164


@PROPERTY
@given(
    number=st.text(st.sampled_from("0123456789"), min_size=8, max_size=8),
    tail=st.sampled_from([" x12", " ext. 3", ";ext=5", " bel na 5", "#", "*", "ABC", " of 0345"]),
)
def test_an_extension_or_text_after_the_number_is_refused(number, tail):
    with pytest.raises(PhoneNumberError):
        PHONES.to_e164(f"06{number}{tail}")
