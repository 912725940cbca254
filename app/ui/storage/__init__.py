"""The conversation database, as the window meets it."""
