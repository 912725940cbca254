"""A server that cannot listen says why in one sentence of the user's words, not the OS's, and
proposes a port that really is free."""

from __future__ import annotations

import errno
import re
import socket

import pytest

from app.cli import main
from app.core.errors import UserError
from app.core.server.http_server import HttpServer
from app.core.server.security import ServerSettings


async def no_app(scope, receive, send) -> None:
    raise AssertionError("never served")


def listen_problem(host: str, port: int, api_key: str | None = None) -> str:
    with pytest.raises(UserError) as refused:
        HttpServer(no_app, ServerSettings.create(host, port, api_key)).socket.close()
    return str(refused.value)


def proposed_port(problem: str) -> int:
    return int(re.search(r"for example (\d+)", problem)[1])


def assert_free(host: str, port: int) -> None:
    socket.create_server((host, port)).close()


def test_a_port_in_use_is_named_with_a_free_one_to_try_instead():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        problem = listen_problem("127.0.0.1", port)
        free = proposed_port(problem)
        assert problem == (f"Port {port} on 127.0.0.1 is in use by another program. "
                           f"Choose another port (for example {free}) or stop that program.")
        assert free != port
        assert_free("127.0.0.1", free)


def test_an_address_this_computer_does_not_have_is_named():
    for host in ("10.255.255.1", "no-such-host.invalid"):
        assert listen_problem(host, 8080, api_key="secret") == (
            f"{host} is not an address of this computer. Use 127.0.0.1 (this computer only) "
            "or 0.0.0.0 (every network it is on)."), host


def test_a_port_below_1024_without_rights_proposes_one_from_1024_up(monkeypatch):
    real_create_server = socket.create_server

    def unprivileged(address, *args, **kwargs):  # the tests run as root; a user's account cannot
        if address[1] < 1024:
            raise PermissionError(errno.EACCES, "Permission denied (while attempting to bind on address …)")
        return real_create_server(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_server", unprivileged)
    problem = listen_problem("127.0.0.1", 80)
    free = proposed_port(problem)
    assert problem == (f"Port 80 needs administrator rights on this computer. "
                       f"Choose a port from 1024 up (for example {free}).")
    assert free >= 1024
    assert_free("127.0.0.1", free)


def test_serve_command_says_the_port_is_in_use(gemma_model_path, capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code = main(["serve", "--model", str(gemma_model_path), "--port", str(port)])
    assert code == 2
    error = capsys.readouterr().err
    assert f"Port {port} on 127.0.0.1 is in use by another program." in error
    assert "while attempting" not in error
