"""Settings → LoadOptions / SamplingOptions, with the GPU-layer choice resolved by the auto-fit."""

from __future__ import annotations

import copy
import shutil
from dataclasses import asdict, fields
from pathlib import Path

import pytest

from app.core.engine.options import SamplingOptions
from app.core.gemma3n_audio import write_audio_projector
from app.core.models.memory_estimate import GB, MB, MemoryFitError
from app.core.models.projector_file import find_audio_encoder_beside
from app.core.storage.settings import Settings
from app.core.storage.settings_rules import SettingsError
from app.core.load_plan import load_options_from_settings, needs_reload, plan_load, sampling_options_from_settings
from app.core.models.system_memory import MemoryStatus
from tests.core.gemma3n_audio.random_weights import random_audio_weights

CPU_ONLY = MemoryStatus(free_ram=16 * GB, gpu_offload=False, free_vram=None)
BIG_GPU = MemoryStatus(free_ram=16 * GB, gpu_offload=True, free_vram=80 * GB)


@pytest.fixture
def settings(gemma_model_path: Path) -> Settings:
    settings = Settings()
    settings.model.active_model = gemma_model_path
    return settings


def test_sampling_options_follow_generation_settings() -> None:
    settings = Settings()
    assert asdict(sampling_options_from_settings(settings)) == asdict(SamplingOptions())
    settings.generation.temperature, settings.generation.seed, settings.generation.max_tokens = 0.4, 7, 99
    options = sampling_options_from_settings(settings)
    assert (options.temperature, options.seed, options.max_tokens) == (0.4, 7, 99)


def test_load_options_carry_hardware_settings(settings: Settings) -> None:
    settings.hardware.kv_cache_type = "q8_0"
    settings.hardware.threads = 3
    settings.hardware.use_mmap = False
    settings.generation.context_size = 4096
    options = load_options_from_settings(settings, status=CPU_ONLY)
    assert options.model_path == settings.model.active_model
    assert (options.kv_cache_type, options.n_threads, options.use_mmap, options.n_ctx) == ("q8_0", 3, False, 4096)
    assert options.n_gpu_layers == 0


def test_no_model_chosen_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="No model is chosen"):
        plan_load(Settings(), status=CPU_ONLY)


@pytest.mark.parametrize(("choice", "status", "expected"), [
    ("auto", CPU_ONLY, 0),
    ("all", CPU_ONLY, 0),  # a CPU-only build ignores the choice
    ("none", BIG_GPU, 0),
    ("auto", BIG_GPU, 19),  # 18 blocks and the output head
    ("all", BIG_GPU, 19),
    (7, BIG_GPU, 7),
    (500, BIG_GPU, 19),
])
def test_gpu_layer_choice(settings: Settings, choice, status: MemoryStatus, expected: int) -> None:
    settings.hardware.gpu_layers = choice
    plan = plan_load(settings, status=status)
    assert plan.options.n_gpu_layers == expected
    assert plan.split.n_gpu_layers == expected
    assert plan.gpu_reason


def test_auto_offloads_part_of_the_model_into_a_small_gpu(settings: Settings) -> None:
    small = MemoryStatus(free_ram=16 * GB, gpu_offload=True, free_vram=850 * MB)
    plan = plan_load(settings, status=small)
    assert 0 < plan.options.n_gpu_layers < 19
    assert plan.split.vram_bytes + 512 * MB <= 850 * MB
    assert "layers on the GPU" in plan.gpu_reason


def test_a_model_that_does_not_fit_is_refused_with_numbers(settings: Settings) -> None:
    tiny = MemoryStatus(free_ram=300 * MB, gpu_offload=False, free_vram=None)
    with pytest.raises(MemoryFitError, match=r"needs ≈ \d+ MB of RAM .* only 300 MB is free"):
        plan_load(settings, status=tiny)
    settings.hardware.gpu_layers = "all"
    with pytest.raises(MemoryFitError, match="GPU memory for 19 layers"):
        plan_load(settings, status=MemoryStatus(free_ram=16 * GB, gpu_offload=True, free_vram=1 * GB))


@pytest.fixture(scope="module")
def encoder_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_audio_projector(tmp_path_factory.mktemp("encoder") / "encoder.gguf", random_audio_weights())


@pytest.fixture
def model_in_a_folder(settings: Settings, tmp_path: Path) -> Settings:
    model = tmp_path / "gemma-3-270m-it-Q4_K_M.gguf"
    model.symlink_to(settings.model.active_model)
    settings.model.active_model = model
    return settings


