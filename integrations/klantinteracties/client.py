"""HTTP to the Klantinteracties API: one long-lived ``httpx.AsyncClient`` with retries.

Event-loop thread only; the client is created once per adapter and closed with ``aclose``.
Retries with exponential backoff (and ``Retry-After`` for 429) happen here, so callers see
either a result or one of the errors in ``errors``. A POST is never retried blindly after it may
have reached the server (timeout, 5xx, lost answer): that raises ``AmbiguousWrite`` and the
caller looks the record up first. ``sleep`` and ``rng`` are injected so tests never wait.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from console.i18n import QT_TRANSLATE_NOOP, Text
from integrations.klantinteracties.errors import (
    AMBIGUOUS_MESSAGE,
    AUTH_MESSAGE,
    CERTIFICATE_MESSAGE,
    NOT_FOUND_MESSAGE,
    REDIRECT_MESSAGE,
    UNAVAILABLE_MESSAGE,
    AmbiguousWrite,
    AuthenticationFailed,
    CertificateRefused,
    Malformed,
    NotFound,
    ReferenceTaken,
    Rejected,
    Unavailable,
)

log = logging.getLogger(__name__)

API_PATH = "/klantinteracties/api/v1"
MAX_PAGE_SIZE = 500

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry; delays in seconds."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        # Full jitter: many consoles coming back online must not knock in step.
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))


def tls_context(ca_file: str | None = None) -> ssl.SSLContext:
    """How the server's certificate is checked (always; never switched off).

    With ``ca_file`` (the municipality's own CA, PEM) exactly that CA is trusted; otherwise the
    operating system's trust store (``truststore``: where IT installs an internal CA), falling
    back to Python's default bundle where truststore cannot run.
    """
    if ca_file:
        return ssl.create_default_context(cafile=ca_file)
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except (ImportError, OSError):  # pragma: no cover - platform without a usable store
        return ssl.create_default_context()


def _certificate_refused(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(
            seen
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


COMBINED_CREATE = "/maak-klantcontact"


def _is_combined(response: httpx.Response) -> bool:
    return response.request.url.path.rstrip("/").endswith(COMBINED_CREATE)


def _problem(response: httpx.Response) -> tuple[str | None, str | None, str | None]:
    """(field, code, reason) of the first invalid parameter in a problem+json body."""
    try:
        body = response.json()
    except ValueError:
        return None, None, None
    params = body.get("invalidParams") or [] if isinstance(body, dict) else []
    if params:
        first = params[0]
        return first.get("name"), first.get("code"), first.get("reason")
    return None, body.get("code") if isinstance(body, dict) else None, None


class KlantinteractiesClient:
    """Authenticated HTTP to one Open Klant; see the module docstring for threading rules.

    ``token`` is only ever put in the ``Authorization`` header; it is never logged.
    """

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        timeout: float = 10.0,
        connect_timeout: float = 5.0,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        rng: random.Random | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        deadline: float | None = None,
        max_pages: int = 2000,
        verify: Any = None,
        ca_file: str | None = None,
    ) -> None:
        root = base_url.rstrip("/")
        if not root.endswith(API_PATH):
            root += API_PATH
        self.base_url = root
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.requests_sent = 0
        self._deadline = deadline if deadline is not None else 3 * timeout
        self.max_pages = max_pages
        self._http = httpx.AsyncClient(
            base_url=root,
            headers={"Authorization": f"Token {token}", "Accept": "application/json"},
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            transport=transport,
            verify=verify if verify is not None else tls_context(ca_file),
            # Never follow redirects: a trailing-slash redirect would hide a wrong path.
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- one request, retried ---------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        """Send one request; returns the decoded JSON body (None for 204).

        Raises:
            Unavailable: still failing after the retries (down, timeouts, 5xx, 429).
            AmbiguousWrite: a POST may have landed but its answer was lost.
            AuthenticationFailed, NotFound, Rejected, ReferenceTaken: see ``errors``.
        """
        # Open Klant answers a trailing slash with an HTML 404: never send one.
        path = path.rstrip("/")
        safe_to_repeat = method.upper() != "POST"
        attempt = 0
        while True:
            wait: float | None = None
            try:
                self.requests_sent += 1
                # A whole-request deadline: httpx's read timeout is per chunk, so a server
                # that drips one byte at a time would otherwise hold the round for ever.
                async with asyncio.timeout(self._deadline):
                    response = await self._http.request(method, path, params=params, json=json)
            except TimeoutError as exc:
                if not safe_to_repeat:
                    raise AmbiguousWrite(AMBIGUOUS_MESSAGE) from exc
                failure = Unavailable(UNAVAILABLE_MESSAGE)
            except httpx.ConnectError as exc:
                if _certificate_refused(exc):
                    # Reachable, but not trusted: say so (not "niet bereikbaar"); retrying
                    # now will not help until the CA is configured.
                    raise CertificateRefused(CERTIFICATE_MESSAGE) from exc
                # Nothing reached the server: always safe to try again.
                failure: Exception = Unavailable(UNAVAILABLE_MESSAGE)
                failure.__cause__ = exc
            except httpx.TimeoutException as exc:
                if isinstance(exc, httpx.ConnectTimeout) or isinstance(exc, httpx.PoolTimeout):
                    failure = Unavailable(UNAVAILABLE_MESSAGE)
                elif not safe_to_repeat:
                    raise AmbiguousWrite(AMBIGUOUS_MESSAGE) from exc
                else:
                    failure = Unavailable(UNAVAILABLE_MESSAGE)
            except httpx.TransportError as exc:
                # The connection broke after sending: the server may have acted on it.
                if not safe_to_repeat:
                    raise AmbiguousWrite(AMBIGUOUS_MESSAGE) from exc
                failure = Unavailable(UNAVAILABLE_MESSAGE)
            else:
                status = response.status_code
                if status < 300:
                    return self._decode(response, method=method)
                if status < 400:
                    # A redirect (a login page, a proxy, a moved server): the request was not
                    # handled. Safe to try again later; never followed.
                    failure = Unavailable(REDIRECT_MESSAGE, status=status)
                elif status == 429:
                    # Throttled before doing anything: safe to repeat, also for POST.
                    wait = _retry_after(response)
                    failure = Unavailable(UNAVAILABLE_MESSAGE, status=status)
                elif status >= 500:
                    if not safe_to_repeat:
                        raise AmbiguousWrite(AMBIGUOUS_MESSAGE, status=status)
                    failure = Unavailable(UNAVAILABLE_MESSAGE, status=status)
                else:
                    raise self._client_error(response)
            attempt += 1
            if attempt >= self._retry.attempts:
                raise failure
            delay = wait if wait is not None else self._retry.delay(attempt, self._rng)
            log.info("klantinteracties %s retry %d in %.2fs", method, attempt, delay)
            await self._sleep(delay)

    @staticmethod
    def _decode(response: httpx.Response, *, method: str) -> Any:
        """The JSON of a 2xx answer; Malformed (with the raw text) when it is not JSON."""
        if response.status_code == 204 or not response.content:
            if method.upper() in ("GET", "POST"):
                raise Malformed(
                    QT_TRANSLATE_NOOP("errors", "Het klantcontactsysteem gaf een leeg antwoord."),
                    raw="",
                )
            return None
        try:
            body = response.json()
        except ValueError:
            raise Malformed(
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Het klantcontactsysteem gaf een antwoord dat geen gegevens zijn "
                    "(bijvoorbeeld een inlogpagina).",
                ),
                raw=response.text[:20000],
                status=response.status_code,
            ) from None
        # What a write answers with: the record, or for ``/maak-klantcontact`` (Open Klant
        # 2.18: klantcontact, betrokkene and onderwerpobject in one request) the klantcontact
        # inside the answer.
        created = (
            body.get("klantcontact") if _is_combined(response) and isinstance(body, dict) else body
        )
        if method.upper() in ("POST", "PATCH") and not (
            isinstance(created, dict) and isinstance(created.get("uuid"), str)
        ):
            raise Malformed(
                QT_TRANSLATE_NOOP(
                    "errors", "Het klantcontactsysteem gaf een antwoord zonder uuid."
                ),
                raw=body,
            )
        return body

    @staticmethod
    def _client_error(response: httpx.Response) -> Exception:
        status = response.status_code
        if status in (401, 403):
            return AuthenticationFailed(AUTH_MESSAGE, status=status)
        if status == 404:
            return NotFound(NOT_FOUND_MESSAGE, status=status)
        field, code, reason = _problem(response)
        # ``/maak-klantcontact`` names the field inside its part: "klantcontact.referentienummer".
        if code == "unique" and field in ("referentienummer", "klantcontact.referentienummer"):
            return ReferenceTaken(
                QT_TRANSLATE_NOOP("errors", "Dit referentienummer is al in gebruik."),
                field=field,
                status=status,
            )
        log.warning("klantinteracties refused a request: %s %s", field, code)
        if field and reason:
            # The server's own words are a parameter: shown as the server wrote them.
            said = Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Het klantcontactsysteem weigert dit contact (veld {field}: {reason}). "
                    "Pas het aan en probeer het opnieuw.",
                ),
                {"field": field, "reason": reason},
            )
        else:
            said = Text(
                "errors",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Het klantcontactsysteem weigert dit contact. "
                    "Pas het aan en probeer het opnieuw.",
                ),
            )
        return Rejected(said, field=field, status=status)

    # -- lists --------------------------------------------------------------------------------

    async def pages(
        self,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        page_size: int = 100,
        prefetch: bool = False,
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """Yield every page of a list, following ``next`` until it is null.

        Bounded: a ``next`` that points at a page already read, or more than ``max_pages``
        pages, raise ``Malformed`` instead of looping. With ``prefetch`` the next page is asked
        for while the caller works on this one (a long first sync: the server's work and ours
        overlap); the request is cancelled if the caller stops early.
        """
        query: dict[str, Any] = {**(params or {}), "pageSize": min(page_size, MAX_PAGE_SIZE)}
        asked: set[tuple[tuple[str, str], ...]] = set()
        ahead: asyncio.Task[Any] | None = None
        try:
            for _ in range(self.max_pages):
                asked.add(tuple(sorted((str(k), str(v)) for k, v in query.items())))
                if ahead is not None:
                    body, ahead = await ahead, None
                else:
                    body = await self.request("GET", path, params=query)
                if not isinstance(body, dict) or not isinstance(body.get("results"), list):
                    raise Malformed(
                        QT_TRANSLATE_NOOP(
                            "errors", "Een lijst van het klantcontactsysteem is niet te lezen."
                        ),
                        raw=body,
                    )
                following = body.get("next")
                if following is not None and not isinstance(following, str):
                    raise Malformed(
                        QT_TRANSLATE_NOOP(
                            "errors", "Een lijst met een onleesbare volgende pagina."
                        ),
                        raw=body,
                    )
                if following:
                    # Keep our own base URL: follow only the query of ``next`` (the server
                    # may not know the address it is reached at behind a proxy).
                    query = dict(parse_qsl(urlsplit(following).query))
                    if tuple(sorted(query.items())) in asked:
                        raise Malformed(
                            QT_TRANSLATE_NOOP(
                                "errors", "Een lijst wijst naar een pagina die al gelezen is."
                            ),
                            raw=following,
                        )
                    if prefetch:
                        ahead = asyncio.ensure_future(self.request("GET", path, params=query))
                yield list(body["results"])
                if not following:
                    return
            raise Malformed(
                QT_TRANSLATE_NOOP("errors", "Een lijst heeft meer pagina's dan verwacht."), raw=path
            )
        finally:
            if ahead is not None:
                ahead.cancel()
                await asyncio.gather(ahead, return_exceptions=True)

    async def list_all(
        self, path: str, *, params: dict[str, Any] | None = None, page_size: int = 100
    ) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        async for page in self.pages(path, params=params, page_size=page_size):
            found.extend(page)
        return found
