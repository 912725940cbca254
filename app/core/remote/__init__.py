"""Another computer's OpenAI-compatible server as the app's engine (the opposite of `server/`)."""
