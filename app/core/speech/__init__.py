"""Dictation: chunking, transcription and transcript export (no Qt)."""
