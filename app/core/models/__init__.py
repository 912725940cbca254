"""Model files on disk: what a GGUF is, what goes with it, whether it fits (no Qt)."""
