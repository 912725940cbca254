from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.speech.transcript_export import (
    TranscriptExportError,
    TranscriptSegment,
    format_clock,
    format_srt_timestamp,
    parse_srt,
    read_srt,
    transcript_to_srt,
    transcript_to_text,
    write_srt,
    write_txt,
)

SEGMENTS = [
    TranscriptSegment(0.0, 28.202, "The morning train left the station exactly on time."),
    TranscriptSegment(28.202, 57.193, "After an hour the train crossed a long bridge."),
    TranscriptSegment(57.193, 70.06, "It had been a long journey,\nbut a pleasant one."),
]


def test_srt_layout() -> None:
    assert transcript_to_srt(SEGMENTS) == (
        "1\n00:00:00,000 --> 00:00:28,202\nThe morning train left the station exactly on time.\n\n"
        "2\n00:00:28,202 --> 00:00:57,193\nAfter an hour the train crossed a long bridge.\n\n"
        "3\n00:00:57,193 --> 00:01:10,060\nIt had been a long journey,\nbut a pleasant one.\n"
    )


def test_timestamps() -> None:
    assert format_srt_timestamp(3_725.0456) == "01:02:05,046"
    assert format_srt_timestamp(-1.0) == "00:00:00,000"
    assert format_srt_timestamp(59.9996) == "00:01:00,000"
    assert format_clock(65.9) == "01:05"
    assert format_clock(3_725.0) == "1:02:05"


def test_empty_segments_are_left_out_and_cues_renumbered() -> None:
    segments = [
        TranscriptSegment(0, 1, "Hello."),
        TranscriptSegment(1, 2, "  "),
        TranscriptSegment(2, 3, "Bye."),
    ]
    assert [s.text for s in parse_srt(transcript_to_srt(segments))] == ["Hello.", "Bye."]
    assert transcript_to_srt(segments).count("\n2\n") == 1
    assert transcript_to_srt([]) == "" and parse_srt("") == []


def test_blank_lines_inside_a_segment_do_not_split_the_cue() -> None:
    srt = transcript_to_srt([TranscriptSegment(0, 1, "First paragraph.\n\n\nSecond paragraph.")])
    [cue] = parse_srt(srt)
    assert cue.text == "First paragraph.\nSecond paragraph."


cue_text = st.lists(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1)
    .map(str.strip)
    .filter(bool),
    min_size=1,
    max_size=3,
).map("\n".join)


@given(
    st.lists(
        st.tuples(st.integers(0, 360_000_000), st.integers(0, 120_000), cue_text),
        max_size=12,
    )
)
def test_srt_round_trip(raw: list[tuple[int, int, str]]) -> None:
    segments = [
        TranscriptSegment(start / 1000, (start + length) / 1000, text)
        for start, length, text in raw
    ]
    parsed = parse_srt(transcript_to_srt(segments))
    assert [(round(s.start_s, 3), round(s.end_s, 3), s.text) for s in parsed] == [
        (round(s.start_s, 3), round(s.end_s, 3), s.text) for s in segments
    ]


def test_parser_accepts_crlf_bom_and_dots() -> None:
    text = (
        "\ufeff1\r\n00:00:01.500 --> 00:00:02.250\r\nHi there\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:04,000\r\nBye\r\n"
    )
    assert parse_srt(text) == [
        TranscriptSegment(1.5, 2.25, "Hi there"),
        TranscriptSegment(3.0, 4.0, "Bye"),
    ]


def test_parser_rejects_a_cue_without_timing() -> None:
    with pytest.raises(ValueError, match="cue 2"):
        parse_srt("1\n00:00:00,000 --> 00:00:01,000\nfine\n\n2\nno timing here\n")


def test_plain_text_export() -> None:
    assert transcript_to_text(SEGMENTS[:2]) == (
        "The morning train left the station exactly on time.\n\n"
        "After an hour the train crossed a long bridge.\n"
    )
    assert transcript_to_text(SEGMENTS[:1], with_times=True) == (
        "[00:00 - 00:28] The morning train left the station exactly on time.\n"
    )
    assert transcript_to_text([]) == ""


def test_files_are_written_as_utf8_and_read_back(tmp_path: Path) -> None:
    segments = [TranscriptSegment(0.0, 2.5, "Grüße aus Köln — 你好")]
    write_srt(tmp_path / "talk.srt", segments)
    write_txt(tmp_path / "talk.txt", segments)
    assert read_srt(tmp_path / "talk.srt") == segments
    assert (tmp_path / "talk.txt").read_text(encoding="utf-8") == "Grüße aus Köln — 你好\n"


def test_file_problems_are_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(TranscriptExportError, match="missing"):
        write_srt(tmp_path / "missing" / "talk.srt", SEGMENTS)
    (tmp_path / "bad.srt").write_text("not subtitles", encoding="utf-8")
    with pytest.raises(TranscriptExportError, match="bad.srt"):
        read_srt(tmp_path / "bad.srt")
