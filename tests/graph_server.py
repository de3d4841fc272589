"""A local Microsoft Graph for tests: presence, getSchedule and $batch in the documented shapes.

No public Graph is reachable from here, so this answers exactly as Microsoft's documentation
shows (``cloudcommunications-getpresencesbyuserid``, ``calendar-getschedule``,
``scheduleinformation``, ``freebusyerror``, ``customtimezone``, ``json-batching``,
``throttling``):

- ``POST /v1.0/communications/getPresencesByUserId`` ``{"ids": [...]}`` (≤ 650) →
  ``{"value": [{"id", "availability", "activity", "outOfOfficeSettings"}]}``;
- ``POST /v1.0/{me|users/{id}}/calendar/getSchedule`` (≤ 20 schedules, < 42 days) →
  ``{"value": [scheduleInformation]}``
  with ``availabilityView``, ``scheduleItems`` (times in the ``Prefer: outlook.timezone`` zone,
  else UTC, seven fraction digits), ``workingHours`` (a named or custom zone) or an ``error``;
- ``POST /v1.0/$batch`` (≤ 20 requests, unique ids, Content-Type with a body) → ``responses``
  in reverse order, each with ``id``, ``status``, ``headers``, ``body``;
- a bearer token check (``verify``), 401 with Graph's error shape otherwise;
- faults: ``throttle_first`` (the first request gets 429 with that ``Retry-After``),
  ``throttle_item`` (the first batch item whose url contains it gets its own 429 once),
  ``latency`` per request, ``stall`` (never answer until stopped), and Outlook's mailbox limit:
  a fifth concurrent request gets 429 (``mailbox_rejections`` counts them).

Everything received is in ``log`` (monotonic time, path, body); ``max_in_flight`` is the most
mailbox requests it handled at once (a batch counts once per schedule item in it).
Threading: ``http.server`` threads, one lock for the counters.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

TOKEN = "graph-test-token-7c1e"
WINDOWS = {"w. europe standard time": "Europe/Amsterdam", "utc": "UTC"}
MAILBOX_CONCURRENCY = 4
DIGITS = {"free": "0", "workingelsewhere": "0", "tentative": "1", "busy": "2", "oof": "3"}

DEFAULT_HOURS = {
    "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
    "startTime": "08:30:00.0000000",
    "endTime": "17:00:00.0000000",
    "timeZone": {"name": "W. Europe Standard Time"},
}


@dataclass
class Person:
    object_id: str
    email: str
    availability: str = "Available"
    activity: str = "Available"
    out_of_office: bool = False
    message: str = ""
    # (status, start, end, subject) with aware datetimes
    items: list[tuple[str, datetime, datetime, str]] = field(default_factory=list)
    working_hours: dict[str, Any] | None = field(default_factory=lambda: dict(DEFAULT_HOURS))
    error: dict[str, str] | None = None  # a freeBusyError for this schedule


@dataclass
class Received:
    at: float
    path: str
    body: Any


def _zone(name: str | None):
    if not name:
        return UTC
    return ZoneInfo(WINDOWS.get(name.strip().strip('"').lower(), name.strip().strip('"')))


def _wire(value: datetime, zone) -> dict[str, str]:
    local = value.astimezone(zone).replace(tzinfo=None)
    name = (
        "UTC"
        if zone is UTC
        else ("W. Europe Standard Time" if str(zone) == "Europe/Amsterdam" else str(zone))
    )
    return {"dateTime": local.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": name}


def _read_moment(raw: Any) -> datetime:
    text = raw["dateTime"].split(".")[0]
    return datetime.fromisoformat(text).replace(tzinfo=_zone(raw.get("timeZone")))


def _error(code: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "innerError": {"date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")},
        }
    }


class GraphServer:
    def __init__(
        self,
        *,
        token: str = TOKEN,
        verify: Callable[[str], bool] | None = None,
        latency: float = 0.0,
    ) -> None:
        self.verify = verify or (lambda value: value == token)
        self.latency = latency
        self.people: dict[str, Person] = {}
        self.throttle_first: float | None = None
        self.throttle_item: tuple[str, float] | None = None
        self.stall = False
        self.broken_schedules = False  # answer getSchedule with 200 and a body of another shape
        self.log: list[Received] = []
        self.violations: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.mailbox_rejections = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    # -- data ---------------------------------------------------------------------------------

    def add(self, person: Person) -> Person:
        self.people[person.email.lower()] = person
        return person

    def by_object_id(self, object_id: str) -> Person | None:
        return next((p for p in self.people.values() if p.object_id == object_id), None)

    @property
    def round_trips(self) -> int:
        return len(self.log)

    # -- running ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1.0"

    def start(self) -> GraphServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        threading.Thread(
            target=lambda: server.serve_forever(0.05), name="graph-test-server", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- answering ----------------------------------------------------------------------------

    def handle(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict, Any]:
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = ValueError
        # Graph runs a batch's items side by side: each schedule item is a request against the
        # mailbox; anything else counts once.
        units = 1
        if path == "/v1.0/$batch" and isinstance(body, dict):
            units = max(
                1,
                sum(
                    "getschedule" in str(r.get("url", "")).lower()
                    for r in body.get("requests") or []
                    if isinstance(r, dict)
                ),
            )
        with self._lock:
            self.log.append(Received(time.monotonic(), path, None))
            entry = self.log[-1]
            self.in_flight += units
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            crowded = self.in_flight > MAILBOX_CONCURRENCY
            first = len(self.log) == 1
        try:
            if self.latency:
                time.sleep(self.latency)
            if self.stall:
                self._stop.wait(60)
                return 503, {}, _error("serviceNotAvailable", "stopped")
            auth = headers.get("authorization", "")
            if not auth.startswith("Bearer ") or not self.verify(auth[len("Bearer ") :]):
                return (
                    401,
                    {},
                    _error("InvalidAuthenticationToken", "Access token validation failure."),
                )
            if crowded:
                with self._lock:
                    self.mailbox_rejections += 1
                return (
                    429,
                    {"Retry-After": "1"},
                    _error(
                        "ApplicationThrottled", "Application is over its MailboxConcurrency limit."
                    ),
                )
            if first and self.throttle_first is not None:
                return (
                    429,
                    {"Retry-After": f"{self.throttle_first:g}"},
                    _error("TooManyRequests", "Too many requests."),
                )
            if body is ValueError:
                return 400, {}, _error("BadRequest", "Invalid JSON.")
            entry.body = body
            if path == "/v1.0/$batch":
                return self._batch(body, headers)
            return self._one(path, headers, body)
        finally:
            with self._lock:
                self.in_flight -= units

    def _one(self, path: str, headers: dict[str, str], body: Any) -> tuple[int, dict, Any]:
        relative = path.removeprefix("/v1.0")
        if relative.lower() == "/communications/getpresencesbyuserid":
            return self._presences(body)
        parts = relative.strip("/").split("/")
        if (parts[-2:] == ["calendar", "getSchedule"]) and (
            parts[:1] == ["me"] or (parts[:1] == ["users"] and len(parts) == 4)
        ):
            if self.broken_schedules:
                return 200, {"Content-Type": "application/json"}, ["not", "a", "schedule"]
            return self._schedule(body, headers)
        return 404, {}, _error("Request_ResourceNotFound", f"Resource not found: {relative}")

    def _presences(self, body: Any) -> tuple[int, dict, Any]:
        ids = body.get("ids") if isinstance(body, dict) else None
        if not isinstance(ids, list) or not ids:
            return 400, {}, _error("BadRequest", "ids is required.")
        if len(ids) > 650:
            self.violations.append(f"getPresencesByUserId with {len(ids)} ids (max 650)")
            return 400, {}, _error("BadRequest", "Too many ids.")
        value = []
        for object_id in ids:
            person = self.by_object_id(object_id)
            if person is None:
                continue
            value.append(
                {
                    "id": person.object_id,
                    "availability": person.availability,
                    "activity": person.activity,
                    "outOfOfficeSettings": {
                        "message": person.message or None,
                        "isOutOfOffice": person.out_of_office,
                    },
                }
            )
        return 200, {"Content-Type": "application/json"}, {"value": value}

    def _schedule(self, body: Any, headers: dict[str, str]) -> tuple[int, dict, Any]:
        try:
            schedules = body["schedules"]
            start = _read_moment(body["startTime"])
            end = _read_moment(body["endTime"])
            interval = int(body.get("availabilityViewInterval", 30))
        except (KeyError, TypeError, ValueError):
            return 400, {}, _error("BadRequest", "schedules, startTime and endTime are required.")
        if len(schedules) > 20:  # documented: "up to 20 entities at once"
            self.violations.append(f"getSchedule with {len(schedules)} schedules (max 20)")
            return (
                400,
                {},
                _error(
                    "ErrorMailboxDataArrayTooBig", "There are too many target users in the array."
                ),
            )
        if end - start >= timedelta(days=42):
            self.violations.append(f"getSchedule over {end - start} (must be under 42 days)")
            return 400, {}, _error("ErrorInvalidTimeInterval", "The time period is too long.")
        if not 5 <= interval <= 1440:
            self.violations.append(f"availabilityViewInterval {interval}")
            return 400, {}, _error("BadRequest", "availabilityViewInterval out of range.")
        prefer = headers.get("prefer", "")
        zone = _zone(prefer.split("=", 1)[1]) if "outlook.timezone=" in prefer else UTC
        value = []
        slots = max(1, int((end - start) / timedelta(minutes=interval)))
        for address in schedules:
            person = self.people.get(str(address).lower())
            if person is None:
                value.append(
                    {
                        "scheduleId": address,
                        "error": {
                            "message": "The specified recipient is not found.",
                            "responseCode": "ErrorMailRecipientNotFound",
                        },
                    }
                )
                continue
            if person.error is not None:
                value.append({"scheduleId": address, "error": dict(person.error)})
                continue
            inside = [i for i in person.items if i[2] > start and i[1] < end]
            view = []
            for n in range(slots):
                lo = start + n * timedelta(minutes=interval)
                hi = lo + timedelta(minutes=interval)
                digits = [DIGITS.get(s.lower(), "2") for s, a, b, _ in inside if b > lo and a < hi]
                view.append(max(digits, default="0"))
            info: dict[str, Any] = {
                "scheduleId": address,
                "availabilityView": "".join(view),
                "scheduleItems": [
                    {
                        "isPrivate": False,
                        "status": status,
                        **({"subject": subject} if subject else {}),
                        "start": _wire(a, zone),
                        "end": _wire(b, zone),
                    }
                    for status, a, b, subject in inside
                ],
            }
            if person.working_hours is not None:
                info["workingHours"] = person.working_hours
            value.append(info)
        return (
            200,
            {"Content-Type": "application/json"},
            {
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection("
                "microsoft.graph.scheduleInformation)",
                "value": value,
            },
        )

    def _batch(self, body: Any, headers: dict[str, str]) -> tuple[int, dict, Any]:
        requests = body.get("requests") if isinstance(body, dict) else None
        if not isinstance(requests, list) or not requests:
            return 400, {}, _error("BadRequest", "requests is required.")
        if len(requests) > 20:
            self.violations.append(f"$batch with {len(requests)} requests (max 20)")
            return 400, {}, _error("BadRequest", "Too many requests in the batch.")
        ids = [str(r.get("id", "")).lower() for r in requests]
        if len(set(ids)) != len(ids) or "" in ids:
            self.violations.append("$batch with missing or repeated ids")
            return 400, {}, _error("BadRequest", "Batch request ids must be unique.")
        outlook = sum("getschedule" in str(r.get("url", "")).lower() for r in requests)
        if outlook > MAILBOX_CONCURRENCY:
            self.violations.append(f"$batch with {outlook} requests to one mailbox")
        responses = []
        for request in requests:
            item_headers = {
                str(k).lower(): str(v) for k, v in (request.get("headers") or {}).items()
            }
            item_headers["authorization"] = headers.get("authorization", "")
            if "body" in request and "content-type" not in item_headers:
                self.violations.append("$batch item with a body but no Content-Type")
                status, out_headers, out = 400, {}, _error("BadRequest", "Content-Type required.")
            else:
                throttled = None
                with self._lock:
                    if self.throttle_item and self.throttle_item[0] in str(request.get("url")):
                        throttled, self.throttle_item = self.throttle_item, None
                if throttled is not None:
                    status, out_headers, out = (
                        429,
                        {"Retry-After": f"{throttled[1]:g}"},
                        _error("TooManyRequests", "Too many requests."),
                    )
                else:
                    url = "/v1.0/" + str(request.get("url", "")).lstrip("/")
                    status, out_headers, out = self._one(url, item_headers, request.get("body"))
            responses.append(
                {
                    "id": request.get("id"),
                    "status": status,
                    "headers": {"Cache-Control": "no-cache", **out_headers},
                    "body": out,
                }
            )
        responses.reverse()  # answers come in any order: clients must match by id
        return 200, {"Content-Type": "application/json"}, {"responses": responses}


def _handler(server: GraphServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, out_headers, body = server.handle(self.path, headers, raw)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            for key, value in out_headers.items():
                if key.lower() != "content-type":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            data = json.dumps(_error("Request_ResourceNotFound", "Not found.")).encode()
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def custom_zone_hours() -> dict[str, Any]:
    """Working hours in the custom zone of the getSchedule documentation (Pacific rules)."""
    return {
        "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"],
        "startTime": "08:00:00.0000000",
        "endTime": "17:00:00.0000000",
        "timeZone": {
            "@odata.type": "#microsoft.graph.customTimeZone",
            "bias": 480,
            "name": "Customized Time Zone",
            "standardOffset": {
                "time": "02:00:00.0000000",
                "dayOccurrence": 1,
                "dayOfWeek": "sunday",
                "month": 11,
                "year": 0,
            },
            "daylightOffset": {
                "daylightBias": -60,
                "time": "02:00:00.0000000",
                "dayOccurrence": 2,
                "dayOfWeek": "sunday",
                "month": 3,
                "year": 0,
            },
        },
    }
