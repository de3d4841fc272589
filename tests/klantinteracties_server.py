"""A local Klantinteracties (Open Klant 2.18) server for tests: in memory, checked by the spec.

Every request it receives and every response it sends is validated against the official
OpenAPI file (``KCC_KLANTINTERACTIES_SPEC``, default
``../shared/specs/klantinteracties-openapi.yaml`` from the repository root) with openapi-core;
every violation is collected in ``violations`` and the ``klantinteracties_server`` fixture
fails the test at teardown if there is any. Error answers are not in the spec: they are checked
against the problem+json shape Open Klant sends.

Behaviour beyond the spec follows INTEGRATIONS.md: ``referentienummer`` digits only and unique,
an internetaak needs ``status`` and assigned actors, a trailing slash gives an HTML 404, only
``Authorization: Token`` is accepted, unknown query parameters give 400, phone pattern.

Faults on command (``faults``): ``down()``/``up()`` (refuses connections), ``delay`` seconds
before answering, ``fail_rate`` share of requests failing with 500 / a stalled answer (client
timeout) / 429 with Retry-After, ``lose_rate`` share of writes whose answer is lost after the
change was committed. Randomness comes from a seeded ``random.Random``.

Threading: ``http.server`` threads; the state is guarded by one lock.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import threading
import time
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
BASE = "/klantinteracties/api/v1"
TOKEN = "test-token-3f9a1c7e5b"
PHONE = re.compile(r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$")
COLLECTIONS = (
    "actoren",
    "actorklantcontacten",
    "klantcontacten",
    "internetaken",
    "betrokkenen",
    "digitaleadressen",
    "onderwerpobjecten",
)
# Nullable references the real server sends as ``null``; openapi-core rejects ``null`` for an
# allOf-wrapped nullable reference, so they are left out of the copy that is validated only.
NULLABLE_REFS = frozenset(
    {
        "verstrektDoorPartij",
        "verstrektDoorBetrokkene",
        "wasPartij",
        "klantcontact",
        "wasKlantcontact",
        "onderwerpobjectidentificator",
        "contactnaam",
        "bezoekadres",
        "correspondentieadres",
        "onderwerpobject",  # /maak-klantcontact answers null without one (the spec has no null)
    }
)


def _without_null_refs(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_null_refs(v)
            for k, v in value.items()
            if not (v is None and k in NULLABLE_REFS)
            # The real server sends empty addresses ("" postcode) that break the spec's own
            # patterns: left out of the validated copy, like a null.
            and not (k in ("bezoekadres", "correspondentieadres") and not any(v.values()))
            and not (k == "referentie" and v == "")
        }
    if isinstance(value, list):
        return [_without_null_refs(v) for v in value]
    return value


def _validation_copy(raw: bytes) -> bytes:
    if not raw:
        return raw
    try:
        return json.dumps(_without_null_refs(json.loads(raw))).encode()
    except ValueError:
        return raw


EMPTY_ADDRESS = {
    "nummeraanduidingId": "",
    "straatnaam": "",
    "huisnummer": None,
    "huisnummertoevoeging": "",
    "postcode": "",
    "stad": "",
    "adresregel1": "",
    "adresregel2": "",
    "adresregel3": "",
    "land": "",
}


def _full_name(parts: Any) -> str:
    if not isinstance(parts, dict):
        return ""
    words = [parts.get(k) for k in ("voornaam", "voorvoegselAchternaam", "achternaam")]
    return " ".join(str(w) for w in words if w)


def spec_path() -> Path:
    """The spec file; a missing file is an error (the tests must fail, not skip)."""
    configured = os.environ.get("KCC_KLANTINTERACTIES_SPEC")
    path = (
        Path(configured)
        if configured
        else REPO_ROOT / "../shared/specs/klantinteracties-openapi.yaml"
    )
    path = path.resolve()
    if not path.is_file():
        raise FileNotFoundError(
            f"Klantinteracties spec not found at {path}; set KCC_KLANTINTERACTIES_SPEC"
        )
    return path


@cache
def _openapi(path: Path):
    from openapi_core import OpenAPI

    return OpenAPI.from_file_path(str(path))


@cache
def _query_parameters(path: Path) -> dict[tuple[str, str], frozenset[str]]:
    """(path template, method) → the query parameter names the spec allows."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    allowed = {}
    for template, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                names = {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
                allowed[(template, method)] = frozenset(names)
    return allowed


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Faults:
    down: bool = False
    delay: float = 0.0
    fail_rate: float = 0.0
    fail_kinds: tuple[str, ...] = ("500", "timeout", "429")
    lose_rate: float = 0.0
    stall_seconds: float = 0.5  # how long a "timeout" fault holds the answer back
    retry_after: str = "1"


@dataclass
class Counters:
    requests: int = 0
    failed: int = 0
    lost: int = 0
    by_operation: dict[str, int] = field(default_factory=dict)


class KlantinteractiesServer:
    """See the module docstring. ``start()`` … ``stop()``; ``url`` is the API root."""

    def __init__(
        self, *, seed: int = 1, validate: bool = True, port: int = 0, tls: Any = None
    ) -> None:
        self.spec_file = spec_path()
        self.openapi = _openapi(self.spec_file) if validate else None
        self.allowed_params = _query_parameters(self.spec_file)
        self.validate = validate
        self.rng = random.Random(seed)
        self.faults = Faults()
        # tamper(method, path, query) → None (serve normally) or (status, body bytes,
        # content type, headers); a status of -1 drips the body one byte per 0.2 s.
        self.tamper: Any = None
        self.counters = Counters()
        self.violations: list[str] = []
        self.lock = threading.RLock()
        self.data: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in COLLECTIONS}
        self.order: dict[str, list[str]] = {c: [] for c in COLLECTIONS}
        # Reverse links (klantcontact uuid → uuids) and references, so renders stay O(1).
        self.by_klantcontact: dict[str, dict[str, list[str]]] = {
            c: {} for c in ("internetaken", "betrokkenen", "actorklantcontacten")
        }
        self.chained: dict[str, list[str]] = {}  # original klantcontact → onderwerpobjecten
        self.about: dict[str, list[str]] = {}  # klantcontact → its own onderwerpobjecten
        self.references: dict[str, str] = {}
        # Filtered lists are cached until the next write, so paging through 10⁵ records costs
        # one filter pass, not one per page (the real server uses database indexes).
        self.generation = 0
        self._list_cache: dict[tuple, tuple[int, list[dict[str, Any]]]] = {}
        self._port = port
        self.tls = tls  # an ssl.SSLContext (server side): serve https
        self.connections: set[socket.socket] = set()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifetime ---------------------------------------------------------------------------

    @property
    def root(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self._port}"

    @property
    def url(self) -> str:
        return self.root + BASE

    def start(self) -> KlantinteractiesServer:
        server = self

        class Handler(_Handler):
            owner = server

        httpd = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        httpd.daemon_threads = True
        if self.tls is not None:
            httpd.socket = self.tls.wrap_socket(httpd.socket, server_side=True)
        self._port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, name="ki-server", kwargs={"poll_interval": 0.05}
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def down(self) -> None:
        """Stop listening and cut open connections: like a server that is switched off."""
        self.faults.down = True
        self.stop()
        with self.lock:
            for conn in list(self.connections):
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def up(self) -> None:
        self.faults.down = False
        if self._httpd is None:
            self.start()

    # -- helpers for tests ------------------------------------------------------------------

    def all(self, collection: str) -> list[dict[str, Any]]:
        with self.lock:
            return [self.data[collection][u] for u in self.order[collection]]

    def insert(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        """Store ``body`` as if a client had POSTed it (no validation, no faults)."""
        with self.lock:
            status, stored = self._create(collection, json.loads(json.dumps(body)))
            if status != 201:
                raise ValueError(stored)
            return stored

    def violation(self, text: str) -> None:
        with self.lock:
            self.violations.append(text)

    # -- the API ----------------------------------------------------------------------------

    def href(self, collection: str, uid: str) -> str:
        return f"{self.url}/{collection}/{uid}"

    def ref(self, collection: str, uid: str) -> dict[str, str]:
        return {"uuid": uid, "url": self.href(collection, uid)}

    def _exists(self, collection: str, ref: Any) -> bool:
        return isinstance(ref, dict) and ref.get("uuid") in self.data[collection]

    def _problem(self, status: int, code: str, title: str, params=()) -> tuple[int, dict]:
        body = {
            "type": f"http://127.0.0.1/ref/fouten/{code}/",
            "code": code,
            "title": title,
            "status": status,
            "detail": title,
            "instance": f"urn:uuid:{uuidlib.uuid4()}",
        }
        if status == 400:
            body["invalidParams"] = [{"name": n, "code": c, "reason": r} for (n, c, r) in params]
        return status, body

    def _invalid(self, name: str, code: str, reason: str) -> tuple[int, dict]:
        return self._problem(400, "invalid", "Invalid input.", [(name, code, reason)])

    def _render(self, collection: str, item: dict[str, Any]) -> dict[str, Any]:
        """The stored record as the server shows it (with the computed reverse links)."""
        out = dict(item)
        if collection == "klantcontacten":
            uid = item["uuid"]
            linked = {c: index.get(uid, []) for c, index in self.by_klantcontact.items()}
            out["leiddeTotInterneTaken"] = [
                self.ref("internetaken", t) for t in linked["internetaken"]
            ]
            out["hadBetrokkenen"] = [self.ref("betrokkenen", b) for b in linked["betrokkenen"]]
            # The real server lists the onderwerpobjecten whose klantcontact is this one.
            out["gingOverOnderwerpobjecten"] = [
                self.ref("onderwerpobjecten", o) for o in self.about.get(uid, [])
            ]
            out["hadBetrokkenActoren"] = [
                self._render(
                    "actoren",
                    self.data["actoren"][self.data["actorklantcontacten"][a]["actor"]["uuid"]],
                )
                for a in linked["actorklantcontacten"]
            ]
        return out

    def _expand_klantcontact(self, item: dict[str, Any], expand: list[str]) -> dict[str, Any]:
        out = self._render("klantcontacten", item)
        extra: dict[str, Any] = {}
        if "leiddeTotInterneTaken" in expand:
            extra["leiddeTotInterneTaken"] = [
                self.data["internetaken"][r["uuid"]] for r in out["leiddeTotInterneTaken"]
            ]
        if "gingOverOnderwerpobjecten" in expand:
            extra["gingOverOnderwerpobjecten"] = [
                self.data["onderwerpobjecten"][r["uuid"]] for r in out["gingOverOnderwerpobjecten"]
            ]
        people = [e for e in expand if e.startswith("hadBetrokkenen")]
        if people:
            extra["hadBetrokkenen"] = []
            for r in out["hadBetrokkenen"]:
                person = dict(self.data["betrokkenen"][r["uuid"]])
                inner: dict[str, Any] = {}
                if "hadBetrokkenen.wasPartij" in expand:
                    inner["wasPartij"] = None  # no partijen in this server
                if "hadBetrokkenen.digitaleAdressen" in expand:
                    inner["digitaleAdressen"] = [
                        self.data["digitaleadressen"][a["uuid"]] for a in person["digitaleAdressen"]
                    ]
                if inner:
                    person["_expand"] = inner
                extra["hadBetrokkenen"].append(person)
        if expand:
            out["_expand"] = extra
        return out

    def _create(self, collection: str, body: dict[str, Any]) -> tuple[int, dict]:
        self.generation += 1
        uid = str(uuidlib.uuid4())
        body = {k: v for k, v in body.items() if k not in ("uuid", "url")}
        if collection == "klantcontacten":
            ref = body.get("referentienummer")
            if ref is not None:
                if not re.fullmatch(r"[0-9]{1,10}", str(ref)):
                    return self._invalid("referentienummer", "invalid", "Alleen cijfers.")
                if ref in self.references:
                    return self._invalid(
                        "referentienummer", "unique", "Dit referentienummer bestaat al."
                    )
            if "vertrouwelijk" not in body:
                return self._invalid("vertrouwelijk", "required", "Dit veld is vereist.")
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                "gingOverOnderwerpobjecten": [],
                "omvatteBijlagen": [],
                "nummer": None,
                "referentienummer": ref,
                "reactie": "",
                "indicatieContactGelukt": None,
                "verdereActieOndernomen": False,
                "metadata": {},
                **body,
            }
            item.setdefault("inhoud", "")
        elif collection == "internetaken":
            if "status" not in body:
                return self._invalid("status", "required", "Dit veld is vereist.")
            actors = body.get("toegewezenAanActoren")
            single = body.get("toegewezenAanActor")
            if actors is None and single is None:
                return self._invalid(
                    "toegewezenAanActoren", "required", "Wijs de taak toe aan een actor."
                )
            actors = actors if actors is not None else [single]
            for n, a in enumerate(actors):
                if not self._exists("actoren", a):
                    return self._invalid(
                        f"toegewezenAanActoren.{n}.uuid", "does_not_exist", "Bestaat niet."
                    )
            if not self._exists("klantcontacten", body.get("aanleidinggevendKlantcontact")):
                return self._invalid(
                    "aanleidinggevendKlantcontact.uuid", "does_not_exist", "Bestaat niet."
                )
            refs = [self.ref("actoren", a["uuid"]) for a in actors]
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                "nummer": None,
                "referentienummer": body.get("referentienummer"),
                "gevraagdeHandeling": body["gevraagdeHandeling"],
                "aanleidinggevendKlantcontact": self.ref(
                    "klantcontacten", body["aanleidinggevendKlantcontact"]["uuid"]
                ),
                "toegewezenAanActoren": refs,
                "toelichting": body.get("toelichting", ""),
                "status": body["status"],
                "toegewezenOp": _now(),
                "afgehandeldOp": _now() if body["status"] == "verwerkt" else None,
            }
            if refs:
                item["toegewezenAanActor"] = refs[0]
        elif collection == "actoren":
            ident = body.get("actoridentificator") or {
                "objectId": "",
                "codeObjecttype": "",
                "codeRegister": "",
                "codeSoortObjectId": "",
            }
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                "indicatieActief": True,
                **body,
                "actoridentificator": ident,
            }
        elif collection == "actorklantcontacten":
            if not self._exists("actoren", body.get("actor")):
                return self._invalid("actor.uuid", "does_not_exist", "Bestaat niet.")
            if not self._exists("klantcontacten", body.get("klantcontact")):
                return self._invalid("klantcontact.uuid", "does_not_exist", "Bestaat niet.")
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                "actor": self.ref("actoren", body["actor"]["uuid"]),
                "klantcontact": self.ref("klantcontacten", body["klantcontact"]["uuid"]),
            }
        elif collection == "digitaleadressen":
            if body.get("soortDigitaalAdres") == "telefoonnummer" and not PHONE.match(
                body.get("adres", "")
            ):
                return self._invalid("adres", "invalid", "Voer een geldig telefoonnummer in.")
            if "verstrektDoorPartij" not in body:
                # Open Klant 2.18 needs the key (the spec says optional); null is fine.
                return self._invalid("verstrektDoorPartij", "required", "Dit veld is vereist.")
            if body["verstrektDoorPartij"] is not None:
                return self._invalid("verstrektDoorPartij.uuid", "does_not_exist", "Bestaat niet.")
            owner = body.get("verstrektDoorBetrokkene")
            if owner is not None and not self._exists("betrokkenen", owner):
                return self._invalid(
                    "verstrektDoorBetrokkene.uuid", "does_not_exist", "Bestaat niet."
                )
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                # Nullable references (verstrektDoorPartij, wasPartij, …) are left out when
                # empty: openapi-core rejects null for an allOf-wrapped nullable reference.
                "isStandaardAdres": False,
                "omschrijving": "",
                "referentie": "",
                "verificatieDatum": None,
                **body,
                "verstrektDoorBetrokkene": None,
                "verstrektDoorPartij": None,
            }
            if owner is not None:
                item["verstrektDoorBetrokkene"] = self.ref("betrokkenen", owner["uuid"])
                self.data["betrokkenen"][owner["uuid"]]["digitaleAdressen"].append(
                    self.ref("digitaleadressen", uid)
                )
        elif collection == "betrokkenen":
            if not self._exists("klantcontacten", body.get("hadKlantcontact")):
                return self._invalid("hadKlantcontact.uuid", "does_not_exist", "Bestaat niet.")
            for name in ("rol", "initiator"):
                if name not in body:
                    return self._invalid(name, "required", "Dit veld is vereist.")
            if body.get("wasPartij") is not None:
                return self._invalid("wasPartij.uuid", "does_not_exist", "Bestaat niet.")
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                "wasPartij": None,
                "bezoekadres": dict(EMPTY_ADDRESS),
                "correspondentieadres": dict(EMPTY_ADDRESS),
                "contactnaam": None,
                "organisatienaam": "",
                **body,
                "hadKlantcontact": self.ref("klantcontacten", body["hadKlantcontact"]["uuid"]),
                "digitaleAdressen": [],
            }
            item["volledigeNaam"] = _full_name(item.get("contactnaam"))
        elif collection == "onderwerpobjecten":
            for name in ("klantcontact", "wasKlantcontact"):
                ref = body.get(name)
                if ref is not None and not self._exists("klantcontacten", ref):
                    return self._invalid(f"{name}.uuid", "does_not_exist", "Bestaat niet.")
            item = {
                "uuid": uid,
                "url": self.href(collection, uid),
                "klantcontact": None,
                "wasKlantcontact": None,
                "onderwerpobjectidentificator": None,
                **body,
            }
            for name in ("klantcontact", "wasKlantcontact"):
                if item[name] is not None:
                    item[name] = self.ref("klantcontacten", item[name]["uuid"])
            if item["klantcontact"] is not None:
                self.about.setdefault(item["klantcontact"]["uuid"], []).append(uid)
        else:
            item = {"uuid": uid, "url": self.href(collection, uid), **body}
        self.data[collection][uid] = item
        self.order[collection].append(uid)
        if collection == "klantcontacten" and item.get("referentienummer"):
            self.references[item["referentienummer"]] = uid
        parent = {
            "internetaken": "aanleidinggevendKlantcontact",
            "betrokkenen": "hadKlantcontact",
            "actorklantcontacten": "klantcontact",
        }.get(collection)
        if parent and isinstance(item.get(parent), dict):
            self.by_klantcontact[collection].setdefault(item[parent]["uuid"], []).append(uid)
        return 201, self._render(collection, item)

    def _maak_klantcontact(self, body: dict[str, Any]) -> tuple[int, dict]:
        """``POST /maak-klantcontact`` as Open Klant 2.18 answers it (checked by hand on the
        real server): klantcontact, optional betrokkene and onderwerpobject made together, all
        or nothing; a refused part is named inside its key ("klantcontact.referentienummer",
        "betrokkene.initiator"); the answer holds the three records (``null`` when absent).
        """
        parts = [("klantcontact", "klantcontacten"), ("betrokkene", "betrokkenen")]
        parts.append(("onderwerpobject", "onderwerpobjecten"))
        if not isinstance(body.get("klantcontact"), dict):
            return self._invalid("klantcontact", "required", "Dit veld is vereist.")
        made: dict[str, Any] = {}
        saved = (self.generation, len(self.references))
        for key, collection in parts:
            part = body.get(key)
            if part is None:
                made[key] = None
                continue
            part = dict(part)
            if key != "klantcontact":
                link = "hadKlantcontact" if key == "betrokkene" else "klantcontact"
                part[link] = {"uuid": made["klantcontact"]["uuid"]}
            status, answer = self._create(collection, part)
            if status >= 300:
                self._undo(made, saved)
                for param in answer.get("invalidParams", []):
                    param["name"] = f"{key}.{param['name']}"
                return status, answer
            made[key] = answer
        stored = self.data["klantcontacten"][made["klantcontact"]["uuid"]]
        made["klantcontact"] = self._render("klantcontacten", stored)  # with its betrokkene
        return 201, made

    def _undo(self, made: dict[str, Any], saved: tuple[int, int]) -> None:
        """Take back the parts of a refused ``/maak-klantcontact`` (newest first)."""
        for key, collection in (
            ("onderwerpobject", "onderwerpobjecten"),
            ("betrokkene", "betrokkenen"),
            ("klantcontact", "klantcontacten"),
        ):
            item = made.get(key)
            if not item:
                continue
            uid = item["uuid"]
            del self.data[collection][uid]
            self.order[collection].remove(uid)
            for index in self.by_klantcontact.get(collection, {}).values():
                if uid in index:
                    index.remove(uid)
            for about in self.about.values():
                if uid in about:
                    about.remove(uid)
            if collection == "klantcontacten" and item.get("referentienummer"):
                self.references.pop(item["referentienummer"], None)
        self.generation = saved[0]

    def _patch(self, collection: str, uid: str, body: dict[str, Any]) -> tuple[int, dict]:
        self.generation += 1
        item = self.data[collection].get(uid)
        if item is None:
            return self._problem(404, "not_found", "Niet gevonden.")
        body = {k: v for k, v in body.items() if k not in ("uuid", "url")}
        if collection == "internetaken":
            if "toegewezenAanActoren" in body:
                for n, a in enumerate(body["toegewezenAanActoren"]):
                    if not self._exists("actoren", a):
                        return self._invalid(
                            f"toegewezenAanActoren.{n}.uuid", "does_not_exist", "Bestaat niet."
                        )
                refs = [self.ref("actoren", a["uuid"]) for a in body["toegewezenAanActoren"]]
                body["toegewezenAanActoren"] = refs
                if refs:
                    body["toegewezenAanActor"] = refs[0]
            if body.get("status") == "verwerkt" and item["status"] != "verwerkt":
                body["afgehandeldOp"] = _now()
            elif body.get("status") == "te_verwerken":
                body["afgehandeldOp"] = None
        if collection == "klantcontacten" and "referentienummer" in body:
            ref = body["referentienummer"]
            if ref is not None and self.references.get(ref, uid) != uid:
                return self._invalid("referentienummer", "unique", "Bestaat al.")
            if ref is not None:
                self.references.pop(item.get("referentienummer") or "", None)
                self.references[ref] = uid
        item.update(body)
        return 200, self._render(collection, item)

    _FILTERS: ClassVar[dict[str, dict[str, Any]]] = {
        "klantcontacten": {"referentienummer": lambda i, v: i.get("referentienummer") == v},
        "onderwerpobjecten": {
            "wasKlantcontact__uuid": lambda i, v: (i.get("wasKlantcontact") or {}).get("uuid") == v,
            "klantcontact__uuid": lambda i, v: (i.get("klantcontact") or {}).get("uuid") == v,
        },
        "internetaken": {
            "status": lambda i, v: i["status"] == v,
            "toegewezenAanActor__uuid": lambda i, v: any(
                a["uuid"] == v for a in i["toegewezenAanActoren"]
            ),
            "aanleidinggevendKlantcontact__uuid": lambda i, v: (
                i["aanleidinggevendKlantcontact"]["uuid"] == v
            ),
        },
        "betrokkenen": {
            "hadKlantcontact__uuid": lambda i, v: i["hadKlantcontact"]["uuid"] == v,
        },
        "digitaleadressen": {
            "verstrektDoorBetrokkene__uuid": lambda i, v: (
                (i.get("verstrektDoorBetrokkene") or {}).get("uuid") == v
            ),
        },
        "actorklantcontacten": {
            "klantcontact__uuid": lambda i, v: i["klantcontact"]["uuid"] == v,
            "actor__uuid": lambda i, v: i["actor"]["uuid"] == v,
        },
        "actoren": {
            "actoridentificatorObjectId": lambda i, v: i["actoridentificator"]["objectId"] == v,
            "actoridentificatorCodeRegister": lambda i, v: (
                i["actoridentificator"]["codeRegister"] == v
            ),
            "actoridentificatorCodeObjecttype": lambda i, v: (
                i["actoridentificator"]["codeObjecttype"] == v
            ),
            "actoridentificatorCodeSoortObjectId": lambda i, v: (
                i["actoridentificator"]["codeSoortObjectId"] == v
            ),
            "soortActor": lambda i, v: i["soortActor"] == v,
        },
    }

    def _list(self, collection: str, query: dict[str, str]) -> tuple[int, dict]:
        try:
            page = int(query.get("page", "1"))
            size = int(query.get("pageSize", "100"))
        except ValueError:
            return self._invalid("page", "invalid", "Geen getal.")
        size = max(1, min(size, 500))
        filters = self._FILTERS.get(collection, {})
        key = (
            collection,
            tuple(
                sorted((k, v) for k, v in query.items() if k not in ("page", "pageSize", "expand"))
            ),
        )
        cached = self._list_cache.get(key)
        if cached is not None and cached[0] == self.generation:
            items = cached[1]
        else:
            if collection == "klantcontacten" and "referentienummer" in query:
                found = self.references.get(query["referentienummer"])
                items = [self.data[collection][found]] if found else []
            else:
                items = self.all(collection)
            for name, value in query.items():
                if name in filters:
                    items = [i for i in items if filters[name](i, value)]
            if collection == "klantcontacten" and "leiddeTotInterneTaken" in query:
                wanted = query["leiddeTotInterneTaken"] == "true"
                tasks = self.by_klantcontact["internetaken"]
                items = [i for i in items if bool(tasks.get(i["uuid"])) == wanted]
            self._list_cache[key] = (self.generation, items)
        total = len(items)
        start = (page - 1) * size
        if page < 1 or (start >= total and page != 1):
            return self._problem(404, "not_found", "Ongeldige pagina.")
        chosen = items[start : start + size]
        expand = [e for e in query.get("expand", "").split(",") if e]
        if collection == "klantcontacten":
            results = [self._expand_klantcontact(i, expand) for i in chosen]
        else:
            results = [self._render(collection, i) for i in chosen]

        def link(number: int) -> str:
            return f"{self.url}/{collection}?" + urlencode({**query, "page": str(number)})

        return 200, {
            "count": total,
            "next": link(page + 1) if start + size < total else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": results,
        }

    def handle(
        self, method: str, path: str, query: dict[str, str], body: Any
    ) -> tuple[int, dict | None]:
        """Route one request (already authenticated and spec-checked); returns status, body."""
        rest = path[len(BASE) :].strip("/").split("/")
        collection = rest[0]
        if rest == ["maak-klantcontact"] and method == "POST":
            with self.lock:
                return self._maak_klantcontact(body or {})
        if collection not in self.data:
            return self._problem(404, "not_found", "Niet gevonden.")
        with self.lock:
            if len(rest) == 1:
                if method == "GET":
                    return self._list(collection, query)
                if method == "POST":
                    return self._create(collection, body or {})
            elif len(rest) == 2:
                uid = rest[1]
                item = self.data[collection].get(uid)
                if method == "GET":
                    if item is None:
                        return self._problem(404, "not_found", "Niet gevonden.")
                    if collection == "klantcontacten":
                        expand = [e for e in query.get("expand", "").split(",") if e]
                        return 200, self._expand_klantcontact(item, expand)
                    return 200, self._render(collection, item)
                if method == "PATCH":
                    return self._patch(collection, uid, body or {})
                if method == "DELETE":
                    if item is None:
                        return self._problem(404, "not_found", "Niet gevonden.")
                    self.generation += 1
                    del self.data[collection][uid]
                    self.order[collection].remove(uid)
                    return 204, None
        return self._problem(405, "method_not_allowed", "Methode niet toegestaan.")


