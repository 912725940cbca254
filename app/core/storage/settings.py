"""The one typed settings schema, saved as JSON under the platform's config folder.

Loading never fails: a file that cannot be read or parsed, or a value out of range, gives the
defaults for the bad parts and a warning the window can show. Keys this version does not know
(written by a newer version, or by hand) are kept and written back unchanged.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core import paths
from app.core.engine.options import SamplingOptions
from app.core.errors import UserError
from app.core.server.defaults import DEFAULT_HOST, DEFAULT_PORT
from app.core.storage.settings_rules import SettingsError, check_value

SETTINGS_FILE_NAME = "settings.json"
STALE_TEMPORARY_S = 60.0  # a save takes milliseconds; an older temporary file is a killed save's


class SettingsWarning(UserError):
    """A settings file, or a value in it, that could not be used; the defaults stand in."""


class SettingsSaveError(UserError, OSError):
    """The settings file could not be written; the previous file is left as it was."""


@dataclass
class ModelSettings:
    active_model: Path | None = None
    projector: Path | None = None
    # Gemma 3n only: the GGUF with its audio encoder (libmtmd skips it); None = look beside the model.
    audio_encoder: Path | None = None
    extra_model_folders: list[Path] = field(default_factory=list)
    run_on: str = "local"
    # An OpenAI-compatible server (used when run_on is "server"). Its API key is never saved here:
    # it lives in memory for the session, or in $GEMMA_DESK_SERVER_KEY.
    server_url: str = ""
    server_model: str = ""  # "" = the first model the server lists


@dataclass
class HardwareSettings:
    gpu_layers: str | int = "auto"  # "auto" | "all" | "none" | a number of layers
    main_gpu: int = 0
    flash_attention: str = "auto"  # "auto" (llama.cpp decides), "on", "off"
    kv_cache_type: str = "f16"
    per_layer_embeddings_on_cpu: bool = True
    threads: int = 0  # 0 = as many as the machine has
    use_mmap: bool = True
    use_mlock: bool = False
    audio_encoder_device: str = "auto"  # Gemma 3n's audio encoder: "auto" (follows the model), "cpu", "gpu"


_GEMMA_SAMPLING = SamplingOptions()  # the one place the Gemma team's defaults are written down


@dataclass
class GenerationSettings:
    temperature: float = _GEMMA_SAMPLING.temperature
    top_k: int = _GEMMA_SAMPLING.top_k
    top_p: float = _GEMMA_SAMPLING.top_p
    min_p: float = _GEMMA_SAMPLING.min_p
    repeat_penalty: float = _GEMMA_SAMPLING.repeat_penalty
    max_tokens: int = _GEMMA_SAMPLING.max_tokens
    context_size: int = 8192
    seed: int | None = None  # None = a new random seed for every answer
    system_prompt: str = ""

    def reset_to_gemma_defaults(self) -> None:
        """Put the sampling values back to the Gemma team's; length, seed and prompt stay."""
        defaults = GenerationSettings()
        for name in ("temperature", "top_k", "top_p", "min_p", "repeat_penalty"):
            setattr(self, name, getattr(defaults, name))


@dataclass
class SpeechSettings:
    input_device: str | None = None  # None = the system's default microphone
    default_task: str = "transcribe"
    target_language: str = "English"
    silence_threshold_db: float = -40.0


@dataclass
class AppearanceSettings:
    theme: str = "system"
    font_size: int = 11
    language: str = "system"  # applies at the next start
    prompts_in_ui_language: bool = False  # task presets reach the model in English unless set


@dataclass
class LocalServerSettings:
    """Server ▸ Local server: where it last served. Its API key is never saved."""
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT  # 0 = any free port
    start_on_launch: bool = False  # opening a port is the user's explicit choice, as in LM Studio


@dataclass
class Settings:
    model: ModelSettings = field(default_factory=ModelSettings)
    hardware: HardwareSettings = field(default_factory=HardwareSettings)
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    appearance: AppearanceSettings = field(default_factory=AppearanceSettings)
    local_server: LocalServerSettings = field(default_factory=LocalServerSettings)
    # Everything read from the file, unknown keys included, so saving writes them back.
    preserved: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def problems(self) -> list[str]:
        """Every invalid value, as a sentence; empty when the settings can be saved."""
        found = []
        if self.model.run_on == "server" and not self.model.server_url.strip():
            found.append("model.run_on is server, but model.server_url is empty: give the server's address")
        for section_name, section in _sections(self):
            for item in fields(section):
                try:
                    check_value(section_name, item.name, getattr(section, item.name))
                except SettingsError as error:
                    found.append(str(error))
        return found


