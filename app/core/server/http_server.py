"""uvicorn around the ASGI app, on a socket we bind ourselves: port 0 then tells its real port,
and the socket listens from the moment it exists, so clients can connect before uvicorn is up."""

from __future__ import annotations

import threading

import uvicorn
from starlette.types import ASGIApp

from app.core.server.listening_socket import listen
from app.core.server.security import ServerSettings

GRACEFUL_SHUTDOWN_S = 5


class HttpServer:
    def __init__(self, app: ASGIApp, settings: ServerSettings, log_level: str = "info") -> None:
        self.settings = settings
        config = uvicorn.Config(
            app, lifespan="off", log_level=log_level, timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S, http="h11"
        )
        self.server = uvicorn.Server(config)
        self.socket = listen(settings.host, settings.port)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.socket.getsockname()[1]

    @property
    def url(self) -> str:
        host = self.socket.getsockname()[0]
        return f"http://{f'[{host}]' if ':' in host else host}:{self.port}"

    def run(self) -> None:
        """Serve until stopped (Ctrl-C in the main thread, or `stop()`)."""
        self.server.run(sockets=[self.socket])

    def start_in_thread(self) -> None:
        self._thread = threading.Thread(target=self.run, name="http-server", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self.socket.close()

