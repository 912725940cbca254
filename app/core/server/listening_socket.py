"""The server's listening socket, and why it could not be opened in the user's words.

The OS says "Address already in use (while attempting to bind on address ('127.0.0.1', 8080))";
the user needs to know what to change, and which port to try instead: one that was free a moment
ago, checked by binding it."""

from __future__ import annotations

import errno
import os
import socket

from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.server.defaults import DEFAULT_PORT

FIRST_UNPRIVILEGED_PORT = 1024
NEARBY_PORTS = 20  # tried upward from the refused one before asking the OS for any free port


class ListenError(UserError):
    """The server cannot listen at the address and port the user chose."""


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or ListenError with the sentence for the user."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        raise _not_here(host) from None
    try:
        return socket.create_server(address, family=family)
    except OSError as error:
        raise _refusal(error, host, port, family, address) from None


def _refusal(error: OSError, host: str, port: int, family: int, address: tuple) -> ListenError:
    if error.errno == errno.EADDRNOTAVAIL:
        return _not_here(host)
    if error.errno == errno.EADDRINUSE:
        free = _free_port(family, address, port + 1)
        if free is not None:
            return ListenError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Port {port} on {host} is in use by another program. Choose another port "
                    "(for example {free}) or stop that program.",
                ),
                port=port, host=host, free=free,
            )
    if error.errno in (errno.EACCES, errno.EPERM) and port < FIRST_UNPRIVILEGED_PORT:
        free = _free_port(family, address, DEFAULT_PORT)
        if free is not None:
            return ListenError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Port {port} needs administrator rights on this computer. Choose a port from "
                    "1024 up (for example {free}).",
                ),
                port=port, free=free,
            )
    return ListenError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "Could not listen on {host}:{port}: {reason}.",
        ),
        host=host, port=port, reason=os.strerror(error.errno) if error.errno else error,
    )


def _not_here(host: str) -> ListenError:
    return ListenError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{host} is not an address of this computer. Use 127.0.0.1 (this computer only) or "
            "0.0.0.0 (every network it is on).",
        ),
        host=host,
    )


def _free_port(family: int, address: tuple, first: int) -> int | None:
    """A port that could be bound just now at the same address: from `first` up, else any."""
    for candidate in [*range(first, min(first + NEARBY_PORTS, 65536)), 0]:
        try:
            with socket.create_server((address[0], candidate, *address[2:]), family=family) as probe:
                return probe.getsockname()[1]
        except OSError:
            continue
    return None
