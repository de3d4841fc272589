"""TLS: the token never goes to a server whose certificate is not trusted.

A real HTTPS server on a free loopback port with a self-signed certificate (made by openssl
for this run). The Klantinteracties client refuses the handshake, so no request (and no
``Authorization`` header) ever reaches the server, and the user is told in Dutch that the
certificate is not trusted. The same server trusted through ``ca_file`` does receive the
request, which shows the refusal is the certificate check and not a broken server.
(``test_klantinteracties_tls.py`` covers the municipality's own CA; this one the token.)
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from integrations.klantinteracties.client import KlantinteractiesClient, RetryPolicy
from integrations.klantinteracties.errors import CERTIFICATE_MESSAGE, CertificateRefused

TOKEN = "3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a"


@pytest.fixture
def untrusted_https_server(tmp_path: Path):
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers))
            body = b'{"count": 0, "next": null, "previous": null, "results": []}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, name="test-https", daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert, seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


async def _no_wait(_seconds: float) -> None:
    return None


def _get(base_url: str, ca_file: Path | None = None):
    async def go():
        client = KlantinteractiesClient(
            base_url=base_url,
            token=TOKEN,
            retry=RetryPolicy(attempts=2),
            sleep=_no_wait,
            ca_file=str(ca_file) if ca_file else None,
        )
        try:
            return await client.request("GET", "/klantcontacten")
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_an_untrusted_certificate_is_refused_and_the_token_is_never_sent(
    untrusted_https_server,
):
    url, _cert, seen = untrusted_https_server
    with pytest.raises(CertificateRefused) as refused:
        _get(url)
    assert refused.value.user_message == CERTIFICATE_MESSAGE
    assert seen == []  # no request, so no Authorization header, reached the server


def test_the_same_server_trusted_explicitly_gets_the_request(untrusted_https_server):
    url, cert, seen = untrusted_https_server
    assert _get(url, ca_file=cert)["count"] == 0
    assert [headers.get("Authorization") for headers in seen] == [f"Token {TOKEN}"]
