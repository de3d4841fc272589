"""TLS against the municipality's own certificate authority: trusted when configured, and a
clear message (not "niet bereikbaar") when it is not."""

from __future__ import annotations

import asyncio
import ssl
import subprocess

import pytest

from integrations.klantinteracties.client import KlantinteractiesClient
from integrations.klantinteracties.errors import CERTIFICATE_MESSAGE, CertificateRefused
from tests.klantinteracties_server import TOKEN, KlantinteractiesServer

pytestmark = pytest.mark.klantinteracties


def make_ca_and_server_cert(folder):
    """A private CA and a certificate for 127.0.0.1 signed by it (openssl, as IT would)."""

    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Gemeente West Betuwe test CA",
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    )
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n", encoding="utf-8")
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    )
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


def test_the_municipalitys_own_ca_is_trusted_when_configured(tmp_path):
    ca, cert, key = make_ca_and_server_cert(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = KlantinteractiesServer(seed=2, validate=False, tls=context).start()

    async def scenario():
        trusted = KlantinteractiesClient(base_url=server.root, token=TOKEN, ca_file=str(ca))
        system = KlantinteractiesClient(base_url=server.root, token=TOKEN)
        try:
            listed = await trusted.request("GET", "/actoren")
            with pytest.raises(CertificateRefused) as refused:
                await system.request("GET", "/actoren")
            return listed, refused.value
        finally:
            await trusted.aclose()
            await system.aclose()

    try:
        listed, refused = asyncio.run(scenario())
    finally:
        server.stop()
    assert listed["results"] == []
    assert refused.message == CERTIFICATE_MESSAGE and "niet bereikbaar" not in refused.message
    assert not server.violations
