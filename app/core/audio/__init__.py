"""Audio for speech tasks: capture, resampling, chunking, files and transcript export (no Qt)."""