def _sections(settings: Settings) -> list[tuple[str, Any]]:
    return [(name, getattr(settings, name)) for name in ("model", "hardware", "generation", "speech", "appearance", "local_server")]


def default_settings_path() -> Path:
    return paths.config_folder() / SETTINGS_FILE_NAME


# --- loading and saving -----------------------------------------------------------------------

def load_settings(path: Path | None = None) -> tuple[Settings, list[SettingsWarning]]:
    """Read the settings file; never raises. Returns the settings and warnings for the user (their
    `str` is the English sentence)."""
    path = Path(path) if path is not None else default_settings_path()
    settings = Settings()
    remove_stale_temporaries(path.parent)
    if not path.exists():
        return settings, []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return settings, [SettingsWarning(QT_TRANSLATE_NOOP("UserError", "Could not read {path}: {reason}. Using the defaults."),
                                          path=path, reason=getattr(error, "strerror", None) or error)]
    except json.JSONDecodeError as error:
        return settings, [SettingsWarning(
            QT_TRANSLATE_NOOP("UserError", "{file} is not valid JSON ({problem}, line {line}). Using the defaults."),
            file=path.name, problem=error.msg, line=error.lineno)]
    except RecursionError:
        return settings, [SettingsWarning(
            QT_TRANSLATE_NOOP("UserError", "{file} is nested too deeply to be a settings file. Using the defaults."),
            file=path.name)]
    if not isinstance(raw, dict):
        return settings, [SettingsWarning(
            QT_TRANSLATE_NOOP("UserError", "{file} does not hold a settings object. Using the defaults."), file=path.name)]
    warnings: list[SettingsWarning] = []
    settings.preserved = raw
    for section_name, section in _sections(settings):
        stored = raw.get(section_name, {})
        if not isinstance(stored, dict):
            warnings.append(SettingsWarning(
                QT_TRANSLATE_NOOP("UserError", "{file}: {section} must be an object; using the defaults for it."),
                file=path.name, section=section_name))
            continue
        for item in fields(section):
            if item.name not in stored:
                continue
            try:
                setattr(section, item.name, check_value(section_name, item.name, stored[item.name]))
            except SettingsError as error:
                default = getattr(section, item.name)
                warnings.append(SettingsWarning(QT_TRANSLATE_NOOP("UserError", "{file}: {problem}; using {value}."),
                                                file=path.name, problem=error, value=_shown(default)))
    return settings, warnings


def remove_stale_temporaries(folder: Path, older_than_s: float = STALE_TEMPORARY_S) -> int:
    """Delete the `.settings-*.tmp` files a save that was killed left behind; how many.

    Only those older than `older_than_s`, so another instance's save in progress is left alone."""
    removed = 0
    try:
        leftovers = list(Path(folder).glob(".settings-*.tmp"))
    except OSError:
        return 0
    now = time.time()
    for leftover in leftovers:
        try:
            if now - leftover.lstat().st_mtime > older_than_s:
                leftover.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _shown(value: Any) -> str:
    return "none" if value is None else json.dumps(_to_json(value))


def _to_json(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    return value


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    data = copy.deepcopy(settings.preserved) if isinstance(settings.preserved, dict) else {}
    for section_name, section in _sections(settings):
        stored = data.get(section_name)
        if not isinstance(stored, dict):
            stored = data[section_name] = {}
        for item in fields(section):
            stored[item.name] = _to_json(getattr(section, item.name))
    return data


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (temporary file, then replace) and return the path.

    SettingsError when a value is invalid; SettingsSaveError when the disk refuses (full, read
    only); in both cases the file on disk is the previous one.
    """
    problems = settings.problems()
    if problems:
        raise SettingsError("Settings not saved: " + "; ".join(problems) + ".")
    path = Path(path) if path is not None else default_settings_path()
    data = (json.dumps(settings_to_dict(settings), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    temporary: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            _write_all(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise SettingsSaveError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Could not save the settings to {path}: {value}. The previous settings are "
                "unchanged.",
            ),
            path=path, value=error.strerror or error,
        ) from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return path


def _write_all(stream: Any, data: bytes) -> None:
    # One seam for tests to make the disk "full".
    stream.write(data)
