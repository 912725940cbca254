"""The chat: conversation list, message view, composer and image attachments."""