def test_audio_encoder_is_automatic_unless_chosen(
        model_in_a_folder: Settings, encoder_file: Path, tmp_path: Path) -> None:
    settings = model_in_a_folder
    assert load_options_from_settings(settings, status=CPU_ONLY).audio_encoder_path is None, "none beside the model"
    beside = Path(shutil.copyfile(encoder_file, tmp_path / "gemma-3-270m-it-audio-encoder-F16.gguf"))
    assert load_options_from_settings(settings, status=CPU_ONLY).audio_encoder_path == beside

    chosen = Path(shutil.copyfile(encoder_file, tmp_path.parent / "elsewhere-audio-encoder.gguf"))
    settings.model.audio_encoder = chosen
    assert load_options_from_settings(settings, status=CPU_ONLY).audio_encoder_path == chosen


def test_a_chosen_audio_encoder_that_is_gone_does_not_stop_the_load(
        model_in_a_folder: Settings, tmp_path: Path) -> None:
    gone = tmp_path / "gone-audio-encoder.gguf"
    model_in_a_folder.model.audio_encoder = gone
    plan = plan_load(model_in_a_folder, status=CPU_ONLY)
    assert plan.options.audio_encoder_path == gone, "the engine loads without it and says why"


def test_the_chosen_projector_is_not_taken_as_the_audio_encoder(
        model_in_a_folder: Settings, encoder_file: Path, tmp_path: Path) -> None:
    # An audio-only Gemma 3n projector chosen as the projector is not offered again.
    projector = Path(shutil.copyfile(encoder_file, tmp_path / "mmproj-audio.gguf"))
    model_in_a_folder.model.projector = projector
    assert find_audio_encoder_beside(model_in_a_folder.model.active_model) == projector
    options = load_options_from_settings(model_in_a_folder, status=CPU_ONLY)
    assert (options.projector_path, options.audio_encoder_path) == (projector, None)


def test_per_layer_embeddings_on_cpu_reaches_the_load_options(settings: Settings) -> None:
    assert load_options_from_settings(settings, status=CPU_ONLY).per_layer_embeddings_on_cpu is True
    settings.hardware.per_layer_embeddings_on_cpu = False
    assert load_options_from_settings(settings, status=CPU_ONLY).per_layer_embeddings_on_cpu is False


@pytest.mark.parametrize("mode", ["auto", "on", "off"])
def test_flash_attention_reaches_the_load_options(settings: Settings, mode: str) -> None:
    settings.hardware.flash_attention = mode
    plan = plan_load(settings, status=CPU_ONLY)
    assert plan.options.flash_attention == mode
    assert plan.estimate.flash_attention == mode


def _every_other_value(section: object) -> dict[str, object]:
    """A different value for each field of a settings section."""
    changed = {}
    for field in fields(section):
        value = getattr(section, field.name)
        if isinstance(value, bool):
            changed[field.name] = not value
        elif isinstance(value, (int, float)) and field.name != "gpu_layers":
            changed[field.name] = value + 1
        elif isinstance(value, str) and field.name not in ("gpu_layers", "kv_cache_type", "flash_attention"):
            changed[field.name] = value + " changed"
        elif field.name == "kv_cache_type":
            changed[field.name] = "q8_0"
        elif field.name == "flash_attention":
            changed[field.name] = "off"
        elif field.name == "gpu_layers":
            changed[field.name] = 3
        else:
            changed[field.name] = [Path("/elsewhere")] if isinstance(value, list) else Path("/elsewhere.gguf")
    return changed


def test_what_needs_a_reload_is_exactly_what_the_plan_reads(settings: Settings) -> None:
    """needs_reload has no list of its own: a field changes the plan if and only if it needs a reload."""
    base = plan_load(settings, status=BIG_GPU).options
    for section_name in ("model", "hardware", "generation", "speech", "appearance", "local_server"):
        for name, value in _every_other_value(getattr(settings, section_name)).items():
            changed = copy.deepcopy(settings)
            setattr(getattr(changed, section_name), name, value)
            if (section_name, name) == ("model", "active_model"):
                continue  # another model: a reload by any measure (and /elsewhere.gguf cannot be planned)
            try:
                planned = plan_load(changed, status=BIG_GPU).options
            except Exception:  # noqa: BLE001 - a projector path that is not there: the plan did read it
                planned = None
            reads_it = planned != base
            assert needs_reload(settings, changed) == reads_it, f"{section_name}.{name}"
