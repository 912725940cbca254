"""Build the PyInstaller bundle and run `gemma-desk --self-test` from it (slow: minutes)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.packaging.test_self_test import summary_line
from tests.projector_factory import write_gemma3_projector

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 1800

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed: `.venv/bin/pip install pyinstaller` (or run "
        "packaging/build_bundle.sh once) to build and check the bundle",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/gemma-desk built by packaging/build_bundle.sh into a temporary folder."""
    folder = tmp_path_factory.mktemp("bundle")
    started = time.perf_counter()
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build_bundle.sh"),
         "--distpath", str(folder / "dist"), "--workpath", str(folder / "work")],
        capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
        env={**_environment(), "SKIP_SELF_TEST": "1"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    bundle = folder / "dist" / "gemma-desk"
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file() and not path.is_symlink())
    print(f"\nbundle built in {time.perf_counter() - started:.0f} s, {size / 2**20:.0f} MiB")
    yield bundle
    shutil.rmtree(folder, ignore_errors=True)  # ~500 MB; pytest would keep three of them


def _environment() -> dict[str, str]:
    return dict(os.environ)


def run_bundle(bundle: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bundle / "gemma-desk"), *args], capture_output=True, text=True, timeout=600, env=_environment()
    )


def test_bundle_holds_llama_cpp_libmtmd_qt_plugins_and_resources(bundle: Path):
    internal = bundle / "_internal"
    for library in ("libllama.so", "libmtmd.so", "libggml.so.0", "libggml-base.so.0", "libggml-cpu.so.0"):
        assert (internal / "llama_cpp" / "lib" / library).exists(), library
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/libqwayland.so",
                   "iconengines/libqsvgicon.so", "imageformats/libqsvg.so", "imageformats/libqjpeg.so"):
        assert (plugins / plugin).exists(), plugin
    assert (internal / "resources" / "io.github.gemma_desk.GemmaDesk.desktop").is_file()
    assert not (internal / "torch").exists(), "torch was bundled: check UNUSED_MODULES in the spec"


def test_bundle_self_test_runs_the_bundled_demo_model_offline(bundle: Path, isolated_user_dirs: Path):
    result = run_bundle(bundle, "--self-test")

    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    print(out)
    assert summary_line(out, "gemma-desk").endswith("(bundle)")
    assert summary_line(out, "icon") == "ok"
    # No --model: the demo GGUF was assembled from the chunks inside the bundle, into this
    # test's own data folder.
    assert summary_line(out, "model").startswith(str(isolated_user_dirs / "data"))
    assert summary_line(out, "model").endswith("gemma-3-270m-q4_k_m.gguf")
    assert "16 tokens" in summary_line(out, "text turn")
    assert summary_line(out, "prompt").endswith("BOS count 1")
    assert out.rstrip().splitlines()[-1].startswith("self-test passed")


def test_bundle_self_test_runs_an_image_turn_through_the_bundled_libmtmd(
    bundle: Path, gemma_model_path: Path, tmp_path: Path
):
    projector = write_gemma3_projector(tmp_path / "mmproj-tiny-gemma3.gguf")

    result = run_bundle(bundle, "--self-test", "--model", str(gemma_model_path), "--mmproj", str(projector))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "16 image tokens" in summary_line(result.stdout.split("image turn:")[1], "prompt")
