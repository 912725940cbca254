"""hardware.per_layer_embeddings_on_cpu takes effect (issue 12 #7): Gemma 3n's per-layer
embedding table goes to llama.cpp's plain CPU buffer type through tensor_buft_overrides."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.engine.loading import PER_LAYER_TABLE_PATTERN, tensor_overrides
from app.core.engine.native_params import cpu_buffer_type
from app.core.engine.options import LoadOptions
from tests.model_factory_gemma3n import cached_random_gemma3n

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tiny_gemma3n_path(request: pytest.FixtureRequest, gemma_model_path: Path) -> Path:
    folder = Path(request.config.cache.mkdir("models"))
    return cached_random_gemma3n(folder, preset="tiny", vocab_from=gemma_model_path)


def test_the_setting_builds_a_null_terminated_override_to_the_cpu(tmp_path):
    overrides = tensor_overrides(LoadOptions(model_path=tmp_path / "m.gguf", per_layer_embeddings_on_cpu=True))
    array = overrides.as_native()
    assert len(array) == 2
    assert array[0].pattern == PER_LAYER_TABLE_PATTERN.encode()
    assert array[0].buft == cpu_buffer_type() and array[0].buft
    assert array[1].pattern is None and array[1].buft is None
    assert not tensor_overrides(LoadOptions(model_path=tmp_path / "m.gguf", per_layer_embeddings_on_cpu=False))


def probe(model: Path, setting: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.per_layer_probe", str(model), setting],
        cwd=REPOSITORY, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_gemma3n_loads_with_its_per_layer_table_overridden_and_answers(tiny_gemma3n_path):
    on = probe(tiny_gemma3n_path, "on")
    assert any("per_layer_token_embd.weight" in line and "CPU" in line for line in on["overridden"]), on
    assert on["answer_tokens"] == 3
    off = probe(tiny_gemma3n_path, "off")
    assert off["overridden"] == [] and off["answer_tokens"] == 3
