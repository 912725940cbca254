"""A conversation's data: messages, images and what the engine is asked (no Qt)."""
