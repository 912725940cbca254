"""Screenshot scenes for the Settings dialog and the Model manager (used by screenshots.py).

The download scene serves a generated file slowly from the loopback stand-in for the hub
(tests/fake_hub.py, through HF_ENDPOINT), so that the progress bar, speed and ETA are caught
mid-way. The file is as large as the catalog says, produced lazily; its first part is a sparse
partial file, as an interrupted download leaves it, so the download resumes with a Range request.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

ROOT = Path(__file__).resolve().parents[1]
RESUMED_FRACTION = 0.42
SERVE_RATE = 24e6  # bytes per second


def _settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _controller(window):
    from app.ui.settings.settings_controller import attach_settings

    return attach_settings(window, download_token=False)


def _add_requantized_copy(model: Path) -> Path:
    """A real second quantization beside the demo model, made by llama.cpp's quantizer."""
    import llama_cpp

    target = model.with_name(model.name.replace("q4_k_m", "q8_0"))
    if not target.exists():
        params = llama_cpp.llama_model_quantize_default_params()
        params.ftype = 7  # Q8_0
        params.allow_requantize = True
        params.nthread = 2
        llama_cpp.llama_model_quantize(str(model).encode(), str(target).encode(), params)
    return target


def scene_settings(window, tab: int = 1) -> None:
    _add_requantized_copy(window.loaded.options.model_path)
    controller = _controller(window)
    dialog = controller.open_settings()
    dialog.resize(820, 640)
    dialog.move(230, 90)
    dialog.tabs.setCurrentIndex(tab)


def scene_settings_model(window) -> None:
    scene_settings(window, tab=0)


class _GeneratedBytes:
    """`length` bytes made on demand, handed out at about `rate` bytes a second."""

    def __init__(self, length: int, rate: float, start: int = 0) -> None:
        self.length, self.rate, self.start = length, rate, start

    def __len__(self) -> int:
        return self.length - self.start

    def __getitem__(self, key: slice):
        if key.stop is None:
            return _GeneratedBytes(self.length, self.rate, self.start + (key.start or 0))
        size = min(key.stop, len(self)) - (key.start or 0)
        time.sleep(size / self.rate)  # pacing the stand-in server
        return bytes(size)


def scene_download(window):
    sys.path.insert(0, str(ROOT))
    from app.core.hub.downloads import partial_path, remote_file_info, repo_folder
    from app.ui.model_manager.model_manager_dialog import ID_ROLE
    from tests.fake_hub import HostedFile, start_fake_hub

    class GeneratedFile(HostedFile):
        sha256 = "5f" * 32  # never checked: the scene ends mid-download
        git_blob_id = "3c" * 20

    hub, server, _thread = start_fake_hub()
    os.environ["HF_ENDPOINT"] = hub.url
    controller = _controller(window)
    manager = controller.open_model_manager()
    manager.resize(960, 700)
    manager.move(160, 70)
    catalog_model = next(m for m in manager.catalog.models
                         if m.family == "gemma3n" and m.size == "E2B" and m.quantization == "Q4_K_M" and m.size_bytes)
    hub.files[(catalog_model.repo, catalog_model.file)] = GeneratedFile(
        content=_GeneratedBytes(catalog_model.size_bytes, SERVE_RATE))
    remote = remote_file_info(catalog_model.repo, catalog_model.file, token=False)
    folder = repo_folder(catalog_model.repo, manager.models_folder)
    folder.mkdir(parents=True, exist_ok=True)
    with partial_path(folder, catalog_model.file, remote).open("wb") as partial:
        partial.truncate(int(catalog_model.size_bytes * RESUMED_FRACTION))  # sparse: no disk used
    manager.projector_check.setChecked(False)
    for index in range(manager.catalog_list.topLevelItemCount()):
        item = manager.catalog_list.topLevelItem(index)
        if item.data(0, ID_ROLE) == catalog_model.id:
            manager.catalog_list.setCurrentItem(item)
    manager.download_button.click()
    seen = []
    manager.downloadProgress.connect(lambda _index, progress: seen.append(progress))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (seen and seen[-1].eta_seconds and len(seen) > 12):
        _settle(200)

    def cleanup() -> None:
        manager.cancel()
        server.shutdown()
    return cleanup


def scene_audio_encoder(window):
    """An installed Gemma 3n E2B (a header-only stand-in) getting its audio encoder from a
    loopback Google checkpoint: the small test checkpoint, served slowly so the bar is caught."""
    sys.path.insert(0, str(ROOT))
    from app.core import paths
    from tests.fake_checkpoint import build_checkpoint
    from tests.fake_hub import start_fake_hub
    from tests.model_factory import write_synthetic_model
    from tests.ui.settings_support import ThrottledBytes

    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="gemma-desk-shot-data-")
    folder = paths.models_folder() / "unsloth__gemma-3n-E2B-it-GGUF"
    folder.mkdir(parents=True)
    write_synthetic_model(folder / "gemma-3n-E2B-it-Q4_K_M.gguf")
    hub, server, _thread = start_fake_hub()
    os.environ["HF_ENDPOINT"] = hub.url
    checkpoint = build_checkpoint()
    checkpoint.host(hub, "google/gemma-3n-E2B-it", **{
        name: {"served": ThrottledBytes(content, rate=30e3)} for name, content in checkpoint.shards.items()})
    manager = _controller(window).open_model_manager()
    manager.resize(960, 700)
    manager.move(160, 70)
    manager.installed_list.setCurrentRow(0)
    manager.token_edit.setText("hf_" + "x" * 30)
    manager.audio_encoder_button.click()
    seen = []
    manager.downloadProgress.connect(lambda _index, progress: seen.append(progress))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (seen and (seen[-1].fraction or 0) > 0.3):
        _settle(200)

    def cleanup() -> None:
        manager.pause()
        server.shutdown()
    return cleanup
