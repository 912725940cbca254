"""Command line: `gemma-desk` opens the window; subcommands run the same engine headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__


# The window's own options that take a value (the others are flags).
_WINDOW_OPTIONS_WITH_VALUE = ("--model", "--mmproj")


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; `with_commands=False`: the window's options alone."""
    parser = argparse.ArgumentParser(prog="gemma-desk", description="Offline Gemma assistant.")
    parser.add_argument("--version", action="version", version=f"gemma-desk {__version__}")
    parser.add_argument("--model", type=Path, help="GGUF model file to open")
    parser.add_argument("--mmproj", type=Path, help="projector (mmproj) GGUF for images/audio")
    parser.add_argument("--self-test", action="store_true", help="load a model, run one turn offscreen, exit")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    commands = parser.add_subparsers(dest="command")

    chat = commands.add_parser("chat", help="stream an answer to stdout")
    _add_turn_arguments(chat)
    chat.add_argument("--max-tokens", type=int, default=512)
    chat.add_argument("--temperature", type=float, default=1.0)
    chat.add_argument("--seed", type=int)
    add_server_arguments(chat)

    prompt = commands.add_parser("prompt", help="show the exact prompt and its token ids")
    _add_turn_arguments(prompt)
    prompt.add_argument("--show-tokens", action="store_true", help="print token ids and the BOS count")
    prompt.add_argument("--json", action="store_true", help="print one JSON object")

    from app.cli.chat import add_more_commands

    add_more_commands(commands)
    return parser


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", metavar="URL", help="use an OpenAI-compatible server instead of a local model")
    parser.add_argument("--server-model", metavar="ID", help="the server's model (default: the first it lists)")
    parser.add_argument("--api-key", help="the server's API key (better: $GEMMA_DESK_SERVER_KEY, which other "
                        "users of this computer cannot see in the process list)")


def _add_turn_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, dest="sub_model", help="GGUF model file")
    parser.add_argument("--mmproj", type=Path, dest="sub_mmproj", help="projector (mmproj) GGUF")
    parser.add_argument("--image", type=Path, action="append", default=[], help="image to attach (repeatable)")
    parser.add_argument("--system", default="", help="system prompt (folded into the first user turn)")
    parser.add_argument("--history", type=Path, help="JSON list of earlier turns: [{role, text}, …]")
    parser.add_argument("--ctx", type=int, default=4096, help="context size")
    parser.add_argument("--gpu-layers", type=int, default=0, help="layers to offload to the GPU (-1: all)")
    parser.add_argument("text", help="the user's message")


def window_options_only(arguments: list[str]) -> bool:
    """Only the window's own options (no subcommand, no help): the short parser reads them alike."""
    value_expected = False
    for argument in arguments:
        if value_expected:
            value_expected = False
        elif argument in ("-h", "--help") or not argument.startswith("-"):
            return False
        else:
            value_expected = argument in _WINDOW_OPTIONS_WITH_VALUE
    return True


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    from app.core.models.load_probe import PROBE_ARGUMENT

    if arguments[:1] == [PROBE_ARGUMENT]:  # the bundle's own executable as the file-check child
        from app.core.models.load_probe import main as probe_main

        return probe_main(arguments[1:])
    # Defining the subcommands imports their modules (the hub, the server, speech: a fifth of a
    # second), which only delays the window's first model load when none of them is named.
    args = build_parser(with_commands=not window_options_only(arguments)).parse_args(arguments)
    if args.self_test:
        from app.cli.self_test import run_self_test

        return run_self_test(args)
    if args.command is None:
        from app.ui.application import run_application

        return run_application(args)
    from app.cli.chat import run_command

    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
