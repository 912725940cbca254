"""`gemma-desk --self-test` from the source tree, on the real Gemma 3 270M file and llama.cpp."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from tests.projector_factory import write_gemma3_projector


def self_test(*args: str) -> subprocess.CompletedProcess:
    # A subprocess: the self-test owns its QApplication and exit status, as it does for users.
    return subprocess.run(
        [sys.executable, "-m", "app", "--self-test", *args], capture_output=True, text=True, timeout=600
    )


def summary_line(output: str, key: str) -> str:
    """The value of `key: value` in the self-test summary (the first such line)."""
    prefix = f"{key}:"
    lines = (line.strip() for line in output.splitlines())
    return next(line[len(prefix):].strip() for line in lines if line.startswith(prefix))


def test_self_test_runs_a_greedy_text_turn_and_reports_it(gemma_model_path: Path):
    result = self_test("--model", str(gemma_model_path))

    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert summary_line(out, "gemma-desk").endswith("(source)")
    assert summary_line(out, "llama-cpp-python") == "0.3.36"
    assert summary_line(out, "icon") == "ok"
    assert summary_line(out, "model") == str(gemma_model_path)
    assert summary_line(out, "model file").startswith("Gemma 3, Q4_K_M")
    assert "16 tokens" in summary_line(out, "text turn")
    assert "stop: max_tokens" in summary_line(out, "text turn")
    assert summary_line(out, "prompt").endswith("BOS count 1")
    assert summary_line(out, "image turn") == "skipped (no --mmproj given)"
    assert out.rstrip().splitlines()[-1].startswith("self-test passed")


def test_self_test_runs_an_image_turn_through_the_projector(gemma_model_path: Path, tmp_path: Path):
    projector = write_gemma3_projector(tmp_path / "mmproj-tiny-gemma3.gguf")

    result = self_test("--model", str(gemma_model_path), "--mmproj", str(projector))

    assert result.returncode == 0, result.stdout + result.stderr
    image_lines = result.stdout.split("image turn:")[1]
    assert "tokens/s" in image_lines.splitlines()[0]
    prompt = summary_line(image_lines, "prompt")
    assert "16 image tokens" in prompt and prompt.endswith("BOS count 1")


def test_self_test_fails_clearly_on_a_model_that_is_not_there(tmp_path: Path):
    missing = tmp_path / "gemma-3n-E2B-it-Q4_K_M.gguf"

    result = self_test("--model", str(missing))

    assert result.returncode == 1
    assert f"self-test FAILED: the model did not load: {missing} does not exist." in result.stdout
    assert "self-test failed" in result.stderr


def test_self_test_without_any_model_says_how_to_get_one(qapp, monkeypatch: pytest.MonkeyPatch, capsys):
    from app.cli import self_test as module

    monkeypatch.setattr("app.core.models.demo.demo_model_path", lambda: None)

    status = module.run_self_test(argparse.Namespace(model=None, mmproj=None))

    assert status == 2
    assert "self-test FAILED: no model to test: pass --model PATH" in capsys.readouterr().out
