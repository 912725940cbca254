"""The one base class for problems the user can see and fix.

Every error whose message is a sentence meant for the user derives from `UserError`. The edges
(the engine thread, the command line, the window's controllers) catch `UserError` and show its
sentence; anything else is a bug and is logged as one."""


class UserError(Exception):
    """A failure the user should see as a message, not as a bug."""
