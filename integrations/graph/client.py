"""HTTP to Microsoft Graph for availability: delegated bearer token, throttling, JSON batching.

Event-loop thread only; one ``httpx.AsyncClient`` per adapter, closed with ``aclose``.

- The token comes from an injected ``async def token() -> str`` (the sign-in gives it): no
  application secret ever lives on a desktop.
- ``429``/``503`` with ``Retry-After`` on the whole call: wait as told (``sleep`` is injected so
  tests never wait), then try again; a wait longer than ``max_wait`` gives up at once.
- ``$batch`` (at most 20 requests): answers come in any order and are matched by ``id``; an item
  throttled on its own is sent again, alone with the other throttled ones, after the longest
  ``Retry-After`` among them.
- At most ``max_concurrent`` (4) requests in flight against the mailbox: Outlook allows 4
  concurrent requests per mailbox, every schedule request goes through the signed-in user's
  mailbox, and Graph runs the items of a batch side by side — so a batch holding three schedule
  requests takes three of the four slots at once. Waiting for a ``Retry-After`` holds none.
Failures reach callers as ``GraphError`` with a plain Dutch ``reason``; no tokens in logs.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from console.domain.errors import UserFacingError
from console.i18n import QT_TRANSLATE_NOOP, Text

log = logging.getLogger(__name__)

BATCH_LIMIT = 20
TokenProvider = Callable[[], Awaitable[str]]
Sleep = Callable[[float], Awaitable[None]]


class GraphError(UserFacingError):
    """Graph did not give an answer we can use; ``reason`` is plain Dutch for the card."""

    def __init__(self, reason: str | Text, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = self.message  # Dutch; ``text`` keeps a parameterised sentence
        self.status = status


@dataclass
class ItemAnswer:
    """One request's answer (a whole call, or one item of a batch)."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def retry_after(headers: Any, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date); None: absent."""
    value = None
    for key, item in dict(headers or {}).items():
        if str(key).lower() == "retry-after":
            value = str(item).strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _reason_for(status: int) -> str | Text:
    if status in (401, 403):
        return QT_TRANSLATE_NOOP(
            "errors",
            "Microsoft 365 weigert de aanmelding (verlopen of geen recht). Meld opnieuw aan.",
        )
    if status in (429, 503):
        return QT_TRANSLATE_NOOP("errors", "Microsoft 365 is nu te druk.")
    return Text(
        "errors", QT_TRANSLATE_NOOP("errors", "Microsoft 365 gaf een fout (code {code})."),
        {"code": status},
    )


