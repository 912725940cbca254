"""From the saved settings to what the engine loads with: options, memory estimate, GPU layers;
and which settings a load depends on."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.models.containment import known_memory_facts
from app.core.models.gguf_file import open_gguf
from app.core.models.memory_estimate import MemoryEstimate, MemorySplit, check_fits, estimate_memory, read_memory_facts
from app.core.models.projector_file import companions_for
from app.core.storage.settings import HardwareSettings, Settings
from app.core.storage.settings_rules import SettingsError
from app.core.models.system_memory import NO_GPU_BACKEND, MemoryStatus, auto_gpu_layers, read_memory_status

if TYPE_CHECKING:
    from app.core.remote.server_address import RemoteServer


@dataclass(frozen=True)
class LoadPlan:
    """What will be loaded, where it goes, and why that many layers are on the GPU."""

    options: LoadOptions
    estimate: MemoryEstimate  # its facts also name the model (the window's label): one reading
    split: MemorySplit
    gpu_reason: str


def sampling_options_from_settings(settings: Settings) -> SamplingOptions:
    generation = settings.generation
    return SamplingOptions(
        temperature=generation.temperature,
        top_k=generation.top_k,
        top_p=generation.top_p,
        min_p=generation.min_p,
        repeat_penalty=generation.repeat_penalty,
        max_tokens=generation.max_tokens,
        seed=generation.seed,
    )


@dataclass(frozen=True)
class LoadInputs:
    """Every setting a model load is made with. plan_load reads the settings only through this, so
    "does this change need a reload?" is `load_inputs(old) != load_inputs(new)`, with no second list."""

    model: Path | None
    projector: Path | None
    audio_encoder: Path | None
    context_size: int
    hardware: HardwareSettings  # the whole section: every hardware setting is a loading setting
    server: tuple[str, str] | None = None  # (url, model) when answers come from a server


def runs_on_server(settings: Settings) -> bool:
    return settings.model.run_on == "server"


def load_inputs(settings: Settings) -> LoadInputs:
    model = settings.model
    if runs_on_server(settings):  # the local files, context and hardware do not apply to a server
        return LoadInputs(None, None, None, 0, HardwareSettings(), (model.server_url, model.server_model))
    return LoadInputs(model.active_model, model.projector, model.audio_encoder,
                      settings.generation.context_size, replace(settings.hardware))


def needs_reload(old: Settings, new: Settings) -> bool:
    return load_inputs(old) != load_inputs(new)


def plan_load(
    settings: Settings,
    *,
    status: MemoryStatus | None = None,
    read_status: Callable[[int], MemoryStatus] = read_memory_status,
) -> LoadPlan:
    """Resolve the GPU-layer choice and check the model fits.

    Raises SettingsError (no model chosen), ModelFileError (the file is unusable) or
    MemoryFitError (it does not fit, with the numbers). A chosen audio encoder that is missing or
    damaged does not stop the load: the engine loads without it and says why it cannot hear.
    """
    inputs = load_inputs(settings)
    if inputs.model is None:
        raise SettingsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "No model is chosen: pick one under Settings → Model.",
            ))
    hardware = inputs.hardware
    companions = companions_for(inputs.model, projector=inputs.projector, audio_encoder=inputs.audio_encoder)
    # A model that passed the file checks before is not read again: its header is 40-80 ms of
    # Python on Gemma's vocabulary, spent on the GUI thread before llama.cpp can start.
    facts = known_memory_facts(inputs.model) or read_memory_facts(inputs.model, open_gguf(inputs.model))
    estimate = estimate_memory(
        inputs.model,
        n_ctx=inputs.context_size,
        kv_cache_type=hardware.kv_cache_type,
        flash_attention=hardware.flash_attention,
        projector_path=companions.projector,
        facts=facts,
    )
    status = status or read_status(hardware.main_gpu)
    n_gpu_layers, reason = _resolve_gpu_layers(hardware.gpu_layers, estimate, status)
    split = check_fits(estimate, n_gpu_layers, free_ram=status.free_ram, free_vram=status.free_vram)
    options = LoadOptions(
        model_path=inputs.model,
        projector_path=companions.projector,
        audio_encoder_path=companions.audio_encoder,
        n_ctx=inputs.context_size,
        n_gpu_layers=n_gpu_layers,
        main_gpu=hardware.main_gpu,
        flash_attention=hardware.flash_attention,
        kv_cache_type=hardware.kv_cache_type,
        use_mmap=hardware.use_mmap,
        use_mlock=hardware.use_mlock,
        per_layer_embeddings_on_cpu=hardware.per_layer_embeddings_on_cpu,
        audio_encoder_device=hardware.audio_encoder_device,
    )
    if hardware.threads:
        options = options.with_changes(n_threads=hardware.threads)
    return LoadPlan(options=options, estimate=estimate, split=split, gpu_reason=reason)


def plan_target(
    settings: Settings,
    *,
    api_key: str | None = None,
    read_status: Callable[[int], MemoryStatus] = read_memory_status,
) -> "LoadOptions | RemoteServer":
    """What the engine thread opens for these settings: the server Run on names (with the key typed
    this session), else the planned local load's options. Raises what plan_load raises, or
    RemoteError for a server address that cannot be right."""
    if runs_on_server(settings):
        from app.core.remote.open_engine import server_from_settings

        return server_from_settings(settings.model, api_key)
    return plan_load(settings, read_status=read_status).options


def load_options_from_settings(settings: Settings, *, status: MemoryStatus | None = None) -> LoadOptions:
    return plan_load(settings, status=status).options


def _resolve_gpu_layers(choice: str | int, estimate: MemoryEstimate, status: MemoryStatus,
                        translate: Callable[[str], str] = lambda text: text) -> tuple[int, str]:
    total = estimate.max_gpu_layers
    if choice == "none":
        return 0, translate(QT_TRANSLATE_NOOP("GpuLayers", "GPU layers: none (everything on the CPU)."))
    if not status.gpu_offload:
        return 0, translate(NO_GPU_BACKEND)
    if choice == "auto":
        auto = auto_gpu_layers(estimate, status, translate=translate)
        return auto.n_gpu_layers, auto.reason
    if choice == "all":
        return total, translate(QT_TRANSLATE_NOOP("GpuLayers", "All {total} layers on the GPU.")).format(total=total)
    count = min(int(choice), total)
    return count, translate(QT_TRANSLATE_NOOP("GpuLayers", "{count} of {total} layers on the GPU.")).format(
        count=count, total=total)
