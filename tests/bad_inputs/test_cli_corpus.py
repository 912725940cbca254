"""Every bad input through the command line, in a subprocess: a non-zero exit with one line on
stderr, never a traceback, never a death by signal, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bad_inputs.cases import CASES, Case
from tests.bad_inputs.conftest import record

REPO_ROOT = Path(__file__).resolve().parents[2]
CLI_TIMEOUT_S = 180


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    """One cache folder for the module's commands: the good model is probed once, not per case."""
    return tmp_path_factory.mktemp("cli-cache")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_on_the_command_line(case: Case, gemma_model_path, tmp_path, shared_cache, isolated_user_dirs) -> None:
    built = case.build(tmp_path, gemma_model_path)
    environment = {**os.environ, "XDG_CACHE_HOME": str(shared_cache), "GGML_NO_BACKTRACE": "1"}
    try:
        result = subprocess.run([sys.executable, "-m", "app", *built.cli_args], cwd=REPO_ROOT, env=environment,
                                capture_output=True, text=True, timeout=CLI_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        record("cli", crashed=True, traceback=False)
        pytest.fail(f"{case.name}: the command hung for {CLI_TIMEOUT_S} s")
    crashed = result.returncode < 0
    traceback = "Traceback" in result.stderr
    record("cli", crashed=crashed, traceback=traceback)
    assert not crashed, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"
    assert not traceback, result.stderr
    if case.cli_fails:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.returncode != 0
        assert len(lines) == 1 and lines[0].startswith("gemma-desk: error: "), result.stderr


def test_self_test_with_a_projector_that_kills_llama_cpp(gemma_model_path, tmp_path, shared_cache) -> None:
    from tests.bad_inputs.gguf_edit import edit_small_gguf
    from tests.projector_factory import write_gemma3nv_projector

    good = write_gemma3nv_projector(tmp_path / "good.gguf")
    stemless = edit_small_gguf(good, tmp_path / "mmproj-stemless.gguf", drop_tensors=("v.conv_stem.conv.weight",))
    environment = {**os.environ, "XDG_CACHE_HOME": str(shared_cache), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "app", "--self-test", "--model", str(gemma_model_path), "--mmproj", str(stemless)],
        cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=CLI_TIMEOUT_S, stdin=subprocess.DEVNULL)
    record("cli", crashed=result.returncode < 0, traceback="Traceback" in result.stderr)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("gemma-desk:")]
    assert len(failures) == 1 and "llama.cpp stopped while loading mmproj-stemless.gguf" in failures[0]
