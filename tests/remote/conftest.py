"""Real servers no one here wrote (llama-cpp-python's `llama_cpp.server`) and Gemma Desk's own
`serve`, on 127.0.0.1 with a free port, as the remote engine's other side."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import hearing_server, model_options, serving, text_server, vision_server  # noqa: F401

START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 15


@dataclass
class ExternalServer:
    url: str
    process: subprocess.Popen
    model_id: str
    log_path: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def llama_cpp_python_server(model: Path, log_path: Path, api_key: str | None = None):
    """`python -m llama_cpp.server` on the model, until the block ends (then stopped, bounded)."""
    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
        "--port", str(port), "--n_ctx", "1024", "--n_threads", "1", "--verbose", "False",
    ]
    if api_key:
        command += ["--api_key", api_key]
    env = {**os.environ, "NO_PROXY": "*"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_listening(url, process, log_path, api_key)
            yield ExternalServer(url, process, str(model), log_path)
        finally:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_TIMEOUT_S)


def _wait_until_listening(url: str, process: subprocess.Popen, log_path: Path, api_key: str | None) -> None:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"llama_cpp.server exited ({process.returncode}):\n{log_path.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/v1/models", headers=headers, timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)  # polling a child process's port: there is no signal to wait on
    raise AssertionError(f"llama_cpp.server did not listen within {START_TIMEOUT_S} s")


@pytest.fixture(scope="module")
def llama_server(gemma_model_path, tmp_path_factory):
    with llama_cpp_python_server(gemma_model_path, tmp_path_factory.mktemp("llama") / "server.log") as server:
        yield server
