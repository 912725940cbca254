"""`gemma-desk serve` as a user runs it: a separate process, a free port, Ctrl-C to stop."""

import re
import signal
import subprocess
import sys

import openai
import pytest

SERVE_TIMEOUT_S = 120


import pytest


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_command_answers_the_openai_client_and_stops_cleanly(gemma_model_path, tmp_path, stop_signal):
    command = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())",
               "serve", "--model", str(gemma_model_path), "--port", "0", "--ctx", "1024", "--log-level", "warning"]
    env = {"PYTHONPATH": ".", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "GEMMA_DESK_API_KEY": "sk-local"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    try:
        banner = process.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/v1 \(API key required\)", banner)
        assert match, banner
        assert "sk-local" not in banner
        # The socket listens at once; while the model loads the server says 503 and the official
        # client backs off and retries, as it would against any OpenAI-compatible server.
        client = openai.OpenAI(base_url=match[1] + "/v1", api_key="sk-local", max_retries=20, timeout=60)
        answer = client.chat.completions.create(
            model="g", messages=[{"role": "user", "content": "Hi"}], max_tokens=2, temperature=0)
        assert answer.usage.completion_tokens <= 2 and answer.choices[0].message.role == "assistant"
        client.close()
        process.send_signal(stop_signal)
        assert process.wait(SERVE_TIMEOUT_S) == 0
        assert "sk-local" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
