"""How an answer reads in its bubble: the model's text is never HTML, line breaks stay, code
blocks are highlighted with their own Copy, tables and quotes have a visible shape."""

import pytest
from PySide6.QtGui import QGuiApplication, QTextFormat, QTextTable

from app.ui.chat.chat_view import ChatView, MessageBubble
from app.ui.chat.code_block import CodeBlock
from app.ui.chat.markdown_render import quote_bars, split_fenced_code


@pytest.fixture
def answer(qtbot):
    def make(text: str) -> MessageBubble:
        bubble = MessageBubble("model", text)
        qtbot.addWidget(bubble)
        bubble.resize(600, 400)
        return bubble

    return make


@pytest.mark.parametrize(
    "text",
    [
        "In Java use List<String> names",
        "wrap it in the <b> tag. This sentence continues to the end.",
        "<script>alert('hi')</script> and the answer goes on.",
        "Compare a <b> b and c > d, then <i>nothing</i> is styled.",
    ],
)
def test_model_text_is_never_read_as_html(answer, text):
    bubble = answer(text)
    assert bubble.visible_text() == text
    assert bubble.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Roses are red,\nViolets are blue,\nSugar is sweet.",
        "Jane Doe\n12 High Street\nSpringfield",
        "(a) the first point\n(b) the second point",
    ],
)
def test_single_line_breaks_are_kept(answer, text):
    assert answer(text).visible_text() == text


def test_code_block_is_highlighted_and_has_its_own_copy(answer, qtbot):
    code = 'def greet(name):\n    return f"Hello, {name}!"  # friendly'
    bubble = answer(f"Here you go:\n\n```python\n{code}\n```\n\nThat is all.")
    [block] = bubble.body.code_blocks()
    assert block.visible_text() == code
    assert block.language_label.text() == "python"
    document = block.text.document()
    colours = set()
    block_ = document.begin()
    while block_.isValid():
        iterator = block_.begin()
        while not iterator.atEnd():
            colours.add(iterator.fragment().charFormat().foreground().color().name())
            iterator += 1
        block_ = block_.next()
    assert len(colours) >= 3, f"keyword, string and comment should differ in colour, got {colours}"
    QGuiApplication.clipboard().clear()
    block.copy_button.click()
    assert QGuiApplication.clipboard().text() == code
    assert "Here you go:" in bubble.visible_text() and "That is all." in bubble.visible_text()


def test_code_keeps_angle_brackets_and_unknown_languages(answer):
    bubble = answer("```nosuchlanguage\n<b>not bold</b> & List<String>\n```")
    [block] = bubble.body.code_blocks()
    assert block.visible_text() == "<b>not bold</b> & List<String>"


def test_table_has_borders_and_a_header(answer):
    bubble = answer("| Model | Size |\n|---|---|\n| 270M | 240 MB |\n| E2B | 3 GB |")
    document = bubble.body.parts[0][1].document()
    tables = [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    assert len(tables) == 1
    table = tables[0]
    assert (table.rows(), table.columns()) == (3, 2)
    assert table.format().border() >= 1
    header = table.cellAt(0, 0).format()
    assert header.background().style() != 0 and header.fontWeight() >= 700


def test_a_table_right_after_a_quote_has_its_header_on_one_line(answer):
    bubble = answer("> Sizes, as measured:\n\n| Model | Size |\n|---|---|\n| 270M | 240 MB |")
    document = bubble.body.parts[0][1].document()
    table = next(frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable))
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        first_line = cell.firstCursorPosition().block()
        assert first_line.text() in ("Model", "Size"), "no empty line above the header's text"
        assert first_line.position() + first_line.length() > cell.lastPosition(), "the header is one line"


def test_quote_looks_like_a_quote(answer):
    bubble = answer("Someone said:\n\n> Simplicity is prerequisite\n> for reliability.")
    document = bubble.body.parts[0][1].document()
    quoted = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.BlockQuoteLevel):
            quoted.append(block)
        block = block.next()
    assert quoted, "the quote should be a quote block"
    assert all(block.blockFormat().background().style() != 0 for block in quoted)
    assert all(block.blockFormat().leftMargin() > 0 for block in quoted)
    assert len(quote_bars(document)) == len(quoted), "each quoted block gets its bar on the left"
    assert "Simplicity is prerequisite\nfor reliability." in bubble.visible_text()


def test_an_unclosed_fence_while_streaming_is_code_so_far():
    segments = split_fenced_code("Start:\n```js\nconsole.log(1)")
    assert [(s.kind, s.text, s.language) for s in segments] == [
        ("markdown", "Start:", ""), ("code", "console.log(1)", "js")]


def test_streaming_is_throttled_and_reuses_blocks(qtbot):
    view = ChatView()
    qtbot.addWidget(view)
    bubble = view.add_message("model", "", "generating")
    view.stream_text("Step one\n```python\nprint(1)")
    assert bubble.visible_text() == "", "rendering waits for the timer, not every token"
    qtbot.waitUntil(lambda: bubble.visible_text() == "Step one\nprint(1)")
    [first_block] = bubble.body.code_blocks()
    view.stream_text("Step one\n```python\nprint(1)\nprint(2)\n```\nDone.")
    qtbot.waitUntil(lambda: bubble.visible_text().endswith("Done."))
    assert bubble.body.code_blocks() == [first_block]
    assert isinstance(first_block, CodeBlock) and first_block.code == "print(1)\nprint(2)"


def test_user_text_is_shown_exactly(qtbot):
    bubble = MessageBubble("user", "Is <b> a tag?\n**not bold**")
    qtbot.addWidget(bubble)
    assert bubble.visible_text() == "Is <b> a tag?\n**not bold**"


@pytest.mark.parametrize(
    "text",
    [
        r"The sum \(\sum_i a_i^2\) is never negative.",
        "Display math:\n\\[x = \\frac{-b}{2a}\\]\nand inline \\(a_i^2\\) too.",
        "| term | value |\n|---|---|\n| square | \\(a^2\\) |",
        r"In code it stays as typed: `\(x\)` and `\\[y\\]`.",
        "A code block:\n\n    print(r'\\(x\\)')\n\nafter it \\[z\\].",
    ],
)
def test_latex_delimiters_keep_their_backslashes(answer, qtbot, text):
    bubble = answer(text)
    shown = bubble.visible_text()
    for delimiter in ("\\(", "\\)", "\\[", "\\]"):
        assert shown.count(delimiter) == text.count(delimiter), shown
    assert bubble.text == text, "Copy gives the raw answer"


def test_escapes_other_than_latex_delimiters_still_escape(answer):
    assert answer(r"\*not italic\* and a \\(backslash\\) pair").visible_text() == r"*not italic* and a \(backslash\) pair"
