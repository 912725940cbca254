"""What the GPU machine needs and cannot download, made small enough to travel (64 MiB a call).

    python -m bench.gpu_payload slim-pyside6 FULL.whl OUT_DIR
        PySide6-Essentials (84 MB) cut to QtCore/QtGui/QtWidgets and the offscreen platform, with
        the system libraries those load (libGL, libxkbcommon, fontconfig, …; all need glibc ≤ 2.36)
        copied from this machine into PySide6/Qt/lib-fallback/, for a machine that lacks them.
    python -m bench.gpu_payload llama-source SDIST.tar.gz OUT.tar.xz
        llama-cpp-python's sdist without what a CUDA build never reads (models, docs, tests,
        other GPU backends, the server's web UI).
    python -m bench.gpu_payload tokenizer MODEL.gguf OUT.npz
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

QT_MODULES = ("QtCore", "QtGui", "QtWidgets")
QT_LIBRARIES = ("libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6", "libQt6DBus.so.6",
                "libicudata.so.73", "libicui18n.so.73", "libicuuc.so.73")
KEEP_TOP_LEVEL = re.compile(r"PySide6/(__init__\.py|_config\.py|_git_pyside_version\.py|py\.typed|"
                            r"libpyside6\.abi3\.so\.[\d.]+|(" + "|".join(QT_MODULES) + r")\.abi3\.so)$")
SYSTEM_LIBRARIES_PROVIDED = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
                             "ld-linux-x86-64.so.2", "libpthread.so.0", "libdl.so.2", "librt.so.1"}

LLAMA_SOURCE_DROP = (
    "vendor/llama.cpp/models", "vendor/llama.cpp/docs", "vendor/llama.cpp/tests", "vendor/llama.cpp/benches",
    "vendor/llama.cpp/media", "vendor/llama.cpp/.github", "vendor/llama.cpp/.devops", "vendor/llama.cpp/examples",
    "vendor/llama.cpp/gguf-py", "vendor/llama.cpp/conversion", "vendor/llama.cpp/tools/ui",
    "vendor/llama.cpp/tools/server/public", "vendor/llama.cpp/tools/mtmd/test",
    "vendor/llama.cpp/tools/mtmd/tests", "vendor/llama.cpp/tools/mtmd/test-3.mp4",
    ".git", "docs", "examples", "tests", "docker",
) + tuple(f"vendor/llama.cpp/ggml/src/ggml-{backend}" for backend in (
    "vulkan", "sycl", "opencl", "hexagon", "metal", "et", "webgpu", "openvino", "cann", "virtgpu", "musa",
    "hip", "zdnn", "zendnn",
))


def slim_pyside6(full_wheel: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / full_wheel.name
    records: list[str] = []
    with zipfile.ZipFile(full_wheel) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as slim:
        dist_info = next(name.split("/")[0] for name in source.namelist() if ".dist-info/" in name)
        for name in source.namelist():
            if not _keep(name, dist_info) or name.endswith("/RECORD"):
                continue
            data = source.read(name)
            _add(slim, name, data, records, source.getinfo(name).external_attr)
        site = _installed_pyside6()
        for soname, library in _system_closure(site):
            _add(slim, f"PySide6/Qt/lib-fallback/{soname}", library.read_bytes(), records, 0o755 << 16)
        records.append(f"{dist_info}/RECORD,,")
        slim.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
    return target


def _keep(name: str, dist_info: str) -> bool:
    if name.startswith(dist_info + "/"):
        return True
    if KEEP_TOP_LEVEL.match(name):
        return True
    if name.startswith("PySide6/Qt/lib/"):
        return Path(name).name in QT_LIBRARIES
    return name in ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqminimal.so")


def _add(archive: zipfile.ZipFile, name: str, data: bytes, records: list[str], mode: int) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode
    archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    records.append(f"{name},sha256={digest},{len(data)}")


def _installed_pyside6() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent


def _system_closure(site: Path) -> list[tuple[str, Path]]:
    """(soname, file) of each library outside the wheel that Qt Core/Gui/Widgets and the
    offscreen plugin load, transitively."""
    bundled = {path.name for path in (site / "Qt/lib").iterdir()} | {path.name for path in site.iterdir()}
    pending = [site / f"{module}.abi3.so" for module in QT_MODULES]
    pending += [site / "Qt/plugins/platforms/libqoffscreen.so"] + [site / "Qt/lib" / name for name in QT_LIBRARIES]
    found: dict[str, Path] = {}
    while pending:
        for needed in _needed(pending.pop()):
            if needed in SYSTEM_LIBRARIES_PROVIDED or needed in found or needed in bundled:
                continue
            path = _system_path(needed)
            if path is not None:
                found[needed] = path.resolve()
                pending.append(found[needed])
    return sorted(found.items())


def _needed(path: Path) -> list[str]:
    output = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\).*\[(.+?)\]", output)


def _system_path(soname: str) -> Path | None:
    output = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.strip().startswith(soname + " ") and "x86-64" in line:
            return Path(line.split("=>")[1].strip())
    return None


def llama_source(sdist: Path, target: Path) -> Path:
    with tarfile.open(sdist) as source, tarfile.open(target, "w:xz", preset=6) as pruned:
        for member in source.getmembers():
            parts = member.name.split("/", 1)
            inner = parts[1] if len(parts) > 1 else ""
            if any(inner == drop or inner.startswith(drop + "/") for drop in LLAMA_SOURCE_DROP):
                continue
            pruned.addfile(member, source.extractfile(member) if member.isfile() else None)
    return target


if __name__ == "__main__":
    verb, *paths = sys.argv[1:]
    if verb == "slim-pyside6":
        print(slim_pyside6(Path(paths[0]), Path(paths[1])))
    elif verb == "llama-source":
        print(llama_source(Path(paths[0]), Path(paths[1])))
    elif verb == "tokenizer":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.random_gguf import save_tokenizer

        print(save_tokenizer(Path(paths[0]), Path(paths[1])))
    else:
        raise SystemExit(__doc__)
