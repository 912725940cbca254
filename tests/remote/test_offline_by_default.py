"""Offline by default, provably: the window and a chat open no network socket and look up no name.

An audit hook (PEP 578) sees every socket the Python process creates, binds or connects, and
every getaddrinfo, whoever calls it. Audit hooks cannot be removed, so the hook records only
while a test holds the watch."""

from __future__ import annotations

import contextlib
import socket
import sys

from PySide6.QtCore import Qt

from app.core.remote.open_engine import open_engine
from app.core.remote.server_address import RemoteError, RemoteServer
from tests.remote.conftest import free_port
from tests.ui.conftest import make_window, no_leaked_engine_threads, wait_for_answer  # noqa: F401

_NETWORK_FAMILIES = (socket.AF_INET, socket.AF_INET6)
_recording: list | None = None


def _audit(event: str, args: tuple) -> None:
    if _recording is None:
        return
    if event in ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto"):
        _recording.append((event, args[1:] if event != "socket.getaddrinfo" else args))
    elif event == "socket.__new__" and args[1] in _NETWORK_FAMILIES:
        _recording.append((event, args[1:]))


sys.addaudithook(_audit)


@contextlib.contextmanager
def watching_sockets():
    global _recording
    _recording = []
    try:
        yield _recording
    finally:
        _recording = None


def test_the_window_and_a_chat_open_no_socket(qtbot, make_window):
    with watching_sockets() as seen:
        window = make_window()
        window.composer.editor.setPlainText("Say hello.")
        with wait_for_answer(qtbot, window) as blocker:
            qtbot.keyClick(window.composer.editor, Qt.Key_Return)
        assert blocker.args[0].text
        window.close()
    assert seen == []


def test_the_watch_does_see_a_remote_engine_connect():
    """The control: the same watch records the connection a chosen remote backend makes."""
    url = f"http://127.0.0.1:{free_port()}"
    with watching_sockets() as seen:
        try:
            open_engine(RemoteServer.from_user(url))
        except RemoteError:
            pass  # nothing listens there; the attempt is what counts
    assert any(event == "socket.connect" for event, _ in seen)
