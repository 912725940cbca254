"""The Qt-free dictation session: jobs in order, each with its own clock; silence, clicks and
broken files never reach the model; a long file is read piece by piece."""

import os
import tracemalloc

import numpy as np
import pytest
import soundfile

from app.core.audio.audio_file import AudioFileError
from app.core.speech.session import NOT_TRANSCRIBED, DictationSession, JobState
from app.core.speech.transcription import SpeechTask
from app.core.storage.store import ConversationStore


def tone(seconds: float, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def answer_all(session: DictationSession) -> list[tuple[str, int]]:
    """Stand in for the model: answer each chunk with its job's title and chunk number."""
    answered = []
    while (work := session.start_next_chunk()) is not None:
        answered.append((work.job.title, work.job.chunks_sent))
        session.finish_chunk(f"{work.job.title} {work.job.chunks_sent}")
    return answered


def test_jobs_keep_their_own_chunks_and_clock_and_wait_in_order(tmp_path):
    first, second = tmp_path / "first.wav", tmp_path / "second.wav"
    soundfile.write(str(first), tone(65), 16_000)
    soundfile.write(str(second), tone(20), 16_000)
    session = DictationSession()
    a = session.add_file(first, SpeechTask())
    b = session.add_file(second, SpeechTask("French"))
    assert (a.status, b.status) == ("queued", "queued")
    work = session.start_next_chunk()
    assert work.job is a and a.status == "chunk 1 of 3" and b.status == "queued"
    session.finish_chunk("one")
    assert answer_all(session) == [("first.wav", 2), ("first.wav", 3), ("second.wav", 1)]
    assert [s.start_s for s in a.segments][0] == 0.0 and a.segments[-1].end_s == pytest.approx(65.0)
    assert [(s.start_s, s.end_s) for s in b.segments] == [(0.0, pytest.approx(20.0))]
    assert session.is_idle and a.state is b.state is JobState.DONE


def test_an_open_recording_holds_the_jobs_behind_it_and_its_clicks_are_not_sent(tmp_path):
    soundfile.write(str(tmp_path / "file.wav"), tone(5), 16_000)
    session = DictationSession()
    click = session.record(SpeechTask(), title="click")
    click.feed(tone(0.2))
    file_job = session.add_file(tmp_path / "file.wav", SpeechTask())
    assert session.start_next_chunk() is None and file_job.status == "queued"
    click.close()
    assert answer_all(session) == [("file.wav", 1)]
    assert click.segments == [] and click.skipped_short == 1 and click.transcription_id is None


def test_cancel_drops_what_waits_and_keeps_what_was_done(tmp_path):
    soundfile.write(str(tmp_path / "long.wav"), tone(95), 16_000)
    session = DictationSession()
    job = session.add_file(tmp_path / "long.wav", SpeechTask())
    session.start_next_chunk()
    session.finish_chunk("first part")
    session.start_next_chunk()
    assert session.cancel(job) is True  # its second chunk was with the model
    assert session.is_idle and job.state is JobState.CANCELLED
    assert [s.text for s in job.segments] == ["first part"]


def test_closing_keeps_the_recorded_audio_of_chunks_not_transcribed(tmp_path):
    store = ConversationStore.in_folder(tmp_path / "store")
    try:
        session = DictationSession(store)
        job = session.record(SpeechTask())
        job.feed(tone(40))
        session.start_next_chunk()
        session.shutdown()
        stored = store.segments(job.transcription_id)
        assert [s.text for s in stored] == [NOT_TRANSCRIBED, NOT_TRANSCRIBED]
        assert stored[-1].end_s == pytest.approx(40.0) and all(store.read_media(s.audio_sha256) for s in stored)
    finally:
        store.close()


def silent_wav(path, minutes: int):
    with soundfile.SoundFile(str(path), "w", 16_000, 1, subtype="PCM_16") as out:
        for _ in range(minutes * 6):
            out.write(np.zeros(160_000, dtype=np.float32))
    return path


def peak_bytes_of_a_pass(path) -> tuple[int, object]:
    session = DictationSession()
    tracemalloc.start()
    try:
        job = session.add_file(path, SpeechTask())
        assert session.start_next_chunk() is None
        return tracemalloc.get_traced_memory()[1], job
    finally:
        tracemalloc.stop()


def test_a_long_silent_file_is_skipped_without_the_model_in_flat_memory(tmp_path):
    short_peak, _ = peak_bytes_of_a_pass(silent_wav(tmp_path / "two_minutes.wav", 2))
    long_peak, job = peak_bytes_of_a_pass(silent_wav(tmp_path / "ten_minutes.wav", 10))
    assert job.skipped_silence == 21 and job.segments == [] and job.state is JobState.DONE
    assert long_peak < 1.2 * short_peak, f"{short_peak / 1e6:.1f} MB for 2 min, {long_peak / 1e6:.1f} MB for 10 min"
    assert long_peak < 600 * 16_000 * 4 / 2  # far from the whole file as float32


def test_a_broken_sample_rate_is_refused_with_a_sentence(tmp_path):
    path = tmp_path / "one_hertz.wav"
    soundfile.write(str(path), tone(2), 16_000, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    data[24:28] = (1).to_bytes(4, "little")  # the WAV header's sample rate
    path.write_bytes(bytes(data))
    with pytest.raises(AudioFileError, match="declares a sample rate of 1 Hz"):
        DictationSession().add_file(path, SpeechTask())


def test_too_short_audio_is_refused_with_a_sentence(tmp_path):
    path = tmp_path / "blip.wav"
    soundfile.write(str(path), tone(0.1), 16_000)
    with pytest.raises(AudioFileError, match=r"only 0\.10 s of audio"):
        DictationSession().add_file(path, SpeechTask())


def test_only_regular_files_are_read(tmp_path):
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    with pytest.raises(AudioFileError, match="not a regular file"):
        DictationSession().add_file(fifo, SpeechTask())
    with pytest.raises(AudioFileError, match="does not exist"):
        DictationSession().add_file(tmp_path / "missing.wav", SpeechTask())
