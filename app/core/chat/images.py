"""Turn an image file (or pasted image bytes) into the 8-bit RGB pixels libmtmd wants.

libmtmd does the model's own resize and normalisation, so we only decode, orient and convert.
The original bytes are kept for the conversation history.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.errors import UserError
from app.core.models.file_checks import regular_file_size

if TYPE_CHECKING:
    from PIL import Image

SUPPORTED_IMAGE_SUFFIXES: frozenset[str] = frozenset(
    {".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".bmp", ".dib", ".gif", ".tif", ".tiff"}
)
# Pillow's names for the same formats (DIB: a BMP without its file header, as on clipboards).
_PILLOW_FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "DIB", "GIF", "TIFF")
# Pillow reports many phone-camera JPEGs as MPO (they carry a second, preview picture).
_FORMAT_NAMES = {"MPO": "JPEG", "DIB": "BMP"}

DEFAULT_MAX_PIXELS = 50_000_000
MAX_FILE_BYTES = 256 * 1024 * 1024
PASTED_IMAGE_NAME = "pasted image"

_WHITE = (255, 255, 255)


class ImageError(UserError, ValueError):
    """An image the user gave us cannot be used; the message names the file and says why."""


@dataclass(frozen=True)
class PreparedImage:
    rgb: bytes = field(repr=False)  # width * height * 3 bytes, row-major, no padding
    width: int
    height: int
    sha256: str  # of `original`, hex
    original: bytes = field(repr=False)
    format: str  # "PNG", "JPEG", "WEBP", "BMP", "GIF" or "TIFF"
    name: str


def prepare_image(
    source: Path | bytes,
    *,
    name: str | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> PreparedImage:
    """Decode `source` to 8-bit RGB, upright, with transparency flattened onto white.

    Raises ImageError for anything a user can cause: unreadable, empty, not an image, damaged,
    or larger than `max_pixels` (checked from the header, before any pixel is decoded).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        original = bytes(source)
        name = name or PASTED_IMAGE_NAME
    else:
        path = Path(source)
        name = name or path.name
        original = _read_file(path, name)
    if not original:
        raise ImageError(QT_TRANSLATE_NOOP("UserError", "{name} is empty (0 bytes)."), name=name)
    _check_file_size(name, len(original))
    # Pillow comes with the first picture: at start-up its import (~30 ms) ran beside the model's
    # load, which it slowed, for a window that shows no picture yet.
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(original), formats=_PILLOW_FORMATS)
    except Image.DecompressionBombError:
        raise ImageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} claims to be far larger than {max_pixels}; it was not opened, to "
                "keep the computer responsive.",
            ),
            name=name, max_pixels=_megapixels(max_pixels),
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is not an image Gemma Desk can read (PNG, JPEG, WebP, BMP, GIF or "
                "TIFF).",
            ),
            name=name,
        ) from exc

    with image:
        width, height = image.size
        if width < 1 or height < 1:
            raise ImageError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} has no pixels ({width}×{height}).",
                ),
                name=name, width=width, height=height,
            )
        if width * height > max_pixels:
            raise ImageError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} is {width}×{height} pixels ({megapixels}); the limit is "
                    "{max_pixels}.",
                ),
                name=name,
                width=width,
                height=height,
                megapixels=_megapixels(width * height),
                max_pixels=_megapixels(max_pixels),
            )
        file_format = _FORMAT_NAMES.get(image.format or "", image.format or "")
        try:
            image.load()  # first frame only for GIF/TIFF/WebP animations
            ImageOps.exif_transpose(image, in_place=True)
            rgb_image = _to_rgb(image)
            rgb = rgb_image.tobytes()
        except Image.DecompressionBombError:
            raise ImageError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} is too large to decode safely.",
                ),
                name=name,
            ) from None
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError) as exc:
            raise ImageError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} is damaged or incomplete and cannot be decoded ({exc}).",
                ),
                name=name, exc=exc,
            ) from exc
        width, height = rgb_image.size

    return PreparedImage(
        rgb=rgb,
        width=width,
        height=height,
        sha256=hashlib.sha256(original).hexdigest(),
        original=original,
        format=file_format,
        name=name,
    )


def _read_file(path: Path, name: str) -> bytes:
    # A FIFO would block the read and a device (/dev/zero) never ends: regular files only.
    _check_file_size(name, regular_file_size(path, ImageError, QT_TRANSLATE_NOOP("UserError", "an image")))
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since
    except OSError as exc:
        raise ImageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Cannot read {name}: {value}.",
            ),
            name=name, value=exc.strerror or exc,
        ) from exc
    _check_file_size(name, len(content))
    return content


def _check_file_size(name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ImageError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{name} is {size}; images up to {max_file_bytes} can be attached.",
            ),
            name=name, size=_mib(size), max_file_bytes=_mib(MAX_FILE_BYTES),
        )


def _to_rgb(image: Image.Image) -> Image.Image:
    from PIL import Image

    mode = image.mode
    if mode in ("I", "I;16", "I;16L", "I;16B", "I;16N"):
        # 16-bit samples: scale to 8 bits (convert("L") would clip everything above 255 to white).
        return image.convert("I").point(lambda value: value / 257 + 0.5).convert("L").convert("RGB")
    if mode == "F":
        low, high = image.getextrema()
        scale = 255.0 / (high - low) if high > low else 0.0
        return image.point(lambda value: (value - low) * scale).convert("L").convert("RGB")
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image if image.mode == "RGBA" else image.convert("RGBA")
        # Pasting through the alpha mask onto white keeps one RGB copy instead of three RGBA ones.
        background = Image.new("RGB", rgba.size, _WHITE)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if mode == "RGB":
        return image
    return image.convert("RGB")


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f} megapixels"


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"
