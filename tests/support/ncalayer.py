"""A local stand-in for NCALayer: a WebSocket server over TLS (self-signed certificate) on a
random port that greets like NCALayer and answers ``kz.gov.pki.knca.basics`` ``sign`` with a
CMS made with a test key, as the real one does after the user picked a key."""

import asyncio
import base64
import json
import ssl
import threading
from datetime import UTC, datetime, timedelta
from ipaddress import ip_address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from websockets.asyncio.server import serve

from app.eds import issuing


def _tls_context(folder: Path) -> ssl.SSLContext:
    key = issuing.new_key("ec")
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "ncalayer.pem", folder / "ncalayer-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


class NcaLayerStandIn:
    """Serves on ``url`` until ``stop()``; ``requests`` holds every request it received."""

    def __init__(self, signer: issuing.Issued, chain: list[x509.Certificate], folder: Path):
        self.signer, self.chain = signer, chain
        self.requests: list[dict] = []
        self._context = _tls_context(folder)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ncalayer", daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        return f"wss://127.0.0.1:{self.port}"

    async def _handle(self, socket) -> None:
        await socket.send(json.dumps({"result": {"version": "1.4"}}))
        async for text in socket:
            request = json.loads(text)
            self.requests.append(request)
            args = request.get("args", {})
            if request.get("module") != "kz.gov.pki.knca.basics" or request.get("method") != "sign":
                await socket.send(json.dumps({"status": False, "code": "UNKNOWN_METHOD"}))
                continue
            params = args.get("signingParams", {})
            data = base64.b64decode(args["data"]) if params.get("decode") else args["data"].encode()
            cms = issuing.sign_cms(data, self.signer, chain=self.chain)
            reply = {"status": True, "body": {"result": [base64.b64encode(cms).decode()]}}
            await socket.send(json.dumps(reply))

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def main():
            async with serve(self._handle, "127.0.0.1", 0, ssl=self._context) as server:
                self.port = server.sockets[0].getsockname()[1]
                self._stopping = asyncio.Event()
                self._ready.set()
                await self._stopping.wait()

        self._loop.run_until_complete(main())

    def start(self) -> "NcaLayerStandIn":
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the NCALayer stand-in did not start")
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(timeout=10)
        self._loop.close()
