"""`gemma-desk transcribe FILE`: a file through the same dictation session and engine as the window."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from app.core.engine.engine import EngineError, stream_to
from app.core.errors import same_message
from app.core.speech.chunker import ChunkingSettings, silence_rms_for_dbfs
from app.core.speech.session import DictationSession
from app.core.speech.transcript_export import format_clock, write_srt
from app.core.speech.transcription import SpeechTask, transcribe_chunk
from app.core.storage.settings import SpeechSettings
from app.core.storage.settings_rules import AUDIO_ENCODER_DEVICES
from app.core.task_presets import LANGUAGES

INTERRUPTED = 130


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
    parser.add_argument("--audio-encoder-device", choices=AUDIO_ENCODER_DEVICES, default="auto",
                        help="where Gemma 3n's audio encoder runs (default: auto, the GPU when --gpu-layers is set)")
    parser.add_argument("--max-tokens", type=int, help="cap on each chunk's answer (default: by its length)")
    parser.add_argument("--silence-threshold", type=float, metavar="DBFS",
                        default=SpeechSettings().silence_threshold_db,
                        help="chunks quieter than this are skipped without the model (default: %(default)s)")
    parser.add_argument("file", type=Path, help="WAV, FLAC or MP3 (any rate, any channels)")
    from app.cli import add_server_arguments

    add_server_arguments(parser)


def run_transcribe_command(args: argparse.Namespace, load_engine) -> int:
    chunking = ChunkingSettings(silence_rms=silence_rms_for_dbfs(args.silence_threshold))
    session = DictationSession(on_problem=lambda message: print(message, file=sys.stderr), chunking=chunking)
    job = session.add_file(args.file, SpeechTask(args.translate_to))  # a bad file is refused before the model loads
    engine = load_engine(args)
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        if engine.speech_unavailable:
            raise same_message(EngineError, engine.speech_unavailable)
        fallback = getattr(engine, "audio_encoder_fallback", None)  # a RemoteEngine has none
        if fallback:
            print(fallback, file=sys.stderr)
        while not stop.is_set() and (work := session.start_next_chunk()) is not None:
            chunk = work.chunk
            print(f"{job.title}: {job.status}", file=sys.stderr)
            sys.stdout.write(f"[{format_clock(chunk.start_s)} – {format_clock(chunk.end_s)}] ")
            result = stream_to(sys.stdout, transcribe_chunk(engine, chunk, job.task, stop.is_set, args.max_tokens))
            print()
            if stop.is_set():
                break
            session.finish_chunk(result.text)
        if stop.is_set():
            session.cancel(job)
            print(f"{job.title}: {job.status} (interrupted)", file=sys.stderr)
        else:
            print(f"{job.title}: {job.status}", file=sys.stderr)
        if args.srt:
            write_srt(args.srt, job.segments)
            print(f"subtitles written to {args.srt}", file=sys.stderr)
    finally:
        signal.signal(signal.SIGINT, previous)
        engine.close()
    return INTERRUPTED if stop.is_set() else 0
