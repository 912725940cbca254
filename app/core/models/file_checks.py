"""Is this path a plain file we may read? Asked before anything opens it.

A FIFO or a device (`/dev/zero`) named like a model or an image would hang a read or fill the
memory; a symbolic link that points back to itself makes `Path.resolve()` raise RuntimeError.
Each gives a sentence instead."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from app.core.errors import UserError
from app.core.i18n import QT_TRANSLATE_NOOP


def regular_file_size(path: Path, error: type[UserError], what: str) -> int:
    """The size of `path` when it is a regular file (after symbolic links); else `error`, naming it.

    `what` is the kind of file wanted, for the message ("a GGUF file", "an image", …), marked
    with QT_TRANSLATE_NOOP("UserError", ...) so the window translates it inside the sentence."""
    wanted = UserError(what)  # a sentence part: error_text translates it as an argument
    try:
        status = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise error(QT_TRANSLATE_NOOP("UserError", "{path} is a symbolic link that leads back to itself, not {what}."),
                        path=path, what=wanted) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise error(QT_TRANSLATE_NOOP("UserError", "{path} does not exist."), path=path) from None
        raise error(QT_TRANSLATE_NOOP("UserError", "Cannot read {path}: {value}."), path=path,
                    value=exc.strerror or exc) from None
    except ValueError as exc:  # a NUL in the name
        raise error(QT_TRANSLATE_NOOP("UserError", "{name} is not a usable file name ({problem})."),
                    name=repr(path), problem=exc) from None
    if stat.S_ISDIR(status.st_mode):
        raise error(QT_TRANSLATE_NOOP("UserError", "{path} is a folder, not {what}."), path=path, what=wanted)
    if not stat.S_ISREG(status.st_mode):
        raise error(QT_TRANSLATE_NOOP("UserError", "{path} is a pipe, socket or device, not {what}."),
                    path=path, what=wanted)
    return status.st_size


def resolved_or_none(path: Path) -> Path | None:
    """`path` with its symbolic links followed, or None when they loop or cannot be read."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None
