"""`gemma-desk models list | catalog | download | audio-encoder`: the model manager without a
window, on the same library, catalog and download code as the dialog."""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Callable, TextIO

from app.core.hub.audio_encoder_download import audio_encoder_file_name, fetch_audio_encoder
from app.core.models.catalog import CatalogError, load_catalog
from app.core.hub.downloads import DownloadError, DownloadProgress, download_file, repo_folder
from app.core.models.gguf_file import ModelFileError
from app.core.models.memory_estimate import format_bytes
from app.core.models.library import ModelLibrary, default_model_folders, describe_model, scan_models
from app.core.storage.settings import load_settings
from app.core.models.system_memory import read_memory_status


def add_models_command(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    models = subparsers.add_parser("models", help="list, find and download models")
    actions = models.add_subparsers(dest="models_action")
    models.set_defaults(json=False, folder=[])  # `gemma-desk models` alone lists, as `models list` does

    listing = actions.add_parser("list", help="the installed models and what they can do")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.add_argument("--folder", type=Path, action="append", default=[], help="also scan this folder")

    catalog = actions.add_parser("catalog", help="models that can be downloaded, and the one that fits")
    catalog.add_argument("--json", action="store_true", help="print one JSON object")
    catalog.add_argument("--needs", choices=("text", "image", "audio"), action="append", default=[],
                         help="only models that can do this (repeatable)")
    catalog.add_argument("--max-gb", type=float, help="only downloads up to this size")

    download = actions.add_parser("download", help="download a GGUF with progress, resume and checksum")
    download.add_argument("repo", help="Hugging Face repository, e.g. unsloth/gemma-3n-E2B-it-GGUF")
    download.add_argument("file", help="file in the repository, e.g. gemma-3n-E2B-it-Q4_K_M.gguf")
    download.add_argument("--revision", default="main")
    download.add_argument("--token", help="Hugging Face access token for gated repositories")
    download.add_argument("--folder", type=Path, help="where to put it (default: the models folder)")
    download.add_argument("--with-projector", action="store_true",
                          help="also download the projector the catalog pairs with this file")
    audio = actions.add_parser(
        "audio-encoder", help="make a Gemma 3n model's audio-encoder file from Google's checkpoint")
    audio.add_argument("model", type=Path, help="the installed Gemma 3n GGUF; the file is written beside it")
    audio.add_argument("--token", help="Hugging Face access token (Google's repository is gated)")
    audio.add_argument("--repo", help="checkpoint to cut it from (default: google/gemma-3n-E2B-it or -E4B-it)")
    audio.add_argument("--revision", default="main")
    return models


def run_models_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if args.models_action in (None, "list"):
        return _list(args, out, err)
    if args.models_action == "catalog":
        return _catalog(args, out, err)
    if args.models_action == "audio-encoder":
        return _audio_encoder(args, out, err)
    return _download(args, out, err)


def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings, warnings = load_settings()
    for warning in warnings:
        print(f"gemma-desk: warning: {warning}", file=err)
    folders = default_model_folders([*settings.model.extra_model_folders, *args.folder])
    library = scan_models(folders)
    if args.json:
        json.dump(library_as_json(library, folders), out, indent=2)
        out.write("\n")
        return 0
    if not (library.models or library.broken):
        print(f"No models installed. Looked in: {', '.join(str(f) for f in folders)}", file=out)
        print("Try: gemma-desk models catalog", file=out)
        return 0
    for model in library.models:
        print(f"{model.label}  ({format_bytes(model.size_bytes)}, {model.context_length:,}-token context, "
              f"weights mostly {model.main_tensor_type})", file=out)
        print(f"    {model.path}", file=out)
        if model.projector:
            print(f"    projector: {model.projector.path.name} → {' + '.join(model.capabilities)}", file=out)
        elif model.projector_problem:
            print(f"    projector not usable: {model.projector_problem}", file=out)
        else:
            print("    text only (no projector beside it)", file=out)
    for broken in library.broken:
        print(f"Cannot use {broken.path}: {broken.error}", file=out)
    return 0


def library_as_json(library: ModelLibrary, folders: list[Path]) -> dict:
    def plain(value):
        if isinstance(value, (Path, BaseException)):  # a UserError: its English sentence
            return str(value)
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(item) for item in value]
        return value

    models = []
    for model in library.models:
        entry = plain(asdict(model))
        entry.update(label=model.label, capabilities=list(model.capabilities))
        models.append(entry)
    return {
        "folders": [str(folder) for folder in folders],
        "models": models,
        "projectors": [plain(asdict(projector)) for projector in library.projectors],
        "broken": [plain(asdict(broken)) for broken in library.broken],
    }


