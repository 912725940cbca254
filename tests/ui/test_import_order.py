"""llama.cpp's libraries are loaded before Qt's when the window starts (a CUDA build crashed at the
model load when Qt came first)."""

import subprocess
import sys


def test_the_window_loads_llama_cpp_before_qt():
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app.ui.application"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    imported = [line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert "llama_cpp" in imported and "PySide6" in imported
    assert imported.index("llama_cpp") < imported.index("PySide6")


def test_the_window_loads_the_engines_qt_free_core_before_qt():
    """Once PySide6 is imported, its import hook reads the source of every module imported after
    it; the core the first load needs comes first (~20 ms sooner to the load)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app.ui.application"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    imported = [line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    qt = imported.index("PySide6")
    assert all(imported.index(core) < qt for core in ("app.core.engine.engine", "app.core.models.containment",
                                                        "app.core.load_plan", "app.core.models.library"))
