"""The desktop entry, AppStream metainfo and icons under resources/, and how the app finds them."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from app.resources import APP_ID, ICON_SIZES, icon_png_path, icon_svg_path, resource_path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DESKTOP_FILE = ROOT / "resources" / f"{APP_ID}.desktop"
METAINFO_FILE = ROOT / "resources" / f"{APP_ID}.metainfo.xml"


def read_desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_gui_launcher_with_the_app_icon():
    entry = read_desktop_entry(DESKTOP_FILE)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Gemma Desk"
    assert entry["Exec"] in PROJECT["gui-scripts"]
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert "Utility" in entry["Categories"].split(";")


def test_desktop_file_name_matches_the_one_the_app_announces(qapp):
    from app.ui.application import create_application

    assert create_application().desktopFileName() == DESKTOP_FILE.stem


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_names_the_app_its_launcher_and_the_current_release():
    component = ElementTree.parse(METAINFO_FILE).getroot()
    assert component.tag == "component" and component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("provides/binary") in PROJECT["gui-scripts"]
    assert component.findtext("project_license") == PROJECT["license"]["text"]
    newest_release = component.find("releases/release")
    assert newest_release.get("version") == PROJECT["version"], "add a <release> for the new version"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream (appstreamcli) not installed")
def test_metainfo_validates_with_appstreamcli():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert not problems, result.stdout


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_each_size_with_transparency(size: int):
    with Image.open(icon_png_path(size)) as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0, "the corners outside the rounded tile are transparent"


def test_icon_pngs_are_rendered_from_the_current_svg(qapp, tmp_path: Path):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from render_icons import render_png
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(icon_svg_path()))
    assert renderer.isValid()
    for size in (16, 48, 256):
        render_png(renderer, size, tmp_path / f"{size}.png")
        with Image.open(tmp_path / f"{size}.png") as fresh, Image.open(icon_png_path(size)) as shipped:
            difference = ImageChops.difference(fresh.convert("RGBA"), shipped.convert("RGBA")).getbbox()
        assert difference is None, f"{size}px PNG is stale: run packaging/render_icons.py"


def test_resource_path_points_into_the_checkout_from_source():
    assert resource_path(DESKTOP_FILE.name) == DESKTOP_FILE
    assert icon_svg_path().is_file()


def test_resource_path_points_into_the_bundle_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons/x.svg") == tmp_path / "resources" / "icons" / "x.svg"


def test_app_icon_has_a_picture_at_menu_and_window_sizes(qapp):
    from app.ui.app_icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 64, 200):
        image = icon.pixmap(size).toImage()
        assert image.width() == size
        middle = image.pixelColor(size // 2, size // 2)
        assert middle.alpha() == 255


def run_installer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "packaging" / "install_desktop_entry.sh"), *args],
        capture_output=True, text=True, timeout=60,
    )


def test_install_desktop_entry_puts_files_where_menus_look_and_uninstall_removes_them(tmp_path: Path):
    program = tmp_path / "Gemma Desk bundle" / "gemma-desk"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    prefix = tmp_path / "prefix"

    result = run_installer("--prefix", str(prefix), "--exec", str(program))

    assert result.returncode == 0, result.stderr
    share = prefix / "share"
    installed = share / "applications" / DESKTOP_FILE.name
    entry = read_desktop_entry(installed)
    assert entry["Exec"] == f'"{program}"'
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == APP_ID
    assert (share / "metainfo" / METAINFO_FILE.name).read_bytes() == METAINFO_FILE.read_bytes()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    assert run_installer("--prefix", str(prefix), "--uninstall").returncode == 0
    assert not installed.exists()
    assert not list((share / "icons").rglob("*.png"))


def test_install_desktop_entry_refuses_a_missing_program(tmp_path: Path):
    result = run_installer("--prefix", str(tmp_path), "--exec", str(tmp_path / "nowhere" / "gemma-desk"))
    assert result.returncode == 1
    assert "no gemma-desk program found" in result.stderr