class _Slots:
    """A counting limit where one holder may take several slots at once (all or none).

    First come, first served: a batch waiting for three slots is not overtaken by single
    requests forever. ``give`` is synchronous so it is safe in ``finally`` after a cancel.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.free = size
        self._waiting: deque[tuple[int, asyncio.Future[None]]] = deque()

    async def take(self, count: int) -> int:
        count = max(1, min(count, self.size))
        if self.free >= count and not self._waiting:
            self.free -= count
            return count
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((count, granted))
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():
                self.give(count)  # granted just as we were cancelled: hand it back
            else:
                self._waiting = deque(w for w in self._waiting if w[1] is not granted)
                self.give(0)  # the next in line may fit now
            raise
        return count

    def give(self, count: int) -> None:
        self.free += count
        while self._waiting and self.free >= self._waiting[0][0]:
            wanted, granted = self._waiting.popleft()
            if granted.done():
                continue
            self.free -= wanted
            granted.set_result(None)


class GraphClient:
    """See the module docstring. ``requests`` counts HTTP round trips (tests and B8 read it)."""

    def __init__(
        self,
        *,
        base_url: str,
        token: TokenProvider,
        timeout: float = 10.0,
        max_concurrent: int = 4,
        max_wait: float = 20.0,
        attempts: int = 4,
        sleep: Sleep = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)), transport=transport
        )
        self._slots = _Slots(max_concurrent)
        self.max_wait = max_wait
        self.attempts = attempts
        self._sleep = sleep
        self.requests = 0

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _wait(self, seconds: float | None) -> None:
        # Throttled without a Retry-After: a short pause rather than knocking again at once.
        wait = 1.0 if seconds is None else seconds
        if wait > self.max_wait:
            raise GraphError(
                Text(
                    "errors",
                    QT_TRANSLATE_NOOP(
                        "errors", "Microsoft 365 vraagt {seconds} seconden te wachten (te druk)."
                    ),
                    {"seconds": round(wait)},
                ),
                status=429,
            )
        await self._sleep(wait)

    async def _once(
        self, path: str, body: dict[str, Any], headers: dict[str, str], weight: int
    ) -> ItemAnswer:
        try:
            token = await self._token()
        except Exception as exc:
            raise GraphError(
                QT_TRANSLATE_NOOP("errors", "U bent niet aangemeld bij Microsoft 365.")
            ) from exc
        taken = await self._slots.take(weight)
        try:
            self.requests += 1
            try:
                response = await self._http.post(
                    self.base_url + path,
                    json=body,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Accept": "application/json",
                        **headers,
                    },
                )
            except httpx.TimeoutException as exc:
                raise GraphError(
                    QT_TRANSLATE_NOOP("errors", "Microsoft 365 gaf geen antwoord op tijd.")
                ) from exc
            except httpx.HTTPError as exc:
                raise GraphError(
                    QT_TRANSLATE_NOOP("errors", "Microsoft 365 is nu niet bereikbaar.")
                ) from exc
        finally:
            self._slots.give(taken)
        try:
            parsed = response.json() if response.content else None
        except ValueError:
            parsed = None
        return ItemAnswer(response.status_code, parsed, dict(response.headers))

    async def post(
        self,
        path: str,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
        *,
        weight: int = 1,
    ) -> ItemAnswer:
        """POST with whole-call throttling handled; any other status is returned as it is.

        ``weight``: how many of the mailbox's concurrent requests this one stands for.
        """
        for _attempt in range(self.attempts):
            answer = await self._once(path, body, headers or {}, weight)
            if answer.status in (429, 503):
                log.info("Graph throttled %s (status %s)", path, answer.status)
                await self._wait(retry_after(answer.headers))
                continue
            if answer.status in (401, 403):
                raise GraphError(_reason_for(answer.status), status=answer.status)
            return answer
        raise GraphError(
            QT_TRANSLATE_NOOP("errors", "Microsoft 365 blijft te druk; probeer het zo weer."),
            status=429,
        )

    async def batch(self, requests: list[dict[str, Any]]) -> dict[str, ItemAnswer]:
        """Answers by request id (lower case); at most 20 requests.

        Items throttled on their own are retried; other item failures are returned as they are.
        """
        if len(requests) > BATCH_LIMIT:
            raise ValueError(f"a batch holds at most {BATCH_LIMIT} requests")
        pending = {str(r["id"]).lower(): r for r in requests}
        answers: dict[str, ItemAnswer] = {}
        for _attempt in range(self.attempts):
            items = list(pending.values())
            outlook = sum("/calendar/" in str(r.get("url", "")).lower() for r in items)
            whole = await self.post("/$batch", {"requests": items}, weight=max(1, outlook))
            if whole.status != 200 or not isinstance(whole.body, dict):
                raise GraphError(_reason_for(whole.status), status=whole.status)
            waits: list[float | None] = []
            responses = whole.body.get("responses")
            for item in responses if isinstance(responses, list) else []:
                if not isinstance(item, dict):
                    continue
                key = str(item.get("id", "")).lower()
                if key not in pending:
                    continue  # not ours (or answered twice): match by id only
                status = int(item.get("status") or 0)
                headers = {str(k): str(v) for k, v in (item.get("headers") or {}).items()}
                if status in (429, 503):
                    waits.append(retry_after(headers))
                    continue
                answers[key] = ItemAnswer(status, item.get("body"), headers)
                del pending[key]
            if not pending:
                return answers
            if not waits:
                break  # the batch left items unanswered without saying why
            known = [w for w in waits if w is not None]
            await self._wait(max(known) if known else None)
        for key in pending:
            answers[key] = ItemAnswer(429, None)
        return answers
