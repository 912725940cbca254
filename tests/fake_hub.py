"""A Hugging Face Hub stand-in on 127.0.0.1 for download tests (point HF_ENDPOINT at `url`).

It answers the two requests our downloads make — `POST /api/models/<repo>/paths-info/<rev>`
and `GET`/`HEAD /<repo>/resolve/<rev>/<file>` (with `Range`, open or closed) — for files held in memory, and
can misbehave on purpose: drop the connection part-way, fail requests, or serve bytes that do
not match the published checksum.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class HostedFile:
    content: bytes
    served: bytes | None = None  # what GET returns, when it should differ (a corrupted copy)
    cut_after: int | None = None  # close the connection after this many body bytes, once
    fail_gets: int = 0  # answer this many GETs with 503 first
    lfs: bool = True
    ignore_range: bool = False  # answer every GET with the whole file, as some proxies do

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def git_blob_id(self) -> str:
        return hashlib.sha1(f"blob {len(self.content)}\0".encode() + self.content).hexdigest()


@dataclass
class RequestLog:
    method: str
    path: str
    range: str | None
    authorization: str | None


@dataclass
class FakeHub:
    files: dict[tuple[str, str], HostedFile] = field(default_factory=dict)
    requests: list[RequestLog] = field(default_factory=list)
    gated: set[str] = field(default_factory=set)
    body_bytes_sent: int = 0
    bytes_by_file: dict[str, int] = field(default_factory=dict)
    url: str = ""
    in_flight: int = 0
    _idle: threading.Condition = field(default_factory=threading.Condition, repr=False)

    @contextmanager
    def serving(self):
        with self._idle:
            self.in_flight += 1
        try:
            yield
        finally:
            with self._idle:
                self.in_flight -= 1
                self._idle.notify_all()

    def wait_until_idle(self, timeout: float = 30.0) -> bool:
        """A client that hung up leaves the server writing for a moment: counts settle after this."""
        with self._idle:
            return self._idle.wait_for(lambda: self.in_flight == 0, timeout)

    def add(self, repo_id: str, filename: str, content: bytes, **behaviour) -> HostedFile:
        hosted = HostedFile(content, **behaviour)
        self.files[(repo_id, filename)] = hosted
        return hosted

    def gets(self) -> list[RequestLog]:
        """The file fetches; not huggingface_hub's own once-a-day GET of /api/agent-harnesses."""
        return [entry for entry in self.requests if entry.method == "GET" and "/resolve/" in entry.path]

    def body_bytes_of(self, filename: str) -> int:
        return self.bytes_by_file.get(filename, 0)


_RESOLVE = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")
_PATHS_INFO = re.compile(r"^/api/models/(?P<repo>[^/]+/[^/]+)/paths-info/(?P<rev>[^/]+)$")


def start_fake_hub() -> tuple[FakeHub, ThreadingHTTPServer, threading.Thread]:
    hub = FakeHub()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _log(self) -> None:
            hub.requests.append(RequestLog(self.command, unquote(self.path), self.headers.get("Range"),
                                           self.headers.get("Authorization")))

        def do_POST(self) -> None:
            self._log()
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length).decode()
            match = _PATHS_INFO.match(unquote(self.path.split("?")[0]))
            if not match:
                return self._error(404, "RepoNotFound")
            repo = match["repo"]
            if repo in hub.gated and "Authorization" not in self.headers:
                return self._error(401, "GatedRepo")
            if not any(key[0] == repo for key in hub.files):
                return self._error(404, "RepoNotFound")
            wanted = parse_qs(body).get("paths", [])
            entries = []
            for path in wanted:
                hosted = hub.files.get((repo, path))
                if hosted is None:
                    continue
                entry = {"type": "file", "path": path, "size": len(hosted.content), "oid": hosted.git_blob_id}
                if hosted.lfs:
                    entry["lfs"] = {"oid": hosted.sha256, "size": len(hosted.content), "pointerSize": 134}
                entries.append(entry)
            self._json(200, entries)

        def do_HEAD(self) -> None:
            self._resolve(send_body=False)

        def do_GET(self) -> None:
            with hub.serving():
                self._resolve(send_body=True)

        def _resolve(self, send_body: bool) -> None:
            self._log()
            match = _RESOLVE.match(unquote(self.path.split("?")[0]))
            hosted = hub.files.get((match["repo"], match["file"])) if match else None
            if hosted is None:
                return self._error(404, "EntryNotFound")
            if send_body and hosted.fail_gets > 0:
                hosted.fail_gets -= 1
                return self._error(503, None)
            data = hosted.served if hosted.served is not None else hosted.content
            start, stop = 0, None
            requested = None if hosted.ignore_range else self.headers.get("Range")
            if requested:
                bounds = re.match(r"bytes=(\d+)-(\d*)", requested)
                start = int(bounds.group(1))
                stop = min(len(data), int(bounds.group(2)) + 1) if bounds.group(2) else None
            body = data[start:stop]  # an open end keeps a throttled body (tests/ui/settings_support.py) lazy
            stop = len(data) if stop is None else stop
            self.send_response(206 if requested else 200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", f'"{hosted.sha256}"')
            self.send_header("X-Repo-Commit", COMMIT)
            if requested:
                self.send_header("Content-Range", f"bytes {start}-{stop - 1}/{len(data)}")
            self.end_headers()
            if not send_body:
                return
            limit = len(body)
            if hosted.cut_after is not None:
                limit = max(0, hosted.cut_after - start)
                hosted.cut_after = None
            for offset in range(0, limit, 64 * 1024):
                piece = body[offset:min(offset + 64 * 1024, limit)]
                self.wfile.write(piece)
                hub.body_bytes_sent += len(piece)
                hub.bytes_by_file[match["file"]] = hub.bytes_by_file.get(match["file"], 0) + len(piece)
            if limit < len(body):
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)

        def _json(self, status: int, payload: object) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Repo-Commit", COMMIT)
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, code: str | None) -> None:
            data = json.dumps({"error": code or "error"}).encode()
            self.send_response(status)
            if code:
                self.send_header("X-Error-Code", code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    hub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fake-hub", daemon=True)
    thread.start()
    return hub, server, thread
