"""The llama.cpp session: one loaded model, prompt formats, media and sampling (no Qt)."""
