"""Who is signed in (issue 12), against a real OpenID Connect provider on loopback.

The console starts in connected mode, opens "the browser" (an HTTP client that fills in the
provider's forms), gets the code on its loopback address, verifies the ID token and works as
that person everywhere: title bar, callback notes, "Door mij gemaakt", calls. Then: a second
person on the same data directory, a start without the network (within and after the grace
period), and every kind of bad input, each with a Dutch message that says whom to ask.
"""

from __future__ import annotations

import asyncio
import logging
import random
import socket
from datetime import UTC, datetime, timedelta

import httpx
import keyring
import pytest

from console.clock import FakeClock
from console.config import load_config
from console.demo.telephony import DemoTelephony
from console.domain.callbacks import CallbackDraft
from console.domain.model import Owner, Role
from console.services.session import SignInKind
from integrations.oidc import SignInError
from integrations.oidc.client import IDENTITY_SECRET, OidcSignIn
from integrations.secrets_keyring import KeyringSecretStore
from tests.helpers import running_app
from tests.oidc_fixture import (
    Browser,
    connected_config_file,
    start_provider,
    stop_provider,
)
from tests.test_sip_transfer import until

pytestmark = pytest.mark.oidc

FATIMA = "f.bouzid@westbetuwe.example"  # c03, supervisor in the organisation file
SANNE = "s.deboer@westbetuwe.example"  # c01, agent
CALLER = "+31418678513"  # a demo resident's number: must be unknown in connected mode
REFRESH = ("kcc-console", "oidc-refresh-token")


def _draft(summary: str) -> CallbackDraft:
    return CallbackDraft(
        resident_name="mevrouw J. de Vries",
        phone="06 12345678",
        summary=summary,
        target_kind="colleague",
        target_id="c22",
    )


def _options(tmp_path, server, provider, login: str, **config):
    path = connected_config_file(tmp_path, openklant=server.root, issuer=provider.issuer, **config)
    browser = Browser(login)
    return browser, {
        "config": load_config(path),
        "secrets": KeyringSecretStore(),
        "open_browser": browser.open,
        "telephony": DemoTelephony(rng=random.Random(1)),
    }


async def _created_list_and_detail(app) -> tuple[list[str], str]:
    """What "Door mij gemaakt" shows, and the first note's detail text."""
    screen = app.callback_ui.screen
    app.window.show_screen(screen)
    screen.set_scope("created")
    await app.callbacks.tasks.drain()
    model = screen.model
    if model.rowCount():
        screen.table.selectRow(0)
        await app.callbacks.tasks.drain()
    return [model.note_at(r).id for r in range(model.rowCount())], screen.detail.toPlainText()


def test_sign_in_through_the_real_redirect_flow_then_someone_else_on_the_same_data(
    qloop, tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring, caplog
):
    caplog.set_level(logging.DEBUG)
    data = tmp_path / "data"
    seen: dict[str, object] = {}

    async def fatima():
        browser, options = _options(tmp_path, klantinteracties_server, oidc_provider, FATIMA)
        async with running_app(data, clock, **options) as app:
            window = app.window
            window.show()
            seen["opened"] = browser.opened[0]
            seen["title"] = window.windowTitle()
            seen["label"] = window.user_label.text()
            seen["session"] = (app.session.state.kind, app.session.role, app.session.user.id)
            seen["demo resident"] = await app.residents.find_by_phone(CALLER)
            note = await app.callbacks.create(
                _draft("Vraagt naar de traplift."), check=None, confirm_duplicates=True
            )
            seen["note"] = note
            seen["created"], seen["detail"] = await _created_list_and_detail(app)
            app.phone.ring(CALLER)
            await until(lambda: app.calls.state.pop is not None, app.calls.subscribe)
            call = await app.calls.answer()
            seen["call"] = (call.owner, call.created_by, call.resident_id)
            seen["refresh kept"] = REFRESH in oidc_keyring.values
            # Sign out: the refresh token and the last identity leave the keyring.
            window.session_ui.sign_out_action.trigger()
            await app.inbox.tasks.drain()
            seen["after sign-out"] = (
                REFRESH in oidc_keyring.values,
                ("kcc-console", IDENTITY_SECRET) in oidc_keyring.values,
                app.session.signed_in,
                window.isVisible(),
            )

    async def sanne():
        browser, options = _options(tmp_path, klantinteracties_server, oidc_provider, SANNE)
        async with running_app(data, clock, **options) as app:
            app.window.show()
            seen["sanne browser"] = len(browser.opened)
            seen["sanne title"] = app.window.windowTitle()
            seen["sanne role"] = app.session.role
            seen["sanne created"], _ = await _created_list_and_detail(app)
            mine = await app.callbacks.create(
                _draft("Vraagt naar de afvalpas."), check=None, confirm_duplicates=True
            )
            seen["sanne note"] = mine
            seen["sanne created after"] = [n.id for n in await app.callbacks.created_notes()]

    qloop.run_until_complete(fatima())
    qloop.run_until_complete(sanne())

    assert "code_challenge_method=S256" in seen["opened"]  # PKCE, through "the browser"
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in seen["opened"]  # loopback redirect
    assert "Fatima Bouzid" in seen["title"] and "Teamleider" in seen["title"]
    assert "Fatima Bouzid" in seen["label"]
    assert seen["session"] == (SignInKind.OIDC, Role.SUPERVISOR, "c03")  # from the group claim
    assert seen["demo resident"] == []  # connected mode: no demo residents in the store
    note = seen["note"]
    assert note.creator == "c03"
    assert seen["created"] == [note.id]
    assert "Gemaakt door Fatima Bouzid" in seen["detail"]
    assert seen["call"] == (Owner.colleague("c03"), "c03", None)
    assert seen["refresh kept"]
    assert seen["after sign-out"] == (False, False, False, False)
    # Someone else on the same data directory: their own name, role and notes.
    assert seen["sanne browser"] == 1  # signed out before: the browser was needed again
    assert "Sanne de Boer" in seen["sanne title"] and "Medewerker KCC" in seen["sanne title"]
    assert seen["sanne role"] is Role.AGENT
    assert seen["sanne created"] == []  # Fatima's note is not Sanne's "Door mij gemaakt"
    assert seen["sanne note"].creator == "c01"
    assert seen["sanne created after"] == [seen["sanne note"].id]
    # No token in any log.
    assert "eyJ" not in caplog.text  # no JWT (ID or access token)
    assert "refresh_token=" not in caplog.text


