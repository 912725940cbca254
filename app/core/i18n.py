"""Marking core sentences for translation without importing Qt.

`pyside6-lupdate` finds `QT_TRANSLATE_NOOP("context", "text")` by name in any Python file, so
core code marks its user-facing sentences with this plain function and the window translates
them later (`app/ui/common/i18n.py`). At run time it only returns the English text: the command
line and the server stay English."""

ERRORS_CONTEXT = "UserError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return `text` unchanged; the call only marks it for `pyside6-lupdate` under `context`."""
    del context
    return text
