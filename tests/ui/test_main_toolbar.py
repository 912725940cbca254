"""The main toolbar: the first actions people look for, with icons, shortcuts named, doing the real thing."""

from PySide6.QtWidgets import QFileDialog

from app.core.engine.options import LoadOptions
from app.ui.main_toolbar import TOOLBAR_OBJECT_NAME
from app.ui.settings.appearance import dark_palette
from tests.projector_factory import write_gemma3nv_projector
from tests.ui.conftest import WAIT_MS


def toolbar_actions(window):
    from PySide6.QtWidgets import QToolBar

    toolbar = window.findChild(QToolBar, TOOLBAR_OBJECT_NAME)
    assert toolbar is not None and toolbar.isVisible()
    return {action.text(): action for action in toolbar.actions()}


def test_toolbar_actions_have_icons_and_name_their_shortcuts(qtbot, make_window):
    window = make_window(load=False)
    actions = toolbar_actions(window)
    assert {"New chat", "Attach image…", "Dictation", "Settings…", "Model manager…"} <= set(actions)
    for action in actions.values():
        assert not action.icon().isNull(), action.text()
        assert not action.icon().pixmap(20, 20).isNull(), action.text()
        shortcut = action.shortcut().toString()
        if shortcut:
            assert f"({shortcut})" in action.toolTip(), action.text()
    # The toolbar's actions are the menus' own: same object, shortcut kept in the menu.
    assert actions["New chat"] is window.new_chat_action
    assert actions["Settings…"] is window.settings_action
    assert window.settings_action in window.file_menu.actions()
    assert actions["Attach image…"] in window.file_menu.actions()


def test_toolbar_icons_exist_in_the_dark_theme_too(qtbot, make_window, qapp):
    window = make_window(load=False)
    original = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        for action in toolbar_actions(window).values():
            assert not action.icon().pixmap(20, 20).isNull(), action.text()
    finally:
        qapp.setPalette(original)


def test_toolbar_actions_do_the_real_thing(qtbot, make_window, tmp_path, gemma_model_path, monkeypatch):
    window = make_window(load=False)
    actions = toolbar_actions(window)

    assert not window.dictation_panel.isVisible()
    actions["Dictation"].trigger()
    assert window.dictation_panel.isVisible()

    before = window.chat.conversation
    actions["New chat"].trigger()
    assert window.chat.conversation is not before

    with qtbot.waitSignal(window.settings_action.triggered, timeout=1000):
        actions["Settings…"].trigger()

    # Attach image: disabled with the reason until a model that sees is loaded, then opens the picker.
    assert not actions["Attach image…"].isEnabled()
    assert "projector" in actions["Attach image…"].toolTip()
    projector = write_gemma3nv_projector(tmp_path / "mmproj-gemma3nv.gguf")
    with qtbot.waitSignal(window.modelReady, timeout=WAIT_MS):
        window.load_model(LoadOptions(model_path=gemma_model_path, projector_path=projector, n_ctx=2048, n_threads=2))
    assert actions["Attach image…"].isEnabled()
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kw: (asked.append(args[1]), ([], ""))[1])
    actions["Attach image…"].trigger()
    assert asked == ["Attach images"]
