"""Audio through real libmtmd: exact turn, one BOS, chunk token counts, a long file in order."""

import numpy as np
import pytest
import soundfile

from app.cli import main
from app.core.speech.chunker import AudioChunk, chunk_audio
from app.core.engine.engine import ChatEngine, TokenPiece
from app.core.engine.options import LoadOptions
from app.core.engine.prompt_plan import MediaUnit
from app.core.speech.session import DictationSession
from app.core.speech.transcription import SpeechTask, chunk_message, transcribe_chunk
from tests.projector_factory import GEMMA4UA_TOKENS_PER_SECOND, write_audio_projector, write_gemma3nv_projector

BOS = 2


@pytest.fixture(scope="module")
def hearing_engine(gemma_model_path, tmp_path_factory):
    projector = write_audio_projector(tmp_path_factory.mktemp("audio") / "mmproj-audio.gguf", kind="gemma4ua")
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=4096, n_threads=2))
    yield engine
    engine.close()


def speech_like(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16_000)) / 16_000
    return (0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * rng.standard_normal(t.size))).astype(np.float32)


def test_audio_chunk_turn_layout(hearing_engine):
    chunk = AudioChunk(0, 0, speech_like(2.0), False)
    plan = hearing_engine.plan([chunk_message(chunk, SpeechTask())])
    media = [unit for unit in plan.units if isinstance(unit, MediaUnit)]
    assert [m.kind for m in media] == ["audio"]
    assert media[0].n_tokens == 2 * GEMMA4UA_TOKENS_PER_SECOND
    assert plan.token_ids.count(BOS) == 1 and plan.units[0] == BOS
    text = hearing_engine.detokenize(plan.token_ids)
    assert text.startswith("<bos><start_of_turn>user\n")
    assert text.endswith("Transcribe this audio exactly, in the language that is spoken. "
                         "Reply with the transcript only.<end_of_turn>\n<start_of_turn>model\n")


def test_65_second_file_gives_three_chunks_answered_in_order(hearing_engine):
    audio = np.concatenate([speech_like(28, 1), np.zeros(8000, np.float32), speech_like(28, 2),
                            np.zeros(8000, np.float32), speech_like(8, 3)])
    assert len(chunk_audio(audio)) == 3
    session = DictationSession()
    job = session.record(SpeechTask("French"))
    job.feed(audio)
    job.close()
    answered = []
    while (work := session.start_next_chunk()) is not None:
        chunk = work.chunk
        events = list(transcribe_chunk(hearing_engine, chunk, job.task, max_tokens=4))
        result = events[-1]
        session.finish_chunk(result.text)
        assert any(isinstance(e, TokenPiece) for e in events) or result.stop_reason == "end_of_turn"
        assert result.media_encodes == 1
        answered.append(chunk.index)
        expected = round(chunk.duration_s * GEMMA4UA_TOKENS_PER_SECOND)
        media = hearing_engine.plan([chunk_message(chunk, SpeechTask("French"))]).media_units
        assert abs(media[0].n_tokens - expected) <= 1
    assert answered == [0, 1, 2]


def test_silent_chunks_are_skipped_but_counted():
    session = DictationSession()
    job = session.record(SpeechTask())
    job.feed(np.zeros(16_000 * 5, np.float32))
    job.close()
    assert session.start_next_chunk() is None and job.skipped_silence == 1 and job.segments == []


def test_gemma3nv_only_projector_cannot_hear(gemma_model_path, tmp_path):
    projector = write_gemma3nv_projector(tmp_path / "mmproj.gguf")
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=512, n_threads=2))
    try:
        assert "no audio encoder" in str(engine.speech_unavailable)
    finally:
        engine.close()


def test_transcribe_command_prints_chunks_and_writes_srt(gemma_model_path, tmp_path, capsys):
    from app.core.speech.transcript_export import read_srt

    projector = write_audio_projector(tmp_path / "mmproj-audio.gguf", kind="gemma4ua")
    wav = tmp_path / "talk.wav"
    soundfile.write(str(wav), np.concatenate([speech_like(3), np.zeros(16_000, np.float32)]), 16_000)
    srt = tmp_path / "talk.srt"
    code = main(["transcribe", "--model", str(gemma_model_path), "--mmproj", str(projector), "--srt", str(srt), "--max-tokens", "8", str(wav)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("[00:00 – 00:04] ")
    segments = read_srt(srt)
    assert len(segments) == 1 and segments[0].end_s == pytest.approx(4.0)


def test_transcribe_without_hearing_is_a_clear_error(gemma_model_path, tmp_path, capsys):
    wav = tmp_path / "talk.wav"
    soundfile.write(str(wav), speech_like(1), 16_000)
    assert main(["transcribe", "--model", str(gemma_model_path), str(wav)]) == 2
    assert "cannot hear audio" in capsys.readouterr().err
