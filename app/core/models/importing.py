"""Bringing a GGUF the user already has into the models folder, by copy or by link.

Each import gets its own sub-folder, named after the model file, so that projectors with
generic names (unsloth's `mmproj-F16.gguf`) stay next to the model they belong to.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core import paths
from app.core.models.gguf_file import ModelFileError, inspect_model
from app.core.models.projector_file import ProjectorError, check_projector_pairs_with, find_projector_beside, inspect_projector
from app.core.errors import UserError, same_message

DISK_MARGIN = 64 * 1024 * 1024


class ModelImportError(UserError):
    """The file cannot be imported; the message names it and says why."""


@dataclass(frozen=True)
class ImportResult:
    model_path: Path
    projector_path: Path | None


def import_model(
    source: Path,
    *,
    copy: bool = True,
    with_projector: bool = True,
    models_folder: Path | None = None,
    free_space: Callable[[Path], int] = lambda folder: shutil.disk_usage(folder).free,
) -> ImportResult:
    """Copy (or symlink) `source` and its paired projector into the models folder."""
    source = Path(source)
    try:
        info = inspect_model(source)
    except ModelFileError as error:
        raise same_message(ModelImportError, error) from error
    projector = find_projector_beside(source) if with_projector else None
    if projector is not None:
        try:
            check_projector_pairs_with(inspect_projector(projector), info.embedding_length)
        except ProjectorError:
            projector = None  # a projector that does not pair is left where it is
    folder = (models_folder or paths.models_folder()) / source.stem
    files = [source] + ([projector] if projector else [])
    if copy:
        needed = sum(file.stat().st_size for file in files if not _already_there(file, folder))
        folder.mkdir(parents=True, exist_ok=True)
        available = free_space(folder)
        if needed + DISK_MARGIN > available:
            raise ModelImportError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Not enough disk space to copy {name}: it needs {value:.1f} GB and "
                    "{value_2:.1f} GB is free in {folder}. Free some space or import it as a "
                    "link.",
                ),
                name=source.name, value=needed / 1e9, value_2=available / 1e9, folder=folder,
            )
    folder.mkdir(parents=True, exist_ok=True)
    placed = [_place(file, folder, copy) for file in files]
    return ImportResult(model_path=placed[0], projector_path=placed[1] if projector else None)


def _already_there(file: Path, folder: Path) -> bool:
    target = folder / file.name
    return target.exists() and target.stat().st_size == file.stat().st_size


def _place(file: Path, folder: Path, copy: bool) -> Path:
    target = folder / file.name
    if target.exists() or target.is_symlink():
        if target.exists() and (target.samefile(file) or target.stat().st_size == file.stat().st_size):
            return target
        raise ModelImportError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{target} already exists and is a different file. Remove it first.",
            ),
            target=target,
        )
    if not copy:
        try:
            os.symlink(file.resolve(), target)
        except OSError as error:
            raise ModelImportError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Could not link {name} into {folder}: {value}. On Windows, linking needs "
                    "Developer Mode; copy the file instead.",
                ),
                name=file.name, folder=folder, value=error.strerror or error,
            ) from error
        return target
    partial = target.with_name(target.name + ".partial")
    try:
        shutil.copyfile(file, partial)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ModelImportError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Could not copy {name} into {folder}: {value}.",
            ),
            name=file.name, folder=folder, value=error.strerror or error,
        ) from error
    return target
