"""What the app keeps on disk: conversations, transcripts, media and settings."""