_PROBLEM_KEYS = {"type", "code", "title", "status", "detail", "instance"}


def _template_for(path: str) -> str | None:
    rest = path[len(BASE) :].split("/")
    if len(rest) == 2:
        return "/" + rest[1]
    if len(rest) == 3:
        return "/" + rest[1] + "/{uuid}"
    return None


class _Handler(BaseHTTPRequestHandler):
    owner: KlantinteractiesServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without NODELAY, Nagle and delayed ACKs add
        # 40 ms to every request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.owner.lock:
            self.owner.connections.add(self.connection)

    def finish(self) -> None:
        with self.owner.lock:
            self.owner.connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass  # the connection was cut by down()

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _send(self, status: int, body: bytes, content_type: str, headers=()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("API-version", "0.9.0")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, body: bytes, content_type: str) -> None:
        """A server that answers, but one byte at a time (never a read timeout)."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def _drop(self) -> None:
        """Close the connection without an answer (a lost response)."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _serve(self, method: str) -> None:
        server = self.owner
        faults = server.faults
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if len(raw) < length:
            # The client went away before its body arrived (a console killed mid-request): a
            # real server never handles such a request, so it is neither served nor judged.
            self.close_connection = True
            return
        with server.lock:
            server.counters.requests += 1
            roll = server.rng.random()
            kind = server.rng.choice(faults.fail_kinds) if faults.fail_kinds else "500"
            lose = server.rng.random() < faults.lose_rate
        if faults.delay:
            time.sleep(faults.delay)
        split = urlsplit(self.path)
        path = split.path
        if server.tamper is not None:
            query0 = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
            forged = server.tamper(method, path, query0)
            if forged is not None:
                status, body, content_type, headers = forged
                if status == -1:
                    self._drip(body, content_type)
                else:
                    self._send(status, body, content_type, headers)
                return
        if path.endswith("/") or not path.startswith(BASE):
            self._send(404, b"<html><body>Not Found</body></html>", "text/html")
            return
        if roll < faults.fail_rate:
            with server.lock:
                server.counters.failed += 1
            if kind == "timeout":
                time.sleep(faults.stall_seconds)
                self._drop()
            elif kind == "429":
                self._reply(
                    method,
                    path,
                    {},
                    raw,
                    429,
                    self._throttled(),
                    (("Retry-After", faults.retry_after),),
                )
            else:
                self._reply(method, path, {}, raw, 500, self._error500(), ())
            return
        query = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        auth = self.headers.get("Authorization", "")
        if auth != f"Token {TOKEN}":
            status, body = server._problem(401, "not_authenticated", "Ongeldige token.")
            self._reply(method, path, query, raw, status, body, ())
            return
        template = _template_for(path)
        allowed = server.allowed_params.get((template or "", method.lower()))
        if allowed is None:
            status, body = server._problem(404, "not_found", "Niet gevonden.")
            self._reply(method, path, query, raw, status, body, ())
            return
        unknown = sorted(set(query) - allowed)
        if unknown:
            status, body = server._problem(
                400,
                "invalid",
                "Onbekende parameters.",
                [("nonFieldErrors", "unknown-parameters", f"Onbekende: {', '.join(unknown)}")],
            )
            self._reply(method, path, query, raw, status, body, ())
            return
        request = self._openapi_request(method, split, raw)
        if server.openapi is not None:
            try:
                server.openapi.validate_request(request)
            except Exception as exc:
                server.violation(f"request {method} {path}: {exc!r} {_cause(exc)}")
                status, body = server._problem(
                    400,
                    "invalid",
                    "Ongeldig verzoek.",
                    [("nonFieldErrors", "invalid", str(exc)[:200])],
                )
                self._reply(method, path, query, raw, status, body, (), request=request)
                return
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            status, body = server._problem(400, "parse_error", "Geen geldige JSON.")
            self._reply(method, path, query, raw, status, body, ())
            return
        status, body = server.handle(method, path, query, payload)
        if lose and method != "GET" and status < 300:
            with server.lock:
                server.counters.lost += 1
            self._drop()  # committed, but the client never hears it
            return
        self._reply(method, path, query, raw, status, body, (), request=request)

    @staticmethod
    def _throttled() -> dict:
        return {
            "type": "http://127.0.0.1/ref/fouten/throttled/",
            "code": "throttled",
            "title": "Te veel verzoeken.",
            "status": 429,
            "detail": "Probeer het later opnieuw.",
            "instance": f"urn:uuid:{uuidlib.uuid4()}",
        }

    @staticmethod
    def _error500() -> dict:
        return {
            "type": "http://127.0.0.1/ref/fouten/server_error/",
            "code": "server_error",
            "title": "Er is een serverfout opgetreden.",
            "status": 500,
            "detail": "Er is een serverfout opgetreden.",
            "instance": f"urn:uuid:{uuidlib.uuid4()}",
        }

    def _openapi_request(self, method: str, split, raw: bytes):
        from openapi_core.testing import MockRequest

        return MockRequest(
            self.owner.root,
            method.lower(),
            split.path,
            args={k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()},
            headers={k: v for k, v in self.headers.items()},
            data=_validation_copy(raw) or None,
            content_type=self.headers.get("Content-Type", "application/json").split(";")[0],
        )

    def _reply(self, method, path, query, raw, status, body, headers, *, request=None) -> None:
        server = self.owner
        encoded = b"" if body is None else json.dumps(body).encode()
        content_type = "application/json" if status < 400 else "application/problem+json"
        if status >= 400:
            if not isinstance(body, dict) or not _PROBLEM_KEYS <= set(body):
                server.violation(f"response {status} {method} {path}: not problem+json")
            elif status == 400 and not body.get("invalidParams"):
                server.violation(f"response 400 {method} {path}: no invalidParams")
        elif server.openapi is not None and request is not None:
            from openapi_core.testing import MockResponse

            response = MockResponse(
                _validation_copy(encoded) or None,
                status_code=status,
                headers={"API-version": "0.9.0"},
                content_type=content_type,
            )
            try:
                server.openapi.validate_response(request, response)
            except Exception as exc:
                server.violation(f"response {status} {method} {path}: {exc!r} {_cause(exc)}")
        self._send(status, encoded, content_type, headers)


def _cause(exc: BaseException) -> str:
    details = []
    for attr in ("schema_errors", "errors"):
        for err in getattr(exc, attr, None) or []:
            details.append(str(getattr(err, "message", err))[:300])
    cause = exc.__cause__
    if cause is not None:
        details.append(_cause(cause) or repr(cause)[:300])
    return "; ".join(details)
