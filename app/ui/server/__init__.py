"""The window's local OpenAI-compatible server, sharing the window's engine."""