def test_the_role_comes_from_the_configured_claim_mapping(
    tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring
):
    """Sanne is an agent in the organisation file; the provider's group decides."""

    async def scenario():
        _, options = _options(
            tmp_path,
            klantinteracties_server,
            oidc_provider,
            SANNE,
            roles={"KCC-Agenten": "supervisor"},
        )
        async with running_app(tmp_path / "data", clock, with_window=False, **options) as app:
            return app.session.role, app.session.actors

    role, actors = asyncio.run(scenario())
    assert role is Role.SUPERVISOR
    assert (actors.colleague, actors.desk) == (SANNE, "kcc")


def test_the_next_start_renews_silently_without_the_browser(
    tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring
):
    async def start():
        browser, options = _options(tmp_path, klantinteracties_server, oidc_provider, FATIMA)
        async with running_app(tmp_path / "data", clock, with_window=False, **options) as app:
            return browser.opened, app.session.state.kind, app.session.user.id

    first = asyncio.run(start())
    token = oidc_keyring.values[REFRESH]
    second = asyncio.run(start())
    assert len(first[0]) == 1
    assert second == ([], SignInKind.OIDC, "c03")  # no browser: the refresh token did it
    assert oidc_keyring.values[REFRESH] != token  # rotated by the provider, kept again


def test_a_start_without_the_network_works_within_the_grace_period_and_not_after(
    tmp_path, clock, klantinteracties_server, oidc_keyring
):
    provider = start_provider()  # our own: it goes away in the middle of this test
    data = tmp_path / "data"

    async def start(login: str):
        browser, options = _options(tmp_path, klantinteracties_server, provider, login)
        async with running_app(data, clock, with_window=False, **options) as app:
            return app.session.state, browser.opened, app.sign_in

    try:
        first, _, _ = asyncio.run(start(FATIMA))
    finally:
        stop_provider(provider)
    clock.advance(timedelta(hours=7))
    offline, opened, result = asyncio.run(start(SANNE))
    clock.advance(timedelta(hours=2))  # nine hours since the last verified sign-in
    with pytest.raises(SignInError) as refused:
        asyncio.run(start(SANNE))

    assert first.kind is SignInKind.OIDC
    assert offline.kind is SignInKind.GRACE
    assert offline.user.id == "c03"  # the last verified identity, not whoever is at the door
    assert opened == []  # no browser without a provider
    assert result.offline and offline.offline_until == first.verified_at + timedelta(hours=8)
    message = refused.value.message
    assert "niet bereikbaar" in message and "8 uur" in message
    assert "Vraag de functioneel beheerder" in message


def test_the_grace_notice_and_title_say_the_console_works_offline(
    qloop, tmp_path, clock, klantinteracties_server, oidc_keyring
):
    provider = start_provider()
    data = tmp_path / "data"

    async def start():
        _, options = _options(tmp_path, klantinteracties_server, provider, FATIMA)
        async with running_app(data, clock, **options) as app:
            return app.window.windowTitle(), app.window.messages.text()

    try:
        qloop.run_until_complete(start())
    finally:
        stop_provider(provider)
    title, notice = qloop.run_until_complete(start())
    assert "zonder verbinding" in title
    assert "niet bereikbaar" in notice and "laatste aanmelding" in notice


# -- bad input ---------------------------------------------------------------------------------


def _refused(tmp_path, clock, server, provider, login: str, **config) -> str:
    async def scenario():
        _, options = _options(tmp_path, server, provider, login, **config)
        async with running_app(tmp_path / "data", clock, with_window=False, **options):
            pass

    with pytest.raises(SignInError) as refused:
        asyncio.run(scenario())
    return refused.value.message


