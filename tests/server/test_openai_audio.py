"""Audio through the official `openai` client: transcription to every format, translation, chat
with input_audio, and the same clear refusals as the window."""

import base64
import io

import numpy as np
import openai
import pytest

from app.core.speech.chunker import chunk_audio
from app.core.speech.transcript_export import parse_srt
from tests.projector_factory import GEMMA4UA_TOKENS_PER_SECOND
from tests.server.conftest import speech_like, wav_bytes

PAUSE = np.zeros(8000, np.float32)


@pytest.fixture(scope="module")
def two_chunk_talk():
    """About 31 s: speech, a pause near 28 s where the chunker cuts, a little more speech."""
    samples = np.concatenate([speech_like(28, 1), PAUSE, speech_like(2, 2), PAUSE])
    chunks = chunk_audio(samples)
    assert [chunk.is_silence for chunk in chunks] == [False, False]
    return samples, chunks


def upload(samples, name="talk.wav"):
    return (name, io.BytesIO(wav_bytes(samples)), "audio/wav")


@pytest.mark.slow
def test_transcription_to_srt_has_one_cue_per_chunk_at_its_times(hearing_server, two_chunk_talk):
    samples, chunks = two_chunk_talk
    srt = hearing_server.client().audio.transcriptions.create(
        model="gemma", file=upload(samples), response_format="srt")
    cues = parse_srt(srt)
    spoken = [c for c in chunks if not c.is_silence]
    assert [(round(c.start_s, 3), round(c.end_s, 3)) for c in cues] == [
        (round(c.start_s, 3), round(c.end_s, 3)) for c in spoken]
    assert all(cue.text for cue in cues)


@pytest.mark.slow
def test_verbose_json_gives_one_segment_per_chunk_with_start_end_and_tokens(hearing_server, two_chunk_talk):
    samples, chunks = two_chunk_talk
    client = hearing_server.client()
    jobs_before = len(hearing_server.port.jobs)
    verbose = client.audio.transcriptions.create(
        model="gemma", file=upload(samples), response_format="verbose_json", language="en")
    assert verbose.task == "transcribe" and verbose.language == "en"
    assert verbose.duration == pytest.approx(samples.size / 16_000, abs=1e-3)
    assert [(s.start, s.end) for s in verbose.segments] == [(round(c.start_s, 3), round(c.end_s, 3)) for c in chunks]
    results = [job.result for job in hearing_server.port.jobs[jobs_before:]]
    assert [list(s.tokens) for s in verbose.segments] == [r.token_ids for r in results]
    assert verbose.text == "\n\n".join(s.text for s in verbose.segments if s.text)


def test_text_vtt_and_json_formats(hearing_server):
    clip = np.concatenate([speech_like(2, 3), PAUSE])
    client = hearing_server.client()
    text = client.audio.transcriptions.create(model="g", file=upload(clip), response_format="text")
    vtt = client.audio.transcriptions.create(model="g", file=upload(clip), response_format="vtt")
    as_json = client.audio.transcriptions.create(model="g", file=upload(clip))
    assert isinstance(text, str) and text.strip() == as_json.text
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n")
    assert as_json.usage.output_tokens >= 1


@pytest.mark.filterwarnings("ignore:deprecated:DeprecationWarning")  # openai marks the endpoint so
def test_translation_asks_the_model_for_english(hearing_server):
    clip = np.concatenate([speech_like(2, 4), PAUSE])
    answer = hearing_server.client().audio.translations.create(model="g", file=upload(clip))
    engine = hearing_server.engine.engine
    prompt = engine.detokenize([unit for unit in engine.cached_units if isinstance(unit, int)])
    assert "Translate what is said in this audio to English." in prompt
    assert isinstance(answer.text, str)


def test_chat_with_input_audio_cuts_it_into_chunks_like_dictation(hearing_server, two_chunk_talk):
    samples, chunks = two_chunk_talk
    data = base64.b64encode(wav_bytes(samples)).decode()
    answer = hearing_server.client().chat.completions.create(
        model="g", max_tokens=1, temperature=0,
        messages=[{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": data, "format": "wav"}},
                                                {"type": "text", "text": "What is this?"}]}])
    engine = hearing_server.engine.engine
    media = [unit for unit in engine.cached_units if not isinstance(unit, int)]
    assert [unit.kind for unit in media] == ["audio", "audio"]
    assert answer.usage.prompt_tokens > sum(unit.n_positions for unit in media)


def encoded(samples: np.ndarray, audio_format: str) -> bytes:
    import soundfile

    buffer = io.BytesIO()
    subtype = {"wav": "PCM_16", "flac": "PCM_16", "mp3": "MPEG_LAYER_III"}[audio_format]
    soundfile.write(buffer, samples, 16_000, format=audio_format.upper(), subtype=subtype)
    return buffer.getvalue()


@pytest.mark.parametrize("audio_format", ["wav", "flac", "mp3"])
def test_input_audio_in_each_format_is_heard_at_its_length(hearing_server, audio_format):
    clip = speech_like(2, 7)
    data = base64.b64encode(encoded(clip, audio_format)).decode()
    hearing_server.client().chat.completions.create(
        model="g", max_tokens=1, temperature=0,
        messages=[{"role": "user", "content": [
            {"type": "input_audio", "input_audio": {"data": data, "format": audio_format}}]}])
    engine = hearing_server.engine.engine
    media = [unit for unit in engine.cached_units if not isinstance(unit, int)]
    assert [unit.kind for unit in media] == ["audio"]
    assert abs(media[0].n_tokens - 2 * GEMMA4UA_TOKENS_PER_SECOND) <= 2  # mp3 pads a few ms


def test_transcription_prompt_is_folded_into_the_turn_like_a_system_prompt(hearing_server):
    clip = np.concatenate([speech_like(2, 8), PAUSE])
    hearing_server.client().audio.transcriptions.create(
        model="g", file=upload(clip), prompt="Names: Anneliese, Quimby.")
    engine = hearing_server.engine.engine
    text = engine.detokenize([unit for unit in engine.cached_units if isinstance(unit, int)])
    assert text.startswith("<bos><start_of_turn>user\nNames: Anneliese, Quimby.\n\n")


def test_bad_audio_gets_the_app_s_sentence(hearing_server):
    with pytest.raises(openai.BadRequestError) as caught:
        hearing_server.client().audio.transcriptions.create(
            model="g", file=("notes.wav", io.BytesIO(b"RIFF but not really audio"), "audio/wav"))
    message = caught.value.body["message"]
    assert message.startswith("'notes.wav' is not an audio file this app can read (WAV, FLAC, MP3, OGG)")
    assert "gemma-desk-upload" not in message, "the server's temporary path stays private"


def test_audio_over_32_mb_is_413(hearing_server):
    with pytest.raises(openai.APIStatusError) as caught:
        hearing_server.client().audio.transcriptions.create(
            model="g", file=("big.wav", io.BytesIO(b"\0" * (34 * 1024 * 1024)), "audio/wav"))
    assert caught.value.status_code == 413


def test_a_model_that_cannot_hear_says_why(text_server):
    clip = speech_like(1, 5)
    with pytest.raises(openai.BadRequestError) as caught:
        text_server.client().audio.transcriptions.create(model="g", file=upload(clip))
    assert "has no projector, so it cannot hear audio" in caught.value.body["message"]


def test_unknown_response_format_is_422(hearing_server):
    with pytest.raises(openai.UnprocessableEntityError) as caught:
        hearing_server.client().audio.transcriptions.create(
            model="g", file=upload(speech_like(1, 6)), response_format="docx")
    assert caught.value.body["param"] == "response_format"
