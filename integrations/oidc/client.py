"""Sign-in with OpenID Connect as a native app (RFC 8252), for Entra ID and any standard provider.

Authorization code with PKCE through the system browser and a loopback redirect on 127.0.0.1
(a free port per sign-in); no client secret on the desktop. The provider is found through its
discovery document, whose ``issuer`` must equal the configured one. The ID token's signature is
checked against the provider's JWKS, and its issuer, audience, expiry and nonce. The refresh
token and the last verified identity live in the OS keyring (``SecretStore``); a start renews
silently with the refresh token; without the network the last verified identity is used for a
configured grace period, and refused after it. Sign-out removes both.

Libraries: Authlib does the OAuth 2.0 protocol steps (PKCE challenge, the authorization URL,
reading the redirect and its ``state``, the token request); joserfc (Authlib's JOSE library)
verifies the ID token. Both are maintained by the same author, used widely, and work with any
standard provider, unlike MSAL which targets Entra ID only.

Errors: every failure is a ``SignInError`` whose ``message`` says in Dutch what is wrong and
whom to ask. Tokens and codes never reach a log or a message.

Threading: event-loop thread; network calls are awaited (httpx), keyring calls go through the
``SecretStore``, which runs them in an executor.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749 import parameters as oauth2
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from console.clock import SystemClock
from console.config_identity import IdentityConfig
from console.domain.model import Role
from console.i18n import QT_TRANSLATE_NOOP
from console.ports import Clock, SecretStore, StoreError
from integrations.oidc.errors import SignInError

log = logging.getLogger(__name__)

IDENTITY_SECRET = "oidc-last-identity"  # the last verified identity (JSON), for offline starts
CALLBACK_PATH = "/callback"
_ROLE_RANK = {Role.AGENT: 0, Role.BACK_OFFICE: 1, Role.SUPERVISOR: 2}


@dataclass(frozen=True)
class VerifiedIdentity:
    """Who the provider says signed in, from a verified ID token."""

    subject: str
    email: str
    name: str
    claim_values: tuple[str, ...]  # the role claim's values (groups or app roles)
    issuer: str
    verified_at: datetime

    def to_json(self) -> str:
        raw = asdict(self)
        raw["verified_at"] = self.verified_at.isoformat()
        raw["claim_values"] = list(self.claim_values)
        return json.dumps(raw)

    @classmethod
    def from_json(cls, text: str) -> VerifiedIdentity:
        raw = json.loads(text)
        raw["verified_at"] = datetime.fromisoformat(raw["verified_at"])
        raw["claim_values"] = tuple(raw["claim_values"])
        return cls(**raw)


@dataclass(frozen=True)
class SignInResult:
    identity: VerifiedIdentity
    offline: bool = False  # True: the last verified identity, used within the grace period
    offline_until: datetime | None = None


def role_for(identity: VerifiedIdentity, mapping: dict[str, str]) -> Role | None:
    """The highest role any of the claim values maps to; None when none is known."""
    roles = [Role(mapping[v]) for v in identity.claim_values if v in mapping]
    return max(roles, key=_ROLE_RANK.__getitem__) if roles else None


class OidcSignIn:
    """See the module docstring. One per app; ``aclose`` closes its HTTP client."""

    def __init__(
        self,
        settings: IdentityConfig,
        *,
        secrets: SecretStore,
        clock: Clock,
        open_browser: Callable[[str], object],
        http: httpx.AsyncClient | None = None,
        token_clock: Clock | None = None,
    ) -> None:
        self.settings = settings
        self._secrets = secrets
        self._clock = clock  # when someone signed in, and the grace period
        self._token_clock = token_clock or SystemClock()  # ID token expiry and issue time
        self._open_browser = open_browser
        self._http = http or httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False
        )
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- what whom to ask ------------------------------------------------------------------

    def _ask(self, text: str, *, offline: bool = False) -> SignInError:
        return SignInError(f"{text} Vraag {self.settings.help_contact} om hulp.", offline=offline)

    # -- start -----------------------------------------------------------------------------

    async def start(self) -> SignInResult:
        """Sign in at start: silently with a stored refresh token, else through the browser.

        Without the network the last verified identity is used within the grace period.

        Raises:
            SignInError: the provider is unreachable and the grace period is over (or there
                never was a sign-in), or the provider refused.
        """
        try:
            await self._discover()
        except SignInError as exc:
            if exc.offline:
                return await self._offline(exc)
            raise
        refresh = await self._get_secret(self.settings.secret)
        if refresh:
            try:
                return SignInResult(await self.renew(refresh))
            except SignInError as exc:
                if exc.offline:
                    return await self._offline(exc)
                log.info("silent renewal refused; signing in through the browser")
        return SignInResult(await self.sign_in_interactive())

    async def _offline(self, reason: SignInError) -> SignInResult:
        stored = await self._get_secret(IDENTITY_SECRET)
        if not stored:
            raise reason
        identity = VerifiedIdentity.from_json(stored)
        until = identity.verified_at + timedelta(hours=self.settings.offline_grace_hours)
        if self._clock.now() > until:
            raise self._ask(
                "De aanmeldserver is niet bereikbaar. Uw laatste aanmelding was op "
                f"{identity.verified_at:%d-%m-%Y} om {identity.verified_at:%H:%M}. Dat is langer "
                f"dan {self.settings.offline_grace_hours:g} uur geleden. Zo lang mag de console "
                "zonder netwerk werken. Aanmelden lukt weer als het netwerk terug is.",
                offline=True,
            )
        log.info("provider unreachable; using the last verified identity within the grace period")
        return SignInResult(identity, offline=True, offline_until=until)

    async def sign_out(self) -> None:
        """Forget the refresh token and the last identity: the next start asks again."""
        for name in (self.settings.secret, IDENTITY_SECRET):
            try:
                await self._secrets.delete(name)
            except StoreError:
                log.warning("could not remove a sign-in secret from the keyring")

    # -- the browser step -------------------------------------------------------------------

    async def sign_in_interactive(self) -> VerifiedIdentity:
        """Authorization code + PKCE through the system browser and a loopback redirect."""
        metadata = await self._discover()
        verifier = generate_token(64)
        state, nonce = generate_token(32), generate_token(32)
        received: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        server = await asyncio.start_server(
            lambda r, w: _serve_redirect(r, w, received), host="127.0.0.1", port=0
        )
        try:
            port = server.sockets[0].getsockname()[1]
            redirect_uri = f"http://127.0.0.1:{port}{CALLBACK_PATH}"
            url = oauth2.prepare_grant_uri(
                metadata["authorization_endpoint"],
                client_id=self.settings.client_id,
                response_type="code",
                redirect_uri=redirect_uri,
                scope=" ".join(self.settings.scopes),
                state=state,
                nonce=nonce,
                code_challenge=create_s256_code_challenge(verifier),
                code_challenge_method="S256",
                prompt=self.settings.prompt or None,
            )
            opened = self._open_browser(url)
            if asyncio.iscoroutine(opened):
                await opened
            try:
                async with asyncio.timeout(self.settings.sign_in_timeout):
                    redirected = await received
            except TimeoutError as exc:
                raise self._ask(
                    QT_TRANSLATE_NOOP(
                        "errors",
                        "Het aanmelden in de browser is niet afgerond. Start de console opnieuw om "
                        "het nog eens te proberen.",
                    )
                ) from exc
        finally:
            server.close()
            await server.wait_closed()
        query = parse_qs(urlsplit(redirected).query)
        if "error" in query:
            raise self._ask(
                f"De aanmeldserver heeft het aanmelden geweigerd ({query.get('error', [''])[0]})."
            )
        try:
            code = oauth2.parse_authorization_code_response(redirected, state=state)["code"]
        except Exception as exc:  # Authlib raises its own types for a wrong state or no code
            raise self._ask(
                QT_TRANSLATE_NOOP("errors", "Het antwoord van de aanmeldserver klopt niet.")
            ) from exc
        tokens = await self._token_request(
            grant_type="authorization_code",
            code=code,
            redirect_uri=redirect_uri,
            code_verifier=verifier,
        )
        identity = await self._verify(tokens, nonce=nonce)
        await self._remember(tokens, identity)
        return identity

    async def renew(self, refresh_token: str) -> VerifiedIdentity:
        """Silent renewal: a new ID token for the stored refresh token."""
        tokens = await self._token_request(grant_type="refresh_token", refresh_token=refresh_token)
        identity = await self._verify(tokens, nonce=None)
        await self._remember(tokens, identity)
        return identity

    # -- protocol steps ---------------------------------------------------------------------

    async def _discover(self) -> dict[str, Any]:
        if self._metadata is not None:
            return self._metadata
        issuer = self.settings.issuer
        url = f"{issuer}/.well-known/openid-configuration"
        metadata = await self._get_json(url)
        if str(metadata.get("issuer", "")).rstrip("/") != issuer:
            raise self._ask(
                f"De aanmeldserver op {issuer} noemt zich anders "
                f"({metadata.get('issuer')!s}). De instelling issuer in [identity] klopt niet."
            )
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not metadata.get(key):
                raise self._ask(f"De aanmeldserver op {issuer} mist {key}.")
        self._metadata = metadata
        return metadata

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = await self._http.get(url)
        except httpx.HTTPError as exc:
            raise self._ask(
                f"De aanmeldserver ({self.settings.issuer}) is niet bereikbaar. Controleer "
                "de netwerkverbinding.",
                offline=True,
            ) from exc
        if response.status_code != 200:
            raise self._ask(
                f"De aanmeldserver ({self.settings.issuer}) antwoordt niet zoals verwacht "
                f"(status {response.status_code})."
            )
        try:
            found = response.json()
        except ValueError as exc:
            raise self._ask(
                QT_TRANSLATE_NOOP("errors", "De aanmeldserver stuurt iets onleesbaars terug.")
            ) from exc
        if not isinstance(found, dict):
            raise self._ask(
                QT_TRANSLATE_NOOP("errors", "De aanmeldserver stuurt iets onleesbaars terug.")
            )
        return found

    async def _token_request(self, **params: str) -> dict[str, Any]:
        metadata = await self._discover()
        body = oauth2.prepare_token_request(client_id=self.settings.client_id, **params)
        try:
            response = await self._http.post(
                metadata["token_endpoint"],
                content=body,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
        except httpx.HTTPError as exc:
            raise self._ask(
                f"De aanmeldserver ({self.settings.issuer}) is niet bereikbaar.",
                offline=True,
            ) from exc
        try:
            tokens = response.json()
        except ValueError:
            tokens = {}
        if response.status_code != 200 or not isinstance(tokens, dict):
            error = tokens.get("error", "") if isinstance(tokens, dict) else ""
            raise self._ask(
                "De aanmeldserver weigert de aanmelding"
                + (f" ({error})." if error else f" (status {response.status_code}).")
            )
        return tokens

    async def _verify(self, tokens: dict[str, Any], *, nonce: str | None) -> VerifiedIdentity:
        """Check the ID token: signature (JWKS), issuer, audience, expiry, nonce."""
        raw = tokens.get("id_token")
        if not isinstance(raw, str):
            raise self._ask(
                QT_TRANSLATE_NOOP("errors", "De aanmeldserver stuurt geen ID-token mee.")
            )
        keys = await self._jwks()
        try:
            token = jwt.decode(raw, keys)
        except JoseError as exc:
            if self._keys is not None:  # the provider may have rotated its keys: fetch once more
                self._keys = None
                try:
                    token = jwt.decode(raw, await self._jwks())
                except JoseError:
                    raise self._ask(
                        QT_TRANSLATE_NOOP(
                            "errors",
                            "Het ID-token van de aanmeldserver is niet echt (de handtekening "
                            "klopt niet). Er is niemand aangemeld.",
                        )
                    ) from exc
            else:  # pragma: no cover - _jwks always sets _keys
                raise
        # Token lifetimes are real time, whatever clock the console's working day runs on.
        now = int(self._token_clock.now().timestamp())
        registry = jwt.JWTClaimsRegistry(
            now=now,
            leeway=60,
            iss={"essential": True, "value": self.settings.issuer},
            aud={"essential": True, "value": self.settings.client_id},
            exp={"essential": True},
            sub={"essential": True},
            **({"nonce": {"essential": True, "value": nonce}} if nonce else {}),
        )
        claims = token.claims
        try:
            registry.validate(claims)
        except JoseError as exc:
            what = {
                "iss": "het is door een andere uitgever gemaakt",
                "aud": "het is voor een andere toepassing bedoeld",
                "exp": "het is verlopen (staat de klok van deze computer goed?)",
                "iat": "het komt uit de toekomst (staat de klok van deze computer goed?)",
                "nbf": "het is nog niet geldig (staat de klok van deze computer goed?)",
                "nonce": "het hoort niet bij deze aanmelding",
            }
            reason = what.get(getattr(exc, "claim", ""), "het is niet geldig")
            message = f"Het ID-token van de aanmeldserver is afgewezen: {reason}."
            raise self._ask(message) from exc
        email = str(claims.get(self.settings.email_claim) or "").strip().lower()
        if not email:
            raise self._ask(
                f"De aanmeldserver geeft geen e-mailadres mee (claim "
                f"'{self.settings.email_claim}'), dus de console weet niet wie u bent."
            )
        values = claims.get(self.settings.role_claim) or []
        if isinstance(values, str):
            values = [values]
        return VerifiedIdentity(
            subject=str(claims["sub"]),
            email=email,
            name=str(claims.get("name") or email),
            claim_values=tuple(str(v) for v in values),
            issuer=self.settings.issuer,
            verified_at=self._clock.now(),
        )

    async def _jwks(self) -> KeySet:
        if self._keys is None:
            metadata = await self._discover()
            self._keys = KeySet.import_key_set(await self._get_json(metadata["jwks_uri"]))
        return self._keys

    async def _remember(self, tokens: dict[str, Any], identity: VerifiedIdentity) -> None:
        refresh = tokens.get("refresh_token")
        try:
            if isinstance(refresh, str) and refresh:
                await self._secrets.set(self.settings.secret, refresh)
            await self._secrets.set(IDENTITY_SECRET, identity.to_json())
        except StoreError:
            # Signing in still worked; the next start asks again through the browser.
            log.warning("could not keep the sign-in in the keyring")

    async def _get_secret(self, name: str) -> str | None:
        try:
            return await self._secrets.get(name)
        except StoreError:
            log.warning("could not read the sign-in from the keyring")
            return None


_DONE_PAGE = (
    "<!doctype html><html lang='nl'><meta charset='utf-8'><title>KCC-console</title>"
    "<p>U bent aangemeld bij de KCC-console. U kunt dit venster sluiten.</p></html>"
)


async def _serve_redirect(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, received: asyncio.Future[str]
) -> None:
    """Answer the browser's one redirect to the loopback address and hand its URL over."""
    try:
        request_line = (await asyncio.wait_for(reader.readline(), 10)).decode("latin-1")
        while (await asyncio.wait_for(reader.readline(), 10)) not in (b"\r\n", b"\n", b""):
            pass
        parts = request_line.split()
        target = parts[1] if len(parts) >= 2 else ""
        if parts[:1] == ["GET"] and target.startswith(CALLBACK_PATH):
            status, body = "200 OK", _DONE_PAGE
            if not received.done():
                received.set_result(f"http://127.0.0.1{target}")
        else:  # a favicon or a stray request: not ours
            status, body = "404 Not Found", ""
        data = body.encode("utf-8")
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
            + data
        )
        await writer.drain()
    except (TimeoutError, ConnectionError, UnicodeError):
        pass
    finally:
        writer.close()