def _catalog(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        catalog = load_catalog()
    except CatalogError as error:
        print(f"gemma-desk: error: {error}", file=err)
        return 2
    needs = tuple(args.needs) or ("text",)
    max_bytes = int(args.max_gb * 1e9) if args.max_gb else None
    models = catalog.filter(needs=needs, max_bytes=max_bytes)
    status = read_memory_status()
    suggestion = None
    if status.free_ram:
        suggestion = catalog.suggest(status.free_ram, free_vram=status.free_vram, needs=needs, max_bytes=max_bytes)
    if args.json:
        json.dump({
            "free_memory": asdict(status),
            "suggested": suggestion.model.id if suggestion else None,
            "models": [dict(asdict(model), label=model.label, capabilities=list(model.capabilities))
                       for model in models],
        }, out, indent=2)
        out.write("\n")
        return 0
    print(f"This machine: {status.describe()}", file=out)
    for model in models:
        mark = "→ " if suggestion and suggestion.model.id == model.id else "  "
        print(f"{mark}{model.describe()}", file=out)
        print(f"      gemma-desk models download {model.repo} {model.file}", file=out)
    if suggestion:
        print(f"Suggested: {suggestion.model.label}. {suggestion.reason}", file=out)
    return 0


def _download(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folder = args.folder or repo_folder(args.repo)
    files = [(args.repo, args.file)]
    if args.with_projector:
        projector = _catalog_projector(args.repo, args.file)
        if projector is None:
            print(f"gemma-desk: warning: the catalog pairs no projector with {args.file}.", file=err)
        else:
            files.append((projector.repo, projector.file))
    return _fetch_each([
        functools.partial(download_file, repo, filename, folder=folder, revision=args.revision, token=args.token)
        for repo, filename in files
    ], out, err)


def _fetch_each(fetches: list[Callable[..., Path]], out: TextIO, err: TextIO) -> int:
    """Run each fetch(on_progress=…) with a terminal progress bar; print the files; 0, 1 or 130."""
    bar = TerminalProgressBar(err)
    try:
        for fetch in fetches:
            path = fetch(on_progress=bar.show)
            bar.finish()
            print(path, file=out)
    except DownloadError as error:
        bar.finish()
        print(f"gemma-desk: error: {error}", file=err)
        return 1
    except KeyboardInterrupt:
        bar.finish()
        print("gemma-desk: stopped. Run the same command again to resume.", file=err)
        return 130
    return 0


def _audio_encoder(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        model = describe_model(args.model)
    except ModelFileError as error:
        print(f"gemma-desk: error: {error}", file=err)
        return 1
    repo = args.repo or model.audio_encoder_repo
    if repo is None:
        print(f"gemma-desk: error: {args.model.name} is not a Gemma 3n E2B/E4B model; pass --repo to choose "
              "the checkpoint.", file=err)
        return 1
    target = args.model.parent / audio_encoder_file_name(args.model)
    return _fetch_each([functools.partial(fetch_audio_encoder, repo, target, revision=args.revision,
                                          token=args.token)], out, err)


def _catalog_projector(repo: str, filename: str):
    try:
        catalog = load_catalog()
    except CatalogError:
        return None
    model = next((m for m in catalog.models if m.repo == repo and m.file == filename), None)
    return model.projector_for(("image",)) if model else None


class TerminalProgressBar:
    """`gemma-3n-E2B-it-Q4_K_M.gguf [#####-----] 48% 1.45/3.03 GB 12.1 MB/s ETA 2:11`, redrawn in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.drawn = False

    def show(self, progress: DownloadProgress) -> None:
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 60))
        fraction = progress.fraction or 0.0
        filled = int(width * fraction)
        total = format_bytes(progress.total) if progress.total else "?"
        speed = f"{format_bytes(int(progress.bytes_per_second))}/s" if progress.bytes_per_second else ""
        eta = _clock(progress.eta_seconds) if progress.eta_seconds is not None else ""
        stage = {"verifying": "checking", "converting": "writing", "done": "done"}.get(progress.stage, "")
        amount = (f"{progress.downloaded}/{progress.total} tensors" if progress.stage == "converting"
                  else f"{format_bytes(progress.downloaded)}/{total}")
        line = (f"{progress.filename} [{'#' * filled}{'-' * (width - filled)}] {fraction:4.0%} "
                f"{amount} {speed} {('ETA ' + eta) if eta and not stage else stage}")
        self.stream.write("\r" + line.rstrip() + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
