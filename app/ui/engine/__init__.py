"""The engine thread and its requests, as seen from the GUI."""
