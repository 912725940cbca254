"""What each setting may hold: one rule per field, checked when the file is read and when the
Settings dialog or the command line sets a value."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from app.core.engine.options import FLASH_ATTENTION_MODES, KV_CACHE_TYPES
from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP

GPU_LAYER_WORDS = ("auto", "all", "none")
THEMES = ("light", "dark", "system")
UI_LANGUAGES = ("system", "en", "zh_CN", "de")  # "system" follows the locale; the rest name a catalog
SPEECH_TASKS = ("transcribe", "translate")
AUDIO_ENCODER_DEVICES = ("auto", "cpu", "gpu")  # where Gemma 3n's audio encoder runs (gemma3n_audio.choice)
RUN_ON = ("local", "server")  # where answers come from: this computer's llama.cpp, or a server
MAX_SEED = 2**32 - 1


class SettingsError(UserError, ValueError):
    """A setting has a value it cannot take; the message names the setting and the value."""


def _number(low: float, high: float, *, integer: bool = False) -> Callable[[str, Any], Any]:
    def check(label: str, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must be a number, got {value!r}",
                ),
                label=label, value=value,
            )
        if integer and not float(value).is_integer():
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must be a whole number, got {value}",
                ),
                label=label, value=value,
            )
        if not low <= value <= high:
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must be between {low} and {high}, got {value}",
                ),
                label=label, low=_plain(low), high=_plain(high), value=_plain(value),
            )
        return int(value) if integer else float(value)
    return check


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choice(options: tuple[str, ...]) -> Callable[[str, Any], Any]:
    def check(label: str, value: Any) -> Any:
        if value not in options:
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must be one of {options}, got {value!r}",
                ),
                label=label, options=', '.join(options), value=value,
            )
        return value
    return check


def _flag(label: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{label} must be true or false, got {value!r}",
            ),
            label=label, value=value,
        )
    return value


def _flash_attention(label: str, value: Any) -> str:
    # Files from before the choice held a checkbox: true was the user's choice, false only the
    # old default, which now means leaving it to llama.cpp.
    if value is True:
        return "on"
    if value is False:
        return "auto"
    return _choice(FLASH_ATTENTION_MODES)(label, value)


def _text(limit: int, *, optional: bool = False, non_empty: bool = False) -> Callable[[str, Any], Any]:
    def check(label: str, value: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must be text, got {value!r}",
                ),
                label=label, value=value,
            )
        if non_empty and not value.strip():
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must not be empty",
                ),
                label=label,
            )
        if len(value) > limit:
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label} must be at most {limit:,} characters, got {value:,}",
                ),
                label=label, limit=limit, value=len(value),
            )
        return value
    return check


def _server_url(label: str, value: Any) -> str:
    """"" (no server yet) or an http(s) address; stored as typed, checked by the remote wing."""
    from app.core.remote.server_address import RemoteError, normalize_base_url

    value = _text(2000)(label, value).strip()
    if value:
        try:
            normalize_base_url(value)
        except RemoteError as error:
            raise SettingsError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{label}: {error}",
                ),
                label=label, error=error,
            ) from None
    return value


def _optional_path(label: str, value: Any) -> Path | None:
    if value is None or value == "":
        return None
    if not isinstance(value, (str, Path)):
        raise SettingsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{label} must be a file path, got {value!r}",
            ),
            label=label, value=value,
        )
    return Path(value)


def _folder_list(label: str, value: Any) -> list[Path]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, (str, Path)) for item in value):
        raise SettingsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{label} must be a list of folder paths, got {value!r}",
            ),
            label=label, value=value,
        )
    return [Path(item) for item in value]


def _gpu_layers(label: str, value: Any) -> str | int:
    if isinstance(value, str) and value in GPU_LAYER_WORDS:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 999:
        return value
    raise SettingsError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{label} must be auto, all, none or a number of layers from 0 to 999, got "
            "{value!r}",
        ),
        label=label, value=value,
    )


def _seed(label: str, value: Any) -> int | None:
    if value is None:
        return None
    return _number(0, MAX_SEED, integer=True)(label, value)


_RULES: dict[tuple[str, str], Callable[[str, Any], Any]] = {
    ("model", "active_model"): _optional_path,
    ("model", "projector"): _optional_path,
    ("model", "audio_encoder"): _optional_path,
    ("model", "extra_model_folders"): _folder_list,
    ("model", "run_on"): _choice(RUN_ON),
    ("model", "server_url"): _server_url,
    ("model", "server_model"): _text(500),
    ("hardware", "gpu_layers"): _gpu_layers,
    ("hardware", "main_gpu"): _number(0, 15, integer=True),
    ("hardware", "flash_attention"): _flash_attention,
    ("hardware", "kv_cache_type"): _choice(KV_CACHE_TYPES),
    ("hardware", "per_layer_embeddings_on_cpu"): _flag,
    ("hardware", "threads"): _number(0, 512, integer=True),
    ("hardware", "use_mmap"): _flag,
    ("hardware", "use_mlock"): _flag,
    ("hardware", "audio_encoder_device"): _choice(AUDIO_ENCODER_DEVICES),
    ("generation", "temperature"): _number(0, 2),
    ("generation", "top_k"): _number(0, 1000, integer=True),
    ("generation", "top_p"): _number(0, 1),
    ("generation", "min_p"): _number(0, 1),
    ("generation", "repeat_penalty"): _number(0.5, 2),
    ("generation", "max_tokens"): _number(1, 131072, integer=True),
    ("generation", "context_size"): _number(512, 131072, integer=True),
    ("generation", "seed"): _seed,
    ("generation", "system_prompt"): _text(50_000),
    ("speech", "input_device"): _text(500, optional=True),
    ("speech", "default_task"): _choice(SPEECH_TASKS),
    ("speech", "target_language"): _text(100, non_empty=True),
    ("speech", "silence_threshold_db"): _number(-100, 0),
    ("appearance", "theme"): _choice(THEMES),
    ("appearance", "font_size"): _number(6, 48, integer=True),
    ("appearance", "language"): _choice(UI_LANGUAGES),
    ("appearance", "prompts_in_ui_language"): _flag,
    ("local_server", "host"): _text(255, non_empty=True),
    ("local_server", "port"): _number(0, 65535, integer=True),
    ("local_server", "start_on_launch"): _flag,
}


def check_value(section: str, name: str, value: Any) -> Any:
    """`value` for a setting the schema knows, as stored; SettingsError when it cannot take it."""
    return _RULES[(section, name)](f"{section}.{name}", value)


def validate_value(section: str, name: str, value: Any) -> Any:
    """The value as the schema stores it, or SettingsError with a message for the user."""
    if (section, name) not in _RULES:
        raise SettingsError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "There is no setting {section}.{name}.",
            ),
            section=section, name=name,
        )
    return check_value(section, name, value)
