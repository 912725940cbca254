"""The headless commands on the real engine."""

import json
import subprocess
import sys

import pytest
from PIL import Image

from app.cli import build_parser, main, window_options_only
from tests.gguf_factory import write_tiny_gguf
from tests.projector_factory import GEMMA3NV_IMAGE_TOKENS, write_gemma3nv_projector


def test_prompt_json_shows_one_bos_and_the_exact_prompt(gemma_model_path, capsys):
    assert main(["prompt", "--model", str(gemma_model_path), "--json", "--system", "Be brief", "<bos>Hi"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["bos_count"] == 1 and report["token_ids"][0] == 2
    assert report["prompt"] == (
        "<bos><start_of_turn>user\nBe brief\n\n<bos>Hi<end_of_turn>\n<start_of_turn>model\n"
    )


def test_prompt_with_history(gemma_model_path, tmp_path, capsys):
    history = tmp_path / "turns.json"
    history.write_text(json.dumps([{"role": "user", "text": "One"}, {"role": "assistant", "text": "Two"}]))
    assert main(["prompt", "--model", str(gemma_model_path), "--json", "--history", str(history), "Three"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["prompt"].count("<start_of_turn>") == 4
    assert report["bos_count"] == 1


def test_prompt_show_tokens_with_an_image(gemma_model_path, tmp_path, capsys):
    projector = write_gemma3nv_projector(tmp_path / "mmproj.gguf")
    image = tmp_path / "dot.png"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(image)
    code = main(
        ["prompt", "--model", str(gemma_model_path), "--mmproj", str(projector), "--image", str(image),
         "--show-tokens", "What is it?"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "BOS (id 2) count: 1" in out
    assert f"image {GEMMA3NV_IMAGE_TOKENS} tokens" in out


def test_chat_streams_an_answer(gemma_model_path, capsys):
    assert main(["chat", "--model", str(gemma_model_path), "--max-tokens", "8", "--temperature", "0", "Hello"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip()
    assert "tok/s" in captured.err


def test_bad_files_are_clear_errors(tmp_path, capsys):
    text = tmp_path / "notes.gguf"
    text.write_text("hello")
    for path, expected in [
        (tmp_path / "missing.gguf", "does not exist"),
        (text, "not a GGUF file"),
        (write_tiny_gguf(tmp_path / "other.gguf", "llama"), "'llama' model"),
    ]:
        assert main(["chat", "--model", str(path), "Hi"]) == 2
        assert expected in capsys.readouterr().err


def test_module_entry_point_runs(gemma_model_path):
    result = subprocess.run(
        [sys.executable, "-m", "app", "prompt", "--model", str(gemma_model_path), "--show-tokens", "Hi"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "BOS (id 2) count: 1" in result.stdout


@pytest.mark.parametrize("arguments", [[], ["--model", "m.gguf"], ["--model", "chat", "--mmproj", "p.gguf"], ["--self-test"]])
def test_the_windows_own_options_are_read_alike_without_the_subcommands(arguments):
    assert window_options_only(arguments)
    assert build_parser(with_commands=False).parse_args(arguments) == build_parser().parse_args(arguments)


@pytest.mark.parametrize("arguments", [["chat", "Hi"], ["--model", "m.gguf", "models", "list"], ["--help"], ["typo"]])
def test_a_subcommand_help_or_stray_word_gets_the_whole_command_line(arguments):
    assert not window_options_only(arguments)


def test_opening_the_window_imports_none_of_the_subcommands():
    """The hub, server and speech modules behind `models`, `serve` and `transcribe` took a fifth
    of a second before the window's first model load could start."""
    probe = ("import sys; import app.ui.application as ui; ui.run_application = lambda args: 0; "
             "from app.cli import main; main(['--model', 'm.gguf']); "
             "print(' '.join(name for name in ('app.cli.models', 'app.cli.serve', 'app.cli.transcribe') if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
