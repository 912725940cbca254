"""`gemma-desk models …` on the real library code, the shipped catalog and a loopback hub."""

from __future__ import annotations

import argparse
import io
import json
import os
from pathlib import Path

import pytest

from app.core import paths

from app.cli import models as models_cli
from app.core.models.catalog import load_catalog
from app.core.models.memory_estimate import GB
from app.core.models.system_memory import MemoryStatus
from app.cli.models import add_models_command, run_models_command
from app.core.storage.settings import Settings, save_settings
from tests.fake_hub import start_fake_hub
from tests.model_factory import write_synthetic_model


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="gemma-desk")
    add_models_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = run_models_command(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def installed(gemma_model_path: Path) -> Path:
    folder = paths.models_folder() / "gemma-3-270m"
    folder.mkdir(parents=True)
    (folder / gemma_model_path.name).symlink_to(gemma_model_path)
    return folder / gemma_model_path.name


def test_list_json(installed: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    write_synthetic_model(extra / "gemma-3n-E4B-it-Q4_K_M.gguf", block_count=35)
    (extra / "bad.gguf").write_text("no")
    settings = Settings()
    settings.model.extra_model_folders = [extra]
    save_settings(settings)

    code, out, err = run("models", "list", "--json")

    assert code == 0 and err == ""
    data = json.loads(out)
    assert [model["label"] for model in data["models"]] == ["Gemma 3 270M · Q4_K_M", "Gemma 3n E4B · Q4_K_M"]
    first = data["models"][0]
    assert first["path"] == str(installed) and first["capabilities"] == ["text"]
    assert first["context_length"] == 32768 and first["size_bytes"] == installed.stat().st_size
    assert data["broken"][0]["path"].endswith("bad.gguf")
    assert str(extra) in data["folders"]


def test_list_text(installed: Path) -> None:
    code, out, _ = run("models", "list")
    assert code == 0
    assert "Gemma 3 270M · Q4_K_M" in out and str(installed) in out and "text only" in out


def test_list_when_nothing_is_installed() -> None:
    code, out, _ = run("models", "list")
    assert code == 0 and "No models installed" in out


def test_catalog_json_suggests_something_that_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_cli, "read_memory_status",
                        lambda: MemoryStatus(free_ram=8 * GB, gpu_offload=False, free_vram=None))
    code, out, _ = run("models", "catalog", "--json", "--needs", "image", "--max-gb", "6")
    assert code == 0
    data = json.loads(out)
    assert data["models"] and all("image" in model["capabilities"] for model in data["models"])
    suggested = next(model for model in data["models"] if model["id"] == data["suggested"])
    assert suggested["size"] == "E4B"  # 8 GB is enough for the larger model at Q4
    catalog = load_catalog()
    chosen = catalog.get(data["suggested"])
    assert chosen.ram_estimate(8192, chosen.projector_for(("image",))) <= 8 * GB
    assert chosen.download_bytes(chosen.projector_for(("image",))) <= 6 * GB


def test_catalog_text_marks_the_suggestion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_cli, "read_memory_status",
                        lambda: MemoryStatus(free_ram=5 * GB, gpu_offload=False, free_vram=None))
    code, out, _ = run("models", "catalog")
    assert code == 0
    assert out.startswith("This machine: 5.0 GB RAM free · CPU only")
    assert out.count("→ ") == 1 and "Suggested: " in out
    assert "gemma-desk models download unsloth/gemma-3n-E2B-it-GGUF gemma-3n-E2B-it-Q4_K_M.gguf" in out


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch):
    hub, server, thread = start_fake_hub()
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    yield hub
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_download_with_a_terminal_progress_bar(hub) -> None:
    content = os.urandom(2 * 1024 * 1024 + 7)
    hub.add("unsloth/gemma-3n-E2B-it-GGUF", "gemma-3n-E2B-it-Q4_K_M.gguf", content)

    code, out, err = run("models", "download", "unsloth/gemma-3n-E2B-it-GGUF", "gemma-3n-E2B-it-Q4_K_M.gguf",
                         "--token", "hf_x")

    assert code == 0
    path = Path(out.strip())
    assert path == paths.models_folder() / "unsloth__gemma-3n-E2B-it-GGUF" / "gemma-3n-E2B-it-Q4_K_M.gguf"
    assert path.read_bytes() == content
    assert "\r" in err and "100%" in err and "done" in err and "gemma-3n-E2B-it-Q4_K_M.gguf [" in err


def test_download_with_the_catalog_projector(hub) -> None:
    hub.add("ggml-org/gemma-4-E2B-it-GGUF", "gemma-4-E2B-it-Q4_0.gguf", b"model" * 1000)
    hub.add("ggml-org/gemma-4-E2B-it-GGUF", "mmproj-gemma-4-E2B-it-Q8_0.gguf", b"projector" * 100)
    code, out, _ = run("models", "download", "ggml-org/gemma-4-E2B-it-GGUF", "gemma-4-E2B-it-Q4_0.gguf",
                       "--with-projector")
    assert code == 0
    assert [Path(line).name for line in out.split()] == ["gemma-4-E2B-it-Q4_0.gguf", "mmproj-gemma-4-E2B-it-Q8_0.gguf"]


def test_download_failure_is_a_message_and_exit_code(hub) -> None:
    hub.add("unsloth/gemma-3n-E2B-it-GGUF", "gemma-3n-E2B-it-Q4_K_M.gguf", b"x" * 100)
    code, out, err = run("models", "download", "unsloth/gemma-3n-E2B-it-GGUF", "missing.gguf")
    assert code == 1 and out == ""
    assert "gemma-desk: error: missing.gguf is not in unsloth/gemma-3n-E2B-it-GGUF" in err


def test_audio_encoder_is_cut_from_googles_checkpoint_beside_the_model(hub, tmp_path: Path) -> None:
    from tests.fake_checkpoint import build_checkpoint

    build_checkpoint().host(hub, "google/gemma-3n-E2B-it")
    hub.gated.add("google/gemma-3n-E2B-it")
    model = write_synthetic_model(tmp_path / "gemma-3n-E2B-it-Q4_K_M.gguf")

    code, out, err = run("models", "audio-encoder", str(model))
    assert code == 1 and "google/gemma-3n-E2B-it is gated" in err and out == ""

    code, out, err = run("models", "audio-encoder", str(model), "--token", "hf_x")
    assert code == 0, err
    assert Path(out.strip()) == tmp_path / "gemma-3n-E2B-it-audio-encoder-F16.gguf"
    assert "53/53 tensors" in err and "done" in err


def test_audio_encoder_refuses_a_model_that_is_not_gemma3n(gemma_model_path: Path, tmp_path: Path) -> None:
    code, out, err = run("models", "audio-encoder", str(gemma_model_path))
    assert code == 1 and "is not a Gemma 3n E2B/E4B model" in err
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 10)
    code, out, err = run("models", "audio-encoder", str(broken))
    assert code == 1 and "broken.gguf" in err


def test_models_alone_lists_the_installed_models(installed: Path) -> None:
    assert run("models") == run("models", "list")
    code, out, _ = run("models")
    assert code == 0 and installed.name in out
