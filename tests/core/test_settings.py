"""The settings schema: round trip, damaged files, unknown keys, validation, atomic save."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from app.core.storage import settings as settings_module
from app.core.storage.settings import (
    Settings,
    SettingsSaveError,
    default_settings_path,
    load_settings,
    save_settings,
)
from app.core.storage.settings_rules import SettingsError, validate_value


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def test_default_path_is_in_the_config_folder(isolated_user_dirs: Path) -> None:
    assert default_settings_path() == isolated_user_dirs / "config" / "gemma-desk" / "settings.json"


def test_missing_file_gives_defaults_without_warnings(settings_path: Path) -> None:
    loaded, warnings = load_settings(settings_path)
    assert loaded == Settings()
    assert warnings == []
    assert loaded.generation.context_size == 8192
    assert loaded.generation.seed is None
    assert loaded.hardware.gpu_layers == "auto"


def test_round_trip_keeps_every_value(settings_path: Path) -> None:
    original = Settings()
    original.model.active_model = Path("/models/gemma-3n-E4B-it-Q8_0.gguf")
    original.model.audio_encoder = Path("/models/gemma-3n-E4B-it-audio-encoder-F16.gguf")
    original.model.extra_model_folders = [Path("/data/gguf"), Path("/mnt/more")]
    original.hardware.gpu_layers = 12
    original.hardware.kv_cache_type = "q8_0"
    original.generation.temperature = 0.7
    original.generation.seed = 1234
    original.generation.system_prompt = "Answer in French."
    original.speech.default_task = "translate"
    original.speech.target_language = "German"
    original.appearance.theme = "dark"

    save_settings(original, settings_path)
    loaded, warnings = load_settings(settings_path)

    assert warnings == []
    assert loaded == original
    stored = json.loads(settings_path.read_text())
    assert stored["model"]["active_model"] == "/models/gemma-3n-E4B-it-Q8_0.gguf"
    assert stored["model"]["audio_encoder"] == "/models/gemma-3n-E4B-it-audio-encoder-F16.gguf"
    assert stored["hardware"]["gpu_layers"] == 12


def test_invalid_json_gives_defaults_and_a_warning(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text('{"generation": {"temperature": 0.5,,}')
    loaded, warnings = load_settings(settings_path)
    assert loaded == Settings()
    assert len(warnings) == 1 and "settings.json is not valid JSON" in str(warnings[0])


def test_unreadable_file_gives_defaults_and_a_warning(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_bytes(b"\xff\xfe\x00garbage")
    loaded, warnings = load_settings(settings_path)
    assert loaded == Settings()
    assert len(warnings) == 1


def test_not_an_object_gives_defaults(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text("[1, 2, 3]")
    loaded, warnings = load_settings(settings_path)
    assert loaded == Settings() and "does not hold a settings object" in str(warnings[0])


def test_bad_values_fall_back_one_by_one(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({
        "generation": {"temperature": 5, "top_k": 40, "seed": -3, "context_size": "big"},
        "hardware": {"gpu_layers": "most", "kv_cache_type": "q4_0", "use_mmap": "yes"},
        "appearance": "dark",
    }))
    loaded, warnings = load_settings(settings_path)

    assert loaded.generation.top_k == 40  # the good value is kept
    assert loaded.generation.temperature == 1.0
    assert loaded.generation.seed is None
    assert loaded.generation.context_size == 8192
    assert loaded.hardware.gpu_layers == "auto"
    assert loaded.hardware.kv_cache_type == "f16"
    assert loaded.hardware.use_mmap is True
    assert "settings.json: generation.temperature must be between 0 and 2, got 5; using 1.0." in [str(w) for w in warnings]
    assert any("generation.seed must be between 0 and 4294967295, got -3" in str(w) for w in warnings)
    assert any("hardware.gpu_layers must be auto, all, none or a number" in str(w) for w in warnings)
    assert any("hardware.kv_cache_type must be one of f16, q8_0, got 'q4_0'" in str(w) for w in warnings)
    assert any("hardware.use_mmap must be true or false" in str(w) for w in warnings)
    assert any("appearance must be an object" in str(w) for w in warnings)
    assert len(warnings) == 7


def test_flash_attention_is_automatic_on_or_off_and_old_files_migrate(settings_path: Path) -> None:
    assert Settings().hardware.flash_attention == "auto"
    settings_path.parent.mkdir(parents=True)
    # The setting used to be a checkbox: true was the user's choice, false only the old default.
    for stored, expected in ((True, "on"), (False, "auto"), ("on", "on"), ("off", "off"), ("auto", "auto")):
        settings_path.write_text(json.dumps({"hardware": {"flash_attention": stored, "threads": 3}}))
        loaded, warnings = load_settings(settings_path)
        assert (loaded.hardware.flash_attention, warnings) == (expected, []), stored
        assert loaded.hardware.threads == 3

    settings_path.write_text(json.dumps({"hardware": {"flash_attention": "fast"}}))
    loaded, warnings = load_settings(settings_path)
    assert loaded.hardware.flash_attention == "auto"
    assert [str(w) for w in warnings] == ["settings.json: hardware.flash_attention must be one of auto, on, off, got 'fast'; "
                        'using "auto".']
    settings_path.write_text(json.dumps({"hardware": {"flash_attention": 1}}))
    assert load_settings(settings_path)[0].hardware.flash_attention == "auto"

    settings_path.write_text(json.dumps({"hardware": {"flash_attention": True}}))
    migrated, _ = load_settings(settings_path)
    save_settings(migrated, settings_path)
    assert json.loads(settings_path.read_text())["hardware"]["flash_attention"] == "on", "saved in the new form"
    with pytest.raises(SettingsError, match="hardware.flash_attention must be one of auto, on, off"):
        validate_value("hardware", "flash_attention", "sometimes")


def test_audio_encoder_defaults_to_automatic_and_a_bad_value_falls_back(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({"model": {"projector": "/m/mmproj.gguf"}}))
    older, warnings = load_settings(settings_path)
    assert warnings == [] and older.model.audio_encoder is None, "a file from before the setting: automatic"

    settings_path.write_text(json.dumps({"model": {"audio_encoder": 7, "projector": "/m/mmproj.gguf"}}))
    loaded, warnings = load_settings(settings_path)
    assert loaded.model.audio_encoder is None
    assert loaded.model.projector == Path("/m/mmproj.gguf"), "the good value next to it is kept"
    assert [str(w) for w in warnings] == ["settings.json: model.audio_encoder must be a file path, got 7; using none."]

    loaded.model.audio_encoder = None
    save_settings(loaded, settings_path)
    assert json.loads(settings_path.read_text())["model"]["audio_encoder"] is None


def test_the_local_servers_address_is_kept_and_older_files_get_the_defaults(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({"appearance": {"theme": "dark"}}))
    older, warnings = load_settings(settings_path)
    assert warnings == [], "a file from before the setting"
    assert (older.local_server.host, older.local_server.port, older.local_server.start_on_launch) == (
        "127.0.0.1", 8080, False)

    older.local_server.host, older.local_server.port, older.local_server.start_on_launch = "localhost", 9090, True
    save_settings(older, settings_path)
    assert json.loads(settings_path.read_text())["local_server"] == {
        "host": "localhost", "port": 9090, "start_on_launch": True}
    assert load_settings(settings_path) == (older, [])

    settings_path.write_text(json.dumps({"local_server": {"host": " ", "port": 70000, "start_on_launch": "yes"}}))
    loaded, warnings = load_settings(settings_path)
    assert (loaded.local_server.host, loaded.local_server.port, loaded.local_server.start_on_launch) == (
        "127.0.0.1", 8080, False)
    assert [str(w) for w in warnings] == [
        "settings.json: local_server.host must not be empty; using \"127.0.0.1\".",
        "settings.json: local_server.port must be between 0 and 65535, got 70000; using 8080.",
        "settings.json: local_server.start_on_launch must be true or false, got 'yes'; using false.",
    ]


def test_unknown_keys_are_kept_and_written_back(settings_path: Path) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({
        "schema_from_the_future": {"x": 1},
        "generation": {"temperature": 0.3, "mirostat": 2},
    }))
    loaded, warnings = load_settings(settings_path)
    assert warnings == []
    loaded.generation.top_p = 0.5
    save_settings(loaded, settings_path)

    stored = json.loads(settings_path.read_text())
    assert stored["schema_from_the_future"] == {"x": 1}
    assert stored["generation"]["mirostat"] == 2
    assert stored["generation"]["temperature"] == 0.3
    assert stored["generation"]["top_p"] == 0.5


def test_invalid_settings_are_not_saved(settings_path: Path) -> None:
    save_settings(Settings(), settings_path)
    before = settings_path.read_bytes()
    changed = Settings()
    changed.generation.temperature = 5
    changed.appearance.font_size = 200
    with pytest.raises(SettingsError) as error:
        save_settings(changed, settings_path)
    assert "generation.temperature must be between 0 and 2, got 5" in str(error.value)
    assert "appearance.font_size must be between 6 and 48, got 200" in str(error.value)
    assert settings_path.read_bytes() == before


def test_full_disk_keeps_the_old_file(settings_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(), settings_path)
    before = settings_path.read_bytes()

    def disk_full(stream, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(settings_module, "_write_all", disk_full)
    changed = Settings()
    changed.generation.temperature = 0.2
    with pytest.raises(SettingsSaveError, match="No space left on device.*previous settings are unchanged"):
        save_settings(changed, settings_path)
    assert settings_path.read_bytes() == before
    assert [p.name for p in settings_path.parent.iterdir()] == ["settings.json"]


def test_reset_to_gemma_defaults_keeps_length_and_prompt() -> None:
    settings = Settings()
    generation = settings.generation
    generation.temperature, generation.top_k, generation.top_p = 0.1, 5, 0.5
    generation.min_p, generation.repeat_penalty = 0.2, 1.3
    generation.max_tokens, generation.system_prompt = 99, "Be brief."
    generation.reset_to_gemma_defaults()
    assert (generation.temperature, generation.top_k, generation.top_p) == (1.0, 64, 0.95)
    assert (generation.min_p, generation.repeat_penalty) == (0.0, 1.0)
    assert (generation.max_tokens, generation.system_prompt) == (99, "Be brief.")


@pytest.mark.parametrize(("section", "name", "value", "expected"), [
    ("hardware", "gpu_layers", "all", "all"),
    ("hardware", "gpu_layers", 0, 0),
    ("hardware", "gpu_layers", 33, 33),
    ("generation", "seed", None, None),
    ("generation", "seed", 42, 42),
    ("generation", "temperature", 0, 0.0),
    ("speech", "input_device", None, None),
    ("model", "active_model", "", None),
    ("model", "audio_encoder", None, None),
    ("model", "audio_encoder", "", None),
    ("model", "audio_encoder", "/m/audio.gguf", Path("/m/audio.gguf")),
    ("model", "extra_model_folders", ["/a"], [Path("/a")]),
])
def test_valid_values(section: str, name: str, value, expected) -> None:
    assert validate_value(section, name, value) == expected


@pytest.mark.parametrize(("section", "name", "value", "message"), [
    ("hardware", "gpu_layers", -1, "hardware.gpu_layers must be auto, all, none or a number of layers from 0 to 999, got -1"),
    ("hardware", "gpu_layers", True, "got True"),
    ("hardware", "threads", 2.5, "hardware.threads must be a whole number, got 2.5"),
    ("generation", "top_p", 1.5, "generation.top_p must be between 0 and 1, got 1.5"),
    ("generation", "context_size", 100, "generation.context_size must be between 512 and 131072, got 100"),
    ("speech", "default_task", "summarise", "speech.default_task must be one of transcribe, translate"),
    ("speech", "target_language", "  ", "speech.target_language must not be empty"),
    ("appearance", "theme", "blue", "appearance.theme must be one of light, dark, system, got 'blue'"),
    ("generation", "nonsense", 1, "There is no setting generation.nonsense."),
])
def test_invalid_values_are_named(section: str, name: str, value, message: str) -> None:
    with pytest.raises(SettingsError) as error:
        validate_value(section, name, value)
    assert message in str(error.value)
