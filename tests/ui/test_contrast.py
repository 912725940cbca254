"""Every text/background pair the app paints reads at WCAG AA (4.5:1) in the light and dark theme."""

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from app.ui.chat.chat_view import MessageBubble
from app.ui.chat.code_block import token_colors
from app.ui.common.notice_bar import NoticeBar
from app.ui.main_window_view import MainWindowView
from app.ui.settings.appearance import (
    CODE_STYLES,
    MIN_CONTRAST,
    SURFACES,
    TEXT_ON_BACKGROUND_ROLES,
    contrast_ratio,
    dark_palette,
    light_palette,
    message_style,
)

PALETTES = {"light": light_palette, "dark": dark_palette}


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_palette_roles_read(theme):
    palette = PALETTES[theme]()
    failures = []
    for text_role, background_role in TEXT_ON_BACKGROUND_ROLES:
        ratio = contrast_ratio(palette.color(text_role), palette.color(background_role))
        if ratio < MIN_CONTRAST:
            failures.append(f"{text_role.name} on {background_role.name}: {ratio:.2f}")
    assert not failures, failures


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_surface_reads(theme):
    palette = PALETTES[theme]()
    failures = []
    for name, surface in SURFACES[theme].items():
        for kind, color in (("text", surface.text), ("muted", surface.muted)):
            if color and contrast_ratio(color, surface.background) < MIN_CONTRAST:
                failures.append(f"{name} {kind}: {contrast_ratio(color, surface.background):.2f}")
    for bubble in ("bubble-user", "bubble-model", "card"):  # links in answers and cards
        background = SURFACES[theme][bubble].background
        if contrast_ratio(palette.color(QPalette.Link), background) < MIN_CONTRAST:
            failures.append(f"link on {bubble}")
    assert not failures, failures


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_code_tokens_read_on_the_code_block(theme):
    background = SURFACES[theme]["code"].background
    colours = token_colors(CODE_STYLES[theme], background)
    low = {str(token): color for token, (color, _, _) in colours.items()
           if color and contrast_ratio(color, background) < MIN_CONTRAST}
    assert not low, low


def _grab_pixel(widget, x, y) -> QColor:
    return QColor(widget.grab().toImage().pixel(x, y))


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["error", "warning", "info"])
def test_notice_is_painted_with_its_readable_colours(qtbot, qapp, theme, kind):
    original = qapp.palette()
    qapp.setPalette(PALETTES[theme]())
    try:
        notice = NoticeBar()
        qtbot.addWidget(notice)
        notice.resize(500, 40)
        notice.show_message("Something to read", kind=kind)
        painted = _grab_pixel(notice, notice.width() // 2, 2)
        text = notice.label.palette().color(QPalette.WindowText)
        assert contrast_ratio(text, painted) >= MIN_CONTRAST, (text.name(), painted.name())
        assert painted.name() == SURFACES[theme][f"notice-{kind}"].background
    finally:
        qapp.setPalette(original)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("role", ["user", "model"])
def test_bubble_text_reads_on_the_bubble(qtbot, qapp, theme, role):
    original = qapp.palette()
    qapp.setPalette(PALETTES[theme]())
    try:
        bubble = MessageBubble(role, "Hello")
        qtbot.addWidget(bubble)
        bubble.resize(400, 120)
        bubble.set_status("stopped")
        painted = _grab_pixel(bubble, bubble.width() - 6, bubble.height() // 2)
        for label in (bubble.author, bubble.status_label):
            text = label.palette().color(QPalette.WindowText)
            assert contrast_ratio(text, painted) >= MIN_CONTRAST, (label.objectName(), text.name(), painted.name())
    finally:
        qapp.setPalette(original)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_status_bar_and_welcome_read(qtbot, qapp, theme):
    original = qapp.palette()
    qapp.setPalette(PALETTES[theme]())
    try:
        window = MainWindowView()
        qtbot.addWidget(window)
        window.resize(900, 600)
        window.model_label.setText("Gemma 3 270M · Q4_K_M")
        window.speed_label.setText("41.0 tok/s")
        status = window.statusBar()
        painted = _grab_pixel(status, status.width() // 2, 1)
        for label in (window.model_label, window.speed_label, window.context_label):
            text = label.palette().color(QPalette.WindowText)
            assert contrast_ratio(text, painted) >= MIN_CONTRAST, (text.name(), painted.name())
        card = window.chat_view.welcome.cards[0]
        card.resize(card.sizeHint())
        card_background = _grab_pixel(card, card.width() // 2, 3)
        for label in card.findChildren(QLabel):
            text = label.palette().color(QPalette.WindowText)
            assert contrast_ratio(text, card_background) >= MIN_CONTRAST, (text.name(), card_background.name())
    finally:
        qapp.setPalette(original)


def test_switching_theme_recolours_open_bubbles_code_and_notice(qtbot, qapp):
    original = qapp.palette()
    qapp.setPalette(light_palette())
    try:
        window = MainWindowView()
        qtbot.addWidget(window)
        window.resize(900, 700)
        window.show()
        bubble = window.chat_view.add_message("model", "Look:\n\n```python\nprint('hi')\n```")
        window.notice.show_message("Careful", kind="warning")
        qapp.setPalette(dark_palette())
        dark = SURFACES["dark"]
        qtbot.waitUntil(lambda: dark["bubble-model"].background in bubble.styleSheet())
        [block] = bubble.body.code_blocks()
        keyword = block.text.document().begin().begin().fragment().charFormat().foreground().color()
        assert contrast_ratio(keyword, dark["code"].background) >= MIN_CONTRAST
        assert dark["notice-warning"].background in window.notice.styleSheet()
    finally:
        qapp.setPalette(original)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["error", "warning"])
def test_inline_dialog_messages_read_on_the_window(qapp, theme, kind):
    original = qapp.palette()
    qapp.setPalette(PALETTES[theme]())
    try:
        color = message_style(kind).removeprefix("color: ").rstrip(";")
        assert contrast_ratio(color, qapp.palette().color(QPalette.Window)) >= MIN_CONTRAST
    finally:
        qapp.setPalette(original)
