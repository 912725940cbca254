"""Crash safety and privacy of what Gemma Desk writes (issue 13; issue 19 #4, #8, #10)."""

from __future__ import annotations

import json
import logging
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core import paths
from app.core.storage.settings import Settings, load_settings, save_settings
from app.core.storage.store import Attachment, ConversationStore

REPO_ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_kill_during_settings_saves_leaves_a_valid_file(tmp_path) -> None:
    path = tmp_path / "settings.json"
    writer = (
        "import sys, itertools\n"
        "from pathlib import Path\n"
        "from app.core.storage.settings import Settings, save_settings\n"
        "settings = Settings()\n"
        "for n in itertools.count():\n"
        "    settings.generation.system_prompt = 'x' * (n % 5000)\n"
        "    settings.generation.top_k = n % 1000\n"
        "    save_settings(settings, Path(sys.argv[1]))\n"
        "    if n == 0: print('saving', flush=True)\n"
    )
    for round_number in range(5):
        child = subprocess.Popen([sys.executable, "-c", writer, str(path)], cwd=REPO_ROOT, stdout=subprocess.PIPE)
        assert child.stdout.readline() == b"saving\n"
        time.sleep(0.05 * round_number)  # a different moment of the save loop each round
        child.send_signal(signal.SIGKILL)
        child.wait()
        json.loads(path.read_text(encoding="utf-8"))
        settings, warnings = load_settings(path)
        assert warnings == []


def test_stale_settings_temporaries_are_removed_at_start(tmp_path) -> None:
    from app.core.storage.settings import remove_stale_temporaries

    path = tmp_path / "settings.json"
    save_settings(Settings(), path)
    stale = tmp_path / ".settings-abc123.tmp"
    stale.write_text("{\"half\": ")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    fresh = tmp_path / ".settings-def456.tmp"  # another instance saving right now
    fresh.write_text("{")

    load_settings(path)

    assert not stale.exists()
    assert fresh.exists()
    assert remove_stale_temporaries(tmp_path) == 0


def test_deeply_nested_settings_are_read_as_unreadable(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    settings, warnings = load_settings(path)
    assert settings == Settings()
    assert [str(w) for w in warnings] == ["settings.json is nested too deeply to be a settings file. Using the defaults."]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_data_folder_database_and_media_are_private(tmp_path) -> None:
    folder = paths.data_folder()
    store = ConversationStore.in_folder(folder)
    conversation = store.create_conversation()
    store.add_message(conversation, "user", "a private picture",
                      attachments=((Attachment("image", "ab" * 32, "me.png"), b"\x89PNG..."),))
    store.add_segment(store.create_transcription("memo", "transcribe"), 0, 0.0, 1.0, "hello",
                      audio_wav=b"RIFF....", audio_sha256="cd" * 32)
    store.close()

    assert mode(folder) == 0o700
    assert mode(folder / "media") == 0o700
    for database_file in folder.glob("conversations.sqlite3*"):
        assert mode(database_file) == 0o600, database_file.name
    media = [path for path in (folder / "media").rglob("*")]
    assert {path.name for path in media if path.is_file()} == {"ab" * 32, "cd" * 32}
    for path in media:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_old_open_data_folder_is_closed_on_start() -> None:
    folder = paths.data_folder()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    (folder / "conversations.sqlite3").touch(mode=0o644)
    (folder / "conversations.sqlite3").chmod(0o644)
    ConversationStore.in_folder(folder).close()
    assert mode(folder) == 0o700
    assert mode(folder / "conversations.sqlite3") == 0o600


def test_a_hugging_face_token_is_never_written_to_disk_or_logs(hub, tmp_path, isolated_user_dirs, caplog) -> None:
    from app.core.hub.downloads import download_file

    secret = "hf_ThisIsASecretTokenThatMustNotLeak0123"
    repo, name = "google/gemma-3n-E2B-it-GGUF", "model.gguf"
    hub.gated.add(repo)
    hub.add(repo, name, os.urandom(200_000))
    caplog.set_level(logging.DEBUG)
    downloaded = download_file(repo, name, token=secret)
    save_settings(Settings())
    ConversationStore.in_folder(paths.data_folder()).close()

    assert downloaded.is_file() and paths.data_folder() in downloaded.parents
    assert f"Bearer {secret}" in {request.authorization for request in hub.requests}  # it was used
    assert secret not in caplog.text
    leaks = [path for path in list(isolated_user_dirs.rglob("*")) + list(tmp_path.rglob("*"))
             if path.is_file() and secret.encode() in path.read_bytes()]
    assert leaks == []
