"""Gemma Desk: an offline, multimodal desktop assistant for Gemma GGUF models."""

__version__ = "0.1.0"
