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
