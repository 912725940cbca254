"""`gemma-desk transcribe FILE`: a file through the same chunker and engine as dictation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.audio.audio_file import load_audio_file
from app.core.speech.chunker import chunk_audio
from app.core.speech.transcript_export import format_clock, write_srt
from app.core.engine.engine import EngineError, stream_to
from app.core.task_presets import LANGUAGES
from app.core.speech.transcription import SpeechTask, segment_for, transcribe_chunk


def add_transcribe_command(commands) -> None:
    parser = commands.add_parser("transcribe", help="transcribe or translate an audio file")
    parser.add_argument("--model", type=Path, dest="sub_model", help="GGUF model file")
    parser.add_argument("--mmproj", type=Path, dest="sub_mmproj", help="audio-capable projector")
    parser.add_argument("--audio-encoder", type=Path,
                        help="Gemma 3n audio-encoder GGUF (default: one found beside the model)")
    parser.add_argument("--translate-to", metavar="LANG", help=f"translate, e.g. {', '.join(LANGUAGES[:4])}")
    parser.add_argument("--srt", type=Path, help="also write subtitles to this file")
    parser.add_argument("--ctx", type=int, default=4096)
    parser.add_argument("--gpu-layers", type=int, default=0)
    parser.add_argument("--max-tokens", type=int, help="cap on each chunk's answer (default: by its length)")
    parser.add_argument("file", type=Path, help="WAV, FLAC or MP3 (any rate, any channels)")
    from app.cli import add_server_arguments

    add_server_arguments(parser)


def run_transcribe_command(args: argparse.Namespace, load_engine) -> int:
    samples = load_audio_file(args.file)
    engine = load_engine(args)
    try:
        reason = engine.speech_unavailable_reason
        if reason:
            raise EngineError(reason)
        task = SpeechTask(args.translate_to)
        segments = []
        for chunk in chunk_audio(samples):
            if chunk.is_silence:
                print(f"[{format_clock(chunk.start_s)} – {format_clock(chunk.end_s)}] (silence)", file=sys.stderr)
                continue
            sys.stdout.write(f"[{format_clock(chunk.start_s)} – {format_clock(chunk.end_s)}] ")
            result = stream_to(sys.stdout, transcribe_chunk(engine, chunk, task, max_tokens=args.max_tokens))
            print()
            segments.append(segment_for(chunk, result.text))
        if args.srt:
            write_srt(args.srt, segments)
            print(f"subtitles written to {args.srt}", file=sys.stderr)
    finally:
        engine.close()
    return 0