def test_a_person_who_is_not_in_the_organisation_file_is_told_whom_to_ask(
    tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring
):
    message = _refused(
        tmp_path, clock, klantinteracties_server, oidc_provider, "stagiair@westbetuwe.example"
    )
    assert "stagiair@westbetuwe.example" in message
    assert "staat niet in het organisatiebestand" in message and "functioneel beheerder" in message
    assert REFRESH not in oidc_keyring.values  # the next start asks again


def test_a_person_without_a_known_role_is_told_whom_to_ask(
    tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring
):
    message = _refused(
        tmp_path,
        clock,
        klantinteracties_server,
        oidc_provider,
        "c.kromodimedjo@westbetuwe.example",
        help_contact="de servicedesk (telefoon 4444)",
    )
    assert "geen rol voor de KCC-console" in message
    assert "Vraag de servicedesk (telefoon 4444)" in message


def test_an_unreachable_provider_without_an_earlier_sign_in_is_refused(
    tmp_path, clock, klantinteracties_server, oidc_keyring
):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    class Gone:
        issuer = f"http://127.0.0.1:{port}"

    message = _refused(tmp_path, clock, klantinteracties_server, Gone(), FATIMA)
    assert "niet bereikbaar" in message and "Vraag de functioneel beheerder" in message


def test_a_wrong_issuer_is_refused(
    tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring
):
    class Elsewhere:
        issuer = oidc_provider.issuer.replace("127.0.0.1", "localhost")

    message = _refused(tmp_path, clock, klantinteracties_server, Elsewhere(), FATIMA)
    assert "noemt zich anders" in message and "issuer" in message


async def _sign_in(provider, *, clock, http=None, login=FATIMA):
    browser = Browser(login)
    oidc = OidcSignIn(
        provider.settings(),
        secrets=KeyringSecretStore(),
        clock=clock,
        token_clock=clock,
        open_browser=browser.open,
        http=http,
    )
    try:
        return await oidc.sign_in_interactive()
    finally:
        await oidc.aclose()


def test_an_expired_id_token_is_refused(oidc_provider, oidc_keyring):
    # Two hours after now: the provider's ID tokens live one hour.
    late = FakeClock(datetime.now(UTC) + timedelta(hours=2))
    with pytest.raises(SignInError) as refused:
        asyncio.run(_sign_in(oidc_provider, clock=late))
    assert "verlopen" in refused.value.message
    assert REFRESH not in oidc_keyring.values  # nothing kept from a refused sign-in


class _Tampering(httpx.AsyncBaseTransport):
    """Between the console and the real provider: changes one letter of the ID token's claims."""

    def __init__(self) -> None:
        self._real = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._real.handle_async_request(request)
        if not request.url.path.endswith("/token"):
            return response
        await response.aread()
        tokens = response.json()
        header, payload, signature = tokens["id_token"].split(".")
        flipped = "A" if payload[10] != "A" else "B"
        tokens["id_token"] = f"{header}.{payload[:10]}{flipped}{payload[11:]}.{signature}"
        return httpx.Response(200, json=tokens)

    async def aclose(self) -> None:
        await self._real.aclose()


def test_a_tampered_id_token_is_refused(oidc_provider, oidc_keyring):
    async def scenario():
        http = httpx.AsyncClient(transport=_Tampering())
        with pytest.raises(SignInError) as refused:
            await _sign_in(oidc_provider, clock=FakeClock(datetime.now(UTC)), http=http)
        return refused.value.message

    message = asyncio.run(scenario())
    assert "niet echt" in message or "afgewezen" in message
    assert REFRESH not in oidc_keyring.values


def test_the_genuine_token_passes_the_same_checks(oidc_provider, oidc_keyring):
    """The counterpart of the two above: same provider, same clock, nothing changed."""
    identity = asyncio.run(_sign_in(oidc_provider, clock=FakeClock(datetime.now(UTC))))
    assert identity.email == FATIMA and "KCC-Teamleiders" in identity.claim_values
    assert keyring.get_password(*REFRESH)


def test_while_the_browser_is_open_the_console_says_where_to_sign_in(
    qloop, tmp_path, clock, klantinteracties_server, oidc_provider, oidc_keyring
):
    from widgets.session_ui import SignInWaiting

    async def scenario():
        browser, options = _options(tmp_path, klantinteracties_server, oidc_provider, SANNE)
        shown = []

        async def opener(url: str) -> None:
            shown.append((waiting.isVisible(), waiting.address.text()))
            await browser.open(url)

        waiting = SignInWaiting(opener)
        options["open_browser"] = waiting.open_browser
        async with running_app(tmp_path / "data", clock, **options) as app:
            waiting.close()
            waiting.deleteLater()
            return shown, browser.opened, app.session.user.id

    shown, opened, user = qloop.run_until_complete(scenario())
    assert shown == [(True, opened[0])]  # the address to copy when no browser window appears
    assert user == "c01"
