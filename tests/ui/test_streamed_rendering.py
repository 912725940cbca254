"""While an answer streams, only what changed is rendered again, and what shows is exactly what a
whole render shows: the same blocks, formats and list numbers, the same pixels, on screen too."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication

from app.ui.chat import chat_view as chat_view_module
from app.ui.chat import markdown_render
from app.ui.chat.chat_view import ChatView, MarkdownText, MessageBubble
from app.ui.chat.code_block import highlight
from app.ui.chat.markdown_render import MarkdownRenderer, render_markdown
from app.ui.chat.render_pace import RenderPace
from app.ui.settings.appearance import SURFACES, dark_palette, light_palette

ANSWER = """## Sorting a list in Python

Python has two ways: `sorted()` returns a new list, and `list.sort()` sorts in place.

1. Decide whether you need a **new list**.
2. Pick a `key` function.

3. Pass `reverse=True` for descending order (the blank line above loosens the whole list).

```python
words = ["banana", "Apple", "cherry"]
print(sorted(words, key=str.lower))  # ['Apple', 'banana', 'cherry'] 😀
```

> Sorting is stable:
> equal items keep their order.
>
> > A nested quote.

- a
  - nested b
- c

Setext heading
--------------

    indented code

---

Final words with a [link](http://example.com), an emoji 😀 and <b>no html</b>.
- [ ] a task
- [x] done
"""

MARKDOWN_ONLY = [
    ANSWER.replace("```", "~~~"),  # the fence as prose: lists, quotes and headings in one document
    "Intro\n* one\n* two\nText right after\n3) three\n4) four\n\n+ plus\n",
    "A [ref] used before it is defined.\n\n[ref]: http://example.com\n\nAfter.",
    "Squares first.\n\nSo \\(a_i^2\\) grows:\n\\[\n\\sum_i a_i^2\n\\]\n- \\(x\\) in `\\(code\\)`\n- **\\[y\\]**\n",
]


def block_dump(document: QTextDocument) -> list:
    """Everything a render sets, block by block (list objects by their number, not their index)."""
    blocks = []
    block = document.begin()
    while block.isValid():
        block_format = block.blockFormat()
        block_format.clearProperty(QTextFormat.ObjectIndex)
        text_list = block.textList()
        in_list = (text_list.format(), text_list.itemNumber(block), text_list.itemText(block)) if text_list else None
        fragments = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fragments.append((fragment.text(), fragment.charFormat()))
            iterator += 1
        blocks.append((block_format, block.charFormat(), fragments, in_list))
        block = block.next()
    return blocks


def drawn(document: QTextDocument) -> QImage:
    image = QImage(440, int(document.size().height()) + 4, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    return image


def laid_out() -> QTextDocument:
    """A document with a layout, as a text widget's is (it reports its changes only then)."""
    document = QTextDocument()
    document.documentLayout()
    document.setTextWidth(420)
    return document


def settle(app) -> None:
    for _ in range(6):
        app.processEvents()


@pytest.mark.parametrize("text", MARKDOWN_ONLY)
def test_rewriting_changed_blocks_gives_what_a_whole_render_gives_at_every_step(qapp, text):
    colors = SURFACES["light"]
    streamed, whole = laid_out(), laid_out()  # `whole`: rendered as before, all of it each time
    renderer = MarkdownRenderer(streamed)
    for end in range(1, len(text) + 1, 2):
        renderer.render(text[:end], colors)
        render_markdown(whole, text[:end], colors)
        assert block_dump(streamed) == block_dump(whole), f"after {text[:end][-30:]!r}"
        if end % 41 == 1:
            assert drawn(streamed) == drawn(whole), f"pixels after {text[:end][-30:]!r}"
    renderer.render(text, colors)
    render_markdown(whole, text, colors)
    assert drawn(streamed) == drawn(whole)


def test_streaming_rewrites_only_the_last_paragraph(qapp):
    document = laid_out()
    renderer = MarkdownRenderer(document)
    changes = []
    document.contentsChange.connect(lambda position, removed, added: changes.append(position))
    paragraphs = ["First paragraph, long done.", "Second one, also done.", "Third, still being wr"]
    renderer.render("\n\n".join(paragraphs), SURFACES["light"])
    third = document.findBlockByNumber(2).position()
    changes.clear()
    renderer.render("\n\n".join(paragraphs) + "itten", SURFACES["light"])
    assert changes and min(changes) >= third - 1, "the first two paragraphs were not touched"
    assert document.toPlainText().endswith("Third, still being written")


def test_a_streamed_answer_is_rendered_whole_only_while_its_first_block_streams(qtbot, monkeypatch):
    """The old view set each changed Markdown text again, whole, on every pass (a render_markdown call)."""
    calls = []
    whole_render = markdown_render.render_markdown

    def counted(*args):
        calls.append(args[1])
        whole_render(*args)

    monkeypatch.setattr(chat_view_module, "render_markdown", counted, raising=False)  # the old view's
    render_whole = MarkdownRenderer._render_whole

    def counted_whole(renderer, markdown, *args, **kwargs):
        calls.append(markdown)
        render_whole(renderer, markdown, *args, **kwargs)

    monkeypatch.setattr(MarkdownRenderer, "_render_whole", counted_whole)
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    bubble = view.add_message("model", "", "generating")
    pieces = re.findall(r"\S+\s*|\s+", ANSWER)
    for end in range(2, len(pieces) + 2, 2):
        view.stream_text("".join(pieces[:end]))
        view._render_pending()
    texts = [widget for _, widget in bubble.body.parts if isinstance(widget, MarkdownText)]
    assert len(texts) == 2
    assert calls, "each text's first render is whole"
    later = [text for text in calls if "\n\n" in text.strip()]
    assert not later, f"{len(later)} of {len(calls)} whole renders after a text's first block was done"
    view.finish_stream(ANSWER, "complete")
    assert bubble.visible_text() == MessageBubble("model", ANSWER).visible_text()


@pytest.mark.parametrize("language", ["python", "js", "nosuchlanguage", ""])
def test_a_growing_code_block_is_extended_and_coloured_as_a_whole_highlight_would(qapp, language):
    code = 'def greet(name):\n    """Say hi 😀"""\n    return f"Hello, {name}!"  # friendly\n\nx = `a` + \'b\'\n'
    steps = [code[:end] for end in range(len(code) + 1)] + [code + "``", code + "`", code]  # a fence half typed
    surface = SURFACES["dark"]["code"]
    document, shown = QTextDocument(), None
    changes = []
    document.contentsChange.connect(lambda position, removed, added: changes.append(position))
    for step in steps:
        changes.clear()
        shown = highlight(document, step, language, "dark", surface, shown)
        whole = QTextDocument()
        highlight(whole, step, language, "dark", surface)
        assert block_dump(document) == block_dump(whole), f"after {step[-20:]!r}"
        if len(step) > 40 and step.startswith(code[:40]):
            assert min(changes, default=len(step)) > 0, "the first line was not set again"


def test_colours_follow_a_new_theme_and_unchanged_code_is_left_alone(qapp):
    document = QTextDocument()
    light = highlight(document, "x = 'a'  # c", "python", "light", SURFACES["light"]["code"])
    assert highlight(document, "x = 'a'  # c", "python", "light", SURFACES["light"]["code"], light) is light
    highlight(document, "x = 'a'  # c", "python", "dark", SURFACES["dark"]["code"], light)
    whole = QTextDocument()
    highlight(whole, "x = 'a'  # c", "python", "dark", SURFACES["dark"]["code"])
    assert block_dump(document) == block_dump(whole)


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_text_on_the_bubble_colour_looks_like_text_on_a_transparent_background(qtbot, palette):
    QGuiApplication.setPalette(palette())
    try:
        for role in ("user", "model"):
            bubble = MessageBubble(role, ANSWER)
            qtbot.addWidget(bubble)
            bubble.resize(640, 1100)
            bubble.show()
            settle(QApplication.instance())
            opaque = bubble.grab().toImage()
            for text in bubble.findChildren(MarkdownText):
                assert text.viewport().testAttribute(Qt.WA_OpaquePaintEvent)
                text._background = None
                text.viewport().setAttribute(Qt.WA_OpaquePaintEvent, False)
            assert bubble.grab().toImage() == opaque
    finally:
        QGuiApplication.setPalette(light_palette())


@pytest.mark.parametrize("history", [0, 2])
def test_what_is_on_screen_while_streaming_is_a_fresh_paint(qtbot, history):
    """The window's pixels (what earlier paints left) against a paint of the whole view from scratch."""
    app = QApplication.instance()
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    for _ in range(history):
        view.add_message("user", "Again, please.")
        view.add_message("model", ANSWER)
    view.add_message("user", "How do I sort a list?")
    view.add_message("model", "", "generating")
    settle(app)
    screen = QGuiApplication.primaryScreen()
    pieces = re.findall(r"\S+\s*|\s+", ANSWER)
    for end in range(4, len(pieces) + 4, 4):
        view.stream_text("".join(pieces[:end]))
        view._render_pending()
        settle(app)
        fresh = view.grab().toImage()
        shown = screen.grabWindow(view.winId()).toImage().convertToFormat(fresh.format())
        assert shown == fresh, f"after {''.join(pieces[:end])[-30:]!r}"


def test_quote_bars_are_looked_for_only_where_there_are_quotes(qtbot):
    plain = MessageBubble("model", "Just words.\n\n- and a list")
    quoted = MessageBubble("model", "Someone said:\n\n> Simplicity.")
    table = MessageBubble("model", "| a |\n|---|\n| 1 |")
    for bubble in (plain, quoted, table):
        qtbot.addWidget(bubble)
    assert not plain.body.parts[0][1].markdown.has_quotes
    assert quoted.body.parts[0][1].markdown.has_quotes
    assert table.body.parts[0][1].markdown.has_quotes, "a table is rendered whole: its blocks are not read"


def test_render_pace_waits_longer_when_rendering_costs_more():
    now = [0.0]
    pace = RenderPace(share=0.02, shortest_s=0.05, longest_s=0.25, clock=lambda: now[0])
    assert pace.interval_ms() == 50
    pace.render_starts()
    now[0] += 0.0005  # half a millisecond of rendering, layout and paint: the 50 ms pace stays
    pace.token_arrives()
    assert pace.interval_ms() == 50
    for _ in range(4):
        pace.render_starts()
        now[0] += 0.003  # 3 ms a render: 150 ms between them keeps it at 2 % of a core
        pace.token_arrives()
    assert 140 <= pace.interval_ms() <= 150
    pace.render_starts()
    now[0] += 0.05
    pace.token_arrives()
    assert pace.interval_ms() == 250, "never longer than the longest wait"
    pace.token_arrives()
    assert pace.interval_ms() == 250, "a token without a render before it measures nothing"


def test_the_view_renders_less_often_after_a_costly_render(qtbot):
    view = ChatView()
    qtbot.addWidget(view)
    now = [0.0]
    view.pace = RenderPace(clock=lambda: now[0])
    view.add_message("model", "", "generating")
    view.stream_text("Once")
    assert view._render_timer.interval() == 50
    view._render_timer.stop()
    view._render_pending()
    now[0] += 0.004  # the render, its layout and paint took 4 ms of the GUI thread
    view.stream_text("Once upon")
    assert view._render_timer.interval() == 200
    view._render_timer.stop()
    view._render_pending()
    view.finish_stream("Once upon a time.", "complete")
    assert not view._render_timer.isActive()
    now[0] += 5.0  # the user reads, then asks again: that time is not the last render's cost
    view.add_message("model", "", "generating")
    view.stream_text("Twice")
    assert view._render_timer.interval() == 200
