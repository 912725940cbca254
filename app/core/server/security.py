"""Who may talk to the server: loopback by default, a key for anything wider, checked every time.

The key is held only as its SHA-256 digest and compared in constant time; it is never logged."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError
from app.core.server.api_errors import ApiError
from app.core.server.defaults import DEFAULT_HOST, DEFAULT_PORT


class ServerSettingsError(UserError):
    """The server was asked to listen in a way that is not allowed."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


@dataclass(frozen=True)
class ServerSettings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    api_key_digest: bytes | None = field(default=None, repr=False)

    @classmethod
    def create(cls, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, api_key: str | None = None) -> "ServerSettings":
        if api_key is not None and not api_key.strip():
            raise ServerSettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The API key is empty; give a real key or none.",
                ))
        if not is_loopback(host) and api_key is None:
            raise ServerSettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Listening on {host} would let other computers use the model: set an API "
                    "key, or keep the default host 127.0.0.1.",
                ),
                host=host,
            )
        if not 0 <= port <= 65535:
            raise ServerSettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Port {port} is not a TCP port (0–65535).",
                ),
                port=port,
            )
        return cls(host=host, port=port, api_key_digest=None if api_key is None else _digest(api_key))

    def accepts(self, authorization: str | None) -> bool:
        if self.api_key_digest is None:
            return True
        scheme, _, presented = (authorization or "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(_digest(presented.strip()), self.api_key_digest)


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


class RequestGate:
    """Every HTTP request passes here first.

    - With a key set: `Authorization: Bearer <key>` must match (401).
    - On loopback, the Host header must name this machine (403): a web page that rebinds its own
      domain name to 127.0.0.1 cannot reach the model through the user's browser.
    - Without a key, a request from a web page of another origin is refused (403): browsers send
      simple cross-site POSTs (forms, text/plain) without asking first, and a loopback server
      without a key has nothing else to tell them from the user's own tools."""

    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = self._refusal(Headers(scope=scope))
            if refusal is not None:
                await refusal.response()(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, headers: Headers) -> ApiError | None:
        authorization = headers.get("authorization")
        if not self.settings.accepts(authorization):
            message = "Missing API key." if authorization is None else "Incorrect API key."
            return ApiError(401, message + " Send it as 'Authorization: Bearer <key>'.", code="invalid_api_key")
        if is_loopback(self.settings.host) and not is_loopback(_host_name(headers.get("host", ""))):
            return ApiError(403, "This server only answers requests addressed to this computer (Host: 127.0.0.1 or localhost).")
        origin = headers.get("origin")
        if self.settings.api_key_digest is None and origin is not None and not is_loopback(_host_name(urlsplit(origin).netloc)):
            return ApiError(403, f"Requests from web pages of {origin} are refused; set an API key to allow other clients.")
        return None


def _host_name(netloc: str) -> str:
    """'127.0.0.1:8080' → '127.0.0.1', '[::1]:80' → '::1'."""
    if netloc.startswith("["):
        return netloc[1 : netloc.find("]")] if "]" in netloc else netloc
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc
