"""`gemma-desk serve`: the model behind an OpenAI-shaped HTTP API, headless."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from app.core.server.security import DEFAULT_HOST, DEFAULT_PORT

API_KEY_VARIABLE = "GEMMA_DESK_API_KEY"


def add_serve_command(commands) -> None:
    parser = commands.add_parser("serve", help="serve the model over an OpenAI-compatible HTTP API")
    parser.add_argument("--model", type=Path, dest="sub_model", help="GGUF model file")
    parser.add_argument("--mmproj", type=Path, dest="sub_mmproj", help="projector (mmproj) GGUF for images/audio")
    parser.add_argument("--audio-encoder", type=Path,
                        help="Gemma 3n audio-encoder GGUF (default: one found beside the model)")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default 127.0.0.1; any other needs an API key)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (default 8080; 0 picks a free one)")
    parser.add_argument("--api-key", help=f"key clients must send as 'Authorization: Bearer KEY' "
                                          f"(or set {API_KEY_VARIABLE}, which keeps it out of the process list)")
    parser.add_argument("--ctx", type=int, default=8192, help="context size")
    parser.add_argument("--gpu-layers", type=int, default=0, help="layers to offload to the GPU (-1: all)")
    parser.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))


def run_serve_command(args: argparse.Namespace, load_options) -> int:
    from app.core.models.gguf_file import inspect_model
    from app.core.models.projector_file import inspect_projector
    from app.core.server.application import create_app
    from app.core.server.engine_thread import EngineThread
    from app.core.server.http_server import HttpServer
    from app.core.server.security import ServerSettings

    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s: %(message)s")
    settings = ServerSettings.create(args.host, args.port, args.api_key or os.environ.get(API_KEY_VARIABLE))
    options = load_options(args)
    # The headers first: a wrong file is refused at once, before the server opens.
    inspect_model(options.model_path)
    if options.projector_path is not None:
        inspect_projector(options.projector_path)
    engine = EngineThread(options)
    server = HttpServer(create_app(engine, settings), settings, log_level=args.log_level)
    print(f"gemma-desk: serving {options.model_path.name} at {server.url}/v1 "
          f"({'API key required' if settings.api_key_digest else 'no API key: loopback only'}); "
          "the model is loading, /health says when it is ready. Ctrl-C stops.", file=sys.stderr)
    engine.start()
    # uvicorn shuts down gracefully, then raises the signal again for whoever set it up: here
    # that ends the `run` below, so the engine thread is closed before the process exits.
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        engine.close()
    return 0


def _stop(*_) -> None:
    raise KeyboardInterrupt
