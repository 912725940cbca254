"""prepare_image against a corpus of good and bad images generated here."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.core.chat.images import (
    PASTED_IMAGE_NAME,
    SUPPORTED_IMAGE_SUFFIXES,
    ImageError,
    PreparedImage,
    prepare_image,
)

RED, BLUE, WHITE = (255, 0, 0), (0, 0, 255), (255, 255, 255)


def encode(image: Image.Image, file_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, file_format, **options)
    return buffer.getvalue()


def png_by_hand(width: int, height: int, bit_depth: int, color_type: int, rows: bytes | None) -> bytes:
    """A PNG built chunk by chunk, so a header can promise any size without pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    data = chunk(b"IDAT", zlib.compress(rows)) if rows is not None else b""
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + data + chunk(b"IEND", b"")


def pixel(prepared: PreparedImage, x: int, y: int) -> tuple[int, int, int]:
    offset = (y * prepared.width + x) * 3
    return tuple(prepared.rgb[offset : offset + 3])


def close_to(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_png_file_gives_exact_pixels_hash_format_and_name(tmp_path: Path) -> None:
    image = Image.new("RGB", (3, 2), RED)
    image.putpixel((2, 1), BLUE)
    data = encode(image, "PNG")
    prepared = prepare_image(write(tmp_path, "holiday.png", data))
    assert (prepared.width, prepared.height, prepared.format, prepared.name) == (3, 2, "PNG", "holiday.png")
    assert prepared.rgb == image.tobytes()
    assert prepared.original == data
    assert prepared.sha256 == hashlib.sha256(data).hexdigest()
    assert "rgb" not in repr(prepared) and "original" not in repr(prepared)


@pytest.mark.parametrize(
    ("file_format", "options", "lossless"),
    [
        ("PNG", {}, True),
        ("JPEG", {"quality": 95}, False),
        ("WEBP", {"lossless": True}, True),
        ("BMP", {}, True),
        ("GIF", {}, True),
        ("TIFF", {}, True),
    ],
)
def test_every_supported_format_decodes(file_format: str, options: dict, lossless: bool) -> None:
    image = Image.new("RGB", (16, 8), RED)
    for x in range(8, 16):
        for y in range(8):
            image.putpixel((x, y), BLUE)
    prepared = prepare_image(encode(image, file_format, **options), name=f"x.{file_format.lower()}")
    assert (prepared.width, prepared.height, prepared.format) == (16, 8, file_format)
    assert len(prepared.rgb) == 16 * 8 * 3
    if lossless:
        assert prepared.rgb == image.tobytes()
    else:
        assert close_to(pixel(prepared, 2, 2), RED, 20) and close_to(pixel(prepared, 13, 5), BLUE, 20)


def test_supported_suffixes_cover_the_formats() -> None:
    for suffix in (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"):
        assert suffix in SUPPORTED_IMAGE_SUFFIXES


def test_pasted_bytes_get_a_default_name() -> None:
    assert prepare_image(encode(Image.new("RGB", (2, 2)), "PNG")).name == PASTED_IMAGE_NAME


def test_truncated_jpeg_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = encode(Image.effect_noise((64, 64), 50).convert("RGB"), "JPEG")
    with pytest.raises(ImageError, match=r"photo\.jpg is damaged or incomplete"):
        prepare_image(write(tmp_path, "photo.jpg", data[: len(data) // 2]))


def test_truncated_png_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = encode(Image.effect_noise((64, 64), 50).convert("RGB"), "PNG")
    with pytest.raises(ImageError, match=r"cut\.png"):
        prepare_image(write(tmp_path, "cut.png", data[: len(data) // 2]))


def test_zero_byte_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match=r"empty\.png is empty"):
        prepare_image(write(tmp_path, "empty.png", b""))


def test_text_file_named_png_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match=r"notes\.png is not an image"):
        prepare_image(write(tmp_path, "notes.png", b"shopping list: eggs, milk\n" * 20))


def test_format_outside_the_list_is_refused() -> None:
    with pytest.raises(ImageError, match=r"icon\.ico is not an image"):
        prepare_image(encode(Image.new("RGB", (16, 16)), "ICO"), name="icon.ico")


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match=r"gone\.png"):
        prepare_image(tmp_path / "gone.png")
    (tmp_path / "album.png").mkdir()
    with pytest.raises(ImageError, match=r"album\.png is a folder"):
        prepare_image(tmp_path / "album.png")


def test_one_by_one_pixel_image_is_accepted() -> None:
    prepared = prepare_image(encode(Image.new("RGB", (1, 1), BLUE), "PNG"), name="dot.png")
    assert (prepared.width, prepared.height, prepared.rgb) == (1, 1, bytes(BLUE))


def test_forty_thousand_square_header_is_refused_before_decoding(tmp_path: Path) -> None:
    # Only a header: a decode attempt would fail as "damaged", so "too large" proves it never ran.
    path = write(tmp_path, "bomb.png", png_by_hand(40000, 40000, 8, 2, rows=None))
    assert path.stat().st_size < 100
    with pytest.raises(ImageError, match=r"bomb\.png claims to be far larger than 50\.0 megapixels"):
        prepare_image(path)


def test_header_over_our_limit_names_its_size() -> None:
    header_only = png_by_hand(8000, 8000, 8, 2, rows=None)  # 64 MP: under Pillow's own bomb limit
    with pytest.raises(ImageError, match=r"big\.png is 8000×8000 pixels \(64\.0 megapixels\); the limit is 50\.0"):
        prepare_image(header_only, name="big.png")


def test_pixel_limit_is_configurable() -> None:
    data = encode(Image.new("RGB", (100, 100)), "PNG")
    with pytest.raises(ImageError, match=r"the limit is 0\.0 megapixels"):
        prepare_image(data, name="a.png", max_pixels=9_999)
    assert prepare_image(data, name="a.png", max_pixels=10_000).width == 100


def test_cmyk_jpeg_becomes_rgb() -> None:
    data = encode(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG", quality=95)
    prepared = prepare_image(data, name="print.jpg")
    assert len(prepared.rgb) == 8 * 8 * 3
    assert close_to(pixel(prepared, 4, 4), RED, 20)


def test_sixteen_bit_grayscale_png_is_scaled_not_clipped() -> None:
    samples = [65535, 32896, 1000, 0]
    rows = b"".join(b"\x00" + struct.pack(">H", value) for value in samples)
    prepared = prepare_image(png_by_hand(1, 4, 16, 0, rows), name="scan16.png")
    assert [pixel(prepared, 0, y)[0] for y in range(4)] == [255, 128, 4, 0]


def test_sixteen_bit_rgb_png_becomes_eight_bit() -> None:
    rows = b"\x00" + struct.pack(">HHH", 65535, 0, 32896)
    prepared = prepare_image(png_by_hand(1, 1, 16, 2, rows), name="photo16.png")
    assert close_to(pixel(prepared, 0, 0), (255, 0, 128), 1)


def test_animated_gif_gives_its_first_frame() -> None:
    frames = [Image.new("RGB", (10, 6), RED), Image.new("RGB", (10, 6), BLUE)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert Image.open(io.BytesIO(data)).n_frames == 2
    prepared = prepare_image(data, name="party.gif")
    assert (prepared.width, prepared.height, prepared.format) == (10, 6, "GIF")
    assert pixel(prepared, 5, 3) == RED


def test_exif_orientation_is_applied() -> None:
    # Stored 40×20, left half red; orientation 6 means "rotate 90° clockwise to view":
    # the viewer sees 20×40 with red on top.
    stored = Image.new("RGB", (40, 20), BLUE)
    stored.paste(RED, (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    prepared = prepare_image(encode(stored, "JPEG", quality=95, exif=exif), name="phone.jpg")
    assert (prepared.width, prepared.height) == (20, 40)
    assert close_to(pixel(prepared, 10, 5), RED, 20)
    assert close_to(pixel(prepared, 10, 34), BLUE, 20)


def test_rgba_is_composited_on_white() -> None:
    image = Image.new("RGBA", (3, 1), (0, 0, 0, 0))
    image.putpixel((1, 0), (0, 0, 0, 128))
    image.putpixel((2, 0), RED + (255,))
    prepared = prepare_image(encode(image, "PNG"), name="logo.png")
    assert pixel(prepared, 0, 0) == WHITE
    assert close_to(pixel(prepared, 1, 0), (127, 127, 127), 1)
    assert pixel(prepared, 2, 0) == RED


def test_grayscale_with_alpha_is_composited_on_white() -> None:
    image = Image.new("LA", (2, 1), (0, 0))
    image.putpixel((1, 0), (0, 255))
    prepared = prepare_image(encode(image, "PNG"), name="la.png")
    assert (pixel(prepared, 0, 0), pixel(prepared, 1, 0)) == (WHITE, (0, 0, 0))


def test_palette_with_transparent_index_is_composited_on_white() -> None:
    image = Image.new("P", (2, 1), 0)
    image.putpalette(list((0, 0, 0) + BLUE) + [0] * (256 - 2) * 3)
    image.putpixel((1, 0), 1)
    prepared = prepare_image(encode(image, "PNG", transparency=0), name="sticker.png")
    assert (pixel(prepared, 0, 0), pixel(prepared, 1, 0)) == (WHITE, BLUE)


@pytest.mark.parametrize(("mode", "value", "expected"), [("L", 200, (200,) * 3), ("1", 1, WHITE)])
def test_grayscale_and_bilevel_become_rgb(mode: str, value: int, expected: tuple[int, int, int]) -> None:
    prepared = prepare_image(encode(Image.new(mode, (4, 4), value), "PNG"), name="gray.png")
    assert pixel(prepared, 1, 1) == expected


def test_floating_point_tiff_is_stretched_to_eight_bits() -> None:
    image = Image.new("F", (2, 1), 0.0)
    image.putpixel((1, 0), 1.0)
    prepared = prepare_image(encode(image, "TIFF"), name="depth.tif")
    assert (pixel(prepared, 0, 0), pixel(prepared, 1, 0)) == ((0, 0, 0), WHITE)
