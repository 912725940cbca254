"""A streaming answer survives `kill -9`: ten real generations into one database, each killed
mid-answer; after each the database is intact and holds every question and the answer so far."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.storage.store import ConversationStore

KILLS = 10
ROOT = Path(__file__).resolve().parents[2]


def run_until_killed(model: Path, folder: Path, run: int, pieces_after_save: int) -> tuple[str, str, str]:
    """(question, all text the child streamed, the last text it reported saved)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.core.answer_crash_child", str(model), str(folder), str(run)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    question, streamed, saved, saves, after = "", "", "", 0, 0
    try:
        for line in child.stdout:
            kind, value = line.split(" ", 1)
            value = json.loads(value)
            if kind == "USER":
                question = value
            elif kind == "PIECE":
                streamed += value
                after += 1 if saves >= 2 else 0
            elif kind == "SAVED":
                saved, saves = value, saves + 1
            elif kind == "DONE":
                raise AssertionError("the answer ended before the kill; raise max_tokens")
            if saves >= 2 and after >= pieces_after_save:
                child.send_signal(signal.SIGKILL)
                break
        rest = child.communicate(timeout=60)[0]
    finally:
        child.kill()
        child.wait(timeout=60)
    for line in rest.splitlines():  # what it printed before the kill landed
        kind, value = line.split(" ", 1)
        if kind == "PIECE":
            streamed += json.loads(value)
        elif kind == "SAVED":
            saved = json.loads(value)
    assert child.returncode == -signal.SIGKILL
    return question, streamed, saved


@pytest.mark.slow
def test_streaming_answer_survives_kill_minus_nine_ten_times(gemma_model_path, tmp_path):
    database = tmp_path / "conversations.sqlite3"
    questions = []
    rng = random.Random(19)
    for run in range(KILLS):
        question, streamed, saved = run_until_killed(gemma_model_path, tmp_path, run, rng.randrange(0, 6))
        questions.append(question)
        raw = sqlite3.connect(database)
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = raw.execute("SELECT role, text, status FROM messages ORDER BY id").fetchall()
        raw.close()
        assert [text for role, text, _ in rows if role == "user"] == questions, "every question is kept"
        role, text, status = rows[-1]
        assert (role, status) == ("model", "generating")
        assert text.startswith(saved) and streamed.startswith(text), (
            f"run {run}: the stored answer is the text streamed up to its last save"
        )
        assert len(text) > 0

    store = ConversationStore.in_folder(tmp_path)
    answers = [m for c in store.conversations() for m in store.messages(c.id) if m.role == "model"]
    store.close()
    assert len(answers) == KILLS and {m.status for m in answers} == {"interrupted"}
