"""Hugging Face: downloads and the Gemma 3n audio encoder fetch (no Qt)."""
