"""The status bar says where answers come from."""

from tests.ui.conftest import make_window, no_leaked_engine_threads  # noqa: F401


def test_the_status_bar_names_the_model_on_this_computer(make_window, gemma_model_path):
    window = make_window()
    assert window.source_label.text() == f"Answers from {gemma_model_path.name} on this computer"
    assert window.source_label.isVisibleTo(window)
