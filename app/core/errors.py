"""The one base class for problems the user can see and fix.

Every error whose message is a sentence meant for the user derives from `UserError`. The edges
(the engine thread, the command line, the window's controllers) catch `UserError` and show its
sentence; anything else is a bug and is logged as one.

A message is an English template marked with `QT_TRANSLATE_NOOP("UserError", ...)` plus named
arguments: `str(err)` is the English sentence (command line, server, logs), and the window
translates the template and fills in the same arguments (`app.ui.common.i18n.error_text`)."""

from typing import Any


class UserError(Exception):
    """A failure the user should see as a message, not as a bug."""

    def __init__(self, template: str = "", /, **arguments: Any) -> None:
        self.template = template
        self.arguments = arguments
        super().__init__(fill_template(template, arguments))


def fill_template(template: str, arguments: dict[str, Any]) -> str:
    """The sentence with its arguments in; a template without arguments is taken literally."""
    return template.format(**arguments) if arguments else template


def same_message(error_class: type[UserError], error: UserError) -> UserError:
    """`error`'s sentence, template and arguments kept, as another kind of user error."""
    return error_class(error.template, **error.arguments)
