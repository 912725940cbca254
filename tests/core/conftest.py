from pathlib import Path

import pytest

from app.core.engine.engine import ChatEngine
from app.core.engine.options import LoadOptions


@pytest.fixture(scope="module")
def engine(gemma_model_path: Path):
    """One real engine on the Gemma 3 270M file, shared by a test module."""
    engine = ChatEngine(LoadOptions(model_path=gemma_model_path, n_ctx=2048, n_threads=2))
    yield engine
    engine.close()
