"""The Qt-free pieces on their own: stop strings over a token stream, request → engine job, VTT."""

import base64

import pytest

from app.core.server.api_errors import ApiError
from app.core.server.chat_mapping import parse_chat_request
from app.core.server.engine_port import ServedModel
from app.core.server.media_input import MAX_IMAGE_BYTES, decode_base64, image_from_url
from app.core.server.stop_strings import StopScanner
from app.core.server.transcripts import transcript_to_vtt
from app.core.speech.transcript_export import TranscriptSegment

MODEL = ServedModel("m", "gemma3", 0, 2048, 262144, supports_images=True, supports_audio=False,
                    speech_unavailable_reason="m cannot hear.")


def feed_all(scanner: StopScanner, pieces) -> str:
    return "".join(scanner.feed(piece) for piece in pieces) + scanner.flush()


@pytest.mark.parametrize(
    ("pieces", "stops", "expected", "stopped"),
    [
        (["Hel", "lo ", "wor", "ld"], ["wor"], "Hello ", True),
        (["ab", "c<", "/s", ">tail"], ["</s>"], "abc", True),
        (["a<", "/x"], ["</s>"], "a</x", False),  # a partial match that came to nothing is let out
        (["one", "two"], [], "onetwo", False),
        (["xEN", "Dy"], ["END", "ND"], "x", True),  # the earliest stop in the text wins
    ],
)
def test_stop_scanner(pieces, stops, expected, stopped):
    scanner = StopScanner(stops)
    assert feed_all(scanner, pieces) == expected
    assert scanner.stopped is stopped


def test_stop_scanner_never_sends_half_a_stop_string():
    scanner = StopScanner(["STOP"])
    assert scanner.feed("go S") == "go "
    assert scanner.feed("TO") == ""
    assert scanner.feed("P and more") == "" and scanner.stopped


def test_system_messages_become_the_apps_system_prompt_and_roles_map():
    parsed = parse_chat_request({"messages": [
        {"role": "system", "content": " Be brief. "},
        {"role": "developer", "content": [{"type": "text", "text": "Use French."}]},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Salut"},
        {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]},
    ], "max_tokens": 7, "temperature": 0.2, "top_p": 0.5, "top_k": 3, "seed": 5}, MODEL)
    assert parsed.job.system_prompt == "Be brief.\n\nUse French."
    assert [(m.role, m.text) for m in parsed.job.messages] == [("user", "Hi"), ("model", "Salut"), ("user", "a\nb")]
    sampling = parsed.job.sampling
    assert (sampling.max_tokens, sampling.temperature, sampling.top_p, sampling.top_k, sampling.seed) == (7, 0.2, 0.5, 3, 5)
    assert not parsed.stream and parsed.stop == ()


def test_a_64_bit_seed_fits_llama_cpp_and_stays_distinct():
    def seed(value):
        return parse_chat_request({"messages": [{"role": "user", "content": "x"}], "seed": value}, MODEL).job.sampling.seed

    assert seed(-1) == 2**32 - 1 and seed(2**40 + 7) == 7 and seed(5) == 5


def test_bad_sampling_is_refused_before_any_image_is_decoded():
    with pytest.raises(ApiError) as caught:
        parse_chat_request({"temperature": 9, "messages": [{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,bm90IGFuIGltYWdl"}}]}]}, MODEL)
    assert (caught.value.status, caught.value.param) == (422, "temperature")


def test_defaults_are_the_apps_sampling_defaults():
    sampling = parse_chat_request({"messages": [{"role": "user", "content": "x"}]}, MODEL).job.sampling
    assert (sampling.temperature, sampling.top_k, sampling.top_p, sampling.min_p) == (1.0, 64, 0.95, 0.0)


def test_audio_for_a_model_that_cannot_hear_gives_its_reason_before_decoding():
    not_even_audio = base64.b64encode(b"RIFF....").decode()
    with pytest.raises(ApiError) as caught:
        parse_chat_request({"messages": [{"role": "user", "content": [
            {"type": "input_audio", "input_audio": {"data": not_even_audio, "format": "wav"}}]}]}, MODEL)
    assert (caught.value.status, caught.value.message) == (400, "m cannot hear.")


def test_media_only_in_user_messages():
    with pytest.raises(ApiError) as caught:
        parse_chat_request({"messages": [
            {"role": "system", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}}]},
            {"role": "user", "content": "x"}]}, MODEL)
    assert caught.value.status == 422


@pytest.mark.parametrize("url", ["http://x/y.png", "HTTPS://x/y.png", "ftp://x", "file:///etc/passwd"])
def test_every_remote_scheme_is_refused(url):
    with pytest.raises(ApiError) as caught:
        image_from_url(url, "image 1")
    assert caught.value.status == 400 and "offline" in caught.value.message


def test_oversized_base64_is_refused_before_decoding():
    with pytest.raises(ApiError) as caught:
        decode_base64("A" * (MAX_IMAGE_BYTES // 3 * 4 + 16), "image 1", MAX_IMAGE_BYTES, "image_url")
    assert caught.value.status == 413


def test_vtt():
    vtt = transcript_to_vtt([TranscriptSegment(0, 2.5, "Hello\n\nthere"), TranscriptSegment(2.5, 3, " "),
                             TranscriptSegment(61.25, 3725.5, "Late")])
    assert vtt == ("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello\nthere\n\n"
                   "00:01:01.250 --> 01:02:05.500\nLate\n")
